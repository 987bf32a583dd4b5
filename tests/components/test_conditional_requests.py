from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request, Spider, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from archiver.archive.state import ArchiveState
from archiver.middlewares.conditional_requests import ConditionalRequestsMiddleware, NotModified

FEED = "http://127.0.0.1:8999/feed.xml"


@pytest.fixture
def crawler(tmp_path: Path):
    crawler = get_crawler(Spider, {"ARCHIVER_OUTPUT": str(tmp_path)})
    crawler.spider = Spider.from_crawler(crawler, name="test")
    yield crawler
    state = getattr(crawler, "archiver_state", None)
    if state is not None:
        state.close()


@pytest.fixture
def mw(crawler) -> ConditionalRequestsMiddleware:
    return build_from_crawler(ConditionalRequestsMiddleware, crawler)


def _feed_request(**meta: object) -> Request:
    return Request(FEED, meta={"archiver_conditional": True, **meta})


def test_disabled_by_setting(tmp_path: Path) -> None:
    crawler = get_crawler(Spider, {"ARCHIVER_OUTPUT": str(tmp_path), "ARCHIVER_CONDITIONAL_REQUESTS": False})
    with pytest.raises(NotConfigured):
        build_from_crawler(ConditionalRequestsMiddleware, crawler)


def test_adds_stored_validators_only_to_opted_in_requests(mw, crawler) -> None:
    state = ArchiveState.for_crawler(crawler)
    state.set_validators(FEED, '"v1"', "Wed, 01 Jan 2026 00:00:00 GMT")

    request = _feed_request()
    assert mw.process_request(request) is None
    assert request.headers[b"If-None-Match"] == b'"v1"'
    assert request.headers[b"If-Modified-Since"] == b"Wed, 01 Jan 2026 00:00:00 GMT"

    plain = Request(FEED)
    mw.process_request(plain)
    assert b"If-None-Match" not in plain.headers

    unknown = Request("http://127.0.0.1:8999/other.xml", meta={"archiver_conditional": True})
    mw.process_request(unknown)
    assert b"If-None-Match" not in unknown.headers and b"If-Modified-Since" not in unknown.headers


def test_keeps_validators_the_spider_set(mw, crawler) -> None:
    ArchiveState.for_crawler(crawler).set_validators(FEED, '"stored"', None)
    request = Request(FEED, headers={"If-None-Match": '"mine"'}, meta={"archiver_conditional": True})
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == b'"mine"'


def test_304_ends_the_branch_and_counts(mw, crawler) -> None:
    ArchiveState.for_crawler(crawler).set_validators(FEED, '"v1"', None)
    request = _feed_request()
    mw.process_request(request)
    with pytest.raises(NotModified) as caught:
        mw.process_response(request, Response(FEED, status=304, request=request))
    assert isinstance(caught.value, IgnoreRequest)
    assert crawler.stats.get_value("archiver/http/not_modified") == 1


def test_304_we_did_not_ask_for_passes_through(mw, crawler) -> None:
    request = _feed_request()
    mw.process_request(request)  # nothing stored: no validators sent
    response = Response(FEED, status=304, request=request)
    assert mw.process_response(request, response) is response
    assert crawler.stats.get_value("archiver/http/not_modified") is None


def _ok(request: Request, **headers: str) -> Response:
    return Response(request.url, status=200, headers=headers, body=b"<rss/>", request=request)


def test_validators_are_stored_only_when_the_run_finishes(mw, crawler) -> None:
    request = _feed_request()
    mw.process_request(request)
    response = _ok(request, ETag='"v2"', **{"Last-Modified": "Thu, 02 Jan 2026 00:00:00 GMT"})
    assert mw.process_response(request, response) is response

    state = ArchiveState.for_crawler(crawler)
    assert state.validators(FEED) == (None, None)  # not yet: the articles are not archived

    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    assert state.validators(FEED) == ('"v2"', "Thu, 02 Jan 2026 00:00:00 GMT")
    assert crawler.stats.get_value("archiver/http/validators_stored") == 1


@pytest.mark.parametrize("reason", ["shutdown", "cancelled", "closespider_timeout"])
def test_interrupted_run_stores_nothing(mw, crawler, reason: str) -> None:
    state = ArchiveState.for_crawler(crawler)
    state.set_validators(FEED, '"old"', None)
    request = _feed_request()
    mw.process_request(request)
    mw.process_response(request, _ok(request, ETag='"new"'))
    mw.spider_closed(crawler.spider, reason)
    assert state.validators(FEED) == ('"old"', None)


def test_source_with_failed_articles_is_retried(mw, crawler) -> None:
    good = Request("http://127.0.0.1:8999/good.xml", meta={"archiver_conditional": True, "archiver_source": "good"})
    bad = Request("http://127.0.0.1:8999/bad.xml", meta={"archiver_conditional": True, "archiver_source": "bad"})
    for request in (good, bad):
        mw.process_request(request)
        mw.process_response(request, _ok(request, ETag='"e"'))
    crawler.stats.inc_value("archiver/source/bad/failed")
    mw.spider_closed(crawler.spider, "finished")
    state = ArchiveState.for_crawler(crawler)
    assert state.validators(good.url) == ('"e"', None)
    assert state.validators(bad.url) == (None, None)


