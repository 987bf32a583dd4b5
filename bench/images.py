"""Per-image cost of Scrapy's stock ImagesPipeline vs. ours, on the same images, as each
pipeline runs them.

    .venv/bin/python bench/images.py            # 200 images, cached in bench/.work/images

What is timed, per downloaded image (no network; the download is not timed):

* stock: ``ImagesPipeline.get_images()`` with ``IMAGES_THUMBS`` set to the same two sizes
  (header 1200x900, thumb 400x300), the md5 of the first buffer and ``persist_file()`` of
  every one: what ``image_downloaded()`` does, on the reactor thread, one image at a time.
* ours, one process: the content hash, ``archiver.workers.jobs.render_files()`` (decode
  once, header + thumb) and the atomic writes, called inline, one image at a time; in the
  default output format (``original``), in ``web`` (JPEG, WebP for alpha) and in ``jpeg``
  (what stock always writes).
* ours, pool: what ``ArticleImagesPipeline`` does in a crawl: the hash on the calling
  thread, ``render_files`` through ``ProcessPool.run()`` in the crawl's worker processes
  (one per core), back-pressure as configured there, the files written in threads of the
  calling process; wall time per kind.

Every side writes its files into a temp folder of its own (removed afterwards). Each runs
in its own child process, so memory is not shared. Memory is the child's peak RSS above
its RSS after imports, read from /proc (VmHWM, reset after imports; ru_maxrss where /proc
is missing). tracemalloc is not used because Pillow allocates pixel buffers outside
Python's allocator, so it would see almost none.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "bench" / ".work" / "images"
# name prefix -> (count, width, height): the mix of a news archive's images.
MIX = {
    "jpeg-4000": (60, 4000, 3000),
    "jpeg-1600": (60, 1600, 1200),
    "png-alpha": (30, 1600, 1000),
    "webp": (30, 1600, 1200),
    "gif": (20, 800, 600),
}
GENERATOR_VERSION = "2"
# The two renditions asked for, as stock IMAGES_THUMBS (stock also writes the full-size JPEG).
THUMBS = {"header": (1200, 900), "thumb": (400, 300)}


# -- the image set ---------------------------------------------------------------------


def _picture(width: int, height: int, seed: int):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw

    # Gradients + shapes + mild noise: compresses like a photo, not like flat colour.
    red = Image.linear_gradient("L").rotate(seed * 37 % 360).resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    noise = Image.effect_noise((max(1, width // 8), max(1, height // 8)), 40 + seed % 30).resize((width, height))
    image = Image.merge("RGB", (red, green, noise))
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x = (seed * 97 + i * 311) % width
        y = (seed * 53 + i * 173) % height
        r = 20 + (seed + i * 29) % (min(width, height) // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((seed * 40 + i * 70) % 256, (i * 90) % 256, (seed * 15) % 256))
    return image


def generate(directory: Path) -> list[Path]:
    from PIL import Image

    marker = directory / "manifest.json"
    wanted = {"version": GENERATOR_VERSION, "mix": MIX}
    if marker.exists() and json.loads(marker.read_text()) == json.loads(json.dumps(wanted)):
        return sorted(p for p in directory.iterdir() if p.name != "manifest.json")
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.iterdir():
        old.unlink()
    started = time.perf_counter()
    seed = 0
    for kind, (count, width, height) in MIX.items():
        for i in range(count):
            seed += 1
            image = _picture(width, height, seed)
            buf = BytesIO()
            if kind.startswith("jpeg"):
                image.save(buf, "JPEG", quality=90)
                ext = "jpg"
            elif kind == "png-alpha":
                alpha = Image.radial_gradient("L").resize(image.size)
                image.putalpha(alpha)
                image.save(buf, "PNG")
                ext = "png"
            elif kind == "webp":
                image.save(buf, "WEBP", quality=85)
                ext = "webp"
            else:
                image.convert("P", palette=Image.Palette.ADAPTIVE).save(buf, "GIF")
                ext = "gif"
            (directory / f"{kind}-{i:03d}.{ext}").write_bytes(buf.getvalue())
    marker.write_text(json.dumps(wanted))
    print(
        f"generated {sum(c for c, _, _ in MIX.values())} images in {time.perf_counter() - started:.1f} s -> {directory}"
    )
    return sorted(p for p in directory.iterdir() if p.name != "manifest.json")


# -- workers (child processes) ---------------------------------------------------------


def _proc_status(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _reset_peak() -> int:
    """Start peak-RSS tracking from now; returns the current RSS.

    ru_maxrss survives execve() on Linux, so a child would report the parent's peak
    (the parent generated the images). Writing 5 to clear_refs resets VmHWM instead.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return _proc_status("VmRSS") or _peak_rss()


