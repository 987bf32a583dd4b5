"""Article pages waiting to be requested, handed to the scheduler only as it runs short.

A feed or a sitemap lists hundreds or thousands of articles at once. Yielded as requests
straight from its callback, every one of them waited in Scrapy's scheduler until the
downloader got to it, each a Request with its headers, meta and callback arguments: a
crawl's memory and its CPU per article grew with the size of its sources. In
bench/throughput.py at 10,000 entries the peak RSS went from 1.27x to 1.13x of the
2,000-entry crawl's, and the crawl process's CPU per article from 0.033 s to 0.017 s (the
same as at 2,000). Here each entry waits as the small tuple it was made from, and becomes
a request when the scheduler holds fewer than ``ahead`` requests: enough to keep the
downloader busy, never the whole feed.

Yielding lazily from the feed's callback instead would hold back the whole engine: Scrapy
counts a response as being processed until its callback's output is exhausted, and the
feeds' responses together exceed the scraper's limit (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``),
so no download would start while the callbacks waited for room.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from archiver import stats as stats_keys

if TYPE_CHECKING:
    from scrapy.core.engine import ExecutionEngine
    from scrapy.core.scheduler import BaseScheduler
    from scrapy.crawler import Crawler
    from scrapy.http import Request

Entry = TypeVar("Entry")


class RequestBacklog(Generic[Entry]):
    """Entries kept in order; ``make_request`` turns one into its request when due."""

    def __init__(self, crawler: Crawler, make_request: Callable[[Entry], Request], ahead: int) -> None:
        self._crawler = crawler
        self._make_request = make_request
        self._ahead = max(ahead, 1)
        self._waiting: deque[Entry] = deque()
        self._engine: ExecutionEngine | None = None  # set once the crawl starts
        crawler.signals.connect(self._spider_opened, signal=signals.spider_opened)
        # Each request leaving the scheduler for the downloader makes room for another;
        # an idle engine takes what is left (and must not close the spider before).
        crawler.signals.connect(self._top_up_signal, signal=signals.request_reached_downloader)
        crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)

    def __len__(self) -> int:
        return len(self._waiting)

    def add(self, entry: Entry) -> None:
        self._waiting.append(entry)
        self._crawler.stats.max_value(stats_keys.PAGES_WAITING_PEAK, len(self._waiting))

    def take(self) -> Request | None:
        """The request of the oldest waiting entry, now; None when none waits."""
        return self._make_request(self._waiting.popleft()) if self._waiting else None

    def top_up(self) -> int:
        """Schedule waiting entries until the scheduler holds ``ahead`` requests; how
        many were scheduled."""
        engine = self._engine
        scheduler = engine.scheduler if engine is not None else None
        if engine is None or scheduler is None:
            return 0  # not started (a callback called outside a crawl): they wait
        room = self._ahead - self._pending(scheduler)
        scheduled = 0
        while self._waiting and scheduled < room:
            request = self.take()
            assert request is not None
            engine.crawl(request)  # a duplicate is dropped here, and its room is used up until the next top-up
            scheduled += 1
        if scheduled:
            self._crawler.stats.max_value(stats_keys.PAGES_SCHEDULED_PEAK, self._pending(scheduler))
        return scheduled

    def _pending(self, scheduler: BaseScheduler) -> int:
        if hasattr(scheduler, "__len__"):
            return len(scheduler)
        # A scheduler that cannot count (the interface does not ask it to): a batch
        # whenever it runs empty.
        return self._ahead if scheduler.has_pending_requests() else 0

    def _spider_opened(self) -> None:
        self._engine = self._crawler.engine

    def _top_up_signal(self, **_: Any) -> None:
        self.top_up()

    def _spider_idle(self, **_: Any) -> None:
        # Idle with entries still waiting: only possible when every entry since the last
        # top-up was a duplicate the scheduler dropped (or the scheduler was full of them).
        if self._waiting:
            self.top_up()
            raise DontCloseSpider("article pages are still waiting to be requested")
