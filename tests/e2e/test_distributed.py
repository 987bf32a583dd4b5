"""Many machines: sites handed out by procrastinate over a real PostgreSQL server.

Workers are real ``scrapy fleet-worker`` processes (as on each node), crawling the demo
site served on two loopback hosts (127.0.0.1 and 127.0.0.2: two sites, Chinese and English
feeds, lazy images, a GBK page). The archive they make together is compared, file by
file and byte by byte, with the one ``scrapy crawl`` on one machine makes.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import yaml

from archiver.demo.site import SampleSite, sample_sources_yaml
from archiver.distributed.engine import SITE_LOCK
from archiver.distributed.sites import group_by_site
from tests.support.crawl import PROJECT_ROOT, run_crawl, scrapy_command, scrapy_env
from tests.support.s3 import S3Server

HEARTBEAT = "1"  # seconds: a killed worker is noticed after 3


def two_site_sources(first: SampleSite, second: SampleSite, *, broken: bool = False) -> str:
    """The demo's three sources on each host (names prefixed: names are archive-wide)."""
    entries = []
    for prefix, site in (("a", first), ("b", second)):
        for entry in yaml.safe_load(sample_sources_yaml(site.base_url))["sources"]:
            entries.append({**entry, "name": f"{prefix}-{entry['name']}"})
    if broken:  # a source whose feed is gone: its crawl exits 4
        entries.append({"name": "b-gone", "url": f"{second.base_url}/gone/rss.xml"})
    return yaml.safe_dump({"sources": entries}, allow_unicode=True)


def archive_files(root: Path) -> dict[str, bytes]:
    """Every file a reader or a static site would see (the state and temp files aside)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    }


def scrapy(*args: str, settings: dict[str, str], log: Path | None = None) -> subprocess.Popen[str]:
    output = log.open("w") if log else subprocess.PIPE
    return subprocess.Popen(scrapy_command(*args, settings=settings), cwd=PROJECT_ROOT, env=scrapy_env(),
                            stdout=output, stderr=subprocess.STDOUT, text=True)


def fleet_settings(url: str, output: Path, sources: Path) -> dict[str, str]:
    return {"ARCHIVER_STATE_URL": url, "ARCHIVER_OUTPUT": str(output), "ARCHIVER_SOURCES": str(sources),
            "ARCHIVER_FLEET_HEARTBEAT": HEARTBEAT, "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "INFO"}


def start_run(settings: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = scrapy("fleet-run", settings=settings)
    out, _ = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out)


def fleet_sites(url: str) -> list[tuple[str, str, str | None, int, int | None]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT site, status, worker, attempts, exit_code FROM fleet_sites ORDER BY site").fetchall()


def crawls_of(output: Path) -> list[str]:
    """Command lines of live ``scrapy crawl`` processes writing ``output``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if " crawl " in cmdline and f"ARCHIVER_OUTPUT={output}" in cmdline:
            found.append(cmdline)
    return found


@pytest.fixture
def two_sites() -> Iterator[tuple[SampleSite, SampleSite]]:
    # Both sites serve the same pictures: each source keeps its own copy in its own
    # folder, whichever worker gets there first.
    with SampleSite() as first, SampleSite(host="127.0.0.2") as second:
        yield first, second


def test_sources_are_grouped_by_host_transitively() -> None:
    entries = [
        {"name": "a", "url": "https://news.example.com/rss"},
        {"name": "b", "urls": ["https://news.example.com/world", "https://img.example.org/feed"]},
        {"name": "c", "url": "https://img.example.org/other"},
        {"name": "d", "url": "https://其他.example.cn/feed"},
        {"name": "e", "url": "http://127.0.0.2:8080/atom.xml"},
    ]
    sites = group_by_site(entries)
    assert {site: [entry["name"] for entry in members] for site, members in sites.items()} == {
        "127.0.0.2": ["e"],
        "img.example.org+news.example.com": ["a", "b", "c"],
        "其他.example.cn": ["d"],
    }


