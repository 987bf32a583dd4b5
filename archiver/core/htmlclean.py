"""Make feed or page HTML safe and self-contained for the archive (pure, no Scrapy).

Two passes: lxml first, because nh3 would strip the ``data-*`` attributes that lazy
loaders hide the real image URL in and knows nothing of the base URL; then nh3, which
is the actual security boundary (script/style/iframe, ``on*`` handlers and
``javascript:`` URLs never survive it whatever the first pass did).
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import nh3

from archiver.core import cjk

# Attributes lazy-loading scripts keep the real image URL in, best first.
LAZY_SRC_ATTRIBUTES = (
    "data-original", "data-src", "data-lazy-src", "data-actualsrc", "data-original-src",
    "data-lazyload", "data-lazy", "data-echo", "data-url", "data-hi-res-src", "file",
)
LAZY_SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset", "srcset")

# A src that only holds a lazy loader's stand-in, not the image.
PLACEHOLDER_SRC = re.compile(
    r"^(?:data:|about:blank)|(?:^|/)(?:blank|spacer|pixel|grey|gray|transparent|loading|lazy|placeholder)"
    r"[\w-]*\.(?:gif|png|svg)(?:$|\?)|/1x1\.",
    re.IGNORECASE,
)
# A real-looking src next to a lazy attribute that is only a low-resolution preview.
_PREVIEW_SRC = re.compile(r"thumb|small|tiny|lowres|lqip|-\d{2,3}x\d{2,3}\.", re.IGNORECASE)
# Hosts and paths of feed trackers and analytics pixels.
_TRACKER_URL = re.compile(
    r"feeds\.feedburner\.com/~r/|feedburner\.com/~ff/|/~r/|/pixel(?:\.gif|\.png)?(?:$|\?)|"
    r"/beacon|/track(?:ing)?/|/open\.gif|/stat\.gif|doubleclick\.net|google-analytics\.com|"
    r"pixel\.wp\.com|stats\.wordpress\.com|/1x1\.(?:gif|png)|hm\.baidu\.com|cnzz\.com",
    re.IGNORECASE,
)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "audio", "video",
    "source",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "code": {"class"},  # language-xxx, kept for fenced code blocks
    "time": {"datetime"},
    "blockquote": {"cite"},
    "audio": {"src", "controls"},
    "video": {"src", "controls", "poster", "width", "height"},
    "source": {"src", "type"},
    "iframe": {"src", "width", "height", "allowfullscreen", "title"},
}
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "noscript", "template", "object", "embed", "form", "button", "select", "textarea", "svg", "math"}
URL_SCHEMES = {"http", "https", "mailto"}
# Browsers' and Scrapy's (URLLENGTH_LIMIT) bound: a longer article or image URL is hostile
# or junk (a feed's enclosure of megabytes would end up in the front matter).
MAX_URL_LENGTH = 2083
# URL-valued attributes prepare_html checks itself: nh3 leaves some (``cite``) alone,
# and html-to-markdown turns a blockquote's cite into an autolink.
_URL_ATTRIBUTES = ("href", "src", "poster", "cite")
# Wrappers that mean nothing once empty (no text, no image, no media).
_EMPTY_WRAPPERS = {"p", "div", "span", "section", "figure", "a", "strong", "em", "b", "i", "li", "center", "font"}
_MEDIA_TAGS = {"img", "video", "audio", "iframe", "br", "hr", "source"}


# --- hostile input: control characters and absurd nesting -------------------------------

# Characters no text means: C0 controls but tab/newline/carriage return, DEL, C1
# controls, the non-characters U+FFFE/U+FFFF and lone surrogates. lxml refuses most of
# them outright ("All strings must be XML compatible"), YAML has to escape them, and git
# takes a post holding a NUL for a binary file.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def strip_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", text) if _CONTROL_CHARACTERS.search(text) else text


# libxml2 gives up on HTML nested deeper than 255 elements and silently drops the rest of
# the document; html-to-markdown drops text nested a few thousand levels deep. No article
# needs more than this; deeper elements are unwrapped (their text is kept).
MAX_NESTING = 100
_VOID_ELEMENTS = frozenset({
    "area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
})
# An open element the start tag implicitly closes (<p>one<p>two is two siblings).
_IMPLIED_END = {
    "p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
    "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"},
}
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*?(/?)>")


def _nesting_estimate(fragment: str, limit: int) -> bool:
    """Cheap check: may the fragment nest ``limit`` elements deep? (Over-estimates.)"""
    if fragment.count("<") < limit:
        return False
    stack: list[str] = []
    for closing, name, self_closing in _TAG_TOKEN.findall(fragment):
        name = name.lower()
        if name in _VOID_ELEMENTS or self_closing:
            continue
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name):]
            continue
        if stack and stack[-1] in _IMPLIED_END.get(name, ()):
            stack.pop()
        stack.append(name)
        if len(stack) >= limit:
            return True
    return False


# Tags that keep meaning (a link's href, a paragraph break) and cannot usefully nest in
# themselves: written even past the limit, once per open chain.
_KEPT_PAST_LIMIT = frozenset({"a", "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})


class _NestingLimiter(HTMLParser):
    """Re-serialize HTML, unwrapping the elements nested deeper than ``limit``."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=True)
        self.limit = limit
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, written)
        self.depth = 0  # elements written and still open

    @staticmethod
    def _start(tag: str, attrs: list[tuple[str, str | None]], close: str = "") -> str:
        parts = [tag] + [name if value is None else f'{name}="{escape(value)}"' for name, value in attrs]
        return f"<{' '.join(parts)}{close}>"

    def _pop(self) -> None:
        tag, written = self.stack.pop()
        if written:
            self.depth -= 1
            self.out.append(f"</{tag}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_ELEMENTS:
            self.out.append(self._start(tag, attrs))
            return
        if self.stack and self.stack[-1][0] in _IMPLIED_END.get(tag, ()):
            self._pop()
        # Past the limit, wrappers go; a link or paragraph keeps its tag unless one
        # like it is already open, so no href or paragraph break is lost and the
        # depth still stays bounded.
        written = self.depth < self.limit or (
            tag in _KEPT_PAST_LIMIT and not any(open_tag == tag and kept for open_tag, kept in self.stack))
        if written:
            self.depth += 1
            self.out.append(self._start(tag, attrs))
        self.stack.append((tag, written))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                while len(self.stack) > index:
                    self._pop()
                return

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        while self.stack:
            self._pop()
        return "".join(self.out)


def limit_nesting(fragment: str, max_depth: int = MAX_NESTING) -> str:
    """The fragment, with elements nested deeper than ``max_depth`` unwrapped (their text
    and images kept); unchanged when it is not that deep."""
    if not _nesting_estimate(fragment, max_depth):
        return fragment
    limiter = _NestingLimiter(max_depth)
    limiter.feed(fragment)
    return limiter.result()


def parse_document(html: str) -> lxml.html.HtmlElement | None:
    """A whole page as a tree, made safe the way parse_fragment makes fragments: without
    this, lxml drops everything after nesting depth 255 (and the article with it)."""
    if not html or not html.strip():
        return None
    # lxml rejects str input that carries an XML encoding declaration.
    html = strip_control_characters(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    try:
        tree = lxml.html.document_fromstring(html)
        # Parsed first and flattened only when deep: the check on the tree runs in C,
        # the tokenizing estimate in Python costs more than the parse on every page.
        if _TOO_DEEP(tree):
            tree = lxml.html.document_fromstring(limit_nesting(html))
        return tree
    except (lxml.etree.ParserError, ValueError):
        return None


_TOO_DEEP = lxml.etree.XPath(f"boolean(//*[count(ancestor::*) >= {MAX_NESTING - 2}])")


def document_base_url(tree: lxml.html.HtmlElement, url: str) -> str:
    """The URL relative links on a page resolve against: its ``<base href>``, else its own."""
    base = tree.find(".//base[@href]")
    return urljoin(url, base.get("href", "").strip()) if base is not None else url


def select(tree: lxml.html.HtmlElement, selector: str) -> list[Any]:
    """A sources.yml selector: CSS, or XPath when it starts with ``/`` or ``(``. A bad
    selector matches nothing (lxml and cssselect raise many kinds of error for them)."""
    selector = selector.strip()
    try:
        if selector.startswith(("/", "(")):
            found = tree.xpath(selector)
            return found if isinstance(found, list) else [found]
        return list(tree.cssselect(selector))
    except Exception:  # noqa: BLE001
        return []


def parse_fragment(fragment: str) -> lxml.html.HtmlElement | None:
    """An HTML fragment as a tree under a ``<div>``, whatever it holds: control characters
    are dropped and absurd nesting is flattened first, so lxml neither raises nor drops
    the rest of the document. None when there is nothing to parse."""
    fragment = strip_control_characters(fragment)
    # As in parse_document: parsed first, flattened and parsed again only when deep (a
    # body is parsed about five times on its way to Markdown; the estimate in Python
    # cost more than those parses).
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        if not _TOO_DEEP(root):
            return root
    except (lxml.etree.ParserError, ValueError):
        pass
    try:
        return lxml.html.fragment_fromstring(limit_nesting(fragment), create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def safe_url_scheme(url: str) -> bool:
    """Whether an (absolute or relative) URL may stay in archived HTML: http, https and
    mailto, judged the way browsers read it (tabs and newlines inside are ignored)."""
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match is None or match.group(1).lower() in URL_SCHEMES


def largest_srcset_candidate(srcset: str) -> str | None:
    """The URL of the widest (or highest density) candidate of a srcset value."""
    best: tuple[float, str] | None = None
    # Candidates are separated by a comma *and* whitespace: URLs may hold bare commas.
    for candidate in re.split(r",\s+(?=\S)", srcset.strip()):
        parts = candidate.strip().rstrip(",").split()
        if not parts or parts[0].startswith("data:"):
            continue
        size = 1.0
        if len(parts) > 1:
            match = re.match(r"([\d.]+)[wx]$", parts[1].lower())
            size = float(match.group(1)) if match else 1.0
        if best is None or size > best[0]:
            best = (size, parts[0])
    return best[1] if best else None


def absolute_url(url: str, base_url: str) -> str:
    """``url`` resolved against ``base_url``; "" for what is no URL at all (urljoin raises
    on hosts such as ``[ccpa-preferences]``)."""
    url = url.strip()
    if not url or url.startswith(("#", "mailto:", "data:")):
        return url
    try:
        if url.startswith("//"):
            scheme = urlsplit(base_url).scheme or "https"
            urlsplit(url)  # raises on a broken host such as "//[::1"
            return f"{scheme}:{url}"
        return urljoin(base_url, url)
    except ValueError:  # "http://[oops/": no URL at all
        return ""


def lazy_image_source(img: lxml.html.HtmlElement) -> str | None:
    """The URL a lazy loader would put in ``src``: its data attribute, else the widest
    srcset candidate."""
    for attribute in LAZY_SRC_ATTRIBUTES:
        value = (img.get(attribute) or "").strip()
        if value and not value.startswith(("data:", "{")):  # "{": an unrendered template
            return value
    for attribute in LAZY_SRCSET_ATTRIBUTES:
        largest = largest_srcset_candidate(img.get(attribute) or "")
        if largest:
            return largest
    return None


def real_image_source(img: lxml.html.HtmlElement) -> str | None:
    """The image's real URL: ``src``, unless it is a placeholder or a low-resolution
    preview of what a lazy attribute holds. Shared by feeds, pages and the cleaner."""
    src = (img.get("src") or "").strip()
    lazy = lazy_image_source(img)
    if lazy and (not src or PLACEHOLDER_SRC.search(src) or (lazy != src and _PREVIEW_SRC.search(src))):
        return lazy
    return src or lazy


def _is_tracking_pixel(img: lxml.html.HtmlElement, src: str) -> bool:
    if _TRACKER_URL.search(src):
        return True
    try:
        width = int((img.get("width") or "99").rstrip("px"))
        height = int((img.get("height") or "99").rstrip("px"))
    except ValueError:
        return False
    return width <= 2 and height <= 2


# Scripts written without spaces between words (Han, kana; not Hangul: see core/cjk).
HAN_KANA = cjk.UNSPACED
_HAN_KANA_QUOTES = "\u2014\u2018-\u201f\u2026"  # — ‘ ’ “ ” …: CJK text uses them too
# A source line break with the spaces around it: between two Han/kana characters (or a
# Han/kana character and a quote mark) it is nothing; anywhere else it is one space.
_NEWLINE_RUN = re.compile(r"[ \t\r\f\v]*\n\s*")
_HAN_KANA_BREAK = re.compile(
    rf"(?<=[{HAN_KANA}])[ \t\r\f\v]*\n\s*(?=[{HAN_KANA}{_HAN_KANA_QUOTES}])|"
    rf"(?<=[{_HAN_KANA_QUOTES}])[ \t\r\f\v]*\n\s*(?=[{HAN_KANA}])")


def _fold_line_breaks(text: str | None) -> str | None:
    """Source line breaks inside a paragraph are not breaks: Markdown would keep them as
    soft breaks, which render as a space (wrong between two Han/kana characters). Only
    the break itself is folded; spaces the author typed stay, in every script."""
    if not text or "\n" not in text:
        return text
    return _NEWLINE_RUN.sub(" ", _HAN_KANA_BREAK.sub("", text))


def _fold_text_nodes(root: lxml.html.HtmlElement) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        inside_pre = any(ancestor.tag == "pre" for ancestor in element.iterancestors())
        if not inside_pre and element.tag not in ("pre", "code", "textarea"):
            element.text = _fold_line_breaks(element.text)
        if not inside_pre:  # the tail is the parent's text
            element.tail = _fold_line_breaks(element.tail)


def _is_empty(element: lxml.html.HtmlElement) -> bool:
    if element.tag not in _EMPTY_WRAPPERS:
        return False
    if (element.text_content() or "").strip(" \t\r\n\u00a0\u3000"):
        return False
    return not any(child.tag in _MEDIA_TAGS for child in element.iter() if child is not element)


def prepare_html(fragment: str, base_url: str) -> str:
    """Promote lazy images, make URLs absolute, drop trackers and empty wrappers."""
    root = parse_fragment(fragment)
    if root is None:
        return ""
    for img in list(root.iter("img")):
        src = real_image_source(img)
        if not src or _is_tracking_pixel(img, src):
            img.drop_tree()
            continue
        src = absolute_url(src, base_url)
        if not src.startswith(("http://", "https://")):
            img.drop_tree()  # javascript:, data:, ...: nothing an archive can show or fetch
            continue
        img.set("src", src)
    for element in root.iter("a", "video", "audio", "source", "iframe", "blockquote", "q"):
        for attribute in _URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            value = absolute_url(value, base_url) if value.strip() else ""
            if value and safe_url_scheme(value):
                element.set(attribute, value)
            else:
                del element.attrib[attribute]
    # Bottom-up, so a wrapper whose only child was an empty wrapper goes too.
    for element in reversed(list(root.iter())):
        if element is not root and element.getparent() is not None and _is_empty(element):
            element.drop_tag() if element.tag == "a" and element.getchildren() else element.drop_tree()
    _fold_text_nodes(root)
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return (root.text or "") + inner


def sanitize_html(fragment: str | None, base_url: str, *, allow_iframes: bool = False) -> str:
    """Safe, self-contained HTML: see the module docstring."""
    if not fragment or not fragment.strip():
        return ""
    prepared = prepare_html(fragment, base_url)
    tags = ALLOWED_TAGS | ({"iframe"} if allow_iframes else set())
    attributes = {tag: attrs for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag in tags}
    cleaned = nh3.clean(
        prepared,
        tags=tags,
        clean_content_tags=DROPPED_WITH_CONTENT | ({"iframe"} if not allow_iframes else set()),
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )
    return cleaned.strip()
