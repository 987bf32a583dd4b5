"""End to end: `scrapy crawl feeds` in a subprocess against the sample site on 127.0.0.1."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path

import feedparser_rs
import frontmatter
import jsonschema
import lxml.html
import pytest
from PIL import Image

from archiver.demo.site import SAMPLE_GUID, SAMPLE_PATH, SAMPLE_TITLE, SampleSite, _sample_body, sample_sources_yaml
from tests.support.crawl import CrawlResult, run_crawl

SAMPLE_POST = "posts/qutoutiao/2022/2022-05-09-端稳-饭碗-鼓起-钱袋-大同多举措优化就业结构改善就业环境.md"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CrawlResult, SampleSite]:
    root = tmp_path_factory.mktemp("archive")
    with SampleSite() as site:
        sources = root.parent / f"{root.name}-sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        result = run_crawl("-a", f"sources={sources}", output=root)
    return root, result, site


def _posts(root: Path) -> list[Path]:
    return sorted((root / "posts").rglob("*.md"))


def test_crawl_is_clean(archive: tuple[Path, CrawlResult, SampleSite]) -> None:
    root, result, _site = archive
    assert result.returncode == 0, result.log[-3000:]
    assert result.error_lines == [], "\n".join(result.error_lines)
    assert len(_posts(root)) == 7, [p.name for p in _posts(root)]
    assert result.stats.get("archiver/posts/new") == 7


def test_sample_post_matches_the_old_archive_and_fixes_its_flaws(archive: tuple[Path, CrawlResult, SampleSite]) -> None:
    root, _result, site = archive
    post = frontmatter.load(root / SAMPLE_POST)
    assert post["title"] == SAMPLE_TITLE
    assert post["categories"] == ["新媒体", "趣头条", "分类"]
    assert post["author"] == "趣头条"
    assert post["comments"] is False
    assert post["date"] == "2022-05-09T08:01:32+00:00"
    assert post["source_url"] == f"{site.base_url}{SAMPLE_PATH}"
    assert post["guid"] == SAMPLE_GUID
    assert post["description"].startswith("就业与老百姓的“饭碗”和“钱袋”息息相关")
    assert len(post["description"]) <= 201
    keys = list(post.metadata)
    assert keys.index("title") < keys.index("categories") < keys.index("author") < keys.index("date")
    assert keys.index("comments") < keys.index("source_url") < keys.index("guid") < keys.index("description")
    # Every paragraph of the original, and all five images.
    paragraphs = [p.text_content().strip() for p in lxml.html.fragment_fromstring(_sample_body(), create_parent="div").iter("p")]
    paragraphs = [p for p in paragraphs if p]
    assert len(paragraphs) == 14
    text = post.content.replace("**", "")  # the bold subheadings
    for paragraph in paragraphs:
        assert paragraph in text, paragraph
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)", post.content)
    assert len(images) == 5
    assert all(image.startswith("/images/qutoutiao/2022/") for image in images)
    assert "cors." not in post.content and "data:image" not in post.content
    assert post["headimg"].startswith("/images/qutoutiao/2022/") and post["thumbnail"] != post["headimg"]


def test_every_post_is_sanitized_and_escaped(archive: tuple[Path, CrawlResult, SampleSite]) -> None:
    root, _result, _site = archive
    for path in _posts(root):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "alert(" not in text and "onload" not in text, path
        assert "\ufffd" not in text, f"mojibake in {path}"
    express = next(p for p in _posts(root) if "双11" in p.name)
    body = frontmatter.load(express).content
    # Template syntax written as character references: no template engine sees it,
    # every Markdown renderer shows it as the characters.
    assert "模板语法 &#123;&#123; page.title &#125;&#125; 与 &#123;% raw %&#125; 在正文中应原样显示。" in body
    assert "{{" not in body and "{%" not in body
    assert "track/open.gif" not in body  # the tracking pixel


def test_summary_only_gbk_entry_gets_its_full_text(archive: tuple[Path, CrawlResult, SampleSite]) -> None:
    root, _result, _site = archive
    lantern = frontmatter.load(next(p for p in _posts(root) if "古城灯会" in p.name))
    assert "灯会以“千年古都·璀璨华灯”为主题" in lantern.content
    assert "网友评论" not in lantern.content and "相关阅读" not in lantern.content
    assert lantern["date"] == "2022-05-10T02:15:00+00:00"


def test_english_atom_and_json_feed_posts(archive: tuple[Path, CrawlResult, SampleSite]) -> None:
    root, _result, _site = archive
    markets = frontmatter.load(next(p for p in _posts(root) if p.name.startswith("2022-05-09-markets")))
    assert markets["title"] == 'Markets: "Calm" before the storm? Analysts weigh #rates & CJK-named funds 基金'
    assert markets["author"] == "Priya Raman, Tom Becker"
    assert markets["tags"] == ["Markets", "Economy"] and markets["categories"] == ["World"]
    assert markets["date"] == "2022-05-09T09:30:00+02:00" and markets["updated"] == "2022-05-09T11:00:00+02:00"
    assert "| Composite | 4,102.3 |" in markets.content and "```" in markets.content
    harbor = frontmatter.load(next(p for p in _posts(root) if "harbor" in p.name))
    assert "two new deep-water berths" in harbor.content.lower()  # fetched from the page
    assert harbor["author"] == "Dana Whitfield"
    garden = frontmatter.load(next(p for p in _posts(root) if "gardens" in p.name))
    assert garden["date"] == "2022-05-07T10:00:00-07:00" and garden["tags"] == ["IoT", "Gardening"]


def test_every_image_link_is_a_local_file_of_the_right_size(archive: tuple[Path, CrawlResult, SampleSite]) -> None:
    root, _result, site = archive
    checked = 0
    for path in _posts(root):
        post = frontmatter.load(path)
        links = re.findall(r"!\[[^\]]*\]\(([^)\s]+)", post.content)
        for link in [*links, post.get("headimg"), post.get("thumbnail")]:
            if link is None:
                continue
            assert link.startswith("/images/"), f"{path.name}: {link} is not local"
            assert (root / link.lstrip("/")).is_file(), link
            checked += 1
        if post.get("thumbnail"):
            with Image.open(root / post["thumbnail"].lstrip("/")) as thumb:
                assert thumb.size == (400, 300)
        if post.get("headimg"):
            with Image.open(root / post["headimg"].lstrip("/")) as header:
                assert header.width <= 1200
    assert checked >= 20
    # The 2400 px harbor photo was shrunk; the PNG logo kept its transparent background.
    markets = frontmatter.load(next(p for p in _posts(root) if "markets-calm" in p.name))
    logo = next(link for link in re.findall(r"!\[Desk logo\]\(([^)\s]+)", markets.content))
    with Image.open(root / logo.lstrip("/")) as image:
        assert image.mode in ("RGBA", "LA", "P") and image.convert("RGBA").getpixel((0, 0))[3] == 0
    # Nothing points at the sample site any more.
    for path in _posts(root):
        body = frontmatter.load(path).content
        assert f"{site.base_url}/img/" not in body and f"{site.base_url}/static/" not in body


def test_json_feed_of_the_crawl_validates_and_reads_back(archive: tuple[Path, CrawlResult, SampleSite]) -> None:
    root, _result, site = archive
    raw = (root / "feeds" / "feed.json").read_bytes()
    document = json.loads(raw)
    schema = json.loads((Path(__file__).parents[1] / "resources" / "jsonfeed-1.1.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    for source in ("qutoutiao", "world-news", "tech-digest"):
        jsonschema.validate(json.loads((root / "feeds" / f"{source}.json").read_bytes()), schema)
    # A real consumer with feedparser's API reads the same entries, Chinese intact.
    parsed = feedparser_rs.parse(raw)
    assert not parsed.bozo and len(parsed.entries) == 7
    posts = {frontmatter.load(p)["guid"]: frontmatter.load(p) for p in _posts(root)}
    for entry in parsed.entries:
        post = posts[entry.id]
        # feedparser-rs hands titles back HTML-escaped ("&" as "&amp;"); feed.json has "&".
        assert html_module.unescape(entry.title) == post["title"]
        assert entry.published == post["date"].replace("+00:00", "Z") or entry.published == post["date"]
    sample = next(e for e in parsed.entries if e.id == SAMPLE_GUID)
    assert sample.title == SAMPLE_TITLE
    assert sample.link == f"{site.base_url}{SAMPLE_PATH}"
    html = sample.content[0].value
    assert "就业是最大的民生。" in html and html.count("<img") == 5


def test_items_export_as_json_lines(tmp_path: Path) -> None:
    with SampleSite() as site:
        sources = tmp_path / "sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        result = run_crawl("-a", f"sources={sources}", "-O", str(tmp_path / "items.jsonl"), output=tmp_path / "out")
    assert result.error_lines == []
    lines = (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    assert len(items) == 7
    sample = next(item for item in items if item["guid"] == SAMPLE_GUID)
    assert sample["title"] == SAMPLE_TITLE and sample["published"] == "2022-05-09T08:01:32+00:00"
    assert sample["post_path"].startswith("posts/qutoutiao/2022/2022-05-09-") and sample["status"] == "new"
    assert sample["headimg"].startswith("/images/") and len(sample["image_map"]) == 5
    documented = {"source", "url", "guid", "title", "authors", "published", "updated", "categories", "tags",
                  "summary", "content_html", "language", "headimg", "thumbnail", "post_path", "status"}
    assert documented <= set(sample)
