"""Atomic file writes: a reader (or a killed run) never sees a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, skip_same: bool = True) -> bool:
    """Write ``data`` to ``path`` through a temp file in the same folder and ``os.replace``.

    Returns False (and leaves the file and its mtime alone) when ``skip_same`` is set and
    the file already holds exactly these bytes, so re-runs over unchanged input write
    nothing. The temp file is fsynced before the rename, so a crash leaves either the
    old file or the new one, never a mix.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if skip_same:
        try:
            if target.stat().st_size == len(payload) and target.read_bytes() == payload:
                return False
        except FileNotFoundError:
            pass
    target.parent.mkdir(parents=True, exist_ok=True)
    # The leading dot and ".tmp" suffix keep static-site generators and our own scans
    # from ever picking up a temp file left by a killed run.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    return True


@dataclass
class PendingFile:
    """A temp file being written in place of ``target``."""

    file: BinaryIO  # unbuffered: os-level writes and copies to its fd may be mixed with it
    temp_path: Path
    keep: bool = True  # set False to leave the target as it was (the temp file goes)


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[PendingFile]:
    """A temp file beside ``path`` to write, fsynced and moved over ``path`` when the
    block ends without an error (unless ``keep`` was unset); removed otherwise."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    pending = PendingFile(os.fdopen(fd, "wb", buffering=0), Path(tmp_name))
    try:
        with pending.file:
            yield pending
            if pending.keep:
                os.fsync(pending.file.fileno())
        if pending.keep:
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, target)
        else:
            os.unlink(tmp_name)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def remove_stale_temp_files(root: str | os.PathLike[str]) -> int:
    """Delete temp files a killed run left behind under ``root``; returns how many."""
    removed = 0
    for tmp in Path(root).rglob(".*.tmp"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
