"""Feed parsing on saved feeds: every format, Chinese encodings, broken documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.core.dates import to_iso8601
from archiver.demo.site import SAMPLE_PUBDATE, SAMPLE_TITLE, build_site
from archiver.sources.feedparse import FeedError, parse_feed

FEEDS = Path(__file__).parents[1] / "resources" / "feeds"
BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def site() -> dict:
    return build_site(BASE)


def test_rsshub_rss2_sample_item(site: dict) -> None:
    feed = parse_feed(site["/qutoutiao/category/fenlei"].body, f"{BASE}/qutoutiao/category/fenlei")
    assert feed.kind == "rss" and feed.language == "zh-cn"
    first = feed.entries[0]
    assert first.title == SAMPLE_TITLE
    assert first.authors == ["趣头条"]
    assert to_iso8601(first.published) == "2022-05-09T08:01:32+00:00"
    assert first.published == SAMPLE_PUBDATE
    assert first.guid == "qutoutiao-post-8a1c2f0e5e"
    # The full text rides in <description>: kept whole, lazy images included.
    assert first.content_html is None and first.summary.count("<img") == 5
    assert "data-original" in first.summary


def test_atom_entry_fields(site: dict) -> None:
    feed = parse_feed(site["/world/atom.xml"].body, f"{BASE}/world/atom.xml")
    assert feed.kind == "atom"
    markets = feed.entries[0]
    assert markets.title == 'Markets: "Calm" before the storm? Analysts weigh #rates & CJK-named funds 基金'
    assert markets.authors == ["Priya Raman", "Tom Becker"]
    assert markets.tags == ["Markets", "Economy"]
    assert to_iso8601(markets.published) == "2022-05-09T09:30:00+02:00"
    assert to_iso8601(markets.updated) == "2022-05-09T11:00:00+02:00"
    assert "<table>" in markets.content_html
    assert markets.thumbnail_url == f"{BASE}/img/2022/market-chart.jpg"
    assert markets.link == f"{BASE}/world/2022/05/09/markets-calm"  # resolved against the feed URL
    harbor = feed.entries[1]
    assert harbor.content_html is None and "Read more" in harbor.summary


def test_json_feed_1_1(site: dict) -> None:
    feed = parse_feed(site["/tech/feed.json"].body, f"{BASE}/tech/feed.json")
    assert feed.kind == "json"
    garden, robot = feed.entries
    assert garden.authors == ["Lee Okafor"] and garden.tags == ["IoT", "Gardening"]
    assert "data-src" in garden.content_html
    assert robot.authors == ["Sam Ruiz"]  # JSON Feed 1.0's single "author"
    assert robot.content_html.startswith("<p>The project shipped")
    assert robot.image_urls == [f"{BASE}/img/2022/robot-arm.jpg"]


def test_rss10_rdf() -> None:
    feed = parse_feed((FEEDS / "rss10-rdf.xml").read_bytes(), "https://planet.example/rss10")
    assert feed.kind == "rdf"
    entry = feed.entries[0]
    assert entry.title == "Why we still ship RSS 1.0"
    assert entry.authors == ["Ada Park"]
    assert to_iso8601(entry.published) == "2022-05-04T12:00:00+09:00"
    assert "RDF" in entry.content_html and entry.tags == ["Feeds"]


def test_gb2312_declared_feed_decodes_to_chinese() -> None:
    feed = parse_feed((FEEDS / "gbk-rss.xml").read_bytes(), "https://oschina.example/rss", "text/xml")
    entry = feed.entries[0]
    assert entry.title == "国产开源数据库发布 3.0 版本：“兼容性”与“性能”双提升"
    assert "写入吞吐量提升约百分之四十" in entry.summary
    assert entry.authors == ["开源中国"]


def test_malformed_but_readable_feed_is_read_with_a_warning() -> None:
    feed = parse_feed((FEEDS / "malformed.xml").read_bytes(), "https://cnbeta.example/rss")
    assert feed.warning
    assert len(feed.entries) == 1 and feed.entries[0].link.endswith("/1290.htm")


@pytest.mark.parametrize(("name", "detail"), [("not-a-feed.html", "HTML page"), ("empty-body", "empty")])
def test_unreadable_documents_raise_with_a_reason(name: str, detail: str) -> None:
    body = b"  \n" if name == "empty-body" else (FEEDS / name).read_bytes()
    with pytest.raises(FeedError) as raised:
        parse_feed(body, "https://example.com/feed")
    assert detail in str(raised.value)


def test_empty_feed_parses_to_no_entries() -> None:
    feed = parse_feed((FEEDS / "empty.xml").read_bytes(), "https://empty.example/rss")
    assert feed.entries == [] and feed.title == "Nothing yet"


def test_json_that_is_not_a_feed() -> None:
    with pytest.raises(FeedError, match="jsonfeed.org"):
        parse_feed(b'{"status": "error"}', "https://example.com/api")
