"""A fleet of 1, 2 and 4 workers against one machine, on a local aggregator of many sites.

Serves ``--sites`` sites on loopback hosts 127.0.0.11, 127.0.0.12, ... (distinct hosts, so
distinct sites to the fleet and distinct download slots to Scrapy), each with
``--sources-per-site`` RSS sources of ``--articles-per-source`` articles, every response
``--latency`` seconds late (100 ms by default), with the project's shipped politeness
settings. A fifth of the items are summary-only (their page is fetched) and every tenth
has a picture. Starts a throwaway PostgreSQL (as the tests do), then:

1. one machine: ``scrapy crawl feeds`` over every source (SQLite state), the baseline;
2. for N in 1, 2, 4: ``scrapy fleet-run`` then N ``scrapy fleet-worker --until-idle``
   processes on this machine (each crawling ``--concurrency`` sites at once), fresh
   archive and database each time.

A worker crawls one site at a time by default, and each site is a fresh Scrapy process,
so one worker is slower than one ``scrapy crawl`` that fetches every site at once; the
fleet pays off with more nodes (here they share this machine's CPUs).

Prints wall time, articles/s and the ratio against the 1-worker fleet and against one
machine, and checks that every fleet's archive is identical, file for file and byte for
byte, to the 1-worker fleet's and to the one machine's.

With ``--store s3`` the archives go to an S3 bucket (moto's server on 127.0.0.1, as in the
tests) instead of a folder: one more row, one machine writing to the bucket (ratio
against one machine writing to a folder, the baseline), and every fleet writes to the
bucket too; each archive's keys and bytes are compared with the folder's files.

    .venv/bin/python bench/distributed.py [--sites 10] [--sources-per-site 2] [--articles-per-source 100]
        [--store folder|s3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from archiver.demo.site import Resource, SampleSite, make_jpeg
from tests.support.postgres import PostgresServer
from tests.support.s3 import S3Server, start_s3_server, stop_s3_server


def add_sources(site: SampleSite, site_number: int, sources: int, articles: int) -> list[str]:
    """Add ``sources`` feeds of ``articles`` items to ``site``; return their sources.yml entries."""
    base = site.base_url
    entries = []
    for source in range(sources):
        name = f"s{site_number:02d}-{source}"
        items = []
        for number in range(articles):
            story = f"{name}-{number:04d}"
            path = f"/{name}/2022/05/{number:04d}-story.html"
            image = ""
            if number % 10 == 0:
                image_path = f"/{name}/img/{number}.jpg"
                data = make_jpeg((480, 320), site_number * 1000 + source * 100 + number)
                site.resources[image_path] = Resource(data + name.encode(), "image/jpeg")
                image = f'<p><img data-src="{image_path}" src="/pixel.gif" alt="Picture {story}"></p>'
            paragraphs = "".join(
                f"<p>Paragraph {p} of story {story}: the council met again on Tuesday to discuss the budget, "
                f"the new tram line and the harbour; 市议会周二再次开会讨论预算和新电车线路。</p>" for p in range(5))
            body = f"{image}{paragraphs}"
            site.resources[path] = Resource(
                f"<html><head><meta charset='utf-8'><title>Story {story}</title></head><body>"
                f"<nav><a href='/'>Home</a></nav><article><h1>Story {story}</h1>{body}</article>"
                f"<footer>Footer</footer></body></html>".encode(), "text/html; charset=utf-8")
            summary_only = number % 5 == 0
            description = f"Story {story} in brief…" if summary_only else body
            day = 1 + number % 28
            items.append(
                f"<item><title>Story {story}: “quoted” 第{number}条</title><link>{base}{path}</link>"
                f"<guid>{story}</guid><pubDate>{day:02d} May 2022 08:00:00 GMT</pubDate>"
                f"<description><![CDATA[{description}]]></description></item>")
        feed = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{name}</title>'
                f"<link>{base}/</link>{''.join(items)}</channel></rss>")
        site.resources[f"/{name}/rss.xml"] = Resource(feed.encode(), "application/rss+xml")
        entries.append(f"  - {{name: {name}, url: '{base}/{name}/rss.xml', max_items: {articles}}}")
    return entries


def scrapy(*args: str, settings: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "scrapy", *args]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def archive_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)}


class Output:
    """Where one archive goes (a folder, or a prefix of the moto bucket) and how to read it back."""

    def __init__(self, tmp: Path, name: str, s3: S3Server | None, bucket: str) -> None:
        self.folder = tmp / name
        self.s3, self.bucket, self.prefix = s3, bucket, name
        self.settings = {"ARCHIVER_OUTPUT": str(self.folder)}
        if s3 is not None:
            self.settings = {**s3.settings(), "ARCHIVER_OUTPUT": f"s3://{bucket}/{name}",
                             "ARCHIVER_WORK_DIR": str(tmp / f"{name}-work")}

    def files(self) -> dict[str, bytes]:
        return archive_files(self.folder) if self.s3 is None else self.s3.objects(self.bucket, f"{self.prefix}/")

    def __str__(self) -> str:
        return self.settings["ARCHIVER_OUTPUT"]


def one_machine(tmp: Path, sources: Path, output: Output) -> float:
    started = time.perf_counter()
    log = tmp / f"{output.prefix}.log"
    code = scrapy("crawl", "feeds", "-a", f"sources={sources}", settings=output.settings, log=log).wait()
    elapsed = time.perf_counter() - started
    if code != 0:
        sys.exit(f"one-machine crawl exited {code}; see {log}")
    return elapsed


def fleet(tmp: Path, server: PostgresServer, sources: Path, workers: int, concurrency: int,
          output: Output) -> float:
    settings = {"ARCHIVER_STATE_URL": server.create_database(), **output.settings,
                "ARCHIVER_SOURCES": str(sources), "ARCHIVER_FLEET_HEARTBEAT": "2"}
    started = time.perf_counter()
    if scrapy("fleet-run", settings=settings, log=tmp / f"fleet-{workers}-start.log").wait() != 0:
        sys.exit(f"fleet-run failed; see {tmp / f'fleet-{workers}-start.log'}")
    procs = [scrapy("fleet-worker", "--until-idle", "--concurrency", str(concurrency), "--name", f"w{n}",
                    settings=settings,
                    log=tmp / f"fleet-{workers}-w{n}.log") for n in range(workers)]
    codes = [proc.wait() for proc in procs]
    elapsed = time.perf_counter() - started
    if any(codes):
        sys.exit(f"{workers} workers exited {codes}; logs in {tmp}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--sources-per-site", type=int, default=2)
    parser.add_argument("--articles-per-source", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--concurrency", type=int, default=1, help="sites each worker crawls at once")
    parser.add_argument("--store", choices=("folder", "s3"), default="folder", help="where the archives go")
    parser.add_argument("--keep", action="store_true", help="keep the archives and logs")
    options = parser.parse_args()
    counts = [int(n) for n in options.workers.split(",") if n]  # --workers "": the one-machine rows only
    articles = options.sites * options.sources_per_site * options.articles_per_source

    with ExitStack() as stack:
        tmp = Path(tempfile.mkdtemp(prefix="bench-distributed-")) if options.keep else Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-distributed-")))
        server = PostgresServer()
        stack.callback(server.stop)
        server.start()
        s3, bucket = None, ""
        if options.store == "s3":
            process, s3 = start_s3_server()
            stack.callback(stop_s3_server, process)
            bucket = s3.new_bucket()
        entries: list[str] = []
        for number in range(options.sites):
            site = stack.enter_context(SampleSite(delay=options.latency, host=f"127.0.0.{11 + number}"))
            entries += add_sources(site, number, options.sources_per_site, options.articles_per_source)
        sources = tmp / "sources.yml"
        sources.write_text("sources:\n" + "\n".join(entries) + "\n", encoding="utf-8")
        print(f"{options.sites} sites, {len(entries)} sources, {articles} articles, "
              f"{options.latency * 1000:.0f} ms per response, shipped politeness settings; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} (other work on this machine slows every row alike)")

        alone = Output(tmp, "one-machine", None, "")
        alone_time = one_machine(tmp, sources, alone)
        reference = alone.files()
        posts = sum(1 for path in reference if path.startswith("posts/"))
        print(f"one machine (scrapy crawl): {alone_time:7.1f} s  {posts / alone_time:6.1f} articles/s  "
              f"({posts} posts, {len(reference)} files)")
        if s3 is not None:
            into_bucket = Output(tmp, "one-machine-s3", s3, bucket)
            elapsed = one_machine(tmp, sources, into_bucket)
            same = into_bucket.files() == reference
            print(f"one machine into the bucket: {elapsed:7.1f} s  {posts / elapsed:6.1f} articles/s  "
                  f"x{elapsed / alone_time:4.2f} the folder's time  "
                  f"same keys and bytes as the folder: {'yes' if same else 'NO'}")
            if not same:
                sys.exit(f"the bucket's archive differs from {alone.folder} (run with --keep)")
        first: float | None = None
        for workers in counts:
            output = Output(tmp, f"fleet-{workers}x{options.concurrency}", s3, bucket)
            elapsed = fleet(tmp, server, sources, workers, options.concurrency, output)
            first = first or elapsed
            same = output.files() == reference
            print(f"fleet, {workers} worker(s) x {options.concurrency}: {elapsed:7.1f} s  {posts / elapsed:6.1f} articles/s  "
                  f"speed-up vs 1 worker x{first / elapsed:4.2f}, vs one machine x{alone_time / elapsed:4.2f}  "
                  f"archive identical to one machine's: {'yes' if same else 'NO'}")
            if not same:
                sys.exit(f"archives differ: compare {alone.folder} and {output} (run with --keep)")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        if options.keep:
            print(f"kept in {tmp}")


if __name__ == "__main__":
    main()
