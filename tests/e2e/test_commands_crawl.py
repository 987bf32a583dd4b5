"""End to end: our ``scrapy crawl`` exit codes, the archive lock and the run summary.

Each test runs ``python -m scrapy crawl`` in a subprocess inside a throwaway Scrapy
project whose settings enable the archiver extensions; nothing touches the network.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from archiver.archive.lock import ArchiveLock
from archiver.archive.state import ArchiveState, state_path
from tests.support.crawl import scrapy_command, scrapy_env

SPIDER = """
import scrapy


class Quiet(scrapy.Spider):
    name = "quiet"

    async def start(self):
        stats = self.crawler.stats
        stats.inc_value("archiver/posts/new", 2)
        stats.inc_value("archiver/posts/unchanged", 5)
        stats.inc_value("archiver/images/downloaded", 3)
        stats.inc_value("archiver/images/html")
        stats.inc_value("archiver/images/known_bad")
        stats.inc_value("archiver/images/placeholder")
        stats.inc_value("archiver/source/demo/items", 7)
        if getattr(self, "fail_source", None):
            stats.inc_value("archiver/sources/failed")
            stats.inc_value("archiver/source/broken/failed")
        return
        yield
"""


def make_project(root: Path) -> Path:
    package = root / "e2eproj"
    (package / "spiders").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "spiders" / "__init__.py").write_text("")
    (package / "spiders" / "quiet.py").write_text(SPIDER)
    (package / "settings.py").write_text(
        textwrap.dedent(
            f"""
            BOT_NAME = "e2eproj"
            SPIDER_MODULES = ["e2eproj.spiders"]
            COMMANDS_MODULE = "archiver.commands"
            ARCHIVER_OUTPUT = {str(root / "output")!r}
            EXTENSIONS = {{
                "archiver.extensions.archive_lock.ArchiveLockExtension": -1,
                "archiver.extensions.run_summary.RunSummary": 500,
            }}
            TELNETCONSOLE_ENABLED = False
            """
        )
    )
    (root / "scrapy.cfg").write_text("[settings]\ndefault = e2eproj.settings\n")
    return root / "output"


def scrapy(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        scrapy_command(*args),
        cwd=project,
        env=scrapy_env(project),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_clean_run_exits_0_logs_summary_and_records_run(tmp_path: Path) -> None:
    archive = make_project(tmp_path)
    result = scrapy(tmp_path, "crawl", "quiet")
    assert result.returncode == 0, result.stderr
    line = "archiver run: 2 new, 0 updated, 5 unchanged, 0 failed posts; images 3 fetched, 0 reused, 1 failed; "
    assert f"WARNING: {line}" in result.stderr  # an image failed: a warning, not info
    assert "Traceback" not in result.stderr
    with ArchiveState(archive) as state:
        (run,) = state.last_runs()
    assert run.spider == "quiet" and run.status == "finished"
    assert run.summary is not None and run.summary.startswith(line)
    assert run.counts is not None
    assert run.counts["sources"] == {"demo": {"items": 7, "failed": 0}}
    # the lock is released at the end
    with ArchiveLock(archive):
        pass


def test_failed_source_exits_4(tmp_path: Path) -> None:
    archive = make_project(tmp_path)
    result = scrapy(tmp_path, "crawl", "quiet", "-a", "fail_source=1")
    assert result.returncode == 4, result.stderr
    assert "ERROR: archiver run: " in result.stderr
    assert "1 source(s) failed (broken)" in result.stderr
    with ArchiveState(archive) as state:
        (run,) = state.last_runs()
    assert run.counts is not None and run.counts["sources_failed"] == 1


def test_locked_archive_exits_3_cleanly_and_touches_nothing(tmp_path: Path) -> None:
    archive = make_project(tmp_path)
    with ArchiveLock(archive):
        result = scrapy(tmp_path, "crawl", "quiet")
    assert result.returncode == 3, result.stderr
    assert f"is being written by pid {os.getpid()} since" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Spider opened" not in result.stderr
    assert not state_path(archive).exists()


def test_locked_archive_exits_3_with_the_twisted_crawler_process(tmp_path: Path) -> None:
    archive = make_project(tmp_path)
    with ArchiveLock(archive):
        result = scrapy(tmp_path, "crawl", "quiet", "-s", "FORCE_CRAWLER_PROCESS=True")
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr


def test_lock_can_be_switched_off(tmp_path: Path) -> None:
    archive = make_project(tmp_path)
    with ArchiveLock(archive):
        result = scrapy(tmp_path, "crawl", "quiet", "-s", "ARCHIVER_LOCK=False")
    assert result.returncode == 0, result.stderr


def test_rebuild_state_command(tmp_path: Path) -> None:
    archive = make_project(tmp_path)
    post = archive / "posts" / "demo" / "2026" / "2026-01-01-a.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: A\nguid: g-1\nsource: demo\n---\nBody\n", encoding="utf-8")
    state_path(archive).parent.mkdir(parents=True, exist_ok=True)
    state_path(archive).write_bytes(b"this is not a database, it is garbage" * 100)

    result = scrapy(tmp_path, "rebuild-state")
    assert result.returncode == 0, result.stderr
    assert "1 posts recorded" in result.stdout
    assert list(state_path(archive).parent.glob("state.sqlite.broken-*"))
    with ArchiveState(archive) as state:
        record = state.article("demo|g-1")
    assert record is not None and record.post_path == "posts/demo/2026/2026-01-01-a.md"

    with ArchiveLock(archive):
        locked = scrapy(tmp_path, "rebuild-state")
    assert locked.returncode == 3
    assert "is being written by pid" in locked.stderr
