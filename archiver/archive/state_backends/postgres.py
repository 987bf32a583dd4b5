"""The archive's state in PostgreSQL, shared by every worker of a fleet (psycopg 3).

Same tables and the same answers as the SQLite state (:mod:`archiver.archive.state`), so every
component works unchanged; what PostgreSQL adds:

* many processes on many machines write at once; post-path ownership is the UNIQUE
  constraint on ``articles.post_path``, so two workers can never both claim one file;
* runs carry ``fleet_run``: the distributed run (:mod:`archiver.distributed`) they
  belong to, so one summary per run covers every worker;
* the tables of the distributed runs (``fleet_runs``, ``fleet_sites``) live here too,
  next to the task engine's own tables: one service to run and back up.

Schema versions: one row in ``archiver_schema``; migrations run under an advisory lock,
so workers starting together migrate once. Every statement autocommits (a committed
write survives a SIGKILL of the worker, as with SQLite's WAL).

Pure module: no Scrapy import (the image index imports the pipeline's record types lazily).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from archiver.archive.state import ArticleRecord, PathTaken, RunRecord, StateError, utc_now
from archiver.archive.state import _scan_posts as scan_posts  # the one post scanner, shared with SQLite
from archiver.archive.store import ArchiveStore, open_store

if TYPE_CHECKING:
    from archiver.pipelines.images import StoredImage

SCHEMA_VERSION = 3
# Any constant: the key of the advisory lock that serializes migrations.
_MIGRATION_LOCK = 0x61726368

_SCHEMA_V1 = """
CREATE TABLE articles (
    key            TEXT PRIMARY KEY,
    source         TEXT NOT NULL,
    post_path      TEXT NOT NULL UNIQUE,
    content_hash   TEXT NOT NULL,
    published      TEXT,
    updated        TEXT,
    first_seen     TEXT NOT NULL,
    last_seen      TEXT NOT NULL,
    etag           TEXT,
    last_modified  TEXT
);
CREATE INDEX articles_source ON articles (source);
CREATE TABLE resources (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    last_checked   TEXT NOT NULL
);
CREATE TABLE fleet_runs (
    id             BIGSERIAL PRIMARY KEY,
    spider         TEXT NOT NULL,
    started        TEXT NOT NULL,
    finished       TEXT,
    status         TEXT NOT NULL          -- running, finished, failed
);
-- At most one distributed run is active: a second start is refused by the database.
CREATE UNIQUE INDEX fleet_runs_one_running ON fleet_runs ((status)) WHERE status = 'running';
CREATE TABLE fleet_sites (
    run_id         BIGINT NOT NULL REFERENCES fleet_runs (id),
    site           TEXT NOT NULL,         -- host of the sources' URLs: the politeness unit
    sources        JSONB NOT NULL,        -- the sources.yml entries of this site
    status         TEXT NOT NULL,         -- todo, doing, done, failed
    worker         TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    started        TEXT,
    finished       TEXT,
    exit_code      INTEGER,
    PRIMARY KEY (run_id, site)
);
CREATE TABLE runs (
    id             BIGSERIAL PRIMARY KEY,
    spider         TEXT,
    started        TEXT NOT NULL,
    finished       TEXT,
    status         TEXT NOT NULL,
    counts         JSONB,
    summary        TEXT,
    fleet_run      BIGINT REFERENCES fleet_runs (id),
    site           TEXT
);
CREATE INDEX runs_fleet_run ON runs (fleet_run);
"""

# The image index (see archiver.pipelines.images.ImageIndex): URL -> content hash ->
# stored renditions, and URLs known to be bad. Shared, so no worker downloads an image
# another worker already stored.
_SCHEMA_V2 = """
CREATE TABLE image_urls (
    url TEXT PRIMARY KEY, content_hash TEXT NOT NULL,
    width INTEGER NOT NULL, height INTEGER NOT NULL, fetched_at DOUBLE PRECISION NOT NULL);
CREATE INDEX image_urls_hash ON image_urls (content_hash);
CREATE TABLE image_renditions (
    content_hash TEXT NOT NULL, profile TEXT NOT NULL, role TEXT NOT NULL,
    path TEXT NOT NULL, PRIMARY KEY (content_hash, profile, role));
CREATE TABLE image_failures (
    url TEXT PRIMARY KEY, reason TEXT NOT NULL, failed_at DOUBLE PRECISION NOT NULL);
"""

# The fingerprint of the feed entry each post was last made from (archiver.sources.revisit).
_SCHEMA_V3 = """
CREATE TABLE entry_fingerprints (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
"""

# schema version -> script that brings the schema from that version to the next one.
_MIGRATIONS: Mapping[int, str] = {0: _SCHEMA_V1, 1: _SCHEMA_V2, 2: _SCHEMA_V3}

_RUN_COLUMNS = "id, spider, started, finished, status, counts, summary"


def migrate(conn: psycopg.Connection[Any]) -> None:
    """Bring the database to :data:`SCHEMA_VERSION`; refuse a newer one."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS archiver_schema (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM archiver_schema").fetchone()
        if row is None:
            conn.execute("INSERT INTO archiver_schema VALUES (0)")
            version = 0
        else:
            version = _column(row, "version")
        if version > SCHEMA_VERSION:
            raise StateError(
                f"state database has schema version {version}, this archiver knows "
                f"{SCHEMA_VERSION}: upgrade archiver on every worker"
            )
        while version < SCHEMA_VERSION:
            conn.execute(_MIGRATIONS[version])  # type: ignore[arg-type]
            version += 1
            conn.execute("UPDATE archiver_schema SET version = %s", (version,))


