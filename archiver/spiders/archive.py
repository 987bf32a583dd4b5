"""The archiving spiders: feeds (RSS/Atom/RDF/JSON Feed), sitemaps and HTML listings.

One spider class handles every kind of source so that a sources.yml can mix them; the
parsing itself lives in pure modules (feedparse, sitemaps, links, extract) and this
module only decides what to request next and turns entries into Article items.

``scrapy crawl feeds`` reads sources.yml (or ``-a url=... -a name=...``);
``scrapy crawl pages -a url=LISTING`` is the same with HTML listings as the default.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.referer import RefererMiddleware, ReferrerPolicy
from twisted.python.failure import Failure

from archiver import __version__, config
from archiver import stats as stats_keys
from archiver.archive.render import parse_front_matter
from archiver.archive.state import ArchiveState
from archiver.archive.store import archive_spec, decode_text, open_store
from archiver.core import cjk
from archiver.core.dates import is_later, reconcile_page_dates, resolve_timezone, to_datetime, to_iso8601
from archiver.core.htmlclean import MAX_URL_LENGTH
from archiver.core.text import clean_title, html_to_text, plain_title
from archiver.items import Article
from archiver.sources.feedparse import FeedEntry, FeedError, looks_like_json, parse_feed
from archiver.sources.links import discover_feeds, find_article_links, find_next_page
from archiver.sources.revisit import NEVER, Policy, entry_unchanged, parse_revisit, should_revisit, with_retry_after
from archiver.sources.sitemaps import MAX_SITEMAP_BYTES, SitemapError, looks_like_sitemap, parse_sitemap
from archiver.sources.sources_file import (
    Source,
    SourceError,
    is_source_url,
    load_sources,
    make_source,
    whole_number_argument,
)
from archiver.spiders.backlog import RequestBacklog
from archiver.workers.allocator import keep_heap_flat
from archiver.workers.jobs import extract_page, quiet_library_loggers
from archiver.workers.process_pool import ProcessPool, WorkerCrashed

logger = logging.getLogger(__name__)

# Feed content shorter than this (visible characters) is taken for a teaser in
# ``fulltext: auto``; CJK says in 80 characters what English says in 200.
TEASER_MAX_CHARS = 200
TEASER_MAX_CHARS_CJK = 80
# A feed, sitemap, listing or article page larger than this is refused while it
# downloads (also after Content-Encoding decompression): Scrapy's own limit is 1 GiB, and
# a sitemap may not exceed 50 MB. A smaller DOWNLOAD_MAXSIZE wins.
SOURCE_MAX_BYTES = MAX_SITEMAP_BYTES
TEASER_ENDINGS = ("…", "...", "阅读全文", "查看全文", "全文", "更多", "read more", "continue reading", "[…]", "[...]", "»")


def _is_cjk_heavy(text: str) -> bool:
    return len(cjk.HAN_CHAR.findall(text)) > len(text) * 0.3


def is_teaser(content_html: str | None) -> bool:
    """True when feed content is missing, short, or ends like a "read more" teaser."""
    text = html_to_text(content_html)
    if not text:
        return True
    limit = TEASER_MAX_CHARS_CJK if _is_cjk_heavy(text) else TEASER_MAX_CHARS
    return len(text) < limit or ends_like_teaser(text)


def ends_like_teaser(text: str) -> bool:
    """True when text ends in "…", "Read more", "阅读全文" and the like."""
    tail = text[-40:].lower().rstrip(" )]>›»")
    return any(tail.endswith(ending.rstrip("»") or ending) for ending in TEASER_ENDINGS)


class ArchiveSpider(scrapy.Spider):
    name = "feeds"
    default_kind = "auto"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # "-a name=NAME" names the ad hoc source: it must not rename the spider.
        options = {key: kwargs.pop(key) for key in list(kwargs) if key in _SOURCE_ARGUMENTS}
        sources_file = kwargs.pop("sources", None)
        super().__init__(*args, **kwargs)
        self._options = options
        self._sources_file = sources_file
        self.sources: dict[str, Source] = {}
        # source name -> [urls requested, urls failed]: a source whose every URL failed
        # makes the run exit non-zero (see the run summary).
        self._url_outcomes: dict[str, list[int]] = {}
        self._emitted: dict[str, int] = {}
        self.pool = ProcessPool(0)  # inline until from_crawler gives the crawler's pool
        # The revisit policy (ARCHIVER_REVISIT, per source ``revisit``) and what it needs.
        self._revisit_policy: Policy = NEVER
        self._revisit_policies: dict[str, Policy] = {}
        self._output_profile = ""
        self._fingerprints: dict[str, str] = {}  # article key -> fingerprint of its entry
        self._seen_unchanged: list[str] = []
        # Article pages to request, made into requests as the scheduler runs short.
        self._backlog: RequestBacklog[tuple[Article, Source]] | None = None
        self._referrer_policy: ReferrerPolicy | None = None

    # --- set-up -----------------------------------------------------------------------

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArchiveSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.sources = spider._load_sources()
        spider.pool = ProcessPool.for_crawler(crawler)
        # Response bodies and pickled jobs must not grow the C heap article by article.
        keep_heap_flat()
        quiet_library_loggers(crawler.settings.get("LOG_LEVEL"))
        try:
            spider._revisit_policy = parse_revisit(config.REVISIT.get(crawler.settings))
            spider._revisit_policies = {name: parse_revisit(source.revisit) for name, source in spider.sources.items()
                                        if source.revisit is not None}
        except ValueError as error:
            raise SourceError(str(error)) from error
        spider._output_profile = output_profile(crawler.settings)
        crawler.signals.connect(spider.item_scraped, signal=signals.item_scraped)
        spider._backlog = RequestBacklog(crawler, spider._article_request,
                                         ahead=2 * crawler.settings.getint("CONCURRENT_REQUESTS"))
        if crawler.settings.getbool("REFERER_ENABLED"):
            # Requests scheduled from the backlog skip the spider middlewares, so the
            # Referer that RefererMiddleware gave a page found in a feed is set here.
            spider._referrer_policy = RefererMiddleware(crawler.settings).default_policy()
        return spider

    def _load_sources(self) -> dict[str, Source]:
        options = dict(self._options)
        url = options.pop("url", None)
        if url is not None and not is_source_url(url):
            raise SourceError(f"-a url={url!r}: not an http(s) URL")
        if url:
            raw: dict[str, Any] = {
                "name": options.pop("name", None) or _name_from_url(url),
                "url": url,
                "kind": options.pop("kind", self.default_kind),
                **options,
            }
            for number in ("max_items", "max_pages"):
                if number in raw:
                    raw[number] = whole_number_argument(number, raw[number])
            try:
                return {raw["name"]: make_source(raw)}
            except SourceError as error:
                raise SourceError(f"spider arguments (-a): {error}") from error
        # A SourceError raised from from_crawler stops the run before anything is written;
        # `scrapy crawl` prints it as one "error:" line (archiver.errors).
        path = self._sources_file or config.SOURCES.get(self.settings)
        sources = load_sources(path)
        wanted = options.get("name")
        if wanted:
            known = ", ".join(source.name for source in sources) or "none"
            sources = [source for source in sources if source.name == wanted]
            if not sources:
                raise SourceError(f"-a name={wanted!r}: no enabled source of that name in {path} (enabled: {known})")
        fulltext = options.get("fulltext")
        if fulltext:
            try:
                sources = [make_source({**_source_as_raw(s), "fulltext": fulltext}) for s in sources]
            except SourceError as error:
                raise SourceError(f"-a fulltext={fulltext!r}: {error}") from None
        return {source.name: source for source in sources}

    async def start(self) -> AsyncIterator[Request]:
        for source in self.sources.values():
            self._url_outcomes[source.name] = [0, 0]
            for url in source.urls:
                self._url_outcomes[source.name][0] += 1
                yield self._source_request(url, source, kind=source.kind)

    def _source_request(self, url: str, source: Source, kind: str, page: int = 1) -> Request:
        return Request(
            url,
            callback=self.parse_source,
            errback=self.source_failed,
            cb_kwargs={"source": source, "kind": kind, "page": page},
            meta=self._source_meta(source),
            dont_filter=page == 1,
        )

    def _max_bytes(self) -> int:
        configured = self.settings.getint("DOWNLOAD_MAXSIZE")
        return SOURCE_MAX_BYTES if configured <= 0 else min(configured, SOURCE_MAX_BYTES)

    def _source_meta(self, source: Source) -> dict[str, Any]:
        return {stats_keys.META_SOURCE: source.name, stats_keys.META_CONDITIONAL: True, "download_maxsize": self._max_bytes()}

    def _followable(self, url: str, source: Source, found_on: str, what: str) -> bool:
        """Whether a URL found in a document may be requested: http(s) only (a sitemap or
        feed must not make us read file:// or data: URLs), and not absurdly long."""
        problem = _url_problem(url)
        if problem is None:
            return True
        reason, message = problem
        logger.warning("%s (%s): skipping %s %r: it %s", found_on, source.name, what, url[:120], message)
        self.crawler.stats.inc_value(stats_keys.entries(reason))
        return False

    # --- sources: feeds, sitemaps, listings ----------------------------------------------

    def parse_source(self, response: Response, source: Source, kind: str, page: int = 1) -> Iterator[Any]:
        body = response.body
        content_type = _content_type(response).lower()
        if kind == "sitemap" or (kind == "auto" and looks_like_sitemap(body)):
            yield from self.parse_sitemap(response, source)
        elif kind == "html" or (kind == "auto" and "html" in content_type and not looks_like_json(body)
                                and not _looks_like_xml_feed(body)):
            yield from self.parse_html_source(response, source, kind, page)
        else:
            yield from self.parse_feed(response, source)

    def parse_feed(self, response: Response, source: Source) -> Iterator[Any]:
        stats = self.crawler.stats
        content_type = _content_type(response) or None
        try:
            feed = parse_feed(response.body, response.url, content_type)
        except FeedError as error:
            self._source_url_failed(source, response.url, error.reason, error.detail)
            return
        except Exception as error:  # noqa: BLE001 (a parser bug on hostile input: this source only)
            self._source_url_failed(source, response.url, "unreadable", repr(error))
            return
        stats.inc_value(stats_keys.feeds("parsed"))
        if feed.warning:
            logger.warning("feed %s (%s) is malformed but readable: %s", response.url, source.name, feed.warning)
            stats.inc_value(stats_keys.feeds("malformed"))
        if not feed.entries:
            logger.warning("feed %s (%s) has no entries", response.url, source.name)
            stats.inc_value(stats_keys.feeds("empty"))
            return
        for entry in self._limit(feed.entries, source):
            try:
                article = self.entry_to_article(entry, source, response.url, feed.language)
            except Exception as error:  # noqa: BLE001 (one broken entry must not cost the others)
                logger.warning("skipping a broken entry of %s (%s): %r", response.url, source.name, error)
                stats.inc_value(stats_keys.entries("invalid"))
                continue
            if article is None:
                continue
            # RSS 2.0 feeds often carry the whole article in <description> (the summary).
            full = not is_teaser(article.content_html or article.summary)
            yield from self._complete(article, source, has_full_content=full)
        self._request_waiting_pages()

    def parse_sitemap(self, response: Response, source: Source) -> Iterator[Any]:
        try:
            sitemap = parse_sitemap(response.body)
        except SitemapError as error:
            self._source_url_failed(source, response.url, error.reason, str(error))
            return
        except Exception as error:  # noqa: BLE001 (a parser bug on hostile input: this source only)
            self._source_url_failed(source, response.url, "unreadable", repr(error))
            return
        self.crawler.stats.inc_value(stats_keys.sitemaps("parsed"))
        if sitemap.warning:
            logger.warning("sitemap %s (%s) is malformed but readable: %s", response.url, source.name, sitemap.warning)
            self.crawler.stats.inc_value(stats_keys.sitemaps("malformed"))
        if sitemap.kind == "sitemapindex":
            for child in sitemap.urls:
                child_url = _join(response.url, child.loc)
                if not self._followable(child_url, source, response.url, "child sitemap"):
                    continue
                yield Request(child_url, callback=self.parse_sitemap,
                              errback=self.source_failed, cb_kwargs={"source": source},
                              meta=self._source_meta(source))
            return
        entries = []
        for url in sitemap.urls:
            entries.append(FeedEntry(
                guid=None, link=_join(response.url, url.loc), title=url.news_title or "",
                published=url.news_published or url.lastmod, language=url.news_language,
            ))
        for entry in self._limit(entries, source):
            article = self.entry_to_article(entry, source, response.url, None)
            if article is not None:
                yield from self._complete(article, source, has_full_content=False)
        self._request_waiting_pages()

    def parse_html_source(self, response: Response, source: Source, kind: str, page: int) -> Iterator[Any]:
        """A home page with feeds to discover, or a listing page of article links."""
        html = response.text
        if kind == "auto" and page == 1:
            feeds = discover_feeds(html, response.url)
            if feeds:
                logger.info("%s (%s): found feeds %s", response.url, source.name, ", ".join(feeds))
                self.crawler.stats.inc_value(stats_keys.feeds("discovered"), len(feeds))
                for feed_url in feeds:
                    yield Request(feed_url, callback=self.parse_source, errback=self.source_failed,
                                  cb_kwargs={"source": source, "kind": "auto"},
                                  meta=self._source_meta(source))
                return
        links = find_article_links(html, response.url, source.link_selector)
        self.crawler.stats.inc_value(stats_keys.listings("parsed"))
        if not links:
            logger.warning("listing %s (%s) has no article links", response.url, source.name)
            self.crawler.stats.inc_value(stats_keys.listings("empty"))
        entries = [FeedEntry(guid=None, link=link) for link in links]
        for entry in self._limit(entries, source):
            article = self.entry_to_article(entry, source, response.url, None)
            if article is not None:
                yield from self._complete(article, source, has_full_content=False)
        self._request_waiting_pages()
        if page < source.max_pages:
            next_url = find_next_page(html, response.url, source.next_selector)
            if next_url:
                yield self._source_request(next_url, source, kind="html", page=page + 1)

    # --- entries to articles ---------------------------------------------------------------

    def _limit(self, entries: list[FeedEntry], source: Source) -> list[FeedEntry]:
        """Apply the source's ``since`` and ``max_items`` (newest first) to one listing."""
        tz = resolve_timezone(source.timezone)
        kept = entries
        if source.since:
            since = to_datetime(source.since)
            kept = []
            for entry in entries:
                published = to_datetime(entry.published or entry.updated, tz)
                if published is not None and since is not None and published < since:
                    self.crawler.stats.inc_value(stats_keys.entries("too_old"))
                    continue
                kept.append(entry)
        if source.max_items:
            already = self._emitted.get(source.name, 0)
            room = max(source.max_items - already, 0)
            if len(kept) > room:
                self.crawler.stats.inc_value(stats_keys.entries("over_limit"), len(kept) - room)
            kept = kept[:room]
            self._emitted[source.name] = already + len(kept)
        return kept

    def entry_to_article(self, entry: FeedEntry, source: Source, feed_url: str,
                         feed_language: str | None) -> Article | None:
        guid_url = entry.guid if entry.guid and entry.guid.startswith(("http://", "https://")) else None
        link = entry.link or guid_url
        if not link:
            logger.warning("skipping an entry of %s (%s) with neither link nor URL guid: %r",
                           feed_url, source.name, entry.title[:80])
            self.crawler.stats.inc_value(stats_keys.entries("invalid"))
            return None
        link = _join(feed_url, link)
        problem = _url_problem(link)
        if problem and guid_url and not _url_problem(guid_url):
            link = guid_url  # javascript:, data:, ... as link, but the guid is the article's URL
        elif problem:
            reason, message = problem
            logger.warning("skipping an entry of %s (%s): its link %r %s", feed_url, source.name, link[:120], message)
            self.crawler.stats.inc_value(stats_keys.entries(reason))
            return None
        tz = resolve_timezone(source.timezone)
        return Article(
            source=source.name,
            url=link,
            feed_url=feed_url,
            guid=entry.guid or link,
            title=entry.title,
            authors=entry.authors or ([source.author] if source.author else []),
            published=to_iso8601(entry.published, tz),
            updated=to_iso8601(entry.updated, tz),
            categories=list(source.categories),
            tags=entry.tags,
            summary=entry.summary,
            content_html=entry.content_html or None,
            language=entry.language or feed_language or source.language,
            lead_image_url=_join(link, entry.image_urls[0]) or None if entry.image_urls else None,
            thumbnail_url=_join(link, entry.thumbnail_url) or None if entry.thumbnail_url else None,
        )

    def _complete(self, article: Article, source: Source, has_full_content: bool) -> Iterator[Any]:
        """Yield the article, or first fetch its page when the feed lacks the full text;
        nothing at all for an archived article whose feed entry is unchanged."""
        mode = source.fulltext
        from_feed = mode == "feed" or (mode == "auto" and has_full_content)
        fingerprint = entry_fingerprint(article, self._output_profile)
        self._fingerprints[article.key] = fingerprint
        if self._archived_and_unchanged(article, source, fingerprint, from_feed):
            self.crawler.stats.inc_value(stats_keys.POSTS_UNCHANGED)
            self.crawler.stats.inc_value(stats_keys.entries("not_revisited"))
            self.crawler.stats.inc_value(stats_keys.source_items(article.source))
            self._seen_unchanged.append(article.key)
            return
        if from_feed:
            yield article
            return
        assert self._backlog is not None, "made by from_crawler"
        self._backlog.add((article, source))

    def _request_waiting_pages(self) -> None:
        if self._backlog is not None:
            self._backlog.top_up()

    def _article_request(self, waiting: tuple[Article, Source]) -> Request:
        """The request for an article's page, made when the backlog hands it out."""
        article, source = waiting
        self.crawler.stats.inc_value(stats_keys.pages("requested"))
        # With the key, the page's validators are kept for the next run; they are sent
        # (and a 304 ends the article) only when the feed entry says nothing new.
        meta: dict[str, Any] = {stats_keys.META_SOURCE: source.name, stats_keys.META_ARTICLE_KEY: article.key,
                                stats_keys.META_REFETCH: not self._unchanged_since_archived(article),
                                "download_maxsize": self._max_bytes()}
        referrer = (self._referrer_policy.referrer(article.feed_url, article.url)
                    if self._referrer_policy and article.feed_url else None)
        return Request(
            article.url,
            callback=self.parse_article,
            errback=self.article_page_failed,
            cb_kwargs={"article": article, "source": source},
            meta=meta,
            headers={"Referer": referrer} if referrer else None,
        )

    def _archived_and_unchanged(self, article: Article, source: Source, fingerprint: str, from_feed: bool) -> bool:
        """Whether the entry is of an archived article, says nothing new, and the revisit
        policy does not ask for the page again (see archiver.sources.revisit)."""
        state = ArchiveState.for_crawler(self.crawler)
        record = state.article(article.key)
        if record is None or not self._post_exists(record.post_path):
            return False
        stored = state.entry_fingerprint(article.key)
        if stored is None:
            # Archived before fingerprints were kept (or the state was rebuilt): the post's
            # own front matter decides, once. A feed's full text may have changed unseen.
            if from_feed or not self._unchanged_since_archived(article):
                return False
            state.set_entry_fingerprint(article.key, fingerprint)
        elif not entry_unchanged(stored, fingerprint, time.time()):
            return False
        if from_feed:
            return True
        policy = self._revisit_policies.get(source.name, self._revisit_policy)
        return not should_revisit(policy, to_datetime(article.published))

    def item_scraped(self, item: Any) -> None:
        """A post was written (or found unchanged) from this entry: remember the entry,
        unless the post still links a remote image whose download is retried next run
        (one that failed for good is retried when its failure expires: archiver.sources.revisit)."""
        if not isinstance(item, Article) or item.key not in self._fingerprints:
            return
        fingerprint = self._fingerprints[item.key]
        if _links_remote_images(item):
            if item.images_retry_at is None:
                return
            fingerprint = with_retry_after(fingerprint, item.images_retry_at)
        ArchiveState.for_crawler(self.crawler).set_entry_fingerprint(item.key, fingerprint)

    def closed(self, reason: str) -> None:
        if self._seen_unchanged:
            ArchiveState.for_crawler(self.crawler).mark_seen_many(self._seen_unchanged)

    def _post_exists(self, post_path: str) -> bool:
        try:
            return open_store(archive_spec(self.settings)).exists(post_path)
        except OSError as error:  # the bucket cannot be asked now: fetch again, the safe side
            logger.warning("cannot find the archived post %s: %s", post_path, error)
            return False

    def _archived_post(self, post_path: str) -> bytes | None:
        """The post's bytes where the writer wrote them (a folder or an object store:
        archiver.archive.store); None when it is gone or cannot be read now (the
        article is then fetched again, the safe side)."""
        try:
            return open_store(archive_spec(self.settings)).read_bytes(post_path)
        except OSError as error:
            logger.warning("cannot read the archived post %s: %s", post_path, error)
            return None

    def _unchanged_since_archived(self, article: Article) -> bool:
        """Whether this article is archived and its feed entry says nothing new (same
        title and date, no later update); only then may an unchanged page end it."""
        record = ArchiveState.for_crawler(self.crawler).article(article.key)
        if record is None:
            return False
        post_bytes = self._archived_post(record.post_path)
        post = parse_front_matter(post_bytes)
        if post is None or post_bytes is None:
            return False
        if article.title and plain_title(article.title) != post.get("title"):
            return False
        if article.published and article.published != str(post.get("date")):
            return False
        announced = article.updated if article.updated != article.published else None
        if is_later(announced, str(post["updated"]) if post.get("updated") else None):
            return False
        # A post still linking a remote image (its download failed last time) is not
        # finished: fetch the page again so the image is tried again.
        return not _has_remote_images(post_bytes)

    async def parse_article(self, response: Response, article: Article, source: Source) -> AsyncIterator[Article]:
        try:
            # In a worker process: decoding and extraction are most of an article's CPU.
            # The page's body is weighed against the feed's content, if the feed had any;
            # its dates matter only where the feed's leave room (merge_page_into_article).
            page, body_chars = await self.pool.run(extract_page, response.body, _content_type(response) or None,
                                                   response.url, source.rules or None,
                                                   bool(article.content_html and article.content_html.strip()),
                                                   (bool(article.published), bool(article.updated)))
        except Exception as error:  # noqa: BLE001 (hostile HTML, a dead worker: keep what the feed gave)
            reason = "worker_crashed" if isinstance(error, WorkerCrashed) else "extract_failed"
            logger.warning("could not extract %s (%s): %r; keeping the feed's text", response.url, source.name, error)
            self.crawler.stats.inc_value(stats_keys.pages(reason))
            yield article
            return
        self.crawler.stats.inc_value(stats_keys.pages("extracted"))
        merge_page_into_article(article, page, source, response.url, body_chars)
        yield article

    # --- failures ------------------------------------------------------------------------

    def source_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        source: Source = request.cb_kwargs["source"]
        response = getattr(failure.value, "response", None)
        if response is not None and response.status == 304:
            return  # not modified since the last run: nothing to do, nothing failed
        reason = f"http_{response.status}" if response is not None else _failure_reason(failure)
        self._source_url_failed(source, request.url, reason, failure.getErrorMessage())

    def _source_url_failed(self, source: Source, url: str, reason: str, detail: str) -> None:
        logger.warning("source %s: cannot read %s: %s (%s)", source.name, url, reason, detail)
        stats = self.crawler.stats
        stats.inc_value(stats_keys.source_url_failed(reason))
        stats.inc_value(stats_keys.source_failed(source.name))
        if url in source.urls:
            outcome = self._url_outcomes.setdefault(source.name, [len(source.urls), 0])
            outcome[1] += 1
            if outcome[1] == outcome[0]:
                logger.error("source %s failed entirely: none of its URLs could be read", source.name)
                stats.inc_value(stats_keys.SOURCES_FAILED)

    def article_page_failed(self, failure: Failure) -> Iterator[Article]:
        """The page could not be fetched: archive what the feed gave rather than nothing."""
        request = failure.request  # type: ignore[attr-defined]
        article: Article = request.cb_kwargs["article"]
        response = getattr(failure.value, "response", None)
        reason = f"http_{response.status}" if response is not None else _failure_reason(failure)
        if response is not None and response.status == 304:
            # Unchanged since it was archived (the middleware sent its validators).
            if article.key in self._fingerprints:
                ArchiveState.for_crawler(self.crawler).set_entry_fingerprint(article.key, self._fingerprints[article.key])
            self.crawler.stats.inc_value(stats_keys.POSTS_UNCHANGED)
            self.crawler.stats.inc_value(stats_keys.source_items(article.source))
            return
        self.crawler.stats.inc_value(stats_keys.page_failed(reason))
        # Counted as a failure of the source so the feed is read in full next run and
        # this page is tried again.
        self.crawler.stats.inc_value(stats_keys.source_failed(article.source))
        if article.content_html or article.summary:
            logger.warning("article page %s (%s) failed: %s; keeping the feed's text", request.url, article.source, reason)
            yield article
        else:
            # A listing or sitemap link whose page is gone: a title alone is no post, and
            # not archiving it now means the next run tries again.
            logger.warning("article page %s (%s) failed: %s; nothing to archive without it",
                           request.url, article.source, reason)
            self.crawler.stats.inc_value(stats_keys.ARTICLES_SKIPPED_NO_TEXT)


class PagesSpider(ArchiveSpider):
    """``scrapy crawl pages -a url=LISTING_URL``: HTML listing pages by default."""

    name = "pages"
    default_kind = "html"


_SOURCE_ARGUMENTS = {
    "url", "name", "kind", "categories", "author", "max_items", "since", "fulltext",
    "timezone", "language", "link_selector", "next_selector", "max_pages", "revisit",
}


def _name_from_url(url: str) -> str:
    host = urlsplit(url).hostname or "source"
    return host.removeprefix("www.")


def _source_as_raw(source: Source) -> dict[str, Any]:
    raw = asdict(source)
    raw["urls"] = list(source.urls)
    raw["categories"] = list(source.categories)
    raw["image_referer"] = source.image_referer
    return raw


def _join(base: str, url: str) -> str:
    """``url`` made absolute against ``base``; "" when it is no URL at all."""
    try:
        return urljoin(base, url.strip())
    except ValueError:  # "http://[broken": an invalid IPv6 host
        return ""


def _url_problem(url: str) -> tuple[str, str] | None:
    """Why ``url`` cannot be requested as an article, feed or sitemap, as (stat, message),
    or None when it can."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "bad_url", "is not a URL"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "bad_url", "is not an http(s) URL"
    if len(url) > MAX_URL_LENGTH:
        return "url_too_long", f"is too long ({len(url)} characters)"
    return None


def _failure_reason(failure: Failure) -> str:
    """A short, stat-friendly name for a download failure without a response."""
    message = failure.getErrorMessage().lower()
    if "max redirections" in message:
        return "too_many_redirects"
    if "max size" in message or "download_maxsize" in message:
        return "too_large"
    return type(failure.value).__name__


_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(https?://|<img[^>]+src=\"https?://|^(?:headimg|thumbnail): '?https?://", re.MULTILINE)


# Settings that change a post's bytes for the same entry: a change makes every entry new
# again, so posts are rewritten in the new form (as is an upgrade of the archiver).
OUTPUT_SETTINGS = (
    *(setting.name for setting in (
        config.BODY_FORMAT, config.ESCAPE_TEMPLATES, config.ALLOW_IFRAMES, config.SUMMARY_CHARS,
        config.HEADER_MAX_WIDTH, config.THUMB_SIZE, config.INLINE_MAX_WIDTH, config.IMAGE_FORMAT,
        config.IMAGE_URL_STYLE, config.PLACEHOLDER)),
    "IMAGES_STORE",
)


def output_profile(settings: Any) -> str:
    return json.dumps([__version__, *(str(settings.get(name)) for name in OUTPUT_SETTINGS)])


def entry_fingerprint(article: Article, profile: str) -> str:
    """What the feed says about an article (before its page is read), plus the output
    settings: equal fingerprints mean the same post would be written again."""
    said = [article.url, article.guid, article.title, article.published, article.updated, article.summary,
            article.content_html, article.lead_image_url, article.thumbnail_url, article.authors, article.tags,
            article.categories, article.language, profile]
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()


_REMOTE_IMG_SRC = re.compile(r"<img[^>]+src=\"https?://", re.IGNORECASE)


def _links_remote_images(article: Article) -> bool:
    """Whether a finished article still links an image on another site (its download failed)."""
    remote = ("http://", "https://")
    return bool((article.headimg or "").startswith(remote) or (article.thumbnail or "").startswith(remote)
                or _REMOTE_IMG_SRC.search(article.content_html or ""))


def _has_remote_images(post: bytes) -> bool:
    try:
        return bool(_REMOTE_IMAGE.search(decode_text(post)))
    except UnicodeDecodeError:
        return True


def _looks_like_xml_feed(body: bytes) -> bool:
    head = body[:1024].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _content_type(response: Response) -> str:
    return (response.headers.get("Content-Type") or b"").decode("latin-1")


def merge_page_into_article(article: Article, page: Any, source: Source, page_url: str,
                            body_chars: int | None = None) -> None:
    """Feed values win for title and date; the page wins for body and lead image.
    ``body_chars``: the visible length of ``page.body_html`` when already measured."""
    if body_chars is None:
        body_chars = len(html_to_text(page.body_html))
    if page.body_html and body_chars >= len(html_to_text(article.content_html)) * 0.5:
        article.content_html = page.body_html
    if not article.title and page.title:
        article.title = clean_title(page.title)  # a page's title is of unknown type
    tz = resolve_timezone(source.timezone)
    article.published, article.updated = reconcile_page_dates(
        article.published, article.updated, page.published, page.modified, tz)
    if page.lead_image:
        article.lead_image_url = page.lead_image
    if page.authors and (not article.authors or article.authors == [source.author]):
        article.authors = list(page.authors)
    teaser = bool(article.summary) and ends_like_teaser(html_to_text(article.summary))
    if page.description and (not article.summary or teaser):
        # A "… Read more" teaser made us fetch the page: the page's own summary is better.
        article.summary = page.description
    elif teaser:
        article.summary = None  # the writer derives one from the full text
    article.language = article.language or page.language
    article.canonical_url = page.canonical_url or article.canonical_url
    if page_url != article.url and not article.canonical_url:
        article.canonical_url = page_url
