# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy export-feeds``: write the archive's JSON feeds without crawling."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from archiver import config
from archiver.archive.jsonfeed import export_feeds
from archiver.archive.store import archive_spec, open_checked_store, work_dir
from archiver.errors import EXIT_FAILED
from archiver.extensions.feed_export import describe, feed_settings

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    requires_project = True
    # No crawl: building a crawler process would only install a reactor for nothing.
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "INFO"}

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Write the archive's JSON feeds (no crawl)"

    def long_desc(self) -> str:
        return (
            f"Rebuild <{config.OUTPUT}>/feeds/ (feed.json, <source>.json, feed.jsonl) from "
            f"the archived posts, using {config.SITE_URL}, {config.FEED_TITLE}, "
            f"{config.FEED_MAX_ITEMS} and {config.FEED_PERMALINK}. Broken posts are reported "
            "and skipped; the exit code is non-zero only when no feed could be made."
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        configure_logging(self.settings)
        try:
            root, options = feed_settings(self.settings)
            spec = archive_spec(self.settings)
            work = work_dir(self.settings)
            if not spec.is_local:  # the posts are read from the store the crawls wrote (exit 2 if unusable)
                open_checked_store(spec, config.OUTPUT.name)
        except ValueError as exc:  # ConfigError and StoreUnusable too
            raise UsageError(str(exc), print_help=False) from None
        try:
            result = export_feeds(spec, options, work=work)
        except OSError as exc:
            print(f"export-feeds: {exc}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
            return
        print(describe(result, root if spec.is_local else spec.uri))
        for skipped in result.skipped:
            print(f"  skipped {skipped.path}: {skipped.reason}")
        if result.posts and not result.items:
            # Every post broken is a total failure; some broken posts are not.
            self.exitcode = EXIT_FAILED
