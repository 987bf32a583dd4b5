"""``scrapy runs``: the last runs recorded in the state, newest first.

One machine (SQLite): one line per crawl, its summary. A fleet (PostgreSQL): one report
per distributed run, summed over every worker's crawls (posts new/updated/failed per
site, items/failed per source), then the last crawls themselves (every worker's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from archiver import config
from archiver.archive.state import RunRecord, StateError
from archiver.archive.state_backends import is_postgres_url, open_state
from archiver.archive.store import work_dir
from archiver.errors import EXIT_FAILED, ConfigError

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        return "[--limit N]"

    def short_desc(self) -> str:
        return "Print the last runs from the archive's state"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--limit", type=int, default=10, help="how many runs (default 10)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        url = config.STATE_URL.get(self.settings)
        try:
            root = work_dir(self.settings)
        except ConfigError as exc:
            raise UsageError(str(exc), print_help=False) from None
        try:
            if is_postgres_url(url):
                print_fleet_runs(url, opts.limit)
            with open_state(root, url) as state:
                for run in state.last_runs(opts.limit):
                    print(format_run(run))
        except StateError as exc:
            print(f"runs: {exc}")
            self.exitcode = EXIT_FAILED


def format_run(run: RunRecord) -> str:
    end = f" -> {run.finished}" if run.finished else ""
    return f"crawl {run.id} ({run.spider}) {run.started}{end} {run.status}: {run.summary or '-'}"


def print_fleet_runs(url: str, limit: int) -> None:
    from archiver.archive.state_backends.postgres import connect_migrated
    from archiver.distributed import runs

    with connect_migrated(url) as conn:
        for run_id in runs.last_run_ids(conn, limit):
            report = runs.run_report(conn, run_id)
            if report is not None:
                print(runs.format_report(report))
