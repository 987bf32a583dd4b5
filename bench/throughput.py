"""Throughput: the archiver against a naive spider and ``scrapy bench``, in one session.

    .venv/bin/python bench/throughput.py                      # 2,000 then 10,000 articles
    .venv/bin/python bench/throughput.py --articles 500       # a quick run
    .venv/bin/python bench/throughput.py --articles 2000 --no-scrapy-bench
    .venv/bin/python bench/throughput.py --articles 2000,10000 --no-scrapy-bench --only-archiver

A local aggregator on 127.0.0.1: 10 RSS feeds of summary-only items (so every article
page is fetched), article pages that are real saved news pages from
``../shared/corpora/readability`` (absolute URLs pointed back at this server, ``<img>``
tags removed so neither side fetches images the other does not), and one 1600x1067 JPEG
header per article given as the item's enclosure. Each article's JPEG has its own bytes
(a comment segment carries the article number), so content hashing cannot share work.

Per size, in this order: the naive spider (``bench/naive_spider.py``), the archiver, the
archiver again over the unchanged site (the re-run ratio), and the archiver once more
after one new item was added to one feed (what a scheduled run costs; the requests it
made are listed). Both crawlers run with politeness off and 16 concurrent requests.

The site runs in a process of its own (spawned), so serving shares no GIL with this
script's /proc sampler, and its CPU is printed apart ("site CPU"): on a 2-core machine it
competes with the crawl for the same cores. Feeds are made once per site size and sent
with an ETag; a request with a matching ``If-None-Match`` gets a 304, as from real feed
servers, so a scheduled re-run reads again only the feed that changed.

Figures per run: wall seconds, articles/s, CPU seconds per article (the crawl process
and its children: pool workers included; "main" is the crawl process alone, i.e. the
reactor thread and its helper threads), CPU/wall (above 1 means more than one core
was busy), peak RSS of the crawl process (the kernel's high-water mark, VmHWM) and peak
memory of its whole process tree (sampled every 0.5 s from /proc: the sum of each
process's PSS, so pages a worker shares with the forkserver count once), and the CPU this
script spent measuring ("sampler CPU": on a 2-core machine it is taken from a crawl that
uses both cores, not from one that uses a single core). Ratios are against the naive
spider measured in the same session.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "readability"
FEEDS = 10
IMAGE_SIZE = (1600, 1067)
BASE_IMAGES = 8
# Pages of fewer bytes are the corpus's one-behaviour test pages, not news pages.
MIN_PAGE_BYTES = 20_000
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "ROBOTSTXT_OBEY": "False",
    "LOG_LEVEL": "INFO",
}


# -- the site --------------------------------------------------------------------------


def _photo(seed: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    width, height = IMAGE_SIZE
    image = Image.merge("RGB", (
        Image.linear_gradient("L").rotate(seed * 47 % 360).resize(IMAGE_SIZE),
        Image.radial_gradient("L").resize(IMAGE_SIZE),
        Image.effect_noise((width // 6, height // 6), 50 + seed * 7).resize(IMAGE_SIZE),
    ))
    draw = ImageDraw.Draw(image)
    for i in range(14):
        x, y = (seed * 131 + i * 277) % width, (seed * 71 + i * 163) % height
        r = 40 + (seed * 13 + i * 31) % 260
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((seed * 40 + i * 70) % 256, (i * 90) % 256, (seed * 25) % 256))
    image = image.filter(ImageFilter.GaussianBlur(1))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _unique_jpeg(base: bytes, number: int) -> bytes:
    """``base`` with a COM segment naming the article: same pixels, different bytes."""
    comment = f"bench article {number}".encode()
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return base[:2] + segment + base[2:]


def load_pages() -> list[bytes]:
    pages = []
    for path in sorted(CORPUS.glob("*/source.html.gz")):
        data = gzip.decompress(path.read_bytes())
        if len(data) >= MIN_PAGE_BYTES:
            pages.append(data)
    if not pages:
        sys.exit(f"no pages under {CORPUS}")
    return pages


_IMG = re.compile(rb"<(?:img|source)\b[^>]*>", re.IGNORECASE)
_IMAGE_META = re.compile(rb"<meta\b[^>]*(?:og:image|twitter:image)[^>]*>", re.IGNORECASE)
_ABSOLUTE = re.compile(rb"(?:https?:)?//(?=[a-z0-9])", re.IGNORECASE)


def localize(page: bytes, base: str) -> bytes:
    """No request may leave this machine: image tags go, absolute URLs point here (404)."""
    page = _IMAGE_META.sub(b"", _IMG.sub(b"", page))
    return _ABSOLUTE.sub(f"{base}/ext/".encode(), page)


class Aggregator:
    """Feeds, pages and images for ``articles`` articles, made on request (10,000 distinct
    images would be 3 GB held in memory). Lives in the site process (:class:`SiteProcess`).

    Feeds answer with an ETag and honour ``If-None-Match`` (304), as feed servers do:
    a scheduled run re-reads only the feed that changed."""

    def __init__(self, articles: int, port: int = 0) -> None:
        self.articles = articles
        self.extra = 0  # articles added after the first run (the scheduled-run case)
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.pages_raw = load_pages()
        self.images = [_photo(seed) for seed in range(BASE_IMAGES)]
        self._feeds: dict[tuple[int, int], tuple[bytes, str]] = {}
        aggregator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with aggregator.lock:
                    aggregator.requests.append(self.path)
                status, headers, body = aggregator.respond(self.path, self.headers.get("If-None-Match"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.pages = [localize(page, self.base) for page in self.pages_raw]

    def total(self) -> int:
        return self.articles + self.extra

    def respond(self, path: str, if_none_match: str | None = None) -> tuple[int, dict[str, str], bytes]:
        if m := re.fullmatch(r"/feed/(\d+)\.xml", path):
            body, etag = self.feed(int(m.group(1)))
            if if_none_match == etag:
                return 304, {"ETag": etag}, b""
            return 200, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag}, body
        if m := re.fullmatch(r"/a/(\d+)\.html", path):
            number = int(m.group(1))
            if number < self.total():
                return 200, {"Content-Type": "text/html; charset=utf-8"}, self.pages[number % len(self.pages)]
        if m := re.fullmatch(r"/img/(\d+)\.jpg", path):
            number = int(m.group(1))
            if number < self.total():
                return 200, {"Content-Type": "image/jpeg"}, _unique_jpeg(self.images[number % BASE_IMAGES], number)
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def feed(self, k: int) -> tuple[bytes, str]:
        """Feed ``k`` and its ETag, made once per size of the site (feeds are asked for
        again on every run; making them is not what is measured)."""
        key = (k, self.total())
        with self.lock:
            cached = self._feeds.get(key)
        if cached is None:
            body = self._render_feed(k)
            cached = body, '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
            with self.lock:
                self._feeds[key] = cached
        return cached

    def _render_feed(self, k: int) -> bytes:
        items = []
        # Newest first, as feeds are; article n belongs to feed n % FEEDS.
        for number in range(self.total() - 1, -1, -1):
            if number % FEEDS != k:
                continue
            day = 1 + number % 28
            hour = number // 28 % 24
            items.append(
                f"<item><title>Story {number}: the council’s “budget” vote 第{number}条</title>"
                f"<link>{self.base}/a/{number}.html</link><guid isPermaLink='false'>bench-{number}</guid>"
                f"<pubDate>{day:02d} May 2022 {hour:02d}:{number % 60:02d}:00 GMT</pubDate>"
                f"<description>Story {number} in brief: what the council decided …</description>"
                f"<enclosure url='{self.base}/img/{number}.jpg' type='image/jpeg' length='0'/></item>"
            )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench feed {k}</title>'
                f"<link>{self.base}/</link><description>bench</description>{''.join(items)}</channel></rss>").encode()


def _serve_site(articles: int, control: Connection, port: int = 0) -> None:
    """The site process: serve, and answer the bench's commands on ``control``."""
    site = Aggregator(articles, port)
    threading.Thread(target=site.server.serve_forever, daemon=True).start()
    control.send(site.base)
    while True:
        command, argument = control.recv()
        if command == "requests":  # the paths asked for since the last call
            with site.lock:
                asked, site.requests = site.requests, []
            control.send(asked)
        elif command == "extra":
            site.extra = argument
            control.send(None)
        else:  # "close"
            site.server.shutdown()
            control.send(None)
            return


