"""AutoThrottle lowers a site's delay on 304 answers, as it does on 200s, never on errors."""

from __future__ import annotations

from scrapy.core.downloader import Slot
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from archiver.extensions.throttle import NotModifiedAwareAutoThrottle


def _throttle() -> NotModifiedAwareAutoThrottle:
    crawler = get_crawler(settings_dict={"AUTOTHROTTLE_ENABLED": True, "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
                                         "AUTOTHROTTLE_MAX_DELAY": 30.0, "DOWNLOAD_DELAY": 0.0})
    throttle = NotModifiedAwareAutoThrottle(crawler)
    # What spider_opened sets, without an engine.
    throttle.mindelay, throttle.maxdelay = throttle._min_delay(), throttle._max_delay()
    return throttle


def _slot(delay: float) -> Slot:
    return Slot(concurrency=4, delay=delay, jitter=0)


def test_304_lowers_the_delay_like_a_200() -> None:
    throttle = _throttle()
    not_modified, ok = _slot(0.5), _slot(0.5)
    throttle._adjust_delay(not_modified, 0.1, Response("http://127.0.0.1/feed", status=304))
    throttle._adjust_delay(ok, 0.1, Response("http://127.0.0.1/feed", status=200))
    assert not_modified.delay == ok.delay == (0.5 + 0.05) / 2


def test_error_pages_still_never_lower_it() -> None:
    throttle = _throttle()
    slot = _slot(0.5)
    throttle._adjust_delay(slot, 0.1, Response("http://127.0.0.1/feed", status=503))
    assert slot.delay == 0.5


def test_a_slow_304_still_raises_it() -> None:
    throttle = _throttle()
    slot = _slot(0.1)
    throttle._adjust_delay(slot, 2.0, Response("http://127.0.0.1/feed", status=304))
    assert slot.delay == 1.0