@pytest.mark.slow
def test_two_workers_make_exactly_the_archive_one_machine_makes(
    tmp_path: Path, postgres_url: str, two_sites: tuple[SampleSite, SampleSite], s3_server: S3Server
) -> None:
    """The fleet writes to an S3 bucket (moto's server), one machine to a folder: the
    same keys with the same bytes. (A fleet on a shared folder: the SIGKILL test below
    and bench/distributed.py.)"""
    first, second = two_sites
    sources = tmp_path / "sources.yml"
    sources.write_text(two_site_sources(first, second, broken=True), encoding="utf-8")

    alone = run_crawl("-a", f"sources={sources}", output=tmp_path / "alone",
                      extra_settings={"AUTOTHROTTLE_ENABLED": "False"})
    assert alone.returncode == 4, alone.log[-3000:]  # b-gone failed entirely
    requests_alone = sorted(first.paths_requested() + second.paths_requested())
    first.requests.clear()
    second.requests.clear()

    bucket = s3_server.new_bucket()
    settings = {**fleet_settings(postgres_url, tmp_path / "fleet", sources), **s3_server.settings(),
                "ARCHIVER_OUTPUT": f"s3://{bucket}/fleet", "ARCHIVER_WORK_DIR": str(tmp_path / "work")}
    started = start_run(settings)
    assert started.returncode == 0, started.stdout
    run_id = int(started.stdout.strip().splitlines()[-1])
    workers = [scrapy("fleet-worker", "--until-idle", "--name", f"w{n}", settings=settings,
                      log=tmp_path / f"w{n}.log") for n in (1, 2)]
    codes = sorted(worker.wait(timeout=300) for worker in workers)
    logs = "".join((tmp_path / f"w{n}.log").read_text() for n in (1, 2))
    assert codes == [0, 4], logs[-5000:]  # the worker that ran site b reports its failed source
    assert "Traceback" not in logs, logs[-5000:]

    # The same files with the same bytes: posts (Chinese and English), images, feeds.
    fleet_archive = s3_server.objects(bucket, "fleet/")
    assert fleet_archive == archive_files(tmp_path / "alone")
    assert not (tmp_path / "fleet").exists()
    # The picture both sites show: one copy per source that shows it, the same bytes.
    shared = [path for path in fleet_archive if path.startswith("images/") and path.endswith("-header.jpg")]
    assert len({path.rsplit("/", 1)[1] for path in shared}) < len(shared)
    assert any(path.startswith("posts/a-qutoutiao/") for path in fleet_archive)
    assert any(path.startswith("posts/b-world-news/") for path in fleet_archive)
    assert "feeds/feed.json" in fleet_archive
    # Every page and image was fetched once, as by one machine: no source crawled twice.
    assert sorted(first.paths_requested() + second.paths_requested()) == requests_alone

    sites = fleet_sites(postgres_url)
    assert [(site, status, attempts) for site, status, _, attempts, _ in sites] == [
        ("127.0.0.1", "done", 1), ("127.0.0.2", "done", 1)]
    assert {code for *_, code in sites} == {0, 4}

    report = scrapy("runs", settings=settings)
    out, _ = report.communicate(timeout=60)
    assert report.returncode == 0, out
    assert f"run {run_id} (feeds): finished" in out
    assert "site 127.0.0.1: done" in out and "site 127.0.0.2: done" in out
    assert "source b-gone: 0 items, 1 failed" in out
    assert "source a-qutoutiao: 3 items, 0 failed" in out, out
    assert "site 127.0.0.2: done by w" in out and "exit 4; 7 new, 0 updated, 0 failed posts" in out


