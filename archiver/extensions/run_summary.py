"""One summary line per run, a row in the state's ``runs`` table, and the exit status.

Stats this reads (every component counts into them, see the README):

* posts: ``archiver/posts/new``, ``.../updated``, ``.../unchanged``, ``.../failed``;
* images: ``archiver/images/downloaded`` (fetched) and ``archiver/images/reused``;
  every other ``archiver/images/<reason>`` counter is a failure of this run (``http_404``,
  ``html``, ``corrupt``, ``bomb``, ``timeout``, ``error``, ...) and "images failed" is
  their sum, except ``placeholder`` (a generated stand-in, counted apart) and
  ``known_bad`` (an image that failed in an earlier run and was not retried: already
  counted then, so a re-run over unchanged sources reports 0 failed);
* sources: ``archiver/sources/failed`` (sources that failed entirely: feed unreachable or
  unparsable, nothing archived from them) and per source ``archiver/source/<name>/items``
  and ``archiver/source/<name>/failed``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured

from archiver import config
from archiver import stats as stats_keys
from archiver.archive.state import ArchiveState
from archiver.errors import EXIT_SOURCES_FAILED
from archiver.stats import SOURCE_PREFIX

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_IMAGE_NOT_FAILED = frozenset({"downloaded", "reused", "placeholder", "known_bad"})


@dataclass
class RunCounts:
    posts_new: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    posts_failed: int = 0
    images_fetched: int = 0
    images_reused: int = 0
    images_failed: int = 0
    sources_failed: int = 0
    # source name -> {"items": n, "failed": n}
    sources: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def from_stats(cls, stats: Mapping[str, Any]) -> RunCounts:
        def count(key: str) -> int:
            value = stats.get(key, 0)
            return int(value) if isinstance(value, (int, float)) else 0

        images_failed = sum(
            count(key)
            for key in stats
            if key.startswith(stats_keys.IMAGES_PREFIX) and key[len(stats_keys.IMAGES_PREFIX) :] not in _IMAGE_NOT_FAILED
        )
        sources: dict[str, dict[str, int]] = {}
        for key in stats:
            if not key.startswith(SOURCE_PREFIX):
                continue
            # Source names may hold slashes; the counter name is the last segment.
            name, _, counter = key[len(SOURCE_PREFIX) :].rpartition("/")
            if name and counter in ("items", "failed"):
                sources.setdefault(name, {"items": 0, "failed": 0})[counter] = count(key)
        return cls(
            posts_new=count(stats_keys.POSTS_NEW),
            posts_updated=count(stats_keys.POSTS_UPDATED),
            posts_unchanged=count(stats_keys.POSTS_UNCHANGED),
            posts_failed=count(stats_keys.POSTS_FAILED),
            images_fetched=count(stats_keys.IMAGES_DOWNLOADED),
            images_reused=count(stats_keys.IMAGES_REUSED),
            images_failed=images_failed,
            sources_failed=count(stats_keys.SOURCES_FAILED),
            sources=dict(sorted(sources.items())),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def format_summary(counts: RunCounts, seconds: float) -> str:
    line = (
        f"archiver run: {counts.posts_new} new, {counts.posts_updated} updated, "
        f"{counts.posts_unchanged} unchanged, {counts.posts_failed} failed posts; "
        f"images {counts.images_fetched} fetched, {counts.images_reused} reused, "
        f"{counts.images_failed} failed; {seconds:.1f}s"
    )
    failed_sources = [name for name, c in counts.sources.items() if c["failed"] and not c["items"]]
    if counts.sources_failed:
        named = f" ({', '.join(failed_sources)})" if failed_sources else ""
        line += f"; {counts.sources_failed} source(s) failed{named}"
    return line


def exit_code_for(stats: Mapping[str, Any]) -> int:
    """The exit status a finished crawl should report: 4 when a source failed entirely."""
    return EXIT_SOURCES_FAILED if RunCounts.from_stats(stats).sources_failed > 0 else 0


class RunSummary:
    """Logs :func:`format_summary` at ``spider_closed`` and records the run.

    Setting: ``ARCHIVER_RUN_SUMMARY`` (bool, default True). The state is opened at
    ``spider_opened``, not in ``from_crawler``, so a crawl refused by the archive lock
    never creates or touches the database.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_id: int | None = None
        self.started: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummary:
        if not config.RUN_SUMMARY.get(crawler.settings):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.run_id = ArchiveState.for_crawler(self.crawler).start_run(spider.name)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        seconds = time.monotonic() - self.started if self.started is not None else 0.0
        counts = RunCounts.from_stats(self.crawler.stats.get_stats())
        line = format_summary(counts, seconds)
        if counts.sources_failed:
            level = logging.ERROR
        elif counts.posts_failed or counts.images_failed:
            level = logging.WARNING
        else:
            level = logging.INFO
        logger.log(level, line, extra={"spider": spider})
        if self.run_id is not None:
            ArchiveState.for_crawler(self.crawler).finish_run(self.run_id, reason, counts.as_dict(), line)
