"""JSON Feed 1.1 (and JSON Lines) export of the archive (pure, no Scrapy).

The Markdown posts are the source of truth: the feeds are rebuilt from them alone, never
from ``.archiver/`` state, so deleting the state (or copying the archive elsewhere) gives
the same feeds. Output is deterministic: items are ordered newest first with ties broken
by id, keys are written in a fixed order and nothing depends on the clock, so an export
over an unchanged archive produces identical bytes and ``write_atomic`` writes nothing.

Layout written under ``<archive>/feeds/``:

- ``feed.json``: the whole archive, at most ``max_items`` items;
- ``<source>.json``: one per folder under ``posts/`` (the source's safe name);
- ``feed.jsonl``: every item of the archive, one JSON object per line, same order.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePosixPath
from time import time_ns
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import nh3
import pyromark
import yaml

from archiver import config
from archiver.archive.feed_items import CACHE_PATH, UNTRUSTED_MTIME, FeedItemStore
from archiver.archive.feed_lines import write_jsonl
from archiver.archive.paths import FEEDS_DIR, POSTS_DIR, short_hash
from archiver.archive.render import parse_post
from archiver.archive.store import ArchiveStore, FileStat, StoreSpec, decode_text, open_store, store_spec
from archiver.core.dates import to_datetime

logger = logging.getLogger(__name__)

JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
DEFAULT_TITLE = config.FEED_TITLE.default
DEFAULT_MAX_ITEMS = config.FEED_MAX_ITEMS.default
# Hexo's default permalink is ``:year/:month/:day/:title/``; with Hexo's
# ``new_post_name: :year-:month-:day-:title.md`` its ``:title`` is the file name without
# the date prefix, which is our ``:slug``.
DEFAULT_PERMALINK = config.FEED_PERMALINK.default

# Left by the writer before it changes a post, removed once the feeds are exported: a
# run killed in between leaves it, and the next run exports even if it changes nothing.
STALE_MARKER = ".archiver/feeds-stale"
ARCHIVE_FEED_NAME = "feed"
JSONL_NAME = "feed.jsonl"
# The writer names posts ``.md``; the others are accepted so hand-added posts count too.
POST_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm"})

_PERMALINK_TOKEN = re.compile(r":(year|month|day|source|slug|name)\b")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
# archiver.archive.render wraps inline code that holds ``{{``/``{%`` in Hexo's raw/endraw; they mean
# nothing outside Hexo, so the feed keeps what they wrap and drops the tags. Only paired
# tags are removed, so an article that merely mentions "{% raw %}" keeps it.
_HEXO_RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "poster", "longdesc"})
_HTML_FORMAT_HINTS = frozenset({"html", "htm"})
RACY_WINDOW_NS = 2_000_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # stored items need no date: they come out in order


class BrokenPostError(ValueError):
    """A post that cannot become a feed item (the message says why)."""


@dataclass(frozen=True)
class FeedOptions:
    """What the export needs besides the archive; one default each."""

    title: str = DEFAULT_TITLE
    # The public root of the site the archive is published as (``posts/`` and
    # ``images/`` mapped to ``<site_url>posts/`` etc.). Without it, item URLs point at
    # the original articles and local image links stay site-root paths.
    site_url: str | None = None
    max_items: int = DEFAULT_MAX_ITEMS  # per feed document; 0 means all
    permalink: str = DEFAULT_PERMALINK
    write_jsonl: bool = True

    def __post_init__(self) -> None:
        if self.max_items < 0:
            raise ValueError(f"max_items must be >= 0 (0 means all), got {self.max_items}")
        if not self.title.strip():
            raise ValueError("the feed title must not be empty")
        if self.site_url:
            parts = urlsplit(self.site_url.strip())
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"site_url must be an absolute http(s) URL, got {self.site_url!r}")
            # One canonical form so that joining never doubles or drops a slash.
            object.__setattr__(self, "site_url", self.site_url.strip().rstrip("/") + "/")
        else:
            object.__setattr__(self, "site_url", None)


@dataclass(frozen=True)
class SkippedPost:
    path: str  # relative to the archive root, posix separators
    reason: str


@dataclass(frozen=True)
class ExportResult:
    posts: int  # post files found
    items: int  # posts exported (found minus skipped)
    written: tuple[str, ...] = ()  # feed files whose bytes changed
    unchanged: tuple[str, ...] = ()  # feed files already holding these bytes
    removed: tuple[str, ...] = ()  # per-source feeds of sources that have no post left
    skipped: tuple[SkippedPost, ...] = ()

    @property
    def skipped_paths(self) -> list[str]:
        return [skip.path for skip in self.skipped]


@dataclass(frozen=True)
class PostItem:
    """One post as a feed item, plus what ordering and grouping need."""

    item: dict[str, Any]
    published: datetime  # timezone-aware
    source_dir: str  # the folder under posts/
    source: str  # the source's name (front matter ``source``, else the folder)
    language: str | None


# CommonMark plus the GFM tables and strikethrough that HTML-to-Markdown emits, rendered
# by pulldown-cmark (Rust, through pyromark): 0.09 ms per bench post against 4.1 ms for
# markdown-it-py, which made the feed export about 7% of a first run's CPU. (cmark-gfm's
# Python binding was as fast but leaks every document it renders: 0.1 MB a post.) Raw
# HTML is passed through, as bodies may keep HTML blocks (figures, iframes); everything
# rendered goes through nh3 before it reaches the feed.
_MARKDOWN_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
# Part of the item store's options digest: items rendered by another renderer (or
# another version of it) are rendered again, so a feed never mixes the two.
MARKDOWN_RENDERER = f"pyromark/{pyromark.__version__}"


def render_markdown(text: str) -> str:
    """A post's Markdown body as HTML (not yet sanitized)."""
    return pyromark.html(text, options=_MARKDOWN_OPTIONS)


