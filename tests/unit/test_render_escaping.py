"""Text stays text: whatever an article shows as text, its Markdown renders back to that
text through a CommonMark renderer with raw HTML on (as Hexo's marked and Hugo's
``unsafe`` do), never to an element, a link or emphasis the article did not have."""

from __future__ import annotations

import re
from html import escape
from typing import Any
from urllib.parse import unquote

import lxml.html
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from archiver.archive.jsonfeed import render_markdown
from archiver.archive.markdown_body import (
    _PARSERS,
    _plainly_free_of_markup,
    carries_markup,
    html_to_markdown_text,
    parsed_markup,
)
from archiver.archive.render import render_post
from archiver.core.htmlclean import sanitize_html

RENDERER = MarkdownIt("commonmark", {"html": True})

MARKUP_PIECES = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>", "</p>", "<!-- c -->", "<![CDATA[x]]>",
    "<?php ?>", "<http://example.com>", "<javascript:alert(1)>", "[a](javascript:alert(1))", "![i](x.png)",
    "[ref]: http://x", "*", "**", "_", "__init__", "snake_case", "`", "``", "~~", "|", "\\", "\\*", "&", "&amp;",
    "&lt;", "&#60;", "&#x3C;", "AT&T", "# ", "## ", "> ", "- ", "+ ", "1. ", "1) ", "---", "===", "***", "```",
    "~~~", "    ", "{{ x }}", "{% raw %}", "!", "(", ")", "中文", "“饭碗”", "＜script＞", "<svg onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>", "javascript:alert(1)", "https://example.com/a_b_c",
])
# Noncharacters (U+FDD0..U+FDEF) are dropped from articles: see the last test.
TEXTS = st.lists(st.one_of(MARKUP_PIECES, st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                                                  max_size=6)), min_size=1, max_size=10).map(
    lambda pieces: re.sub("[\ufdd0-\ufdef]", "", "".join(pieces)))


