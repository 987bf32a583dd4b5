"""``scrapy site``: build a browsable, searchable static site of the archive (Hugo + Pagefind).

``scrapy site`` writes ``<ARCHIVER_OUTPUT>/site/``; ``scrapy site --serve`` then serves
the archive on 127.0.0.1 with live reload (``hugo server``). See archiver/site/build.py.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from archiver import config
from archiver.archive.store import StoreSpec
from archiver.errors import EXIT_FAILED
from archiver.site.build import SiteBuildError, SiteOptions, build_site, serve_site

if TYPE_CHECKING:
    import argparse

    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

SITE_DIR = "site"


def site_options(settings: BaseSettings, strict: bool = False) -> SiteOptions:
    archive = Path(config.OUTPUT.get(settings))
    return SiteOptions(
        archive=archive,
        destination=archive / SITE_DIR,
        base_url=config.SITE_URL.get(settings) or "/",
        title=config.FEED_TITLE.get(settings),
        search_language=config.SITE_SEARCH_LANGUAGE.get(settings),
        strict=strict,
    )


def _scrapy_executable() -> str:
    # Say `.venv/bin/scrapy` when that is how we were run (make demo), else `scrapy`.
    return sys.argv[0] if Path(sys.argv[0]).name == "scrapy" else "scrapy"


class Command(ScrapyCommand):
    requires_project = True
    # No crawl: a crawler process would only install a reactor for nothing.
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "INFO"}

    def syntax(self) -> str:
        return "[--serve [--port PORT]] [--strict]"

    def short_desc(self) -> str:
        return "Build a searchable static site of the archive (Hugo + Pagefind)"

    def long_desc(self) -> str:
        return (
            f"Build <{config.OUTPUT}>/site/ from the archived posts and images with Hugo (mounted, "
            "not copied), then index it for full-text search with Pagefind. With --serve, build "
            "and then serve it on 127.0.0.1 with live reload until Ctrl-C. The site's root URL is "
            f"{config.SITE_URL} (default /) and its title {config.FEED_TITLE}."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--serve", action="store_true", help="serve the site with live reload (hugo server)")
        parser.add_argument("--bind", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=1313, help="port to serve on (default 1313)")
        parser.add_argument("--strict", action="store_true", help="fail on any Hugo warning")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        configure_logging(self.settings)
        if StoreSpec(config.OUTPUT.get(self.settings)).folder is None:
            raise UsageError(f"scrapy site builds from a folder, and {config.OUTPUT} is an object store: copy it "
                             "down (aws s3 sync s3://bucket/prefix ./archive) and run with "
                             f"-s {config.OUTPUT}=./archive", print_help=False)
        options = site_options(self.settings, strict=opts.strict)
        try:
            result = build_site(options)
        except (SiteBuildError, OSError) as exc:
            print(f"site: {exc}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
            return
        for warning in result.warnings:
            print(f"  hugo: {warning}")
        broken = f"; {len(result.skipped_posts)} broken posts left out (logged above)" if result.skipped_posts else ""
        print(f"site: {result.posts} posts in {options.destination}/{broken}")
        print(f"index: {result.index}")
        if not opts.serve:
            print(f"serve it with: {_scrapy_executable()} site --serve   (http://127.0.0.1:1313/)")
            return
        print("serving the archive with live reload (hugo server); Ctrl-C stops")
        left_out = [path for path, _ in result.skipped_posts]
        self.exitcode = serve_site(options, left_out, bind=opts.bind, port=opts.port)
