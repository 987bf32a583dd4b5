# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy rebuild-state``: recreate ``<archive>/.archiver/state.sqlite`` from the posts.

The Markdown files are the source of truth; run this after restoring an archive from a
backup, copying it to another machine, editing or deleting posts by hand, or when the
database is lost or unreadable. It takes the archive lock, so it refuses to run while
a crawl writes the archive (exit 3). An unreadable database is moved aside
(``state.sqlite.broken-<time>``) and a new one built.

With ``ARCHIVER_STATE_URL=postgresql://...`` (a fleet) the PostgreSQL state is rebuilt
from the shared folder instead, in one transaction, and refused (exit 3) while a
distributed run is active. With ``ARCHIVER_OUTPUT=s3://bucket/prefix`` the posts are
read from the object store and the SQLite state is rebuilt in ``ARCHIVER_WORK_DIR``.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from archiver import config
from archiver.archive.lock import ArchiveLock, ArchiveLocked
from archiver.archive.state import (
    ArchiveState,
    StateError,
    state_path,
)
from archiver.archive.store import ArchiveStore, open_checked_store, store_spec
from archiver.errors import EXIT_FAILED, EXIT_LOCKED, ConfigError

if TYPE_CHECKING:
    import argparse

logger = logging.getLogger(__name__)


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "INFO"}

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Rebuild the archive's state database from its Markdown files"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--archive",
            metavar="DIR",
            default=None,
            help=f"archive root (default: the {config.OUTPUT} setting)",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError("rebuild_state takes no arguments")
        configure_logging(self.settings)
        spec = store_spec(opts.archive or config.OUTPUT.get(self.settings), self.settings)
        try:
            files = open_checked_store(spec, config.OUTPUT.name)
            # The local folder of the state (and lock): the archive folder, or
            # ARCHIVER_WORK_DIR beside an object store.
            work = config.WORK_DIR.get(self.settings)
            root = Path(work) if work else files.local_root()
        except ConfigError as exc:
            raise UsageError(str(exc), print_help=False) from None
        if root is None:
            raise UsageError(f"{spec.uri} is an object store: set {config.WORK_DIR} to the local folder of its "
                             "state", print_help=False)
        local = files.local_root()
        if local is not None and not local.is_dir():
            raise UsageError(f"no archive at {local}", print_help=False)
        root.mkdir(parents=True, exist_ok=True)
        url = config.STATE_URL.get(self.settings)
        if url:
            self.exitcode = _rebuild_shared(root, url, files)
            return
        try:
            with ArchiveLock(root):
                count = _rebuild(root, files)
        except ArchiveLocked as exc:
            logger.error("%s; not rebuilding now.", exc)
            self.exitcode = EXIT_LOCKED
            return
        logger.info("Rebuilt %s from %d posts", state_path(root), count)
        print(f"{count} posts recorded in {state_path(root)}")


def _rebuild_shared(root: Path, url: str, files: ArchiveStore) -> int:
    from archiver.archive.state_backends import open_state
    from archiver.archive.state_backends.postgres import connect
    from archiver.distributed.runs import active_run

    try:
        with open_state(root, url) as state, connect(url) as conn:
            running = active_run(conn)
            if running is not None:
                logger.error("distributed run %d is active; not rebuilding now.", running)
                return EXIT_LOCKED
            count = state.rebuild_from_archive(files)
    except StateError as exc:
        logger.error("%s", exc)
        return EXIT_FAILED
    print(f"{count} posts recorded in the PostgreSQL state")
    return 0


def _rebuild(root: Path, files: ArchiveStore) -> int:
    try:
        with ArchiveState(root) as state:
            return state.rebuild_from_archive(files)
    except (sqlite3.DatabaseError, StateError) as exc:
        broken = _move_aside(state_path(root))
        logger.warning("State database unusable (%s); moved to %s, building a new one", exc, broken)
    with ArchiveState(root) as state:
        return state.rebuild_from_archive(files)


def _move_aside(db: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db.with_name(f"{db.name}.broken-{stamp}")
    # The -wal and -shm files belong to the same database; leaving them would let
    # SQLite replay an old log into the new file.
    for suffix in ("", "-wal", "-shm"):
        part = db.with_name(db.name + suffix)
        if part.exists():
            part.rename(target.with_name(target.name + suffix))
    return target
