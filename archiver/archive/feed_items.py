"""The rendered feed item of every post, kept between exports (pure: SQLite, no Scrapy).

Rendering a post into a feed item (YAML, Markdown to HTML, sanitizing) is the cost of an
export; doing it for every post after any change made a 10,000-post export take 36 s
and hold the whole archive in memory. This store keeps each post's item, keyed by the
post's path and checked against the file's size and modification time (so a post edited
by hand is rendered again), plus a digest of the export options (a changed site URL or
permalink renders everything again). An export then renders only what changed and reads
the items back in feed order, a page at a time. Each feed document is kept with a digest
of the items it was made from, so a document none of whose items changed (the feeds of
the sources a run did not touch) is not built and written again.

It is a cache, not the archive: deleting ``.archiver/feed-items.sqlite`` costs one full
render, and the feeds come out byte for byte the same either way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Self

CACHE_PATH = ".archiver/feed-items.sqlite"
# The mtime stored for a post written too recently to trust its stamp (see
# archiver.archive.jsonfeed.RACY_WINDOW_NS): its item is rendered, and its line written, again.
UNTRUSTED_MTIME = -1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    path TEXT PRIMARY KEY,   -- the post, relative to the archive root
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    published REAL NOT NULL, -- timestamp: newest first
    id TEXT NOT NULL,        -- ties broken by id, then path
    source_dir TEXT NOT NULL,
    source TEXT NOT NULL,
    language TEXT,
    item TEXT NOT NULL       -- compact JSON, as a JSON Lines row
);
CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY,   -- a feed file, relative to the archive root
    digest TEXT NOT NULL,    -- of what it was made from: its items, its scope, the options
    mtime_ns INTEGER NOT NULL,  -- the file as it was written
    size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS jsonl_lines (
    position INTEGER PRIMARY KEY,  -- line number in feed.jsonl as last written
    path TEXT NOT NULL,      -- the post whose item the line is, with the stamp it had
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    offset INTEGER NOT NULL, -- where the line starts in the file, in bytes
    length INTEGER NOT NULL  -- its bytes, the newline included
);
-- Covering indexes: the stamps and the order are read without touching the items' rows,
-- ~17 KB each (reading 10,000 stamps through the table took 0.16 s of a scheduled run).
DROP INDEX IF EXISTS items_order;
DROP INDEX IF EXISTS items_source_order;
CREATE INDEX IF NOT EXISTS items_stamps ON items (path, mtime_ns, size);
CREATE INDEX IF NOT EXISTS items_order_stamps ON items (published DESC, id, path, mtime_ns, size, source);
CREATE INDEX IF NOT EXISTS items_source_order_stamps
    ON items (source_dir, published DESC, id, path, mtime_ns, size, source);
"""
# Newest first; equal dates ordered by id, then path, so the order never depends on the
# file system's listing order.
_ORDER = "ORDER BY published DESC, id, path"


