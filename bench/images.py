"""Per-image cost of Scrapy's stock ImagesPipeline processing vs. ours, on the same images.

    .venv/bin/python bench/images.py            # 200 images, cached in bench/.work/images

What is timed, per downloaded image, with no network and no disk writes on either side:

* stock: ``ImagesPipeline.get_images()`` with ``IMAGES_THUMBS`` set to the same two sizes
  (header 1200x900, thumb 400x300), every yielded buffer materialized and the md5 of the
  first one taken: exactly what ``image_downloaded()`` does before ``persist_file()``.
* ours: ``archiver.images.imaging.render(data, [header, thumb])`` plus the content hash: what
  ``ArticleImagesPipeline`` does in its worker thread before writing files. Run in the
  default output format (``original``) and in ``jpeg`` (stock always writes JPEG).

Each side runs in its own child process, one image at a time on one thread, so times are
comparable and memory is not shared. Memory is the child's peak RSS above its RSS after
imports, read from /proc (VmHWM, reset after imports; ru_maxrss where /proc is missing).
tracemalloc is not used because Pillow allocates pixel buffers outside Python's allocator, so it would see almost none.
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
THREADS = 2  # the pipeline's pool is min(4, CPUs); the target machine has 2 cores


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


def worker(kind: str, directory: Path) -> None:
    import tempfile

    files = sorted(p for p in directory.iterdir() if p.name != "manifest.json")
    if kind == "stock":
        from scrapy.http import Request, Response
        from scrapy.pipelines.images import ImagesPipeline
        from scrapy.utils.misc import build_from_crawler
        from scrapy.utils.test import get_crawler

        crawler = get_crawler(
            settings_dict={
                "IMAGES_STORE": tempfile.mkdtemp(prefix="bench-stock-"),
                "IMAGES_THUMBS": {"header": (1200, 900), "thumb": (400, 300)},
            }
        )
        pipeline = build_from_crawler(ImagesPipeline, crawler)

        def process(name: str, data: bytes) -> int:
            url = f"http://bench.invalid/{name}"
            request = Request(url)
            response = Response(url, body=data, request=request)
            total, checksum = 0, None
            for _path, _image, buf in pipeline.get_images(response, request, None):  # type: ignore[arg-type]
                if checksum is None:
                    checksum = hashlib.md5(buf.getvalue()).hexdigest()
                total += len(buf.getvalue())
            return total
    else:
        from archiver.images import imaging

        fmt = kind.split(":", 1)[1] if ":" in kind else "original"
        options = imaging.ImageOptions(fmt=fmt)  # type: ignore[arg-type]

        def process(name: str, data: bytes) -> int:
            imaging.content_hash(data)
            rendered = imaging.render(data, [imaging.HEADER, imaging.THUMB], options)
            return sum(len(r.data) for r in rendered.renditions.values())

    baseline = _reset_peak()
    if kind == "ours-threads":
        from concurrent.futures import ThreadPoolExecutor

        def job(path: Path) -> int:
            return process(path.name, path.read_bytes())

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            out_total = sum(pool.map(job, files))
        elapsed = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "images": len(files),
                    "seconds": elapsed,
                    "per_kind": {},
                    "out_bytes": out_total,
                    "baseline_rss": baseline,
                    "peak_rss": _peak_rss(),
                }
            )
        )
        return
    per_kind: dict[str, float] = {}
    total_time = 0.0
    out_bytes = 0
    for path in files:
        data = path.read_bytes()  # not timed: the download is not part of either side
        started = time.perf_counter()
        out_bytes += process(path.name, data)
        elapsed = time.perf_counter() - started
        total_time += elapsed
        key = path.name.rsplit("-", 1)[0]
        per_kind[key] = per_kind.get(key, 0.0) + elapsed
    print(
        json.dumps(
            {
                "images": len(files),
                "seconds": total_time,
                "per_kind": per_kind,
                "out_bytes": out_bytes,
                "baseline_rss": baseline,
                "peak_rss": _peak_rss(),
            }
        )
    )


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
    sides = ["stock", "ours", "ours:jpeg", "ours-threads"]
    best: dict[str, dict[str, object]] = {}
    for _ in range(args.rounds):  # interleaved, so drift in machine load hits every side
        for side in sides:
            result = run_child(side, args.dir)
            if side not in best or float(result["seconds"]) < float(best[side]["seconds"]):  # type: ignore[arg-type]
                best[side] = result

    n = len(files)
    print(f"\n{n} images ({', '.join(f'{counts[k]} {k}' for k in MIX)}); header 1200 wide + thumb 400x300;")
    print(f"one thread per side, best of {args.rounds} runs; memory = child peak RSS minus RSS after imports\n")
    stock = best["stock"]
    print(f"{'side':<22}{'ms/image':>10}{'vs stock':>10}{'peak MiB':>10}{'out MiB':>9}")
    rows = (
        ("stock", "stock ImagesPipeline"),
        ("ours", "ours (original)"),
        ("ours:jpeg", "ours (jpeg)"),
        ("ours-threads", f"ours, {THREADS} threads *"),
    )
    for side, label in rows:
        r = best[side]
        ms = float(r["seconds"]) / n * 1000  # type: ignore[arg-type]
        ratio = float(stock["seconds"]) / float(r["seconds"])  # type: ignore[arg-type]
        peak = (int(r["peak_rss"]) - int(r["baseline_rss"])) / 2**20  # type: ignore[call-overload]
        print(f"{label:<22}{ms:>10.1f}{ratio:>9.1f}x{peak:>10.1f}{int(r['out_bytes']) / 2**20:>9.1f}")  # type: ignore[call-overload]
    print(f"* wall time per image with {THREADS} worker threads, as ArticleImagesPipeline runs it (stock")
    print("  ImagesPipeline has no equivalent: it processes on the reactor thread, one at a time)")
    print("\nper kind, ms/image (stock -> ours original, ratio):")
    for kind in MIX:
        s = float(stock["per_kind"][kind]) / counts[kind] * 1000  # type: ignore[index]
        o = float(best["ours"]["per_kind"][kind]) / counts[kind] * 1000  # type: ignore[index]
        print(f"  {kind:<10} {s:7.1f} -> {o:6.1f}  {s / o:4.1f}x")


if __name__ == "__main__":
    main()