class SiteProcess:
    """The aggregator in a process of its own, so that serving does not share the bench's
    GIL with the /proc sampler, and its CPU is measured and reported apart from the
    crawler's (on a 2-core machine it competes with the crawl for the same cores)."""

    def __init__(self, articles: int, port: int = 0) -> None:
        """``port``: 0 for any free port; a fixed one serves an archive built earlier
        (its entries' URLs name the port) to a later session."""
        context = multiprocessing.get_context("spawn")
        self._control, child = context.Pipe()
        self.process = context.Process(target=_serve_site, args=(articles, child, port), daemon=True)
        self.process.start()
        self.base: str = self._control.recv()
        self.requests: list[str] = []

    @property
    def feed_urls(self) -> list[str]:
        return [f"{self.base}/feed/{k}.xml" for k in range(FEEDS)]

    def _ask(self, command: str, argument: object = None) -> Any:
        self._control.send((command, argument))
        return self._control.recv()

    def take_requests(self) -> list[str]:
        self.requests = self._ask("requests")
        return self.requests

    def set_extra(self, extra: int) -> None:
        self._ask("extra", extra)

    def cpu_seconds(self) -> float:
        return _cpu_seconds(self.process.pid)

    def close(self) -> None:
        self._ask("close")
        self.process.join(timeout=10)


