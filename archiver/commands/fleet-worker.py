# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy fleet-worker``: take sites of distributed runs and archive them, one crawl per site.

Runs until SIGTERM/SIGINT (graceful: the crawl in progress finishes), or with
``--until-idle`` until no run is active. Exit status, for the crawls this worker ran:
0, 4 when a source failed entirely in one of them, 1 when one of them failed.
Settings given with ``-s`` are passed on to every crawl. See docs/distributed.md.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from archiver.distributed.engine import Fleet, FleetConfig

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "INFO"}

    def syntax(self) -> str:
        return "[--until-idle] [--concurrency N] [--name NAME]"

    def short_desc(self) -> str:
        return "Work for the fleet: archive the sites that distributed runs hand out"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--until-idle", action="store_true", help="exit once no run is active")
        parser.add_argument("--concurrency", type=int, default=1, help="sites crawled at once (default 1)")
        parser.add_argument("--name", help="worker name in the state and logs (default: host-pid)")
        parser.add_argument("--spider", default="feeds", help="spider each crawl runs (default: feeds)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        if opts.concurrency < 1:
            raise UsageError("--concurrency must be at least 1", print_help=False)
        configure_logging(self.settings)
        overrides: dict[str, Any] = {"spider": opts.spider}
        if opts.name:
            overrides["worker_name"] = opts.name
        try:
            config = FleetConfig.from_settings(self.settings, **overrides)
        except ValueError as exc:
            raise UsageError(str(exc), print_help=False) from None
        fleet = Fleet(config)
        self.exitcode = asyncio.run(fleet.work(until_idle=opts.until_idle, concurrency=opts.concurrency))
