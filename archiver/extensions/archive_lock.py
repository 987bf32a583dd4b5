"""Refuse to start a crawl while another process writes the same archive.

The lock is taken in ``from_crawler``: Scrapy builds extensions before the engine, the
scheduler and the item pipelines exist, so when the archive is busy the crawl stops
before any pipeline has opened (or cleaned) a file. Raising from ``from_crawler`` is
the only clean way out at that point:

* ``SystemExit`` is not an option: under the default ``AsyncCrawlerProcess`` it does
  exit with its code, but ``-s FORCE_CRAWLER_PROCESS=True`` (Twisted's Deferreds catch
  it) exits 0 with a traceback, and the reactorless mode prints a traceback too;
* ``os._exit`` would kill test runners and skip log flushing.

So :class:`~archiver.archive.lock.ArchiveLocked` propagates like any bootstrap failure (Scrapy
then exits 1 and prints the traceback); ``archiver.commands.crawl`` (our ``scrapy
crawl``) recognizes it, drops the traceback and exits with :data:`archiver.errors.EXIT_LOCKED`. The
ERROR line logged here is the message the user reads either way.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archiver import config
from archiver.archive.lock import ArchiveLock, ArchiveLocked
from archiver.archive.store import work_dir

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ArchiveLockExtension:
    """Holds ``<archive>/.archiver/lock`` from start-up until the engine stops.

    Settings: ``ARCHIVER_LOCK`` (bool, default True) and the archive root,
    ``ARCHIVER_OUTPUT`` (default ``output``), or ``ARCHIVER_WORK_DIR`` when the archive is
    in an object store (the lock is then this machine's only: see docs/distributed.md).
    """

    def __init__(self, lock: ArchiveLock) -> None:
        self.lock = lock

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveLockExtension:
        if not config.LOCK.get(crawler.settings):
            raise NotConfigured
        root = work_dir(crawler.settings)  # the archive folder, or ARCHIVER_WORK_DIR beside an object store
        lock = ArchiveLock(root)
        try:
            lock.acquire()
        except ArchiveLocked as exc:
            logger.error("%s; this run stops without touching it.", exc)
            raise
        ext = cls(lock)
        # engine_stopped comes after spider_closed and every close_spider(), so the
        # writer and the feed exporter finish their last writes under the lock. A
        # crawl that dies without it releases the lock with the process.
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self, **_: Any) -> None:
        self.lock.release()
