"""The user's own mistakes, and every exit code the commands use (pure).

An argument, a setting or the sources file that cannot be used is a :class:`ConfigError`:
``scrapy crawl`` prints one ``error: <where>: <what>`` line for it and exits with
EXIT_CONFIG, Scrapy's code for a usage error; see archiver.config_check. The codes are
documented in the README ("Exit codes"); schedulers (``scrapy every``, the fleet worker)
read them, so each is spelled here only.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # the command or crawl could not run (start-up failure, crash)
EXIT_CONFIG = 2  # a usage or configuration error: retrying will not help
EXIT_LOCKED = 3  # the archive (or a fleet run) is held by another run: skipped
EXIT_SOURCES_FAILED = 4  # the run finished, but at least one source failed entirely

EXIT_MEANINGS = {
    EXIT_LOCKED: "archive locked by another run, skipped",
    EXIT_SOURCES_FAILED: "a source failed entirely",
}


class ConfigError(ValueError):
    """The configuration (arguments, settings, sources file) cannot be used; the message
    names where the mistake is (file and field, ``-a`` argument or setting)."""
