"""``scrapy every``: durations, the loop, and stopping it with SIGTERM.

The signal tests run the loop in a subprocess (a signal sent to the test runner itself
would be one mistake away from killing it), with tiny fake "crawls" as children.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from archiver.archive.state import ArchiveState
from archiver.commands.every import CrawlLoop, parse_duration, parse_jitter
from tests.support.crawl import scrapy_command, scrapy_env

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("15m", 900),
        ("2h", 7200),
        ("1d", 86400),
        ("1h30m", 5400),
        ("45", 45),
        ("0.5s", 0.5),
        (" 2H ", 7200),
    ],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "10x", "10 minutes", "-5m", "1h 30", "5m1"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_parse_jitter() -> None:
    assert parse_jitter("10%", 1800) == 180
    assert parse_jitter("30s", 1800) == 30
    assert parse_jitter("0", 1800) == 0
    with pytest.raises(ValueError):
        parse_jitter("150%", 60)
    with pytest.raises(ValueError):
        parse_jitter("abc%", 60)


def _fake_crawl(marker: Path, seconds: float, code: int = 0) -> list[str]:
    """A child that logs start/end into ``marker`` and records a SIGTERM it receives."""
    script = textwrap.dedent(
        f"""
        import signal, sys, time
        def log(word):
            with open({str(marker)!r}, "a") as f:
                f.write(word + "\\n")
        def on_term(signum, frame):
            log("term")
            sys.exit(0)
        signal.signal(signal.SIGTERM, on_term)
        log("start")
        time.sleep({seconds})
        log("end")
        sys.exit({code})
        """
    )
    return [sys.executable, "-c", script]


def test_loop_runs_max_runs_cycles_on_schedule(tmp_path: Path) -> None:
    marker = tmp_path / "runs.log"
    loop = CrawlLoop(
        [_fake_crawl(marker, 0), _fake_crawl(marker, 0, code=4)],
        interval=0.3,
        jitter=0.1,
        max_runs=2,
        rng=random.Random(1),
    )
    handler_before = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    status = loop.run()
    took = time.monotonic() - started
    assert status == 4  # the worst exit code of the last cycle
    assert marker.read_text().split() == ["start", "end"] * 4  # 2 cycles x 2 commands
    assert loop.cycles == 2
    assert took >= 0.3  # waited for the second cycle
    assert signal.getsignal(signal.SIGTERM) is handler_before  # handlers restored


def test_loop_rejects_non_positive_interval() -> None:
    with pytest.raises(ValueError):
        CrawlLoop([["true"]], interval=0)


LOOP_SCRIPT = """
import logging, sys
sys.path.insert(0, {repo!r})
logging.basicConfig(level=logging.INFO, stream=sys.stderr)
from archiver.commands.every import CrawlLoop
sys.exit(CrawlLoop([{command!r}], interval={interval}).run())
"""


def _start_loop(command: list[str], interval: float) -> subprocess.Popen[str]:
    script = LOOP_SCRIPT.format(repo=str(REPO), command=command, interval=interval)
    return subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)


def _wait_for(condition, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_sigterm_between_runs_stops_at_once(tmp_path: Path) -> None:
    marker = tmp_path / "runs.log"
    loop = _start_loop(_fake_crawl(marker, 0), interval=60)
    try:
        _wait_for(lambda: marker.exists() and "end" in marker.read_text())
        time.sleep(0.3)  # let the loop reach its wait
        sent = time.monotonic()
        loop.send_signal(signal.SIGTERM)
        _, stderr = loop.communicate(timeout=10)
    finally:
        if loop.poll() is None:
            loop.kill()
    assert loop.returncode == 0, stderr
    assert time.monotonic() - sent < 5  # did not sit out the 60 s interval
    assert marker.read_text().split() == ["start", "end"]
    assert "Stopped after 1 run(s)" in stderr


def test_sigterm_during_a_run_is_forwarded_once_and_the_loop_ends(tmp_path: Path) -> None:
    marker = tmp_path / "runs.log"
    loop = _start_loop(_fake_crawl(marker, 30), interval=60)
    try:
        _wait_for(lambda: marker.exists() and "start" in marker.read_text())
        loop.send_signal(signal.SIGTERM)
        _, stderr = loop.communicate(timeout=10)
    finally:
        if loop.poll() is None:
            loop.kill()
    assert loop.returncode == 0, stderr
    assert marker.read_text().split() == ["start", "term"]  # child got it, no second run


def _make_project(root: Path) -> Path:
    package = root / "everyproj"
    (package / "spiders").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "spiders" / "__init__.py").write_text(
        textwrap.dedent(
            """
            import scrapy

            class Tick(scrapy.Spider):
                name = "tick"

                async def start(self):
                    self.crawler.stats.inc_value(f"archiver/source/{self.label}/items")
                    return
                    yield
            """
        )
    )
    (package / "settings.py").write_text(
        textwrap.dedent(
            f"""
            BOT_NAME = "everyproj"
            SPIDER_MODULES = ["everyproj.spiders"]
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
    (root / "scrapy.cfg").write_text("[settings]\ndefault = everyproj.settings\n")
    return root / "output"


def test_scrapy_every_runs_real_crawls_with_passthrough_options(tmp_path: Path) -> None:
    archive = _make_project(tmp_path)
    result = subprocess.run(
        [
            *scrapy_command("every"),
            "1s",
            "tick",
            "--max-runs",
            "2",
            "--jitter",
            "10%",
            "-a",
            "label=from-cli",
            "-s",
            "LOG_LEVEL=INFO",
        ],
        cwd=tmp_path,
        env=scrapy_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("archiver run: 0 new") == 2
    assert "DEBUG" not in result.stderr  # -s LOG_LEVEL=INFO reached the children
    with ArchiveState(archive) as state:
        runs = state.last_runs()
    assert [run.status for run in runs] == ["finished", "finished"]
    assert all(run.counts and run.counts["sources"] == {"from-cli": {"items": 1, "failed": 0}} for run in runs)


def test_scrapy_every_rejects_a_bad_interval(tmp_path: Path) -> None:
    _make_project(tmp_path)
    result = subprocess.run(
        scrapy_command("every", "soon", "tick"),
        cwd=tmp_path,
        env=scrapy_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "not a duration" in result.stderr


def test_loop_stops_on_a_configuration_error(tmp_path: Path) -> None:
    """Exit 2 (archiver.errors.EXIT_CONFIG) will not go away by waiting: the loop ends
    with it instead of failing the same way every interval, and skips the other commands."""
    marker = tmp_path / "runs.log"
    loop = CrawlLoop(
        [_fake_crawl(marker, 0, code=2), _fake_crawl(marker, 0)],
        interval=0.2,
        jitter=0.0,
        max_runs=5,
        rng=random.Random(1),
    )
    assert loop.run() == 2
    assert loop.cycles == 1
    assert marker.read_text().split() == ["start", "end"]  # the second command never ran
