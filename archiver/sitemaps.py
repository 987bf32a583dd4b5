"""Sitemaps and sitemap indexes, gzipped or not, with Google News fields (pure)."""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass

import lxml.etree

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
    return data


def parse_sitemap(body: bytes) -> Sitemap:
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except (zlib.error, gzip.BadGzipFile) as error:
            raise SitemapError("bad_gzip", str(error)) from error
    parser = lxml.etree.XMLParser(recover=True, remove_comments=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser=parser)
    except lxml.etree.XMLSyntaxError as error:
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
                news_title=fields.get("title"),
                news_published=fields.get("publication_date"),
                news_language=fields.get("language"),
            ))
    return Sitemap(kind, urls)
