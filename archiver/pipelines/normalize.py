"""Normalize an article: sanitized HTML, clean title, ISO dates, plain-text summary.

The work itself is in pure modules (htmlclean, text, dates); this pipeline applies them
in order and counts what it had to repair.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from scrapy.exceptions import DropItem

from archiver import config
from archiver import stats as stats_keys
from archiver.core.dates import is_later, resolve_timezone, to_iso8601
from archiver.core.htmlclean import MAX_URL_LENGTH
from archiver.core.text import normalize_language, plain_title
from archiver.items import Article
from archiver.workers.jobs import normalize_body
from archiver.workers.process_pool import ProcessPool, WorkerCrashed

logger = logging.getLogger(__name__)

UNTITLED_MAX_CHARS = 60


class NormalizeArticlePipeline:
    def __init__(self, stats: Any, crawler: Any, allow_iframes: bool, summary_chars: int,
                 pool: ProcessPool | None = None) -> None:
        self.stats = stats
        self.crawler = crawler
        self.allow_iframes = allow_iframes
        self.summary_chars = summary_chars
        self.pool = pool or ProcessPool(0)

    @classmethod
    def from_crawler(cls, crawler: Any) -> NormalizeArticlePipeline:
        settings = crawler.settings
        return cls(
            crawler.stats,
            crawler,
            allow_iframes=config.ALLOW_IFRAMES.get(settings),
            summary_chars=config.SUMMARY_CHARS.get(settings),
            pool=ProcessPool.for_crawler(crawler),
        )

    def _source_timezone(self, source_name: str) -> Any:
        sources = getattr(self.crawler.spider, "sources", {}) or {}
        source = sources.get(source_name)
        return resolve_timezone(getattr(source, "timezone", None))

    def _image_url(self, item: Article, url: str | None, what: str) -> str | None:
        """The absolute http(s) image URL, or None (logged and counted) when it is not one."""
        if not url or not url.strip():
            return None
        try:
            absolute = urljoin(item.url, url.strip())
        except ValueError:
            absolute = ""
        if absolute.startswith(("http://", "https://")) and len(absolute) <= MAX_URL_LENGTH:
            return absolute
        reason = "too_long" if len(absolute) > MAX_URL_LENGTH else "not_http"
        logger.warning("%s (%s): ignoring its %s URL %r: %s", item.url, item.source, what, url[:80],
                       "too long" if reason == "too_long" else "not an http(s) URL")
        self.stats.inc_value(stats_keys.bad_image_url(reason))
        return None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        try:
            # In a worker process: sanitizing parses the whole body.
            body = await self.pool.run(normalize_body, item.content_html, item.summary, item.url,
                                       self.allow_iframes, self.summary_chars, UNTITLED_MAX_CHARS)
        except WorkerCrashed as error:
            logger.warning("%s (%s): not archived this run: %s", item.url, item.source, error)
            self.stats.inc_value(stats_keys.articles("worker_crashed"))
            self.stats.inc_value(stats_keys.source_failed(item.source))  # tried again next run
            raise DropItem(f"worker crashed: {item.url}") from error
        item.content_html = body.content_html
        item.summary = body.summary

        # Titles, authors and tags arrive as plain text (feedparse, the spider): only
        # invisible characters and whitespace are left to tidy.
        item.title = plain_title(item.title)
        if not item.title:
            item.title = body.untitled or item.url
            logger.warning("%s (%s) has no title; using %r", item.url, item.source, item.title)
            self.stats.inc_value(stats_keys.articles("untitled"))

        tz = self._source_timezone(item.source)
        item.published = to_iso8601(item.published, tz)
        item.updated = to_iso8601(item.updated, tz)
        if not item.published:
            # No date anywhere: the writer keeps the first-seen date of a known article.
            item.published = item.updated or datetime.now(UTC).replace(microsecond=0).isoformat()
            item.undated = True
            self.stats.inc_value(stats_keys.articles("undated"))
        if not is_later(item.updated, item.published):
            item.updated = None  # equal says nothing; earlier than the date is wrong

        item.language = normalize_language(item.language)
        item.authors = list(dict.fromkeys(plain_title(a) for a in item.authors if plain_title(a)))
        item.tags = list(dict.fromkeys(plain_title(t) for t in item.tags if plain_title(t)))
        item.lead_image_url = self._image_url(item, item.lead_image_url, "lead image")
        item.thumbnail_url = self._image_url(item, item.thumbnail_url, "thumbnail")
        self.stats.inc_value(stats_keys.articles("normalized"))
        return item
