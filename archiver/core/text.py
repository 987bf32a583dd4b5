"""Titles and plain-text summaries (pure)."""

from __future__ import annotations

import html
import re

from archiver.core.htmlclean import parse_fragment, strip_control_characters

_WHITESPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]{0,200}>")
SUMMARY_MAX_CHARS = 200
# Explicit bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and a
# stray byte-order mark: invisible, and an unbalanced RIGHT-TO-LEFT OVERRIDE in a title
# reverses whatever follows it in file listings, themes and feed readers ("Trojan
# Source"). Marks that only hint direction (U+200E/U+200F) and joiners stay.
_TITLE_INVISIBLES = re.compile("[\u202a-\u202e\u2066-\u2069\ufeff]")


def plain_title(text: str | None) -> str:
    """A title, author or tag that is plain text already (an Atom ``type="text"`` title,
    a JSON Feed title): every character kept ("<script>" shown as text stays), only
    invisible control and bidi-override characters dropped and whitespace collapsed."""
    if not text:
        return ""
    text = _TITLE_INVISIBLES.sub("", strip_control_characters(str(text)))
    return _WHITESPACE.sub(" ", text).strip()


def title_from_html(markup: str | None) -> str:
    """The text a reader sees of a title the feed declares as HTML (Atom ``type="html"``
    or ``"xhtml"``, an RSS title feedparser reads as HTML): tags and the content of
    script/style go, ``&lt;b&gt;`` is the text "<b>"."""
    if not markup:
        return ""
    return plain_title(html_to_text(markup))


# Markup rather than text shown with angle brackets: a tag with an attribute value
# (<img src=x onerror=...>), a closed element (<b>Bold</b>, <div>..</div>), a <br>, or
# the start of an element that runs code or loads something (<script>, <iframe ...):
# in a title of unknown type these are taken for markup, to be safe. "The <blink> tag"
# and "Box<dyn Error>" are none of these and stay.
_ACTIVE_ELEMENTS = ("script|style|iframe|frame|frameset|object|embed|applet|svg|math|img|image|body|html|meta|"
                    "base|link|form|input|button|textarea|select|isindex|video|audio|source|marquee|template")
_MARKUP = re.compile(
    r"<[A-Za-z][\w:-]*\s[^<>]*=[^<>]*>|<([A-Za-z][\w:-]*)\b[^<>]*>.*?</\1\s*>|<br\s*/?>"
    rf"|<(?:{_ACTIVE_ELEMENTS})(?=[\s/>])",
    re.IGNORECASE | re.DOTALL)


def clean_title(raw: str | None) -> str:
    """A title of unknown type (a page's, a sitemap's, an RSS title feedparser took for
    text): markup in it goes (tags, script content), entities are decoded, even twice
    ("&amp;quot;"), and every other character is kept (quotes, colons, #, emoji, CJK,
    "The <blink> tag", "Box<dyn Error>")."""
    if not raw:
        return ""
    text = plain_title(raw)
    if _MARKUP.search(text):
        return title_from_html(text)
    # Unescape until stable (at most twice: "&amp;quot;" -> "&quot;" -> '"').
    for _ in range(2):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
        if _MARKUP.search(text):  # markup escaped once more than it should be
            return title_from_html(text)
    # Unescaping may have produced what the raw text hid ("&#0;", "&#x202E;").
    return plain_title(text)


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote",
           "figure", "figcaption", "section", "article", "ul", "ol", "pre", "table", "dd", "dt")
# Not part of a summary: captions, headings, tables and code are not the article's lead.
SUMMARY_SKIPPED = ("figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre")


def html_to_text(fragment: str | None, skip: tuple[str, ...] = ()) -> str:
    """The visible text of an HTML fragment, whitespace collapsed; ``skip`` names
    elements whose text is left out."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _WHITESPACE.sub(" ", strip_control_characters(fragment)).strip()
    root = parse_fragment(fragment)
    if root is None:
        text = html.unescape(_TAG.sub(" ", fragment))
        return _WHITESPACE.sub(" ", strip_control_characters(text)).strip()
    # Elements whose content is never shown as text (an iframe's or xmp's is raw markup).
    for junk in root.xpath(".//script|.//style|.//noscript|.//template|.//iframe|.//noembed|.//noframes|.//xmp"):
        junk.drop_tree()
    for element in list(root.iter(*skip)) if skip else []:
        element.drop_tree()
    # Block elements end a sentence: keep a space on both sides of their text.
    for block in root.iter(*_BLOCKS):
        block.text = " " + (block.text or "")
        block.tail = " " + (block.tail or "")
    return _WHITESPACE.sub(" ", strip_control_characters(root.text_content())).strip()


def summarize(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str:
    """Shorten plain text to about ``max_chars``, at a word or sentence boundary, with …"""
    text = _WHITESPACE.sub(" ", text).strip()
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    # Prefer ending at CJK or Latin sentence punctuation, else a space, else hard cut.
    for marks in ("。！？!?；;", " "):
        position = max(cut.rfind(mark) for mark in marks)
        if position >= max_chars * 0.6:
            cut = cut[: position + 1] if marks != " " else cut[:position]
            break
    return cut.rstrip(" ,，、:：") + "…"


def normalize_language(tag: str | None) -> str | None:
    """BCP 47 casing for a language tag: "zh-cn" -> "zh-CN", "EN_us" -> "en-US"."""
    if not tag or not tag.strip():
        return None
    parts = tag.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower())
    return "-".join(out)
