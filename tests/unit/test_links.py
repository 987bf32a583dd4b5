"""Listing-page helpers on saved listing pages (English news, Chinese portal, blog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.sources.links import clean_url, discover_feeds, find_article_links, find_next_page, looks_like_article

LISTINGS = Path(__file__).parents[1] / "resources" / "listings"


def listing(name: str) -> str:
    return (LISTINGS / f"{name}.html").read_text(encoding="utf-8")


NEWS_URL = "https://www.dailyherald-news.co.uk/news/transport/"
ZH_URL = "https://news.zhongyuanwang.cn/shehui/index_2.shtml"
BLOG_URL = "https://www.thekitchenplot.com/page/2/"


def test_news_listing_keeps_articles_in_order_without_tracking_or_fragments() -> None:
    assert find_article_links(listing("news-section-en"), NEWS_URL) == [
        "https://www.dailyherald-news.co.uk/news/transport/2024/harbour-bridge-repairs-28244",
        "https://www.dailyherald-news.co.uk/news/transport/2024/03/14/rail-refunds-automatic",
        "https://www.dailyherald-news.co.uk/news/transport/ferry-strike-called-off-hours-before-easter-sailings",
        "https://www.dailyherald-news.co.uk/news/transport/article/4418231",
        "https://live.dailyherald-news.co.uk/news/transport/2024/03/15/airport-live-updates",
    ]


def test_news_listing_skips_topic_author_login_search_pages_and_other_sites() -> None:
    links = find_article_links(listing("news-section-en"), NEWS_URL)
    joined = " ".join(links)
    for unwanted in ("/topic/", "/author/", "/login", "/search", "/tag/", "othernews", "page=", "/page/"):
        assert unwanted not in joined


def test_chinese_portal_resolves_base_href_and_dedupes() -> None:
    links = find_article_links(listing("portal-list-zh"), ZH_URL)
    assert links == [
        "https://news.zhongyuanwang.cn/shehui/2024/0316/195753.shtml",
        "https://news.zhongyuanwang.cn/shehui/2024/0528/661204.shtml",
        "https://news.zhongyuanwang.cn/shehui/2024/0605/953098.shtml",
        "https://tuku.zhongyuanwang.cn/a/20240412/3812.html",
    ]


def test_selector_overrides_heuristic() -> None:
    links = find_article_links(listing("portal-list-zh"), ZH_URL, selector="ul.news-list li > a")
    # The selector trusts the source's config: the topic page and "more" link come through.
    assert "https://news.zhongyuanwang.cn/zhuanti/" in links
    assert links[0] == "https://news.zhongyuanwang.cn/shehui/2024/0316/195753.shtml"
    assert len(links) == len(set(links)) == 6


def test_xpath_selector_returning_strings() -> None:
    links = find_article_links(listing("blog-index-en"), BLOG_URL, selector="//h2[@class='entry-title']/a/@href")
    assert links == [
        "https://www.thekitchenplot.com/2023/11/sourdough-starter-guide/",
        "https://thekitchenplot.com/2023/10/garden-no-dig/",
        "https://www.thekitchenplot.com/quick-fridge-pickles-for-people-without-a-garden/",
    ]


def test_blog_index_heuristic_ignores_category_archive_and_login() -> None:
    links = find_article_links(listing("blog-index-en"), BLOG_URL)
    assert links == [
        "https://www.thekitchenplot.com/2023/11/sourdough-starter-guide/",
        "https://thekitchenplot.com/2023/10/garden-no-dig/",
        "https://www.thekitchenplot.com/quick-fridge-pickles-for-people-without-a-garden/",
    ]


@pytest.mark.parametrize(
    ("name", "base", "expected"),
    [
        ("news-section-en", NEWS_URL, "https://www.dailyherald-news.co.uk/news/transport/?page=2"),
        ("portal-list-zh", ZH_URL, "https://news.zhongyuanwang.cn/shehui/index_3.shtml"),
        ("blog-index-en", BLOG_URL, "https://www.thekitchenplot.com/page/3/"),
    ],
)
def test_find_next_page(name: str, base: str, expected: str) -> None:
    assert find_next_page(listing(name), base) == expected


def test_find_next_page_with_selector_and_without_any() -> None:
    html = listing("portal-list-zh")
    assert find_next_page(html, ZH_URL, selector="div.page a:first-child") == (
        "https://news.zhongyuanwang.cn/shehui/index_1.shtml")
    assert find_next_page("<html><body><a href='/a'>About</a></body></html>", ZH_URL) is None


def test_discover_feeds() -> None:
    assert discover_feeds(listing("news-section-en"), NEWS_URL) == [
        "https://www.dailyherald-news.co.uk/news/transport/rss.xml",
        "https://feeds.dailyherald-news.co.uk/all.atom",
    ]
    assert discover_feeds(listing("portal-list-zh"), ZH_URL) == ["https://news.zhongyuanwang.cn/shehui/rss.xml"]
    # comment feeds and the WordPress REST alternate are not article feeds
    assert discover_feeds(listing("blog-index-en"), BLOG_URL) == [
        "https://www.thekitchenplot.com/feed/",
        "https://www.thekitchenplot.com/feed.json",
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2024/05/06/story", True),
        ("https://example.com/news/20240506/a.html", True),
        ("https://example.com/world/europe-68812345", True),
        ("https://example.com/why-the-council-said-no-to-the-new-bridge", True),
        ("https://example.com/tag/bridges/", False),
        ("https://example.com/category/news/2024/05/", False),
        ("https://example.com/page/2/", False),
        ("https://example.com/", False),
        ("https://example.com/about", False),
        ("https://example.com/images/2024/05/photo.jpg", False),
    ],
)
def test_looks_like_article(url: str, expected: bool) -> None:
    assert looks_like_article(url) is expected


def test_clean_url_strips_tracking_keeps_meaningful_query() -> None:
    assert clean_url("https://Example.com/news.php?id=123&utm_source=x&fbclid=y#top") == (
        "https://example.com/news.php?id=123")
    assert clean_url("javascript:void(0)") is None
    assert clean_url("mailto:a@b.c") is None


def test_garbage_input_is_harmless() -> None:
    assert find_article_links("", NEWS_URL) == []
    assert find_next_page("   ", NEWS_URL) is None
    assert discover_feeds("<<<>>>", NEWS_URL) == []


def test_links_nested_past_lxmls_depth_limit_are_found() -> None:
    from archiver.sources.links import find_article_links

    deep = "<div>" * 300 + '<a href="/2024/05/01/a-long-article-slug-here">A</a>' + "</div>" * 300
    html = f'<html><body>{deep}<a href="/2024/05/02/another-long-article-slug">B</a></body></html>'
    assert find_article_links(html, "https://news.example.com/") == [
        "https://news.example.com/2024/05/01/a-long-article-slug-here",
        "https://news.example.com/2024/05/02/another-long-article-slug",
    ]