# -- measuring a run -------------------------------------------------------------------


@dataclass
class Run:
    label: str
    articles: int
    wall: float
    cpu: float
    rss_main: int  # bytes
    rss_tree: int
    requests: int
    cpu_main: float = 0.0  # the crawl process alone (the reactor thread and its helpers)
    cpu_site: float = 0.0  # the local site serving it (not part of the crawl's CPU)
    cpu_sampler: float = 0.0  # this script measuring it (/proc reads), also not the crawl's

    @property
    def rate(self) -> float:
        return self.articles / self.wall if self.wall else 0.0

    def line(self) -> str:
        per = self.cpu / self.articles if self.articles else 0.0
        return (f"{self.label:<34} {self.articles:>6} art {self.wall:8.1f} s {self.rate:7.1f} art/s "
                f"{per:6.3f} CPU s/art (main {self.cpu_main / max(self.articles, 1):5.3f})  "
                f"CPU/wall {self.cpu / self.wall:4.2f}  "
                f"peak RSS {self.rss_main / 2**20:5.0f} MB (tree PSS {self.rss_tree / 2**20:5.0f} MB)  "
                f"{self.requests} requests  site CPU {self.cpu_site:5.1f} s  sampler CPU {self.cpu_sampler:4.1f} s")


def _memory(pid: int, field: str) -> int:
    """``VmRSS``/``VmHWM`` from /proc/PID/status or ``Pss`` from smaps_rollup, in bytes."""
    name = "smaps_rollup" if field == "Pss" else "status"
    try:
        with open(f"/proc/{pid}/{name}") as lines:
            for line in lines:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """utime + stime of one process so far (its own, not its children's)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from each thread's ``children`` list (a scan
    of all of /proc each 0.1 s cost the sampler more CPU than the rest of its work)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for tid in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{tid}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except OSError:  # exited meanwhile
            continue
    return found


# The tree's PSS is read every this many samples: smaps_rollup walks each process's page
# tables, and read every 0.1 s it took 6% of a core, which a crawl using both cores
# loses and one using a single core does not (bench's CPU is printed: "sampler CPU").
PSS_EVERY = 5


def measure(label: str, command: list[str], articles: int, site: SiteProcess, cwd: Path = ROOT) -> tuple[Run, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    site.take_requests()
    site_cpu = site.cpu_seconds()
    started = time.perf_counter()
    # Bytecode is cached as on an installed archiver: with PYTHONDONTWRITEBYTECODE set (as
    # in some shells and containers) every run compiled the archiver's modules again,
    # ~0.5 s of a scheduled run's few seconds that no deployment pays twice.
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**environment, "PYTHONPATH": str(ROOT)})
    peak_main = peak_tree = 0
    sampler_before = time.process_time()
    samples = 0
    # Pool workers are children of a forkserver, which is not always reaped in a way
    # that RUSAGE_CHILDREN sees: each process's CPU is also sampled from /proc, and the
    # larger of the two totals is taken.
    cpu_by_pid: dict[int, float] = {}
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout or []), daemon=True)
    reader.start()
    while process.poll() is None:
        pids = _descendants(process.pid)
        for pid in pids:
            cpu_by_pid[pid] = max(cpu_by_pid.get(pid, 0.0), _cpu_seconds(pid))
        # The kernel's own high-water mark of the crawl process: exact, between samples too.
        peak_main = max(peak_main, _memory(process.pid, "VmHWM"))
        if samples % PSS_EVERY == 0:
            # Proportional set size: pages a forked worker shares with the forkserver
            # (the preloaded modules) are counted once, split between them.
            peak_tree = max(peak_tree, sum(_memory(pid, "Pss") for pid in pids))
        samples += 1
        time.sleep(0.1)
    wall = time.perf_counter() - started
    sampler_cpu = time.process_time() - sampler_before
    reader.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    log = "".join(output)
    if process.returncode not in (0, 4):
        sys.exit(f"{label} failed ({process.returncode}):\n{log[-4000:]}")
    cpu = max((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), sum(cpu_by_pid.values()))
    requests = site.take_requests()
    return Run(label, articles, wall, cpu, peak_main, peak_tree, len(requests), cpu_by_pid.get(process.pid, 0.0),
               site.cpu_seconds() - site_cpu, sampler_cpu), log


def archiver_command(site: SiteProcess, sources: Path, root: Path) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "feeds", "-a", f"sources={sources}",
               "-s", f"ARCHIVER_OUTPUT={root}"]
    for key, value in FAST.items():
        command += ["-s", f"{key}={value}"]
    return command


def naive_command(site: SiteProcess, root: Path) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "naive_spider.py"),
               "-a", f"feeds={','.join(site.feed_urls)}", "-s", f"IMAGES_STORE={root / 'images'}",
               "-s", f"NAIVE_OUTPUT={root}"]
    for key, value in FAST.items():
        command += ["-s", f"{key}={value}"]
    return command


def write_sources(site: SiteProcess, path: Path) -> None:
    lines = ["sources:"]
    for k, url in enumerate(site.feed_urls):
        lines.append(f"  - {{name: bench-{k}, url: '{url}', fulltext: auto, max_items: 1000000}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def count_posts(root: Path) -> int:
    return sum(1 for _ in (root / "posts").rglob("*.md")) if (root / "posts").exists() else 0


def run_size(articles: int, work: Path, naive_side: bool = True) -> list[Run]:
    """The runs at one size: [naive, archiver, re-run, +1], without the naive spider's
    run when ``naive_side`` is false (then no ratio against it is printed)."""
    site = SiteProcess(articles)
    capacity()
    try:
        sources = work / "sources.yml"
        write_sources(site, sources)
        naive_root, archive_root = work / f"naive-{articles}", work / f"archive-{articles}"
        # Run outside the project folder, so Scrapy does not load the archiver's settings.
        naive: Run | None = None
        if naive_side:
            naive, _ = measure("naive spider", naive_command(site, naive_root), articles, site, cwd=work)
            print(naive.line(), f"[{count_posts(naive_root)} posts]", flush=True)
            capacity()
        first, log = measure("archiver", archiver_command(site, sources, archive_root), articles, site)
        print(first.line(), f"[{count_posts(archive_root)} posts]", flush=True)
        _warn_errors(log)
        rerun, _ = measure("archiver re-run (unchanged)", archiver_command(site, sources, archive_root), articles, site)
        print(rerun.line(), flush=True)
        site.set_extra(1)
        added, log = measure("archiver re-run (+1 article)", archiver_command(site, sources, archive_root), 1, site)
        asked = sorted({re.sub(r"\d+", "N", path) for path in site.requests})
        print(added.line(), flush=True)
        print(f"    requests of the +1 run: {len(site.requests)} ({', '.join(asked)}); "
              f"posts now {count_posts(archive_root)}", flush=True)
        versus = (f"archiver / naive articles/s: {first.rate / naive.rate:.2f}x   CPU s per article: "
                  f"{first.cpu / first.articles:.3f} vs {naive.cpu / naive.articles:.3f}   ") if naive else ""
        print(f"  => {versus}re-run: {rerun.wall / first.wall * 100:.1f}% of the first run   "
              f"+1 run: {added.wall:.1f} s", flush=True)
        for root in (naive_root, archive_root):
            shutil.rmtree(root, ignore_errors=True)
        return [run for run in (naive, first, rerun, added) if run is not None]
    finally:
        site.close()


def _warn_errors(log: str) -> None:
    errors = [line for line in log.splitlines() if "ERROR" in line]
    if errors:
        print(f"    {len(errors)} ERROR lines in the archiver's log, first: {errors[0][:200]}", flush=True)


def _spin(seconds: float, results: Any) -> None:
    """Busy for ``seconds`` of wall time; reports the CPU seconds it got."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass
    results.put(time.process_time())


