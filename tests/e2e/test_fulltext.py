"""End to end: full text from article pages for sources without full feeds: a home page
with a discoverable summary-only feed, listing pages with and without selectors (and
paginated), and a gzipped news sitemap behind a sitemap index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import frontmatter
import pytest

from archiver.demo.site import SampleSite
from tests.support.crawl import run_crawl
from tests.support.portal_site import ARTICLES, BIG5_PARAGRAPHS, BIG5_TITLE, add_portal


@pytest.fixture
def portal() -> Iterator[SampleSite]:
    with SampleSite() as site:
        add_portal(site)
        yield site


def _posts(root: Path) -> dict[str, frontmatter.Post]:
    return {str(frontmatter.load(p)["source_url"]): frontmatter.load(p) for p in root.rglob("posts/**/*.md")}


def _assert_full_text(post: frontmatter.Post, path: str) -> None:
    article = ARTICLES[path]
    for paragraph in article["paragraphs"]:
        assert paragraph in post.content, paragraph
    assert "Comments (2)" not in post.content and "Most read" not in post.content
    assert "cookies" not in post.content


def test_home_page_feed_discovery_and_summary_only_items(portal: SampleSite, tmp_path: Path) -> None:
    result = run_crawl("-a", f"url={portal.base_url}/portal/", "-a", "name=portal", output=tmp_path)
    assert result.error_lines == []
    assert result.stats["archiver/feeds/discovered"] == 1  # the oEmbed alternate is not a feed
    posts = _posts(tmp_path)
    world = [p for p in ARTICLES if "/world/" in p]
    assert sorted(posts) == sorted(f"{portal.base_url}{p}" for p in world)
    for path in world:
        post = posts[f"{portal.base_url}{path}"]
        _assert_full_text(post, path)
        assert post["title"] == ARTICLES[path]["title"]
        assert post["author"] == ARTICLES[path]["author"]  # from the page's JSON-LD
        assert post["date"] == ARTICLES[path]["published"]


def test_listing_with_selectors_and_pagination(portal: SampleSite, tmp_path: Path) -> None:
    result = run_crawl("-a", f"url={portal.base_url}/portal/shehui/", "-a", "name=shehui",
                       "-a", "link_selector=.news-list a", "-a", "next_selector=.page a.next",
                       "-a", "max_pages=2", "-a", "categories=新闻,社会", spider="pages", output=tmp_path)
    assert result.error_lines == []
    posts = _posts(tmp_path)
    shehui = [p for p in ARTICLES if "/shehui/" in p]
    # Two pages of two links each; the third page is beyond max_pages; the "hot" box is
    # outside the selector; utm_ tracking is stripped from the links.
    assert sorted(posts) == sorted(f"{portal.base_url}{p}" for p in shehui)
    assert "/portal/shehui/index_3.shtml" not in portal.paths_requested()
    for path in shehui:
        post = posts[f"{portal.base_url}{path}"]
        _assert_full_text(post, path)
        assert post["title"] == ARTICLES[path]["title"] and post["categories"] == ["新闻", "社会"]
        assert post["date"] == ARTICLES[path]["published"]
    lazy = posts[f"{portal.base_url}{shehui[0]}"]  # its figure's image sat in data-src
    (image,) = re.findall(r"!\[[^\]]*\]\((/images/[^)\s]+)\)", lazy.content)
    assert (tmp_path / image.lstrip("/")).is_file() and "grey.gif" not in lazy.content


def test_listing_without_selectors_finds_articles_by_their_urls(portal: SampleSite, tmp_path: Path) -> None:
    result = run_crawl("-a", f"url={portal.base_url}/portal/world/", spider="pages", output=tmp_path)
    assert result.error_lines == []
    posts = _posts(tmp_path)
    world = [p for p in ARTICLES if "/world/" in p]
    assert sorted(posts) == sorted(f"{portal.base_url}{p}" for p in world)
    requested = portal.paths_requested()
    assert not any(p.startswith(("/portal/tag/", "/portal/author/", "/portal/category/", "/portal/login")) for p in requested)
    assert not any(p.startswith("/private/") for p in requested)  # robots.txt disallows it
    assert (tmp_path / "posts" / "127-0-0-1").is_dir()  # ad hoc source named after the host


def test_gzipped_news_sitemap_behind_an_index(portal: SampleSite, tmp_path: Path) -> None:
    result = run_crawl("-a", f"url={portal.base_url}/portal/sitemap.xml", "-a", "name=portal-news",
                       "-a", "since=2022-05-01", output=tmp_path)
    assert result.error_lines == []
    assert result.stats["archiver/entries/too_old"] == 1
    posts = _posts(tmp_path)
    assert len(posts) == 5
    big5 = posts[f"{portal.base_url}/portal/hk/2022/0511/200001.html"]
    assert big5["title"] == BIG5_TITLE
    for paragraph in BIG5_PARAGRAPHS:
        assert paragraph in big5.content
    assert big5["date"] == "2022-05-11T08:00:00+08:00"
    subway = posts[f"{portal.base_url}/portal/shehui/2022/0510/100001.shtml"]
    assert subway["title"] == ARTICLES["/portal/shehui/2022/0510/100001.shtml"]["title"]
    assert subway["lang"] == "zh"  # news:language
