"""``python -m archiver.demo``: serve the sample site on 127.0.0.1, archive it with
``scrapy crawl feeds``, and print what was archived.

The port is fixed (8765 by default) because article links, guids and image URLs carry
it: a second demo run then finds everything unchanged, as a scheduled run would.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from archiver import config
from archiver.archive.paths import FEEDS_DIR, IMAGES_DIR, POSTS_DIR
from archiver.archive.render import parse_post
from archiver.demo.site import SampleSite, sample_sources_yaml


def summarize_archive(root: Path) -> list[str]:
    lines = []
    for post_file in sorted((root / POSTS_DIR).rglob("*.md")):
        if post_file.name.startswith("."):
            continue
        post = parse_post(post_file.read_text(encoding="utf-8"))
        images = post.content.count("![") + post.content.count("<img")
        lines.append(f"  {post_file.relative_to(root)}\n      {post.get('title')}  [{images} images]")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765, help="port of the sample site (default 8765)")
    parser.add_argument("--output", default="output", help="archive root (default: output)")
    parser.add_argument("scrapy_args", nargs="*", help="extra arguments for scrapy crawl, e.g. -s LOG_LEVEL=DEBUG")
    options = parser.parse_args(argv)
    root = Path(options.output)
    try:
        site = SampleSite(port=options.port)
    except OSError as error:
        print(f"cannot serve the sample site on 127.0.0.1:{options.port}: {error} (try --port)", file=sys.stderr)
        return 2
    with site, tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        print(f"sample site: {site.base_url}  ->  archive: {root}/")
        command = [sys.executable, "-m", "scrapy", "crawl", "feeds", "-a", f"sources={sources}",
                   "-s", f"{config.OUTPUT}={root}", *options.scrapy_args]
        code = subprocess.call(command)
        requests = len(site.paths_requested())
    posts = summarize_archive(root)
    images = [p for p in (root / IMAGES_DIR).rglob("*") if p.is_file()] if (root / IMAGES_DIR).exists() else []
    feeds = sorted(p.name for p in (root / FEEDS_DIR).glob("*.json*")) if (root / FEEDS_DIR).exists() else []
    print(f"\nthe sample site answered {requests} requests (a re-run asks only with validators: 304s)")
    print(f"{root}/ holds {len(posts)} posts, {len(images)} image files, feeds: {', '.join(feeds) or 'none'}")
    for line in posts:
        print(line)
    return code


if __name__ == "__main__":
    sys.exit(main())