def capacity(seconds: float = 3.0) -> float:
    """CPU/wall that one busy process per core gets right now: the most any crawl could
    show on this machine at this moment (on a shared machine, other work takes the rest)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    spinners = [context.Process(target=_spin, args=(seconds, results)) for _ in range(cores)]
    for spinner in spinners:
        spinner.start()
    cpu = sum(results.get() for _ in spinners)
    for spinner in spinners:
        spinner.join()
    print(f"machine capacity now: {cores} busy processes got CPU/wall {cpu / seconds:.2f}", flush=True)
    return cpu / seconds


def scrapy_bench() -> None:
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", "CLOSESPIDER_TIMEOUT=10",
                                "-s", "LOG_LEVEL=INFO"], cwd=tempfile.gettempdir(), check=False,
                               capture_output=True, text=True)
    rates = re.findall(r"\(at (\d+) pages/min\)", completed.stderr)
    # LOGSTATS_INTERVAL is 1 s under `scrapy bench`; the first lines are the warm-up.
    pages = sorted(int(rate) / 60 for rate in rates[2:]) or [0.0]
    print(f"scrapy bench: {pages[len(pages) // 2]:.0f} pages/s (median of {len(pages)} seconds) ({time.perf_counter() - started:.0f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="2000,10000", help="comma-separated sizes (default 2000,10000)")
    parser.add_argument("--no-scrapy-bench", action="store_true")
    parser.add_argument("--only-archiver", action="store_true",
                        help="skip the naive spider (no ratios against it): the archiver's memory and +1 figures alone")
    options = parser.parse_args()
    sizes = [int(size) for size in options.articles.split(",")]
    if not options.no_scrapy_bench:
        scrapy_bench()
    results: dict[int, list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="archiver-throughput-") as tmp:
        for size in sizes:
            print(f"-- {size} articles --", flush=True)
            results[size] = run_size(size, Path(tmp), naive_side=not options.only_archiver)
    if len(sizes) > 1:
        first = 0 if options.only_archiver else 1  # the archiver's first run
        small, large = results[min(sizes)][first], results[max(sizes)][first]
        print(f"archiver peak RSS at {max(sizes)} vs {min(sizes)}: {large.rss_main / small.rss_main:.2f}x "
              f"(tree {large.rss_tree / small.rss_tree:.2f}x)")


if __name__ == "__main__":
    main()