@pytest.mark.slow
def test_a_killed_workers_site_is_finished_by_another_in_the_same_run(
    tmp_path: Path, postgres_url: str
) -> None:
    with SampleSite(delay=0.15) as site:
        sources = tmp_path / "sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        alone = run_crawl("-a", f"sources={sources}", output=tmp_path / "alone",
                          extra_settings={"AUTOTHROTTLE_ENABLED": "False"})
        assert alone.returncode == 0, alone.log[-3000:]

        output = tmp_path / "fleet"
        settings = fleet_settings(postgres_url, output, sources)
        assert start_run(settings).returncode == 0
        doomed = scrapy("fleet-worker", "--name", "doomed", settings=settings, log=tmp_path / "doomed.log")
        deadline = time.monotonic() + 120
        while fleet_sites(postgres_url)[0][1] != "doing":  # the one site is doomed's
            assert time.monotonic() < deadline and doomed.poll() is None, (tmp_path / "doomed.log").read_text()
            time.sleep(0.1)
        # The second worker runs beside it and waits: the site is locked while doomed has it.
        rescuer = scrapy("fleet-worker", "--until-idle", "--name", "rescuer", settings=settings,
                         log=tmp_path / "rescuer.log")
        while not list(output.glob("posts/*/*/*.md")):  # kill it mid-source: some posts written
            assert time.monotonic() < deadline and doomed.poll() is None, (tmp_path / "doomed.log").read_text()
            time.sleep(0.05)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=30)
        written_before_kill = len(list(output.glob("posts/*/*/*.md")))
        assert written_before_kill < len(list((tmp_path / "alone").glob("posts/*/*/*.md")))

        time.sleep(0.3)
        # Its crawl died with it (nothing races the next worker), and the rescuer has not
        # taken the site yet: that waits for 3 missed heartbeats.
        assert crawls_of(output) == []
        assert fleet_sites(postgres_url) == [("127.0.0.1", "doing", "doomed", 1, None)]
        assert rescuer.wait(timeout=300) == 0, (tmp_path / "rescuer.log").read_text()[-5000:]

    (name, status, worker, attempts, code), = fleet_sites(postgres_url)
    assert (name, status, worker, attempts, code) == ("127.0.0.1", "done", "rescuer", 2, 0)
    assert "lost its worker" in (tmp_path / "rescuer.log").read_text()
    # Nothing lost, nothing doubled: exactly the one-machine archive.
    assert archive_files(output) == archive_files(tmp_path / "alone")


def test_a_site_a_live_worker_holds_is_not_crawled_by_another(tmp_path: Path, postgres_url: str) -> None:
    """A worker told to stop (SIGTERM) ends its heartbeats while its crawl goes on, so its
    job is handed to another worker. The site's session lock, held here as that crawl's
    connection holds it, keeps the second worker off the site until the first lets go."""
    with SampleSite() as site:
        sources = tmp_path / "sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        settings = fleet_settings(postgres_url, tmp_path / "fleet", sources)
        assert start_run(settings).returncode == 0
        (name, status, *_), = fleet_sites(postgres_url)
        assert status == "todo"
        log = tmp_path / "second.log"
        with psycopg.connect(postgres_url, autocommit=True) as holder:
            holder.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (SITE_LOCK, name))
            worker = scrapy("fleet-worker", "--until-idle", "--name", "second", settings=settings, log=log)
            deadline = time.monotonic() + 120
            while "being crawled by another worker" not in log.read_text():
                assert time.monotonic() < deadline and worker.poll() is None, log.read_text()[-3000:]
                time.sleep(0.1)
            time.sleep(2)  # two more tries: still waiting, nothing claimed, nothing fetched
            assert fleet_sites(postgres_url)[0][:3] == (name, "todo", None)
            assert site.paths_requested() == []
        # The holder's connection is gone, and with it the lock: the site is crawled now.
        assert worker.wait(timeout=300) == 0, log.read_text()[-5000:]
        assert site.paths_requested()
    assert fleet_sites(postgres_url)[0][:3] == (name, "done", "second")
    assert list((tmp_path / "fleet").glob("posts/*/*/*.md"))


