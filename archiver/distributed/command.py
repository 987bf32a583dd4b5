"""What ``scrapy fleet-run`` and ``scrapy fleet-worker`` share: options and the fleet's config."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

if TYPE_CHECKING:
    import argparse

    from archiver.distributed.engine import FleetConfig


class FleetCommand(ScrapyCommand):
    requires_project = True
    # No crawl in this process: crawls run as subprocesses, one per site.
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "INFO"}

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--spider", default="feeds", help="spider each crawl runs (default: feeds)")

    def fleet_config(self, args: list[str], opts: argparse.Namespace, **overrides: Any) -> FleetConfig:
        """The config from settings and options; usage errors for what cannot work."""
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        configure_logging(self.settings)
        # procrastinate and psycopg (~0.15 s) load only when a fleet command runs: Scrapy
        # imports every command module on each invocation, `scrapy crawl` included.
        from archiver.distributed.engine import FleetConfig

        try:
            return FleetConfig.from_settings(self.settings, spider=opts.spider, **overrides)
        except ValueError as exc:
            raise UsageError(str(exc), print_help=False) from None
