"""Keeps the crawl process's C heap from growing with the number of articles (pure).

Measured on bench/throughput.py's site: with tracemalloc snapshots at 150, 500 and 950
articles, the crawl process's Python objects stay at ~38 MB while its RSS grows from
205 to 243 MB; side by side over 700 articles, glibc's ``[heap]`` grew from 69 to 98 MB
by ~330 posts with the defaults and stayed at 32-34 MB with this setting (RSS 203 MB
against 176 MB at ~400 posts). The process moves many short-lived
buffers of 100 KB - 1 MB (response bodies, the images pipeline's body cache, jobs
pickled for the worker processes); glibc serves those from ``mmap`` only until the
first one is freed, then raises its mmap threshold up to 32 MB and carves every later
one out of the heap, between long-lived small allocations, so the freed space cannot be
handed back and the heap only grows. A fixed threshold keeps such buffers in mappings
of their own that go back to the system when freed.

Linux with glibc only; elsewhere :func:`keep_heap_flat` does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

logger = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # mallopt() parameter number, from glibc's <malloc.h>
# glibc's initial (and smallest dynamic) threshold: a response body or an image is
# above it, the small objects the heap is good at are far below.
MMAP_THRESHOLD_BYTES = 128 * 1024


def keep_heap_flat(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Fix glibc's mmap threshold at ``threshold`` for this process (it stops adapting).
    Returns whether it was applied."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to tune
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    applied = bool(mallopt(M_MMAP_THRESHOLD, threshold))
    if not applied:
        logger.debug("mallopt(M_MMAP_THRESHOLD) refused; the C heap keeps glibc's defaults")
    return applied
