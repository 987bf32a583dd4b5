"""End to end: a long summary-only feed is not queued all at once. Its article pages
wait in the spider's backlog and reach Scrapy's scheduler a few at a time, and still every
article is archived, with the feed as the page request's Referer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import frontmatter
import pytest

from archiver.demo.site import Resource, SampleSite
from tests.support.crawl import run_crawl
from tests.support.portal_site import _article_page

ENTRIES = 90
CONCURRENCY = 2  # the backlog keeps about twice this many requests in the scheduler


def _title(n: int) -> str:
    return f"第{n}号公告：城市公交线路调整" if n % 2 else f"Council notice {n}: bus routes change"


@pytest.fixture
def long_feed() -> Iterator[SampleSite]:
    with SampleSite() as site:
        items = []
        for n in range(ENTRIES):
            path = f"/long/2022/05/{n}.html"
            zh = bool(n % 2)
            english = (f"Notice {n} explains how the bus routes change and which stops move, so riders can"
                       " plan their trips before the new timetable starts next Monday.")
            chinese = f"第{n}号公告说明了公交线路的调整安排，市民出行前请留意站点的变化。" * 3
            paragraphs = [chinese if zh else english] * 4
            site.resources[path] = Resource(
                _article_page(_title(n), paragraphs, lang="zh-CN" if zh else "en", author="Desk",
                              published=f"2022-05-{1 + n % 28:02d}T08:00:00+08:00").encode("utf-8"),
                "text/html; charset=utf-8")
            # Summary-only entries with tracking junk in the link: every page must be fetched.
            items.append(f"<item><title>{escape(_title(n))}</title><link>{path}?utm_source=rss&amp;n={n}</link>"
                         f"<guid isPermaLink=\"false\">long-{n}</guid><description>Read more…</description></item>")
        site.resources["/long/rss.xml"] = Resource(
            ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Long</title>'
             f"<link>{site.base_url}/long/</link>{''.join(items)}</channel></rss>").encode(),
            "application/rss+xml")
        yield site


def test_a_long_feed_is_archived_whole_while_the_scheduler_holds_a_few_pages(long_feed: SampleSite,
                                                                             tmp_path: Path) -> None:
    feed_url = f"{long_feed.base_url}/long/rss.xml"
    result = run_crawl("-a", f"url={feed_url}", "-a", "name=long", "-a", "fulltext=page", output=tmp_path,
                       extra_settings={"CONCURRENT_REQUESTS": str(CONCURRENCY),
                                       "CONCURRENT_REQUESTS_PER_DOMAIN": str(CONCURRENCY),
                                       "ARCHIVER_WORKERS": "1"})
    assert result.returncode == 0 and result.error_lines == []
    stats = result.stats
    # Every page was requested and archived: none lost on the way through the backlog.
    posts = [frontmatter.load(path) for path in tmp_path.rglob("posts/**/*.md")]
    assert sorted(post["title"] for post in posts) == sorted(_title(n) for n in range(ENTRIES))
    assert stats["archiver/pages/requested"] == ENTRIES
    # All of them waited at once; the scheduler never held more than a few.
    assert stats["archiver/pages/waiting_peak"] == ENTRIES
    assert stats["archiver/pages/scheduled_peak"] <= 2 * CONCURRENCY
    # The feed is the Referer of each page, as when the feed's callback yielded the requests.
    referers = {headers.get("Referer") for path, headers in long_feed.requests if path.startswith("/long/2022/")}
    assert referers == {feed_url}
