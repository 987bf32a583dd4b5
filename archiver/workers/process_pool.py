"""Worker processes for an article's CPU work, awaited from the reactor with back-pressure.

Why processes: extraction (lxml + the DOM scorer + trafilatura), sanitizing, Markdown
conversion and image encoding are ~90% of a crawl's CPU, all Python under the GIL;
run in the spider callback and the pipelines they kept one core busy while the other
idled and downloads waited behind them. A ``ProcessPoolExecutor`` runs them on every
core; the reactor thread only moves bytes and writes small records.

* **Back-pressure**: at most ``max_in_flight`` jobs are submitted at once; the rest wait
  on a semaphore in the coroutine that asked. Responses waiting there still count in
  Scrapy's scraper slot (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``), so the engine stops taking
  new requests from the scheduler instead of downloading into unbounded memory.
* **Flat memory**: the workers are replaced after ``max_tasks_per_child`` jobs each (on
  average), so what libxml2 and Pillow leave fragmented in a process's heap is handed
  back to the system and does not grow with the number of articles. The pool does this
  itself, by starting a new executor for the next jobs and letting the old one finish
  the jobs it holds: ``ProcessPoolExecutor``'s own ``max_tasks_per_child`` fails to
  replace an exiting worker on Python 3.11 (CPython gh-115634, fixed in 3.13+), so a 2-worker
  crawl ran on one core for a while after each recycle (1.66 CPU/wall instead of 1.84
  on bench/throughput.py's site) and could hang for good once no worker was left.
* **Crashes**: a worker killed mid-job (segfault in a C library, OOM killer) breaks the
  executor (``BrokenProcessPool``), and every job in flight fails with it. The pool is
  rebuilt, and each of those jobs is tried once more in a one-off process of its own:
  the innocent ones succeed, the job that kills its worker again fails with
  :class:`WorkerCrashed`, which the caller logs and counts for that article only.
* **Start method**: forkserver, with the work modules preloaded in the server, so a new
  worker is a cheap fork of a process that already imported lxml and trafilatura, and
  never a fork of the multi-threaded reactor process.

* **Warm start**: the forkserver is started when the engine starts
  (:meth:`ProcessPool.warm_up`), so it imports trafilatura and lxml while the feeds
  download and parse. Started at the first article instead, it kept the reactor waiting
  for that import (the first worker forks only once the preload is done): most of the
  fixed cost of a scheduled run that adds one post.
* **A killed crawl leaves no process behind**: each worker passes the forkserver's
  "alive" pipe on to the next (that is how forkserver works), and holds both ends of its
  job queue, so when the crawl process is SIGKILLed nothing ever tells the workers or
  the forkserver to stop. Each worker therefore watches the crawl process and exits
  within a second of it; then the forkserver sees its pipe close and exits too.

``workers=0`` runs every job inline on the calling thread (no processes): for
debugging and for callers outside a crawl.

Pure module: no Scrapy import (``for_crawler`` imports Scrapy's signals lazily).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from archiver import config
from archiver.workers.allocator import keep_heap_flat

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Imported once in the forkserver, so every worker starts with the work modules loaded.
PRELOAD = ["archiver.workers.preload"]
DEFAULT_TASKS_PER_CHILD = config.WORKER_MAX_TASKS.default


class WorkerCrashed(RuntimeError):
    """The worker process running this job died; other jobs are unaffected."""


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def start_worker(crawl_pid: int) -> None:
    """Initializer of every worker process: exit with the crawl, and keep the C heap
    flat between recycles (pages and images are large, short-lived buffers)."""
    keep_heap_flat()
    watch_parent(crawl_pid)


def watch_parent(crawl_pid: int, interval: float = 1.0) -> None:
    """In a worker: exit as soon as the crawl process that started the pool is gone."""

    def watch() -> None:
        while not _is_gone(crawl_pid):
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="archiver-parent-watch", daemon=True).start()


def _is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # PermissionError: the pid was reused
        return True
    try:
        # Killed but not yet reaped by its parent (which may be waiting for our stdout).
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


class ProcessPool:
    def __init__(self, workers: int, *, max_in_flight: int | None = None,
                 max_tasks_per_child: int = DEFAULT_TASKS_PER_CHILD) -> None:
        self.workers = max(0, workers)
        # Two jobs per worker: one running, one pickled and ready, so a worker never
        # waits for the reactor between jobs.
        self.max_in_flight = max_in_flight or max(1, 2 * self.workers)
        self.max_tasks_per_child = max_tasks_per_child
        self._executor: ProcessPoolExecutor | None = None
        self._submitted = 0  # jobs given to the current executor
        # Jobs out on each executor. One replaced while it still holds jobs is kept here
        # until they are done (garbage-collected with jobs pending, it never finishes
        # them: CPython gh-152967).
        self._jobs: dict[ProcessPoolExecutor, int] = {}
        self._semaphore: asyncio.Semaphore | None = None
        self.crashes = 0
        self.recycles = 0

    @classmethod
    def for_crawler(cls, crawler: Any) -> ProcessPool:
        """The one pool of ``crawler`` (``crawler.archiver_pool``), shut down when the
        engine stops, after every pipeline has finished its last job."""
        existing: ProcessPool | None = getattr(crawler, "archiver_pool", None)
        if existing is not None:
            return existing
        from scrapy import signals  # lazy: keeps this module free of Scrapy

        settings = crawler.settings
        workers = config.WORKERS.get(settings)
        pool = cls(default_workers() if workers < 0 else workers,
                   max_tasks_per_child=config.WORKER_MAX_TASKS.get(settings))
        crawler.archiver_pool = pool  # type: ignore[attr-defined]
        crawler.signals.connect(pool._on_engine_started, signal=signals.engine_started)
        crawler.signals.connect(pool._on_engine_stopped, signal=signals.engine_stopped)
        return pool

    def _on_engine_started(self, **_: Any) -> None:
        self.warm_up()

    def warm_up(self) -> None:
        """Start the forkserver now, without waiting for it: it preloads the work modules
        in its own process while this one goes on, and the first job's worker is a fork
        of a process that is ready. A crawl with nothing to extract pays its CPU on
        another core, not its wall time."""
        if self.workers == 0:
            return
        from multiprocessing import forkserver

        self._context()  # sets the preload list the server is started with
        forkserver.ensure_running()

    def _on_engine_stopped(self, **_: Any) -> None:
        self.shutdown()

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is not None and self.max_tasks_per_child \
                and self._submitted >= self.max_tasks_per_child * self.workers:
            # Recycle: the next jobs go to fresh workers (forked from the preloaded
            # forkserver: ~30 ms each), the old ones exit once their queued jobs are done.
            self._executor.shutdown(wait=False)  # the jobs it holds still run
            self._executor = None
            self.recycles += 1
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=self._context(),
                                                 initializer=start_worker, initargs=(os.getpid(),))
            self._submitted = 0
        self._submitted += 1
        self._jobs[self._executor] = self._jobs.get(self._executor, 0) + 1
        return self._executor

    def _job_done(self, executor: ProcessPoolExecutor) -> None:
        left = self._jobs.get(executor, 1) - 1  # absent after shutdown()
        if left:
            self._jobs[executor] = left
        else:
            self._jobs.pop(executor, None)

    @staticmethod
    def _context() -> Any:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context

    def shutdown(self) -> None:
        executor, self._executor = self._executor, None
        # Retired executors were shut down when replaced; their workers exit as soon as
        # the jobs they held are done (every job has been awaited by the time the engine stops).
        self._jobs.clear()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` in a worker process; ``func`` and the arguments must pickle
        (module-level functions of pure modules, plain data)."""
        if self.workers == 0:
            return func(*args)
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.max_in_flight)
        async with self._semaphore:
            executor = self._start()
            try:
                return await asyncio.wrap_future(executor.submit(func, *args))
            except BrokenProcessPool:
                self._replace(executor)
            finally:
                self._job_done(executor)
            # Alone, so that a job that kills its worker again takes no other job with it.
            alone = ProcessPoolExecutor(1, mp_context=self._context(), initializer=start_worker,
                                        initargs=(os.getpid(),))
            try:
                return await asyncio.wrap_future(alone.submit(func, *args))
            except BrokenProcessPool as exc:
                raise WorkerCrashed(f"a worker process died running {func.__name__}") from exc
            finally:
                alone.shutdown(wait=False)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        # Every job in flight on the broken executor fails at once; only the first to
        # get here replaces it.
        if self._executor is broken:
            self.crashes += 1
            logger.warning("a worker process died; starting a new pool")
            self._executor = None
            broken.shutdown(wait=False, cancel_futures=True)