def strip_hexo_raw(text: str) -> str:
    """The body as the article had it, without Hexo's raw/endraw escaping."""
    return _HEXO_RAW_BLOCK.sub(lambda match: match.group(1), text)


def resolve_url(url: str, post_path: str, site_url: str | None) -> str:
    """An archive-local URL as a site URL (absolute when ``site_url`` is set).

    ``/images/...`` is relative to the site root; ``../../../images/...`` is relative to
    the post's file in the archive, whose root is the site root. Absolute URLs,
    ``mailto:``-style URLs and fragment-only links are returned unchanged.
    """
    url = url.strip()
    if not url or url.startswith(("#", "//")) or urlsplit(url).scheme:
        return url
    site_path = urljoin("/" + post_path, url)
    if site_url is None:
        return site_path
    return site_url + site_path.lstrip("/")


def _resolve_srcset(value: str, post_path: str, site_url: str | None) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.strip().split(maxsplit=1)
        if parts:
            parts[0] = resolve_url(parts[0], post_path, site_url)
            candidates.append(" ".join(parts))
    return ", ".join(candidates)


def clean_html(html: str, post_path: str, site_url: str | None) -> str:
    """Sanitize rendered HTML for the feed and resolve archive-local links.

    The archive is sanitized when written, but posts may be edited by hand, and a feed
    is read by programs that trust it.
    """

    def rewrite(_tag: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES:
            return resolve_url(value, post_path, site_url)
        if attribute == "srcset":
            return _resolve_srcset(value, post_path, site_url)
        return value

    # link_rel=None: adding rel="noopener noreferrer" would change every link for
    # nothing, a feed reader decides how it opens links.
    return nh3.clean(html, attribute_filter=rewrite, link_rel=None)


def body_is_html(body: str, metadata: Mapping[str, Any], suffix: str) -> bool:
    """Whether a post body is HTML (ARCHIVER_BODY_FORMAT=html) rather than Markdown."""
    for key in ("body_format", "format", "markup"):
        hint = metadata.get(key)
        if isinstance(hint, str) and hint.strip():
            return hint.strip().lower() in _HTML_FORMAT_HINTS
    if suffix in (".html", ".htm"):
        return True
    # Markdown written by the archive never starts with a tag: a body that does is HTML.
    return body.lstrip().startswith("<")


def render_content_html(
    body: str,
    metadata: Mapping[str, Any],
    post_path: str,
    site_url: str | None,
) -> str:
    text = strip_hexo_raw(body)
    suffix = PurePosixPath(post_path).suffix.lower()
    html = text if body_is_html(text, metadata, suffix) else render_markdown(text)
    return clean_html(html, post_path, site_url).strip()


def parse_datetime(value: Any) -> datetime:
    """A front matter date as an aware datetime; naive values are taken as UTC.

    PyYAML already turns unquoted ISO timestamps into datetimes; quoted ones arrive as
    strings, and old Hexo posts may carry RFC 822 dates ("Mon, 09 May 2022 08:01:32 GMT"):
    archiver.core.dates parses them, as it does feed dates.
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    parsed = to_datetime(value.strip() if isinstance(value, str) else value) if isinstance(value, (datetime, str)) else None
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return parsed


def rfc3339(value: datetime) -> str:
    return value.isoformat(timespec="seconds" if not value.microsecond else "microseconds")


def _text(value: Any) -> str | None:
    """A scalar front matter value as text (YAML may turn ``2022`` into an int)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value)
    return text if text.strip() else None


