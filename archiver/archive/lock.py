"""One writer per archive: an exclusive, non-blocking ``flock`` on ``<archive>/.archiver/lock``.

Why ``flock`` and not a pid file: the kernel drops the lock when the holder's last file
descriptor closes, which happens on every kind of exit, SIGKILL and OOM-kill included.
There is never a stale lock to clean up, and nobody has to guess whether a recorded pid
is still alive (or was reused). The pid and start time written into the file are only
for the error message a second run prints.

Limits: ``flock`` is per open file description, so two ``ArchiveLock`` objects in one
process exclude each other too (one crawler per archive at a time). It is reliable on
local file systems; on NFS it depends on the client and server, so keep the archive on
local disk when several machines share it (or give each worker its own archive).
Unix only (``fcntl``).
"""

from __future__ import annotations

import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

LOCK_DIR = ".archiver"
LOCK_NAME = "lock"


class ArchiveLocked(RuntimeError):
    """Another process is writing this archive right now."""

    def __init__(self, message: str, *, holder_pid: int | None = None) -> None:
        super().__init__(message)
        self.holder_pid = holder_pid


class ArchiveLock:
    """``ArchiveLock(root).acquire()`` or ``with ArchiveLock(root): ...``."""

    def __init__(self, archive_root: str | os.PathLike[str]) -> None:
        self.archive_root = Path(archive_root)
        self.path = self.archive_root / LOCK_DIR / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise :class:`ArchiveLocked` at once (never waits)."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # O_CREAT without O_TRUNC: the holder's pid must survive until we own the lock.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise self._locked_error(holder) from None
        except BaseException:
            os.close(fd)
            raise
        started = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {started}\n".encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Emptied first so a reader never blames a pid that has finished; the file
        # itself stays: unlinking a lock file lets two processes lock two inodes.
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing the descriptor is what releases the flock

    def _locked_error(self, holder: tuple[int, str] | None) -> ArchiveLocked:
        where = _display_path(self.archive_root)
        if holder is None:
            return ArchiveLocked(f"archive {where}/ is being written by another process")
        pid, since = holder
        return ArchiveLocked(f"archive {where}/ is being written by pid {pid} since {since}", holder_pid=pid)

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_holder(fd: int) -> tuple[int, str] | None:
    # The holder may be between flock() and pwrite(): an empty or odd file is normal.
    try:
        text = os.pread(fd, 200, 0).decode("ascii", errors="replace").strip()
        pid_text, _, since = text.partition(" ")
        return int(pid_text), since or "an unknown time"
    except (OSError, ValueError):
        return None


def _display_path(path: Path) -> str:
    # "output/" reads better than an absolute path, but "../../srv/x" does not.
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative
