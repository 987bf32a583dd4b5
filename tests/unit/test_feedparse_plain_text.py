"""Titles, authors and tags come out of a feed as the plain text a reader sees: markup
the feed declares as HTML removed, text it shows as text kept; summaries declared as
text are escaped into HTML so that "<b>" shown as text stays text in the post."""

from __future__ import annotations

import json

import pytest

from archiver.sources.feedparse import parse_feed

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:feed</id>
<entry><id>urn:1</id><link href="https://example.com/1"/><title type="{type}">{title}</title>
<summary type="{type}">{title}</summary><author><name>Ann &amp;lt;Admin&amp;gt;</name></author></entry></feed>"""


def _atom_title(title: str, type_: str) -> tuple[str, str | None]:
    entry = parse_feed(ATOM.format(title=title, type=type_).encode(), "https://example.com/feed").entries[0]
    return entry.title, entry.summary


@pytest.mark.parametrize(("title", "expected"), [
    ('&lt;img src="x.png" onclick="alert(1)"&gt;Photo of the day', "Photo of the day"),
    ("safe&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt; description", "safe description"),
    ("&lt;body onload=alert(1)&gt;Loaded", "Loaded"),
    ("&lt;embed src=x.swf&gt;&lt;object data=x.swf&gt;&lt;/object&gt;Flash", "Flash"),
    ('&lt;meta http-equiv="refresh" content="0;url=https://evil.example/"&gt;Moved', "Moved"),
    ("&lt;div&gt;Example test&lt;/div&gt;", "Example test"),
    ("&lt;blink&gt;Blinking&lt;/blink&gt; news", "Blinking news"),
    ("The &amp;lt;blink&amp;gt; tag", "The <blink> tag"),
    ("Title&lt;script&gt;alert(1)&lt;/script&gt;", "Title"),
    ("端稳&lt;b&gt;“饭碗”&lt;/b&gt;，鼓起“钱袋”", "端稳“饭碗”，鼓起“钱袋”"),
])
def test_atom_html_title_is_the_text_a_reader_sees(title: str, expected: str) -> None:
    assert _atom_title(title, "html")[0] == expected


@pytest.mark.parametrize("text", [
    "The <blink> tag", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "AT&amp;T", "Box<dyn Error>",
    "“饭碗” <b>粗体</b> 标签",
])
def test_atom_text_title_and_summary_keep_every_character(text: str) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    title, summary = _atom_title(escaped, "text")
    assert title == text
    assert summary is not None and "<script" not in summary and "<img" not in summary and "<b>" not in summary


def test_atom_xhtml_title_and_author_markup() -> None:
    feed = ATOM.replace('<title type="{type}">{title}</title>',
                        '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Example <b>test</b></div></title>')
    entry = parse_feed(feed.format(type="text", title="x").encode(), "https://example.com/feed").entries[0]
    assert entry.title == "Example test"
    assert entry.authors == ["Ann <Admin>"]  # escaped twice in an undeclared field: the text shown


def test_rss_titles_follow_feedparsers_reading() -> None:
    items = "".join(f"<item><title>{title}</title><link>https://example.com/{n}</link><category>{title}</category></item>"
                    for n, title in enumerate([
                        "&lt;b&gt;Bold&lt;/b&gt; news", "The &lt;blink&gt; tag", "AT&amp;amp;T",
                        '&lt;img src=x onclick="alert(1)"&gt;Clicked', "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
                        "Box&lt;dyn Error&gt;"]))
    feed = parse_feed(f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode(),
                      "https://example.com/feed")
    assert [entry.title for entry in feed.entries] == [
        "Bold news", "The <blink> tag", "AT&T", "Clicked", "<script>alert(1)</script>", "Box<dyn Error>"]
    assert feed.entries[0].tags == ["Bold news"]


def test_json_feed_title_summary_authors_and_tags_are_plain_text() -> None:
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [{
        "id": "1", "url": "https://example.com/1", "title": "<script>alert(1)</script> &amp; 中文",
        "summary": "Shows <b>bold</b> as text", "authors": [{"name": "<i>Eve</i>"}], "tags": ["<u>tag</u>"],
        "content_text": "Para <one>\n\nPara & two"}]}).encode()
    entry = parse_feed(body, "https://example.com/feed.json").entries[0]
    assert entry.title == "<script>alert(1)</script> &amp; 中文"
    assert entry.summary == "<p>Shows &lt;b&gt;bold&lt;/b&gt; as text</p>"
    assert entry.authors == ["<i>Eve</i>"] and entry.tags == ["<u>tag</u>"]
    assert entry.content_html == "<p>Para &lt;one&gt;</p><p>Para &amp; two</p>"
