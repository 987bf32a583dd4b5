"""``scrapy runs`` on one machine: the SQLite state's last runs, newest first."""

from __future__ import annotations

from pathlib import Path

from archiver.archive.state import ArchiveState
from tests.e2e.test_distributed import scrapy


def test_runs_lists_the_last_crawls_of_a_one_machine_archive(tmp_path: Path) -> None:
    with ArchiveState(tmp_path) as state:
        first = state.start_run("feeds")
        state.finish_run(first, "finished", {"posts_new": 2}, "archiver run: 2 new, 0 updated; 1.0s")
        second = state.start_run("feeds")
        state.finish_run(second, "shutdown", {"posts_new": 0}, "archiver run: 0 new, 0 updated; 0.5s")
    proc = scrapy("runs", "--limit", "5", settings={"ARCHIVER_OUTPUT": str(tmp_path)})
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    lines = [line for line in out.splitlines() if line.startswith("crawl ")]
    assert len(lines) == 2
    assert lines[0].startswith(f"crawl {second} (feeds)") and "shutdown: archiver run: 0 new" in lines[0]
    assert lines[1].startswith(f"crawl {first} (feeds)") and "finished: archiver run: 2 new" in lines[1]
