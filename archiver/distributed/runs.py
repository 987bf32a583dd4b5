"""Distributed runs in the state database: which sites a run has, who holds them, how they ended.

Tables (created with the rest of the PostgreSQL state, :mod:`archiver.archive.state_backends.postgres`):

* ``fleet_runs``: one row per run; a partial UNIQUE index lets at most one be
  ``running``, so starting a second run while one is active is refused by the database
  itself (:class:`RunActive`), whichever machine asks;
* ``fleet_sites``: one row per (run, site): ``todo`` -> ``doing`` -> ``done``/``failed``,
  the worker that holds it, the attempts, the crawl's exit code.

The task engine decides *when* a worker gets a site; these rows decide *whether* it still
has work: a site already ``done`` in this run is never crawled again, whatever the
engine redelivers. Each crawl also writes its own row in ``runs`` (tagged with the run
and site), which carries the per-source counts the report sums up.

No Scrapy here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from archiver.archive.state import utc_now
from archiver.errors import EXIT_OK, EXIT_SOURCES_FAILED

RUNNING, FINISHED, FAILED = "running", "finished", "failed"
TODO, DOING, DONE = "todo", "doing", "done"


class RunActive(RuntimeError):
    """A distributed run is already active; a second one would crawl the same sites twice."""

    def __init__(self, run_id: int) -> None:
        super().__init__(f"distributed run {run_id} is still running: wait for it, or join it by starting workers")
        self.run_id = run_id


Conn = psycopg.Connection[dict[str, Any]]


def active_run(conn: Conn) -> int | None:
    row = conn.execute("SELECT id FROM fleet_runs WHERE status = %s", (RUNNING,)).fetchone()
    return int(row["id"]) if row else None


def start_run(conn: Conn, spider: str, sites: dict[str, list[dict[str, Any]]]) -> int:
    """Record a new run with its sites (all ``todo``); raise :class:`RunActive` if one runs."""
    try:
        with conn.transaction():
            row = conn.execute(
                "INSERT INTO fleet_runs (spider, started, status) VALUES (%s, %s, %s) RETURNING id",
                (spider, utc_now(), RUNNING),
            ).fetchone()
            assert row is not None
            run_id = int(row["id"])
            with conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO fleet_sites (run_id, site, sources, status) VALUES (%s, %s, %s, %s)",
                    [(run_id, site, Jsonb(entries), TODO) for site, entries in sites.items()],
                )
    except psycopg.errors.UniqueViolation:
        active = active_run(conn)
        raise RunActive(active if active is not None else -1) from None
    return run_id


def sites_in_status(conn: Conn, run_id: int, status: str) -> list[str]:
    rows = conn.execute("SELECT site FROM fleet_sites WHERE run_id = %s AND status = %s ORDER BY site", (run_id, status))
    return [row["site"] for row in rows]


def claim_site(conn: Conn, run_id: int, site: str, worker: str) -> list[dict[str, Any]] | None:
    """Mark the site ``doing`` for ``worker``; its sources, or None when it is already finished.

    A site left ``doing`` by a worker that died is claimed again (the engine only hands
    a job out again once that worker's heartbeat has stopped).
    """
    row = conn.execute(
        """
        UPDATE fleet_sites SET status = %s, worker = %s, attempts = attempts + 1, started = %s
        WHERE run_id = %s AND site = %s AND status IN (%s, %s)
        RETURNING sources
        """,
        (DOING, worker, utc_now(), run_id, site, TODO, DOING),
    ).fetchone()
    return list(row["sources"]) if row else None


def release_site(conn: Conn, run_id: int, site: str) -> None:
    """Give a claimed site back (its crawl was stopped): ``todo`` again, for any worker."""
    conn.execute("UPDATE fleet_sites SET status = %s, worker = NULL WHERE run_id = %s AND site = %s AND status = %s",
                 (TODO, run_id, site, DOING))


def finish_site(conn: Conn, run_id: int, site: str, exit_code: int) -> bool:
    """Record the crawl's end; True when this was the run's last site (the run is now closed).

    Exit 0 is ``done``; 4 (a source failed entirely) is ``done`` too, since the crawl ran
    to its end, and the report names the source; anything else is ``failed``. Exactly one
    caller gets True, however many finish at once.
    """
    status = DONE if exit_code in (EXIT_OK, EXIT_SOURCES_FAILED) else FAILED
    with conn.transaction():
        conn.execute(
            "UPDATE fleet_sites SET status = %s, exit_code = %s, finished = %s WHERE run_id = %s AND site = %s",
            (status, exit_code, utc_now(), run_id, site),
        )
        # Row lock on the run: two last sites finishing together serialize here.
        conn.execute("SELECT id FROM fleet_runs WHERE id = %s FOR UPDATE", (run_id,))
        closed = conn.execute(
            """
            UPDATE fleet_runs SET finished = %s,
                status = CASE WHEN EXISTS (SELECT 1 FROM fleet_sites WHERE run_id = %s AND status = %s)
                              THEN %s ELSE %s END
            WHERE id = %s AND status = %s
              AND NOT EXISTS (SELECT 1 FROM fleet_sites WHERE run_id = %s AND status IN (%s, %s))
            RETURNING id
            """,
            (utc_now(), run_id, FAILED, FAILED, FINISHED, run_id, RUNNING, run_id, TODO, DOING),
        ).fetchone()
    return closed is not None


@dataclass
class SiteReport:
    site: str
    status: str
    worker: str | None
    attempts: int
    exit_code: int | None
    # posts_new, posts_updated, ... summed over this site's crawls in the run
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class RunReport:
    id: int
    spider: str
    started: str
    finished: str | None
    status: str
    sites: list[SiteReport] = field(default_factory=list)
    # source -> {"items", "failed"} summed over the run's crawls
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)


_TOTALS = ("posts_new", "posts_updated", "posts_unchanged", "posts_failed", "images_fetched", "images_failed")


def run_report(conn: Conn, run_id: int) -> RunReport | None:
    """One summary of a distributed run over every worker's crawls."""
    run = conn.execute("SELECT * FROM fleet_runs WHERE id = %s", (run_id,)).fetchone()
    if run is None:
        return None
    report = RunReport(run["id"], run["spider"], run["started"], run["finished"], run["status"])
    for row in conn.execute("SELECT * FROM fleet_sites WHERE run_id = %s ORDER BY site", (run_id,)):
        report.sites.append(SiteReport(row["site"], row["status"], row["worker"], row["attempts"], row["exit_code"]))
    report.totals = dict.fromkeys(_TOTALS, 0)
    by_site = {site.site: site for site in report.sites}
    # A crawl killed with its worker left no counts; its retry counts what it redid.
    crawls = conn.execute("SELECT site, counts FROM runs WHERE fleet_run = %s AND counts IS NOT NULL", (run_id,))
    for row in crawls.fetchall():
        counts = row["counts"]
        site_counts = by_site[row["site"]].counts if row["site"] in by_site else {}
        for key in _TOTALS:
            report.totals[key] += int(counts.get(key, 0))
            site_counts[key] = site_counts.get(key, 0) + int(counts.get(key, 0))
        for source, numbers in (counts.get("sources") or {}).items():
            entry = report.sources.setdefault(source, {"items": 0, "failed": 0})
            for key in entry:
                entry[key] += int(numbers.get(key, 0))
    report.sources = dict(sorted(report.sources.items()))
    return report


def last_run_ids(conn: Conn, limit: int = 10) -> list[int]:
    return [int(row["id"]) for row in conn.execute("SELECT id FROM fleet_runs ORDER BY id DESC LIMIT %s", (limit,))]


def format_report(report: RunReport) -> str:
    totals = report.totals
    lines = [
        f"run {report.id} ({report.spider}): {report.status}, started {report.started}"
        + (f", finished {report.finished}" if report.finished else ""),
        (f"  posts {totals.get('posts_new', 0)} new, {totals.get('posts_updated', 0)} updated, "
         f"{totals.get('posts_unchanged', 0)} unchanged, {totals.get('posts_failed', 0)} failed; "
         f"images {totals.get('images_fetched', 0)} fetched, {totals.get('images_failed', 0)} failed"),
    ]
    for site in report.sites:
        code = "" if site.exit_code is None else f", exit {site.exit_code}"
        posts = site.counts
        lines.append(f"  site {site.site}: {site.status} by {site.worker or '-'}, {site.attempts} attempt(s){code}; "
                     f"{posts.get('posts_new', 0)} new, {posts.get('posts_updated', 0)} updated, "
                     f"{posts.get('posts_failed', 0)} failed posts")
    for source, numbers in report.sources.items():
        lines.append(f"    source {source}: {numbers['items']} items, {numbers['failed']} failed")
    return "\n".join(lines)
