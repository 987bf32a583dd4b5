"""The procrastinate app of a fleet: its tasks, how a run is started, and the worker loop.

Tasks (queue ``archiver``):

* ``archiver.archive_site(run_id, site)``: one site of one run. Deferred with
  ``lock="site:<site>"``, so procrastinate never runs two jobs of one site at once, and
  ``queueing_lock="run:<id>:site:<site>"``, so a site is queued once per run. The job
  claims the site in ``fleet_sites`` (a site already done in this run is skipped), runs
  ``scrapy crawl`` on that site's sources in a subprocess, and records its exit code. The
  crawl dies with its worker (``PR_SET_PDEATHSIG``), so a killed worker leaves no crawl
  behind to race the one that takes over.
* ``archiver.scheduled_run`` (periodic, only with ``ARCHIVER_FLEET_SCHEDULE``): starts a
  run of the whole fleet on a cron schedule; every worker registers it and procrastinate
  defers each tick once. A tick that finds a run still active is skipped.

Beside its jobs, every worker runs a maintenance loop (one heartbeat apart, one worker at
a time under an advisory lock): it hands jobs of workers whose heartbeat stopped
(SIGKILL, machine loss) back to the queue, and re-queues any site of the active run that
has no job (a starter killed between recording the run and deferring its jobs, or a
crawl stopped past the graceful timeout, which hands its site back).

The last site to finish closes the run and, unless ``ARCHIVER_EXPORT_FEEDS`` is off,
writes the JSON feeds once for the whole archive (a crawl in a fleet never does: it sees
only its own site's posts being written).

No Scrapy import: crawls run as ``python -m scrapy`` subprocesses (the reactor cannot be
restarted in one process, and a process per job returns its memory).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import socket
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import procrastinate
import psycopg
from procrastinate.exceptions import AlreadyEnqueued

import archiver.config as archiver_config  # `config` here is a FleetConfig
from archiver.archive.atomic import remove_stale_temp_files
from archiver.archive.paths import ARCHIVE_FOLDERS
from archiver.archive.state_backends import is_postgres_url
from archiver.archive.state_backends.postgres import connect, connect_migrated
from archiver.archive.store import StoreSpec
from archiver.distributed import runs
from archiver.distributed.sites import group_by_site, load_raw_sources, sources_yaml
from archiver.errors import EXIT_FAILED, EXIT_OK, EXIT_SOURCES_FAILED

logger = logging.getLogger(__name__)

QUEUE = "archiver"
ARCHIVE_SITE = "archiver.archive_site"
SCHEDULED_RUN = "archiver.scheduled_run"
# Any constant: the advisory lock under which procrastinate's schema is applied once.
_SCHEMA_LOCK = 0x70726F63
_MAINTENANCE_LOCK = 0x6D61696E
# The first key of a site's advisory lock (the second is the hash of its name): held by
# the connection of the worker crawling the site, for the whole crawl.
SITE_LOCK = 0x73697465
SITE_LOCK_POLL = 1.0  # seconds between tries while another live worker holds the site
# Exit codes a worker reports for its own crawls (see fleet-worker's help).
_CMDLINE_PRIORITY = 40  # scrapy.settings.SETTINGS_PRIORITIES["cmdline"]
# Settings each crawl gets from its job, never from the worker's command line.
_SET_PER_CRAWL = frozenset(setting.name for setting in (
    archiver_config.STATE_URL, archiver_config.FLEET_RUN, archiver_config.FLEET_SITE, archiver_config.LOCK,
    archiver_config.EXPORT_FEEDS))


@dataclass(frozen=True)
class FleetConfig:
    """What every worker and starter of a fleet shares; built from Scrapy settings by the commands."""

    state_url: str
    spider: str = "feeds"
    sources_file: str = archiver_config.SOURCES.default
    # -s NAME=VALUE passed on to every crawl (ARCHIVER_OUTPUT, politeness, ...)
    crawl_settings: Mapping[str, str] = field(default_factory=dict)
    worker_name: str = field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    heartbeat: float = archiver_config.FLEET_HEARTBEAT.default  # seconds; a worker silent for 3 heartbeats is dead
    schedule: str = ""  # cron (5 fields, or 6 with seconds last); empty: no scheduled runs
    export_feeds: bool = archiver_config.EXPORT_FEEDS.default
    project_dir: Path = field(default_factory=Path.cwd)

    @property
    def stalled_after(self) -> float:
        return 3 * self.heartbeat

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> FleetConfig:
        """From Scrapy settings (duck-typed: no Scrapy import). Every setting given on the
        command line (``-s``) is passed on to the crawls, so a worker started with
        ``-s ARCHIVER_OUTPUT=/mnt/archive`` writes there."""
        state_url = archiver_config.STATE_URL.get(settings)
        if not is_postgres_url(state_url):
            raise ValueError(f"a fleet needs its state in PostgreSQL: set {archiver_config.STATE_URL}=postgresql://...")
        forwarded = {name: str(settings[name]) for name in settings
                     if settings.getpriority(name) == _CMDLINE_PRIORITY and name not in _SET_PER_CRAWL}
        return cls(
            state_url=state_url,
            sources_file=archiver_config.SOURCES.get(settings),
            crawl_settings=forwarded,
            heartbeat=archiver_config.FLEET_HEARTBEAT.get(settings),
            schedule=archiver_config.FLEET_SCHEDULE.get(settings),
            export_feeds=archiver_config.EXPORT_FEEDS.get(settings),
            **overrides,
        )


# -- starting a run ------------------------------------------------------------------------


def plan_sites(sources_file: str) -> dict[str, list[dict[str, Any]]]:
    return group_by_site(load_raw_sources(sources_file))


async def defer_site(app: procrastinate.App, run_id: int, site: str) -> bool:
    """Queue one site of a run; False when it is already queued (idempotent)."""
    deferrer = app.configure_task(
        ARCHIVE_SITE, queue=QUEUE, lock=f"site:{site}", queueing_lock=f"run:{run_id}:site:{site}"
    )
    try:
        await deferrer.defer_async(run_id=run_id, site=site)
    except AlreadyEnqueued:
        return False
    return True


async def start_run(app: procrastinate.App, config: FleetConfig) -> int:
    """Record a run of every site of ``config.sources_file`` and queue them.

    Raises :class:`runs.RunActive` while another run is active: a run is joined by
    starting more workers, not by starting it again.
    """
    sites = plan_sites(config.sources_file)
    conn = await asyncio.to_thread(connect_migrated, config.state_url)
    try:
        run_id = await asyncio.to_thread(runs.start_run, conn, config.spider, sites)
    finally:
        conn.close()
    for site in sites:
        await defer_site(app, run_id, site)
    logger.info("run %d started: %d site(s), %d source(s)", run_id, len(sites),
                sum(len(entries) for entries in sites.values()))
    return run_id


async def ensure_schema(app: procrastinate.App, state_url: str) -> None:
    """Our tables and procrastinate's, each created once however many workers start together."""
    conn = await asyncio.to_thread(connect_migrated, state_url)
    try:
        await asyncio.to_thread(conn.execute, "SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK,))
        try:
            row = conn.execute("SELECT to_regclass('procrastinate_jobs') AS jobs").fetchone()
            if row is None or row["jobs"] is None:
                await app.schema_manager.apply_schema_async()
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK,))
    finally:
        conn.close()