def _peak_rss() -> int:
    peak = _proc_status("VmHWM")
    if peak is not None:
        return peak
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def _stock_processor(store: str):  # type: ignore[no-untyped-def]
    """Stock ImagesPipeline's work for one downloaded image: ``get_images()`` (full-size
    JPEG + both thumbnails) and ``persist_file()`` of each, as ``image_downloaded()``
    does, on the one thread it has (the reactor's)."""
    from scrapy.http import Request, Response
    from scrapy.pipelines.images import ImagesPipeline
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(settings_dict={"IMAGES_STORE": store, "IMAGES_THUMBS": THUMBS})
    pipeline = build_from_crawler(ImagesPipeline, crawler)

    def process(name: str, data: bytes) -> int:
        url = f"http://bench.invalid/{name}"
        request = Request(url)
        response = Response(url, body=data, request=request)
        total, checksum = 0, None
        for path, _image, buf in pipeline.get_images(response, request, None):  # type: ignore[arg-type]
            if checksum is None:
                checksum = hashlib.md5(buf.getvalue()).hexdigest()
            total += len(buf.getvalue())
            pipeline.store.persist_file(path, buf, None)  # type: ignore[arg-type]
        return total

    return process


def _our_job(fmt: str, store: str):  # type: ignore[no-untyped-def]
    """The arguments of ``jobs.render_files`` for one image, as ArticleImagesPipeline
    builds them (the content hash is taken on the reactor thread, the rest in a worker)."""
    from archiver.images import imaging

    options = imaging.ImageOptions(fmt=fmt)  # type: ignore[arg-type]
    roles = frozenset({imaging.HEADER, imaging.THUMB})

    def job_args(name: str, data: bytes) -> tuple[object, ...]:
        digest = imaging.content_hash(data)
        return data, None, roles, options, "bench/2026", digest

    return job_args


def _write_files(store: str, data: bytes, files: dict[str, tuple[str, bytes | None]]) -> None:
    """What ArticleImagesPipeline does with a job's renditions: atomic writes into the store."""
    from archiver.archive.store import open_store

    target = open_store(store)
    for relpath, payload in files.values():
        target.write(relpath, data if payload is None else payload)


def _out_bytes(store: str) -> int:
    return sum(f.stat().st_size for f in Path(store).rglob("*") if f.is_file())


def _report(files: list[Path], seconds: float, cpu: float, per_kind: dict[str, float],
            per_kind_cpu: dict[str, float], store: str, baseline: int) -> None:
    import shutil

    peak, out_bytes = _peak_rss(), _out_bytes(store)
    shutil.rmtree(store)
    print(json.dumps({"images": len(files), "seconds": seconds, "cpu": cpu, "per_kind": per_kind,
                      "per_kind_cpu": per_kind_cpu, "out_bytes": out_bytes, "baseline_rss": baseline,
                      "peak_rss": peak}))


