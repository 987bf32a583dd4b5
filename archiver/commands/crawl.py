"""``scrapy crawl`` with exit codes a scheduler can act on.

Scrapy's own command exits 0 unless the crawler failed to start (1). This one, found
through ``COMMANDS_MODULE = "archiver.commands"``, also reports:

* 2 with one ``error: <where>: <what>`` line on stderr, and no traceback, when an
  argument, a setting or the sources file cannot be used (archiver.errors);
* 3 when another run holds the archive lock (no traceback: the lock extension has
  already logged the reason);
* 4 when the crawl ran but at least one source failed entirely
  (stat ``archiver/sources/failed``).

Scrapy's own usage errors stay 2 and start-up failures stay 1.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING, Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from archiver.archive.lock import ArchiveLocked
from archiver.config_check import check_settings
from archiver.errors import EXIT_CONFIG, EXIT_FAILED, EXIT_LOCKED, ConfigError
from archiver.extensions.run_summary import exit_code_for

if TYPE_CHECKING:
    import argparse

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class Command(ScrapyCrawlCommand):
    def __init__(self) -> None:
        super().__init__()
        self._locked = False  # set when the crawl was refused by the archive lock
        self._config_error = False  # set when the spider refused its arguments or sources

    def short_desc(self) -> str:
        return "Run a spider of the current project (archiver exit codes: 3 locked, 4 source failed)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process is not None
        assert self.settings is not None
        try:
            check_settings(self.settings)
        except ConfigError as error:
            self._report(error)
            return
        crawler = self._create_crawler(args[0])
        outcome = self.crawler_process.crawl(crawler, **opts.spargs)
        self._watch(outcome)
        self.crawler_process.start()
        self.exitcode = self._exit_code(crawler)

    def _report(self, error: ConfigError) -> None:
        sys.stderr.write(f"error: {error}\n")
        self._config_error = True
        self.exitcode = EXIT_CONFIG

    def _exit_code(self, crawler: Crawler) -> int:
        if self._config_error:
            return EXIT_CONFIG
        if self._locked:
            return EXIT_LOCKED
        assert self.crawler_process is not None
        if self.crawler_process.bootstrap_failed:
            return EXIT_FAILED
        try:
            stats = crawler.stats.get_stats()
        except AttributeError:  # crawler never got as far as creating its stats
            return EXIT_FAILED
        return exit_code_for(stats)

    def _watch(self, outcome: Any) -> None:
        # crawl() returns an asyncio Task (AsyncCrawlerProcess, the default) or a
        # Deferred (CrawlerProcess). Only ArchiveLocked is consumed here; every other
        # failure keeps Scrapy's own reporting.
        if isinstance(outcome, asyncio.Future):
            outcome.add_done_callback(self._task_done)
        elif isinstance(outcome, Deferred):
            outcome.addErrback(self._deferred_failed)

    def _task_done(self, task: asyncio.Future[Any]) -> None:
        if task.cancelled():
            return
        exc = task.exception()  # marks it retrieved: asyncio will not log it now
        if isinstance(exc, ArchiveLocked):
            self._locked = True
        elif isinstance(exc, ConfigError):
            self._report(exc)
        elif exc is not None:
            # Put back the report asyncio would have printed for any other failure.
            task.get_loop().call_exception_handler(
                {"message": "Task exception was never retrieved", "exception": exc, "future": task}
            )

    def _deferred_failed(self, failure: Failure) -> Failure | None:
        if isinstance(failure.value, ConfigError):
            self._report(failure.value)
            return None
        if not isinstance(failure.value, ArchiveLocked):
            return failure  # anything else goes on to Scrapy's own reporting
        self._locked = True
        return None
