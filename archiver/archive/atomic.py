"""Atomic file writes: a reader (or a killed run) never sees a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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


def remove_stale_temp_files(root: str | os.PathLike[str]) -> int:
    """Delete temp files a killed run left behind under ``root``; returns how many."""
    removed = 0
    for tmp in Path(root).rglob(".*.tmp"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
