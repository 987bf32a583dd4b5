"""Feed documents to plain entries: RSS 0.9x/1.0/2.0, Atom and JSON Feed (pure).

XML feeds go through feedparser with its own sanitizing and URL resolving switched
off: its sanitizer drops the ``data-*`` attributes lazy images hide their URL in, and
archiver.htmlclean does both jobs with the article link as the base.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from typing import Any

import feedparser
import lxml.html


class FeedError(ValueError):
    """The document is no feed we can read; ``reason`` is a short stat-friendly code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class FeedEntry:
    guid: str | None
    link: str | None
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: Any = None  # raw string (keeps the source's offset) or struct_time
    updated: Any = None
    tags: list[str] = field(default_factory=list)
    summary: str | None = None  # HTML or text, as the feed gave it
    content_html: str | None = None  # the full content, when the feed carries it
    image_urls: list[str] = field(default_factory=list)  # header candidates, best first
    thumbnail_url: str | None = None
    language: str | None = None


@dataclass
class ParsedFeed:
    kind: str  # rss / atom / rdf / json
    title: str
    link: str | None
    language: str | None
    entries: list[FeedEntry]
    warning: str | None = None  # set when the feed was malformed but still readable


def looks_like_json(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document; raise FeedError when it is not a readable feed."""
    if not body or not body.strip():
        raise FeedError("empty_document", "the response body is empty")
    if looks_like_json(body) or (content_type and "json" in content_type.lower()):
        return parse_json_feed(body)
    return parse_xml_feed(body, url, content_type)


def parse_xml_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    feed = parsed.get("feed", {})
    if not parsed.entries and not version:
        head = body.lstrip()[:512].lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
            raise FeedError("not_a_feed", "an HTML page, not a feed")
        problem = parsed.get("bozo_exception")
        detail = "no RSS, Atom or RDF root element"
        if problem is not None:
            detail += f" ({type(problem).__name__}: {problem})"
        raise FeedError("not_a_feed", detail)
    warning = None
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        # A wrong declared charset or a non-XML content type is harmless; anything else
        # means feedparser recovered from broken markup.
        if problem is not None and not isinstance(
            problem, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
        ):
            warning = f"{type(problem).__name__}: {problem}"
    kind = "atom" if version.startswith("atom") else "rdf" if version in ("rss090", "rss10") else "rss"
    language = feed.get("language")
    entries = [_xml_entry(entry, language) for entry in parsed.entries]
    return ParsedFeed(kind, feed.get("title", ""), feed.get("link"), language, entries, warning)


def _first_image_in_html(fragment: str | None) -> str | None:
    if not fragment or "<img" not in fragment:
        return None
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return None
    for img in root.iter("img"):
        for attribute in ("data-original", "data-src", "data-lazy-src", "data-actualsrc", "src"):
            value = (img.get(attribute) or "").strip()
            if value and not value.startswith("data:"):
                return value
    return None


def _xml_entry(entry: Any, feed_language: str | None) -> FeedEntry:
    content_html = None
    contents = entry.get("content") or []
    # Prefer the HTML variant when a feed gives several (Atom may carry text + html).
    for content in sorted(contents, key=lambda c: "html" not in (c.get("type") or "")):
        if content.get("value", "").strip():
            content_html = content["value"]
            break
    summary = entry.get("summary")
    if content_html and summary and summary.strip() == content_html.strip():
        summary = None

    images: list[str] = []
    for media in entry.get("media_content") or []:
        medium = media.get("medium") or ""
        mime = media.get("type") or ""
        if media.get("url") and (medium == "image" or mime.startswith("image/") or (not medium and not mime)):
            images.append(media["url"])
    for link in entry.get("links") or []:
        if link.get("rel") == "enclosure" and (link.get("type") or "").startswith("image/") and link.get("href"):
            images.append(link["href"])
    thumbnail = None
    for thumb in entry.get("media_thumbnail") or []:
        if thumb.get("url"):
            thumbnail = thumb["url"]
            break
    inline = _first_image_in_html(content_html or summary)
    if inline:
        images.append(inline)
    if thumbnail:
        images.append(thumbnail)

    authors = [a.get("name", "").strip() for a in entry.get("authors") or [] if a.get("name", "").strip()]
    if not authors and entry.get("author"):
        authors = [entry["author"].strip()]
    tags = [t.get("term", "").strip() for t in entry.get("tags") or [] if (t.get("term") or "").strip()]
    return FeedEntry(
        guid=entry.get("id") or None,
        link=entry.get("link") or None,
        title=entry.get("title", ""),
        authors=authors,
        # dict.get: FeedParserDict.get("published") silently falls back to "updated"
        # (with a DeprecationWarning); RSS 1.0's dc:date only arrives as "updated".
        published=dict.get(entry, "published") or dict.get(entry, "created") or dict.get(entry, "updated"),
        updated=dict.get(entry, "updated"),
        tags=list(dict.fromkeys(tags)),
        summary=summary,
        content_html=content_html,
        image_urls=list(dict.fromkeys(images)),
        thumbnail_url=thumbnail,
        language=(entry.get("content") or [{}])[0].get("language") or feed_language,
    )


def parse_json_feed(body: bytes) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (jsonfeed.org), which feedparser does not read."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError("not_a_feed", f"invalid JSON: {error}") from error
    if not isinstance(document, dict) or "jsonfeed.org/version/" not in str(document.get("version", "")):
        raise FeedError("not_a_feed", "JSON without a jsonfeed.org version")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError("not_a_feed", "JSON Feed without an items list")
    language = document.get("language")
    entries = [_json_entry(item, language) for item in items if isinstance(item, dict)]
    warning = None if len(entries) == len(items) else f"{len(items) - len(entries)} items are not objects"
    return ParsedFeed("json", str(document.get("title", "")), document.get("home_page_url"), language, entries, warning)


def _json_authors(item: dict[str, Any]) -> list[str]:
    people = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    return [str(p["name"]).strip() for p in people if isinstance(p, dict) and str(p.get("name", "")).strip()]


def _json_entry(item: dict[str, Any], feed_language: str | None) -> FeedEntry:
    content_html = item.get("content_html")
    if not content_html and item.get("content_text"):
        paragraphs = [p.strip() for p in str(item["content_text"]).split("\n\n") if p.strip()]

        content_html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    images = [str(url) for url in (item.get("banner_image"), item.get("image")) if url]
    for attachment in item.get("attachments") or []:
        if isinstance(attachment, dict) and str(attachment.get("mime_type", "")).startswith("image/") and attachment.get("url"):
            images.append(str(attachment["url"]))
    inline = _first_image_in_html(content_html)
    if inline:
        images.append(inline)
    link = item.get("url") or item.get("external_url")
    tags = item.get("tags") if isinstance(item.get("tags"), list) else []
    return FeedEntry(
        guid=str(item["id"]) if item.get("id") not in (None, "") else None,
        link=str(link) if link else None,
        title=str(item.get("title") or ""),
        authors=_json_authors(item),
        published=item.get("date_published"),
        updated=item.get("date_modified"),
        tags=[str(tag) for tag in tags if str(tag).strip()],
        summary=item.get("summary"),
        content_html=content_html,
        image_urls=list(dict.fromkeys(images)),
        thumbnail_url=str(item["image"]) if item.get("image") else None,
        language=item.get("language") or feed_language,
    )