def worker(side: str, directory: Path) -> None:
    """One side, in a child process of its own: ``stock``, ``ours:<format>`` (inline, one
    image at a time) or ``pool:<format>`` (the crawl's process pool)."""
    import tempfile

    files = sorted(p for p in directory.iterdir() if p.name != "manifest.json")
    store = tempfile.mkdtemp(prefix="bench-images-")
    kind, _, fmt = side.partition(":")
    if kind == "pool":
        _pool_worker(files, fmt, store)
        return
    if kind == "stock":
        process = _stock_processor(store)
    else:
        from archiver.workers import jobs

        job_args = _our_job(fmt, store)

        def process(name: str, data: bytes) -> int:
            files, _size = jobs.render_files(*job_args(name, data))  # type: ignore[arg-type]
            _write_files(store, data, files)
            return 0

    baseline = _reset_peak()
    per_kind: dict[str, float] = {}
    per_kind_cpu: dict[str, float] = {}
    for path in files:
        data = path.read_bytes()  # not timed: the download is not part of either side
        started, cpu_started = time.perf_counter(), time.process_time()
        process(path.name, data)
        cpu = time.process_time() - cpu_started
        elapsed = time.perf_counter() - started
        key = path.name.rsplit("-", 1)[0]
        per_kind[key] = per_kind.get(key, 0.0) + elapsed
        per_kind_cpu[key] = per_kind_cpu.get(key, 0.0) + cpu
    _report(files, sum(per_kind.values()), sum(per_kind_cpu.values()), per_kind, per_kind_cpu, store, baseline)


