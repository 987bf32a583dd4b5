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


def html_to_text(fragment: str | None) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
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
    # Block elements end a sentence: keep a space between their texts.
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"):
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
