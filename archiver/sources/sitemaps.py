"""Sitemaps and sitemap indexes, gzipped or not, with Google News fields (pure).

Hostile sitemaps: a gzip bomb stops at MAX_SITEMAP_BYTES; the prolog (DOCTYPE and every
entity it declares) is dropped before lxml sees the document, so nothing is expanded or
fetched (billion laughs, XXE); an ampersand that starts no predefined or numeric
reference is taken literally, because libxml2's recovery mode otherwise drops the
"&amp;" of every later URL once it met an unknown entity.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass

import lxml.etree

from archiver.core.encoding import decode_html
from archiver.core.htmlclean import strip_control_characters
from archiver.core.text import plain_title
from archiver.sources.feedparse import strip_prolog

# Compressed sitemaps are capped like Scrapy's own SitemapSpider does, so a gzip bomb
# cannot eat the memory of a run.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


class SitemapError(ValueError):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass
class SitemapUrl:
    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None
    news_language: str | None = None


@dataclass
class Sitemap:
    kind: str  # "urlset" or "sitemapindex"
    urls: list[SitemapUrl]
    warning: str | None = None  # set when the document was hostile or broken but readable


# CDATA sections are copied as they are; any other "&" that does not start &amp; &lt;
# &gt; &quot; &apos; or a numeric reference is escaped.
_STRAY_AMPERSAND = re.compile(r"(<!\[CDATA\[.*?\]\]>)|&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)", re.DOTALL)


def looks_like_sitemap(body: bytes) -> bool:
    if body[:2] == b"\x1f\x8b":
        return True
    head = body[:2048]
    return b"<urlset" in head or b"<sitemapindex" in head


def _gunzip(body: bytes) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data = decompressor.decompress(body, MAX_SITEMAP_BYTES)
    if decompressor.unconsumed_tail:
        raise SitemapError("too_large", f"decompresses to more than {MAX_SITEMAP_BYTES} bytes")
    if not data and not decompressor.eof:
        raise SitemapError("bad_gzip", "truncated gzip stream")
    return data  # a truncated stream keeps what it holds: the parser recovers


def parse_sitemap(body: bytes) -> Sitemap:
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except (zlib.error, gzip.BadGzipFile) as error:
            raise SitemapError("bad_gzip", str(error)) from error
    text, _codec = decode_html(body, None)
    document, declared_entities = strip_prolog(strip_control_characters(text))
    stray = False

    def escape_stray(match: re.Match[str]) -> str:
        nonlocal stray
        if match.group(1):
            return match.group(1)
        stray = True
        return "&amp;"

    document = _STRAY_AMPERSAND.sub(escape_stray, document)
    if not document.strip():
        raise SitemapError("not_a_sitemap", "no root element")
    parser = lxml.etree.XMLParser(recover=True, remove_comments=True, resolve_entities=False, no_network=True,
                                  load_dtd=False, huge_tree=False)
    try:
        root = lxml.etree.fromstring(document, parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError) as error:
        raise SitemapError("not_a_sitemap", str(error)) from error
    if root is None:
        raise SitemapError("not_a_sitemap", "empty document")
    kind = lxml.etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError("not_a_sitemap", f"root element is <{kind}>")
    urls: list[SitemapUrl] = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        fields: dict[str, str] = {}
        for child in entry.iter():
            if not isinstance(child.tag, str) or child is entry:
                continue
            name = lxml.etree.QName(child).localname
            if child.text and child.text.strip() and name not in fields:
                fields[name] = child.text.strip()
        if "loc" in fields:
            urls.append(SitemapUrl(
                loc=fields["loc"],
                lastmod=fields.get("lastmod"),
                news_title=plain_title(fields.get("title")) or None,  # plain text by its spec
                news_published=fields.get("publication_date"),
                news_language=fields.get("language"),
            ))
    problems = []
    if declared_entities:
        problems.append("its DOCTYPE declares XML entities, which are never expanded")
    if stray:
        problems.append("unescaped '&' or unknown entities, taken literally")
    return Sitemap(kind, urls, "; ".join(problems) or None)
