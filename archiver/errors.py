"""The user's own mistakes: an argument, a setting or the sources file that cannot be
used (pure). ``scrapy crawl`` prints one ``error: <where>: <what>`` line for them and
exits with EXIT_CONFIG, Scrapy's code for a usage error; see archiver.config_check."""

from __future__ import annotations

EXIT_CONFIG = 2


class ConfigError(ValueError):
    """The configuration (arguments, settings, sources file) cannot be used; the message
    names where the mistake is (file and field, ``-a`` argument or setting)."""