def compact_json(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


class FeedItemStore:
    def __init__(self, path: Path, options_digest: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        row = self._db.execute("SELECT value FROM settings WHERE name = 'options'").fetchone()
        if row is None or row[0] != options_digest:
            with self._db:
                self._db.execute("DELETE FROM items")
                self._db.execute("DELETE FROM documents")
                self._db.execute("DELETE FROM jsonl_lines")
                self._db.execute("INSERT OR REPLACE INTO settings VALUES ('options', ?)", (options_digest,))
        self._known = {path: (mtime, size) for path, mtime, size in
                       self._db.execute("SELECT path, mtime_ns, size FROM items")}

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def is_current(self, path: str, mtime_ns: int, size: int) -> bool:
        return self._known.get(path) == (mtime_ns, size)

    def put(self, path: str, mtime_ns: int, size: int, *, published: float, item: dict[str, Any],
            source_dir: str, source: str, language: str | None) -> None:
        self._db.execute("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (path, mtime_ns, size, published, item["id"], source_dir, source, language,
                          compact_json(item)))
        self._known[path] = (mtime_ns, size)

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget the items of posts that are gone (or now broken)."""
        gone = set(self._known) - set(paths)
        self._db.executemany("DELETE FROM items WHERE path = ?", [(path,) for path in gone])
        for path in gone:
            del self._known[path]

    def commit(self) -> None:
        self._db.commit()

    def count(self) -> int:
        return len(self._known)

    def source_dirs(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT DISTINCT source_dir FROM items ORDER BY source_dir")]

    def newest(self, limit: int, source_dir: str | None = None) -> list[tuple[str, str, str | None]]:
        """``(item JSON, source, language)`` in feed order, at most ``limit`` (0: all)."""
        where, params = ("WHERE source_dir = ?", [source_dir]) if source_dir is not None else ("", [])
        query = f"SELECT item, source, language FROM items {where} {_ORDER}"
        if limit:
            query += f" LIMIT {int(limit)}"
        return list(self._db.execute(query, params))

    def document_is_current(self, name: str, digest: str, mtime_ns: int, size: int) -> bool:
        """Whether the feed file ``name`` is still the one written from ``digest``'s
        items (a source feed the run did not touch needs no rendering again)."""
        row = self._db.execute("SELECT digest, mtime_ns, size FROM documents WHERE name = ?", (name,)).fetchone()
        return row == (digest, mtime_ns, size)

    def document_written(self, name: str, digest: str, mtime_ns: int, size: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", (name, digest, mtime_ns, size))

    def newest_stamps(self, limit: int, source_dir: str | None = None) -> list[tuple[str, int, int, str]]:
        """``(path, mtime_ns, size, source)`` of :meth:`newest`'s items: what they were
        rendered from, without reading the items themselves."""
        where, params = ("WHERE source_dir = ?", [source_dir]) if source_dir is not None else ("", [])
        query = f"SELECT path, mtime_ns, size, source FROM items {where} {_ORDER}"
        if limit:
            query += f" LIMIT {int(limit)}"
        return list(self._db.execute(query, params))

    def ordered_stamps(self) -> list[tuple[str, int, int]]:
        """``(path, mtime_ns, size)`` of every item, in feed order."""
        return list(self._db.execute(f"SELECT path, mtime_ns, size FROM items {_ORDER}"))

    def item(self, path: str) -> str:
        row = self._db.execute("SELECT item FROM items WHERE path = ?", (path,)).fetchone()
        if row is None:
            raise KeyError(path)
        return str(row[0])

    def jsonl_lines(self) -> dict[str, tuple[int, int, int, int]]:
        """path -> ``(mtime_ns, size, offset, length)`` of its line in feed.jsonl as last
        written (see :mod:`archiver.archive.feed_lines`)."""
        return {path: (mtime_ns, size, offset, length) for path, mtime_ns, size, offset, length in
                self._db.execute("SELECT path, mtime_ns, size, offset, length FROM jsonl_lines")}

    def set_jsonl_lines(self, lines: Iterable[tuple[str, int, int, int, int]]) -> None:
        """``(path, mtime_ns, size, offset, length)`` per line of the feed.jsonl just written."""
        self._db.execute("DELETE FROM jsonl_lines")
        self._db.executemany("INSERT INTO jsonl_lines (path, mtime_ns, size, offset, length) VALUES (?, ?, ?, ?, ?)",
                             lines)

    def document_stamp(self, name: str) -> tuple[int, int] | None:
        """``(mtime_ns, size)`` of the feed file ``name`` as this store last wrote it."""
        row = self._db.execute("SELECT mtime_ns, size FROM documents WHERE name = ?", (name,)).fetchone()
        return (int(row[0]), int(row[1])) if row is not None else None

    def all_items(self) -> Iterator[str]:
        """Every item's compact JSON in feed order, streamed."""
        for (item,) in self._db.execute(f"SELECT item FROM items {_ORDER}"):
            yield item

    def shared_ids(self) -> list[tuple[str, str, str]]:
        """``(id, first path, other path)`` for items that share an id, in feed order."""
        rows = self._db.execute(f"""SELECT id, path FROM items WHERE id IN
            (SELECT id FROM items GROUP BY id HAVING count(*) > 1) {_ORDER}""")
        first: dict[str, str] = {}
        shared = []
        for ident, path in rows:
            other = first.setdefault(ident, path)
            if other != path:
                shared.append((ident, other, path))
        return shared
