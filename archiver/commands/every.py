"""``scrapy every <interval> [spider ...]``: run crawls on a schedule, forever.

Each run is a fresh ``python -m scrapy crawl <spider> ...`` subprocess: the Twisted
reactor cannot be restarted inside one process, and a fresh process per run also
returns all memory and file descriptors between runs.

Runs start every ``interval`` (start to start) plus a random jitter, so several
archivers started together drift apart; a run that overruns the interval is followed
by the next one at once, never by an overlapping one. With no spider named, every
spider of the project runs, one after another, in each cycle.

SIGTERM / SIGINT: between runs the loop exits at once (status 0); during a run the
signal is forwarded once to the child, which shuts down gracefully (Scrapy's own
handling: a second signal forces it), and the loop exits when the child has.
The child runs in its own session so a terminal's Ctrl-C reaches it only through
this forwarding (exactly once, not twice).
"""

from __future__ import annotations

import logging
import math
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import FrameType
from typing import TYPE_CHECKING

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.log import configure_logging

from archiver.errors import EXIT_CONFIG, EXIT_MEANINGS

if TYPE_CHECKING:
    import argparse

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


def parse_duration(text: str) -> float:
    """Seconds in ``90s``, ``15m``, ``2h``, ``1d``, ``1h30m`` or a bare number of seconds."""
    cleaned = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return float(cleaned)
    position, total = 0, 0.0
    for match in _DURATION.finditer(cleaned):
        if match.start() != position:
            break
        total += float(match.group(1)) * _UNITS[match.group(2)]
        position = match.end()
    if position != len(cleaned) or position == 0:
        raise ValueError(f"not a duration: {text!r} (use e.g. 90s, 15m, 2h, 1d, 1h30m)")
    return total


def parse_jitter(text: str, interval: float) -> float:
    """The largest random delay added to a wait: ``10%`` of the interval, or a duration."""
    cleaned = text.strip()
    if cleaned.endswith("%"):
        try:
            percent = float(cleaned[:-1])
        except ValueError:
            raise ValueError(f"not a percentage: {text!r}") from None
        if not 0 <= percent <= 100 or not math.isfinite(percent):
            raise ValueError(f"jitter must be between 0% and 100%: {text!r}")
        return interval * percent / 100
    return parse_duration(cleaned)


