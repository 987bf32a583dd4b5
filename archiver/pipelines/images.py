"""Download, resize and store an article's header, thumbnail and inline images.

Built on Scrapy's ``ImagesPipeline`` so downloads go through the engine (downloader
middlewares: robots.txt, retries, redirects, HTTP cache, throttling), the per-run
``MediaPipeline`` cache fetches a URL once per run however many articles use it, and
``IMAGES_EXPIRES`` keeps its meaning. What differs from the stock pipeline:

* one request per image URL with the roles the article needs from it (header, thumb,
  inline); pixel work (:mod:`archiver.images.imaging`) and writing the files happen in the
  crawl's worker processes (:mod:`archiver.workers.process_pool`), never on the reactor thread;
* files are named by content (``<hash>-header.<ext>``, ``<hash>-thumb.<ext>``,
  ``<hash>.<ext>`` under ``images/<source>/<YYYY>/``, the folder of the article that
  shows it, whichever article came first), so the same bytes under two URLs are stored
  once per folder, and a small SQLite index (tables in ``.archiver/state.sqlite``) maps URL ->
  files so later runs download nothing they already have;
* the files go to a folder or an object store (:mod:`archiver.archive.store`): ``IMAGES_STORE``,
  by default ``ARCHIVER_OUTPUT``;
* a bad image (404, HTML error page, truncated, SVG, tracking pixel, bomb, ...) is a
  WARNING plus an ``archiver/images/<reason>`` stat, never an exception: the article
  keeps the remote URL (or a generated placeholder for header/thumbnail).
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from itemadapter import ItemAdapter
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.pipelines.images import ImagesPipeline
from scrapy.pipelines.media import FileInfo, FileInfoOrError, MediaPipeline
from scrapy.utils.asyncio import is_asyncio_available
from scrapy.utils.datatypes import SequenceExclude
from scrapy.utils.defer import maybe_deferred_to_future

from archiver import config
from archiver import stats as stats_keys
from archiver.archive.paths import POST_DEPTH, image_dir, short_hash
from archiver.archive.state import state_path
from archiver.archive.store import open_checked_store, relative_prefix, store_spec, work_dir
from archiver.images import imaging
from archiver.images.imaging import HEADER, INLINE, THUMB, ImageOptions, ImageRejected, OutputFormat
from archiver.workers import jobs
from archiver.workers.process_pool import ProcessPool, WorkerCrashed

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from archiver.archive.state_backends.postgres import PostgresImageIndex

logger = logging.getLogger(__name__)

_T = TypeVar("_T")
UrlStyle = Literal["root", "relative"]
PlaceholderMode = Literal["none", "generate"]

ROLES_META = stats_keys.META_IMAGE_ROLES
ORIGINAL = jobs.ORIGINAL  # the untouched download, kept only with ARCHIVER_KEEP_ORIGINALS
# Reasons that will not fix themselves by asking again soon: remembered in the index and
# not re-fetched until IMAGES_EXPIRES days have passed. Server errors, timeouts, HTML
# error pages (often hot-link protection) and truncated bodies are retried next run.
PERMANENT_REASONS = frozenset({imaging.TINY, imaging.BOMB, imaging.UNSUPPORTED, "http-404", "http-410"})


class ImageResult(FileInfo, total=False):
    """What the pipeline knows about one image URL (an entry of ``item.images``)."""

    reason: str  # why it failed (status "failed")
    width: int  # source size as displayed (after EXIF rotation)
    height: int
    renditions: dict[str, str]  # role -> path relative to the archive root


@dataclass(frozen=True)
class StoredImage:
    content_hash: str
    width: int
    height: int
    fetched_at: float
    renditions: dict[str, str]


# -- the index -------------------------------------------------------------------------


class ImageIndex:
    """URL -> content hash -> stored renditions, plus URLs known to be bad.

    Tables of their own in the archive's state database; every access happens on the
    reactor thread.
    """

    _SCHEMA = """
    CREATE TABLE IF NOT EXISTS image_urls (
        url TEXT PRIMARY KEY, content_hash TEXT NOT NULL,
        width INTEGER NOT NULL, height INTEGER NOT NULL, fetched_at REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS image_renditions (
        content_hash TEXT NOT NULL, profile TEXT NOT NULL, role TEXT NOT NULL,
        path TEXT NOT NULL, PRIMARY KEY (content_hash, profile, role));
    CREATE TABLE IF NOT EXISTS image_failures (
        url TEXT PRIMARY KEY, reason TEXT NOT NULL, failed_at REAL NOT NULL);
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)  # autocommit: each write lands
        self._db.execute("PRAGMA journal_mode=WAL")
        # No fsync per commit (this runs on the reactor thread). Losing the last rows in
        # a power cut only costs a re-download: files are named by content, so the
        # same names come back.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(self._SCHEMA)

    def close(self) -> None:
        self._db.close()

    def lookup_url(self, url: str, profile: str) -> StoredImage | None:
        row = self._db.execute(
            "SELECT content_hash, width, height, fetched_at FROM image_urls WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        return StoredImage(row[0], row[1], row[2], row[3], self.renditions(row[0], profile))

    def renditions(self, content_hash: str, profile: str) -> dict[str, str]:
        rows = self._db.execute(
            "SELECT role, path FROM image_renditions WHERE content_hash = ? AND profile IN (?, '')",
            (content_hash, profile),
        )
        return dict(rows.fetchall())

    def record(
        self,
        url: str,
        content_hash: str,
        size: tuple[int, int],
        profile: str,
        renditions: Mapping[str, str],
        now: float,
    ) -> None:
        self._db.execute("BEGIN")
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO image_urls VALUES (?, ?, ?, ?, ?)", (url, content_hash, *size, now)
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO image_renditions VALUES (?, ?, ?, ?)",
                [(content_hash, "" if role == ORIGINAL else profile, role, path) for role, path in renditions.items()],
            )
            self._db.execute("DELETE FROM image_failures WHERE url = ?", (url,))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def source_size(self, content_hash: str) -> tuple[int, int]:
        row = self._db.execute(
            "SELECT width, height FROM image_urls WHERE content_hash = ? LIMIT 1", (content_hash,)
        ).fetchone()
        return (row[0], row[1]) if row else (0, 0)

    def failure(self, url: str) -> tuple[str, float] | None:
        row = self._db.execute("SELECT reason, failed_at FROM image_failures WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else None

    def record_failure(self, url: str, reason: str, now: float) -> None:
        self._db.execute("INSERT OR REPLACE INTO image_failures VALUES (?, ?, ?)", (url, reason, now))


class _BodyCache:
    """Bytes of recent downloads, so a role asked for later in the run (say, the first
    inline image turning out to be the header) is rendered without a second fetch."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._size = 0
        self._items: OrderedDict[str, tuple[bytes, str | None]] = OrderedDict()

    def get(self, url: str) -> tuple[bytes, str | None] | None:
        entry = self._items.get(url)
        if entry is not None:
            self._items.move_to_end(url)
        return entry

    def put(self, url: str, data: bytes, content_type: str | None) -> None:
        if len(data) > self._budget // 4 or url in self._items:
            return
        self._items[url] = (data, content_type)
        self._size += len(data)
        while self._size > self._budget:
            _, (old, _) = self._items.popitem(last=False)
            self._size -= len(old)


# -- HTML helpers (pure) ---------------------------------------------------------------

_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_SOURCE_WITH_SRCSET = re.compile(
    r"""<source\b(?:[^>"']|"[^"]*"|'[^']*')*\bsrcset\s*=(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_DROPPED_ATTRS = {"srcset", "sizes"}


def _tag_attrs(tag: str) -> list[tuple[str, str | None]]:
    inner = tag[4:].rstrip(">").rstrip("/")
    attrs: list[tuple[str, str | None]] = []
    for name, raw in _ATTR.findall(inner):
        value = None if raw == "" else html.unescape(raw[1:-1] if raw[:1] in "\"'" else raw)
        attrs.append((name.lower(), value))
    return attrs


def img_srcs(content_html: str | None) -> list[str]:
    """Absolute http(s) ``<img src>`` URLs in document order, unescaped, without repeats."""
    seen: dict[str, None] = {}
    for match in _IMG_TAG.finditer(content_html or ""):
        src = dict(_tag_attrs(match.group(0))).get("src")
        if src and src.strip().lower().startswith(("http://", "https://")):
            seen.setdefault(src.strip(), None)
    return list(seen)


def rewrite_img_srcs(content_html: str, mapping: Mapping[str, str]) -> str:
    """Point every mapped ``<img src>`` at its local copy; drop its ``srcset``/``sizes``
    (and ``<picture><source srcset>``) so a browser cannot pick a remote variant."""
    if not mapping:
        return content_html

    def replace(match: re.Match[str]) -> str:
        attrs = _tag_attrs(match.group(0))
        src = dict(attrs).get("src")
        local = mapping.get(src.strip()) if src else None
        if local is None:
            return match.group(0)
        parts = ["<img"]
        for name, value in attrs:
            if name in _DROPPED_ATTRS:
                continue
            if name == "src":
                value = local
            parts.append(f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"')
        return "".join(parts) + ">"

    rewritten = _IMG_TAG.sub(replace, content_html)
    return _SOURCE_WITH_SRCSET.sub("", rewritten)


# -- settings --------------------------------------------------------------------------


def parse_size(value: Any) -> tuple[int, int]:
    """``"400x300"``, ``"400,300"`` or ``[400, 300]`` -> ``(400, 300)``."""
    parts = re.split(r"[x×,\s]+", value.strip().lower()) if isinstance(value, str) else list(value)
    if len(parts) != 2:
        raise ValueError(f"expected WIDTHxHEIGHT, got {value!r}")
    width, height = int(parts[0]), int(parts[1])
    if width <= 0 or height <= 0:
        raise ValueError(f"expected a positive size, got {value!r}")
    return width, height


def _choice(value: str, allowed: Iterable[str], name: str) -> str:
    value = str(value).strip().lower()
    if value not in allowed:
        raise ValueError(f"{name} must be one of {sorted(allowed)}, got {value!r}")
    return value


# -- the pipeline ----------------------------------------------------------------------


class ArticleImagesPipeline(ImagesPipeline):
    # The fallback header (no lead image) is the first inline image at least this big
    # on both sides: smaller ones are icons, emoji and spacers.
    HEADER_MIN_SIDE = 100
    BODY_CACHE_BYTES = 16 * 1024 * 1024

    def __init__(
        self,
        store_uri: str | os.PathLike[str],
        *,
        crawler: Crawler,
        options: ImageOptions,
        archive_root: str | os.PathLike[str],
        url_style: UrlStyle = "root",
        placeholder: PlaceholderMode = "none",
        keep_originals: bool = False,
        referer: bool = True,
        workers: int = 2,
        local_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        local_store = str(store_uri).removeprefix("file://")
        if "://" not in local_store:
            # Scrapy's FSFilesStore checks exists() and then mkdir()s without exist_ok:
            # two crawls of a fleet starting at once race there, and the loser fails.
            Path(local_store).mkdir(parents=True, exist_ok=True)
        # Renditions and originals are written and read through the archive stores (a
        # folder or an object store: archiver.archive.store), never through local
        # paths; one that cannot be used stops the crawl here (exit 2), before
        # Scrapy's own store fails on it less clearly.
        self.files = open_checked_store(store_spec(archive_root, crawler.settings), config.OUTPUT.name)
        self.images = open_checked_store(store_spec(store_uri, crawler.settings),
                                         "IMAGES_STORE" if crawler.settings.get("IMAGES_STORE") else config.OUTPUT.name)
        super().__init__(store_uri, crawler=crawler)
        self.images_root = self.images.local_root()  # None for an object store
        self.archive_root = Path(archive_root)
        # The index's SQLite file: the archive folder, or ARCHIVER_WORK_DIR beside an object store.
        self.local_dir = Path(local_dir) if local_dir is not None else self.archive_root
        self.options = options
        self.profile = options.profile()
        self.url_style = url_style
        self.placeholder_mode = placeholder
        self.keep_originals = keep_originals
        self.referer = referer
        self.workers = workers
        self.pool = ProcessPool.for_crawler(crawler)
        # Where images/... sits inside the archive: "" unless IMAGES_STORE is a subfolder.
        self._store_prefix = relative_prefix(self.images.spec, self.files.spec)
        # Images are often served through redirects (CDNs, http->https); MediaPipeline
        # does not follow them unless MEDIA_ALLOW_REDIRECTS is set, so we always do.
        self.handle_httpstatus_list = SequenceExclude(range(300, 400))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        cls._update_stores(settings)
        archive_root = config.OUTPUT.get(settings)
        store_uri = settings.get("IMAGES_STORE") or archive_root
        options = ImageOptions(
            header_max_width=config.HEADER_MAX_WIDTH.get(settings),
            thumb_size=parse_size(config.THUMB_SIZE.get(settings)),
            inline_max_width=config.INLINE_MAX_WIDTH.get(settings),
            fmt=cast(
                OutputFormat,
                _choice(
                    config.IMAGE_FORMAT.get(settings), imaging.OUTPUT_FORMATS, config.IMAGE_FORMAT.name
                ),
            ),
            max_pixels=config.IMAGE_MAX_PIXELS.get(settings),
        )
        return cls(
            store_uri,
            crawler=crawler,
            options=options,
            archive_root=archive_root,
            url_style=cast(
                UrlStyle,
                _choice(
                    config.IMAGE_URL_STYLE.get(settings), config.IMAGE_URL_STYLE.choices, config.IMAGE_URL_STYLE.name
                ),
            ),
            placeholder=cast(
                PlaceholderMode,
                _choice(config.PLACEHOLDER.get(settings), config.PLACEHOLDER.choices, config.PLACEHOLDER.name),
            ),
            keep_originals=config.KEEP_ORIGINALS.get(settings),
            referer=config.IMAGE_REFERER.get(settings),
            workers=config.IMAGE_THREADS.get(settings) or min(4, os.cpu_count() or 1),
            local_dir=work_dir(settings),
        )

    # -- lifecycle ---------------------------------------------------------------------

    def open_spider(self, spider: Any = None) -> None:
        super().open_spider()
        # Its own tables in the archive's state database (a second connection: WAL lets
        # both write); `scrapy rebuild-state` leaves them alone.
        state_url = config.STATE_URL.get(self.crawler.settings) if self.crawler else None
        self._index: ImageIndex | PostgresImageIndex
        if state_url:  # a fleet: the index is shared with the rest of the state in PostgreSQL
            from archiver.archive.state_backends.postgres import PostgresImageIndex

            self._index = PostgresImageIndex(state_url)
        else:
            self._index = ImageIndex(state_path(self.local_dir))
        # Placeholders (drawn, not decoded) and file writes: downloads render in the worker processes.
        self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="archiver-images")
        self._bodies = _BodyCache(self.BODY_CACHE_BYTES)
        self._run_failures: dict[str, str] = {}
        self._plans: dict[int, dict[str, set[str]]] = {}
        self._files_by_stem: dict[str, str] | None = None

    def close_spider(self, spider: Any = None) -> None:
        self._executor.shutdown(wait=True)
        self._index.close()

    # -- planning ----------------------------------------------------------------------

    def _plan(self, adapter: ItemAdapter) -> dict[str, set[str]]:
        """URL -> roles this article needs from it, inline images in document order."""
        plan: dict[str, set[str]] = {}
        lead = _http_url(adapter.get("lead_image_url"))
        thumb = _http_url(adapter.get("thumbnail_url"))
        if lead:
            plan.setdefault(lead, set()).add(HEADER)
            if not thumb:
                plan[lead].add(THUMB)
        if thumb:
            plan.setdefault(thumb, set()).add(THUMB)
        for src in img_srcs(adapter.get("content_html")):
            plan.setdefault(src, set()).add(INLINE)
        return plan

    def _referer(self, adapter: ItemAdapter) -> str | None:
        sources = getattr(self.crawler.spider, "sources", None)
        source = sources.get(adapter.get("source")) if isinstance(sources, Mapping) else None
        override = getattr(source, "image_referer", None)
        if override is False:
            return None
        if isinstance(override, str) and override:
            return override
        return adapter.get("url") if self.referer else None

    def _request(self, url: str, roles: Iterable[str], adapter: ItemAdapter) -> Request:
        referer = self._referer(adapter)
        return Request(
            url,
            callback=NO_CALLBACK,
            headers={"Referer": referer} if referer else None,
            meta={
                ROLES_META: sorted(roles),
                "handle_httpstatus_list": self.handle_httpstatus_list,
                # We log our own WARNING with the reason once retries are exhausted; a
                # dead image on another site is not an ERROR of this crawl.
                "give_up_log_level": logging.INFO,
            },
        )

    def get_media_requests(self, item: Any, info: MediaPipeline.SpiderInfo) -> list[Request]:
        adapter = ItemAdapter(item)
        plan = self._plan(adapter)
        self._plans[id(item)] = plan
        adapter["image_urls"] = list(plan)
        return [self._request(url, roles, adapter) for url, roles in plan.items()]

    # -- per request -------------------------------------------------------------------

    # MediaPipeline awaits this through ensure_awaitable(), so a coroutine is fine at
    # runtime; its annotation still says Deferred.
    async def media_to_download(  # type: ignore[override]
        self, request: Request, info: MediaPipeline.SpiderInfo, *, item: Any = None
    ) -> FileInfo:
        """Answer every request here: from the index, from this run's memory, or by
        downloading it ourselves. Returning a result (even a failed one) instead of
        raising matters: MediaPipeline logs any exception as an ERROR with a traceback,
        and a broken image on someone else's site is expected, not an error."""
        return cast(FileInfo, await self._resolve(request, item))

    async def _resolve(self, request: Request, item: Any) -> ImageResult:
        url = request.url
        roles = set(request.meta.get(ROLES_META, (INLINE,)))
        if url in self._run_failures:  # failed earlier in this run (other roles)
            return _failed(url, self._run_failures[url])
        now = time.time()
        stored = self._index.lookup_url(url, self.profile)
        fresh = stored is not None and now - stored.fetched_at < self.expires * 86400
        if (
            stored is not None
            and fresh
            and roles <= stored.renditions.keys()
            and await self._all_exist(stored.renditions, roles)
        ):
            self.crawler.stats.inc_value(stats_keys.IMAGES_REUSED)
            self.inc_stats("uptodate")
            return self._result(url, "uptodate", stored.content_hash, (stored.width, stored.height), stored.renditions)
        known_bad = self._index.failure(url)
        if known_bad and known_bad[0] in PERMANENT_REASONS and now - known_bad[1] < self.expires * 86400:
            self.crawler.stats.inc_value(stats_keys.images("known_bad"))
            logger.debug("Image %s skipped: %s on an earlier run", url, known_bad[0])
            return _failed(url, known_bad[0])
        body = self._bodies.get(url) or await self._kept_original(stored)
        if body is not None:
            return await self._process(url, body[0], body[1], roles, item, status="uptodate")
        result = await self._download(request, item)
        if (result.get("status") == "failed" and stored is not None and roles <= stored.renditions.keys()
                and await self._all_exist(stored.renditions, roles)):
            # Expired, and the site no longer serves it: the stored copy is still good
            # (files are named by content), so the post keeps its local link.
            logger.info("Image %s could not be refreshed (%s); keeping the stored copy", url, result.get("reason"))
            return self._result(url, "uptodate", stored.content_hash, (stored.width, stored.height), stored.renditions)
        return result

    async def _download(self, request: Request, item: Any) -> ImageResult:
        try:
            response = await self.crawler.engine.download_async(request)
        except IgnoreRequest as exc:  # robots.txt, offsite, ...
            return self._fail(request.url, "filtered", str(exc) or type(exc).__name__, item)
        except Exception as exc:  # noqa: BLE001  (timeouts, DNS, refused: RetryMiddleware gave up)
            reason = "timeout" if "timeout" in type(exc).__name__.lower() else "network"
            return self._fail(request.url, reason, str(exc) or type(exc).__name__, item)
        return cast(ImageResult, await self.media_downloaded(response, request, self.spiderinfo, item=item))

    async def media_downloaded(
        self, response: Response, request: Request, info: MediaPipeline.SpiderInfo, *, item: Any = None
    ) -> FileInfo:
        if response.status != 200:
            return cast(FileInfo, self._fail(request.url, f"http-{response.status}", f"status {response.status}", item))
        content_type = response.headers.get("Content-Type")
        ctype = content_type.decode("latin-1") if content_type else None
        roles = set(request.meta.get(ROLES_META, (INLINE,)))
        return cast(FileInfo, await self._process(request.url, response.body, ctype, roles, item, status="downloaded"))

    async def _process(
        self, url: str, data: bytes, content_type: str | None, roles: set[str], item: Any, *, status: str
    ) -> ImageResult:
        digest = imaging.content_hash(data)
        known = self._index.renditions(digest, self.profile)
        missing = {r for r in roles if r not in known or not await self._all_exist(known, (r,))}
        if self.keep_originals and ORIGINAL not in known:
            missing.add(ORIGINAL)
        for role in sorted(missing - {ORIGINAL}):
            found = await self._stored_elsewhere(digest, role)
            if found:
                known[role] = found
                missing.discard(role)
        folder = self._image_folder(ItemAdapter(item))
        size = (0, 0)
        if missing:
            try:
                made, size = await self._render_and_store(data, content_type, missing, folder, digest)
            except ImageRejected as exc:
                return self._fail(url, exc.reason, exc.detail, item)
            except WorkerCrashed as exc:
                return self._fail(url, "worker_crashed", str(exc), item)
            except Exception as exc:  # a Pillow bug on hostile input must not sink the item
                logger.warning("Image %s failed: error (%r)", url, exc, exc_info=True)
                return self._fail(url, "error", repr(exc), item, log=False)
            known.update(made)
        else:
            stored = self._index.lookup_url(url, self.profile)
            size = (stored.width, stored.height) if stored else self._index.source_size(digest)
        self._index.record(url, digest, size, self.profile, known, time.time())
        self._bodies.put(url, data, content_type)
        if status == "downloaded":
            self.crawler.stats.inc_value(stats_keys.IMAGES_DOWNLOADED)
            self.inc_stats(status)
        return self._result(url, status, digest, size, known)

    async def _render_and_store(
        self, data: bytes, content_type: str | None, roles: set[str], folder: PurePosixPath, digest: str
    ) -> tuple[dict[str, str], tuple[int, int]]:
        """Decode once and make every missing rendition in a worker process; write each
        atomically here, in threads (see ``jobs.render_files``)."""
        files, size = await self.pool.run(
            jobs.render_files, data, content_type, frozenset(roles), self.options, str(folder), digest)

        def write(role: str, relpath: str, payload: bytes | None) -> None:
            (self.files if role == ORIGINAL else self.images).write(relpath, data if payload is None else payload)

        await asyncio.gather(*(self._in_thread(write, role, relpath, payload)
                               for role, (relpath, payload) in files.items()))
        return {role: relpath for role, (relpath, _) in files.items()}, size

    async def _stored_elsewhere(self, digest: str, role: str) -> str | None:
        """A rendition of these bytes already in the archive, under any source's folder.

        File names are the content hash, so this finds what an earlier run stored even
        when the index forgot it (state deleted and rebuilt): the same file is linked
        again instead of a copy in another folder, and posts keep their links. The
        folders are listed once per run, on the first miss, not once per image: what
        this run stores goes into the index, which is asked first."""
        if self._files_by_stem is None:
            listed = await self._io(self.images.list, "images/")
            self._files_by_stem = {}
            for relpath, _ in listed:  # sorted; hidden and temp files left out
                parts = relpath.split("/")
                if len(parts) == 4:  # images/<source>/<YYYY>/<file>
                    self._files_by_stem.setdefault(parts[3].partition(".")[0], relpath)
        return self._files_by_stem.get(digest if role == INLINE else f"{digest}-{role}")

    async def _kept_original(self, stored: StoredImage | None) -> tuple[bytes, str | None] | None:
        path = stored.renditions.get(ORIGINAL) if stored else None
        if not path:
            return None
        try:
            data = await self._io(self.files.read_bytes, path)
        except OSError:
            return None
        return (data, None) if data is not None else None

    async def _all_exist(self, renditions: Mapping[str, str], roles: Iterable[str]) -> bool:
        def check() -> bool:
            return all((self.files if role == ORIGINAL else self.images).exists(renditions[role]) for role in roles)

        return await self._io(check)

    async def _io(self, func: Callable[..., _T], *args: Any) -> _T:
        """A call to the stores: inline for folders (as always), in a thread for an
        object store, whose calls wait on the network and must not stall the reactor."""
        if self.images.remote or self.files.remote:
            return await self._in_thread(func, *args)
        return func(*args)

    def _fail(self, url: str, reason: str, detail: str, item: Any, *, log: bool = True) -> ImageResult:
        if log:
            article = ItemAdapter(item).get("url") if item is not None else None
            logger.warning("Image %s skipped: %s (%s) in article %s", url, reason, detail, article)
        self.crawler.stats.inc_value(stats_keys.images(reason))
        source = ItemAdapter(item).get("source") if item is not None else None
        if source and reason not in PERMANENT_REASONS:
            # Worth another try: counted against the source, its feed is read in full
            # next run (no validators stored) and this image is asked for again.
            self.crawler.stats.inc_value(stats_keys.source_failed(source))
        self._run_failures[url] = reason
        self._index.record_failure(url, reason, time.time())
        return _failed(url, reason)

    def _result(
        self, url: str, status: str, digest: str, size: tuple[int, int], renditions: Mapping[str, str]
    ) -> ImageResult:
        published = {r: p for r, p in renditions.items() if r != ORIGINAL}
        main = published.get(INLINE) or published.get(HEADER) or published.get(THUMB) or ""
        return ImageResult(
            url=url,
            path=main,
            checksum=digest,
            status=status,
            width=size[0],
            height=size[1],
            renditions=published,
        )

    async def _in_thread(self, func: Callable[..., _T], *args: Any) -> _T:
        if is_asyncio_available():
            return await asyncio.get_running_loop().run_in_executor(self._executor, func, *args)
        from twisted.internet import threads  # another reactor: Twisted's own thread pool

        return await maybe_deferred_to_future(threads.deferToThread(func, *args))

    # -- per item ----------------------------------------------------------------------

    async def process_item(self, item: Any) -> Any:  # type: ignore[override]  # no spider arg (2.14+)
        item = await super().process_item(item)
        await self._finish(item)
        return item

    def item_completed(self, results: list[FileInfoOrError], item: Any, info: MediaPipeline.SpiderInfo) -> Any:
        adapter = ItemAdapter(item)
        outcomes: list[ImageResult] = []
        for url, (ok, value) in zip(adapter.get("image_urls") or [], results, strict=False):
            if ok and isinstance(value, dict):
                outcomes.append(cast(ImageResult, value))
            else:  # only reachable through a bug: every request is answered with a result
                logger.warning("Image %s skipped: error (%s)", url, getattr(value, "value", value))
                self.crawler.stats.inc_value(stats_keys.images("error"))
                outcomes.append(_failed(url, "error"))
        adapter["images"] = outcomes
        return item

    async def _finish(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        plan = self._plans.pop(id(item), None) or self._plan(adapter)
        results: dict[str, ImageResult] = {r["url"]: r for r in adapter.get("images") or []}
        lead = _http_url(adapter.get("lead_image_url"))
        thumb_url = _http_url(adapter.get("thumbnail_url"))

        def ok(url: str | None) -> bool:
            result = results.get(url) if url else None
            return result is not None and result.get("status") != "failed"

        header_url = lead
        if header_url is None:
            header_url = next(
                (
                    u
                    for u, roles in plan.items()
                    if INLINE in roles
                    and ok(u)
                    and min(results[u].get("width", 0), results[u].get("height", 0)) >= self.HEADER_MIN_SIDE
                ),
                None,
            )
        thumb_source = thumb_url if ok(thumb_url) else (header_url if ok(header_url) else None)
        needs: dict[str, set[str]] = {}
        if header_url and ok(header_url):
            needs.setdefault(header_url, set()).add(HEADER)
        if thumb_source:
            needs.setdefault(thumb_source, set()).add(THUMB)
        # Roles this article needs but the run's cached result for the URL lacks (the
        # URL was first fetched for another article with other roles): fill them in.
        for url, roles in plan.items():
            needs.setdefault(url, set()).update(roles)
        fills = {
            url: roles | set(results[url].get("renditions", {}))
            for url, roles in needs.items()
            if ok(url) and not roles <= set(results[url].get("renditions", {}))
        }
        for url, roles in fills.items():  # rarely more than one (the fallback header)
            results[url] = await self._resolve(self._request(url, roles, adapter), item)
        folder = self._image_folder(adapter)
        for url, roles in needs.items():
            if ok(url):
                results[url] = await self._placed(results[url], roles, folder)

        def local(url: str | None, role: str) -> str | None:
            if not url or not ok(url):
                return None
            path = results[url].get("renditions", {}).get(role)
            return self._public_url(path) if path else None

        headimg = local(header_url, HEADER)
        thumbnail = local(thumb_source, THUMB)
        if (headimg is None or thumbnail is None) and self.placeholder_mode == "generate":
            made = await self._placeholders(adapter, header=headimg is None, thumb=thumbnail is None)
            headimg = headimg or made.get(HEADER)
            thumbnail = thumbnail or made.get(THUMB)
        adapter["headimg"] = headimg or lead
        adapter["thumbnail"] = thumbnail or thumb_url or lead

        image_map: dict[str, str] = {}
        for url in plan:
            for role in (INLINE, HEADER, THUMB):
                target = local(url, role)
                if target:
                    image_map[url] = target
                    break
        adapter["image_map"] = image_map
        inline_map = {u: t for u in plan if (t := local(u, INLINE))}
        if adapter.get("content_html"):
            adapter["content_html"] = rewrite_img_srcs(adapter["content_html"], inline_map)
        adapter["images"] = [r for r in results.values() if r.get("status") != "failed"]
        adapter["images_retry_at"] = self._retry_at(plan, results)

    def _retry_at(self, urls: Iterable[str], results: Mapping[str, ImageResult]) -> float | None:
        """When this article's failed images are worth asking for again: the earliest
        expiry of their remembered permanent failures; None when one of them may work
        next run (a transient failure) or none failed."""
        expiries = []
        for url in urls:
            result = results.get(url)
            if result is None or result.get("status") != "failed":
                continue
            if result.get("reason") not in PERMANENT_REASONS:
                return None
            failure = self._index.failure(url)
            expiries.append((failure[1] if failure else time.time()) + self.expires * 86400)
        return min(expiries, default=None)

    async def _placed(self, result: ImageResult, roles: set[str], folder: PurePosixPath) -> ImageResult:
        """``result`` with the renditions this article uses (``roles``) in its own folder.

        Where an image lives must not depend on which article met it first: with a
        fleet, that is whichever worker got there first, and the archive would differ
        from one machine's. So an image also used by another source (or year) is
        copied into this article's ``images/<source>/<YYYY>/``, under the same
        content-hash name: its location is a function of the article and the bytes
        alone. Shared images are rare (wire photos); a copy costs one file each."""
        renditions = result.get("renditions", {})
        moved = {role: str(folder / PurePosixPath(path).name) for role, path in renditions.items()
                 if role in roles and PurePosixPath(path).parent != folder}
        if not moved:
            return result

        def copy() -> dict[str, str]:
            done = {}
            for role, target in moved.items():
                try:
                    if self.images.exists(target) or self.images.copy(renditions[role], target):
                        done[role] = target
                    else:
                        logger.warning("Image %s not copied to %s: it is gone", renditions[role], target)
                except OSError as exc:  # the link stays on the other folder's copy
                    logger.warning("Image %s not copied to %s: %s", renditions[role], target, exc)
            return done

        copied = await self._io(copy)
        if len(copied) < len(moved):
            self.crawler.stats.inc_value(stats_keys.images("copy_failed"), len(moved) - len(copied))
        placed = {**renditions, **copied}
        main = placed.get(INLINE) or placed.get(HEADER) or placed.get(THUMB) or ""
        return cast(ImageResult, {**result, "renditions": placed, "path": main})

    async def _placeholders(self, adapter: ItemAdapter, *, header: bool, thumb: bool) -> dict[str, str]:
        source = str(adapter.get("source") or "")
        title = str(adapter.get("title") or adapter.get("url") or "")
        fmt = self.options.fmt
        ext = imaging.placeholder_ext(fmt)
        folder = self._image_folder(adapter)
        sizes = {}
        if header:
            width = self.options.header_max_width
            sizes[HEADER] = (width, round(width * self.options.thumb_size[1] / self.options.thumb_size[0]))
        if thumb:
            sizes[THUMB] = self.options.thumb_size

        def make() -> dict[str, str]:
            out = {}
            for role, size in sizes.items():
                # Named from what determines the pixels, so an existing file is current.
                key = short_hash(f"{source}\0{title}\0{size}\0{fmt}", 16)
                relpath = str(folder / f"placeholder-{key}-{role}.{ext}")
                if not self.images.exists(relpath):
                    self.images.write(relpath, imaging.placeholder(source, title, size, fmt))
                out[role] = relpath
            return out

        made = await self._in_thread(make)
        self.crawler.stats.inc_value(stats_keys.images("placeholder"), len(made))
        return {role: self._public_url(path) for role, path in made.items()}

    # -- paths -------------------------------------------------------------------------

    def _image_folder(self, adapter: ItemAdapter) -> PurePosixPath:
        date = adapter.get("published") or adapter.get("updated")
        if not date or not re.match(r"\d{4}", str(date)):
            # Undated article: this year's folder. The index remembers where each URL
            # went, so a later run links the same files whatever the date then.
            date = datetime.now(UTC).isoformat()
        return image_dir(str(adapter.get("source") or "unknown"), str(date))

    def _public_url(self, relpath: str) -> str:
        relpath = self._store_prefix + relpath
        if self.url_style == "relative":
            return "../" * POST_DEPTH + relpath
        return "/" + relpath


def _http_url(value: Any) -> str | None:
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def _failed(url: str, reason: str) -> ImageResult:
    return ImageResult(url=url, path="", checksum=None, status="failed", reason=reason)


__all__ = ["ArticleImagesPipeline", "ImageIndex", "img_srcs", "parse_size", "rewrite_img_srcs"]
