"""archiver.workers.allocator: a freed large buffer no longer moves glibc's mmap threshold, so the
next one is mapped on its own instead of growing the heap (checked in fresh processes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.support.crawl import PROJECT_ROOT

PROGRAM = textwrap.dedent("""
    import sys
    from archiver.workers.allocator import keep_heap_flat

    def heap_kb():
        size, in_heap = 0, False
        with open("/proc/self/smaps") as smaps:
            for line in smaps:
                if line[0] in "0123456789abcdef" and "-" in line.split()[0]:
                    in_heap = line.rstrip().endswith("[heap]")
                elif in_heap and line.startswith("Size:"):
                    size += int(line.split()[1])
        return size

    if sys.argv[1] == "tuned":
        assert keep_heap_flat()
    first = bytearray(400_000)  # a response body
    del first  # by default glibc now raises its mmap threshold to 400 KB
    before = heap_kb()
    second = bytearray(400_000)
    print(heap_kb() - before)
""")


def _heap_growth_kb(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", PROGRAM, mode], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=True)
    return int(done.stdout.strip())


def test_a_large_buffer_freed_then_allocated_again_grows_the_heap_only_without_the_fixed_threshold() -> None:
    assert _heap_growth_kb("default") >= 390  # glibc's dynamic threshold: the heap took it
    assert _heap_growth_kb("tuned") == 0  # mapped on its own, returned to the system when freed