class CrawlLoop:
    """Runs ``commands`` (each an argv) in sequence, once per cycle, until stopped."""

    def __init__(
        self,
        commands: Sequence[Sequence[str]],
        interval: float,
        *,
        jitter: float = 0.0,
        max_runs: int | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if interval <= 0:
            raise ValueError("the interval must be positive")
        self.commands = [list(command) for command in commands]
        self.interval = interval
        self.jitter = jitter
        self.max_runs = max_runs
        self.rng = rng or random.Random()
        self.clock = clock
        self.stop_requested = threading.Event()
        self.child: subprocess.Popen[bytes] | None = None
        self.cycles = 0
        self._signum: int = signal.SIGTERM
        self._forwarded = False

    def run(self) -> int:
        """Loop until ``max_runs`` cycles, or a signal; the last run's worst exit code
        when ``max_runs`` ends it, 0 when a signal does."""
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            return self._loop()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _loop(self) -> int:
        status = 0
        while not self.stop_requested.is_set():
            started = self.clock()
            self.cycles += 1
            status = self._cycle()
            if self.max_runs is not None and self.cycles >= self.max_runs:
                return status
            if status == EXIT_CONFIG:
                # A mistake in the arguments, settings or sources file: every later run
                # would fail the same way until a person fixes it, so say so and stop.
                logger.error("Run %d stopped on a configuration error (exit %d): fix it and start again",
                             self.cycles, EXIT_CONFIG)
                return status
            if self.stop_requested.is_set():
                break
            next_start = started + self.interval + self.rng.uniform(0, self.jitter)
            wait = next_start - self.clock()
            if wait <= 0:
                logger.warning(
                    "Run %d took longer than the %s interval; starting the next one now",
                    self.cycles,
                    _format_seconds(self.interval),
                )
                continue
            logger.info("Next run in %s", _format_seconds(wait))
            self.stop_requested.wait(wait)
        logger.info("Stopped after %d run(s)", self.cycles)
        return 0

    def _cycle(self) -> int:
        worst = 0
        for command in self.commands:
            if self.stop_requested.is_set():
                break
            code = self._run_child(command)
            if code == EXIT_CONFIG:
                return code  # the other commands share the configuration: no use running them
            worst = max(worst, code) if code >= 0 else max(worst, 128 - code)
        return worst

    def _run_child(self, command: list[str]) -> int:
        logger.info("Run %d: %s", self.cycles, " ".join(command))
        started = time.monotonic()
        self._forwarded = False
        self.child = subprocess.Popen(command, start_new_session=True)
        if self.stop_requested.is_set():  # the signal came while the child was starting
            self._forward(self._signum)
        try:
            code = self.child.wait()  # a signal runs _on_signal, then the wait resumes
        finally:
            self.child = None
        took = _format_seconds(time.monotonic() - started)
        if code == 0:
            logger.info("Run %d finished in %s", self.cycles, took)
        elif code in EXIT_MEANINGS:
            logger.warning("Run %d exited %d (%s) after %s", self.cycles, code, EXIT_MEANINGS[code], took)
        else:
            logger.error("Run %d exited %d after %s", self.cycles, code, took)
        return code

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        # Only flag and forward here: logging from a signal handler can deadlock.
        self._signum = signum
        self.stop_requested.set()
        self._forwarded = False  # a second signal is passed on too: it forces the child
        self._forward(signum)

    def _forward(self, signum: int) -> None:
        child = self.child
        if child is not None and not self._forwarded and child.poll() is None:
            self._forwarded = True
            child.send_signal(signum)


def _format_seconds(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f}s"
    if seconds < 7200:
        return f"{seconds / 60:.1f}m"
    return f"{seconds / 3600:.1f}h"


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False  # the crawls run in child processes

    def syntax(self) -> str:
        return "[options] <interval> [spider ...]"

    def short_desc(self) -> str:
        return "Run spiders every <interval> (e.g. 30m), each run a fresh `scrapy crawl`"

    def long_desc(self) -> str:
        return (
            "Run `scrapy crawl <spider>` every <interval> (90s, 15m, 2h, 1d, 1h30m), "
            "start to start, plus --jitter. With no spider, run every spider of the project "
            "in turn. SIGTERM/SIGINT stop the loop; a running crawl gets the signal and "
            "finishes gracefully. Options -a, -s, -o, -O, -L, --logfile are passed to each crawl."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "-a",
            dest="spargs",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="spider argument passed to each crawl (may be repeated)",
        )
        parser.add_argument(
            "-o", "--output", action="append", default=[], metavar="FILE", help="passed to each crawl as -o"
        )
        parser.add_argument(
            "-O", "--overwrite-output", action="append", default=[], metavar="FILE", help="passed to each crawl as -O"
        )
        parser.add_argument(
            "--jitter",
            default="0",
            metavar="J",
            help="random extra wait per cycle: a percentage of the interval (10%%) or a duration (30s); default 0",
        )
        parser.add_argument(
            "--max-runs", type=int, default=None, metavar="N", help="stop after N cycles (default: run until stopped)"
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if not args:
            raise UsageError("give an interval, e.g. `scrapy every 30m archive`")
        try:
            opts.interval = parse_duration(args[0])
            opts.jitter_seconds = parse_jitter(opts.jitter, opts.interval)
        except ValueError as exc:
            raise UsageError(str(exc), print_help=False) from None
        if opts.interval <= 0:
            raise UsageError("the interval must be positive", print_help=False)
        if opts.max_runs is not None and opts.max_runs < 1:
            raise UsageError("--max-runs must be at least 1", print_help=False)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        configure_logging(self.settings)
        spiders = args[1:] or sorted(get_spider_loader(self.settings).list())
        if not spiders:
            raise UsageError("this project has no spiders", print_help=False)
        passthrough = crawl_options(opts)
        commands = [[sys.executable, "-m", "scrapy", "crawl", name, *passthrough] for name in spiders]
        loop = CrawlLoop(commands, opts.interval, jitter=opts.jitter_seconds, max_runs=opts.max_runs)
        logger.info(
            "Crawling %s every %s (jitter up to %s), pid %d",
            ", ".join(spiders),
            _format_seconds(opts.interval),
            _format_seconds(opts.jitter_seconds),
            os.getpid(),
        )
        self.exitcode = loop.run()


def crawl_options(opts: argparse.Namespace) -> list[str]:
    """The options of ``scrapy every`` that each ``scrapy crawl`` child must get too."""
    passthrough: list[str] = []
    for flag, values in (("-a", opts.spargs), ("-s", opts.set), ("-o", opts.output), ("-O", opts.overwrite_output)):
        for value in values or []:
            passthrough += [flag, value]
    if opts.loglevel:
        passthrough += ["-L", opts.loglevel]
    if opts.logfile:
        passthrough += ["--logfile", opts.logfile]
    if opts.nolog:
        passthrough.append("--nolog")
    return passthrough
