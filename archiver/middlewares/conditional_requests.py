"""Conditional GETs (If-None-Match / If-Modified-Since) for feeds, listings and article pages.

Requests opt in through ``meta``:

* ``"archiver_conditional": True`` for a feed, listing page or sitemap: validators
  come from the state's ``resources`` table, keyed by URL;
* ``"archiver_article_key": <Article.key>`` for an article page: validators come from
  that article's row in ``articles``;
* ``"archiver_source": <source name>`` ties a feed/listing to its source (see below);
* ``"archiver_refetch": True`` sends no validators (the spider knows the article changed)
  but still keeps the new ones of the response.

This middleware adds the stored ETag / Last-Modified, turns a 304 that answers them
into :class:`NotModified` (an ``IgnoreRequest`` that carries the 304 response, so an
errback can test ``failure.check(NotModified)`` or ``response.status == 304``) and
counts ``archiver/http/not_modified``. A 304 for an article page also bumps that
article's ``last_seen``.

Why the validators of a 200 are stored at the end of the run and not on receipt: they
only become true once everything found behind them is archived. Stored on receipt, a
run killed halfway (or stopped by SIGTERM) would make the next run get a 304 for that
feed and never reach the articles it had not got to, until the feed changed. So they
wait in memory:

* feed/listing validators are stored at ``spider_closed`` only when the run ended with
  reason ``finished``, and only for sources with no failed article
  (``archiver/source/<name>/failed``), so a failed article is retried next run;
* article-page validators are stored at ``spider_closed`` (whatever the reason) only
  for articles the writer recorded during this run (``last_seen`` since the start),
  i.e. whose post file on disk matches that response.

A killed run stores nothing: the next one fetches in full, and the state makes the
already archived articles cheap. Setting: ``ARCHIVER_CONDITIONAL_REQUESTS`` (default True).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import Request, Spider, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from archiver import config
from archiver import stats as stats_keys
from archiver.archive.state import ArchiveState, utc_now
from archiver.archive.state_backends import StateBackend

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


_Validators = tuple[str | None, str | None]


class NotModified(IgnoreRequest):
    """The server answered 304 to our conditional request: nothing new there."""

    def __init__(self, response: Response) -> None:
        super().__init__(f"not modified: {response.url}")
        self.response = response


class ConditionalRequestsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.started = utc_now()
        # Waiting for the end of the run (see the module docstring).
        self.pending_resources: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.pending_articles: dict[str, _Validators] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestsMiddleware:
        if not config.CONDITIONAL_REQUESTS.get(crawler.settings):
            raise NotConfigured
        mw = cls(crawler)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    @property
    def state(self) -> StateBackend:
        # Looked up per use: one state per crawler, opened on first need.
        return ArchiveState.for_crawler(self.crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.started = utc_now()

    def process_request(self, request: Request) -> None:
        if request.meta.get(stats_keys.META_REFETCH):
            return
        validators = self._stored(request)
        if validators is None:
            return
        etag, last_modified = validators
        sent = False
        # A spider that set its own validators knows better; leave them alone.
        if etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = etag
            sent = True
        if last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = last_modified
            sent = True
        request.meta[stats_keys.META_VALIDATORS_SENT] = sent  # so a 304 is known to answer ours

    def _stored(self, request: Request) -> _Validators | None:
        key = request.meta.get(stats_keys.META_ARTICLE_KEY)
        if key:
            record = self.state.article(key)
            return (record.etag, record.last_modified) if record else (None, None)
        if request.meta.get(stats_keys.META_CONDITIONAL):
            return self.state.validators(request.url)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        key = request.meta.get(stats_keys.META_ARTICLE_KEY)
        if not key and not request.meta.get(stats_keys.META_CONDITIONAL):
            return response
        if response.status == 304 and request.meta.get(stats_keys.META_VALIDATORS_SENT):
            self.stats.inc_value(stats_keys.HTTP_NOT_MODIFIED)
            logger.debug("Not modified since the last run: %s", request.url)
            if key:
                self.state.mark_seen(key)
            raise NotModified(response)
        if response.status == 200:
            validators = (_header(response, b"ETag"), _header(response, b"Last-Modified"))
            if key:
                self.pending_articles[key] = validators
            else:
                self.pending_resources[request.url] = (*validators, request.meta.get(stats_keys.META_SOURCE))
        return response

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stored = self._store_articles() + self._store_resources(reason)
        self.stats.set_value(stats_keys.HTTP_VALIDATORS_STORED, stored)

    def _store_articles(self) -> int:
        stored = 0
        for key, (etag, last_modified) in sorted(self.pending_articles.items()):
            record = self.state.article(key)
            # Same clock and ISO format on both sides, so the strings compare as times.
            if record is not None and record.last_seen >= self.started:
                self.state.set_article_validators(key, etag, last_modified)
                stored += 1
        self.pending_articles.clear()
        return stored

    def _store_resources(self, reason: str) -> int:
        if not self.pending_resources:
            return 0
        if reason != "finished":
            logger.info(
                "Run ended with %r: validators of %d feed/listing URLs not stored, the next run fetches them in full",
                reason,
                len(self.pending_resources),
            )
            self.pending_resources.clear()
            return 0
        stored = 0
        for url, (etag, last_modified, source) in sorted(self.pending_resources.items()):
            if source and self.stats.get_value(stats_keys.source_failed(source), 0):
                continue
            self.state.set_validators(url, etag, last_modified)
            stored += 1
        self.pending_resources.clear()
        return stored


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    if not value:
        return None
    return value.decode("latin-1").strip() or None