def _column(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, Mapping) else row[0]


def connect(url: str) -> psycopg.Connection[dict[str, Any]]:
    try:
        return psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise StateError(f"cannot connect to the state database: {exc}") from exc


def connect_migrated(url: str) -> psycopg.Connection[dict[str, Any]]:
    """A connection to a database whose schema is current (migrated now if it was older)."""
    conn = connect(url)
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


class PostgresArchiveState:
    """One connection to the shared state; the same methods as :class:`archiver.archive.state.ArchiveState`.

    ``archive_root`` is where this worker sees the posts (a shared folder), used by
    :meth:`rebuild_from_archive`. Calls are serialized by a lock, as in the SQLite
    state, because image-store threads may call in.
    """

    def __init__(
        self,
        url: str,
        archive_root: str | os.PathLike[str],
        *,
        clock: Callable[[], str] = utc_now,
        fleet_run: int | None = None,
        site: str | None = None,
    ) -> None:
        self.url = url
        self.archive_root = Path(archive_root)
        self.fleet_run = fleet_run
        self.site = site
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: psycopg.Connection[dict[str, Any]] | None = connect_migrated(url)

    # -- connection ------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                conn, self._conn = self._conn, None
                conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _db(self) -> psycopg.Connection[dict[str, Any]]:
        if self._conn is None:
            raise StateError("PostgreSQL state is closed")
        return self._conn

    def _one(self, query: str, params: tuple[Any, ...] = ()) -> dict[str, Any] | None:
        with self._lock:
            return self._db().execute(query, params).fetchone()  # type: ignore[arg-type]

    def _write(self, query: str, params: tuple[Any, ...] = ()) -> int:
        with self._lock:
            return self._db().execute(query, params).rowcount  # type: ignore[arg-type]

    # -- articles --------------------------------------------------------------------

    def article(self, key: str) -> ArticleRecord | None:
        row = self._one("SELECT * FROM articles WHERE key = %s", (key,))
        return ArticleRecord(**row) if row else None

    def path_owner(self, post_path: str) -> str | None:
        row = self._one("SELECT key FROM articles WHERE post_path = %s", (post_path,))
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
        now = self._clock()
        try:
            self._write(
                """
                INSERT INTO articles (key, source, post_path, content_hash,
                    published, updated, first_seen, last_seen, etag, last_modified)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
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
        except psycopg.errors.UniqueViolation:
            owner = self.path_owner(post_path)
            if owner is None or owner == key:
                raise
            raise PathTaken(post_path, owner) from None

    def mark_seen(self, key: str) -> bool:
        return self._write("UPDATE articles SET last_seen = %s WHERE key = %s", (self._clock(), key)) > 0

    def mark_seen_many(self, keys: list[str]) -> None:
        now = self._clock()
        with self._lock:
            db = self._db()
            with db.transaction(), db.cursor() as cursor:
                cursor.executemany("UPDATE articles SET last_seen = %s WHERE key = %s", [(now, key) for key in keys])

    def entry_fingerprint(self, key: str) -> str | None:
        row = self._one("SELECT fingerprint FROM entry_fingerprints WHERE key = %s", (key,))
        return row["fingerprint"] if row else None

    def set_entry_fingerprint(self, key: str, fingerprint: str) -> None:
        self._write(
            """
            INSERT INTO entry_fingerprints (key, fingerprint) VALUES (%s, %s)
            ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint
            """,
            (key, fingerprint),
        )

    def set_article_validators(self, key: str, etag: str | None, last_modified: str | None) -> bool:
        return self._write(
            "UPDATE articles SET etag = %s, last_modified = %s WHERE key = %s", (etag, last_modified, key)
        ) > 0

    def article_count(self, source: str | None = None) -> int:
        if source is None:
            row = self._one("SELECT count(*) AS n FROM articles")
        else:
            row = self._one("SELECT count(*) AS n FROM articles WHERE source = %s", (source,))
        return int(row["n"]) if row else 0

    # -- HTTP validators of feeds / listings / sitemaps ------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self._one("SELECT etag, last_modified FROM resources WHERE url = %s", (url,))
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag is None and last_modified is None:
            self._write("DELETE FROM resources WHERE url = %s", (url,))
            return
        self._write(
            """
            INSERT INTO resources (url, etag, last_modified, last_checked) VALUES (%s, %s, %s, %s)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                last_modified = excluded.last_modified, last_checked = excluded.last_checked
            """,
            (url, etag, last_modified, self._clock()),
        )

    def clear_validators(self) -> int:
        return self._write("DELETE FROM resources")

    # -- runs ------------------------------------------------------------------------

    def start_run(self, spider: str | None = None) -> int:
        row = self._one(
            "INSERT INTO runs (spider, started, status, fleet_run, site) VALUES (%s, %s, 'running', %s, %s) "
            "RETURNING id",
            (spider, self._clock(), self.fleet_run, self.site),
        )
        assert row is not None
        return int(row["id"])

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, Any], summary: str) -> None:
        self._write(
            "UPDATE runs SET finished = %s, status = %s, counts = %s, summary = %s WHERE id = %s",
            (self._clock(), status, Jsonb(dict(counts)), summary, run_id),
        )

    def run(self, run_id: int) -> RunRecord | None:
        row = self._one(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = %s", (run_id,))
        return _run(row) if row else None

    def last_runs(self, limit: int = 10) -> list[RunRecord]:
        with self._lock:
            rows = self._db().execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT %s", (limit,))
            return [_run(row) for row in rows.fetchall()]

    # -- rebuild ---------------------------------------------------------------------

    def rebuild_from_archive(self, files: ArchiveStore | None = None) -> int:
        """Replace ``articles`` with what the posts in ``files`` (by default the folder
        ``archive_root``) say; forget validators.

        One transaction: other workers see the old table or the new one, never half.
        """
        records = list(scan_posts(files or open_store(self.archive_root)))
        with self._lock:
            db = self._db()
            with db.transaction():
                db.execute("DELETE FROM articles")
                db.execute("DELETE FROM resources")
                with db.cursor() as cursor:
                    cursor.executemany(
                        """
                        INSERT INTO articles (key, source, post_path, content_hash, published,
                            updated, first_seen, last_seen, etag, last_modified)
                        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, NULL, NULL)
                        """,
                        records,
                    )
        return len(records)


def _run(row: Mapping[str, Any]) -> RunRecord:
    counts = row["counts"]
    if isinstance(counts, str):
        counts = json.loads(counts)
    return RunRecord(**{**row, "counts": counts})


class PostgresImageIndex:
    """The image pipeline's index in the shared database; the methods of ``ImageIndex``.

    ``original`` renditions are stored with the empty profile, as in SQLite.
    """

    def __init__(self, url: str) -> None:
        self._db = connect_migrated(url)

    def close(self) -> None:
        self._db.close()

    def lookup_url(self, url: str, profile: str) -> StoredImage | None:
        from archiver.pipelines.images import StoredImage

        row = self._db.execute(
            "SELECT content_hash, width, height, fetched_at FROM image_urls WHERE url = %s", (url,)).fetchone()
        if row is None:
            return None
        return StoredImage(row["content_hash"], row["width"], row["height"], row["fetched_at"],
                           self.renditions(row["content_hash"], profile))

    def renditions(self, content_hash: str, profile: str) -> dict[str, str]:
        rows = self._db.execute(
            "SELECT role, path FROM image_renditions WHERE content_hash = %s AND profile IN (%s, '')",
            (content_hash, profile))
        return {row["role"]: row["path"] for row in rows.fetchall()}

    def record(self, url: str, content_hash: str, size: tuple[int, int], profile: str,
               renditions: Mapping[str, str], now: float) -> None:
        from archiver.pipelines.images import ORIGINAL

        with self._db.transaction():
            self._db.execute(
                """
                INSERT INTO image_urls VALUES (%s, %s, %s, %s, %s)
                ON CONFLICT (url) DO UPDATE SET content_hash = excluded.content_hash, width = excluded.width,
                    height = excluded.height, fetched_at = excluded.fetched_at
                """, (url, content_hash, *size, now))
            with self._db.cursor() as cursor:
                cursor.executemany(
                    """
                    INSERT INTO image_renditions VALUES (%s, %s, %s, %s)
                    ON CONFLICT (content_hash, profile, role) DO UPDATE SET path = excluded.path
                    """,
                    [(content_hash, "" if role == ORIGINAL else profile, role, path)
                     for role, path in renditions.items()])
            self._db.execute("DELETE FROM image_failures WHERE url = %s", (url,))

    def source_size(self, content_hash: str) -> tuple[int, int]:
        row = self._db.execute(
            "SELECT width, height FROM image_urls WHERE content_hash = %s LIMIT 1", (content_hash,)).fetchone()
        return (row["width"], row["height"]) if row else (0, 0)

    def failure(self, url: str) -> tuple[str, float] | None:
        row = self._db.execute("SELECT reason, failed_at FROM image_failures WHERE url = %s", (url,)).fetchone()
        return (row["reason"], row["failed_at"]) if row else None

    def record_failure(self, url: str, reason: str, now: float) -> None:
        self._db.execute(
            """
            INSERT INTO image_failures VALUES (%s, %s, %s)
            ON CONFLICT (url) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at
            """, (url, reason, now))
