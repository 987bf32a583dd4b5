"""Which resampling filter for the header, inline and thumbnail renditions: quality against
cost, measured, not chosen by taste.

    .venv/bin/pip install scikit-image   # its bundled photos and its SSIM (bench only)
    .venv/bin/python bench/resample_quality.py

Every candidate filter downscales the same sources by the ratios the renderer uses (a
1600 px photo to the 1200 px header: 0.75; a 4000 px photo drafted to 2000 px, then to
1200: 0.6; the 1200 px header cover-cropped to the 400x300 thumbnail: 0.33), and is
compared with Pillow's LANCZOS at the same size (the sharpest, costliest filter it has;
no reducing_gap) by PSNR and SSIM. Sources: the real photos scikit-image ships
(astronaut, coffee, chelsea, rocket, motorcycle, hubble, retina, ihc, grass, gravel,
brick: fine texture that shows aliasing) and the generated images of bench/images.py.

For scale, the last row is what the JPEG q85 encode that follows any filter costs: the
LANCZOS result against its own JPEG round trip. A filter whose distance from LANCZOS is
well under that distance is lost in the encode. Cost is CPU time (``time.process_time``)
of resizing a 1600x1200 RGB photo to 1200x900, best of 5, and its ratio to LANCZOS and to
BICUBIC measured in the same run.

Last, for JPEG sources at 0.75: libjpeg-turbo's decode at 6/8 scale (what the renderer
does for them, archiver.images.imaging._dct_scaled_decode) against the HAMMING resample
of the full decode, both against LANCZOS.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from images import DEFAULT_DIR, generate

try:
    import numpy as np
    from skimage import data as skdata
    from skimage.metrics import structural_similarity
except ImportError:  # pragma: no cover
    sys.exit("needs scikit-image (bench only): .venv/bin/pip install scikit-image")

# Files in skimage/data/ (in its wheel, no download): photos and real textures.
PHOTOS = ("astronaut.png", "coffee.png", "chelsea.png", "rocket.jpg", "motorcycle_left.png", "hubble_deep_field.jpg",
          "retina.jpg", "ihc.png", "grass.png", "gravel.png", "brick.png")
RATIOS = (0.75, 0.6, 1 / 3)
R = Image.Resampling
Resize = Callable[[Image.Image, tuple[int, int]], Image.Image]
CANDIDATES: dict[str, Resize] = {
    "BICUBIC gap 2 (was)": lambda im, size: im.resize(size, R.BICUBIC, reducing_gap=2.0),
    "BILINEAR gap 2": lambda im, size: im.resize(size, R.BILINEAR, reducing_gap=2.0),
    "HAMMING gap 2": lambda im, size: im.resize(size, R.HAMMING, reducing_gap=2.0),
    "BOX": lambda im, size: im.resize(size, R.BOX),
    "BILINEAR gap 1": lambda im, size: im.resize(size, R.BILINEAR, reducing_gap=1.0),
}


def reference(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    return im.resize(size, R.LANCZOS)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0**2 / mse)


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    return float(structural_similarity(a, b, channel_axis=2, data_range=255))


def jpeg_round_trip(im: Image.Image) -> Image.Image:
    buf = BytesIO()
    im.save(buf, "JPEG", quality=85)
    return Image.open(BytesIO(buf.getvalue())).convert("RGB")


def photo_sources() -> dict[str, Image.Image]:
    folder = Path(skdata.__file__).parent
    return {name: Image.open(folder / name).convert("RGB") for name in PHOTOS}


def bench_sources(directory: Path, per_kind: int) -> dict[str, Image.Image]:
    out: dict[str, Image.Image] = {}
    counts: dict[str, int] = {}
    for path in generate(directory):
        kind = path.name.rsplit("-", 1)[0]
        if counts.get(kind, 0) >= per_kind:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        im = Image.open(path)
        if kind == "jpeg-4000":
            im.draft("RGB", (2000, 1500))  # as the renderer decodes it: DCT-scaled to 2000x1500
        out[path.name] = im.convert("RGB")
    return out


def score(sources: dict[str, Image.Image]) -> dict[str, tuple[float, float, float]]:
    """candidate -> (mean PSNR dB, worst PSNR dB, mean SSIM) against LANCZOS."""
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in [*CANDIDATES, "JPEG q85 of LANCZOS"]}
    for im in sources.values():
        for ratio in RATIOS:
            size = (max(1, round(im.width * ratio)), max(1, round(im.height * ratio)))
            ref_im = reference(im, size)
            ref = np.asarray(ref_im)
            for name, resize in CANDIDATES.items():
                got = np.asarray(resize(im, size))
                results[name].append((psnr(ref, got), ssim(ref, got)))
            got = np.asarray(jpeg_round_trip(ref_im))
            results["JPEG q85 of LANCZOS"].append((psnr(ref, got), ssim(ref, got)))
    return {
        name: (statistics.fmean(p for p, _ in rows), min(p for p, _ in rows), statistics.fmean(s for _, s in rows))
        for name, rows in results.items()
    }


def dct_scaled_score(sources: dict[str, Image.Image]) -> dict[str, tuple[float, float, float]]:
    """The renderer's path for a JPEG source whose header is 3/4 of its width (a 1600 px
    photo, 1200 px header): libjpeg-turbo decodes it at 6/8 scale and the partial last
    row is cut off, against the full decode resampled with HAMMING, both against
    LANCZOS of the full decode. Each source is first saved as a q92 JPEG (the download)."""
    import simplejpeg

    rows: dict[str, list[tuple[float, float]]] = {"HAMMING of the full decode": [], "DCT-scaled decode (6/8)": []}
    for im in sources.values():
        buf = BytesIO()
        im.save(buf, "JPEG", quality=92)
        data = buf.getvalue()
        full = Image.open(BytesIO(data)).convert("RGB")
        size = (round(full.width * 0.75), round(full.height * 0.75))
        ref = np.asarray(reference(full, size))
        hamming = np.asarray(full.resize(size, R.HAMMING, reducing_gap=2.0))
        scaled = simplejpeg.decode_jpeg(data, colorspace="RGB", min_width=size[0], min_height=size[1])
        scaled = scaled[: size[1], : size[0]]
        rows["HAMMING of the full decode"].append((psnr(ref, hamming), ssim(ref, hamming)))
        rows["DCT-scaled decode (6/8)"].append((psnr(ref, scaled), ssim(ref, scaled)))
    return {name: (statistics.fmean(p for p, _ in r), min(p for p, _ in r), statistics.fmean(s for _, s in r))
            for name, r in rows.items()}


def cost(photo: Image.Image) -> dict[str, float]:
    im = photo.resize((1600, 1200), R.LANCZOS)
    out: dict[str, float] = {}
    for name, resize in {"LANCZOS": reference, **CANDIDATES}.items():
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            resize(im, (1200, 900))
            best = min(best, time.process_time() - started)
        out[name] = best * 1000
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="bench/images.py's generated images")
    parser.add_argument("--per-kind", type=int, default=4, help="generated images of each kind to score")
    args = parser.parse_args()
    photos = photo_sources()
    generated = bench_sources(args.dir, args.per_kind)
    ms = cost(photos["astronaut.png"])
    print(f"downscale ratios {', '.join(f'{r:.2f}' for r in RATIOS)}; reference: LANCZOS (no reducing_gap)\n")
    print(f"{'filter':<22}{'photos PSNR':>12}{'worst':>7}{'SSIM':>8}  {'generated PSNR':>14}{'worst':>7}{'SSIM':>8}"
          f"{'ms 1600->1200':>15}{'vs BICUBIC':>11}")
    real, synthetic = score(photos), score(generated)
    for name in real:
        p, pw, s = real[name]
        gp, gw, gs = synthetic[name]
        timing = f"{ms[name]:>15.1f}{ms['BICUBIC gap 2 (was)'] / ms[name]:>10.2f}x" if name in ms else ""
        print(f"{name:<22}{p:>12.1f}{pw:>7.1f}{s:>8.4f}  {gp:>14.1f}{gw:>7.1f}{gs:>8.4f}{timing}")
    print(f"{'LANCZOS (reference)':<22}{'':>12}{'':>7}{'':>8}  {'':>14}{'':>7}{'':>8}{ms['LANCZOS']:>15.1f}"
          f"{ms['BICUBIC gap 2 (was)'] / ms['LANCZOS']:>10.2f}x")
    print(f"\n{len(photos)} real photos, {len(generated)} generated images, {len(RATIOS)} ratios each")
    print("\nJPEG sources at 0.75 (the 1600 px photo's 1200 px header), against LANCZOS of the full decode:")
    real, synthetic = dct_scaled_score(photos), dct_scaled_score(generated)
    for name in real:
        p, pw, s = real[name]
        gp, gw, gs = synthetic[name]
        print(f"{name:<28}{p:>6.1f}{pw:>7.1f}{s:>8.4f}  {gp:>14.1f}{gw:>7.1f}{gs:>8.4f}")


if __name__ == "__main__":
    main()
