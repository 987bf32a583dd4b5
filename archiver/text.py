"""Titles and plain-text summaries (pure)."""

from __future__ import annotations

import html
import re

import lxml.html

_WHITESPACE = re.compile(r"\s+")
# A title is plain text, but feeds often escape it twice ("&amp;quot;") or leave tags in it.
_TAG = re.compile(r"<[^>]{0,200}>")
SUMMARY_MAX_CHARS = 200


def clean_title(raw: str | None) -> str:
    """Unescape entities and collapse whitespace, keeping every other character
    (quotes, colons, #, emoji, CJK) exactly as the source wrote it."""
    if not raw:
        return ""
    text = raw
    # Unescape until stable (at most twice: "&amp;quot;" -> "&quot;" -> '"').
    for _ in range(2):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    if "<" in text and _TAG.search(text):
        text = html_to_text(text)
    return _WHITESPACE.sub(" ", text).strip()


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
        return _WHITESPACE.sub(" ", fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return _WHITESPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()
    for junk in root.xpath(".//script|.//style|.//noscript|.//template"):
        junk.drop_tree()
    for element in list(root.iter(*skip)) if skip else []:
        element.drop_tree()
    # Block elements end a sentence: keep a space on both sides of their text.
    for block in root.iter(*_BLOCKS):
        block.text = " " + (block.text or "")
        block.tail = " " + (block.tail or "")
    return _WHITESPACE.sub(" ", root.text_content()).strip()


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
