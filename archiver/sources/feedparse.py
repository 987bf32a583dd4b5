"""Feed documents to plain entries: RSS 0.9x/1.0/2.0, Atom and JSON Feed (pure).

XML feeds go through feedparser with its own sanitizing and URL resolving switched
off: its sanitizer drops the ``data-*`` attributes lazy images hide their URL in, and
archiver.core.htmlclean does both jobs with the article link as the base.

Hostile documents: the body is decoded here (archiver.core.encoding: BOM, valid UTF-8,
declared charsets that actually decode, detection), never left to feedparser's RFC 3023
guesses that read an undeclared GBK feed served as text/html as windows-1252; the prolog
(XML declaration, DOCTYPE with its internal subset, comments) is dropped, so no entity
declared by the feed is ever expanded (feedparser's fallback parser expands "safe"
entities without any limit: a 26 KB feed became a 40 MB summary), and external entities
(XXE) have nothing to refer to; and feedparser gets a stream, never bytes it could take
for a file name to open.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

import feedparser
from w3lib.encoding import read_bom

from archiver.core.encoding import decode_html, sniff_wide_unicode
from archiver.core.htmlclean import parse_fragment, real_image_source
from archiver.core.text import clean_title, plain_title, title_from_html


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
    title: str = ""  # plain text: what a reader sees (see _entry_title)
    authors: list[str] = field(default_factory=list)  # plain text, as tags
    published: Any = None  # raw string (keeps the source's offset) or struct_time
    updated: Any = None
    tags: list[str] = field(default_factory=list)
    summary: str | None = None  # HTML (a summary declared as text is escaped into HTML)
    content_html: str | None = None  # the full content as HTML, when the feed carries it
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
    body = _utf8_if_wide(body)
    if looks_like_json(body) or (content_type and "json" in content_type.lower()):
        return parse_json_feed(body)
    return parse_xml_feed(body, url, content_type)


def _utf8_if_wide(body: bytes) -> bytes:
    """A UTF-16/32 document (with or without a byte-order mark) as UTF-8, so that JSON
    and XML are told apart and read alike; anything else as it is."""
    codec, bom = read_bom(body)
    if not (codec or "").startswith(("utf-16", "utf-32")):
        codec, bom = sniff_wide_unicode(body), b""
    if not codec:
        return body
    try:
        return body[len(bom or b""):].decode(codec).encode("utf-8")
    except UnicodeDecodeError:
        return body


_ROOT_START = re.compile(r"<[A-Za-z]")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF|RDF|channel)[\s>]")


def _skip_declaration(text: str, start: int) -> int:
    """The index just past a ``<!...>`` declaration (a DOCTYPE with its internal subset,
    quoted strings and comments in it included), or -1 when it never ends."""
    index = start + 2
    depth = 0  # inside the [ internal subset ]
    length = len(text)
    while index < length:
        char = text[index]
        if char in "\"'":
            end = text.find(char, index + 1)
            if end < 0:
                return -1
            index = end + 1
            continue
        if text.startswith("<!--", index):
            end = text.find("-->", index + 4)
            if end < 0:
                return -1
            index = end + 3
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char == ">" and depth == 0:
            return index + 1
        index += 1
    return -1


def strip_prolog(text: str) -> tuple[str, bool]:
    """The document from its root element on, and whether what was cut declared entities.

    Everything before the root goes: the XML declaration (the text is decoded already),
    the DOCTYPE with every entity it declares, comments, processing instructions and any
    junk a broken server printed first. No feed needs a DTD; without it no parser can
    expand an entity (billion laughs, quadratic blow-up) or fetch one (XXE).
    """
    index = 0
    length = len(text)
    declared_entities = False
    while index < length:
        lt = text.find("<", index)
        if lt < 0:
            return "", declared_entities
        if text.startswith("<?", lt):
            end = text.find("?>", lt + 2)
            index = end + 2 if end >= 0 else length
        elif text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            index = end + 3 if end >= 0 else length
        elif text.startswith("<!", lt):
            end = _skip_declaration(text, lt)
            if end < 0:
                # An unterminated DOCTYPE: resume at the first feed root after it, if any.
                match = _FEED_ROOT.search(text, lt)
                end = match.start() if match else length
            declared_entities = declared_entities or "<!ENTITY" in text[lt:end].upper()
            index = end
        elif _ROOT_START.match(text, lt):
            return text[lt:], declared_entities
        else:
            index = lt + 1
        if index >= length:
            break
    # No root element in the proper place (e.g. the prolog never ended): start at the
    # first feed root anywhere, or give feedparser nothing.
    match = _FEED_ROOT.search(text)
    return (text[match.start():] if match else ""), declared_entities


def parse_xml_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    text, _codec = decode_html(body, content_type)
    document, declared_entities = strip_prolog(text)
    data = ('<?xml version="1.0" encoding="utf-8"?>\n' + document).encode("utf-8", "replace")
    headers = {"content-location": url, "content-type": "application/xml; charset=utf-8"}
    # A stream, not bytes: feedparser.parse() opens a bytes value that names a file
    # ("/etc/passwd", "/dev/zero") and parses the file instead.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
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
    problems = []
    if declared_entities:
        problems.append("its DOCTYPE declares XML entities, which are never expanded")
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        # A wrong declared charset or a non-XML content type is harmless; anything else
        # means feedparser recovered from broken markup.
        if problem is not None and not isinstance(
            problem, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
        ):
            problems.append(f"{type(problem).__name__}: {problem}")
    kind = "atom" if version.startswith("atom") else "rdf" if version in ("rss090", "rss10") else "rss"
    language = _text_or_none(feed.get("language"))
    entries = []
    for entry in parsed.entries:
        try:
            entries.append(_xml_entry(entry, language, declared_types=kind == "atom"))
        except Exception as error:  # noqa: BLE001 (one odd entry must not cost the others)
            problems.append(f"an unreadable entry was skipped ({type(error).__name__}: {error})")
    return ParsedFeed(kind, _text_or_none(feed.get("title")) or "", _text_or_none(feed.get("link")), language,
                      entries, "; ".join(problems) or None)


def _first_image_in_html(fragment: str | None) -> str | None:
    if not fragment or "<img" not in fragment:
        return None
    root = parse_fragment(fragment)
    if root is None:
        return None
    for img in root.iter("img"):
        source = real_image_source(img)
        if source and not source.startswith("data:"):
            return source
    return None


def text_as_html(text: str) -> str:
    """Plain text (a JSON Feed ``content_text``, an Atom ``type="text"`` summary) as HTML
    paragraphs, so that "<b>" in it stays the text "<b>" all the way to the post."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _declared_text(detail: Any, declared_types: bool) -> bool:
    """Whether a feed value is plain text: Atom declares it (``type="text"``, its
    default); for RSS, feedparser guesses and its "text/plain" often holds HTML
    (``<img src=...>`` without a closing tag), so RSS values count as HTML."""
    return declared_types and bool(detail) and "html" not in (detail.get("type") or "text/plain")


