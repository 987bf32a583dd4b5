# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy fleet-run``: start a distributed run; the fleet's workers do the crawling.

Records the run and one job per site in PostgreSQL (``ARCHIVER_STATE_URL``) and returns
at once. Refused (exit 3) while another run is active: a run is joined by starting more
workers (``scrapy fleet-worker``), never by starting it twice. See docs/distributed.md.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, Any

from archiver import config
from archiver.distributed.command import FleetCommand
from archiver.errors import EXIT_CONFIG, EXIT_LOCKED
from archiver.sources.sources_file import SourceError

if TYPE_CHECKING:
    import argparse

    from archiver.distributed.engine import FleetConfig


class Command(FleetCommand):
    def syntax(self) -> str:
        return "[--sources PATH] [--spider NAME]"

    def short_desc(self) -> str:
        return "Start a distributed run of every site of the sources file (exit 3: a run is active)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--sources", help=f"sources file (default: {config.SOURCES})")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        overrides: dict[str, Any] = {"sources_file": opts.sources} if opts.sources else {}
        config = self.fleet_config(args, opts, **overrides)
        # procrastinate and psycopg (~0.15 s) load only when a fleet command runs: Scrapy
        # imports every command module on each invocation, `scrapy crawl` included.
        from archiver.distributed.runs import RunActive

        try:
            run_id = asyncio.run(_start(config))
        except RunActive as exc:
            print(f"fleet-run: {exc}", file=sys.stderr)
            self.exitcode = EXIT_LOCKED
            return
        except SourceError as exc:
            print(f"fleet-run: {exc}", file=sys.stderr)
            self.exitcode = EXIT_CONFIG
            return
        print(run_id)


async def _start(config: FleetConfig) -> int:
    from archiver.distributed.engine import Fleet, ensure_schema, start_run

    fleet = Fleet(config)
    async with fleet.app.open_async():
        await ensure_schema(fleet.app, config.state_url)
        return await start_run(fleet.app, config)
