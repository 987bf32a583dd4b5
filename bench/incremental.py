"""Incremental runs: a first crawl versus a re-run over the same, unchanged site.

Serves a generated aggregator of 500+ articles with images from 127.0.0.1 (five RSS
sources of full-content items, each item with its own JPEG, a fifth of them summary-only
so their pages are fetched), runs ``scrapy crawl feeds`` twice in subprocesses, as a
scheduled run would, and prints both times and their ratio.

    .venv/bin/python bench/incremental.py [--articles 500] [--latency 0.1]

Target: the re-run takes at most 5% of the first run, writes nothing and fetches no
article page or image.

Two rounds, the same for both runs of a round:
  1. loopback, politeness off (no AutoThrottle, 16 requests per domain): the first run
     is as fast as this machine allows, so the re-run's fixed cost, starting Python and
     Scrapy (about a second), dominates the ratio. The worst case for the ratio.
  2. the site answering after ``--latency`` seconds (100 ms by default), as a real
     server does, with the project's shipped settings (AutoThrottle on, 4 requests per
     domain): the ratio a scheduled run sees in practice.
Both are printed, with the re-run's own crawl time from its summary line.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from archiver.demo.site import Resource, SampleSite, make_jpeg

SOURCES = 5


def build_large_site(site: SampleSite, articles: int) -> str:
    """Add ``articles`` items over SOURCES feeds to ``site``; return the sources.yml text."""
    base = site.base_url
    per_source = -(-articles // SOURCES)
    entries = []
    for source in range(SOURCES):
        items = []
        for number in range(per_source):
            index = source * per_source + number
            if index >= articles:
                break
            image = f"/bench/img/{index}.jpg"
            site.resources[image] = Resource(make_jpeg((960, 640), index % 251), "image/jpeg")
            path = f"/bench/{source}/2022/05/{index:05d}-story-number-{index}.html"
            paragraphs = "".join(
                f"<p>Paragraph {p} of story {index}: the council met again on Tuesday to discuss the budget, "
                f"the new tram line and the harbour, and residents asked questions for an hour.</p>"
                for p in range(6))
            body = f'<p><img src="{image}" alt="Picture {index}"></p>{paragraphs}'
            site.resources[path] = Resource(
                f"<html><head><meta charset='utf-8'><title>Story {index}</title></head><body>"
                f"<nav><a href='/'>Home</a></nav><article><h1>Story {index}</h1>{body}</article>"
                f"<footer>Footer</footer></body></html>".encode(), "text/html; charset=utf-8")
            summary_only = number % 5 == 0
            description = f"Story {index} in brief…" if summary_only else body
            day = 1 + index % 28
            items.append(
                f"<item><title>Story {index}: “quoted” title 第{index}条</title><link>{base}{path}</link>"
                f"<guid>bench-{index}</guid><pubDate>{day:02d} May 2022 08:00:00 GMT</pubDate>"
                f"<description><![CDATA[{description}]]></description></item>")
        feed = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench {source}</title>'
                f"<link>{base}/</link>{''.join(items)}</channel></rss>")
        site.resources[f"/bench/{source}/rss.xml"] = Resource(feed.encode(), "application/rss+xml")
        entries.append(f"  - {{name: bench-{source}, url: '{base}/bench/{source}/rss.xml', max_items: 1000}}")
    return "sources:\n" + "\n".join(entries) + "\n"


FAST = ("-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")


def crawl(sources: Path, root: Path, polite: bool) -> tuple[float, str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "feeds", "-a", f"sources={sources}",
               "-s", f"ARCHIVER_OUTPUT={root}", "-s", "LOG_LEVEL=INFO", *(() if polite else FAST)]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=PROJECT_ROOT, check=False, capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"crawl failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    return elapsed, completed.stderr


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*")
            if p.is_file() and ".archiver" not in p.parts}


def measure(articles: int, latency: float, polite: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, SampleSite(delay=latency) as site:
        sources = Path(tmp) / "sources.yml"
        sources.write_text(build_large_site(site, articles), encoding="utf-8")
        root = Path(tmp) / "archive"
        first, _ = crawl(sources, root, polite)
        posts = len(list((root / "posts").rglob("*.md")))
        images = len(list((root / "images").rglob("*.*"))) if (root / "images").exists() else 0
        before = snapshot(root)
        site.requests.clear()
        second, log = crawl(sources, root, polite)
        unconditional = [path for path, headers in site.requests
                         if "If-None-Match" not in headers and path != "/robots.txt"]
        rewritten = [path for path, meta in snapshot(root).items() if before.get(path) != meta]
    summary = next((line.split("] INFO: ", 1)[-1] for line in log.splitlines() if "archiver run:" in line), "")
    settings = "shipped settings (AutoThrottle, 4 per domain)" if polite else "politeness off"
    print(f"-- server latency {latency * 1000:.0f} ms, {settings} --")
    print(f"articles: {articles}  posts written: {posts}  image files: {images}")
    print(f"first run : {first:7.2f} s")
    print(f"re-run    : {second:7.2f} s   ({summary})")
    print(f"ratio     : {second / first * 100:.1f}% of the first run (target <= 5%)")
    print(f"re-run fetched without validators: {len(unconditional)} requests; files rewritten: {len(rewritten)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per response in round two")
    options = parser.parse_args()
    measure(options.articles, 0.0, polite=False)
    measure(options.articles, options.latency, polite=True)


if __name__ == "__main__":
    main()
