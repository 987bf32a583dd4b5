"""`scrapy site` / archiver.site.build: real Hugo and Pagefind over a real archive.

The demo archive is crawled from the sample site on 127.0.0.1 (as `make demo` does) and
built with Hugo's warnings as errors. A second, hand-made archive holds what a crawl
does not write but an archive may hold (hand edits, relative image links, images that
could not be downloaded, more posts than one index page) to test the site's behaviour.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter
import lxml.html
import pytest

from archiver.demo.site import SAMPLE_TITLE
from archiver.site.build import SiteBuild, SiteBuildError, SiteOptions, build_site
from tests.support.crawl import PROJECT_ROOT, scrapy_command, scrapy_env
from tests.support.site import SEED_POST, build_strict, crawl_demo_archive, site_url_path

MARKETS_POST = "posts/world-news/2022/2022-05-09-markets-calm-before-the-storm-analysts-weigh-rates-cjk-named-funds-基金.md"


def _digests(root: Path, folders: tuple[str, ...]) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SiteBuild, dict[str, str]]:
    root = tmp_path_factory.mktemp("archive")
    crawl_demo_archive(root)
    before = _digests(root, ("posts", "images"))
    return root, build_strict(root), before


def _page(site: Path, url_path: str) -> lxml.html.HtmlElement:
    """The built page for a site URL path (percent-encoded or not)."""
    path = site / unquote(urlsplit(url_path).path).lstrip("/")
    if url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return lxml.html.fromstring(path.read_bytes())


def _served_file(site: Path, url: str) -> Path:
    return site / unquote(urlsplit(url).path).lstrip("/")


def _posts_newest_first(root: Path) -> list[frontmatter.Post]:
    posts = [frontmatter.load(path) for path in sorted((root / "posts").rglob("*.md"))]
    return sorted(posts, key=lambda post: datetime.fromisoformat(str(post["date"])), reverse=True)


def _card_titles(page: lxml.html.HtmlElement) -> list[str]:
    return [h2.text_content().strip() for h2 in page.cssselect(".post-list .card h2")]


def test_demo_archive_builds_cleanly(demo: tuple[Path, SiteBuild, dict[str, str]]) -> None:
    root, result, _before = demo
    assert result.warnings == []
    assert result.skipped_posts == []
    assert result.posts == 7
    assert result.index == root / "site" / "index.html"
    assert result.index.is_file()
    # The build happens beside the site and leaves nothing behind.
    assert [p.name for p in root.iterdir() if p.name.startswith(".site-")] == []


def test_archive_is_mounted_not_copied_or_rewritten(demo: tuple[Path, SiteBuild, dict[str, str]]) -> None:
    root, _result, before = demo
    assert _digests(root, ("posts", "images")) == before
    site = root / "site"
    assert list(site.rglob("*.md")) == []
    # The images are served as archived, byte for byte.
    assert _digests(site, ("images",)) == {k: v for k, v in before.items() if k.startswith("images/")}
    # Nothing is written into the Hugo project shipped in the package.
    project = PROJECT_ROOT / "archiver" / "site" / "hugo"
    assert sorted(p.name for p in project.iterdir()) == ["hugo.toml", "themes"]


def test_index_lists_every_post_newest_first_with_its_thumbnail(demo: tuple[Path, SiteBuild, dict[str, str]]) -> None:
    root, _result, _before = demo
    site = root / "site"
    index = _page(site, "/")
    posts = _posts_newest_first(root)
    assert _card_titles(index) == [post["title"] for post in posts]
    thumbs = [img.get("src") for img in index.cssselect(".card .thumb img")]
    assert thumbs == [post["thumbnail"] for post in posts]
    assert all(_served_file(site, src).is_file() for src in thumbs)
    assert index.get("lang") == "en"


def test_one_page_per_source_lists_its_posts(demo: tuple[Path, SiteBuild, dict[str, str]]) -> None:
    root, _result, _before = demo
    site = root / "site"
    sources = sorted(p.name for p in (root / "posts").iterdir())
    listed = [a.text_content() for a in _page(site, "/sources/").cssselect(".terms-list a")]
    assert listed == sources
    for source in sources:
        expected = [p["title"] for p in _posts_newest_first(root) if p["source"] == source]
        assert _card_titles(_page(site, f"/sources/{source}/")) == expected, source


def test_seed_post_page_shows_header_title_date_author_source_and_five_images(
    demo: tuple[Path, SiteBuild, dict[str, str]],
) -> None:
    root, _result, _before = demo
    site = root / "site"
    post = frontmatter.load(root / SEED_POST)
    page = _page(site, site_url_path(SEED_POST))
    assert page.get("lang") == "zh-CN"
    assert page.cssselect("article h1")[0].text_content() == SAMPLE_TITLE == post["title"]
    assert page.cssselect("article img.headimg")[0].get("src") == post["headimg"]
    body_images = [img.get("src") for img in page.cssselect("article .content img")]
    assert body_images == re.findall(r"!\[[^\]]*\]\(([^)]+)\)", post.content)
    assert len(body_images) == 5
    assert all(_served_file(site, src).is_file() for src in [post["headimg"], *body_images])
    meta = page.cssselect("article .meta")[0].text_content()
    assert "2022-05-09 08:01" in meta and "趣头条" in meta and "qutoutiao" in meta
    links = [a.get("href") for a in page.cssselect("article a")]
    assert post["source_url"] in links
    body_text = page.cssselect("article .content")[0].text_content()
    assert "就业与老百姓的“饭碗”和“钱袋”息息相关" in body_text
    # Each category (CJK) links to its own page, which lists the post.
    category_links = [a for a in page.cssselect(".post-footer .terms a") if "/categories/" in a.get("href")]
    assert [a.text_content() for a in category_links] == ["新媒体", "趣头条", "分类"]
    for link in category_links:
        assert SAMPLE_TITLE in _card_titles(_page(site, link.get("href")))


def test_english_post_keeps_title_text_tags_and_updated(demo: tuple[Path, SiteBuild, dict[str, str]]) -> None:
    root, _result, _before = demo
    post = frontmatter.load(root / MARKETS_POST)
    page = _page(root / "site", site_url_path(MARKETS_POST))
    assert page.get("lang") == "en"
    assert page.cssselect("article h1")[0].text_content() == post["title"]
    assert "Analysts weigh #rates & CJK-named funds 基金" in post["title"]
    meta = page.cssselect("article .meta")[0].text_content()
    assert "updated 2022-05-09 11:00" in meta and "Priya Raman, Tom Becker" in meta
    assert [a.text_content() for a in page.cssselect(".post-footer .terms a") if "/tags/" in a.get("href")] == [
        "Markets", "Economy"]
    # The body's apostrophe as archived: no typographer quotes made up by the renderer.
    assert "central bank's rate decision" in page.cssselect("article .content")[0].text_content()
    assert page.cssselect("article .content table td")[0].text_content() == "Composite"


def test_pages_load_nothing_from_elsewhere(demo: tuple[Path, SiteBuild, dict[str, str]]) -> None:
    root, _result, _before = demo
    site = root / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = lxml.html.fromstring(path.read_bytes())
        loaded = page.xpath("//img/@src | //script/@src | //link/@href | //iframe/@src | //source/@src")
        for url in loaded:
            assert url.startswith("/") and not url.startswith("//"), (path, url)
        if page.xpath("//meta[@http-equiv='refresh']"):
            continue  # Hugo's redirect from /page/1/ to /: no content of its own
        assert page.xpath("//meta[@http-equiv='Content-Security-Policy']"), path


def test_search_index_holds_every_post_in_one_language(demo: tuple[Path, SiteBuild, dict[str, str]]) -> None:
    import json

    root, _result, _before = demo
    entry = json.loads((root / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh-cn"]
    assert entry["languages"]["zh-cn"]["page_count"] == len(list((root / "posts").rglob("*.md")))


# --- a hand-made archive: what the site does with what a crawl does not write ------------

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2e3f0d60000000049454e44ae426082"
)


def _write_post(root: Path, rel: str, front: str, body: str) -> Path:
    path = root / "posts" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def handmade(tmp_path: Path) -> Path:
    """26 good posts (Chinese and English), and six that Hugo would fail on."""
    root = tmp_path / "archive"
    (root / "images" / "zaker" / "2023").mkdir(parents=True)
    (root / "images" / "zaker" / "2023" / "ab12-thumb.png").write_bytes(PNG_1PX)
    for day in range(1, 25):
        lang, title = ("zh-CN", f"第{day}条：城市“夜经济”观察") if day % 2 else ("en", f"Night economy, day {day}")
        _write_post(root, f"zaker/2023/2023-03-{day:02d}-post-{day}.md",
                    f"title: '{title}'\ndate: '2023-03-{day:02d}T10:00:00+08:00'\nsource: zaker\nlang: {lang}\n"
                    "categories: [新闻, 城市]", f"Body of post {day}. 正文。")
    # Relative image links (ARCHIVER_IMAGE_URL_STYLE=relative) and an image that was never downloaded.
    _write_post(root, "zaker/2023/2023-04-01-relative.md",
                "title: 相对链接的图片\ndate: '2023-04-01T08:00:00+08:00'\nsource: zaker\n"
                "thumbnail: ../../../images/zaker/2023/ab12-thumb.png",
                "![本地](../../../images/zaker/2023/ab12-thumb.png)\n\n![remote chart](https://cdn.example.com/chart.png)")
    # Dated ahead of the clock (a source's wrong time zone): still shown.
    _write_post(root, "zaker/2099/2099-01-01-future.md",
                "title: From the future\ndate: '2099-01-01T00:00:00+00:00'\nsource: zaker", "Clock skew.")
    _write_post(root, "zaker/2023/2023-05-01-broken-yaml.md", "title: [unclosed\ndate: 2023", "x")
    _write_post(root, "zaker/2023/2023-05-02-bad-date.md", "title: Bad date\ndate: last tuesday", "x")
    # Valid for our scan, refused by Hugo itself: left out on Hugo's word, the rest still built.
    _write_post(root, "zaker/2023/2023-05-03-hand-edited.md",
                "title: Hand edited\ndate: '2023-05-03T00:00:00+00:00'\nexpiryDate: soon", "x")
    # Shapes the theme cannot show: an image list, a category that is a mapping.
    _write_post(root, "zaker/2023/2023-05-04-image-list.md",
                "title: Two header images\ndate: '2023-05-04T00:00:00+00:00'\nheadimg: [/a.jpg, /b.jpg]", "x")
    _write_post(root, "zaker/2023/2023-05-05-category-map.md",
                "title: Category map\ndate: '2023-05-05T00:00:00+00:00'\ncategories: [{news: 1}]", "x")
    # A hand-written Hugo shortcode that does not exist: Hugo refuses the post.
    _write_post(root, "zaker/2023/2023-05-06-shortcode.md",
                "title: Shortcode\ndate: '2023-05-06T00:00:00+00:00'", "{{< no-such-shortcode >}}")
    return root


def test_broken_posts_are_left_out_with_a_reason_and_the_rest_is_built(handmade: Path) -> None:
    result = build_strict(handmade)
    reasons = {path.name: reason for path, reason in result.skipped_posts}
    assert reasons.keys() == {"2023-05-01-broken-yaml.md", "2023-05-02-bad-date.md", "2023-05-03-hand-edited.md",
                              "2023-05-04-image-list.md", "2023-05-05-category-map.md", "2023-05-06-shortcode.md"}
    assert reasons["2023-05-01-broken-yaml.md"] == "unreadable front matter"
    assert reasons["2023-05-02-bad-date.md"] == "date not an ISO 8601 date"
    assert "expirydate" in reasons["2023-05-03-hand-edited.md"]
    assert reasons["2023-05-04-image-list.md"] == "headimg not text"
    assert reasons["2023-05-05-category-map.md"] == "categories not text"
    assert "no-such-shortcode" in reasons["2023-05-06-shortcode.md"]
    assert result.posts == 26
    site = handmade / "site"
    assert not (site / "posts" / "zaker" / "2023" / "2023-05-01-broken-yaml").exists()
    assert _card_titles(_page(site, "/sources/zaker/"))[:3] == ["From the future", "相对链接的图片", "Night economy, day 24"]


def test_index_is_paginated(handmade: Path) -> None:
    build_strict(handmade)
    site = handmade / "site"
    pages = [_page(site, "/"), _page(site, "/page/2/"), _page(site, "/page/3/")]
    titles = [title for page in pages for title in _card_titles(page)]
    assert len(titles) == 26 == len(set(titles))
    assert [len(_card_titles(page)) for page in pages] == [12, 12, 2]
    assert pages[0].cssselect(".pager a[rel=next]")[0].get("href") == "/page/2/"
    assert pages[2].cssselect(".pager a[rel=prev]")[0].get("href") == "/page/2/"
    assert not (site / "page" / "4").exists()


def test_relative_image_links_resolve_and_remote_images_are_not_loaded(handmade: Path) -> None:
    build_strict(handmade)
    site = handmade / "site"
    page = _page(site, "/posts/zaker/2023/2023-04-01-relative/")
    assert [img.get("src") for img in page.cssselect("article .content img")] == ["/images/zaker/2023/ab12-thumb.png"]
    remote = page.cssselect("article .content a.remote-image")[0]
    assert remote.get("href") == "https://cdn.example.com/chart.png"
    assert remote.text_content() == "[image not archived: remote chart]"
    card = next(c for c in _page(site, "/").cssselect(".card") if "相对链接的图片" in c.text_content())
    assert card.cssselect("img")[0].get("src") == "/images/zaker/2023/ab12-thumb.png"


def test_site_url_sets_the_root_of_every_link(handmade: Path) -> None:
    options = SiteOptions(archive=handmade, destination=handmade / "site", base_url="https://example.org/archive/",
                          strict=True)
    build_site(options)
    page = _page(handmade / "site", "/posts/zaker/2023/2023-04-01-relative/")
    assert page.cssselect("article .content img")[0].get("src") == "/archive/images/zaker/2023/ab12-thumb.png"
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["/archive/css/site.css"]


def test_a_failed_build_keeps_the_previous_site(handmade: Path) -> None:
    build_strict(handmade)
    index = handmade / "site" / "index.html"
    before = index.read_bytes()
    (handmade / "posts").rename(handmade / "posts-moved")
    with pytest.raises(SiteBuildError, match="nothing to build a site from"):
        build_strict(handmade)
    assert index.read_bytes() == before


# --- the command -------------------------------------------------------------------------

def test_scrapy_site_prints_the_index_and_how_to_serve_it(handmade: Path) -> None:
    completed = subprocess.run(scrapy_command("site", "-s", f"ARCHIVER_OUTPUT={handmade}"), cwd=PROJECT_ROOT, env=scrapy_env(),
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    assert f"index: {handmade / 'site' / 'index.html'}" in completed.stdout
    assert "site: 26 posts" in completed.stdout
    assert "site --serve" in completed.stdout
    assert "6 broken posts left out" in completed.stdout
    assert "left out" in completed.stderr and "2023-05-02-bad-date.md" in completed.stderr


def test_scrapy_site_on_an_empty_archive_fails_clearly(tmp_path: Path) -> None:
    completed = subprocess.run(scrapy_command("site", "-s", f"ARCHIVER_OUTPUT={tmp_path}"), cwd=PROJECT_ROOT, env=scrapy_env(),
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 1
    assert "nothing to build a site from" in completed.stderr


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # 127.0.0.1 only
        return response.read().decode("utf-8")


def _wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_scrapy_site_serve_serves_with_live_reload(handmade: Path, tmp_path: Path) -> None:
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        # Hugo takes another free port when 1313 is busy, and says which.
        process = subprocess.Popen(scrapy_command("site", "--serve", "-s", f"ARCHIVER_OUTPUT={handmade}"), cwd=PROJECT_ROOT,
                                   env=scrapy_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        found: list[str] = []

        def announced() -> bool:
            found[:] = re.findall(r"Web Server is available at //[\w.]+:(\d+)/", log_path.read_text())
            assert process.poll() is None, log_path.read_text()
            return bool(found)

        _wait_for(announced, 60, "hugo server")
        base = f"http://127.0.0.1:{found[0]}"
        index = _get(base + "/")
        assert "Night economy, day 24" in index and "livereload.js" in index
        assert '"page_count":26' in _get(base + "/pagefind/pagefind-entry.json")  # the last build's index
        # A post archived while serving shows up without a rebuild by hand.
        _write_post(handmade, "zaker/2023/2023-06-01-live.md",
                    "title: Archived while serving\ndate: '2023-06-01T00:00:00+00:00'\nsource: zaker", "Live.")
        _wait_for(lambda: "Archived while serving" in _get(base + "/"), 30, "the new post on the index")
        # Nothing was written into the Hugo project shipped in the package.
        assert sorted(p.name for p in (PROJECT_ROOT / "archiver" / "site" / "hugo").iterdir()) == ["hugo.toml", "themes"]
        # SIGTERM to the command alone (as a service manager sends it) stops Hugo too.
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        _wait_for(lambda: not _answers(base + "/"), 10, "hugo server to stop")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _answers(url: str) -> bool:
    try:
        _get(url)
    except OSError:
        return False
    return True
