"""Main text and metadata from an article page, as a pure function of (html, url).

Body, in order of trust:
1. per-source rules (``rules["body"]``: a CSS selector, or XPath when it starts with
   ``/`` or ``(``), after dropping ``rules["drop"]``;
2. trafilatura, on the page after lazy images are resolved and hidden elements dropped,
   with tables and links (its fast mode, its full cascade only where that is weak); the
   furniture it lets through (one-link teaser paragraphs, "read also" pointers, credit,
   share and dateline lines, calls to subscribe or follow, advertising and rights
   notices, "Related" headings, the title again) goes, and the page's
   images, with their figcaptions less the picture credit, and its bold and italics
   are put back into the paragraphs it kept (run with its own images, it keeps
   credits and surrounding boxes too; run with formatting, its choice of text changes);
3. a second opinion from the DOM scorer (boilerplate removed by class/id/heading
   patterns, then the block with the densest run of paragraphs, as Readability scores
   them), asked only when trafilatura kept less than half of the page's paragraph text
   and taken only when it agrees: it holds trafilatura's text and clearly more. The
   JSON-LD ``articleBody`` decides when the page's markup holds less than it.

Measured on the real pages of ../shared/corpora by ``bench/extraction.py``; trafilatura
alone chose better than the DOM scorer alone on most of them, the DOM scorer recovers
long articles trafilatura cuts short.

Metadata: rules, then JSON-LD (Article types, ``@graph``, lists, ``@id`` references),
then og:/twitter:/article: meta tags, ``<link rel=canonical>``, ``<html lang>``, visible
bylines and ``<time>``; the publication date is checked against htmldate's reading.

No Scrapy import: everything here takes and returns plain values.
"""

from __future__ import annotations

import copy
import html as htmllib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from typing import Any

import htmldate
import lxml.html
import trafilatura
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.settings import Document, Extractor

from archiver.core import cjk, dates
from archiver.core.dates import to_datetime
from archiver.core.htmlclean import (
    LAZY_SRC_ATTRIBUTES,
    LAZY_SRCSET_ATTRIBUTES,
    PLACEHOLDER_SRC,
    absolute_url,
    document_base_url,
    lazy_image_source,
    parse_document,
    real_image_source,
    select,
)

__all__ = ["ExtractedArticle", "extract_article", "text_of_html"]


@dataclass
class ExtractedArticle:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 with offset
    modified: str | None = None  # ISO 8601 with offset
    lead_image: str | None = None  # absolute URL
    description: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    body_html: str = ""  # HTML fragment; sanitized later by the normalize pipeline


ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "techarticle",
    "scholarlyarticle", "report", "socialmediaposting", "liveblogposting", "posting",
    "advertisertcontentarticle", "satiricalarticle", "medicalscholarlyarticle",
})


# class/id tokens of page furniture. Matched as whole tokens (split on -, _, space,
# camelCase) so "article-content" or "header-image" never match "ad" or "head".
BOILERPLATE_TOKENS = frozenset({
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsbygoogle",
    "adslot", "dfp", "sponsor", "sponsored", "promo", "promotion", "outbrain", "taboola",
    "cookie", "cookies", "consent", "gdpr", "cc",
    "comment", "comments", "commentlist", "disqus", "respond", "discuss", "cmt", "replies",
    "pinglun",
    "related", "relatedposts", "recommend", "recommended", "recommendation", "recommendations",
    "morestories", "moreposts", "readmore", "popular", "trending", "hot", "hotnews", "mostread",
    "share", "sharing", "sharebar", "sharedaddy", "social", "sns", "fenxiang",
    "newsletter", "subscribe", "subscription", "signup", "paywall", "qrcode",
    "breadcrumb", "breadcrumbs", "crumbs", "sidebar", "widget", "toc", "tags", "tagcloud",
    "nav", "navbar", "navigation", "menu", "pagination", "pager", "footer", "copyright",
    "byline", "dateline", "meta", "kicker", "toolbar", "tools", "skip", "screenreadertext",
    "sronly", "modal", "popup", "overlay", "masthead", "author", "authors", "avatar", "bio",
    "visuallyhidden", "credit", "credits", "qr", "disclaimer", "statement",
    # previous/next-story links under the article ("mvp-prev-next-wrap", "nav-previous")
    "prevnext", "nextprev", "nextpost", "prevpost", "previouspost", "postnav", "navprevious",
    "navnext", "prevlink", "nextlink",
})
# ARIA landmark roles that are never the article.
BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog",
                               "alertdialog", "search"})
BOILERPLATE_TAGS = ("script", "style", "noscript", "template", "form", "button", "input",
                    "select", "textarea", "iframe", "svg", "canvas", "nav", "aside", "footer",
                    "header", "link", "meta", "object", "embed", "dialog")

# Furniture that may hold more text than the article (long threads, big link boxes).
STRONG_BOILERPLATE_TOKENS = frozenset({"comment", "comments", "commentlist", "disqus", "respond",
                                       "discuss", "cmt", "pinglun", "related", "relatedposts",
                                       "recommend", "recommended", "outbrain", "taboola"})
TOKEN_REMOVABLE_TAGS = frozenset({"div", "section", "aside", "ul", "ol", "li", "p", "table",
                                  "header", "footer", "nav", "form", "dl", "center", "span"})
# "Read also", "Lea también", "Czytaj też": a label that points to another story, as a
# heading of its own or leading a one-link paragraph.
SEE_ALSO_LABEL = (
    r"(read|watch) also|also read|(auch|bitte auch) lesen|lesen sie (auch|mehr|hier)\b.*|zum weiterlesen|"
    r"weiterlesen|schon gelesen|(à|a) (lire|voir) aussi|lire aussi|voir aussi|"
    r"lea también|lee también|vea también|ver también|mir[ae]( también)?|puedes ver|"
    r"(le|te) puede interesar|te recomendamos|leia também|veja também|saiba mais|leggi anche|vedi anche|"
    r"czytaj (też|także|również)|zobacz (też|także|również)|dowiedz się więcej")
SEE_ALSO_LEAD = re.compile(rf"^\W*({SEE_ALSO_LABEL}|see also|siehe auch)\s*[:»›>|–-]", re.IGNORECASE)
# Headings that introduce furniture rather than article sections.
FURNITURE_HEADING = re.compile(
    r"^\s*(related( (articles|stories|posts|content|reading|topics|news|links))?|more (stories|from|on|in)\b.*|"
    r"you (might|may) (also )?like.*|keep reading|read (more|next|also)|recommended( for you)?|"
    r"most (read|popular|viewed)|trending|popular( now)?|latest( news| headlines)?|"
    r"\d*\s*comments?|leave a (reply|comment)|join the (discussion|conversation)|share( this)?:?|"
    r"(get|sign up for) (the|our) .*newsletter.*|tags?:?|"
    # the same furniture in German, Spanish, French, Italian, Portuguese and Polish
    r"(ähnliche|empfohlene|verwandte|weitere) (artikel|beiträge|themen|nachrichten|meldungen|news)|"
    r"(das|dies) könnte (sie|dich) (auch )?interessieren|mehr zum thema|auch interessant|"
    r"lesen sie (auch|mehr)|teilen( mit)?:?|kommentare?( \(\d+\))?|schlagw(o|ö)rte(r)?:?|"
    r"contenidos? relacionados?|(artículos|noticias|notas) relacionad[oa]s|te puede interesar|"
    r"lee también|compartir|comentarios|articles? similaires|(à|a) lire aussi|lire aussi|"
    r"sur le même sujet|partager( cet article)?|commentaires|articoli correlati|"
    r"potrebbe interessarti|leggi anche|condividi|commenti|leia também|notícias relacionadas|"
    r"compartilhe|comentários|podobne (artykuły|przepisy|wpisy)|czytaj (także|też)|komentarze|"
    r"相关(阅读|文章|新闻|推荐|链接)|推荐阅读|延伸阅读|热门(文章|推荐|评论)|热点排行|"
    r"(网友|最新|热门|全部|精选)?(评论|留言)(（\d+）|\(\d+\))?|精选留言|猜你喜欢|分享到.*|"
    # pointers to more reading, in the languages of the real pages
    f"{SEE_ALSO_LABEL}|"
    r"(mehr|weitere|aktuelle)( aktuelle)? (themen|beiträge|artikel|news|nachrichten)\b.*|top[- ]themen\b.*|"
    r"vorschau auf den nächsten artikel|(mehr|weiteres) (zum thema|dazu)\b.*|auch auf \S+\.\w{2,3}|"
    r"(more|más|plus) (sobre|de|about|on) .{1,40}|"
    r"(das|dies|diese)( thema| themen)? könnte[n]? (sie|dich) (auch )?interessieren)[\s:.!?»›>…–-]*$",
    re.IGNORECASE)
