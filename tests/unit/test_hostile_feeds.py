"""Hostile and odd feed documents against the pure feed parser (archiver.sources.feedparse):
entity expansion, external entities, a body that names a local file, undeclared GBK,
JSON Feeds with every type wrong, and a feed far larger than anyone needs."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from archiver.sources.feedparse import FeedError, parse_feed, strip_prolog

PASSWD = Path("/etc/passwd")
# A line every passwd file has; the leak check below must be able to fail.
PASSWD_MARKER = "root:"


def _rss(items: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}'
            f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>').encode()


def _all_text(feed) -> str:
    return repr([(e.title, e.summary, e.content_html, e.link, e.guid, e.authors) for e in feed.entries]) + feed.title


XXE_PROLOGS = [
    # the classic, one line
    '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
    # one declaration a line (what feedparser's own DOCTYPE filter looks for)
    '<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n',
    # a parameter entity, and a harmless-looking entity first
    ('<!DOCTYPE rss [\n<!ENTITY ok "fine">\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n'
     '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'),
    # a comment holding "<x" before the DOCTYPE: feedparser takes it for the root
    '<!-- <x --><!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n',
    # junk a broken server printed before the prolog
    'Warning: something\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n',
]


@pytest.mark.parametrize("prolog", XXE_PROLOGS)
def test_external_entities_never_read_a_local_file(prolog: str) -> None:
    assert PASSWD_MARKER in PASSWD.read_text()
    body = _rss('<item><title>Leak &xxe;</title><link>http://127.0.0.1/a</link>'
                '<description>body &xxe; end</description></item>'
                '<item><title>Other</title><link>http://127.0.0.1/b</link></item>', prolog)
    feed = parse_feed(body, "http://127.0.0.1/feed.xml", "application/rss+xml")
    assert PASSWD_MARKER not in _all_text(feed)
    assert [e.link for e in feed.entries] == ["http://127.0.0.1/a", "http://127.0.0.1/b"]
    assert feed.entries[0].title.startswith("Leak")
    assert feed.warning and "entities" in feed.warning


def _laughs(levels: int = 9) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        lines.append(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * 10 + '">')
    return "<!DOCTYPE rss [\n" + "\n".join(lines) + "\n]>\n"


def _bounded(call):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, time.perf_counter() - started, peak


def test_billion_laughs_is_not_expanded() -> None:
    body = _rss('<item><title>Laugh &lol9;</title><link>http://127.0.0.1/a</link>'
                '<description>&lol9;</description></item>'
                '<item><title>Good</title><link>http://127.0.0.1/b</link></item>', _laughs())
    feed, seconds, peak = _bounded(lambda: parse_feed(body, "http://127.0.0.1/feed.xml"))
    assert seconds < 5 and peak < 20_000_000
    assert [e.title for e in feed.entries][1] == "Good"
    assert all(len(e.summary or "") < 1000 and len(e.title) < 1000 for e in feed.entries)


def test_quadratic_blowup_through_safe_entities_is_not_expanded() -> None:
    # feedparser keeps "safe" entities (plain text values) for its fallback parser and
    # expands them without any limit: this 26 KB feed used to become a 40 MB summary.
    prolog = '<!DOCTYPE rss [\n<!ENTITY a "' + "A" * 20_000 + '">\n]>\n'
    body = _rss('<item><title>Q</title><link>http://127.0.0.1/a</link><description>'
                + "&a;" * 2000 + '</description></item><item><title>Good</title>'
                '<link>http://127.0.0.1/b</link></item><bad', prolog)
    feed, seconds, peak = _bounded(lambda: parse_feed(body, "http://127.0.0.1/feed.xml"))
    assert peak < 20_000_000 and seconds < 5
    assert len(feed.entries[0].summary or "") < 100_000
    assert [e.title for e in feed.entries] == ["Q", "Good"]


def test_a_body_naming_a_local_file_is_not_opened(tmp_path: Path) -> None:
    # feedparser.parse(bytes) opens a bytes value that names an existing file.
    local = tmp_path / "private-feed.xml"
    local.write_bytes(_rss("<item><title>PRIVATE</title><link>http://127.0.0.1/secret</link></item>"))
    with pytest.raises(FeedError) as caught:
        parse_feed(str(local).encode(), "http://127.0.0.1/feed.xml", "application/rss+xml")
    assert caught.value.reason == "not_a_feed"
    with pytest.raises(FeedError):
        parse_feed(b"/etc/passwd", "http://127.0.0.1/feed.xml", "text/xml")


@pytest.mark.parametrize("content_type", ["text/html", "text/html; charset=utf-8", "text/xml", None])
def test_undeclared_gbk_feed_is_not_garbled(content_type: str | None) -> None:
    title = "端稳“饭碗”，鼓起“钱袋”！大同多举措优化就业结构"
    summary = "就业环境持续改善，新增岗位数量创新高。"
    body = (f"<rss version=\"2.0\"><channel><title>中文频道</title><item><title>{title}</title>"
            f"<link>http://127.0.0.1/gbk/1</link><description>{summary}</description></item>"
            f"</channel></rss>").encode("gbk")
    feed = parse_feed(body, "http://127.0.0.1/gbk.xml", content_type)
    assert feed.title == "中文频道"
    assert feed.entries[0].title == title and feed.entries[0].summary == summary


def test_utf16_feed_with_bom_and_declaration() -> None:
    text = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>x</title>' \
           '<item><title>Ünïcödé 标题</title><link>http://127.0.0.1/u</link></item></channel></rss>'
    feed = parse_feed(text.encode("utf-16"), "http://127.0.0.1/u.xml", "application/xml")
    assert feed.entries[0].title == "Ünïcödé 标题"


def test_strip_prolog_keeps_the_document() -> None:
    doc = '<?xml version="1.0"?>\n<!-- c --><!DOCTYPE rss [ <!ENTITY a "x>y"> <!-- ] > --> ]>\n<rss><a>&a;</a></rss>'
    assert strip_prolog(doc) == ("<rss><a>&a;</a></rss>", True)
    assert strip_prolog("<rss/>") == ("<rss/>", False)
    # An unterminated DOCTYPE: resume at the feed's root.
    assert strip_prolog('<!DOCTYPE rss [ <!ENTITY a "oops \n<rss><x/></rss>') == ("<rss><x/></rss>", True)


def test_atom_xhtml_content_and_titles() -> None:
    body = b'''<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <b>xhtml</b> title</div></title>
<link href="/x/1"/><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para <a href="http://e/">link</a></p></div></content></entry>
</feed>'''
    entry = parse_feed(body, "http://127.0.0.1/atom.xml", "application/atom+xml").entries[0]
    assert entry.link == "http://127.0.0.1/x/1"
    assert "<p>Para" in (entry.content_html or "") and "link</a>" in entry.content_html


V11 = "https://jsonfeed.org/version/1.1"


def test_json_feed_with_wrong_types_keeps_every_readable_item() -> None:
    document = {"version": V11, "title": 5, "language": ["en"], "items": [
        {"id": 1, "url": "http://127.0.0.1/a", "title": 12345, "tags": "one tag", "authors": None,
         "author": {"name": "Bob"}, "summary": {"x": 1}, "content_html": ["<p>x</p>"], "content_text": "text body",
         "image": 5, "banner_image": {"u": 1}, "attachments": "x", "date_published": 1714000000},
        {"id": None, "url": ["http://127.0.0.1/b"], "title": None, "tags": [1, None, {"a": 1}, "ok"],
         "authors": [None, "x", {"name": None}, {"name": 3}], "date_modified": ["x"]},
        {"id": {"a": 1}, "url": "http://127.0.0.1/c", "title": True, "content_html": 12,
         "attachments": [{"url": 5, "mime_type": "image/png"}, None, {"url": "http://127.0.0.1/i.png", "mime_type": 7}]},
        "a string", None, 5,
        {"url": "http://127.0.0.1/d", "title": "Good one", "content_html": "<p>fine</p>"},
    ]}
    feed = parse_feed(json.dumps(document).encode(), "http://127.0.0.1/feed.json", "application/feed+json")
    assert feed.title == "5" and feed.language is None
    assert feed.warning and "3 items are not objects" in feed.warning
    first, second, third, good = feed.entries
    assert (first.guid, first.title, first.tags, first.authors) == ("1", "12345", ["one tag"], ["Bob"])
    assert first.summary is None and first.content_html == "<p>text body</p>" and first.image_urls == []
    assert first.published == 1714000000  # a number is a Unix time for archiver.core.dates
    assert second.link is None and second.title == "" and second.tags == ["1", "ok"] and second.authors == ["x", "3"]
    assert second.updated is None
    assert third.guid is None and third.title == "" and third.content_html == "12" and third.image_urls == []
    assert (good.title, good.content_html) == ("Good one", "<p>fine</p>")


@pytest.mark.parametrize("items", ['{"a": 1}', "null", '"items"', "7"])
def test_json_feed_items_not_a_list_is_a_clear_error(items: str) -> None:
    body = f'{{"version": "{V11}", "items": {items}}}'.encode()
    with pytest.raises(FeedError) as caught:
        parse_feed(body, "http://127.0.0.1/feed.json")
    assert caught.value.reason == "not_a_feed" and "items" in caught.value.detail


def test_json_nested_too_deep_is_a_clear_error() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(FeedError) as caught:
        parse_feed(body, "http://127.0.0.1/feed.json")
    assert "deep" in caught.value.detail


def test_five_thousand_items_parse_in_bounded_time() -> None:
    items = "".join(
        f"<item><title>Item {i} 标题</title><link>http://127.0.0.1/a/{i}</link><guid>g{i}</guid>"
        f"<description><![CDATA[<p>{'内容 text ' * 20}</p>]]></description></item>" for i in range(5000))
    started = time.perf_counter()
    feed = parse_feed(_rss(items), "http://127.0.0.1/big.xml")
    assert len(feed.entries) == 5000 and feed.entries[-1].link == "http://127.0.0.1/a/4999"
    assert time.perf_counter() - started < 20
