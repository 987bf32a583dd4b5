# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy fleet-worker``: take sites of distributed runs and archive them, one crawl per site.

Runs until SIGTERM/SIGINT (graceful: the crawl in progress finishes), or with
``--until-idle`` until no run is active. Exit status, for the crawls this worker ran:
0, 4 when a source failed entirely in one of them, 1 when one of them failed.
Settings given with ``-s`` are passed on to every crawl. See docs/distributed.md.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import UsageError

from archiver.distributed.command import FleetCommand

if TYPE_CHECKING:
    import argparse


class Command(FleetCommand):
    def syntax(self) -> str:
        return "[--until-idle] [--concurrency N] [--name NAME] [--spider NAME]"

    def short_desc(self) -> str:
        return "Work for the fleet: archive the sites that distributed runs hand out"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--until-idle", action="store_true", help="exit once no run is active")
        parser.add_argument("--concurrency", type=int, default=1, help="sites crawled at once (default 1)")
        parser.add_argument("--name", help="worker name in the state and logs (default: host-pid)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if opts.concurrency < 1:
            raise UsageError("--concurrency must be at least 1", print_help=False)
        overrides: dict[str, Any] = {"worker_name": opts.name} if opts.name else {}
        # procrastinate and psycopg (~0.15 s) load only when a fleet command runs: Scrapy
        # imports every command module on each invocation, `scrapy crawl` included.
        from archiver.distributed.engine import Fleet

        fleet = Fleet(self.fleet_config(args, opts, **overrides))
        self.exitcode = asyncio.run(fleet.work(until_idle=opts.until_idle, concurrency=opts.concurrency))