# Short lines that are furniture wherever they appear (end-of-article boilerplate).
FURNITURE_LINE = re.compile(
    r"^\s*((advertisement|sponsored( content)?|share|share this( article| story)?|广告)\s*$|"
    r"share (on|via|to) |teilen mit:|wird geladen|gefällt mir:|like this:|filed under|topics?:|tags?:|posted in|posted (on|by) |thanks for reading|read more:|"
    r"related:|see also:|copyright\s*(©|\(c\)|\d{4})|©|all rights reserved|"
    r"\(?reporting by|editing by|this article (was|is) (originally )?(published|reprinted)|"
    r"a version of this article appears in print|"
    r"[(（【\[]?\s*(责任编辑|责编)|编辑[:：]|来源[:：]|本文(为|系|来自)|转载请|原标题|分享到|阅读原文|"
    r"(特别|免责|平台)声明|[\W_]+$|"
    r"[—-]+\s*(the\s+)?(end|完)\s*[—-]+|点击(上方|下方|关注|蓝字)|扫一扫|长按(识别|二维码))", re.IGNORECASE)
_DATE_LABEL = (r"(letzte (änderung|aktualisierung)|zuletzt (aktualisiert|geändert)|aktualisiert|stand|"
               r"veröffentlicht|(video )?verfügbar bis|last (updated|modified)|updated|release date|news date|"
               r"publié|mis à jour|actualizado|publicado|opublikowano|aktualizacja)")
_NUMERIC_DATE = r"(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
# Very short lines that are credits, reading times, counters and print-edition notes.
SHORT_FURNITURE_LINE = re.compile(
    r"^\s*((photo(graph)?s?|images?|pictures?|illustrations?)( credit)?\s*[:：]|(photo )?credit\s*[:：]|"
    r"\d+\s*min(ute)?s?\s+read\b|"
    r"(文|文字|编辑|责编|作者|撰文|记者|图|图片|摄影|校对|来源|排版|审核|监制|出品)\s*[|｜︱/／:：]|"
    r"(发布|编辑|更新)于\s*\d{4}|.*ip\s*属地|"
    r"《[^》]{1,20}》\s*[（(]\s*\d{4}\s*年|"
    # when the page was changed, not what it says: "Letzte Änderung 14.02.2019", "23.10.2018"
    f"{_DATE_LABEL}\\s*[:：]?\\s*((am|on|le|el|:)\\s*)?({_NUMERIC_DATE}.*)?$|{_NUMERIC_DATE}\\s*$)", re.IGNORECASE)
SHORT_FURNITURE_MAX = 60
# "1.2K" claps, "42" comments, "3 of 12" slide numbers.
COUNTER = re.compile(r"^\s*([\d.,]+\s*[KkMm万千]?|\d+\s*(of|/)\s*\d+)\s*$")
CONTENT_HINT = re.compile(
    r"article[-_]?(body|content|text)|entry[-_]?content|post[-_]?(body|content|text)|"
    r"story[-_]?(body|content)|articlebody|js_content|rich_media_content|artibody|"
    r"main[-_]?content|content[-_]?body|news[-_]?content|markdown-body|\bprose\b|"
    r"\btxt\b|post_text|article-detail|detail-content", re.IGNORECASE)

CJK = cjk.CJK_CHAR
BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "blockquote", "pre", "ul",
                        "ol", "li", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
                        "h6", "figure", "figcaption", "br", "dl", "dt", "dd", "hr", "header",
                        "footer", "aside", "center", "caption"})
# Elements that make a block more than a single paragraph.
STRUCTURE_TAGS = ("p", "div", "section", "article", "table", "ul", "ol", "pre", "blockquote", "h1",
                  "h2", "h3", "h4", "h5", "h6", "figure", "li", "dl", "br", "hr", "main", "aside",
                  "header", "footer", "nav")
KEEP_ATTRS = frozenset({"href", "src", "alt", "title", "colspan", "rowspan", "datetime",
                        "start", "width", "height"})


def extract_article(html: str, url: str, rules: dict[str, str] | None = None, *,
                    feed_dates: tuple[bool, bool] = (False, False)) -> ExtractedArticle:
    """Extract main text and metadata; never raises on hostile or broken HTML.

    ``feed_dates``: whether the feed gave the article a publication and an update date.
    The feed's dates win over the page's (``dates.reconcile_page_dates``), so the page's
    publication date is checked against htmldate (a tenth of extraction) only when it can
    still matter: the feed has none, or it has no update date and the page has one (taken
    only if the two publication dates agree)."""
    rules = rules or {}
    # Parsed once, for every reader below (trafilatura and htmldate get the tree): the
    # parser flattens absurd nesting and drops control characters first.
    tree = _parse(html or "")
    if tree is None:
        return ExtractedArticle()
    # Scripts (but JSON-LD), styles and vector art are never read: gone before the
    # metadata readers, htmldate and trafilatura walk or copy the tree.
    _strip_code(tree)
    base = document_base_url(tree, url)
    meta = _meta_tags(tree)
    ld = _jsonld_article(tree)

    for selector in _split_selectors(rules.get("drop")):
        for el in select(tree, selector):
            _drop(el)
    _unwrap_swallowing_noscript(tree)
    _resolve_lazy_images(tree, base)
    # Metadata reads the DOM before boilerplate removal (bylines live in "meta" blocks).
    result = ExtractedArticle(
        title=_title(tree, meta, ld, rules),
        authors=_authors(tree, meta, ld, rules),
        published=_published(tree, meta, ld, rules),
        modified=to_iso8601(_first(ld.get("dateModified"), meta.get("article:modified_time"),
                                   meta.get("og:updated_time"), meta.get("dcterms.modified"))),
        description=_clean_text(_first(meta.get("og:description"), meta.get("description"),
                                       meta.get("twitter:description"), ld.get("description"))),
        language=_language(tree, meta, ld),
        canonical_url=_canonical(tree, meta, ld, base),
        site_name=_clean_text(_first(meta.get("og:site_name"), _publisher_name(ld),
                                     meta.get("application-name"))),
    )
    feed_published, feed_updated = feed_dates
    if not rules.get("date") and (not feed_published or (not feed_updated and result.modified)):
        result.published = _checked_page_date(tree, result.published)
    # Read before _body, which strips what never holds text (meta tags included).
    page_lead_image = _lead_image(tree, meta, ld, rules, base, "")
    # Soft hyphens are hyphenation hints; in the archive they would only split words
    # for search and plain-text readers.
    body = _body(tree, base, rules, ld, result.title, result.authors).replace("\xad", "")
    result.body_html = body
    result.lead_image = page_lead_image or _lead_image(tree, meta, ld, {}, base, body)
    if not result.language:
        result.language = _guess_language(text_of_html(body))
    return result


# ---------------------------------------------------------------- parsing helpers


def _parse(html: str) -> HtmlElement | None:
    return parse_document(html)


_CODE = etree.XPath("//script[not(contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json'))]")


def _strip_code(tree: HtmlElement) -> None:
    etree.strip_elements(tree, "style", "svg", "template", with_tail=False)
    for script in _CODE(tree):
        if script.getparent() is not None:
            script.drop_tree()  # its tail text stays


