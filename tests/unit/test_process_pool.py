"""The worker pool: jobs run in other processes, a dead worker costs only its own job."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import pickle
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from archiver.images.imaging import ImageRejected
from archiver.workers.process_pool import ProcessPool, WorkerCrashed
from tests.support.crawl import PROJECT_ROOT


def _pid_and_square(value: int) -> tuple[int, int]:
    return os.getpid(), value * value


def _die_on(value: int) -> int:
    if value == 3:
        os._exit(1)  # what a segfault in a C library or the OOM killer looks like
    return value * 10


def _reject() -> None:
    raise ImageRejected("truncated", "premature end of data")


def test_jobs_run_in_worker_processes_and_in_order_of_their_callers() -> None:
    pool = ProcessPool(2, max_in_flight=3)

    async def main() -> list[tuple[int, int]]:
        return await asyncio.gather(*(pool.run(_pid_and_square, n) for n in range(12)))

    try:
        results = asyncio.run(main())
    finally:
        pool.shutdown()
    assert [square for _, square in results] == [n * n for n in range(12)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_workers_are_recycled_without_ever_leaving_the_pool_without_one() -> None:
    # 60 jobs queued at once on 2 workers recycled every 3 jobs each: with
    # ProcessPoolExecutor's own max_tasks_per_child this hangs on Python 3.11-3.13 (the
    # exiting workers are not replaced: CPython gh-115634).
    pool = ProcessPool(2, max_in_flight=8, max_tasks_per_child=3)

    async def main() -> list[tuple[int, int]]:
        return await asyncio.wait_for(asyncio.gather(*(pool.run(_pid_and_square, n) for n in range(60))), 60)

    try:
        results = asyncio.run(main())
    finally:
        pool.shutdown()
    assert [square for _, square in results] == [n * n for n in range(60)]
    jobs_per_process = Counter(pid for pid, _ in results)
    assert pool.recycles == 60 // (2 * 3) - 1
    assert len(jobs_per_process) >= pool.recycles + 1  # every executor's jobs ran in fresh processes
    assert max(jobs_per_process.values()) <= 2 * 3  # none outlived its executor's share


def _worker_heap() -> tuple[int, bool]:
    return gc.get_freeze_count(), "trafilatura" in sys.modules


def test_workers_start_with_the_work_modules_loaded_and_frozen() -> None:
    pool = ProcessPool(1)
    try:
        frozen, preloaded = asyncio.run(pool.run(_worker_heap))
    finally:
        pool.shutdown()
    assert preloaded
    assert frozen > 10_000  # lxml, trafilatura, markdown-it: out of the collector's way


def test_a_dead_worker_fails_only_its_own_job() -> None:
    pool = ProcessPool(2)

    async def main() -> list[object]:
        return await asyncio.gather(*(pool.run(_die_on, n) for n in range(6)), return_exceptions=True)

    try:
        results = asyncio.run(main())
        # The pool works again afterwards.
        assert asyncio.run(pool.run(_die_on, 5)) == 50
    finally:
        pool.shutdown()
    assert isinstance(results[3], WorkerCrashed)
    assert [r for i, r in enumerate(results) if i != 3] == [0, 10, 20, 40, 50]
    assert pool.crashes >= 1


def test_exceptions_come_back_whole() -> None:
    pool = ProcessPool(1)
    try:
        with pytest.raises(ImageRejected) as caught:
            asyncio.run(pool.run(_reject))
    finally:
        pool.shutdown()
    assert (caught.value.reason, caught.value.detail) == ("truncated", "premature end of data")
    copy = pickle.loads(pickle.dumps(ImageRejected("bomb", "9000x9000")))
    assert (copy.reason, copy.detail) == ("bomb", "9000x9000")


def test_no_workers_runs_inline() -> None:
    pool = ProcessPool(0)
    pid, square = asyncio.run(pool.run(_pid_and_square, 7))
    assert (pid, square) == (os.getpid(), 49)


def test_workers_and_forkserver_exit_when_the_crawl_process_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(textwrap.dedent("""
        import asyncio, os, sys
        sys.path.insert(0, sys.argv[1])
        from archiver.workers.process_pool import ProcessPool
        from tests.unit.test_process_pool import _pid_and_square
        async def main(pool):
            return await asyncio.gather(*(pool.run(_pid_and_square, n) for n in range(4)))
        if __name__ == "__main__":
            print(sorted({pid for pid, _ in asyncio.run(main(ProcessPool(2)))}), flush=True)
            os.kill(os.getpid(), 9)  # SIGKILL: no shutdown, no atexit
    """))
    completed = subprocess.run([sys.executable, str(script), str(PROJECT_ROOT)], capture_output=True, text=True,
                               timeout=60, check=False)
    assert completed.stdout.strip(), completed.stderr[-2000:]
    workers = json.loads(completed.stdout.strip().splitlines()[-1])
    assert workers
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
