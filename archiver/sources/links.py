"""Links on listing pages: which ones are articles, where the next page is, which feeds.

Pure: takes HTML text and a base URL, returns absolute URLs. No Scrapy import.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import tldextract
from lxml.html import HtmlElement

from archiver.core.htmlclean import document_base_url, parse_document, select

__all__ = ["clean_url", "discover_feeds", "find_article_links", "find_next_page"]

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json",
                        "application/json", "application/rdf+xml", "text/xml", "application/xml"})

# Query keys that only track where a click came from; the article is the same without.
TRACKING_KEYS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|"
    r"spm|scm|share|share_source|from|ref|ref_src|source|cmpid|ncid|ocid|wt\.mc_id)$", re.IGNORECASE)

# Path segments of pages that list or manage things rather than tell a story.
NON_ARTICLE_SEGMENTS = frozenset({
    "tag", "tags", "category", "categories", "cat", "author", "authors", "page", "login",
    "logout", "signin", "sign-in", "signup", "sign-up", "register", "search", "about",
    "contact", "privacy", "terms", "feed", "rss", "atom", "user", "users", "account",
    "subscribe", "newsletter", "topic", "topics", "section", "sections", "archive",
    "archives", "help", "faq", "advertise", "jobs", "careers", "cart", "shop", "video-list",
    "index", "default", "home", "profile", "settings", "wp-login.php", "wp-admin", "cdn-cgi",
})
NON_ARTICLE_EXTENSIONS = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|ico|css|js|json|xml|rss|atom|pdf|zip|mp3|mp4|mov|avi|exe)$", re.IGNORECASE)
DATE_IN_PATH = re.compile(
    r"/(19|20)\d{2}[/-]?(0[1-9]|1[0-2])([/-]?(0[1-9]|[12]\d|3[01]))?(/|-|$)|"
    r"/(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
NUMERIC_ID = re.compile(r"(^|[/_\-=])\d{5,}(\.s?html?|\.php|\.aspx?)?($|[/?&#_\-])")
NEXT_TEXT = re.compile(r"^\s*(next( page)?|older( posts| entries)?|more stories|下一页|下页|後頁|下一頁|›|»|>|→)\s*[›»>→]?\s*$", re.IGNORECASE)


def find_article_links(html: str, base_url: str, selector: str | None = None) -> list[str]:
    """Article URLs on a listing page, in page order, without duplicates or tracking."""
    tree = _parse(html)
    if tree is None:
        return []
    base = document_base_url(tree, base_url)
    if selector:
        hrefs = _hrefs_from_selection(select(tree, selector))
    else:
        hrefs = [a.get("href", "") for a in tree.iter("a") if a.get("href")]
    found: list[str] = []
    seen: set[str] = set()
    site = _site(base)
    for href in hrefs:
        url = clean_url(urljoin(base, href.strip()))
        if url is None or url in seen:
            continue
        if not selector and not (_site(url) == site and looks_like_article(url)):
            continue
        seen.add(url)
        found.append(url)
    return found


def find_next_page(html: str, base_url: str, selector: str | None = None) -> str | None:
    """The next listing page: the selector's link, else rel=next, else a 'Next' link."""
    tree = _parse(html)
    if tree is None:
        return None
    base = document_base_url(tree, base_url)
    candidates: list[str] = []
    if selector:
        candidates = _hrefs_from_selection(select(tree, selector))
    if not candidates:
        candidates = [el.get("href", "") for el in tree.xpath("//link[@href] | //a[@href]")
                      if "next" in (el.get("rel") or "").lower().split()]
    if not candidates:
        candidates = [a.get("href", "") for a in tree.iter("a") if a.get("href")
                      and (NEXT_TEXT.match(a.text_content() or "")
                           or "next" in re.split(r"[\s_-]+", (a.get("class") or "").lower()))]
    for href in candidates:
        url = clean_url(urljoin(base, href.strip()))
        if url and url.rstrip("/") != base.rstrip("/"):
            return url
    return None


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Feeds the page advertises with ``<link rel="alternate" type=...>``, in page order."""
    tree = _parse(html)
    if tree is None:
        return []
    base = document_base_url(tree, base_url)
    feeds: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href and not _is_side_feed(link, href):
            url = urljoin(base, href)
            if url.startswith(("http://", "https://")) and url not in feeds:
                feeds.append(url)
    return feeds


def _is_side_feed(link: HtmlElement, href: str) -> bool:
    """Comment feeds and WordPress REST/oEmbed JSON are advertised as alternates too."""
    title = (link.get("title") or "").lower()
    return bool(re.search(r"comments?/feed|/wp-json/|oembed", href, re.IGNORECASE) or "comments feed" in title
                or "评论" in title)


def looks_like_article(url: str) -> bool:
    """A date in the path, a long slug, or a numeric id; not a listing or account page."""
    parts = urlsplit(url)
    path = parts.path or "/"
    segments = [s for s in path.lower().split("/") if s]
    if not segments and not parts.query:
        return False
    if any(s in NON_ARTICLE_SEGMENTS for s in segments) or NON_ARTICLE_EXTENSIONS.search(path):
        return False
    if segments and re.fullmatch(r"\d{1,3}", segments[-1]) and len(segments) >= 2 \
            and segments[-2] in ("p", "page"):
        return False
    if DATE_IN_PATH.search(path):
        return True
    if NUMERIC_ID.search(path) or re.search(r"(^|&)(id|aid|p|story|article)=\d{3,}", parts.query):
        return True
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", segments[-1]) if segments else ""
    words = [w for w in re.split(r"[-_]+", last) if w]
    return len(words) >= 4 and len(last) >= 20


def clean_url(url: str) -> str | None:
    """Absolute http(s) URL without fragment or tracking parameters, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_KEYS.match(k)])
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", query, ""))


@functools.cache
def _domains() -> tldextract.TLDExtract:
    # The public suffix list bundled with tldextract: never fetched (tests and crawls stay
    # offline), nothing cached on disk. Private suffixes count (a.github.io is its own site).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def _site(url: str) -> str:
    """Registrable domain (example.co.uk), so www. and news. subdomains count as one site."""
    host = urlsplit(url).hostname or ""
    return (_domains()(host).top_domain_under_public_suffix if host else "") or host


def _parse(html: str) -> HtmlElement | None:
    return parse_document(html)


def _hrefs_from_selection(items: list[Any]) -> list[str]:
    """Selected <a> elements give their href, containers the links inside, XPath strings themselves."""
    hrefs: list[str] = []
    for item in items:
        if isinstance(item, str):
            hrefs.append(item)
        elif isinstance(item, HtmlElement):
            if item.get("href"):
                hrefs.append(item.get("href", ""))
            else:
                hrefs.extend(a.get("href", "") for a in item.iter("a") if a.get("href"))
    return hrefs
