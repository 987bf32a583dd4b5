"""JSON Feed export of the archive, tested on small archives written in tmp_path."""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import frontmatter
import jsonfeed as jsonfeed_consumer  # jsonfeed-util: an independent JSON Feed 1.1 parser
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.archive.jsonfeed import (
    FeedOptions,
    export_feeds,
    permalink_url,
    render_content_html,
    resolve_url,
)
from archiver.archive.render import escape_template_syntax, render_post
from archiver.sources.feedparse import parse_feed

SCHEMA = json.loads((Path(__file__).parents[1] / "resources" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
ZH_TITLE = "端稳“饭碗”，鼓起“钱袋”！大同多举措优化就业结构改善就业环境"
ZH_PATH = "posts/qutoutiao/2022/2022-05-09-端稳-饭碗-鼓起-钱袋-大同多举措优化就业结构改善就业环境.md"
EN_PATH = "posts/example-news/2023/2023-01-02-markets-rally-on-rate-hopes.md"
RAW_PATH = "posts/example-news/2022/2022-05-09-templating-with-braces.md"
HTML_PATH = "posts/qutoutiao/2021/2021-12-31-html-body.md"
BROKEN_YAML_PATH = "posts/example-news/2022/2022-06-01-broken.md"
SITE = "https://example.org/blog/"


def write_post(root: Path, rel: str, metadata: dict[str, Any], body: str) -> Path:
    """A post as the writer makes it: python-frontmatter, keys in the archive's order."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = frontmatter.dumps(frontmatter.Post(body, **metadata), sort_keys=False, allow_unicode=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def make_archive(root: Path) -> Path:
    # The Chinese post is written by hand with an unquoted date, which PyYAML reads as a
    # datetime (the other posts carry quoted strings): both forms must work.
    zh = root / ZH_PATH
    zh.parent.mkdir(parents=True)
    zh.write_text(
        "---\n"
        f"title: {ZH_TITLE}\n"
        "categories:\n- 新媒体\n- 趣头条\n"
        "tags:\n- 趣头条\n- 就业\n"
        "author: 趣头条, 郝雨\n"
        "date: 2022-05-09T08:01:32+00:00\n"
        "updated: 2022-05-10T09:00:00+08:00\n"
        "headimg: /images/qutoutiao/2022/ab12cd-header.jpg\n"
        "thumbnail: /images/qutoutiao/2022/ab12cd-thumb.jpg\n"
        "comments: false\n"
        "source_url: http://www.qutoutiao.net/a/53fba24c\n"
        "guid: qtt-53fba24c\n"
        "description: 就业与老百姓的“饭碗”和“钱袋”息息相关。\n"
        "source: qutoutiao\n"
        "lang: zh-CN\n"
        "---\n\n"
        "就业与老百姓的“饭碗”和“钱袋”息息相关。\n\n"
        "![岗位](../../../images/qutoutiao/2022/94ade4-inline.jpeg)\n\n"
        "**“牵线搭桥”让工作送上门来**\n",
        encoding="utf-8",
    )
    write_post(
        root,
        EN_PATH,
        {
            "title": 'Markets rally: "rates" to fall',
            "categories": ["Business"],
            "tags": ["markets", "Business"],
            "author": "Jane Roe",
            "date": "2023-01-02T15:04:05-05:00",
            "headimg": "https://cdn.example.net/remote-header.jpg",
            "comments": False,
            "source_url": "https://news.example.com/markets/rally",
            "description": "Stocks rose.",
            "source": "Example News",
            "lang": "en",
        },
        "Stocks rose on [hopes](/markets/hopes) of lower rates.\n\n![chart](/images/example-news/2023/c0ffee-chart.png)\n",
    )
    write_post(
        root,
        RAW_PATH,
        {
            "title": "Templating with {{ braces }} and {% tags %}",
            "date": "2022-05-09T08:01:32+00:00",
            "source_url": "https://news.example.com/templating",
            "guid": "tmpl-1",
            "source": "Example News",
            "lang": "en",
        },
        # Escaped as archiver.archive.render escapes for Hexo and Hugo.
        escape_template_syntax(
            "Write {{ name }} and {% if x %} in templates.\n\n"
            "A paragraph without templates.\n\n"
            "Close with `{% endraw %}`, and {# note #}. Inline `{{ code }}` too.\n"),
    )
    write_post(
        root,
        HTML_PATH,
        {
            "title": "HTML body",
            "date": "2021-12-31T23:00:00+00:00",
            "guid": "html-1",
            "source": "qutoutiao",
        },
        '<p onclick="steal()">Kept <img src="../../../images/qutoutiao/2021/f00-inline.png" alt="i">'
        "</p><script>alert(1)</script>",
    )
    broken = root / BROKEN_YAML_PATH
    broken.write_text("---\ntitle: [unclosed\ndate: 2022-06-01T00:00:00+00:00\n---\nbody\n", encoding="utf-8")
    # A run killed mid-write leaves these; they are not posts.
    (root / "posts/qutoutiao/2022/.2022-05-09-x.md.abc.tmp").write_text("---\ntitle: half", encoding="utf-8")
    (root / "posts/qutoutiao/2022/.hidden.md").write_text("---\ntitle: hidden\n---\n", encoding="utf-8")
    return root


def read_feed(root: Path, name: str = "feed.json") -> dict[str, Any]:
    doc = json.loads((root / "feeds" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    return doc


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "feeds").iterdir())}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make_archive(tmp_path / "output")


def test_schema_rejects_what_the_spec_forbids() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    ok = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1", "content_text": "x"}]}
    assert validator.is_valid(ok)
    assert not validator.is_valid({**ok, "items": [{"id": "1"}]})  # no content
    assert not validator.is_valid({**ok, "items": [{"content_html": "x"}]})  # no id
    assert not validator.is_valid({**ok, "version": "https://jsonfeed.org/version/1"})
    assert not validator.is_valid(
        {**ok, "items": [{"id": "1", "content_text": "x", "date_published": "Mon, 09 May 2022"}]}
    )


def test_archive_feed_is_valid_and_readable_by_a_consumer(archive: Path) -> None:
    result = export_feeds(archive)

    assert result.posts == 5
    assert result.items == 4
    doc = read_feed(archive)
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["title"] == "archiver"
    assert "home_page_url" not in doc and "feed_url" not in doc
    ids = [item["id"] for item in doc["items"]]
    # newest first; the two posts of 2022-05-09T08:01:32Z are ordered by id
    assert ids == ["https://news.example.com/markets/rally", "qtt-53fba24c", "tmpl-1", "html-1"]

    zh = doc["items"][1]
    assert zh["title"] == ZH_TITLE
    assert zh["date_published"] == "2022-05-09T08:01:32+00:00"
    assert zh["date_modified"] == "2022-05-10T09:00:00+08:00"
    assert zh["authors"] == [{"name": "趣头条"}, {"name": "郝雨"}]
    assert zh["tags"] == ["新媒体", "趣头条", "就业"]
    assert zh["language"] == "zh-CN"
    assert zh["summary"] == "就业与老百姓的“饭碗”和“钱袋”息息相关。"
    assert zh["url"] == zh["external_url"] == "http://www.qutoutiao.net/a/53fba24c"
    assert zh["image"] == "/images/qutoutiao/2022/ab12cd-thumb.jpg"
    assert zh["banner_image"] == "/images/qutoutiao/2022/ab12cd-header.jpg"
    assert '<img src="/images/qutoutiao/2022/94ade4-inline.jpeg" alt="岗位">' in zh["content_html"]
    assert zh["_archiver"] == {"source": "qutoutiao", "path": ZH_PATH}

    en = doc["items"][0]
    assert en["title"] == 'Markets rally: "rates" to fall'
    assert en["date_published"] == "2023-01-02T15:04:05-05:00"
    assert en["tags"] == ["Business", "markets"]
    assert en["banner_image"] == "https://cdn.example.net/remote-header.jpg"
    assert "image" not in en and "date_modified" not in en
    assert en["_archiver"] == {"source": "Example News", "path": EN_PATH}

    # The raw text parses as UTF-8 JSON with CJK unescaped and a final newline.
    text = (archive / "feeds" / "feed.json").read_text(encoding="utf-8")
    assert ZH_TITLE in text and text.endswith("}\n")

    # An independent consumer reads the same entries.
    consumed = jsonfeed_consumer.Feed.parse_string(text)
    assert [(i.id, i.title, i.url, i.date_published) for i in consumed.items] == [
        (i["id"], i["title"], i.get("url"), i["date_published"]) for i in doc["items"]
    ]
    assert [a.name for a in consumed.items[1].authors] == ["趣头条", "郝雨"]

    # So do the archiver's own spiders: an archive's feed can be archived again.
    parsed = parse_feed(text.encode("utf-8"), SITE + "feeds/feed.json")
    assert [(e.guid, e.title, e.published) for e in parsed.entries] == [
        (i["id"], i["title"], i["date_published"]) for i in doc["items"]
    ]
    assert parsed.entries[1].authors == ["趣头条", "郝雨"]
    assert parsed.entries[1].tags == ["新媒体", "趣头条", "就业"]


def test_hexo_raw_markers_are_removed_and_html_sanitized(archive: Path) -> None:
    export_feeds(archive)
    items = {item["id"]: item for item in read_feed(archive)["items"]}

    raw = items["tmpl-1"]["content_html"]
    assert raw == (
        "<p>Write {{ name }} and {% if x %} in templates.</p>\n"
        "<p>A paragraph without templates.</p>\n"
        "<p>Close with <code>{% endraw %}</code>, and {# note #}. Inline <code>{{ code }}</code> too.</p>"
    )
    assert items["tmpl-1"]["title"] == "Templating with {{ braces }} and {% tags %}"

    html = items["html-1"]["content_html"]
    assert html.startswith("<p>Kept")
    assert '<img src="/images/qutoutiao/2021/f00-inline.png" alt="i">' in html
    assert "script" not in html and "onclick" not in html


def test_markdown_bodies_render_as_the_writer_wrote_them_and_hand_edits_are_sanitized() -> None:
    """What the HTML-to-Markdown converter emits (GFM tables, ``~~`` strikethrough) renders
    as such; a lone "~" stays text; CJK text keeps its ideographic indent; raw HTML and
    script links added by hand never reach the feed."""
    body = (
        "\u3000\u3000国务院常务会议部署稳就业举措。\n\n"
        "| 指标 | 2022 |\n| --- | --- |\n| GDP ~5% | ~~4.4%~~ 3.0% |\n\n"
        "Edited <span onclick=\"steal()\">by hand</span> [link](javascript:alert(1)) "
        "![i](../../../images/qutoutiao/2022/ab-inline.jpg)\n\n"
        "<script>alert(1)</script>\n"
    )
    html = render_content_html(body, {}, "posts/qutoutiao/2022/2022-05-09-x.md", SITE)
    assert html.startswith("<p>\u3000\u3000国务院常务会议部署稳就业举措。</p>")
    assert "<td>GDP ~5%</td>" in html and "<td><del>4.4%</del> 3.0%</td>" in html
    assert "<th>指标</th>" in html
    assert f'<img src="{SITE}images/qutoutiao/2022/ab-inline.jpg" alt="i">' in html
    assert "by hand" in html and "<a>link</a>" in html
    assert not re.search(r"script|onclick|javascript", html)


@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_posts_rendered_by_the_writer_read_back(tmp_path: Path, body_format: str) -> None:
    fields = {
        "title": ZH_TITLE,
        "categories": ["新媒体"],
        "date": "2022-05-09T08:01:32+00:00",
        "headimg": "/images/qutoutiao/2022/ab12cd-header.jpg",
        "comments": False,
        "source_url": "http://www.qutoutiao.net/a/1",
        "guid": "qtt-1",
        "source": "qutoutiao",
        "lang": "zh-CN",
    }
    body = (
        "<p>就业与<strong>“饭碗”</strong>。</p><p>Use {{ name }} and {% endraw %}.</p>"
        '<p><img src="/images/qutoutiao/2022/ab-inline.jpeg" alt="图"></p>'
    )
    root = tmp_path / "output"
    post = root / "posts/qutoutiao/2022/2022-05-09-x.md"
    post.parent.mkdir(parents=True)
    post.write_text(render_post(fields, body, body_format=body_format), encoding="utf-8")
    written = post.read_text(encoding="utf-8")
    assert "&#123;&#123; name &#125;&#125;" in written and "{{ name }}" not in written  # Hexo/Hugo-safe

    export_feeds(root, FeedOptions(site_url=SITE))

    item = read_feed(root)["items"][0]
    assert item["title"] == ZH_TITLE
    assert item["date_published"] == "2022-05-09T08:01:32+00:00"
    html = item["content_html"]
    assert "Use {{ name }} and {% endraw %}." in html
    assert "raw %}" not in html.replace("{% endraw %}.", "")
    assert f'<img src="{SITE}images/qutoutiao/2022/ab-inline.jpeg" alt="图">' in html
    assert "就业与“饭碗”。" in re.sub(r"<[^>]+>", "", html)
    assert "<strong>" in html and "**" not in html  # bold survives next to CJK quote marks


def test_broken_posts_are_reported_by_path_and_skipped(archive: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_post(archive, "posts/example-news/2022/2022-07-01-no-title.md", {"date": "2022-07-01T00:00:00+00:00"}, "x")
    write_post(archive, "posts/example-news/2022/2022-07-02-no-date.md", {"title": "No date"}, "x")
    write_post(archive, "posts/example-news/2022/2022-07-03-bad-date.md", {"title": "Bad", "date": "soon"}, "x")

    with caplog.at_level(logging.WARNING, logger="archiver.archive.jsonfeed"):
        result = export_feeds(archive)

    assert sorted(result.skipped_paths) == [
        BROKEN_YAML_PATH,
        "posts/example-news/2022/2022-07-01-no-title.md",
        "posts/example-news/2022/2022-07-02-no-date.md",
        "posts/example-news/2022/2022-07-03-bad-date.md",
    ]
    reasons = {skip.path: skip.reason for skip in result.skipped}
    assert reasons[BROKEN_YAML_PATH].startswith("bad YAML")
    assert reasons["posts/example-news/2022/2022-07-02-no-date.md"] == "no date in front matter"
    for path in result.skipped_paths:
        assert any(path in record.getMessage() for record in caplog.records)
    assert result.items == 4
    assert len(read_feed(archive)["items"]) == 4


def test_second_export_writes_nothing_and_gives_identical_bytes(archive: Path) -> None:
    first = export_feeds(archive, FeedOptions(site_url=SITE))
    before = snapshot(archive)
    mtimes = {p: p.stat().st_mtime_ns for p in (archive / "feeds").iterdir()}

    second = export_feeds(archive, FeedOptions(site_url=SITE))

    assert set(first.written) == {
        "feeds/feed.json",
        "feeds/feed.jsonl",
        "feeds/qutoutiao.json",
        "feeds/example-news.json",
    }
    assert second.written == ()
    assert set(second.unchanged) == set(first.written)
    assert snapshot(archive) == before
    assert {p: p.stat().st_mtime_ns for p in (archive / "feeds").iterdir()} == mtimes


def test_feeds_do_not_depend_on_state_or_location(archive: Path, tmp_path: Path) -> None:
    state = archive / ".archiver"
    state.mkdir()
    (state / "state.sqlite").write_bytes(b"SQLite format 3\x00junk")
    export_feeds(archive)
    before = snapshot(archive)

    shutil.rmtree(state)
    assert export_feeds(archive).written == ()
    assert snapshot(archive) == before

    # A copy of the posts alone, elsewhere, gives the same bytes too.
    copy = tmp_path / "elsewhere"
    shutil.copytree(archive / "posts", copy / "posts")
    export_feeds(copy)
    assert snapshot(copy) == before


def test_max_items_limits_each_document_but_not_jsonl(archive: Path) -> None:
    export_feeds(archive, FeedOptions(max_items=2))
    assert [i["id"] for i in read_feed(archive)["items"]] == ["https://news.example.com/markets/rally", "qtt-53fba24c"]
    assert len(read_feed(archive, "qutoutiao.json")["items"]) == 2
    lines = (archive / "feeds" / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [
        "https://news.example.com/markets/rally",
        "qtt-53fba24c",
        "tmpl-1",
        "html-1",
    ]

    export_feeds(archive, FeedOptions(max_items=0))
    assert len(read_feed(archive)["items"]) == 4

    with pytest.raises(ValueError, match="max_items"):
        FeedOptions(max_items=-1)


def test_per_source_feeds_and_stale_ones_removed(archive: Path) -> None:
    foreign = archive / "feeds" / "someone-elses.json"
    foreign.parent.mkdir()
    foreign.write_text('{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}\n', encoding="utf-8")

    export_feeds(archive, FeedOptions(title="News Archive"))

    qtt = read_feed(archive, "qutoutiao.json")
    assert qtt["title"] == "News Archive — qutoutiao"
    assert [i["id"] for i in qtt["items"]] == ["qtt-53fba24c", "html-1"]
    assert "language" not in qtt  # html-1 has no lang, so the feed has no single one
    news = read_feed(archive, "example-news.json")
    assert news["title"] == "News Archive — Example News"
    assert news["language"] == "en"
    assert [i["id"] for i in news["items"]] == ["https://news.example.com/markets/rally", "tmpl-1"]
    assert {i["_archiver"]["source"] for i in news["items"]} == {"Example News"}

    shutil.rmtree(archive / "posts" / "example-news")
    result = export_feeds(archive, FeedOptions(title="News Archive"))

    assert result.removed == ("feeds/example-news.json",)
    assert not (archive / "feeds" / "example-news.json").exists()
    assert foreign.exists()  # not ours: never removed


def test_site_url_makes_every_url_absolute(archive: Path) -> None:
    export_feeds(archive, FeedOptions(site_url="https://example.org/blog"))
    doc = read_feed(archive)
    assert doc["home_page_url"] == SITE
    assert doc["feed_url"] == SITE + "feeds/feed.json"
    assert read_feed(archive, "qutoutiao.json")["feed_url"] == SITE + "feeds/qutoutiao.json"

    items = {item["id"]: item for item in doc["items"]}
    zh = items["qtt-53fba24c"]
    slug = "端稳-饭碗-鼓起-钱袋-大同多举措优化就业结构改善就业环境"
    assert zh["url"] == f"{SITE}2022/05/09/{quote(slug)}/"
    assert zh["url"].isascii()
    assert zh["external_url"] == "http://www.qutoutiao.net/a/53fba24c"
    assert zh["image"] == SITE + "images/qutoutiao/2022/ab12cd-thumb.jpg"
    assert zh["banner_image"] == SITE + "images/qutoutiao/2022/ab12cd-header.jpg"
    assert f'<img src="{SITE}images/qutoutiao/2022/94ade4-inline.jpeg"' in zh["content_html"]

    en = items["https://news.example.com/markets/rally"]
    assert en["url"] == f"{SITE}2023/01/02/markets-rally-on-rate-hopes/"
    assert en["banner_image"] == "https://cdn.example.net/remote-header.jpg"  # remote stays
    assert f'<a href="{SITE}markets/hopes">' in en["content_html"]
    assert f'<img src="{SITE}images/example-news/2023/c0ffee-chart.png"' in en["content_html"]

    for item in doc["items"]:
        for key in ("url", "image", "banner_image"):
            if key in item:
                assert item[key].startswith(("https://", "http://")), (key, item[key])


def test_permalink_template_is_configurable(archive: Path) -> None:
    export_feeds(archive, FeedOptions(site_url=SITE, permalink="/posts/:source/:year/:name/"))
    en = read_feed(archive)["items"][0]
    assert en["url"] == f"{SITE}posts/example-news/2023/2023-01-02-markets-rally-on-rate-hopes/"


def test_resolve_url_keeps_absolute_and_resolves_relative() -> None:
    post = "posts/src/2022/2022-01-01-a.md"
    assert resolve_url("../../../images/src/2022/x.jpg", post, None) == "/images/src/2022/x.jpg"
    assert resolve_url("../../../images/src/2022/x.jpg", post, SITE) == SITE + "images/src/2022/x.jpg"
    assert resolve_url("/images/x.jpg?v=1", post, SITE) == SITE + "images/x.jpg?v=1"
    for absolute in ("https://a.example/x", "//cdn.example/x", "mailto:a@example.org", "#top", "data:x"):
        assert resolve_url(absolute, post, SITE) == absolute


def test_missing_archive_is_an_error_not_an_empty_feed(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        export_feeds(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    result = export_feeds(empty)
    assert (result.posts, result.items) == (0, 0)
    assert read_feed(empty)["items"] == []


# Titles the design calls out: quotes, colons, slashes, ---, template tags, long CJK.
_titles = st.one_of(
    # Control characters and line breaks are the writer's business (YAML folds them).
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80).filter(
        lambda t: t.strip()
    ),
    st.sampled_from(['a "quoted": title', "--- not a fence ---", "{% raw %}{{x}}", "/slash/", "汉" * 100]),
)


@settings(max_examples=40, deadline=None)
@given(title=_titles)
def test_any_title_survives_front_matter_to_feed_exactly(title: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_post(root, "posts/s/2022/2022-05-09-t.md", {"title": title, "date": "2022-05-09T08:01:32+00:00"}, "b")
        export_feeds(root)
        doc = json.loads((root / "feeds" / "feed.json").read_text(encoding="utf-8"))
        assert doc["items"][0]["title"] == title


def test_permalink_url_encodes_each_token() -> None:
    published = datetime(2022, 5, 9, 8, 1, 32, tzinfo=UTC)
    url = permalink_url(":source/:slug/", SITE, "posts/a b/2022/2022-05-09-x?y.md", "a b", published)
    assert url == SITE + "a%20b/x%3Fy/"
