"""``feeds/feed.jsonl`` written by splicing: the lines of unchanged posts are copied from
the previous file by the kernel, only new and changed items are written.

The file holds every post of the archive (~17 KB a post: 170 MB at 10,000 posts).
Streaming it from the item store on every export cost ~1.2 s of a scheduled run that
added one post (reading the items, encoding them, writing the bytes), however few posts
had changed. The item store remembers where each line of the last file is and which post
stamp it was made from; an export copies each run of unchanged lines with
``os.copy_file_range`` (no bytes through Python) and writes the rest. The result is the
same file byte for byte as a full write, which is what happens when the last file is not
the one the store remembers (edited, replaced, deleted) or when the archive is in an
object store.
"""

from __future__ import annotations

import errno
import filecmp
import os
from contextlib import nullcontext
from pathlib import Path
from typing import BinaryIO

from archiver.archive.atomic import atomic_output
from archiver.archive.feed_items import UNTRUSTED_MTIME, FeedItemStore

# Buffered new lines are flushed at this size, so a first export holds little in memory.
_FLUSH_BYTES = 1 << 20
_KERNEL_COPY = hasattr(os, "copy_file_range")  # Linux


def write_jsonl(path: Path, name: str, store: FeedItemStore) -> bool:
    """Write every stored item to ``path`` (``name`` in the store's documents), one line
    each in feed order; False when the file already held exactly those lines (it is then
    left alone, its modification time too)."""
    previous = _previous_lines(path, name, store)
    with open(path, "rb") if previous else nullcontext() as source:
        plan = _plan(store, previous, source)
        if previous and _same_file(plan, path):
            return False
        lines: list[tuple[str, int, int, int, int]] = []
        with atomic_output(path) as output:
            splicer = _Splicer(source, output.file)
            for post, mtime_ns, size, old_offset, length in plan:
                if old_offset < 0:
                    length = splicer.write(f"{store.item(post)}\n".encode())
                else:
                    splicer.copy(old_offset, length)
                lines.append((post, mtime_ns, size, splicer.position - length, length))
            splicer.flush()
            # Without a known last file (first export, state deleted) the new one may
            # still be byte for byte the old one.
            output.keep = bool(previous) or not path.exists() or not filecmp.cmp(output.temp_path, path,
                                                                                  shallow=False)
    stat = path.stat()
    store.set_jsonl_lines(lines)
    store.document_written(name, "jsonl", stat.st_mtime_ns, stat.st_size)
    return output.keep


def _plan(store: FeedItemStore, previous: dict[str, tuple[int, int, int, int]],
          source: BinaryIO | None) -> list[tuple[str, int, int, int, int]]:
    """``(path, mtime_ns, size, old offset, length)`` per line in feed order; old offset
    -1 for a line to write anew. A post whose stamp changed (or is not trusted) keeps
    its old line when its item came out the same bytes."""
    plan: list[tuple[str, int, int, int, int]] = []
    for post, mtime_ns, size in store.ordered_stamps():
        old = previous.get(post)
        if old is not None and (mtime_ns == UNTRUSTED_MTIME or old[:2] != (mtime_ns, size)):
            assert source is not None
            if os.pread(source.fileno(), old[3], old[2]) != f"{store.item(post)}\n".encode():
                old = None
        plan.append((post, mtime_ns, size, old[2], old[3]) if old is not None else (post, mtime_ns, size, -1, 0))
    return plan


def _previous_lines(path: Path, name: str, store: FeedItemStore) -> dict[str, tuple[int, int, int, int]]:
    """Where each post's line is in the file on disk, if that file is the one the store
    last wrote; empty otherwise (everything is written)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    if store.document_stamp(name) != (stat.st_mtime_ns, stat.st_size):
        return {}
    return store.jsonl_lines()


def _same_file(plan: list[tuple[str, int, int, int, int]], path: Path) -> bool:
    """Whether the plan copies the whole old file, in order, and adds nothing."""
    position = 0
    for _post, _mtime, _size, old_offset, length in plan:
        if old_offset != position:
            return False
        position += length
    return position == path.stat().st_size


class _Splicer:
    """Appends to ``output``: new bytes (buffered) and ranges of ``source`` (adjacent
    ranges merged into one copy)."""

    def __init__(self, source: BinaryIO | None, output: BinaryIO) -> None:
        self._source = source
        self._output = output.fileno()
        self._buffer = bytearray()
        self._copy_from = self._copy_length = 0
        self.position = 0  # bytes appended so far

    def write(self, data: bytes) -> int:
        self._flush_copy()
        self._buffer += data
        if len(self._buffer) >= _FLUSH_BYTES:
            self._flush_buffer()
        self.position += len(data)
        return len(data)

    def copy(self, offset: int, length: int) -> None:
        if self._copy_length and self._copy_from + self._copy_length == offset:
            self._copy_length += length
        else:
            self._flush_buffer()
            self._flush_copy()
            self._copy_from, self._copy_length = offset, length
        self.position += length

    def flush(self) -> None:
        self._flush_buffer()
        self._flush_copy()

    def _flush_buffer(self) -> None:
        _write_all(self._output, self._buffer)
        self._buffer.clear()

    def _flush_copy(self) -> None:
        if not self._copy_length:
            return
        self._flush_buffer()
        assert self._source is not None
        _copy_range(self._source.fileno(), self._output, self._copy_from, self._copy_length)
        self._copy_length = 0


def _copy_range(src: int, dst: int, offset: int, length: int) -> None:
    """``length`` bytes of ``src`` from ``offset`` appended to ``dst``: in the kernel
    where it can (no bytes pass through Python), read and written otherwise."""
    while length > 0:
        try:
            copied = os.copy_file_range(src, dst, length, offset) if _KERNEL_COPY else 0
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
                raise
            copied = 0
        if copied <= 0:
            chunk = os.pread(src, min(length, _FLUSH_BYTES), offset)
            if not chunk:
                raise OSError(errno.EIO, f"the previous feed.jsonl ended at byte {offset} while being copied")
            _write_all(dst, chunk)
            copied = len(chunk)
        offset += copied
        length -= copied


def _write_all(fd: int, data: bytes | bytearray) -> None:
    """``os.write`` until every byte is written (it may write fewer)."""
    with memoryview(data) as view:
        written = 0
        while written < len(view):
            written += os.write(fd, view[written:])