def test_a_second_run_is_refused_while_one_is_active(
    tmp_path: Path, postgres_url: str, two_sites: tuple[SampleSite, SampleSite]
) -> None:
    sources = tmp_path / "sources.yml"
    sources.write_text(two_site_sources(*two_sites), encoding="utf-8")
    settings = fleet_settings(postgres_url, tmp_path / "fleet", sources)
    first = start_run(settings)
    assert first.returncode == 0, first.stdout
    second = start_run(settings)
    assert second.returncode == 3
    assert "still running" in second.stdout
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM fleet_runs").fetchone() == (1,)
        # one queued job per site, each with its site lock
        locks = conn.execute("SELECT lock FROM procrastinate_jobs WHERE task_name = 'archiver.archive_site' "
                             "ORDER BY lock").fetchall()
    assert locks == [("site:127.0.0.1",), ("site:127.0.0.2",)]


def test_fleet_commands_need_postgres(tmp_path: Path) -> None:
    proc = scrapy("fleet-worker", settings={"ARCHIVER_OUTPUT": str(tmp_path)})
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "ARCHIVER_STATE_URL=postgresql://" in out


@pytest.mark.slow
def test_scheduled_runs_start_on_the_fleet(tmp_path: Path, postgres_url: str) -> None:
    with SampleSite() as site:
        sources = tmp_path / "sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        settings = {**fleet_settings(postgres_url, tmp_path / "fleet", sources),
                    "ARCHIVER_FLEET_SCHEDULE": "* * * * * */3"}  # every 3 seconds (6th field: seconds)
        workers = [scrapy("fleet-worker", "--name", f"w{n}", settings=settings, log=tmp_path / f"w{n}.log")
                   for n in (1, 2)]
        try:
            deadline = time.monotonic() + 180
            finished: list[tuple[int, str]] = []
            while len(finished) < 2:
                assert time.monotonic() < deadline, (tmp_path / "w1.log").read_text()[-3000:]
                time.sleep(0.5)
                with psycopg.connect(postgres_url) as conn:
                    if conn.execute("SELECT to_regclass('fleet_runs')").fetchone() != (None,):
                        finished = conn.execute(
                            "SELECT id, status FROM fleet_runs WHERE status <> 'running' ORDER BY id").fetchall()
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            codes = [worker.wait(timeout=120) for worker in workers]
    assert [status for _, status in finished] == ["finished", "finished"]
    assert codes == [0, 0]
    with psycopg.connect(postgres_url) as conn:
        # each tick started one run however many workers had the schedule
        ticks = conn.execute("SELECT count(*) FROM fleet_runs").fetchone()
        per_run = conn.execute("SELECT run_id, count(*) FROM fleet_sites GROUP BY run_id").fetchall()
        second_run = conn.execute("SELECT counts FROM runs WHERE fleet_run = %s", (finished[1][0],)).fetchall()
    assert ticks is not None and ticks[0] >= 2
    assert all(count == 1 for _, count in per_run)
    # The second scheduled run is incremental, as on one machine: nothing new, nothing rewritten.
    assert len(second_run) == 1
    assert (second_run[0][0]["posts_new"], second_run[0][0]["posts_updated"]) == (0, 0)
    posts = list((tmp_path / "fleet").glob("posts/*/*/*.md"))
    assert len(posts) >= 3