def _visible(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _rendered(markdown: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(RENDERER.render(markdown) or "<p></p>", create_parent="div")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_any_text_renders_back_to_itself(text: str) -> None:
    markdown = html_to_markdown_text(f"<p>{escape(text)}</p>")
    rendered = _rendered(markdown)
    assert [element.tag for element in rendered.iterdescendants()] in ([], ["p"]), (markdown, RENDERER.render(markdown))
    assert _visible(rendered.text_content()) == _visible(text), markdown


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
@example(text="# <script>alert(1)</script>")  # a heading inside a list item
@example(text="1. - > + === x")
def test_text_inside_formatting_links_and_lists_stays_text(text: str) -> None:
    fragment = (f"<h2>{escape(text)}</h2><ul><li>{escape(text)}</li></ul><p><strong>{escape(text)}</strong> "
                f'<a href="https://example.com/a">{escape(text)}</a></p><blockquote><p>{escape(text)}</p></blockquote>')
    rendered = _rendered(html_to_markdown_text(fragment))
    tags = {element.tag for element in rendered.iterdescendants()}
    assert tags <= {"h2", "ul", "li", "p", "strong", "a", "blockquote"}, tags
    # A link with no text to show is dropped (the converter would print its URL instead).
    assert [a.get("href") for a in rendered.iter("a")] == (["https://example.com/a"] if text.strip() else [])


def test_script_shown_as_text_renders_as_text_with_no_script_element() -> None:
    post = render_post({"title": "XSS explained", "date": "2024-05-01T08:00:00+00:00"},
                       "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; to test.</p>")
    body = post.split("---\n", 2)[2]
    rendered = _rendered(body)
    assert not list(rendered.iter("script"))
    assert _visible(rendered.text_content()) == "Use <script>alert(1)</script> to test."


def test_escapes_are_minimal_and_readable() -> None:
    assert html_to_markdown_text("<p>Use &lt;b&gt; for bold, a &gt; b, AT&amp;T, snake_case.</p>") == (
        "Use &lt;b> for bold, a > b, AT&T, snake_case.")
    assert html_to_markdown_text("<p>中文 *重点* 与 [链接](javascript:alert(1))</p>") == (
        "中文 \\*重点\\* 与 \\[链接\\](javascript:alert(1))")
    assert html_to_markdown_text("<p>&amp;lt;script&amp;gt; is how &lt; is written</p>") == (
        "&amp;lt;script&amp;gt; is how &lt; is written")


def test_real_markup_still_becomes_markdown_and_code_stays_literal() -> None:
    fragment = ('<h2>Heading</h2><p><strong>bold</strong> <em>it</em> <a href="https://example.com/x_y">link</a> '
                '<code>a &lt; b *c*</code></p><pre><code>&lt;script&gt;x&lt;/script&gt; [a](b)</code></pre>')
    markdown = html_to_markdown_text(fragment)
    assert markdown == ("## Heading\n\n**bold** *it* [link](https://example.com/x_y) `a < b *c*`\n\n"
                        "```\n<script>x</script> [a](b)\n```")
    rendered = _rendered(markdown)
    assert [code.text_content() for code in rendered.iter("code")] == ["a < b *c*", "<script>x</script> [a](b)\n"]
    assert not list(rendered.iter("script"))


def test_noncharacters_in_an_article_cannot_forge_an_escape() -> None:
    # The placeholders are Unicode noncharacters; an article holding them loses them.
    assert html_to_markdown_text("<p>a\ufdd0b\ufdefc &lt;x&gt;</p>") == "abc &lt;x>"


def test_text_starting_a_line_after_a_break_starts_no_block() -> None:
    lines = ["- item", "# heading", "1. first", "2) second", "> quote", "+ plus", "===", "---", "[a]: /x"]
    fragment = "<p>start<br>" + "<br>".join(escape(line) for line in lines) + "</p><ul><li>" + escape("# 标题") + "</li></ul>"
    rendered = _rendered(html_to_markdown_text(fragment))
    assert [element.tag for element in rendered.iterdescendants()] == ["p"] + ["br"] * len(lines) + ["ul", "li"]
    assert _visible(rendered.text_content()) == " ".join(["start", *lines, "# 标题"])


URL_PIECES = st.sampled_from(list("abc/()<>[]\"' \\`*_&;:#?=%{}|~!") + ["&lt;", "javascript:", "%20"])


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, path=st.lists(URL_PIECES, min_size=1, max_size=12).map("".join))
# A backtick in the alt and one in the URL: the image broke, and its alt became a live tag.
@example(text="<img src=x onerror=alert(1)> `", path="a`b")
def test_links_and_images_keep_their_target_and_text(text: str, path: str) -> None:
    href = "https://example.com/" + path
    sanitized = sanitize_html(f'<p><a href="{escape(href)}">{escape(text)}.</a> '
                              f'<img src="{escape(href)}" alt="{escape(text)}"></p>', "https://example.com/")
    want = lxml.html.fragment_fromstring(sanitized, create_parent="div")
    got = _rendered(html_to_markdown_text(sanitized))
    assert {element.tag for element in got.iterdescendants()} <= {"p", "a", "img"}
    for tag, attribute in (("a", "href"), ("img", "src"), ("img", "alt")):
        assert [unquote(_visible(e.get(attribute) or "")) for e in got.iter(tag)] == [
            unquote(_visible(e.get(attribute) or "")) for e in want.iter(tag)], (tag, attribute)
    assert _visible(got.text_content()) == _visible(want.text_content())


@pytest.mark.parametrize("fragment", [
    # A link without text: the converter printed its title, then its URL, as the text.
    '<p><a href="https://example.com/a" title="&lt;img src=x onerror=alert(1)&gt;"><br></a></p>',
    '<p><a href="https://example.com/&lt;img%20src=x%20onerror=alert(1)&gt;"><br></a></p>',
    # An abbreviation's expansion is printed after it: "ab (title)".
    '<p><abbr title="&lt;img src=x onerror=alert(1)&gt;">ab</abbr></p>',
    # A blockquote's cite becomes an autolink, which a ">" in it ended early.
    '<blockquote cite="https://example.com/a&gt;&lt;img src=x onerror=alert(1)&gt;">q</blockquote>',
    # Two adjacent code spans: their backticks merge and the code became raw HTML.
    "<p><code>&lt;b&gt;</code><kbd>`&lt;img src=x onerror=alert(1)&gt;</kbd></p>",
], ids=["empty-link-title", "empty-link-url", "abbr-title", "blockquote-cite", "adjacent-code-spans"])
def test_converter_quirks_give_no_markup(fragment: str) -> None:
    markdown = html_to_markdown_text(fragment)
    assert carries_markup(markdown) is None, markdown
    rendered = _rendered(markdown)
    assert not list(rendered.iter("img", "script")), RENDERER.render(markdown)
    assert not [attribute for element in rendered.iter() for attribute in element.attrib if attribute.startswith("on")]


def test_the_markup_check_finds_raw_html_and_bad_links() -> None:
    assert carries_markup("text &lt;b> and **bold** [a](https://example.com/) ![i](https://example.com/i.png)") is None
    assert carries_markup("text <b>bold</b>") is not None
    assert carries_markup("<div>\nblock\n</div>") is not None
    assert carries_markup("[a](javascript:alert(1))") is not None
    # Judged as a browser reads it: a tab inside the scheme is ignored there.
    assert carries_markup("[a](java&#9;script:alert(1))") == "a link to 'java\\tscript:alert(1)'"
    assert carries_markup("[新闻](https://例え.jp/パス?q=北京) and [rel](/a/b.html)") is None
    assert carries_markup("| a |\n| - |\n| <img src=x> |") is not None
    # A code span cut in two by a table cell's pipe: CommonMark reads code, GFM raw HTML.
    assert carries_markup("| a |\n| - |\n| `<b>|` |") == "raw HTML '<b>'"


@given(st.text(alphabet="<>`~*_[]()!:/\\ab- \n", max_size=40))
@example("`<b>` code and ~~struck `<i>`~~ text")
@example("~~a <b>~~")
@example("[t](<java\nscript:x>)")
@example("<https://example.com/a~b>")
@settings(max_examples=300, deadline=None)
def test_without_a_pipe_the_commonmark_parse_alone_decides(markdown: str) -> None:
    # carries_markup skips the GFM parse when the text has no "|": the two must agree then.
    def verdicts(parser: Any) -> list[tuple[str, object]]:
        found, tokens = [], parser.parse(markdown)
        while tokens:
            token = tokens.pop()
            tokens.extend(token.children or ())
            found.append((token.type, token.attrGet("href") or token.attrGet("src")))
        return sorted((kind, str(target)) for kind, target in found
                      if kind in ("html_inline", "html_block", "link_open", "image"))

    commonmark, gfm = _PARSERS
    assert verdicts(commonmark) == verdicts(gfm)


# Hostile Markdown in pieces: raw HTML of every kind, autolinks and emails that are or
# are not, link and reference destinations (bare, pointy, across a blockquote's lines),
# schemes hidden behind character references, escapes, blanks and control characters.
HOSTILE_PIECES = st.sampled_from([
    "<", ">", "[", "]", "(", ")", "`", "!", "\\", "&", "&#106;", "&lt;", "&#9;", "&#10;", "&#58;", "&colon;", "&#x73;",
    "javascript:", "JaVa\tscript:", "vbscript:", "data:text/html,", "http://x.y/", "mailto:a@b", "ftp://x", "a:b",
    "<a href='x'>", "</a>", "<b>", "<!--", "-->", "<?", "?>", "<![CDATA[", "]]>", "<!DOCTYPE", "<!x>", "<div>", "<p>",
    "<script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "<x-y>", "<pre>", "<textarea>",
    "<https://a.b/c>", "<javascript:alert(1)>", "<java", "script:x>", "<a@b.c>", "</a@b.c>", "<p@x.y>", "<address@x.y>",
    "<mailto:x@y>", "<ab:c>", "<http:", "@", "<!x@y.z>", "<?a@b.c>", "<!--a@b.c>", "](", "]: ", "](<", "[a]: ", "\\:", "\\[", "\\]", "\\<", "\x01", "<\x01",
    "\n", "\n\n", "    ", "> ", "- ", "1. ", "|", "---", "~~", "```", "*", "_", "x", "y z", '"', "'", ": ", "#", "%09",
])


@given(st.lists(HOSTILE_PIECES, min_size=1, max_size=30).map("".join))
@example("[a](javascript:alert(1))")
@example("> [a](\n> java&#115;cript:x)")
@example("<https://example.com/> and <javascript:alert(1)>")
@example("[a]: (</a>")  # not a definition: the "</a>" is raw HTML
@example("<<!DOCTYPE>")
@example("[a](< javascript:alert(1)>)")  # a pointy destination may start with a blank
@example("[a](b)[c](javascript:x)")  # every destination judged, not only the first of a run
@example("a\n\n<!x@y.z>\n")  # an email autolink inline, an HTML block (declaration) on its own line
@example("<?x@y.z>")
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_markdown_the_source_check_calls_clean_is_clean_when_parsed(markdown: str) -> None:
    # carries_markup only parses what _plainly_free_of_markup cannot prove clean.
    if _plainly_free_of_markup(markdown):
        assert parsed_markup(markdown) is None, markdown


def test_most_article_markdown_is_proven_clean_without_a_parse() -> None:
    article = ("## 标题\n\nText with [a link](https://example.com/a_(b)?q=1&x=2 \"title\"), an autolink "
               "<https://example.com/x>, mail <desk@example.com>, `code` and "
               "![图](../../../images/qutoutiao/2022/ab12-inline.jpg).\n\n> [quoted](/relative/path)\n\n"
               "- 1 &lt; 2 and &lt;b&gt; as text\n\n[ref]: https://example.com/ref\n")
    assert _plainly_free_of_markup(article) and parsed_markup(article) is None
    # What it cannot prove goes to the parse, which decides.
    for undecided in ("`<b>` in code", "\\<b\\> escaped", "[a](<https://example.com/a b>)", "<ftp://example.com/x>"):
        assert not _plainly_free_of_markup(undecided)
        assert carries_markup(undecided) == parsed_markup(undecided)
    assert carries_markup("<ftp://example.com/x>") == "a link to 'ftp://example.com/x'"


def test_adjacent_code_spans_fall_back_to_text_and_keep_it() -> None:
    markdown = html_to_markdown_text("<p>Run <code>a</code><kbd>`&lt;x&gt;</kbd> now</p>")
    assert _visible(_rendered(markdown).text_content()) == "Run a`<x> now"


CHILD_TAGS = st.sampled_from(["strong", "em", "code", "kbd", "del", "sub", "abbr", "q", "span", "u"])
BLOCK_TAGS = st.sampled_from(["p", "h2", "blockquote", "li", "td", "th", "figcaption", "summary", "dt", "dd"])
INLINE = st.recursive(
    TEXTS.map(escape) | st.just("<br>") | TEXTS.map(lambda t: f'<img src="https://example.com/{escape(t)}" alt="{escape(t)}">'),
    lambda children: st.one_of(
        st.tuples(CHILD_TAGS, st.lists(children, min_size=1, max_size=3)).map(
            lambda pair: f'<{pair[0]} title="{escape(pair[1][0])}">{"".join(pair[1])}</{pair[0]}>'),
        st.tuples(TEXTS, st.lists(children, min_size=1, max_size=3)).map(
            lambda pair: f'<a href="https://example.com/{escape(pair[0])}" title="{escape(pair[0])}">{"".join(pair[1])}</a>'),
    ), max_leaves=8)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=st.lists(st.tuples(BLOCK_TAGS, st.lists(INLINE, min_size=1, max_size=4)), min_size=1, max_size=4))
