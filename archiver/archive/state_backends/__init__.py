"""Where the archive's state lives: SQLite next to the archive (default) or PostgreSQL.

One machine keeps ``<archive>/.archiver/state.sqlite`` (:class:`archiver.archive.state.ArchiveState`)
and needs no service. Many machines share one PostgreSQL database
(:class:`archiver.archive.state_backends.postgres.PostgresArchiveState`), chosen by the setting
``ARCHIVER_STATE_URL=postgresql://...``. Both implement :class:`StateBackend`, and the
same test suite (``tests/unit/test_state.py``) runs against both.

Pure module: no Scrapy import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Self

from archiver import config

if TYPE_CHECKING:
    from archiver.archive.state import ArticleRecord, RunRecord
    from archiver.archive.store import ArchiveStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class StateBackend(Protocol):
    """What the crawl's components ask of the state (see :mod:`archiver.archive.state`)."""

    archive_root: Path

    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def article(self, key: str) -> ArticleRecord | None: ...
    def path_owner(self, post_path: str) -> str | None: ...
    def record_article(self, key: str, *, source: str, post_path: str, content_hash: str,
                       published: str | None = None, updated: str | None = None,
                       etag: str | None = None, last_modified: str | None = None) -> None: ...
    def mark_seen(self, key: str) -> bool: ...
    def mark_seen_many(self, keys: list[str]) -> None: ...
    def entry_fingerprint(self, key: str) -> str | None: ...
    def set_entry_fingerprint(self, key: str, fingerprint: str) -> None: ...
    def set_article_validators(self, key: str, etag: str | None, last_modified: str | None) -> bool: ...
    def article_count(self, source: str | None = None) -> int: ...
    def validators(self, url: str) -> tuple[str | None, str | None]: ...
    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...
    def clear_validators(self) -> int: ...
    def start_run(self, spider: str | None = None) -> int: ...
    def finish_run(self, run_id: int, status: str, counts: Mapping[str, Any], summary: str) -> None: ...
    def run(self, run_id: int) -> RunRecord | None: ...
    def last_runs(self, limit: int = 10) -> list[RunRecord]: ...
    def rebuild_from_archive(self, files: ArchiveStore | None = None) -> int: ...


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(POSTGRES_SCHEMES)


def open_state(archive_root: str | os.PathLike[str], state_url: str | None = None,
               *, fleet_run: int | None = None, site: str | None = None) -> StateBackend:
    """The state of the archive at ``archive_root``: SQLite unless ``state_url`` names PostgreSQL.

    ``fleet_run`` and ``site`` tie this process's runs to a distributed run and the site
    it archives there (PostgreSQL only).
    An URL of any other kind is refused: a typo must not silently fall back to a
    local SQLite file that no other machine sees.
    """
    if not state_url:
        from archiver.archive.state import ArchiveState

        return ArchiveState(archive_root)
    if is_postgres_url(state_url):
        from archiver.archive.state_backends.postgres import PostgresArchiveState

        return PostgresArchiveState(state_url, archive_root, fleet_run=fleet_run, site=site)
    from archiver.archive.state import StateError

    raise StateError(f"{config.STATE_URL} {state_url!r}: only postgresql:// URLs are supported (empty = SQLite)")