def _split_selectors(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _selected_text(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, HtmlElement):
        for attr in ("content", "datetime"):
            if item.get(attr):
                return item.get(attr, "")
        return item.text_content()
    return str(item)


def _clean_text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _first(*values: Any) -> Any:
    for value in values:
        if value not in (None, "", [], {}):
            return value
    return None


def _drop(el: HtmlElement) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


# ---------------------------------------------------------------- meta tags and JSON-LD


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content per meta name/property/itemprop, lower-cased keys."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _jsonld_article(tree: HtmlElement) -> dict[str, Any]:
    """The best Article-like JSON-LD node, with ``@id`` references resolved."""
    nodes: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        data = _loads_lenient(script.text or "")
        if data is not None:
            nodes.extend(_flatten_jsonld(data))
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    articles = [n for n in nodes if _types(n) & ARTICLE_TYPES]
    if not articles:
        return {}
    # Prefer the node with a headline and the longest body: pages sometimes list teasers.
    best = max(articles, key=lambda n: (bool(n.get("headline")), len(str(n.get("articleBody", "")))))
    return {k: _resolve_refs(v, by_id) for k, v in best.items()}


def _loads_lenient(text: str) -> Any:
    text = text.strip()
    text = re.sub(r"^\s*(<!--|//\s*<!\[CDATA\[)|(-->|//\s*\]\]>)\s*$", "", text).strip()
    if not text:
        return None
    for candidate in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    return None


def _flatten_jsonld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten_jsonld(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten_jsonld(graph)
        main = data.get("mainEntity")
        if isinstance(main, dict) and _types(main) & ARTICLE_TYPES:
            yield main


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values}


def _resolve_refs(value: Any, by_id: dict[str, dict[str, Any]], depth: int = 0) -> Any:
    if depth > 3:
        return value
    if isinstance(value, list):
        return [_resolve_refs(v, by_id, depth + 1) for v in value]
    if isinstance(value, dict):
        if set(value) == {"@id"} and value["@id"] in by_id:
            return by_id[value["@id"]]
        return value
    return value


def _ld_names(value: Any, want_people: bool = False) -> list[str]:
    """Names from a JSON-LD author/creator value (string, object, or list of either)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            if want_people and "organization" in _types(item):
                continue
            name = item.get("name")
            if isinstance(name, str):
                names.append(name)
    return names


def _ld_image(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for item in value:
            found = _ld_image(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        ref = value.get("@id")
        # An unresolved "#primaryimage" reference names a node, not an image file.
        ref = ref if isinstance(ref, str) and "#" not in ref else None
        return _first(value.get("url"), value.get("contentUrl"), ref)
    return None


def _publisher_name(ld: dict[str, Any]) -> str | None:
    publisher = ld.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return publisher["name"]
    return None


# ---------------------------------------------------------------- metadata fields


def _title(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any], rules: dict[str, str]) -> str:
    if rules.get("title"):
        found = select(tree, rules["title"])
        if found:
            return _clean_text(_selected_text(found[0])) or ""
    h1s = [t for t in (_clean_text(h.text_content()) for h in tree.iter("h1")) if t]
    headline = ld.get("headline") or ld.get("name")
    if isinstance(headline, str) and _clean_text(headline):
        # SEO plugins copy the <title> ("Story | Site") into the JSON-LD headline too.
        return _strip_site_suffix(_clean_text(headline) or "", meta, h1s)
    for key in ("og:title", "twitter:title"):
        if meta.get(key):
            return _strip_site_suffix(_clean_text(meta[key]) or "", meta, h1s)
    if len(h1s) == 1:
        return h1s[0]
    title_el = tree.find(".//title")
    raw = _clean_text(title_el.text_content()) if title_el is not None else None
    return _strip_site_suffix(raw or "", meta, h1s)


def _strip_site_suffix(title: str, meta: dict[str, str], h1s: list[str]) -> str:
    """'Story – Site' -> 'Story', only when the evidence says the extra part is the site."""
    for h1 in h1s:
        if h1 and h1 in title:
            return h1
    site = meta.get("og:site_name")
    parts = re.split(r"\s+[|\-–—:]{1,2}\s+|_|\s::\s", title)
    if len(parts) > 1:
        if site and parts[-1].strip() == site:
            return title[: title.rfind(parts[-1])].rstrip(" |-–—:_")
        if site and parts[0].strip() == site:
            return title[len(parts[0]):].lstrip(" |-–—:_")
    return title


def _authors(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any], rules: dict[str, str]) -> list[str]:
    if rules.get("author"):
        names = [_clean_text(_selected_text(el)) for el in select(tree, rules["author"])]
        found = _split_names(n for n in names if n)
        if found:
            return found
    people = _ld_names(ld.get("author"), want_people=True) or _ld_names(ld.get("creator"), want_people=True)
    if people:
        return _split_names(people)
    for key in ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"):
        value = meta.get(key)
        if value and not value.startswith(("http://", "https://")):
            return _split_names([value])
    for selector in _BYLINE_SELECTORS:
        texts = [_clean_text(el.text_content()) for el in selector(tree)]
        short = [n for n in texts if n is not None and len(n) < 80]
        if short:
            return _split_names(short)
    org = _ld_names(ld.get("author"))
    return _split_names(org)


# Visible bylines, best first; compiled once (translating CSS costs more than matching).
_BYLINE_SELECTORS = [CSSSelector(css) for css in (
    '[rel="author"]', '[itemprop="author"] [itemprop="name"]', '[itemprop="author"]',
    ".author-name", ".byline .author", ".author", ".byline")]


def _split_names(raw: Iterable[str]) -> list[str]:
    names: list[str] = []
    for value in raw:
        # Bylines often trail a date or an outlet: "By A and B — 2024-01-02 | Reuters".
        value = re.split(r"\s+[—–|]\s+|\s+-\s+|\d{4}[-/年.]\d", value)[0]
        # "Jane Doe (https://jane.example)" and "<name> <email>" in meta author tags
        value = re.sub(r"\s*[(<\[]\s*(https?://|mailto:|www\.|[^()<>\s]+@)[^)>\]]*[)>\]]", "", value)
        # author-archive links: "View all posts by Jane Doe", "More from Jane Doe"
        value = re.sub(r"^\s*(view |see )?(all |more )?(posts|articles|stories|entries)\s+(by|from)\s+|"
                       r"^\s*more (by|from)\s+", "", value, flags=re.IGNORECASE)
        value = re.sub(r"^\s*(by|written by|von|par|作者|文|记者|撰文)\s*[:：|/]?\s*", "", value, flags=re.IGNORECASE)
        for part in re.split(r"\s*(?:,|;|、|，|\band\b|&|\|)\s*", value):
            part = part.strip(" .·")
            if part and len(part) < 60 and part not in names and not re.search(
                    r"\d|\b(staff|reporters?|correspondents?|editors?|contributors?)\b", part, re.IGNORECASE):
                names.append(part)
    return names


def _published(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any], rules: dict[str, str]) -> str | None:
    if rules.get("date"):
        for el in select(tree, rules["date"]):
            found = to_iso8601(_selected_text(el))
            if found:
                return found
    for value in (
        ld.get("datePublished"), ld.get("dateCreated"),
        meta.get("article:published_time"), meta.get("og:published_time"),
        meta.get("datepublished"), meta.get("publishdate"), meta.get("pubdate"),
        meta.get("publish-date"), meta.get("date"), meta.get("dc.date"),
        meta.get("dc.date.issued"), meta.get("dcterms.created"), meta.get("sailthru.date"),
        meta.get("parsely-pub-date"), meta.get("article.published"),
    ):
        found = to_iso8601(value)
        if found:
            return found
    for el in tree.xpath("//time[@datetime] | //*[@itemprop='datePublished']"):
        found = to_iso8601(el.get("datetime") or el.get("content") or el.text_content())
        if found:
            return found
    # Visible dates in elements named for them (Chinese portals rarely use meta tags).
    for el in tree.iter("span", "em", "div", "p", "time", "small", "i"):
        if _DATE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            text = _text(el)
            if len(text) < 80:
                found = to_iso8601(_first(_date_in_text(text)))
                if found:
                    return found
    return None


_DATE_CLASS = re.compile(r"(publish|pub|post|article|news)[-_]?(time|date)|\b(date|time|pubdate)\b", re.IGNORECASE)


def _date_in_text(text: str) -> str | None:
    match = re.search(r"\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?"
                      r"(?:\s*T?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?", text)
    return match.group(0) if match else None


def _language(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any]) -> str | None:
    value = _first(tree.get("lang"), tree.get("xml:lang"), meta.get("content-language"),
                   meta.get("og:locale"), ld.get("inLanguage"))
    if not isinstance(value, str):
        return None
    value = value.strip().replace("_", "-")
    return value or None


def _guess_language(text: str) -> str | None:
    """Only the one guess that is safe from characters alone: mostly-Han text is Chinese."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return None
    han = sum(1 for c in letters if cjk.HAN_CHAR.match(c))
    kana = sum(1 for c in letters if cjk.KANA_CHAR.match(c))
    if han / len(letters) > 0.3 and kana / len(letters) < 0.05:
        return "zh"
    return None


def _canonical(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any], base: str) -> str | None:
    for link in tree.xpath('//link[@href]'):
        if "canonical" in (link.get("rel") or "").lower().split():
            return absolute_url(link.get("href", ""), base) or None
    main = ld.get("mainEntityOfPage")
    ld_url = main.get("@id") or main.get("url") if isinstance(main, dict) else main
    value = _first(meta.get("og:url"), ld_url if isinstance(ld_url, str) else None, ld.get("url"))
    return (absolute_url(value, base) or None) if isinstance(value, str) else None


def _lead_image(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any], rules: dict[str, str],
                base: str, body_html: str) -> str | None:
    if rules.get("image"):
        for el in select(tree, rules["image"]):
            value = el if isinstance(el, str) else (el.get("src") or el.get("content") or el.get("href"))
            if value:
                return absolute_url(value, base) or None
    value = _first(meta.get("og:image"), meta.get("og:image:url"), meta.get("og:image:secure_url"),
                   _ld_image(ld.get("image")), meta.get("twitter:image"), meta.get("twitter:image:src"))
    if isinstance(value, str) and value.strip():
        return absolute_url(value, base) or None
    match = re.search(r'<img[^>]+src="([^"]+)"', body_html)
    return match.group(1).replace("&amp;", "&") if match else None