def test_any_sanitized_structure_renders_without_markup_the_article_did_not_have(
        blocks: list[tuple[str, list[str]]]) -> None:
    wrappers = {"li": ("<ul>", "</ul>"), "td": ("<table><tr>", "</tr></table>"), "th": ("<table><tr>", "</tr></table>"),
                "figcaption": ("<figure>", "</figure>"), "summary": ("<details>", "</details>"),
                "dt": ("<dl>", "</dl>"), "dd": ("<dl>", "</dl>")}
    fragment = "".join(f"{wrappers.get(tag, ('', ''))[0]}<{tag}>{''.join(inner)}</{tag}>{wrappers.get(tag, ('', ''))[1]}"
                       for tag, inner in blocks)
    markdown = html_to_markdown_text(sanitize_html(fragment, "https://example.com/"))
    assert carries_markup(markdown) is None, markdown
    # Hexo/Hugo-like renderers, and the feed export's own (pulldown-cmark).
    for render in (RENDERER.render, MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render,
                   render_markdown):
        rendered = lxml.html.fragment_fromstring(render(markdown) or "<p></p>", create_parent="div")
        assert not [e.tag for e in rendered.iter() if e.tag in {"script", "iframe", "object", "embed", "form", "style",
                                                                  "svg", "math", "base", "meta", "link", "input"}]
        assert not [name for e in rendered.iter() for name in e.attrib if name.lower().startswith("on")]