def _texts(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for text in map(_text, values) if text is not None]


def _authors(value: Any) -> list[str]:
    # The writer joins several authors with ", ".
    names: list[str] = []
    for text in _texts(value):
        names.extend(name.strip() for name in text.split(", ") if name.strip())
    return list(dict.fromkeys(names))


def post_slug(post_path: str) -> str:
    """The post's file name without the date prefix and suffix."""
    stem = PurePosixPath(post_path).stem
    return _DATE_PREFIX.sub("", stem) or stem


def permalink_url(template: str, site_url: str, post_path: str, source_dir: str, published: datetime) -> str:
    """The post's public URL: ``site_url`` plus ``template`` with its tokens filled in.

    Tokens: ``:year``, ``:month``, ``:day`` (of the post's date, as written), ``:source``
    (folder under posts/), ``:slug`` (file name without date prefix and suffix) and
    ``:name`` (file name without suffix). Values are percent-encoded, so CJK slugs give
    valid URLs.
    """
    values = {
        "year": f"{published.year:04d}",
        "month": f"{published.month:02d}",
        "day": f"{published.day:02d}",
        "source": source_dir,
        "slug": post_slug(post_path),
        "name": PurePosixPath(post_path).stem,
    }
    path = _PERMALINK_TOKEN.sub(lambda match: quote(values[match.group(1)], safe=""), template)
    return site_url + path.lstrip("/")


def load_entry(rel: str, data: bytes, options: FeedOptions) -> PostItem:
    """Turn one post file (its path in the archive and its bytes) into a feed entry;
    raises BrokenPostError saying why not."""
    parts = PurePosixPath(rel).parts
    if len(parts) < 3:
        raise BrokenPostError("not inside a posts/<source>/ folder")
    source_dir = parts[1]
    try:
        post = parse_post(decode_text(data))
    except UnicodeDecodeError as exc:
        raise BrokenPostError(f"not UTF-8 ({exc.reason})") from None
    except yaml.YAMLError as exc:
        raise BrokenPostError(f"bad YAML front matter ({' '.join(str(exc).split())})") from None
    except ValueError as exc:  # python-frontmatter's own complaints about the fence
        raise BrokenPostError(f"bad front matter ({exc})") from None
    meta = post.metadata
    if not isinstance(meta, dict):
        raise BrokenPostError("front matter is not a mapping")
    title = _text(meta.get("title"))
    if title is None:
        raise BrokenPostError("no title in front matter")
    if meta.get("date") is None:
        raise BrokenPostError("no date in front matter")
    try:
        published = parse_datetime(meta["date"])
    except ValueError as exc:
        raise BrokenPostError(f"bad date ({exc})") from None
    updated: datetime | None = None
    if meta.get("updated") is not None:
        try:
            updated = parse_datetime(meta["updated"])
        except ValueError as exc:
            # A bad ``updated`` costs only date_modified, not the whole item.
            logger.warning("Post %s: ignoring its updated date (%s)", rel, exc)

    site_url = options.site_url
    source = _text(meta.get("source")) or source_dir
    source_url = _text(meta.get("source_url"))
    guid = _text(meta.get("guid"))
    lang = _text(meta.get("lang"))
    # JSON Feed wants an RFC 5646 tag; "zh_CN" (the POSIX locale form) is common in the wild.
    language = lang.strip().replace("_", "-") if lang else None

    def image_url(key: str) -> str | None:
        value = _text(meta.get(key))
        return resolve_url(value, rel, site_url) if value else None

    # Stable identity across runs: the feed's own id, else the article URL, else the
    # post's path (which never changes once written).
    item: dict[str, Any] = {"id": guid or source_url or rel}
    if site_url:
        item["url"] = permalink_url(options.permalink, site_url, rel, source_dir, published)
    elif source_url:
        item["url"] = source_url
    if source_url:
        item["external_url"] = source_url
    item["title"] = title
    item["content_html"] = render_content_html(post.content, meta, rel, site_url)
    summary = _text(meta.get("description"))
    if summary:
        item["summary"] = summary
    image = image_url("thumbnail")
    if image:
        item["image"] = image
    banner = image_url("headimg")
    if banner:
        item["banner_image"] = banner
    item["date_published"] = rfc3339(published)
    if updated is not None:
        item["date_modified"] = rfc3339(updated)
    authors = _authors(meta.get("author"))
    if authors:
        item["authors"] = [{"name": name} for name in authors]
    tags = list(dict.fromkeys(_texts(meta.get("categories")) + _texts(meta.get("tags"))))
    if tags:
        item["tags"] = tags
    if language:
        item["language"] = language
    item["_archiver"] = {"source": source, "path": rel}
    return PostItem(item=item, published=published, source_dir=source_dir, source=source, language=language)