def _checked_page_date(tree: HtmlElement, found: str | None) -> str | None:
    """The page's publication date, checked against htmldate's (the reference on the real
    pages of ../shared/corpora): ours keeps its time of day when both name the same day;
    when they disagree or we found none, htmldate's reading of the page wins (it weighs
    more evidence: URL, headers, visible dates). Measured by bench/extraction.py."""
    try:
        reference = htmldate.find_date(tree, extensive_search=False, original_date=True,
                                       outputformat="%Y-%m-%dT%H:%M:%S")
    except Exception:  # noqa: BLE001 - a date check must never cost the article
        return found
    if reference is None:
        return found
    ours, theirs = to_datetime(found, default_tz=None), to_datetime(reference, default_tz=None)
    if ours is not None and theirs is not None and ours.date() == theirs.date():
        return found
    if reference.endswith("T00:00:00"):
        reference = reference[:10]  # htmldate found the day only
    return to_iso8601(reference)


# ---------------------------------------------------------------- dates


def to_iso8601(value: Any) -> str | None:
    """ISO 8601; with the page's offset when it gives one, else without (local time of
    the source, which the spider resolves with the source's ``timezone``); None when
    unparseable. archiver.core.dates does the work, as for feeds."""
    return dates.to_iso8601(value, default_tz=None)


# ---------------------------------------------------------------- lazy images and links


def _resolve_lazy_images(tree: HtmlElement, base: str) -> None:
    """Give every image a real absolute ``src`` (trafilatura and readers drop the rest)."""
    for noscript in list(tree.iter("noscript")):
        _unwrap_noscript_image(noscript)
    for img in tree.iter("img"):
        src = real_image_source(img)
        if src:
            # Most are absolute already; urljoin on each was a tenth of our own time.
            absolute = src.startswith(("http://", "https://")) and "[" not in src
            img.set("src", src if absolute else absolute_url(src, base))
        for attr in LAZY_SRC_ATTRIBUTES + LAZY_SRCSET_ATTRIBUTES + ("data-sizes", "sizes"):
            img.attrib.pop(attr, None)


def _absolute_links(root: HtmlElement, base: str) -> None:
    """Links and media of the chosen body made absolute (only there: pages carry
    thousands of navigation links that are never kept)."""
    for el in root.iter("a", "source", "video", "audio"):
        for attr in ("href", "src"):
            value = el.get(attr)
            if value and not value.strip().lower().startswith(("javascript:", "mailto:", "#", "data:")):
                el.set(attr, absolute_url(value, base))


def _unwrap_swallowing_noscript(tree: HtmlElement) -> None:
    """A ``<noscript>`` left unclosed swallows the rest of the page when parsed: one that
    holds most of the body's text is the page, so its tag goes, not its content (dropped
    as script fallback, it took the whole article with it)."""
    for noscript in list(tree.iter("noscript")):
        length = len(noscript.text_content())
        if length > 1000:
            body = tree.find("body")
            if body is not None and length > 0.5 * len(body.text_content()):
                noscript.drop_tag()


def _unwrap_noscript_image(noscript: HtmlElement) -> None:
    """``<img lazy><noscript><img src></noscript>``: keep one image, the real one."""
    inner_html = noscript.text or ""
    inner = list(noscript)
    if not inner and "<img" in inner_html:
        try:
            inner = list(lxml.html.fragment_fromstring(inner_html, create_parent="div"))
        except (etree.ParserError, ValueError):
            inner = []
    images = [el for el in inner if el.tag == "img"] + [i for el in inner if el.tag != "img" for i in el.iter("img")]
    previous = noscript.getprevious()
    if images and previous is not None and previous.tag == "img":
        if not lazy_image_source(previous) and PLACEHOLDER_SRC.search(previous.get("src") or "data:"):
            previous.set("src", images[0].get("src", ""))
        _drop(noscript)
    elif images:
        noscript.addprevious(images[0])
        _drop(noscript)


# ---------------------------------------------------------------- boilerplate removal


def _attr_tokens(el: HtmlElement) -> set[str]:
    # data-component/data-testid name the block in React and CMS templates
    # ("byline-block", "ResponsiveAdSlot") where class names are hashed.
    if not el.attrib:
        return set()
    classes = (el.get("class") or "").split()
    if len(classes) >= 3 and sum(len(c) <= 3 for c in classes) >= 0.75 * len(classes):
        # Atomic/obfuscated CSS ("ab ad fr qr nz"): its short names say nothing.
        classes = [c for c in classes if len(c) > 3]
    raw = " ".join([*classes, *(el.get(a, "") for a in ("id", "data-component", "data-testid", "data-role"))])
    raw = re.sub(r"([a-z])([A-Z])", r"\1 \2", raw).lower()
    parts = [t for t in re.split(r"[\s_\-]+", raw) if t]
    tokens = set(parts)
    # also the compound without separators: "side-bar" -> "sidebar", "more_posts" -> "moreposts",
    # and of neighbouring parts: "ssrcss-x-VisuallyHidden" -> "visuallyhidden"
    for word in raw.split():
        tokens.add(re.sub(r"[_\-]", "", word))
    tokens.update(a + b for a, b in pairwise(parts))
    tokens.discard("")
    if (el.get("role") or "").strip().lower() in BOILERPLATE_ROLES:
        tokens.add("nav")
    return tokens


