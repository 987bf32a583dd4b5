"""Titles and plain-text summaries (pure)."""

from __future__ import annotations

import html
import re

from .htmlclean import parse_fragment, strip_control_characters

_WHITESPACE = re.compile(r"\s+")
# A title is plain text, but feeds often escape it twice ("&amp;quot;") or leave tags in it.
_TAG = re.compile(r"<[^>]{0,200}>")
_FORMATTING_TAG = re.compile(
    r"</?(a|abbr|b|br|cite|code|del|em|font|i|ins|kbd|mark|p|q|s|small|span|strong|sub|sup|time|u|wbr)"
    r"(?:\s[^<>]{0,300})?/?>", re.IGNORECASE)
_SCRIPT_IN_TITLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
SUMMARY_MAX_CHARS = 200
# Explicit bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and a
# stray byte-order mark: invisible, and an unbalanced RIGHT-TO-LEFT OVERRIDE in a title
# reverses whatever follows it in file listings, themes and feed readers ("Trojan
# Source"). Marks that only hint direction (U+200E/U+200F) and joiners stay.
_TITLE_INVISIBLES = re.compile("[\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_title(raw: str | None) -> str:
    """Unescape entities and collapse whitespace, keeping every other character
    (quotes, colons, #, emoji, CJK) exactly as the source wrote it."""
    if not raw:
        return ""
    text = _TITLE_INVISIBLES.sub("", strip_control_characters(str(raw)))
    # Unescape until stable (at most twice: "&amp;quot;" -> "&quot;" -> '"').
    for _ in range(2):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    if "<" in text:
        # Feeds put <b>, <em> or <a> in titles; those go, text kept. Anything else in
        # angle brackets is part of the title: "The <blink> tag", "Box<dyn Error>".
        text = _SCRIPT_IN_TITLE.sub("", text)
        text = _FORMATTING_TAG.sub(lambda m: " " if m.group(1).lower() == "br" else "", text)
    # Unescaping may have produced what the raw text hid ("&#0;", "&#x202E;").
    text = _TITLE_INVISIBLES.sub("", strip_control_characters(text))
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
        return _WHITESPACE.sub(" ", strip_control_characters(fragment)).strip()
    root = parse_fragment(fragment)
    if root is None:
        text = html.unescape(_TAG.sub(" ", fragment))
        return _WHITESPACE.sub(" ", strip_control_characters(text)).strip()
    for junk in root.xpath(".//script|.//style|.//noscript|.//template"):
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
