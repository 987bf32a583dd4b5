"""Hostile article HTML against the sanitizer, the text extraction and the Markdown
renderer: XSS vectors, control characters and absurd nesting."""

from __future__ import annotations

import time

import pytest
from markdown_it import MarkdownIt

from archiver.archive.render import html_to_markdown_text, render_post
from archiver.core.htmlclean import limit_nesting, safe_url_scheme, sanitize_html
from archiver.core.text import html_to_text

BASE = "http://site.example/news/a.html"

XSS = {
    "img-onerror": "<img src=x onerror=alert(1)><p>text</p>",
    "js-mixed-case": '<a href="jAvAsCrIpT:alert(1)">j</a>',
    "js-space": '<a href=" javascript:alert(1)">k</a>',
    "js-tab-entity": '<a href="java&#x09;script:alert(1)">l</a>',
    "js-entity": '<a href="&#106;avascript:alert(1)">m</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">v</a>',
    "data-html": '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    "svg-script": "<svg><script>alert(1)</script><a xlink:href='javascript:alert(1)'>s</a></svg><p>ok</p>",
    "math": "<math><mi xlink:href='javascript:alert(1)'>m</mi></math><p>ok</p>",
    "mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "style-url": '<p style="background:url(javascript:alert(1))">styled</p>',
    "style-expression": "<div style='width:expression(alert(1))'>e</div>",
    "base": "<base href='http://evil.example/'><a href='rel/x'>r</a>",
    "meta-refresh": "<meta http-equiv=refresh content='0;url=javascript:alert(1)'><p>m</p>",
    "iframe": "<iframe src='javascript:alert(1)'></iframe><iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "media": "<video src=javascript:alert(1) poster=javascript:alert(2)></video><audio src='vbscript:x'></audio>",
    "form": "<form action=javascript:alert(1)><input onfocus=alert(1) autofocus></form>",
    "noscript": "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>",
    "cdata": "<p>x <![CDATA[ <script>alert(1)</script> ]]> y</p><![CDATA[<![CDATA[nested]]>]]>",
    "comment": "<!--><script>alert(1)</script>--><p>c</p>",
    "lazy-js": "<img data-src='javascript:alert(1)' src='data:image/gif;base64,R0lGOD'>",
    "srcset-js": "<img srcset='javascript:alert(1) 2x'>",
    "blockquote-cite": "<blockquote cite='javascript:alert(1)'>quoted</blockquote>",
    "q-cite": "<q cite=' JaVaScRiPt:alert(1)'>q</q>",
    "object": "<object data='javascript:alert(1)'></object><embed src='javascript:alert(1)'>",
    "unclosed": "<p><b><i>unclosed <a href='http://e.example/x' onclick='alert(1)'>link",
}
FORBIDDEN = ("javascript", "vbscript", "onerror", "onclick", "onfocus", "<script", "data:text", "expression(",
             "evil.example", "http-equiv", "srcdoc", "style=")


@pytest.mark.parametrize("name", sorted(XSS))
def test_sanitized_html_and_its_markdown_hold_nothing_executable(name: str) -> None:
    html = sanitize_html(XSS[name], BASE, allow_iframes=True)
    markdown = html_to_markdown_text(html)
    rendered = MarkdownIt("commonmark").render(markdown)  # what Hexo/Hugo make of the body
    for text in (html, markdown, rendered):
        low = text.lower()
        assert not [bad for bad in FORBIDDEN if bad in low], (name, text)


def test_blockquote_cite_does_not_become_a_javascript_autolink() -> None:
    # html-to-markdown writes a blockquote's cite as an autolink: "— <javascript:...>".
    markdown = html_to_markdown_text(sanitize_html(XSS["blockquote-cite"], BASE))
    assert markdown == "> quoted"


def test_safe_relative_and_absolute_links_survive() -> None:
    html = sanitize_html('<a href="/x">a</a><a href="mailto:a@b.example">m</a><a href="#top">t</a>'
                         '<blockquote cite="/src">q</blockquote><img src="//cdn.example/i.jpg">', BASE)
    assert 'href="http://site.example/x"' in html and 'href="mailto:a@b.example"' in html
    assert 'cite="http://site.example/src"' in html and 'src="http://cdn.example/i.jpg"' in html
    assert safe_url_scheme("java\tscript:alert(1)") is False and safe_url_scheme("/a:b") is True


def test_control_characters_do_not_cost_the_article() -> None:
    # lxml refuses strings with control characters: the whole body used to be lost.
    html = sanitize_html("<p>a\x00b\x1b[31m</p><p>after\x0c</p><a href='http://[oops/'>bad host</a>", BASE)
    assert html == "<p>ab[31m</p><p>after</p><a>bad host</a>"
    assert html_to_text("<p>x\x00y</p>") == "xy"


DEPTH = 10_000


@pytest.mark.parametrize("opening, closing", [
    ("<div>", "</div>"), ("<div>", ""), ("<blockquote>", "</blockquote>"), ("<ul><li>", "</li></ul>"),
    ("<table><tr><td>", "</td></tr></table>"), ("<span><b>", "</b></span>"),
])
def test_deep_nesting_keeps_the_text_before_inside_and_after(opening: str, closing: str) -> None:
    fragment = "<p>before</p>" + opening * DEPTH + "<p>deep text</p><img src='/deep.jpg'>" + closing * DEPTH + "<p>after</p>"
    started = time.perf_counter()
    html = sanitize_html(fragment, BASE)
    text = html_to_text(fragment)
    markdown = html_to_markdown_text(html)
    post = render_post({"title": "deep"}, html)
    assert time.perf_counter() - started < 10
    for output in (html, text, markdown, post):
        assert "before" in output and "deep text" in output
    assert "after" in html and "after" in text
    assert "http://site.example/deep.jpg" in html and "http://site.example/deep.jpg" in markdown


def test_limit_nesting_leaves_ordinary_html_alone() -> None:
    ordinary = "<p>one<p>two<ul><li>a<li>b</ul>" + "<p>para</p>" * 300 + "<br>" * 300
    assert limit_nesting(ordinary) is ordinary
    deep = "<i>" * 500 + "x"
    flattened = limit_nesting(deep, max_depth=10)
    assert flattened == "<i>" * 10 + "x" + "</i>" * 10