def _entry_title(entry: Any, declared_types: bool) -> str:
    """Titles are plain text: markup a feed declares as HTML is removed, text it shows
    as text is kept ("The <blink> tag"); an RSS title follows feedparser's reading."""
    raw = entry.get("title", "")
    detail_type = (entry.get("title_detail") or {}).get("type") or ""
    if "html" in detail_type:
        return title_from_html(raw)
    return plain_title(raw) if declared_types else clean_title(raw)


def _xml_entry(entry: Any, feed_language: str | None, declared_types: bool = False) -> FeedEntry:
    content_html = content_raw = None
    contents = entry.get("content") or []
    # Prefer the HTML variant when a feed gives several (Atom may carry text + html).
    for content in sorted(contents, key=lambda c: "html" not in (c.get("type") or "")):
        if content.get("value", "").strip():
            content_html = content_raw = content["value"]
            if _declared_text(content, declared_types):
                content_html = text_as_html(content_raw)
            break
    summary = entry.get("summary")
    if content_raw and summary and summary.strip() == content_raw.strip():
        summary = None  # the same text twice (feedparser copies content into a missing summary)
    elif summary and _declared_text(entry.get("summary_detail"), declared_types):
        summary = text_as_html(summary)

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

    authors = [clean_title(a.get("name")) for a in entry.get("authors") or []]
    if not any(authors) and entry.get("author"):
        authors = [clean_title(entry["author"])]
    tags = [clean_title(t.get("term")) for t in entry.get("tags") or []]
    return FeedEntry(
        guid=entry.get("id") or None,
        link=entry.get("link") or None,
        title=_entry_title(entry, declared_types),
        authors=[author for author in dict.fromkeys(authors) if author],
        # dict.get: FeedParserDict.get("published") silently falls back to "updated"
        # (with a DeprecationWarning); RSS 1.0's dc:date only arrives as "updated".
        published=dict.get(entry, "published") or dict.get(entry, "created") or dict.get(entry, "updated"),
        updated=dict.get(entry, "updated"),
        tags=[tag for tag in dict.fromkeys(tags) if tag],
        summary=summary,
        content_html=content_html,
        image_urls=list(dict.fromkeys(images)),
        thumbnail_url=thumbnail,
        language=(entry.get("content") or [{}])[0].get("language") or feed_language,
    )


