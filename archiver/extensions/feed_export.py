"""Regenerate the archive's JSON feeds when a crawl closes, if the crawl changed anything."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archiver import config
from archiver import stats as stats_keys
from archiver.archive.jsonfeed import (
    ARCHIVE_FEED_NAME,
    FEEDS_DIR,
    RENDER_CHUNK,
    STALE_MARKER,
    ExportResult,
    FeedOptions,
    SkippedPost,
    open_item_store,
    plan_export,
    render_posts,
    store_rendered,
    write_feeds,
)
from archiver.archive.store import ArchiveStore, archive_spec, open_store, work_dir
from archiver.workers.process_pool import ProcessPool

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# Counted by the Markdown writer; either being > 0 means the archive changed.
CHANGE_STATS = (stats_keys.POSTS_NEW, stats_keys.POSTS_UPDATED)


def feed_settings(settings: BaseSettings) -> tuple[Path, FeedOptions]:
    """The archive root and feed options from ARCHIVER_* settings.

    Raises ValueError for a setting that cannot work (relative site URL, negative
    item count), so a misconfiguration shows up when the crawl starts, not at its end.
    """
    root = Path(config.OUTPUT.get(settings))
    options = FeedOptions(
        title=config.FEED_TITLE.get(settings),
        site_url=config.SITE_URL.get(settings) or None,
        max_items=config.FEED_MAX_ITEMS.get(settings),
        permalink=config.FEED_PERMALINK.get(settings),
        write_jsonl=config.FEED_JSONL.get(settings),
    )
    return root, options


def describe(result: ExportResult, root: Path | str) -> str:
    """One line saying what an export did (for the log and the command's output)."""
    feeds = root / FEEDS_DIR if isinstance(root, Path) else f"{root.rstrip('/')}/{FEEDS_DIR}"
    return (
        f"Exported {result.items} of {result.posts} posts from {root} to {feeds}: "
        f"{len(result.written)} feed files written, {len(result.unchanged)} unchanged, "
        f"{len(result.removed)} removed, {len(result.skipped)} posts skipped"
    )


class JsonFeedExporter:
    """Rebuilds ``<ARCHIVER_OUTPUT>/feeds/`` from the posts when a crawl closes.

    Runs only when the writer counted a new or updated post, or when the feeds folder
    is missing, so a crawl that archived nothing new costs no export at all.
    """

    def __init__(self, root: Path, options: FeedOptions, stats: StatsCollector, pool: ProcessPool | None = None,
                 files: ArchiveStore | None = None) -> None:
        # ``root`` is the local work folder (feed cache, stale marker): the archive folder
        # unless the posts and feeds are in an object store (``files``).
        self.root = root
        self.files = files or open_store(root)
        self.options = options
        self.stats = stats
        self.pool = pool or ProcessPool(0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not config.EXPORT_FEEDS.get(crawler.settings):
            raise NotConfigured(f"{config.EXPORT_FEEDS} is off")
        _root, options = feed_settings(crawler.settings)
        assert crawler.stats is not None
        exporter = cls(work_dir(crawler.settings), options, crawler.stats, ProcessPool.for_crawler(crawler),
                       open_store(archive_spec(crawler.settings)))
        crawler.signals.connect(exporter.spider_closed, signal=signals.spider_closed)
        return exporter

    def needs_export(self) -> bool:
        if not self.root.is_dir():
            return False  # nothing was ever archived here
        changed = sum(int(self.stats.get_value(key, 0) or 0) for key in CHANGE_STATS)
        stale = (self.root / STALE_MARKER).exists()  # an earlier run died before exporting
        local = self.files.local_root()
        exported = ((local / FEEDS_DIR).is_dir() if local is not None
                    else self.files.exists(f"{FEEDS_DIR}/{ARCHIVE_FEED_NAME}.json"))
        return changed > 0 or stale or not exported

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.needs_export():
            logger.debug("Archive unchanged, feeds left as they are")
            return
        try:
            result = await self.export()
        except OSError as exc:
            # The posts are safe whatever happens here; the next run retries the export.
            logger.error("Could not export the feeds of %s: %s", self.files.spec.uri, exc)
            self.stats.inc_value(stats_keys.export("errors"))
            return
        (self.root / STALE_MARKER).unlink(missing_ok=True)
        self.stats.set_value(stats_keys.export("items"), result.items)
        self.stats.set_value(stats_keys.export("written"), len(result.written))
        self.stats.set_value(stats_keys.export("skipped_posts"), len(result.skipped))
        logger.info(describe(result, self.files.local_root() or self.files.spec.uri))

    async def export(self) -> ExportResult:
        """:func:`export_feeds`, with the changed posts rendered in the worker processes
        (a first run renders every post it wrote: that is most of an export's work)."""
        # Listing and writing an object store waits on the network on the reactor thread:
        # acceptable here, the crawl is over (the SQLite cache cannot change threads).
        with open_item_store(self.root, self.options) as store:
            plan = plan_export(self.files, store)

            async def render_and_store(chunk: list[str]) -> list[SkippedPost]:
                # Stored as each job comes back: gathering every rendered item first held
                # the whole archive's items in memory at the end of a first run (+57 MB at
                # 1,000 posts), while the pool's back-pressure keeps only a few jobs out.
                return store_rendered(store, await self.pool.run(render_posts, self.files.spec, chunk, self.options))

            chunks = [plan.stale[i:i + RENDER_CHUNK] for i in range(0, len(plan.stale), RENDER_CHUNK)]
            skipped = await asyncio.gather(*(render_and_store(chunk) for chunk in chunks))
            return write_feeds(self.files, self.options, store, plan, (), [post for part in skipped for post in part])