def _is_hidden(el: HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return ("display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None
            or el.get("aria-hidden") == "true")


def _remove_boilerplate(root: HtmlElement, protected: HtmlElement | None = None) -> None:
    """Drop page furniture inside ``root``, never an element holding most of the text."""
    # Shares of the text are compared on raw lengths: normalizing the whitespace of every
    # block again and again was most of this function's time.
    total = max(len(root.text_content()), 1)
    protected_ancestors = set(protected.iterancestors()) | {protected} if protected is not None else set()

    def removable(el: HtmlElement, strong: bool = False) -> bool:
        if el in protected_ancestors or el is root:
            return False
        if len(el.text_content()) < 0.4 * total:
            return True
        # A long comment thread can outweigh the article; it is still furniture unless
        # it wraps the article itself (its h1, <article> or articleBody).
        return strong and not el.xpath(".//h1 | .//article | .//*[@itemprop='articleBody']")

    for el in list(root.iter(*BOILERPLATE_TAGS)):
        if el.getparent() is not None and (el.tag in ("script", "style", "link", "meta", "template")
                                           or removable(el)):
            if el.tag in ("header", "footer", "aside", "nav") and el.find(".//p") is not None \
                    and len(el.text_content()) > 0.4 * total:
                continue
            _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body"):
            continue
        tokens = _attr_tokens(el) if el.tag in TOKEN_REMOVABLE_TAGS else set()
        strong = bool(tokens & STRONG_BOILERPLATE_TOKENS)
        if (_is_hidden(el) or tokens & BOILERPLATE_TOKENS) and removable(el, strong):
            _drop(el)
    for heading in list(root.iter("h2", "h3", "h4", "h5", "h6", "strong", "b", "div")):
        if heading.getparent() is None or len(heading) > 2:
            continue
        text = heading.text_content() or ""
        # Headings are short; the pattern's ".*" parts would crawl through long blocks.
        if len(text) < 120 and FURNITURE_HEADING.match(text):
            _drop_section_after_heading(heading, removable)
    for el in list(root.iter("p", "div", "span", "li", "small", "section", "em", "i")):
        raw = el.text_content()
        if len(raw) >= 1000:
            continue  # a short line even with its whitespace collapsed? not at this length
        text = _norm_space(raw)
        if el.getparent() is None or len(text) >= 160 or el.find(".//img") is not None or not removable(el):
            continue
        # "Print | Email to a friend": a short line made only of several links is a tool bar.
        link_bar = len(el.findall(".//a")) >= 2 and _link_density(el) > 0.8 and len(text) < 120
        short = len(text) < SHORT_FURNITURE_MAX and SHORT_FURNITURE_LINE.match(text)
        # "1.2K" claps or "42" comments: a bare counter as a block of its own.
        counter = el.tag in ("p", "div") and COUNTER.match(text) and not el.xpath("ancestor::td|ancestor::li")
        if FURNITURE_LINE.match(text) or link_bar or short or counter:
            _drop(el)
    # Link cards embedded in the body (bookmark/oEmbed previews): a figure that is all link.
    for el in list(root.iter("figure")):
        if el.getparent() is not None and el.find(".//img") is None and _text(el) \
                and _link_density(el) > 0.8 and removable(el):
            _drop(el)


def _drop_section_after_heading(heading: HtmlElement, removable: Any) -> None:
    """A 'Related'/'Comments' heading: drop its container, or it and what follows."""
    parent = heading.getparent()
    if parent is not None and parent.tag not in ("body", "html") and removable(parent) \
            and parent.index(heading) <= 1:
        _drop(parent)
        return
    following = list(heading.itersiblings())
    _drop(heading)
    for sibling in following[:1]:
        if sibling.tag in ("ul", "ol", "div", "section") and removable(sibling):
            _drop(sibling)


# ---------------------------------------------------------------- body selection


def _norm_space(text: str) -> str:
    return " ".join((text or "").split())  # str.split: the regex's result, several times faster


def _text(el: HtmlElement) -> str:
    return _norm_space(el.text_content())


def _weighted_len(text: str) -> float:
    """Text amount comparable across scripts: a CJK character carries about a word."""
    cjk = len(CJK.findall(text))
    return (len(text) - cjk) + 2.5 * cjk


def _link_density(el: HtmlElement) -> float:
    total = len(_text(el))
    if not total:
        return 1.0
    linked = sum(len(_text(a)) for a in el.iter("a"))
    return min(linked / total, 1.0)


def _paragraph_units(root: HtmlElement) -> Iterator[tuple[HtmlElement, str, bool]]:
    """(element, text, is_container) for each paragraph-like unit: <p>, <pre>, <li>, <td>;
    a <div>/<section> holding only inline text (React and WeChat-editor markup, where a
    paragraph is a div); and text runs separated by <br> directly inside a div
    (wire-service markup), for which the div itself is the container."""
    for el in root.iter("p", "pre", "li", "td", "blockquote", "h2", "h3", "figcaption", "dd"):
        if el.tag in ("li", "td", "blockquote") and el.find(".//p") is not None:
            continue
        yield el, _text(el), False
    for el in root.iter("div", "section"):
        if el.find(".//*") is not None and any(d.tag in STRUCTURE_TAGS for d in el.iterdescendants()):
            continue
        if el.getparent() is not None and el.getparent().tag in ("p", "li", "td", "figcaption"):
            continue
        text = _text(el)
        if text:
            yield el, text, False
    for el in root.iter("div", "section", "article", "td", "font", "span"):
        if el.find("br") is None:
            continue
        runs = [el.text or ""] + [(child.tail or "") for child in el if child.tag in ("br", "a", "b", "i", "em", "strong", "span", "font")]
        for run in runs:
            run = run.strip()
            if len(run) > 25:
                yield el, run, True


def _score_candidates(root: HtmlElement) -> dict[HtmlElement, float]:
    scores: dict[HtmlElement, float] = {}
    for el, text, is_container in _paragraph_units(root):
        length = _weighted_len(text)
        if length < 25:
            continue
        # A paragraph adds to the block that holds it, as Readability does; punctuation
        # is a cheap sign of prose (navigation and link lists have little).
        points = 1 + min(length / 100, 3) + len(re.findall(r"[,.;:!?，。；：！？、]", text)) * 0.3
        target = el if is_container else el.getparent()
        if target is None:
            continue
        if target.tag in ("ul", "ol", "tr", "tbody", "thead", "table", "blockquote", "figure", "li"):
            target = next((a for a in target.iterancestors()
                           if a.tag not in ("ul", "ol", "tr", "tbody", "thead", "table", "blockquote",
                                            "figure", "li")), target)
        for depth, ancestor in enumerate([target, *list(target.iterancestors())[:2]]):
            scores[ancestor] = scores.get(ancestor, 0.0) + points / (1, 2, 3)[depth]
    return {el: s * (1 - _link_density(el)) for el, s in scores.items()}


def _best_dom_root(doc: HtmlElement, anchor: _StoryAnchor | None = None) -> HtmlElement | None:
    scores = _score_candidates(doc)
    if not scores:
        return None
    best = max(scores, key=lambda el: scores[el])
    if anchor is not None:
        best = anchor.prefer_own_story(best, scores)
    best = _with_peer_blocks(best, scores)
    # A block whose class says "content" and that holds the best block's text is a safer
    # boundary when it includes figures and tables the density score did not count; one
    # that only adds text around the best block adds bylines, dates and notices.
    best_media = _media_count(best)
    for ancestor in best.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        hint = f"{ancestor.get('class', '')} {ancestor.get('id', '')} {ancestor.get('itemprop', '')}"
        if CONTENT_HINT.search(hint) and _link_density(ancestor) < 0.3 \
                and len(_text(ancestor)) < 1.5 * len(_text(best)) + 200 \
                and (_media_count(ancestor) > best_media or ancestor.get("itemprop") == "articleBody"):
            best = ancestor
            break
    return _with_prose_siblings(best)


class _StoryAnchor:
    """Where the page's own story sits: after the heading that carries its title and
    before the next <h1>. Themes that append whole "You may like" stories (each with an
    <h1> and full text) below the article can give one of those more text than the
    article itself; a block from the article's own stretch of the page is preferred then.
    Positions are document order taken before boilerplate removal drops headers."""

    def __init__(self, doc: HtmlElement, title: str) -> None:
        self.pos: dict[HtmlElement, int] = {}
        self.start = self.stop = -1
        self.next_h1: HtmlElement | None = None
        self.switched = False  # the article's own story replaced an appended one
        wanted = _norm_title(title)
        if len(wanted) < 8:
            return
        h1s = list(doc.iter("h1"))
        if len(h1s) < 2:
            return
        own = next((h for h in h1s if _title_matches(_norm_title(_text(h)), wanted)), None)
        if own is None:
            return
        self.pos = {el: i for i, el in enumerate(doc.iter())}
        start = self.pos[own]
        later = [self.pos[h] for h in h1s if self.pos[h] > start and own not in h.iterancestors()
                 and not _title_matches(_norm_title(_text(h)), wanted)]
        if later:
            self.start, self.stop = start, min(later)
            self.next_h1 = next(h for h in h1s if self.pos[h] == self.stop)

    def _span(self, el: HtmlElement) -> tuple[int, int]:
        first = self.pos.get(el, -1)
        last = first
        for last_el in el.iter():
            last = max(last, self.pos.get(last_el, last))
        return first, last

    def _is_story_card(self, best: HtmlElement) -> bool:
        """The block sits in a repeated story wrapper headed by the next <h1>: the smallest
        ancestor of that <h1> holding the block has a twin (same tag and class) that also
        carries a heading. Article sections under <h1> subheadings have no such twin."""
        if self.next_h1 is None:
            return False
        wrapper = next((a for a in self.next_h1.iterancestors() if best in a.iter()), None)
        if wrapper is None or wrapper.tag in ("body", "html"):
            return False
        cls = (wrapper.get("class") or "").strip()
        if not cls:
            return False
        for twin in wrapper.getroottree().iter(wrapper.tag):
            if twin is not wrapper and (twin.get("class") or "").strip() == cls \
                    and twin.xpath(".//h1|.//h2|.//h3"):
                return True
        return False

    def prefer_own_story(self, best: HtmlElement, scores: dict[HtmlElement, float]) -> HtmlElement:
        if self.stop < 0 or best not in self.pos or self.pos[best] <= self.stop:
            return best  # the best block starts inside the article's stretch (or no anchor)
        if not self._is_story_card(best):
            return best
        inside = []
        for el, score in scores.items():
            first, last = self._span(el)
            if self.start < first and last < self.stop and score >= 0.3 * scores[best]:
                inside.append((score, el))
        if not inside:
            return best
        self.switched = True
        return max(inside, key=lambda item: item[0])[1]


def _norm_title(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _title_matches(heading: str, title: str) -> bool:
    if not heading or not title:
        return False
    if heading == title or (len(heading) >= 8 and (heading in title or title in heading)):
        return True
    return _coverage(heading, title) >= 0.8 and _coverage(title, heading) >= 0.6


def _with_peer_blocks(best: HtmlElement, scores: dict[HtmlElement, float]) -> HtmlElement:
    """The article split into several blocks of one kind (``<div class="story-col">`` x3
    between ad slots): the best-scoring one is a fragment, so take the nearest ancestor
    (at most two levels up) that holds scored peers with the same tag and class."""
    cls = (best.get("class") or "").strip()
    if not cls:
        return best  # class-less divs are everywhere; sameness says nothing
    for ancestor in list(best.iterancestors())[:2]:
        if ancestor.tag in ("body", "html"):
            break
        peers = [el for el in ancestor.iter(best.tag) if el is not best and (el.get("class") or "").strip() == cls
                 and scores.get(el, 0) > 0 and best not in el.iterancestors() and el not in best.iterancestors()]
        if peers and _link_density(ancestor) < 0.3:
            return ancestor
    return best


def _with_prose_siblings(best: HtmlElement) -> HtmlElement:
    """The best block plus neighbouring blocks of plain prose (Readability's sibling step):
    galleries and long reads often put an intro or outro paragraph in a block of its own
    next to the main one. Only paragraph-only blocks qualify: no headings, images or
    link lists, which is what headers, promos and lead-photo captions have."""
    parent = best.getparent()
    if parent is None or parent.tag in ("html",):
        return best
    keep: list[HtmlElement] = []
    found = False
    for sibling in parent:
        if sibling is best:
            keep.append(sibling)
            found = True
        elif isinstance(sibling.tag, str) and _is_prose_block(sibling):
            keep.append(sibling)
    if not found or len(keep) == 1:
        return best
    merged = lxml.html.Element("div")
    for el in keep:
        merged.append(copy.deepcopy(el))
    return merged


def _is_prose_block(el: HtmlElement) -> bool:
    paragraphs = [el] if el.tag == "p" else ([c for c in el if isinstance(c.tag, str)] if el.tag in ("div", "section") else [])
    if not paragraphs or any(p.tag != "p" for p in paragraphs) or (el.text or "").strip():
        return False
    if el.find(".//img") is not None or el.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//figure"):
        return False
    text = _text(el)
    return _weighted_len(text) > 80 and _link_density(el) < 0.25 \
        and len(re.findall(r"[.!?。！？]", text)) >= 1


def _media_count(el: HtmlElement) -> int:
    return len(el.xpath(".//img | .//table | .//pre | .//figure | .//video"))


def _find_by_text(doc: HtmlElement, target: str) -> HtmlElement | None:
    """Smallest element whose text contains nearly all of ``target`` (JSON-LD articleBody)."""
    wanted = _shingles(target)
    if not wanted:
        return None
    best: tuple[int, HtmlElement] | None = None
    for el in doc.iter("div", "section", "article", "main", "td"):
        have = _shingles(_text(el))
        if len(wanted & have) >= 0.9 * len(wanted):
            size = len(have)
            if best is None or size < best[0]:
                best = (size, el)
    return best[1] if best else None


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    tokens = re.findall(rf"[{cjk.HAN}]|[^\W\d_{cjk.HAN}]+|\d+", text.lower())
    return {tuple(tokens[i:i + n]) for i in range(max(len(tokens) - n + 1, 0))}


def _coverage(part: str, whole: str) -> float:
    """Share of ``part``'s shingles found in ``whole``."""
    a = _shingles(part)
    if not a:
        return 1.0
    return len(a & _shingles(whole)) / len(a)


def _body(tree: HtmlElement, base: str, rules: dict[str, str], ld: dict[str, Any], title: str,
          authors: list[str] | None = None) -> str:
    if rules.get("body"):
        found = [el for el in select(tree, rules["body"]) if isinstance(el, HtmlElement)]
        if found:
            parts = []
            for el in found:
                el = copy.deepcopy(el)
                _remove_boilerplate(el)
                parts.append(_render(el, title, authors, base))
            return "\n".join(p for p in parts if p)

    # Metadata has been read: what never holds article text goes now, before trafilatura
    # copies and walks the tree (a seventh of its time on the real pages, same output).
    etree.strip_elements(tree, "script", "style", "noscript", "template", "svg", "link", "meta",
                         with_tail=False)
    _drop_hidden(tree)
    paragraphs = [p for p in tree.iter("p") if len(p.text_content()) > 20]
    primary = _trafilatura_body(tree, base, title, paragraphs)
    primary_text = text_of_html(primary)
    ld_body = _ld_article_text(ld)
    if len(ld_body) > 200 and _coverage(ld_body, primary_text) < 0.8 \
            and _weighted_len(ld_body) > 0.8 * _weighted_len(primary_text):
        # The page holds less than the text it calls its own body (client-rendered, or
        # a teaser in the markup): the DOM second opinion may find it, else the JSON-LD
        # text itself. An articleBody shorter than the extracted text and absent from it
        # is a summary the CMS wrote, not the article.
        dom = _dom_body(tree, base, ld, title, authors)
        return dom if _coverage(ld_body, text_of_html(dom)) >= 0.8 else _paragraphs_html(ld_body)
    if len(paragraphs) >= 3 and len(re.findall(r"<(?:p|li|h\d|blockquote|pre|tr)\b", primary)) <= 1:
        # trafilatura's fallback for short pages runs everything (title, byline and the
        # paragraphs) into one block: the DOM scorer's block is taken when it is that
        # same text, in its paragraphs.
        dom = _dom_body(tree, base, ld, title, authors)
        dom_text = text_of_html(dom)
        if dom_text and _coverage(dom_text, primary_text) >= 0.8:
            return dom
    if _weighted_len(primary_text) >= SECOND_OPINION_SHARE * _paragraph_text_len(paragraphs):
        return primary
    # trafilatura kept much less than the page's paragraphs hold: a long article cut to
    # its first part, or text in <br>-separated runs and table cells it skips. The DOM
    # scorer is asked (rarely, so its cost stays small) and wins only when it agrees:
    # it holds what trafilatura kept and clearly more.
    dom = _dom_body(tree, base, ld, title, authors)
    dom_text = text_of_html(dom)
    if not primary_text.strip() or (_coverage(primary_text, dom_text) >= 0.8
                                    and _weighted_len(dom_text) >= 1.5 * _weighted_len(primary_text)):
        return dom
    return primary


def _ld_article_text(ld: dict[str, Any]) -> str:
    """The JSON-LD ``articleBody`` as plain text, a line per paragraph: some CMSs put the
    body's HTML there (compared or archived as it is, its tags would be words)."""
    body = ld.get("articleBody")
    if not isinstance(body, str):
        return ""
    if _HTML_TAG.search(body):
        body = text_of_html(htmllib.unescape(body) if "&lt;" in body else body)
    return body


_HTML_TAG = re.compile(r"</?(p|br|div|h[1-6]|a|ul|li|strong|em|span|figure|img)\b[^>]*>|&lt;/?p&gt;", re.IGNORECASE)


# Below this share of the page's paragraph text, trafilatura's body gets a second opinion.
SECOND_OPINION_SHARE = 0.5


def _paragraph_text_len(paragraphs: list[HtmlElement]) -> float:
    return sum(_weighted_len(p.text_content() or "") for p in paragraphs)


_MAYBE_HIDDEN = etree.XPath("//*[@hidden or @aria-hidden or @style]")


def _drop_hidden(tree: HtmlElement) -> None:
    """Elements a browser does not show are not the article (trafilatura keeps some)."""
    candidates = _MAYBE_HIDDEN(tree)
    for el in candidates:
        if el.getparent() is not None and el.tag not in ("html", "body") and _is_hidden(el):
            _drop(el)


def _dom_body(tree: HtmlElement, base: str, ld: dict[str, Any], title: str, authors: list[str] | None) -> str:
    """The DOM scorer's body: boilerplate removed by class/id/heading patterns, then the
    block with the densest run of paragraphs (scored as Readability does)."""
    doc = copy.deepcopy(tree)
    ld_body = _ld_article_text(ld)
    ld_root = _find_by_text(doc, ld_body) if len(ld_body) > 200 else None
    body_el = doc.find("body")
    anchor = _StoryAnchor(doc, title)
    _remove_boilerplate(body_el if body_el is not None else doc, protected=ld_root)
    root = _best_dom_root(doc, anchor)
    if ld_root is not None and ld_root.getparent() is not None and (
            root is None or _coverage(ld_body, _text(root)) < 0.8):
        root = ld_root
    return _render(root, title, authors, base) if root is not None else ""


def _trafilatura_body(tree: HtmlElement, base: str, title: str, paragraphs: list[HtmlElement]) -> str:
    """trafilatura's main text as HTML (it copies the tree; ours stays as it was), with
    tables and links, then page furniture it let through taken out and the page's
    images (with their captions) and emphasis put back.

    trafilatura runs in its fast mode first: without the comparison against its
    readability and jusText fallbacks, which is two fifths of its time. Its full cascade
    runs only where its main extractor is weak and the fallbacks change the result: a
    short fast result (it may have missed the article), a page whose text is not in
    paragraphs, and a page of ``<article>`` cards none of which holds the story (the
    main extractor takes them all: teasers come along). On the real pages that is one
    page in five; on the others the fallbacks changed almost nothing
    (bench/extraction.py)."""
    document = _run_trafilatura(tree, fast=True)
    if document is None or _weighted_len(document.raw_text or "") < FAST_MIN_TEXT \
            or not paragraphs or _article_cards(tree, paragraphs):
        document = _run_trafilatura(tree, fast=False) or document
    if document is None:
        return ""
    try:
        result = etree.tostring(convert_to_html(document.body), encoding="unicode", method="html")
    except Exception:  # noqa: BLE001 - trafilatura failing must not take the article down
        return ""
    fragment = re.sub(r"^\s*<html>\s*<body>|</body>\s*</html>\s*$", "", unicodedata.normalize("NFC", result)).strip()
    fragment = re.sub(r"<pre><pre>(.*?)</pre></pre>", r"<pre>\1</pre>", fragment, flags=re.DOTALL)
    return _finish_trafilatura_body(fragment, base, title, tree)


# trafilatura's fast result is trusted from this length on (weighted characters).
FAST_MIN_TEXT = 1000
_ARTICLES = etree.XPath("//article")


def _article_cards(tree: HtmlElement, paragraphs: list[HtmlElement]) -> bool:
    """Several ``<article>`` elements and none holding half of the page's paragraphs."""
    articles = _ARTICLES(tree)
    if len(articles) < 2:
        return False
    counted = set(paragraphs)
    wanted = 0.5 * len(paragraphs)
    return not any(sum(1 for p in article.iter("p") if p in counted) >= wanted for article in articles)


def _run_trafilatura(tree: HtmlElement, fast: bool) -> Document | None:
    try:
        # bare_extraction rather than extract: extract also hashes the whole text for a
        # duplicate fingerprint we never read (a tenth of trafilatura's time).
        # formatting=False: with it, trafilatura's choice between its own result and
        # its fallbacks changes (real pages cut to their teaser); bold and italics are
        # put back from the page instead (_restore_emphasis). url=None: links are made
        # absolute in the kept body only (_absolute_links), not on the whole page.
        document = trafilatura.bare_extraction(tree, options=Extractor(
            output_format="html", url=None, images=False, tables=True, formatting=False,
            links=True, comments=False, dedup=False, fast=fast), as_dict=False)
    except Exception:  # noqa: BLE001 - trafilatura failing must not take the article down
        return None
    if not isinstance(document, Document) or document.body is None:
        return None
    return document


# A photo credit line: "Foto: dpa", "Photo: Reuters", "Bild: …", "© Getty Images".
CREDIT_LINE = re.compile(r"^\s*(\(?(photo|foto|bild|image|picture|credit|crédit|quelle|source|zdjęcie|titelbild|"
                         r"beitragsbild|bildquelle|copyright|crédits? photos?|image illustrative)s?\b"
                         r"\s*[:：/]|fot\.\s|©|\(c\)\s)", re.IGNORECASE)


# The publication asking for something (subscribe, sign up, follow, support, write to
# the editor, become a member) rather than telling the story: short blocks.
CALL_TO_ACTION = re.compile(
    r"newsletter|\bsubscri(be|ption|bers?)\b|\bsign(ing)? up\b|follow (us|[\w@ ]{1,40} on (twitter|facebook|instagram|linkedin|tiktok|youtube))\b|"
    r"\b(download|get) (the|our) \w* ?apps?\b|support (our|us)\b|letters? to the editor|paywall|"
    r"abonn(ieren|ement|enten)|einloggen|nicht eingeloggt|posteingang|bezahlschranke|"
    r"werden sie mitglied|unterstützen sie|folge(n sie)? uns|"
    r"suscr[ií]b|s[ií]gu?enos|hazte (miembro|socio)|únete|"
    r"abonnez|créez votre compte|en illimité|suivez-nous|"
    r"subskrypcj|zaprenumeruj|obserwuj nas", re.IGNORECASE)
CALL_TO_ACTION_MAX = 300
# Notices about the article rather than the article: advertising and affiliate
# disclosures, rights reserved.
NOTICE = re.compile(
    r"^\W*(werbung|anzeige|advertisement|sponsored|publicidad)\s*([.:,|*)]|$)|affiliate[- ]?links?|"
    r"advertisers?\b.{0,80}\b(compensation|influence)|enthält werbung|"
    r"copyrighted|urheberrechtlich geschützt|alle rechte vorbehalten|tous droits réservés|"
    r"todos los derechos reservados|chroniony prawem autorskim|wszelkie prawa zastrzeżone", re.IGNORECASE)


def _finish_trafilatura_body(fragment: str, base: str, title: str, tree: HtmlElement | None = None) -> str:
    """trafilatura's output made an archive body: blocks that are page furniture taken
    out (paragraphs that are one link such as teasers and "Read more: …", "Lea también:"
    pointers, credit, share and dateline lines, calls to subscribe or follow, advertising
    and rights notices, "Related" or "Comments" headings with the list under them, the
    title repeated as a heading), the article's images put back, links absolute."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    if tree is not None:
        _restore_emphasis(root, tree)
    _absolute_links(root, base)
    _unwrap_layout_tables(root)
    if tree is not None:
        _put_back_images(root, tree)
    norm_title = _norm_space(title)
    for h1 in list(root.iter("h1")):
        _drop(h1)  # the page's title, which the post has in its front matter
    for el in list(root.iter("p", "li", "h2", "h3", "h4", "h5", "h6")):
        raw = el.text_content()
        if el.getparent() is None or len(raw) > 1000:
            continue  # every test below is for short blocks
        text = _norm_space(raw)
        if len(text) < 250 and SEE_ALSO_LEAD.match(text) and _link_density(el) > 0.5:
            _drop(el)  # "Lea también: <a>another story</a>"
            continue
        if el.tag in ("h2", "h3", "h4", "h5", "h6"):
            if text == norm_title:
                _drop(el)
            elif FURNITURE_HEADING.match(text):
                _drop_with_following_list(el)
            continue
        if el.tag == "p" and len(text) < 60 and FURNITURE_HEADING.match(text):
            _drop_with_following_list(el)  # a "Related posts" heading written as a paragraph
            continue
        if el.tag != "li" and len(text) < CALL_TO_ACTION_MAX and (CALL_TO_ACTION.search(text) or NOTICE.search(text)):
            _drop(el)  # list items: references and feature lists name subscriptions too
            continue
        link_only = (el.getparent() is root and len(text) < 200 and el.find(".//a") is not None
                     and _link_density(el) > 0.9 and el.find(".//img") is None)
        furniture = len(text) < 160 and (FURNITURE_LINE.match(text) or CREDIT_LINE.match(text) or (
            len(text) < SHORT_FURNITURE_MAX and SHORT_FURNITURE_LINE.match(text)))
        if text and (link_only or furniture) and el.find(".//img") is None:
            _drop(el)
    return (escape(root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode", method="html") for child in root)).strip()


# Paragraphs of the page with emphasis in them, and what of their markup comes along.
_EMPHASIZED_BLOCKS = etree.XPath("//p[.//b or .//strong or .//i or .//em] | //li[.//b or .//strong or .//i or .//em]")
_INLINE_KEPT = frozenset({"b", "strong", "i", "em", "a", "br", "code", "sub", "sup", "u", "s", "mark"})


def _restore_emphasis(root: HtmlElement, tree: HtmlElement) -> None:
    """Bold and italics of the page put back into the paragraphs trafilatura kept: a kept
    paragraph or list item whose text is exactly that of an emphasized one in the page
    takes the page's inline markup (subheadings written as ``<p><strong>``, common on
    Chinese news pages; titles in italics). Only inline tags come along, so nothing the
    extractor dropped (images, boxes) comes back with them."""
    emphasized: dict[str, HtmlElement] = {}
    for el in _EMPHASIZED_BLOCKS(tree):
        emphasized.setdefault(_norm_space(el.text_content()), el)
    if not emphasized:
        return
    for block in list(root.iter("p", "li")):
        source = emphasized.get(_norm_space(block.text_content()))
        if source is None or source.tag != block.tag or block.find(".//table") is not None:
            continue
        inline = copy.deepcopy(source)
        inline.tail = None
        for el in list(inline.iterdescendants()):
            if not isinstance(el.tag, str) or el.tag == "img":
                _drop(el)  # comments; images come back through _put_back_images
            elif el.tag not in _INLINE_KEPT:
                el.drop_tag()
            else:
                href = el.get("href")
                el.attrib.clear()
                if el.tag == "a" and href:
                    el.set("href", href)
        if _norm_space(inline.text_content()) != _norm_space(block.text_content()):
            continue  # the dropped parts held text: keep trafilatura's paragraph
        for child in list(block):
            block.remove(child)
        block.text = inline.text
        block.extend(list(inline))


def _drop_with_following_list(heading: HtmlElement) -> None:
    """A furniture heading goes with the list of links under it; in the last third of
    the body, with everything after it (teasers under "Related posts" come as
    paragraphs too, and nothing of the article follows such a heading)."""
    parent = heading.getparent()
    if parent is not None and parent.getparent() is None:
        siblings = list(parent)
        after = siblings[siblings.index(heading) + 1:]
        after_len = sum(len(el.text_content()) for el in after)
        if after and after_len < 0.33 * len(parent.text_content()):
            for el in after:
                _drop(el)
    following = heading.getnext()
    if following is not None and following.tag in ("ul", "ol"):
        _drop(following)
    _drop(heading)


# Blocks whose text locates trafilatura's paragraphs in the page (list items and cells
# are many on most pages and rarely needed to place an image).
_LOCATING_TAGS = ("p", "h2", "h3", "h4", "blockquote", "pre")


def _block_key(el: HtmlElement) -> str:
    """The start of a block's text, whitespace collapsed: enough to find it again."""
    return _norm_space(el.text_content()[:400])[:200]


def _put_back_images(root: HtmlElement, tree: HtmlElement) -> None:
    """The page's images between the first and the last paragraph trafilatura kept, each
    put after the kept paragraph it follows in the page. trafilatura runs without its
    images: with them it also keeps their captions and credit lines and, around an
    image, whole boxes it would drop (on the real pages, 0.7 points of F1 lost)."""
    if tree.find(".//img") is None:
        return
    elements = list(tree.iter(*_LOCATING_TAGS, "img"))  # in page order
    position: dict[str, int] = {}
    images: list[tuple[int, HtmlElement]] = []
    for index, el in enumerate(elements):
        if el.tag in _LOCATING_TAGS:
            key = _block_key(el)
            if len(key) >= 20:
                position.setdefault(key, index)
        elif el.tag == "img" and (el.get("src") or "").startswith(("http://", "https://")):
            images.append((index, el))
    if not images:
        return
    kept = {img.get("src") for img in root.iter("img")}
    anchors: list[tuple[int, HtmlElement]] = []
    for block in root.iter(*_LOCATING_TAGS):
        found = position.get(_block_key(block))
        if found is not None:
            top = block
            while top.getparent() is not None and top.getparent() is not root:
                top = top.getparent()
            anchors.append((found, top))
    if len(anchors) < 2:
        return
    anchors.sort(key=lambda item: item[0])
    first, last = anchors[0][0], anchors[-1][0]
    # A lead figure sits before the first paragraph, in the same container.
    container = elements[first].getparent()
    kept_text = _norm_space(root.text_content())
    for index, img in images:
        src = img.get("src")
        if index > last or src in kept:
            continue
        if index < first and (container is None or container.tag == "body"
                              or container not in img.iterancestors()):
            continue
        kept.add(src)
        copy_ = _image_with_caption(img, kept_text)
        before = [a for a in anchors if a[0] < index]
        if not before:
            anchors[0][1].addprevious(copy_)
            continue
        anchor = max(before, key=lambda a: a[0])[1]
        # after the anchor, and after images already put there (page order kept)
        while anchor.getnext() is not None and anchor.getnext().tag in ("img", "figure"):
            anchor = anchor.getnext()
        anchor.addnext(copy_)


def _image_with_caption(img: HtmlElement, kept_text: str) -> HtmlElement:
    """A copy of a page image for the body; with its ``<figcaption>`` as a figure when
    the page has one and trafilatura did not keep that text already (an archive keeps
    an article's captions; Readability's reference texts include them)."""
    copy_ = lxml.html.Element("img", src=img.get("src") or "")
    if img.get("alt"):
        copy_.set("alt", img.get("alt", ""))
    figure = next((a for a in img.iterancestors("figure")), None)
    caption = figure.find(".//figcaption") if figure is not None else None
    if figure is None or caption is None or len(figure.findall(".//img")) > 1:
        return copy_
    text = _caption_text(caption)
    if not text or text in kept_text:
        return copy_
    wrapper = lxml.html.Element("figure")
    wrapper.append(copy_)
    etree.SubElement(wrapper, "figcaption").text = text
    return wrapper


# Parts of a caption that credit the picture, not describe it.
CAPTION_CREDIT_TOKENS = frozenset({"credit", "credits", "copyright", "source", "photographer", "author",
                                   "attribution", "byline", "rights"})

# A credit at the end of a caption's text: "… im Abendrot. Bild: TebNad/Shutterstock.com",
# "Stau © aremac / Clipdealer", "… (Photo: Reuters)".
CAPTION_CREDIT = re.compile(r"[(\[]?\s*(\b(photo|foto|bild|image|picture|credit|crédit|quelle|source|"
                            r"fotografie|photograph|kuva|crédito)s?\s*[:：]|©|\(c\)\s|(图|图片|摄影|来源)\s*[:：|｜/]|"
                            r"[（(][^（()）]{0,30}摄\s*[)）]).*$", re.IGNORECASE)


def _caption_text(caption: HtmlElement) -> str:
    """A figcaption's text without its picture credit ("Foto: dpa", "Reuters/Jane Doe",
    ``<cite>``/``<small>`` or a credit-classed span); empty when only a credit or a
    name is left (on trafilatura's evaluation pages those count as boilerplate)."""
    caption = copy.deepcopy(caption)
    for el in list(caption.iter("cite", "small", "span", "div", "p", "em", "i")):
        if el.getparent() is not None and (el.tag in ("cite", "small") or _attr_tokens(el) & CAPTION_CREDIT_TOKENS):
            _drop(el)
    text = CAPTION_CREDIT.sub("", _norm_space(caption.text_content())).strip()
    if CREDIT_LINE.match(text) or SHORT_FURNITURE_LINE.match(text) or FURNITURE_LINE.match(text):
        return ""
    if CJK.search(text):
        return text if len(text) >= 6 else ""
    return text if len(text.split()) >= 4 else ""


def _unwrap_layout_tables(root: HtmlElement) -> None:
    """A table whose cells hold paragraphs is the page's layout (portals built in
    tables), not data: trafilatura keeps all of it, banner and menu cells included.
    Only the cell holding most of the paragraph text stays."""
    for table in list(root.iter("table")):
        if table.getparent() is None:
            continue
        cells = [(sum(len(p.text_content()) for p in td.iter("p")), td) for td in table.iter("td", "th")]
        best_len, best = max(cells, key=lambda item: item[0], default=(0, None))
        if best is None or best_len < 200:
            continue
        content = lxml.html.Element("div")
        content.text = best.text
        for child in list(best):
            content.append(child)
        table.addprevious(content)
        content.tail = table.tail
        table.getparent().remove(table)
        content.drop_tag()


def _paragraphs_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


# ---------------------------------------------------------------- rendering the body


def _render(root: HtmlElement, title: str, authors: list[str] | None, base: str) -> str:
    """Serialize the chosen block: no title/byline repeats, no styling attributes."""
    root = copy.deepcopy(root)
    _absolute_links(root, base)
    _unwrap_layout_tables(root)
    norm_title = _norm_space(title)
    for heading in list(root.iter("h1", "h2", "h3")):
        text = _text(heading)
        # The title repeated as the post's own heading (blog themes use h2/h3 for it).
        if heading.tag == "h1" or (norm_title and text == norm_title):
            _drop(heading)
    _drop_bylines(root, authors or [])
    # Heading permalinks ("The fix #", "¶") and bare links at the edges of the body
    # ("Back to homepage", "View full site") are navigation, not text.
    for a in list(root.iter("a")):
        if a.getparent() is not None and (a.get("href") or "").startswith("#") \
                and _text(a) in ("", "#", "¶", "§", "🔗", "link", "permalink") and a.find(".//img") is None:
            _drop(a)
    for edge in (0, -1):
        children = [c for c in root if isinstance(c.tag, str)]
        if children and children[edge].tag == "a" and children[edge].find(".//img") is None \
                and len(_text(children[edge])) < 40 and not (children[edge].tail or "").strip():
            _drop(children[edge])
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                _drop(el)
            continue
        # Rebuilt rather than deleted one by one: lxml refuses to delete an attribute
        # whose name looks namespaced ("xmlns:fb", "ng:click") and raises instead.
        kept = [(k, v) for k, v in el.attrib.items()
                if k in KEEP_ATTRS and (el.tag == "img" or k not in ("width", "height"))]
        if len(kept) != len(el.attrib):
            el.attrib.clear()
            for name, value in kept:
                el.set(name, value)
    _drop_empty(root)
    for el in root.iter("span", "font"):
        if not el.attrib:
            el.drop_tag() if el.getparent() is not None else None
    inner = (root.text or "").strip()
    parts = [escape(inner)] if inner else []
    parts += [lxml.html.tostring(child, encoding="unicode", method="html") for child in root]
    html = "".join(parts).strip()
    if root.tag in ("td", "div", "section", "article", "main", "font", "span") and "<p" not in html \
            and "<br" in html:
        html = f"<p>{html}</p>"
    return html


def _drop_bylines(root: HtmlElement, authors: list[str]) -> None:
    """Short blocks that name the author ("By Jane Doe", "文｜王明 2024-01-02") are bylines."""
    names = [n for n in authors if len(n) >= (2 if CJK.search(n) else 4)]
    if not names:
        return
    inline = ("a", "span", "strong", "b", "em", "i", "small", "font", "time")
    for el in list(root.iter("p", "div", "span", "a", "address", "section", "strong", "small", "em", "h3",
                             "h4", "h5", "h6", "li")):
        if el.getparent() is None or el is root:
            continue
        text = _text(el)
        name = next((n for n in names if n in text), None)
        if name is None or len(text) > len(name) + 40:
            continue
        block = el
        while block.tag in inline and block.getparent() is not None and block.getparent() is not root:
            block = block.getparent()
        if block is not root and block.getparent() is not None and len(_text(block)) <= len(name) + 40:
            _drop(block)


def _drop_empty(root: HtmlElement) -> None:
    for el in reversed(list(root.iter())):
        if el is root or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in ("img", "br", "hr", "td", "th", "video", "audio", "source", "picture"):
            continue
        if not _text(el) and el.find(".//img") is None and el.find(".//video") is None:
            _drop(el)


def text_of_html(fragment: str) -> str:
    """Plain text of an HTML fragment with a line break per block (for scoring and checks)."""
    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag in ("td", "th"):
                el.tail = " " + (el.tail or "").lstrip("\n")
    text = root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