def test_rebuild_state_fills_the_shared_state_from_the_shared_folder(
    tmp_path: Path, postgres_url: str, two_sites: tuple[SampleSite, SampleSite]
) -> None:
    from archiver.archive.state_backends import open_state

    post = tmp_path / "archive" / "posts" / "qtt" / "2022" / "2022-05-09-a.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: “饭碗”\nguid: g-1\nsource: qtt\nsource_url: http://127.0.0.1/a\n---\n正文\n",
                    encoding="utf-8")
    settings = {"ARCHIVER_STATE_URL": postgres_url, "ARCHIVER_OUTPUT": str(tmp_path / "archive")}
    proc = scrapy("rebuild-state", settings=settings)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    with open_state(tmp_path / "archive", postgres_url) as state:
        record = state.article("qtt|g-1")
        assert record is not None and record.post_path == "posts/qtt/2022/2022-05-09-a.md"

    sources = tmp_path / "sources.yml"
    sources.write_text(two_site_sources(*two_sites), encoding="utf-8")
    assert start_run({**settings, "ARCHIVER_SOURCES": str(sources)}).returncode == 0
    proc = scrapy("rebuild-state", settings=settings)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 3, out  # not while a run writes the archive
    assert "distributed run 1 is active" in out


@pytest.mark.parametrize(("locked", "kept"), [(True, False), (False, True)])
def test_writer_leaves_temp_files_alone_without_the_archive_lock(tmp_path: Path, locked: bool, kept: bool) -> None:
    """In a fleet (ARCHIVER_LOCK off) a temp file may be another crawl's write in flight."""
    from scrapy.utils.test import get_crawler

    from archiver.pipelines.writer import MarkdownWriterPipeline

    in_flight = tmp_path / "posts" / "a" / "2022" / ".2022-05-09-x.md.abc123.tmp"
    in_flight.parent.mkdir(parents=True)
    in_flight.write_text("half", encoding="utf-8")
    from archiver import settings as project_settings

    defaults = {name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()}
    crawler = get_crawler(settings_dict={**defaults, "ARCHIVER_OUTPUT": str(tmp_path), "ARCHIVER_LOCK": locked})
    writer = MarkdownWriterPipeline.from_crawler(crawler)
    writer.open_spider()
    assert in_flight.exists() is kept
    assert writer.state is not None
    writer.state.close()


def test_run_rows_keep_a_site_to_once_per_run(tmp_path: Path, postgres_url: str) -> None:
    from archiver.archive.state_backends.postgres import connect, migrate
    from archiver.distributed import runs

    sites = {"127.0.0.1": [{"name": "a", "url": "http://127.0.0.1/a"}],
             "127.0.0.2": [{"name": "b", "url": "http://127.0.0.2/b"}]}
    with connect(postgres_url) as conn:
        migrate(conn)
        run_id = runs.start_run(conn, "feeds", sites)
        with pytest.raises(runs.RunActive, match=f"run {run_id} is still running"):
            runs.start_run(conn, "feeds", sites)
        assert runs.claim_site(conn, run_id, "127.0.0.1", "w1") == sites["127.0.0.1"]
        # w1 died: its site is claimed again by the worker the engine gives it to
        assert runs.claim_site(conn, run_id, "127.0.0.1", "w2") == sites["127.0.0.1"]
        assert runs.finish_site(conn, run_id, "127.0.0.1", 0) is False  # the other site is still to do
        assert runs.claim_site(conn, run_id, "127.0.0.1", "w3") is None  # done in this run: never again
        # a crawl stopped past the graceful timeout hands its site back
        assert runs.claim_site(conn, run_id, "127.0.0.2", "w1") is not None
        runs.release_site(conn, run_id, "127.0.0.2")
        assert runs.sites_in_status(conn, run_id, runs.TODO) == ["127.0.0.2"]
        assert runs.claim_site(conn, run_id, "127.0.0.2", "w2") is not None
        assert runs.finish_site(conn, run_id, "127.0.0.2", 1) is True  # the last site closes the run
        assert runs.active_run(conn) is None
        report = runs.run_report(conn, run_id)
        assert report is not None and report.status == "failed"  # a crawl failed (exit 1)
        assert [(s.site, s.status, s.worker, s.attempts) for s in report.sites] == [
            ("127.0.0.1", "done", "w2", 2), ("127.0.0.2", "failed", "w2", 2)]
        assert runs.start_run(conn, "feeds", sites) > run_id  # the next run may start
