# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy fleet-run``: start a distributed run; the fleet's workers do the crawling.

Records the run and one job per site in PostgreSQL (``ARCHIVER_STATE_URL``) and returns
at once. Refused (exit 3) while another run is active: a run is joined by starting more
workers (``scrapy fleet-worker``), never by starting it twice. See docs/distributed.md.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from archiver.distributed.engine import Fleet, FleetConfig, ensure_schema, start_run
from archiver.distributed.runs import RunActive
from archiver.extensions.archive_lock import EXIT_LOCKED
from archiver.sources import SourceError

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "INFO"}

    def syntax(self) -> str:
        return "[--sources PATH] [--spider NAME]"

    def short_desc(self) -> str:
        return "Start a distributed run of every site of the sources file (exit 3: a run is active)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--sources", help="sources file (default: ARCHIVER_SOURCES)")
        parser.add_argument("--spider", default="feeds", help="spider each crawl runs (default: feeds)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        configure_logging(self.settings)
        overrides: dict[str, Any] = {"spider": opts.spider}
        if opts.sources:
            overrides["sources_file"] = opts.sources
        try:
            config = FleetConfig.from_settings(self.settings, **overrides)
        except ValueError as exc:
            raise UsageError(str(exc), print_help=False) from None
        try:
            run_id = asyncio.run(_start(config))
        except RunActive as exc:
            print(f"fleet-run: {exc}", file=sys.stderr)
            self.exitcode = EXIT_LOCKED
            return
        except SourceError as exc:
            print(f"fleet-run: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        print(run_id)


async def _start(config: FleetConfig) -> int:
    fleet = Fleet(config)
    async with fleet.app.open_async():
        await ensure_schema(fleet.app, config.state_url)
        return await start_run(fleet.app, config)