def test_validators_dropped_by_the_server_are_forgotten(mw, crawler) -> None:
    state = ArchiveState.for_crawler(crawler)
    state.set_validators(FEED, '"old"', None)
    request = _feed_request()
    mw.process_request(request)
    mw.process_response(request, _ok(request))  # 200 without ETag / Last-Modified
    mw.spider_closed(crawler.spider, "finished")
    assert state.validators(FEED) == (None, None)


def test_state_is_shared_per_crawler_and_closed_with_the_engine(tmp_path: Path) -> None:
    one = get_crawler(Spider, {"ARCHIVER_OUTPUT": str(tmp_path / "a")})
    two = get_crawler(Spider, {"ARCHIVER_OUTPUT": str(tmp_path / "b")})
    state_one = ArchiveState.for_crawler(one)
    assert ArchiveState.for_crawler(one) is state_one
    state_two = ArchiveState.for_crawler(two)
    assert state_two is not state_one
    assert state_one.path == tmp_path / "a" / ".archiver" / "state.sqlite"
    one.signals.send_catch_log(signals.engine_stopped)
    assert state_one.closed and not state_two.closed
    state_two.close()


ARTICLE = "http://127.0.0.1:8999/news/1.html"


def _article_request(key: str = "guid-1") -> Request:
    return Request(ARTICLE, meta={"archiver_article_key": key, "archiver_source": "demo"})


def test_article_page_uses_the_article_validators(mw, crawler) -> None:
    state = ArchiveState.for_crawler(crawler)
    state.record_article(
        "guid-1",
        source="demo",
        post_path="posts/demo/a.md",
        content_hash="h",
        etag='"page-v1"',
        last_modified="Wed, 01 Jan 2026 00:00:00 GMT",
    )
    request = _article_request()
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == b'"page-v1"'
    assert request.headers[b"If-Modified-Since"] == b"Wed, 01 Jan 2026 00:00:00 GMT"

    new = _article_request("never-seen")
    mw.process_request(new)
    assert b"If-None-Match" not in new.headers


def test_article_304_marks_seen_and_carries_the_response(tmp_path: Path) -> None:
    ticks = iter(range(10, 60))
    crawler = get_crawler(Spider, {"ARCHIVER_OUTPUT": str(tmp_path)})
    crawler.archiver_state = ArchiveState(tmp_path, clock=lambda: f"2026-01-01T00:00:{next(ticks)}+00:00")
    try:
        mw = build_from_crawler(ConditionalRequestsMiddleware, crawler)
        crawler.archiver_state.record_article("guid-1", source="demo", post_path="a.md", content_hash="h", etag='"e"')
        before = crawler.archiver_state.article("guid-1")
        request = _article_request()
        mw.process_request(request)
        with pytest.raises(NotModified) as caught:
            mw.process_response(request, Response(ARTICLE, status=304, request=request))
        assert caught.value.response.status == 304
        after = crawler.archiver_state.article("guid-1")
        assert before is not None and after is not None and after.last_seen > before.last_seen
    finally:
        crawler.archiver_state.close()


def test_article_validators_stored_only_for_articles_written_this_run(mw, crawler) -> None:
    state = ArchiveState.for_crawler(crawler)
    mw.started = "2026-06-01T00:00:00+00:00"
    written, failed, unknown = _article_request("written"), _article_request("failed"), _article_request("unknown")
    for request in (written, failed, unknown):
        mw.process_request(request)
        mw.process_response(request, _ok(request, ETag='"new"'))
    # "failed" is an article from an earlier run that this run could not rewrite
    state.record_article("failed", source="demo", post_path="f.md", content_hash="h", etag='"old"')
    conn = state._db()
    conn.execute("UPDATE articles SET last_seen = '2026-01-01T00:00:00+00:00' WHERE key = 'failed'")
    conn.commit()
    state.record_article("written", source="demo", post_path="w.md", content_hash="h")

    mw.spider_closed(crawler.spider, "shutdown")  # article validators do not need a finished run

    written_record, failed_record = state.article("written"), state.article("failed")
    assert written_record is not None and written_record.etag == '"new"'
    assert failed_record is not None and failed_record.etag == '"old"'
    assert state.article("unknown") is None


def test_record_article_keeps_validators_it_is_not_given(crawler) -> None:
    state = ArchiveState.for_crawler(crawler)
    state.record_article("k", source="s", post_path="k.md", content_hash="h1", etag='"e"', last_modified="LM")
    state.record_article("k", source="s", post_path="k.md", content_hash="h2")
    record = state.article("k")
    assert record is not None and (record.etag, record.last_modified, record.content_hash) == ('"e"', "LM", "h2")