def parse_json_feed(body: bytes) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (jsonfeed.org), which feedparser does not read.

    Feeds in the wild put numbers where strings belong, a string where a list belongs and
    null anywhere: a value of the wrong type counts as missing (a number as its text),
    and an item that still cannot be read is skipped without costing the others.
    """
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError("not_a_feed", f"invalid JSON: {error}") from error
    except RecursionError as error:
        raise FeedError("not_a_feed", "JSON nested too deeply to read") from error
    if not isinstance(document, dict) or "jsonfeed.org/version/" not in str(document.get("version", "")):
        raise FeedError("not_a_feed", "JSON without a jsonfeed.org version")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError("not_a_feed", "JSON Feed without an items list")
    language = _text_or_none(document.get("language"))
    entries: list[FeedEntry] = []
    problems: list[str] = []
    not_objects = 0
    for item in items:
        if not isinstance(item, dict):
            not_objects += 1
            continue
        try:
            entries.append(_json_entry(item, language))
        except Exception as error:  # noqa: BLE001 (one odd item must not cost the others)
            problems.append(f"an unreadable item was skipped ({type(error).__name__}: {error})")
    if not_objects:
        problems.insert(0, f"{not_objects} items are not objects")
    return ParsedFeed("json", _text_or_none(document.get("title")) or "", _url_or_none(document.get("home_page_url")),
                      language, entries, "; ".join(problems) or None)


def _text_or_none(value: Any) -> str | None:
    """A string value; a number as its text; anything else (null, list, object) as None."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _date_or_none(value: Any) -> str | int | float | None:
    """An RFC 3339 string, or a number (taken for a Unix time by archiver.core.dates)."""
    if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    return None


def _url_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _json_authors(item: dict[str, Any]) -> list[str]:
    people = item.get("authors")
    if not isinstance(people, list):
        people = [item.get("author")]  # JSON Feed 1.0's single author (sometimes a bare name)
    names = []
    for person in people:
        name = _text_or_none(person.get("name")) if isinstance(person, dict) else _text_or_none(person)
        if plain_title(name):
            names.append(plain_title(name))
    return list(dict.fromkeys(names))


def _json_tags(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]  # one tag given as a string
    if not isinstance(value, list):
        return []
    tags = [_text_or_none(tag) for tag in value]
    return list(dict.fromkeys(plain_title(tag) for tag in tags if plain_title(tag)))


def _json_entry(item: dict[str, Any], feed_language: str | None) -> FeedEntry:
    content_html = _text_or_none(item.get("content_html"))
    content_text = _text_or_none(item.get("content_text"))
    if not (content_html and content_html.strip()) and content_text:
        content_html = text_as_html(content_text)
    image = _url_or_none(item.get("image"))
    images = [url for url in (_url_or_none(item.get("banner_image")), image) if url]
    attachments = item.get("attachments")
    for attachment in attachments if isinstance(attachments, list) else []:
        if not isinstance(attachment, dict):
            continue
        url = _url_or_none(attachment.get("url"))
        if url and (_text_or_none(attachment.get("mime_type")) or "").startswith("image/"):
            images.append(url)
    inline = _first_image_in_html(content_html)
    if inline:
        images.append(inline)
    guid = _text_or_none(item.get("id"))
    return FeedEntry(
        guid=guid if guid and guid.strip() else None,
        link=_url_or_none(item.get("url")) or _url_or_none(item.get("external_url")),
        # JSON Feed's title, summary, names and tags are plain text by its spec.
        title=plain_title(_text_or_none(item.get("title"))),
        authors=_json_authors(item),
        published=_date_or_none(item.get("date_published")),
        updated=_date_or_none(item.get("date_modified")),
        tags=_json_tags(item.get("tags")),
        summary=text_as_html(_text_or_none(item.get("summary")) or "") or None,
        content_html=content_html or None,
        image_urls=list(dict.fromkeys(images)),
        thumbnail_url=image,
        language=_text_or_none(item.get("language")) or feed_language,
    )
