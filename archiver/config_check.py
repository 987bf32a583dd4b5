"""Mistakes in the command line, the settings or the sources file, found before a crawl.

A typo must cost the user one line that says what is wrong and where, not a traceback
from deep inside a component half way through start-up: ``scrapy crawl`` prints
``error: <where>: <what>`` on stderr and exits with ``archiver.errors.EXIT_CONFIG``
(2, Scrapy's own code for a usage error). ``where`` names the file and field (``sources.yml: source
'bbc': kind ...``), the spider argument (``-a max_items``) or the setting
(``ARCHIVER_BODY_FORMAT``).

The settings, their kinds, minimums and choices come from archiver.config; the body and\nimage formats from the modules that use them: one spelling each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from archiver import config
from archiver.archive.render import BODY_FORMATS
from archiver.errors import ConfigError
from archiver.images.imaging import OUTPUT_FORMATS
from archiver.pipelines.images import parse_size

_CHOICES: dict[str, tuple[str, ...]] = {
    config.BODY_FORMAT.name: BODY_FORMATS,
    config.IMAGE_FORMAT.name: OUTPUT_FORMATS,
    **{setting.name: setting.choices for setting in config.ALL
       if isinstance(setting, config.StrSetting) and setting.choices},
}
_BOOLEANS = tuple(setting.name for setting in config.ALL if isinstance(setting, config.BoolSetting))
# setting -> the smallest value that makes sense
_WHOLE_NUMBERS = {setting.name: setting.minimum for setting in config.ALL
                  if isinstance(setting, config.IntSetting) and setting.minimum is not None}


def _check_site_url(value: Any) -> None:
    if value and not (urlsplit(str(value)).scheme in ("http", "https") and urlsplit(str(value)).netloc):
        raise ValueError("must be an absolute http(s) URL such as https://example.org/")


_OTHER: dict[str, Callable[[Any], Any]] = {
    config.THUMB_SIZE.name: parse_size,
    config.SITE_URL.name: _check_site_url,
}


def check_settings(settings: Any) -> None:
    """Raise ConfigError naming the first ARCHIVER_* setting whose value cannot be used.

    ``settings`` is a Scrapy ``Settings`` (its typed getters are what the components use).
    A setting that is not set at all is left to the component's own default.
    """
    def given(name: str) -> bool:
        return settings.get(name) is not None

    for name, allowed in _CHOICES.items():
        if given(name) and str(settings.get(name)).strip().lower() not in allowed:
            raise ConfigError(f"setting {name}={settings.get(name)!r}: must be one of {', '.join(allowed)}")
    for name in _BOOLEANS:
        try:
            settings.getbool(name)
        except ValueError:
            raise ConfigError(f"setting {name}={settings.get(name)!r}: must be True or False") from None
    for name, minimum in _WHOLE_NUMBERS.items():
        if not given(name):
            continue
        try:
            number: int | None = settings.getint(name)
        except ValueError:
            number = None
        if number is None or number < minimum:
            raise ConfigError(f"setting {name}={settings.get(name)!r}: must be a whole number >= {minimum}")
    for name, check in _OTHER.items():
        try:
            if given(name):
                check(settings.get(name))
        except (ValueError, TypeError) as error:
            raise ConfigError(f"setting {name}={settings.get(name)!r}: {error}") from None