def _pool_worker(files: list[Path], fmt: str, store: str) -> None:
    """As the crawl runs it: the reactor awaits ``ProcessPool.run(jobs.render_files, ...)``
    for every image it has, then writes its files in a thread, the pool's back-pressure (two jobs per worker in
    flight) deciding how many run at once. Timed per kind: all images of a kind are
    handed over together and timed until the last is written (wall time)."""
    import asyncio

    from archiver.workers import jobs
    from archiver.workers.process_pool import ProcessPool, default_workers

    pool = ProcessPool(default_workers())  # ARCHIVER_WORKERS' default: one per core
    job_args = _our_job(fmt, store)

    per_kind: dict[str, float] = {}
    per_kind_cpu: dict[str, float] = {}

    async def one(name: str, data: bytes) -> None:
        files, _size = await pool.run(jobs.render_files, *job_args(name, data))
        await asyncio.to_thread(_write_files, store, data, files)

    async def run() -> None:
        # Start the workers first: a crawl pays that once, not per image. (The executor
        # starts a worker only when none is idle, hence jobs that take a while.)
        await asyncio.gather(*(pool.run(time.sleep, 0.2) for _ in range(pool.workers * 2)))
        for kind in MIX:
            batch = [(p.name, p.read_bytes()) for p in files if p.name.startswith(kind + "-")]
            started, cpu_started = time.perf_counter(), _pool_cpu()
            await asyncio.gather(*(one(name, data) for name, data in batch))
            per_kind[kind] = time.perf_counter() - started
            per_kind_cpu[kind] = _pool_cpu() - cpu_started

    def _pool_cpu() -> float:
        # Our CPU time and the live workers' (a worker replaced mid-kind would be missed;
        # with the default ARCHIVER_WORKER_MAX_TASKS none is, for 200 images on 2 workers).
        executor = pool._executor
        pids = list(executor._processes) if executor is not None else []  # type: ignore[attr-defined]
        return time.process_time() + sum(_cpu_seconds(pid) for pid in pids)

    baseline = _reset_peak()
    try:
        asyncio.run(run())
    finally:
        pool.shutdown()
    # Peak RSS is the reactor process's only: the workers' buffers are in their own.
    _report(files, sum(per_kind.values()), sum(per_kind_cpu.values()), per_kind, per_kind_cpu, store, baseline)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process (Linux /proc), 0 where unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run_child(kind: str, directory: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        # -P: do not put bench/ first on sys.path, where a module named like a
        # dependency (bench/incremental.py vs. Twisted's "incremental") would shadow it.
        [sys.executable, "-P", __file__, "--worker", kind, "--dir", str(directory)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where the generated images are cached")
    parser.add_argument("--rounds", type=int, default=1, help="runs per side, interleaved; the fastest is reported")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.dir)
        return

    files = generate(args.dir)
    counts = {kind: sum(1 for f in files if f.name.startswith(kind + "-")) for kind in MIX}
    from archiver.workers.process_pool import default_workers

    workers = default_workers()
    rows = {
        "stock": "stock ImagesPipeline",
        "ours:original": "ours original",
        "ours:web": "ours web",
        "ours:jpeg": "ours jpeg",
        "pool:original": f"ours original, pool {workers} *",
        "pool:web": f"ours web, pool {workers} *",
    }
    load_before = _load_average()
    best: dict[str, dict[str, object]] = {}
    for _ in range(args.rounds):  # interleaved, so drift in machine load hits every side
        for side in rows:
            result = run_child(side, args.dir)
            if side not in best or float(result["seconds"]) < float(best[side]["seconds"]):  # type: ignore[arg-type]
                best[side] = result

    n = len(files)
    print(f"\n{n} images ({', '.join(f'{counts[k]} {k}' for k in MIX)}); header 1200 wide + thumb 400x300,")
    print("every file written to a temp folder; best of", args.rounds, "runs; memory = the side's process, peak RSS")
    print("minus RSS after imports (for the pool: the crawl process only)\n")
    stock = best["stock"]
    print(f"{'side':<26}{'ms/image':>10}{'vs stock':>10}{'CPU ms':>8}{'vs stock':>10}{'peak MiB':>10}{'out MiB':>9}")
    for side, label in rows.items():
        r = best[side]
        ms = float(r["seconds"]) / n * 1000  # type: ignore[arg-type]
        ratio = float(stock["seconds"]) / float(r["seconds"])  # type: ignore[arg-type]
        cpu_ms = float(r["cpu"]) / n * 1000  # type: ignore[arg-type]
        cpu_ratio = float(stock["cpu"]) / float(r["cpu"])  # type: ignore[arg-type]
        peak = (int(r["peak_rss"]) - int(r["baseline_rss"])) / 2**20  # type: ignore[call-overload]
        print(f"{label:<26}{ms:>10.1f}{ratio:>9.1f}x{cpu_ms:>8.1f}{cpu_ratio:>9.1f}x{peak:>10.1f}"
              f"{int(r['out_bytes']) / 2**20:>9.1f}")  # type: ignore[call-overload]
    print("* as ArticleImagesPipeline runs: each image a jobs.render_files job in the crawl's ProcessPool, its files written in a thread")
    print(f"  ({workers} worker processes, ARCHIVER_WORKERS' default), wall time; stock ImagesPipeline has no")
    print("  equivalent: it processes on the reactor thread, one image at a time. Other sides: one process.")
    print("  ms/image is wall time; CPU ms counts every process of the side (the pool's workers too).")
    print(f"  load average before/after: {load_before} / {_load_average()} (other work on the machine slows the")
    print("  pool's wall time most: it needs every core)")
    for key, title in (("per_kind", "wall"), ("per_kind_cpu", "CPU (every process of the side)")):
        print(f"\nper kind, {title} ms/image (ratio = stock / ours):")
        print(f"  {'kind':<10}{'stock':>7}" + "".join(f"{label.removeprefix('ours '):>22}" for label in
                                                    list(rows.values())[1:]))
        for kind in MIX:
            s = float(stock[key][kind]) / counts[kind] * 1000  # type: ignore[index]
            cells = ""
            for side in list(rows)[1:]:
                o = float(best[side][key][kind]) / counts[kind] * 1000  # type: ignore[index]
                cells += f"{o:>14.1f} ({s / o:4.1f}x)"
            print(f"  {kind:<10}{s:>7.1f}{cells}")

if __name__ == "__main__":
    main()
