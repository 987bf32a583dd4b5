"""UTF-16 and UTF-32, with and without a byte-order mark, in feeds (RSS, Atom, JSON
Feed), sitemaps and pages: read as feedparser reads them (a BOM first, then the zero
bytes of the first characters, XML spec appendix F), whatever charset is declared."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import frontmatter
import pytest

from archiver.core.encoding import decode_html, sniff_wide_unicode
from archiver.demo.site import Resource, SampleSite
from archiver.sources.feedparse import parse_feed
from tests.support.crawl import run_crawl

BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
ENCODINGS = [(codec, bom) for codec in BOMS for bom in (False, True)]


def _encode(text: str, codec: str, bom: bool) -> bytes:
    return (BOMS[codec] if bom else b"") + text.encode(codec)


def _rss(title: str, declared: str = "UTF-16") -> str:
    return (f'<?xml version="1.0" encoding="{declared}"?>\n<rss version="2.0"><channel><title>宽字符</title>'
            f"<item><title>{title}</title><link>https://example.com/1</link>"
            "<description>&lt;p&gt;正文 and body text.&lt;/p&gt;</description></item></channel></rss>")


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS)
def test_rss_atom_and_json_feeds_in_utf16_and_utf32(codec: str, bom: bool) -> None:
    title = "端稳“饭碗” — Jobs & wages"
    rss = parse_feed(_encode(_rss("端稳“饭碗” — Jobs &amp; wages"), codec, bom), "https://example.com/feed")
    assert [entry.title for entry in rss.entries] == [title]
    # No declaration at all, the root element first (feedparser needs "<?" for UTF-16).
    bare = _rss("端稳“饭碗” — Jobs &amp; wages").split("\n", 1)[1]
    assert [entry.title for entry in parse_feed(_encode(bare, codec, bom), "https://example.com/feed").entries] == [title]
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            f'<entry><id>urn:1</id><link href="https://example.com/1"/><title>{title.replace("&", "&amp;")}</title>'
            "</entry></feed>")
    assert [entry.title for entry in parse_feed(_encode(atom, codec, bom), "https://example.com/atom").entries] == [title]
    document = json.dumps({"version": "https://jsonfeed.org/version/1.1",
                           "items": [{"id": "1", "url": "https://example.com/1", "title": title}]}, ensure_ascii=False)
    parsed = parse_feed(_encode(document, codec, bom), "https://example.com/feed.json")
    assert parsed.kind == "json" and [entry.title for entry in parsed.entries] == [title]


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS)
def test_pages_in_utf16_and_utf32_whatever_they_declare(codec: str, bom: bool) -> None:
    page = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面 Page</title></head><body>正文</body></html>'
    text, used = decode_html(_encode(page, codec, bom), "text/html; charset=iso-8859-1")
    assert text == page and used.startswith(codec[:6].replace("-", "_"))


def test_sniffing_needs_the_zero_bytes_of_ascii_characters() -> None:
    assert sniff_wide_unicode("<?xml".encode("utf-16-le")) == "utf-16-le"
    assert sniff_wide_unicode(" \n<rss".encode("utf-16-be")) == "utf-16-be"
    assert sniff_wide_unicode("{}".encode("utf-32-le")) == "utf-32-le"
    assert sniff_wide_unicode("<".encode("utf-32-be")) == "utf-32-be"
    # ASCII, UTF-8, GBK and a UTF-16 document starting with a CJK character are not sniffed.
    for body in (b"<?xml", "<中文>".encode(), "<中文>".encode("gbk"), "中<".encode("utf-16-le"), b"\x00\x00"):
        assert sniff_wide_unicode(body) is None


def test_a_utf16_feed_without_bom_is_archived_end_to_end(tmp_path: Path) -> None:
    with SampleSite() as site:
        base = site.base_url
        for codec, bom in ENCODINGS:
            name = f"{codec}-{'bom' if bom else 'nobom'}"
            feed = _rss(f"Wide {name} 标题").replace("https://example.com/1", f"{base}/wide/{name}")
            site.resources[f"/wide/{name}.xml"] = Resource(_encode(feed, codec, bom), "application/rss+xml")
        page = ('<!DOCTYPE html><html><head><title>宽字符页面 Wide page</title></head><body><article><h1>宽字符页面</h1>'
                + "<p>这是一篇用 UTF-16 编码、没有字节顺序标记的文章。正文足够长，可以被提取出来。</p>" * 6
                + "</article></body></html>")
        site.resources["/wide/page.html"] = Resource(page.encode("utf-16-le"), "text/html; charset=utf-16")
        site.resources["/wide/page.json"] = Resource(json.dumps({
            "version": "https://jsonfeed.org/version/1.1",
            "items": [{"id": "p", "url": f"{base}/wide/page.html", "title": "宽字符页面 Wide page",
                       "summary": "Summary only."}]}).encode("utf-16-be"), "application/feed+json")
        lines = ["sources:"] + [f'  - {{name: {codec}-{"bom" if bom else "nobom"}, url: "{base}/wide/'
                                f'{codec}-{"bom" if bom else "nobom"}.xml", fulltext: feed}}' for codec, bom in ENCODINGS]
        lines.append(f'  - {{name: wide-page, url: "{base}/wide/page.json", fulltext: page}}')
        sources = tmp_path / "sources.yml"
        sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run_crawl("-a", f"sources={sources}", output=tmp_path / "out")
    assert result.returncode == 0 and result.error_lines == [], result.log[-3000:]
    assert "not_a_feed" not in result.log
    posts = {str(post["source"]): post for post in
             (frontmatter.load(path) for path in (tmp_path / "out" / "posts").rglob("*.md"))}
    for codec, bom in ENCODINGS:
        name = f"{codec}-{'bom' if bom else 'nobom'}"
        assert posts[name]["title"] == f"Wide {name} 标题"
        assert "正文 and body text." in posts[name].content
    assert "没有字节顺序标记的文章" in posts["wide-page"].content