def post_files(files: ArchiveStore) -> list[tuple[str, FileStat]]:
    """Post files under ``posts/`` (path in the archive, stamp), sorted by path;
    dot-files, dot-folders and temp files skipped."""
    found = [(rel, stat) for rel, stat in files.list(f"{POSTS_DIR}/")
             if os.path.splitext(rel)[1].lower() in POST_SUFFIXES]
    return sorted(found, key=lambda entry: entry[0])


def iter_post_files(root: Path) -> list[Path]:
    """The post files of the archive folder ``root`` (see :func:`post_files`)."""
    return [root / rel for rel, _ in post_files(open_store(root))]


def feed_file_name(source_dir: str) -> str:
    """``<source>.json``; a source folder named like the archive feed gets a suffix."""
    if source_dir == ARCHIVE_FEED_NAME:
        return f"{source_dir}-{short_hash(source_dir)}.json"
    return f"{source_dir}.json"


def build_feed(
    entries: list[PostItem],
    *,
    title: str,
    file_name: str,
    options: FeedOptions,
    scope: dict[str, str],
) -> dict[str, Any]:
    """A JSON Feed 1.1 document of ``entries`` (already ordered newest first)."""
    chosen = entries[: options.max_items] if options.max_items else entries
    doc: dict[str, Any] = {"version": JSONFEED_VERSION, "title": title}
    if options.site_url:
        doc["home_page_url"] = options.site_url
        doc["feed_url"] = f"{options.site_url}{FEEDS_DIR}/{file_name}"
    languages = {entry.language for entry in chosen}
    if len(languages) == 1 and None not in languages:
        doc["language"] = languages.pop()
    # Marks the document as ours, so a later export may remove a per-source feed whose
    # source has no post left without ever touching files someone else put in feeds/.
    doc["_archiver"] = scope
    doc["items"] = [entry.item for entry in chosen]
    return doc


