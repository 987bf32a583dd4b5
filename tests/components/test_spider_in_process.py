"""The archiving spider in-process: its callbacks fed responses built in memory, no reactor,
no subprocess, no network (the URLs are never fetched)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from archiver import stats as stats_keys
from archiver.items import Article
from archiver.spiders.archive import ArchiveSpider

FEED_URL = "http://127.0.0.1:8765/rss/shehui.xml"
LONG_ZH = "记者从市人力资源和社会保障局获悉，今年以来全市新增城镇就业岗位持续增加，重点群体就业总体稳定。" * 4
# A GBK feed, as Chinese aggregators still serve them: one entry with its full text (lazy
# image in data-original, relative link, tracking pixel), one with only a teaser.
GBK_FEED = f"""<?xml version="1.0" encoding="gbk"?>
<rss version="2.0"><channel><title>社会新闻</title><link>http://127.0.0.1:8765/</link>
<item><title>“饭碗”端得稳：大同多举措促就业</title><link>/news/2022/0509/100.html?utm_source=rss</link>
<guid isPermaLink="false">qtt-100</guid><pubDate>Mon, 09 May 2022 16:01:32 +0800</pubDate>
<description><![CDATA[<p>{LONG_ZH}</p><p><img src="/static/grey.gif" data-original="/img/2022/05/09/jobs.jpeg"></p>
<img src="http://127.0.0.1:8765/track/pixel.gif?id=100" width="1" height="1">]]></description></item>
<item><title>古城灯会“五一”接待游客32.6万人次</title><link>/news/2022/0510/101.html</link>
<guid isPermaLink="false">qtt-101</guid><pubDate>Tue, 10 May 2022 10:15:00 +0800</pubDate>
<description>灯会期间……阅读全文</description></item>
</channel></rss>""".encode("gbk")

ARTICLE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbor expansion wins final approval | World News</title>
<meta property="og:image" content="/img/2022/harbor-wide.jpg">
<script>track('pageview')</script></head><body>
<nav><a href="/">Home</a> <a href="/world/">World</a></nav>
<article><h1>Harbor expansion wins final approval</h1>
<p class="byline">By Ana Ruiz</p>
""" + "".join(f"<p>The council voted {n} times on the harbor plan, and residents packed the hall each time to"
              " argue about dredging, traffic and the new container berths on the north pier.</p>"
              for n in range(1, 7)) + """
<figure><img class="lazy" src="/static/grey.gif" data-src="/img/2022/harbor-crane.jpg" alt="Crane"></figure>
</article><footer>© World News · <a href="/about">About</a></footer></body></html>"""


def _spider(tmp_path: Path, **arguments: str) -> ArchiveSpider:
    crawler = get_crawler(ArchiveSpider, {"ARCHIVER_OUTPUT": str(tmp_path), "ARCHIVER_WORKERS": 0})
    return ArchiveSpider.from_crawler(crawler, **arguments)


def _stat(spider: ArchiveSpider, key: str) -> Any:
    assert spider.crawler.stats is not None
    return spider.crawler.stats.get_value(key)


async def _collect(results: AsyncIterator[Article]) -> list[Article]:
    return [item async for item in results]


def test_a_gbk_feed_gives_a_full_article_and_a_page_request_for_the_teaser(tmp_path: Path) -> None:
    spider = _spider(tmp_path, url=FEED_URL, name="qutoutiao", categories="新媒体,趣头条")
    source = spider.sources["qutoutiao"]
    response = TextResponse(FEED_URL, body=GBK_FEED, headers={"Content-Type": "application/rss+xml"})

    results = list(spider.parse_source(response, source=source, kind="auto"))

    articles = [r for r in results if isinstance(r, Article)]
    # The teaser's page waits in the backlog (no engine runs here to schedule it).
    assert not any(isinstance(r, Request) for r in results)
    assert spider._backlog is not None and len(spider._backlog) == 1
    requests = [spider._backlog.take()]
    assert spider._backlog.take() is None
    assert [a.title for a in articles] == ["“饭碗”端得稳：大同多举措促就业"]  # quotes kept exactly
    full = articles[0]
    assert full.url.startswith("http://127.0.0.1:8765/news/2022/0509/100.html")  # made absolute
    assert full.guid == "qtt-100" and full.categories == ["新媒体", "趣头条"]
    assert "记者从市人力资源和社会保障局获悉" in (full.summary or "")  # the entry's HTML, sanitized later
    assert full.lead_image_url == "http://127.0.0.1:8765/img/2022/05/09/jobs.jpeg"  # the lazy image, absolute
    assert full.published == "2022-05-09T16:01:32+08:00"
    # The teaser's page is requested, with the meta keys the conditional-requests middleware reads.
    assert [r.url for r in requests] == ["http://127.0.0.1:8765/news/2022/0510/101.html"]
    meta = requests[0].meta
    assert meta[stats_keys.META_SOURCE] == "qutoutiao"
    assert meta[stats_keys.META_ARTICLE_KEY] == "qutoutiao|qtt-101"
    assert requests[0].callback == spider.parse_article
    assert requests[0].headers.get("Referer") == FEED_URL.encode()  # as RefererMiddleware would set it
    assert _stat(spider, stats_keys.feeds("parsed")) == 1
    assert _stat(spider, stats_keys.pages("requested")) == 1


def test_an_html_page_served_as_the_feed_fails_the_source_with_a_reason(tmp_path: Path) -> None:
    spider = _spider(tmp_path, url=FEED_URL, name="broken")
    response = TextResponse(FEED_URL, body=b"<html><body>502 Bad Gateway</body></html>",
                            headers={"Content-Type": "application/rss+xml"})
    assert list(spider.parse_source(response, source=spider.sources["broken"], kind="feed")) == []
    assert _stat(spider, stats_keys.source_url_failed("not_a_feed")) == 1
    assert _stat(spider, stats_keys.source_failed("broken")) == 1  # its validators are not stored
    assert _stat(spider, stats_keys.SOURCES_FAILED) == 1


def test_an_article_page_fills_the_feed_entry(tmp_path: Path) -> None:
    spider = _spider(tmp_path, url="http://127.0.0.1:8765/world/rss.xml", name="world-news")
    source = spider.sources["world-news"]
    url = "http://127.0.0.1:8765/world/2022/05/harbor.html"
    article = Article(source="world-news", url=url, guid="tag:world.example,2022:harbor",
                      title="Harbor expansion wins final approval", published="2022-05-09T18:20:00+00:00",
                      summary="The council approved…")
    response = HtmlResponse(url, body=ARTICLE_PAGE.encode("utf-8"), headers={"Content-Type": "text/html"})

    [filled] = asyncio.run(_collect(spider.parse_article(response, article=article, source=source)))

    assert filled is article
    body = filled.content_html or ""
    assert "container berths on the north pier" in body
    assert "track(" not in body and "© World News" not in body  # script and footer left out
    assert filled.lead_image_url == "http://127.0.0.1:8765/img/2022/harbor-wide.jpg"  # og:image, absolute
    assert filled.title == "Harbor expansion wins final approval"  # the feed's title wins
    assert _stat(spider, stats_keys.pages("extracted")) == 1


@pytest.mark.parametrize("arguments", [{"url": "ftp://example.com/feed"}, {"url": FEED_URL, "max_items": "many"}])
def test_unusable_arguments_stop_the_spider_before_any_request(tmp_path: Path, arguments: dict[str, str]) -> None:
    from archiver.sources.sources_file import SourceError

    with pytest.raises(SourceError, match="-a"):
        _spider(tmp_path, **arguments)
