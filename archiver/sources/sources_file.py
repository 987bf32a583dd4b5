"""The sources file: which aggregators to archive and how (pure, no Scrapy).

A source is validated when it is loaded, so a typo in sources.yml stops the run with a
message that names the source and the field, instead of failing half way through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from archiver.core.dates import to_iso8601
from archiver.errors import ConfigError
from archiver.sources.revisit import parse_revisit

KINDS = ("auto", "rss", "atom", "json", "html", "sitemap")
FULLTEXT_MODES = ("auto", "feed", "page")


class SourceError(ConfigError):
    """sources.yml (or the spider arguments) describe a source we cannot use."""


@dataclass(frozen=True)
class Source:
    name: str
    urls: tuple[str, ...]
    kind: str = "auto"
    categories: tuple[str, ...] = ()
    author: str | None = None
    enabled: bool = True
    max_items: int | None = None  # per run, per source
    since: str | None = None  # ISO 8601; older entries are skipped
    fulltext: str = "auto"
    timezone: str | None = None  # zone of naive dates on this source (default UTC)
    language: str | None = None
    image_referer: str | bool | None = None  # None: the article page; False: none
    rules: dict[str, Any] = field(default_factory=dict)  # CSS/XPath extraction rules
    link_selector: str | None = None  # html listings: article links
    next_selector: str | None = None  # html listings: next page
    max_pages: int = 1
    revisit: str | None = None  # overrides ARCHIVER_REVISIT for this source (archiver.sources.revisit)

    def __hash__(self) -> int:
        return hash((self.name, self.urls))


def _as_list(value: Any, what: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return tuple(str(item).strip() for item in value if str(item).strip())
    raise SourceError(f"source {source!r}: {what} must be a string or a list of strings")


def make_source(raw: dict[str, Any]) -> Source:
    """Build a Source from one sources.yml entry (or from spider arguments)."""
    if not isinstance(raw, dict):
        raise SourceError(f"a source must be a mapping, not {type(raw).__name__}")
    if isinstance(raw.get("name"), bool) or not isinstance(raw.get("name", ""), (str, int, type(None))):
        # YAML reads "name: off" or "name: yes" as a boolean.
        raise SourceError(f"source name {raw['name']!r} is not text: quote it in YAML")
    name = str(raw.get("name") or "").strip()
    if not name:
        raise SourceError(f"a source has no name: {raw!r}")
    urls = _as_list(raw.get("urls", raw.get("url")), "url(s)", name)
    if not urls:
        raise SourceError(f"source {name!r} has no url")
    for url in urls:
        if not is_source_url(url):
            raise SourceError(f"source {name!r}: url {url!r} is not an http(s) URL")
    kind = str(raw.get("kind", "auto")).lower()
    if kind not in KINDS:
        raise SourceError(f"source {name!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    fulltext = str(raw.get("fulltext", "auto")).lower()
    if fulltext not in FULLTEXT_MODES:
        raise SourceError(f"source {name!r}: fulltext must be one of {', '.join(FULLTEXT_MODES)}")
    max_items = raw.get("max_items")
    if max_items is not None and (not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 0):
        raise SourceError(f"source {name!r}: max_items must be a whole number >= 0")
    max_pages = raw.get("max_pages", 1)
    if max_pages is not None and (not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 0):
        raise SourceError(f"source {name!r}: max_pages must be a whole number >= 0")
    since = raw.get("since")
    since_iso = to_iso8601(str(since)) if since is not None else None
    if since is not None and since_iso is None:
        raise SourceError(f"source {name!r}: since {since!r} is not a date")
    rules = raw.get("rules") or {}
    if not isinstance(rules, dict):
        raise SourceError(f"source {name!r}: rules must be a mapping of field to selector")
    zone = raw.get("timezone")
    if zone is not None:
        try:
            ZoneInfo(str(zone))
        except (ZoneInfoNotFoundError, ValueError) as error:
            # A typo here would silently shift every date (and file name) by hours.
            raise SourceError(f"source {name!r}: unknown timezone {zone!r} (use e.g. Asia/Shanghai)") from error
    referer = raw.get("image_referer")
    if referer is not None and not isinstance(referer, (str, bool)):
        raise SourceError(f"source {name!r}: image_referer must be true, false or a URL")
    revisit = raw.get("revisit")
    if revisit is not None:
        try:
            parse_revisit(revisit)
        except ValueError as error:
            raise SourceError(f"source {name!r}: {error}") from error
    return Source(
        name=name,
        urls=urls,
        kind=kind,
        categories=_as_list(raw.get("categories"), "categories", name),
        author=(str(raw["author"]).strip() or None) if raw.get("author") else None,
        enabled=bool(raw.get("enabled", True)),
        max_items=max_items or None,
        since=since_iso,
        fulltext=fulltext,
        timezone=str(zone) if zone is not None else None,
        language=raw.get("language"),
        image_referer=None if referer is True else referer,
        rules=dict(rules),
        link_selector=raw.get("link_selector"),
        next_selector=raw.get("next_selector"),
        max_pages=max_pages or 1,
        revisit=str(revisit) if revisit is not None else None,
    )


def is_source_url(url: str) -> bool:
    """An http(s) URL with a host (or a file:// URL, for local tests and mirrors)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme == "file":
        return bool(parts.path)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in url)


def whole_number_argument(name: str, value: Any) -> int:
    """A spider argument that must be a whole number (``-a max_items=10``)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise SourceError(f"-a {name}={value!r}: must be a whole number") from None
    if number < 0:
        raise SourceError(f"-a {name}={value!r}: must be a whole number >= 0")
    return number


def _yaml_problem(error: yaml.YAMLError) -> str:
    """One line for a YAML error: what and where (PyYAML's own message spans lines)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"not valid YAML: {problem}{where}"


def load_sources(path: str | Path, include_disabled: bool = False) -> list[Source]:
    """The (enabled) sources of a sources.yml; names must be unique. Every SourceError
    names the file (and the source)."""
    file = Path(path)
    try:
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SourceError(f"{file}: no sources file there (or pass -a url=FEED_URL for one feed)") from error
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{file}: cannot read the sources file ({error})") from error
    except yaml.YAMLError as error:
        raise SourceError(f"{file}: {_yaml_problem(error)}") from error
    entries = (document or {}).get("sources") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise SourceError(f"{file}: expected a list of sources under 'sources:'")
    sources = []
    for number, entry in enumerate(entries, 1):
        try:
            sources.append(make_source(entry))
        except SourceError as error:
            raise SourceError(f"{file}: sources[{number}]: {error}") from error
    names = [source.name for source in sources]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise SourceError(f"{file}: source names must be unique, repeated: {', '.join(duplicated)}")
    return [source for source in sources if source.enabled or include_disabled]