# -- the tasks -----------------------------------------------------------------------------


def _die_with_parent() -> None:
    # Linux: the crawl gets SIGKILL the moment its worker dies, so it can never keep
    # writing a site that another worker has taken over.
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def crawl_command(config: FleetConfig, sources_path: Path, run_id: int, site: str) -> list[str]:
    settings = {
        **config.crawl_settings,
        archiver_config.STATE_URL.name: config.state_url,
        archiver_config.FLEET_RUN.name: str(run_id),
        archiver_config.FLEET_SITE.name: site,
        # The engine's per-site lock replaces the archive-wide file lock, which would
        # let only one crawl of the fleet write the shared archive at a time.
        archiver_config.LOCK.name: "False",
        # Feeds are written once per run, by the job that closes it.
        archiver_config.EXPORT_FEEDS.name: "False",
    }
    command = [sys.executable, "-m", "scrapy", "crawl", config.spider, "-a", f"sources={sources_path}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


async def _run(command: list[str], cwd: Path) -> int:
    process = await asyncio.create_subprocess_exec(*command, cwd=cwd, preexec_fn=_die_with_parent)
    try:
        return await process.wait()
    except asyncio.CancelledError:
        # The worker is shutting down hard (graceful timeout passed): stop the crawl too.
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        raise


class Fleet:
    """One worker's (or starter's) procrastinate app and the tasks it runs."""

    def __init__(self, config: FleetConfig) -> None:
        self.config = config
        self.app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=config.state_url))
        self.exit_codes: list[int] = []  # of the crawls this worker ran
        self._register()

    def _register(self) -> None:
        app, config = self.app, self.config

        @app.task(name=ARCHIVE_SITE, queue=QUEUE)
        async def archive_site(run_id: int, site: str) -> int:
            return await self.archive_site(run_id, site)

        if config.schedule:

            @app.periodic(cron=config.schedule, periodic_id="scheduled-run")
            @app.task(name=SCHEDULED_RUN, queue=QUEUE)
            async def scheduled_run(timestamp: int) -> int | None:
                try:
                    return await start_run(app, config)
                except runs.RunActive as exc:
                    logger.warning("scheduled run skipped: %s", exc)
                    return None

    async def archive_site(self, run_id: int, site: str) -> int:
        config = self.config
        conn = await asyncio.to_thread(connect, config.state_url)
        try:
            await self._lock_site(conn, site)
            entries = await asyncio.to_thread(runs.claim_site, conn, run_id, site, config.worker_name)
            if entries is None:
                logger.info("run %d, site %s: already finished, nothing to do", run_id, site)
                return 0
            try:
                code = await self._crawl(run_id, site, entries)
            except asyncio.CancelledError:
                # Stopped past the graceful timeout: the crawl was killed. Hand the site
                # back ("todo"), and any worker's maintenance pass queues it again.
                await asyncio.to_thread(runs.release_site, conn, run_id, site)
                raise
            self.exit_codes.append(code)
            level = logging.INFO if code == 0 else logging.WARNING
            logger.log(level, "run %d, site %s: crawl exited %d", run_id, site, code)
            closed = await asyncio.to_thread(runs.finish_site, conn, run_id, site, code)
        finally:
            conn.close()
        if closed:
            await self.close_run(run_id)
        return code

    async def _crawl(self, run_id: int, site: str, entries: list[dict[str, Any]]) -> int:
        config = self.config
        with tempfile.TemporaryDirectory(prefix="archiver-site-") as tmp:
            sources_path = Path(tmp) / "sources.yml"
            sources_path.write_text(sources_yaml(entries), encoding="utf-8")
            logger.info("run %d, site %s: crawling %d source(s)", run_id, site, len(entries))
            try:
                return await _run(crawl_command(config, sources_path, run_id, site), config.project_dir)
            except OSError:
                # The crawl could not even start: the site fails (and the run can still
                # close) instead of staying "doing" for ever.
                logger.exception("run %d, site %s: cannot start the crawl", run_id, site)
                return EXIT_FAILED

    async def close_run(self, run_id: int) -> None:
        logger.info("run %d: every site finished", run_id)
        # No crawl writes the archive now (one run at a time, all its sites done): temp
        # files left here are from crawls killed with their workers.
        # (An object store has none: a PUT is atomic by itself.)
        folder = StoreSpec(archiver_config.OUTPUT.get(self.config.crawl_settings)).folder
        output = folder if folder is None or folder.is_absolute() else self.config.project_dir / folder
        removed = 0 if output is None else sum(
            remove_stale_temp_files(output / name) for name in ARCHIVE_FOLDERS if (output / name).exists())
        if removed:
            logger.info("run %d: removed %d temp files of killed crawls", run_id, removed)
        if not self.config.export_feeds:
            return
        command = [sys.executable, "-m", "scrapy", "export-feeds"]
        for name, value in self.config.crawl_settings.items():
            command += ["-s", f"{name}={value}"]
        code = await _run(command, self.config.project_dir)
        if code:
            logger.error("run %d: export-feeds exited %d", run_id, code)

    async def maintain(self) -> int:
        """Re-queue jobs of dead workers and sites of the active run that lost their job.

        Under an advisory lock, so the list of stalled jobs is read and acted on by one
        worker at a time: two workers retrying one job from a stale list could otherwise
        hand it back to the queue while a third already runs it.
        """
        conn = await asyncio.to_thread(connect, self.config.state_url)
        try:
            row = await asyncio.to_thread(
                lambda: conn.execute("SELECT pg_try_advisory_lock(%s) AS got", (_MAINTENANCE_LOCK,)).fetchone())
            if not row or not row["got"]:
                return 0
            manager = self.app.job_manager
            run_id = await asyncio.to_thread(runs.active_run, conn)
            stalled = [job for job in await manager.get_stalled_jobs(
                queue=QUEUE, task_name=ARCHIVE_SITE, seconds_since_heartbeat=self.config.stalled_after)
                # A job of a closed run (every site finished) is the one closing it (the
                # feed export) on a worker that is stopping: procrastinate ends a stopping
                # worker's heartbeats before its last job ends. Nothing to hand back.
                if job.task_kwargs.get("run_id") == run_id]
            for job in stalled:
                logger.warning("job %s %s lost its worker: handing it to another", job.id, job.task_kwargs)
                await manager.retry_job(job)
            todo = await asyncio.to_thread(runs.sites_in_status, conn, run_id, runs.TODO) if run_id else []
            for site in todo:
                assert run_id is not None
                if await defer_site(self.app, run_id, site):
                    logger.warning("run %d, site %s had no job: queued again", run_id, site)
            return len(stalled)
        finally:
            conn.close()  # also releases the advisory lock

    @staticmethod
    async def _lock_site(conn: Any, site: str) -> None:
        """Hold the site's session lock before claiming it, until ``conn`` closes.

        Heartbeats alone cannot promise that no two workers crawl a site at once: a
        worker told to stop (SIGTERM) ends its heartbeats before its running crawl ends,
        so maintenance hands that job to another worker while the crawl goes on. The lock
        lives as long as the crawling worker's connection: a live crawl keeps it (the new
        job waits, then finds the site done), a dead worker's connection drops with it.
        Polled, not blocking, so a waiting job can still be cancelled.
        """
        while True:
            row = await asyncio.to_thread(lambda: conn.execute(
                "SELECT pg_try_advisory_lock(%s, hashtext(%s)) AS got", (SITE_LOCK, site)).fetchone())
            if row and row["got"]:
                return
            logger.info("site %s is being crawled by another worker: waiting for it", site)
            await asyncio.sleep(SITE_LOCK_POLL)

    async def _maintenance_loop(self) -> None:
        while True:
            await asyncio.sleep(self.config.heartbeat)
            try:
                await self.maintain()
            except (psycopg.Error, procrastinate.exceptions.ProcrastinateException):
                logger.warning("maintenance pass failed; next one in %.0fs", self.config.heartbeat, exc_info=True)

    # -- the worker loop -------------------------------------------------------------

    async def work(self, *, until_idle: bool = False, concurrency: int = 1) -> int:
        """Run jobs until stopped (SIGINT/SIGTERM), or with ``until_idle`` until no run is active.

        Returns the worker's exit code: 0, or 4 when one of its crawls had a source fail
        entirely, or 1 when one of its crawls failed.
        """
        async with self.app.open_async():
            await ensure_schema(self.app, self.config.state_url)
            worker = asyncio.create_task(self.app.run_worker_async(
                queues=[QUEUE],
                name=self.config.worker_name,
                concurrency=concurrency,
                update_heartbeat_interval=self.config.heartbeat,
                stalled_worker_timeout=self.config.stalled_after,
                delete_jobs="successful",
            ))
            helpers = [asyncio.create_task(self._maintenance_loop())]
            if until_idle:
                helpers.append(asyncio.create_task(self._stop_when_idle(worker)))
            try:
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
            finally:
                for helper in helpers:
                    helper.cancel()
        return worker_exit_code(self.exit_codes)

    async def _stop_when_idle(self, worker: asyncio.Task[Any]) -> None:
        while True:
            await asyncio.sleep(min(1.0, self.config.heartbeat))
            conn = await asyncio.to_thread(connect, self.config.state_url)
            try:
                active = await asyncio.to_thread(runs.active_run, conn)
            finally:
                conn.close()
            if active is None:
                worker.cancel()  # graceful: procrastinate lets running jobs finish
                return


def worker_exit_code(codes: list[int]) -> int:
    if any(code not in (EXIT_OK, EXIT_SOURCES_FAILED) for code in codes):
        return EXIT_FAILED
    return EXIT_SOURCES_FAILED if EXIT_SOURCES_FAILED in codes else EXIT_OK
