"""The demo archive and its site, as `make demo` makes them, for the site tests."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from archiver.demo.site import SampleSite, sample_sources_yaml
from archiver.site.build import SiteBuild, SiteOptions, build_site
from tests.support.crawl import run_crawl
from tests.support.server import LocalServer

SEED_POST = "posts/qutoutiao/2022/2022-05-09-端稳-饭碗-鼓起-钱袋-大同多举措优化就业结构改善就业环境.md"


def crawl_demo_archive(root: Path) -> None:
    """Archive the bundled sample site into ``root`` (as ``make demo`` does)."""
    with SampleSite() as site:
        sources = root.parent / f"{root.name}-sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        result = run_crawl("-a", f"sources={sources}", output=root)
    assert result.returncode == 0 and not result.error_lines, result.log[-3000:]


def build_strict(archive: Path) -> SiteBuild:
    """Build ``archive/site`` with Hugo's warnings as errors (the archive must build cleanly)."""
    return build_site(SiteOptions(archive=archive, destination=archive / "site", strict=True))


def site_url_path(post: str) -> str:
    """The site path Hugo gives an archived post file (``posts/<source>/<year>/<name>/``)."""
    return "/" + post.removesuffix(".md") + "/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (any free port); yields the base URL."""
    with LocalServer.start(functools.partial(_QuietHandler, directory=str(root))) as server:  # type: ignore[arg-type]
        yield server.base_url
