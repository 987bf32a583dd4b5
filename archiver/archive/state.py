"""What was archived, with which hash, which HTTP validators, and how each run went.

Lives at ``<archive>/.archiver/state.sqlite``. It is a cache of the archive, not the
archive: the Markdown files are the source of truth and :func:`rebuild_from_archive`
recreates the ``articles`` table from them.

Durability: WAL journal with ``synchronous=NORMAL``. A commit is in the WAL file as soon
as ``commit()`` returns, so killing the process at any moment (SIGKILL included) loses
nothing committed and never corrupts the database; only an OS crash or power cut can
roll back the last few commits, and the next run then simply redoes that work (the
writer's atomic, skip-if-same file writes make that harmless).

Order of operations the writer must keep: write the post file first, then
:meth:`ArchiveState.record_article`. A kill between the two leaves a file the state does
not know yet; the next run renders the same path and bytes, ``write_atomic`` skips the
write, and the record is added.

``content_hash`` is ``sha256(<the post file's bytes>).hexdigest()``, i.e. the SHA-256 of
the rendered post text encoded as UTF-8 (:func:`content_hash`), so a rebuild that hashes
the files on disk gets the very hashes the writer stored.

Pure module: no Scrapy import (``for_crawler`` imports Scrapy's signals lazily).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol, Self

from archiver import config
from archiver.archive.render import parse_post
from archiver.archive.store import ArchiveStore, open_store
from archiver.items import article_key

if TYPE_CHECKING:
    from archiver.archive.state_backends import StateBackend

logger = logging.getLogger(__name__)

STATE_DIR = ".archiver"
STATE_NAME = "state.sqlite"
SCHEMA_VERSION = 2

_SCHEMA_V1 = """
CREATE TABLE articles (
    key            TEXT PRIMARY KEY,      -- guid, else canonical URL, else link
    source         TEXT NOT NULL,
    post_path      TEXT NOT NULL UNIQUE,  -- relative to the archive root, posix
    content_hash   TEXT NOT NULL,         -- sha256 of the post file's bytes
    published      TEXT,                  -- front matter date (ISO 8601)
    updated        TEXT,                  -- front matter updated (ISO 8601)
    first_seen     TEXT NOT NULL,
    last_seen      TEXT NOT NULL,
    etag           TEXT,                  -- validators of the article page
    last_modified  TEXT
);
CREATE INDEX articles_source ON articles (source);
CREATE TABLE resources (                  -- feeds, listing pages, sitemaps
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    last_checked   TEXT NOT NULL
);
CREATE TABLE runs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    spider         TEXT,
    started        TEXT NOT NULL,
    finished       TEXT,
    status         TEXT NOT NULL,         -- "running", then Scrapy's finish reason
    counts         TEXT,                  -- JSON: totals and per-source counters
    summary        TEXT
);
"""

# The fingerprint of the feed entry each post was last made from (archiver.sources.revisit), so a
# run tells an unchanged entry of an archived article with one lookup, without reading
# the post file.
_SCHEMA_V2 = """
CREATE TABLE entry_fingerprints (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
"""

# user_version -> script that brings the schema from that version to the next one.
_MIGRATIONS: Mapping[int, str] = {0: _SCHEMA_V1, 1: _SCHEMA_V2}


class StateError(RuntimeError):
    """The state database cannot be used as it is (too new, or unreadable)."""


class PathTaken(StateError):
    """Another article already owns this post path."""

    def __init__(self, post_path: str, owner: str) -> None:
        super().__init__(f"{post_path} already belongs to article {owner!r}")
        self.post_path = post_path
        self.owner = owner


@dataclass(frozen=True)
class ArticleRecord:
    key: str
    source: str
    post_path: str
    content_hash: str
    published: str | None
    updated: str | None
    first_seen: str
    last_seen: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class RunRecord:
    id: int
    spider: str | None
    started: str
    finished: str | None
    status: str
    counts: dict[str, Any] | None
    summary: str | None


class _CrawlerLike(Protocol):
    # Enough of scrapy.crawler.Crawler for for_crawler() without importing Scrapy here.
    settings: Any
    signals: Any


def post_hash(text: str | bytes) -> str:
    """The hash stored for a post: SHA-256 of its file bytes (text as UTF-8).

    Not :func:`archiver.images.imaging.content_hash` (8-byte BLAKE2b): that one names image
    files, where a short name matters and a collision only merges two images; this one
    decides whether a post changed, and rebuilt states must agree with stored ones."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def state_path(archive_root: str | os.PathLike[str]) -> Path:
    return Path(archive_root) / STATE_DIR / STATE_NAME


class ArchiveState:
    """One SQLite connection to an archive's state.

    Scrapy components run in the reactor thread, but the image pipeline's stores and
    ``deferToThread`` callers may not: the connection is opened with
    ``check_same_thread=False`` and every call holds one lock, which costs nothing in
    the single-threaded case. Each write is its own transaction, committed at once.
    """

    def __init__(
        self,
        archive_root: str | os.PathLike[str],
        *,
        clock: Callable[[], str] = utc_now,
    ) -> None:
        self.archive_root = Path(archive_root)
        self.path = state_path(self.archive_root)
        self._clock = clock
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0)
        try:
            self._configure(conn)
        except BaseException:
            conn.close()
            raise
        self._conn: sqlite3.Connection | None = conn

    @classmethod
    def for_crawler(cls, crawler: _CrawlerLike) -> StateBackend:
        """The one state object shared by all components of ``crawler``.

        Stored on the crawler itself (``crawler.archiver_state``), so two crawlers in
        one process never share it and nothing lives at module level. Closed when the
        engine stops, which comes after ``spider_closed`` and every pipeline's
        ``close_spider``, so all of them can still write their last records.
        ``ARCHIVER_STATE_URL=postgresql://...`` puts it in PostgreSQL instead
        (:mod:`archiver.archive.state_backends`).
        """
        existing: StateBackend | None = getattr(crawler, "archiver_state", None)
        if existing is not None and not existing.closed:
            return existing
        from scrapy import signals  # lazy: keeps this module free of Scrapy

        from archiver.archive.state_backends import open_state
        from archiver.archive.store import work_dir

        # The archive's local work folder: the archive itself unless the posts go to an
        # object store (see archiver.archive.store).
        settings = crawler.settings
        state = open_state(work_dir(settings), config.STATE_URL.get(settings),
                           fleet_run=config.FLEET_RUN.get(settings) or None,
                           site=config.FLEET_SITE.get(settings) or None)
        crawler.archiver_state = state  # type: ignore[attr-defined]
        # A bound method of an object the crawler references: the weak signal
        # reference stays alive as long as the crawler does.
        crawler.signals.connect(state.close, signal=signals.engine_stopped)
        return state

    # -- connection ------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        with self._lock:
            if self._conn is None:
                return
            conn, self._conn = self._conn, None
            try:
                # Folds the WAL back into the main file so a copied archive is whole.
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                logger.debug("WAL checkpoint skipped for %s", self.path, exc_info=True)
            conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @staticmethod
    def _configure(conn: sqlite3.Connection) -> None:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StateError(
                f"state database has schema version {version}, this archiver knows "
                f"{SCHEMA_VERSION}: upgrade archiver, or run `scrapy rebuild-state`"
            )
        while version < SCHEMA_VERSION:
            # executescript() commits first and runs outside our transaction control,
            # so the version bump goes into the same script to land atomically.
            conn.executescript(f"BEGIN;\n{_MIGRATIONS[version]}\nPRAGMA user_version = {version + 1};\nCOMMIT;")
            version += 1

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StateError(f"state {self.path} is closed")
        return self._conn

    # -- articles --------------------------------------------------------------------

    def article(self, key: str) -> ArticleRecord | None:
        with self._lock:
            row = self._db().execute("SELECT * FROM articles WHERE key = ?", (key,)).fetchone()
        return _article(row) if row else None

    def path_owner(self, post_path: str) -> str | None:
        """The key of the article that owns ``post_path``, or None if it is free."""
        with self._lock:
            row = self._db().execute("SELECT key FROM articles WHERE post_path = ?", (post_path,)).fetchone()
        return row["key"] if row else None

    def record_article(
        self,
        key: str,
        *,
        source: str,
        post_path: str,
        content_hash: str,
        published: str | None = None,
        updated: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Insert or update an article; ``first_seen`` is kept, ``last_seen`` is now.

        Validators left as None keep the stored ones (the conditional-requests
        middleware stores them itself, see :meth:`set_article_validators`).
        Raises :class:`PathTaken` when another key already owns ``post_path``.
        """
        now = self._clock()
        with self._lock:
            db = self._db()
            try:
                with db:
                    db.execute(
                        """
                        INSERT INTO articles (key, source, post_path, content_hash,
                            published, updated, first_seen, last_seen, etag, last_modified)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET
                            source = excluded.source,
                            post_path = excluded.post_path,
                            content_hash = excluded.content_hash,
                            published = excluded.published,
                            updated = excluded.updated,
                            last_seen = excluded.last_seen,
                            etag = coalesce(excluded.etag, articles.etag),
                            last_modified = coalesce(excluded.last_modified, articles.last_modified)
                        """,
                        (key, source, post_path, content_hash, published, updated, now, now, etag, last_modified),
                    )
            except sqlite3.IntegrityError:
                row = db.execute("SELECT key FROM articles WHERE post_path = ?", (post_path,)).fetchone()
                if row is None or row["key"] == key:
                    raise
                raise PathTaken(post_path, row["key"]) from None

    def mark_seen(self, key: str) -> bool:
        """Bump ``last_seen`` of an unchanged article; False if the key is unknown."""
        now = self._clock()
        with self._lock:
            db = self._db()
            with db:
                cursor = db.execute("UPDATE articles SET last_seen = ? WHERE key = ?", (now, key))
        return cursor.rowcount > 0

    def set_article_validators(self, key: str, etag: str | None, last_modified: str | None) -> bool:
        """Store the article page's ETag / Last-Modified; False if the key is unknown."""
        with self._lock:
            db = self._db()
            with db:
                cursor = db.execute(
                    "UPDATE articles SET etag = ?, last_modified = ? WHERE key = ?",
                    (etag, last_modified, key),
                )
        return cursor.rowcount > 0

    def article_count(self, source: str | None = None) -> int:
        with self._lock:
            if source is None:
                row = self._db().execute("SELECT count(*) FROM articles").fetchone()
            else:
                row = self._db().execute("SELECT count(*) FROM articles WHERE source = ?", (source,)).fetchone()
        return int(row[0])

    # -- feed entry fingerprints (revisit policy) -------------------------------------

    def entry_fingerprint(self, key: str) -> str | None:
        with self._lock:
            row = self._db().execute("SELECT fingerprint FROM entry_fingerprints WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_entry_fingerprint(self, key: str, fingerprint: str) -> None:
        with self._lock:
            db = self._db()
            with db:
                db.execute("INSERT OR REPLACE INTO entry_fingerprints VALUES (?, ?)", (key, fingerprint))

    def mark_seen_many(self, keys: list[str]) -> None:
        """:meth:`mark_seen` for many unchanged articles in one transaction."""
        now = self._clock()
        with self._lock:
            db = self._db()
            with db:
                db.executemany("UPDATE articles SET last_seen = ? WHERE key = ?", [(now, key) for key in keys])

    # -- HTTP validators of feeds / listings / sitemaps ------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """``(etag, last_modified)`` last stored for ``url``; ``(None, None)`` if none."""
        with self._lock:
            row = self._db().execute("SELECT etag, last_modified FROM resources WHERE url = ?", (url,)).fetchone()
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Store (or, with both None, forget) the validators of ``url``."""
        now = self._clock()
        with self._lock:
            db = self._db()
            with db:
                if etag is None and last_modified is None:
                    db.execute("DELETE FROM resources WHERE url = ?", (url,))
                else:
                    db.execute(
                        """
                        INSERT INTO resources (url, etag, last_modified, last_checked)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                            last_modified = excluded.last_modified,
                            last_checked = excluded.last_checked
                        """,
                        (url, etag, last_modified, now),
                    )

    def clear_validators(self) -> int:
        with self._lock:
            db = self._db()
            with db:
                return db.execute("DELETE FROM resources").rowcount

    # -- runs ------------------------------------------------------------------------

    def start_run(self, spider: str | None = None) -> int:
        now = self._clock()
        with self._lock:
            db = self._db()
            with db:
                cursor = db.execute(
                    "INSERT INTO runs (spider, started, status) VALUES (?, ?, 'running')",
                    (spider, now),
                )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, Any], summary: str) -> None:
        payload = json.dumps(counts, ensure_ascii=False, sort_keys=True)
        now = self._clock()
        with self._lock:
            db = self._db()
            with db:
                db.execute(
                    "UPDATE runs SET finished = ?, status = ?, counts = ?, summary = ? WHERE id = ?",
                    (now, status, payload, summary, run_id),
                )

    def run(self, run_id: int) -> RunRecord | None:
        with self._lock:
            row = self._db().execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def last_runs(self, limit: int = 10) -> list[RunRecord]:
        with self._lock:
            rows = self._db().execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [_run(row) for row in rows]

    # -- rebuild ---------------------------------------------------------------------

    def rebuild_from_archive(self, files: ArchiveStore | None = None) -> int:
        """Replace the ``articles`` table with what the Markdown files say (those in
        ``files``, by default the archive folder).

        Also forgets every stored feed/listing validator: a rebuild means the state was
        lost or wrong, and a 304 for a feed whose articles are missing would hide them
        until the feed changes. Images and runs are kept. Returns the number of
        articles recorded.
        """
        records = list(_scan_posts(files or open_store(self.archive_root)))
        with self._lock:
            db = self._db()
            with db:
                db.execute("DELETE FROM articles")
                db.execute("DELETE FROM resources")
                db.executemany(
                    """
                    INSERT INTO articles (key, source, post_path, content_hash, published,
                        updated, first_seen, last_seen, etag, last_modified)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)
                    """,
                    records,
                )
        return len(records)


def rebuild_from_archive(archive_root: str | os.PathLike[str]) -> int:
    """Rebuild ``<archive_root>/.archiver/state.sqlite``'s articles from the posts."""
    with ArchiveState(archive_root) as state:
        return state.rebuild_from_archive()


_RebuildRow = tuple[str, str, str, str, str | None, str | None, str, str]


def _scan_posts(files: ArchiveStore) -> Iterator[_RebuildRow]:
    """One row per post in the archive store ``files``.

    The whole tree is scanned (the layout is configurable), skipping hidden files and
    folders (``.archiver/``, temp files of killed runs). A ``.md`` file counts as a post
    when its front matter has ``guid`` or ``source_url``; the key is
    ``article_key(source, guid else source_url)``, as ``Article.key`` is derived. ``first_seen`` and
    ``last_seen`` become the file's mtime, the best trace left of when it was written.
    """
    seen: dict[str, str] = {}
    for rel, stat in files.list():  # hidden files and folders left out
        if not rel.endswith(".md"):
            continue
        relative = PurePosixPath(rel)
        data = files.read_bytes(rel)
        if data is None:
            continue  # removed since listed
        try:
            meta = parse_post(data.decode("utf-8")).metadata
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop a rebuild
            logger.warning("rebuild: skipped %s: unreadable front matter (%s)", relative, exc)
            continue
        ident = _text(meta.get("guid")) or _text(meta.get("source_url"))
        if not ident:
            logger.debug("rebuild: skipped %s: no guid or source_url", relative)
            continue
        post_path = relative.as_posix()
        folder = relative.parts[-3] if len(relative.parts) >= 3 else ""  # posts/<source>/<YYYY>/
        source = _text(meta.get("source")) or folder
        key = article_key(source, ident)
        if key in seen:
            logger.warning(
                "rebuild: %s has the same key as %s (%s); keeping the first",
                post_path,
                seen[key],
                key,
            )
            continue
        seen[key] = post_path
        mtime = datetime.fromtimestamp(stat.mtime_ns / 1_000_000_000, UTC)
        stamp = mtime.isoformat(timespec="seconds")
        yield (
            key,
            source,
            post_path,
            post_hash(data),
            _date_text(meta.get("date")),
            _date_text(meta.get("updated")),
            stamp,
            stamp,
        )


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date_text(value: object) -> str | None:
    # PyYAML turns unquoted timestamps into datetime objects; keep ISO 8601 either way.
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return _text(value)


def _article(row: sqlite3.Row) -> ArticleRecord:
    return ArticleRecord(
        key=row["key"],
        source=row["source"],
        post_path=row["post_path"],
        content_hash=row["content_hash"],
        published=row["published"],
        updated=row["updated"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        etag=row["etag"],
        last_modified=row["last_modified"],
    )


def _run(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        id=row["id"],
        spider=row["spider"],
        started=row["started"],
        finished=row["finished"],
        status=row["status"],
        counts=json.loads(row["counts"]) if row["counts"] else None,
        summary=row["summary"],
    )