def dump_feed(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _is_our_source_feed(files: ArchiveStore, rel: str) -> bool:
    try:
        doc = json.loads((files.read_bytes(rel) or b"").decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    marker = doc.get("_archiver") if isinstance(doc, dict) else None
    return isinstance(marker, dict) and marker.get("scope") == "source"


def options_digest(options: FeedOptions) -> str:
    """Changes whenever the options (or the Markdown renderer) change what a post's item looks like."""
    return short_hash(json.dumps([options.site_url, options.permalink, MARKDOWN_RENDERER], ensure_ascii=False), 16)


@dataclass(frozen=True)
class RenderedPost:
    """A post file as a feed item (or why not), with the file's stamp when it was read."""

    path: str  # relative to the archive root
    mtime_ns: int  # -1: changed too recently to trust the stamp (see RACY_WINDOW_NS)
    size: int
    entry: PostItem | None = None
    skipped: SkippedPost | None = None


# Posts per rendering job: big enough that a job sent to a worker process is worth its
# round trip, small enough that both workers get work and few rendered items wait in memory.
RENDER_CHUNK = 50


def render_posts(root: StoreSpec | str, paths: list[str], options: FeedOptions) -> list[RenderedPost]:
    """Render these posts of the archive at ``root`` into feed items (a job for a worker
    process: plain values in and out). Broken or vanished posts come back with the
    reason they were skipped."""
    files = open_store(root)
    # A file changed within this window may change again with the same size inside the
    # file system's timestamp granularity: its item is stored as not current, so the
    # next export renders it again (git's "racy clean" rule).
    racy_after = time_ns() - RACY_WINDOW_NS
    results = []
    for rel in paths:
        try:
            stamped = files.read_stamped(rel)
            if stamped is None:
                raise FileNotFoundError(2, "No such file or directory")
            data, stat = stamped
            entry = load_entry(rel, data, options)
        except BrokenPostError as exc:
            logger.warning("Skipped post %s: %s", rel, exc)
            results.append(RenderedPost(rel, 0, 0, skipped=SkippedPost(rel, str(exc))))
            continue
        except OSError as exc:
            # Removed or unreadable between listing and reading: skip it, keep the rest.
            logger.warning("Skipped post %s: cannot read it (%s)", rel, exc)
            results.append(RenderedPost(rel, 0, 0, skipped=SkippedPost(rel, f"cannot read it ({exc.strerror or exc})")))
            continue
        mtime_ns = UNTRUSTED_MTIME if stat.mtime_ns >= racy_after else stat.mtime_ns
        results.append(RenderedPost(rel, mtime_ns, stat.size, entry=entry))
    return results


@dataclass
class ExportPlan:
    """What an export must do: the posts found, and those whose items must be rendered."""

    found: list[str]
    stale: list[str]


def plan_export(files: ArchiveStore, store: FeedItemStore) -> ExportPlan:
    found: list[str] = []
    stale: list[str] = []
    for rel, stat in post_files(files):
        found.append(rel)
        if not store.is_current(rel, stat.mtime_ns, stat.size):
            stale.append(rel)
    return ExportPlan(found, stale)


def store_rendered(store: FeedItemStore, rendered: Iterable[RenderedPost]) -> list[SkippedPost]:
    """Put the rendered items into the store as they come (none is kept in memory
    after), and return the posts that were skipped."""
    skipped: list[SkippedPost] = []
    for post in rendered:
        if post.entry is None:
            if post.skipped is not None:
                skipped.append(post.skipped)
            continue
        entry = post.entry
        store.put(post.path, post.mtime_ns, post.size, published=entry.published.timestamp(), item=entry.item,
                  source_dir=entry.source_dir, source=entry.source, language=entry.language)
    return skipped


def write_feeds(files: ArchiveStore, options: FeedOptions, store: FeedItemStore, plan: ExportPlan,
                rendered: Iterable[RenderedPost], stored_skipped: Iterable[SkippedPost] = ()) -> ExportResult:
    """Store the rendered items, forget the posts that are gone or broken, and write the
    feed documents from the store (a page at a time). ``stored_skipped``: the posts
    skipped by an earlier :func:`store_rendered` of this export."""
    skipped = [*stored_skipped, *store_rendered(store, rendered)]
    broken = {skip.path for skip in skipped}
    store.keep_only(path for path in plan.found if path not in broken)
    store.commit()
    # Readers take items with one id for one item; both are kept (neither is wrong),
    # but the duplicate is worth a look (e.g. one article archived under two sources).
    for ident, first, other in store.shared_ids():
        logger.warning("Posts %s and %s share the feed id %r", first, other, ident)

    written: list[str] = []
    unchanged: list[str] = []
    documents = {f"{ARCHIVE_FEED_NAME}.json"}
    _write_document(files, store, options, written, unchanged, file_name=f"{ARCHIVE_FEED_NAME}.json",
                    scope={"scope": "archive"})
    for source_dir in store.source_dirs():
        name = feed_file_name(source_dir)
        documents.add(name)
        # The newest post's name for the source; the folder is its file-safe form.
        newest_source = store.newest(1, source_dir)[0][1]
        _write_document(files, store, options, written, unchanged, file_name=name, source_dir=source_dir,
                        scope={"scope": "source", "source": newest_source})
    store.commit()
    if options.write_jsonl:
        relpath = f"{FEEDS_DIR}/{JSONL_NAME}"
        local = files.local_root()
        if local is not None:  # unchanged lines copied from the last file (archiver.archive.feed_lines)
            changed = write_jsonl(local / relpath, relpath, store)
            store.commit()
        else:  # streamed: neither the archive's items nor the file are ever held in memory whole
            changed = files.write_stream(relpath, (f"{line}\n" for line in store.all_items()))
        (written if changed else unchanged).append(relpath)

    removed: list[str] = []
    for stale, _ in files.list(f"{FEEDS_DIR}/"):
        name = PurePosixPath(stale).name
        if PurePosixPath(stale).parent.as_posix() != FEEDS_DIR or not name.endswith(".json") or name in documents:
            continue
        if _is_our_source_feed(files, stale):
            files.delete(stale)
            removed.append(stale)
    return ExportResult(
        posts=len(plan.found),
        items=store.count(),
        written=tuple(written),
        unchanged=tuple(unchanged),
        removed=tuple(removed),
        skipped=tuple(skipped),
    )


def open_item_store(work: Path, options: FeedOptions) -> FeedItemStore:
    """The stored feed items (a local cache in the archive's work folder, see
    archiver.archive.store.work_dir); raises FileNotFoundError when there is no such
    folder (a wrong ARCHIVER_OUTPUT should not silently create an empty archive)."""
    if not work.is_dir():
        raise FileNotFoundError(f"no archive at {work}")
    return FeedItemStore(work / CACHE_PATH, options_digest(options))


def _write_document(files: ArchiveStore, store: FeedItemStore, options: FeedOptions, written: list[str],
                    unchanged: list[str], *, file_name: str, scope: dict[str, str], source_dir: str | None = None,
                    ) -> None:
    """Write one feed document, unless the file is still the one made from the same
    items, scope and options: then it is neither built nor written (a run that adds one
    post changes the archive's feed and one source's, not the other sources' feeds)."""
    relpath = f"{FEEDS_DIR}/{file_name}"
    # An item is what its post file rendered to (the store's own rule: path, mtime, size,
    # under the same options), so the files' stamps stand for the items; not an item
    # stored without a trustworthy stamp (-1: see RACY_WINDOW_NS), so then it is built.
    stamps = store.newest_stamps(options.max_items, source_dir)
    digest = hashlib.blake2b(repr((options, file_name, scope, source_dir, stamps)).encode(), digest_size=16)
    stat = files.stat(relpath)
    trusted = all(mtime_ns != UNTRUSTED_MTIME for _path, mtime_ns, _size, _source in stamps)
    if trusted and stat is not None and store.document_is_current(relpath, digest.hexdigest(), stat.mtime_ns,
                                                                  stat.size):
        unchanged.append(relpath)
        return
    rows = store.newest(options.max_items, source_dir)
    text = _document(rows, options, file_name=file_name, scope=scope, source_dir=source_dir)
    (written if files.write(relpath, text) else unchanged).append(relpath)
    stat = files.stat(relpath)
    if stat is not None:
        store.document_written(relpath, digest.hexdigest(), stat.mtime_ns, stat.size)


def _document(rows: list[tuple[str, str, str | None]], options: FeedOptions, *, file_name: str,
              scope: dict[str, str], source_dir: str | None = None) -> str:
    """One feed document from stored items (``FeedItemStore.newest``), as
    :func:`build_feed` makes it."""
    entries = [PostItem(item=json.loads(item), published=_EPOCH, source_dir=source_dir or "", source=source,
                        language=language) for item, source, language in rows]
    title = options.title if source_dir is None else f"{options.title} — {rows[0][1]}"
    return dump_feed(build_feed(entries, title=title, file_name=file_name, options=options, scope=scope))


def export_feeds(
    root: str | os.PathLike[str] | StoreSpec,
    options: FeedOptions | None = None,
    *,
    work: str | os.PathLike[str] | None = None,
) -> ExportResult:
    """Write the feeds of the archive at ``root`` (a folder, or an object store's URI or
    spec: archiver.archive.store) under its ``feeds/`` and say what happened.

    Only posts whose files changed since the last export are rendered (see
    :mod:`archiver.archive.feed_items`, a cache kept in the local folder ``work``, by default
    the archive folder); the feeds are written from the stored items, a page at a
    time, and are byte for byte what rendering every post would give. Broken posts are
    logged by path and skipped; the rest are exported. Raises FileNotFoundError when
    ``root`` does not exist and OSError when a feed cannot be written. (A crawl renders
    the changed posts in its worker processes instead: see
    ``archiver.extensions.feed_export``.)
    """
    options = options or FeedOptions()
    spec = root if isinstance(root, StoreSpec) else store_spec(root)
    files = open_store(spec)
    local = files.local_root()
    if work is None:
        if local is None:
            raise ValueError(f"{spec.uri}: an object-store archive needs a local work folder for its feed cache")
        work = local
    elif local is None:
        Path(work).mkdir(parents=True, exist_ok=True)  # a new machine's cache beside a shared store
    with open_item_store(Path(work), options) as store:
        plan = plan_export(files, store)
        # Rendered a chunk at a time and stored as it goes: never the whole archive in memory.
        chunks = (plan.stale[i:i + RENDER_CHUNK] for i in range(0, len(plan.stale), RENDER_CHUNK))
        return write_feeds(files, options, store, plan,
                           (post for chunk in chunks for post in render_posts(spec, chunk, options)))
