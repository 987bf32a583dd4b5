"""Image validation, resizing and encoding for the archive (pure: Pillow only, no Scrapy).

One call to :func:`render` turns the downloaded bytes of one image into every rendition
an article asked for (header, thumbnail, inline), decoding the source once at the
smallest scale that still serves the largest rendition. Anything that is not a usable
image raises :class:`ImageRejected` with a short ``reason`` code, so the caller can log,
count and move on without ever losing the article.
"""

from __future__ import annotations

import colorsys
import hashlib
import logging
import math
import struct
import zlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import Literal

from PIL import Image, ImageDraw, ImageOps, ImageSequence, UnidentifiedImageError

# libpng (imagecodecs) logs a WARNING for metadata it skips in a file whose pixels it
# reads right: "iCCP: known incorrect sRGB profile" is common in old Photoshop PNGs. In a
# worker, with no handler, each would go to stderr; nothing there to act on. Its errors
# raise (and Pillow then decides).
logging.getLogger("imagecodecs").setLevel(logging.ERROR)

# original: each image keeps its kind (JPEG stays JPEG, PNG keeps lossless alpha);
# web: JPEG for opaque stills, WebP for transparent ones (a 1200x750 header with alpha,
#   measured: WebP 145 KB in 31 ms vs PNG 680 KB in 26 ms with a gradient alpha; 36 KB in
#   14 ms vs 649 KB in 23 ms with a cut-out); webp / jpeg: everything in one format.
OutputFormat = Literal["original", "web", "webp", "jpeg"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("original", "web", "webp", "jpeg")

HEADER = "header"
THUMB = "thumb"
INLINE = "inline"
ROLES = (HEADER, THUMB, INLINE)

# Reason codes (also the suffix of the ``archiver/images/<reason>`` stats).
EMPTY = "empty"
HTML = "html"
UNSUPPORTED = "unsupported"  # SVG, PDF, unknown or not-allowed formats
TRUNCATED = "truncated"
CORRUPT = "corrupt"
TINY = "tiny"
BOMB = "bomb"

# Formats we agree to decode. Pillow can open ~40 formats (EPS shells out to
# Ghostscript, PSD/TIFF have odd corners); a news image is one of these.
ALLOWED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "ICO", "AVIF")  # JPEG covers MPO
# Formats a browser shows as they are; anything else is re-encoded in "original" mode.
_WEB_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
_EXT = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# Sources an output format may store as they are (metadata stripped) when no resize is
# needed: the ones it would have encoded them to anyway.
_KEPT_AS_IS: dict[str, frozenset[str]] = {
    "original": frozenset(_WEB_FORMATS),
    "web": frozenset({"JPEG", "MPO", "WEBP"}),
}

# A tracking pixel is at most this many pixels on each side.
TINY_MAX_SIDE = 2
# Animated images are re-rendered frame by frame only while frames * pixels stays under
# this multiple of the pixel limit; past it the first frame is used, so a 2,000-frame
# GIF costs one frame of work.
_ANIMATION_BUDGET = 4

_ORIENTATION_TAG = 0x0112
_SWAPS_AXES = {5, 6, 7, 8}


class ImageRejected(ValueError):
    """The bytes are not an image we can archive; ``reason`` is a short code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple[type[ImageRejected], tuple[str, str]]:
        # Raised in a worker process and pickled back: keep both fields.
        return type(self), (self.reason, self.detail)


@dataclass(frozen=True)
class ImageOptions:
    header_max_width: int = 1200
    thumb_size: tuple[int, int] = (400, 300)
    inline_max_width: int = 1000
    fmt: OutputFormat = "original"
    max_pixels: int = 50_000_000
    jpeg_quality: int = 85
    webp_quality: int = 80
    # Encoder effort. WebP method 4 (Pillow's default) costs ~2x method 2 for ~5% smaller
    # files; zlib level 6 costs ~3x level 2 on photo-like PNGs. An archive run spends
    # most of its CPU here, so both lean towards speed. Method 0 costs ~0.65x method 2
    # for ~9% larger files at the same quality setting (measured on the bench's WebPs).
    webp_method: int = 0
    png_compress_level: int = 2

    def profile(self) -> str:
        """A short string that changes whenever these options change the output bytes.

        The resampling filter (``RESAMPLE``) is deliberately not in it: a new profile
        makes the next run download (or read from ARCHIVER_KEEP_ORIGINALS) and render
        every image of the archive again, and renditions made with the earlier filter
        (BICUBIC) are no worse to keep. New images get the new filter; old ones stay.
        """
        tw, th = self.thumb_size
        return (
            f"v2:{self.fmt}:h{self.header_max_width}:t{tw}x{th}:i{self.inline_max_width}"
            f":q{self.jpeg_quality}/{self.webp_quality}:e{self.webp_method}/{self.png_compress_level}"
        )


@dataclass(frozen=True)
class Rendition:
    role: str
    data: bytes
    ext: str  # without the dot
    width: int
    height: int


@dataclass(frozen=True)
class SourceInfo:
    format: str
    width: int  # as displayed, i.e. after EXIF orientation
    height: int
    animated: bool = False


@dataclass
class Rendered:
    source: SourceInfo
    renditions: dict[str, Rendition] = field(default_factory=dict)


def content_hash(data: bytes) -> str:
    """The name stem of every file made from these bytes (same bytes, same files)."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


# -- validation ------------------------------------------------------------------------


def sniff(data: bytes, content_type: str | None = None) -> None:
    """Reject what is obviously not a raster image, before Pillow sees it."""
    if not data:
        raise ImageRejected(EMPTY, "zero bytes")
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<svg" in head or (head.startswith(b"<?xml") and b"<svg" in data[:4096].lower()):
            raise ImageRejected(UNSUPPORTED, "svg")
        raise ImageRejected(HTML, "markup served as an image")
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in {"text/html", "application/xhtml+xml"}:
        raise ImageRejected(HTML, f"content-type {ctype}")
    if ctype == "image/svg+xml":
        raise ImageRejected(UNSUPPORTED, "svg")


def _open(data: bytes, max_pixels: int) -> Image.Image:
    try:
        # Pillow's own (global) limit only raises at ~179 MP; ours is lower and checked
        # below. Its warning between 89 and 179 MP is left alone: silencing it needs
        # warnings.catch_warnings(), which is not thread-safe, and we run in threads.
        Image.init()  # idempotent; fills Image.OPEN so the filter below is complete
        formats = [name for name in ALLOWED_FORMATS if name in Image.OPEN]
        image = Image.open(BytesIO(data), formats=formats)
    except Image.DecompressionBombError as exc:
        raise ImageRejected(BOMB, str(exc)) from None
    except UnidentifiedImageError:
        raise ImageRejected(UNSUPPORTED, "unknown format") from None
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
        raise ImageRejected(CORRUPT, str(exc) or type(exc).__name__) from None
    width, height = image.size
    # Only the header has been read so far: a 100-byte PNG claiming 30000x30000 is
    # refused here, before a single pixel buffer is allocated.
    if width <= 0 or height <= 0:
        raise ImageRejected(CORRUPT, f"size {width}x{height}")
    if width * height > max_pixels:
        raise ImageRejected(BOMB, f"{width}x{height} > {max_pixels} pixels")
    if width <= TINY_MAX_SIDE and height <= TINY_MAX_SIDE:
        raise ImageRejected(TINY, f"{width}x{height}")
    return image


def _orientation(image: Image.Image, data: bytes) -> int:
    if image.format == "PNG" and "exif" not in image.info and b"eXIf" not in data:
        # No EXIF chunk anywhere. Pillow's PNG getexif() would decode every pixel to look
        # for one after the image data; the renderer may decode them another way.
        return 1
    try:
        value = image.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # noqa: BLE001  (broken EXIF must not sink an otherwise good image)
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _is_animated(image: Image.Image) -> bool:
    return bool(getattr(image, "is_animated", False))


def inspect(data: bytes, *, max_pixels: int = ImageOptions.max_pixels) -> SourceInfo:
    """Validate the header only (no pixel decoding); raises :class:`ImageRejected`."""
    sniff(data)
    image = _open(data, max_pixels)
    width, height = image.size
    if _orientation(image, data) in _SWAPS_AXES:
        width, height = height, width
    return SourceInfo(image.format or "", width, height, _is_animated(image))


# -- geometry ------------------------------------------------------------------------


def _fit_width(size: tuple[int, int], max_width: int) -> tuple[int, int]:
    width, height = size
    if width <= max_width:
        return size
    return max_width, max(1, round(height * max_width / width))


def _cover_source_size(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """The smallest scaled-down size of ``size`` that still covers ``box``."""
    width, height = size
    scale = max(box[0] / width, box[1] / height)
    if scale >= 1:
        return size
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))


def _targets(size: tuple[int, int], roles: Collection[str], opts: ImageOptions) -> dict[str, tuple[int, int]]:
    targets: dict[str, tuple[int, int]] = {}
    if HEADER in roles:
        targets[HEADER] = _fit_width(size, opts.header_max_width)
    if INLINE in roles:
        targets[INLINE] = _fit_width(size, opts.inline_max_width)
    if THUMB in roles:
        targets[THUMB] = opts.thumb_size
    return targets


def _decode_size(size: tuple[int, int], roles: Collection[str], opts: ImageOptions) -> tuple[int, int]:
    """How big the decoded source must be to serve every requested role."""
    need = (1, 1)
    for role, target in _targets(size, roles, opts).items():
        if role == THUMB:
            target = _cover_source_size(size, target)
        need = (max(need[0], target[0]), max(need[1], target[1]))
    return need


# -- pixel work ------------------------------------------------------------------------


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode in ("P", "L", "RGB") and "transparency" in image.info
    )


def _drop_opaque_alpha(image: Image.Image) -> Image.Image:
    """RGB when an RGBA image is fully opaque (common in PNG exports).

    Resampling RGBA costs ~2x RGB (premultiplied alpha) and PNG/WebP encode a fourth
    channel for nothing; the pixels shown are the same either way.
    """
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        return image.convert("RGB")
    return image


def _normalize_mode(image: Image.Image) -> Image.Image:
    """RGB or RGBA (grayscale stays L), so resampling is correct and every encoder works."""
    return _drop_opaque_alpha(_normalize_mode_keep_alpha(image))


def _normalize_mode_keep_alpha(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "RGBA", "L"):
        if image.mode != "RGBA" and "transparency" in image.info:
            return image.convert("RGBA")
        return image
    if _has_alpha(image):
        return image.convert("RGBA")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grayscale: scale to 8 bits instead of clipping everything to white.
        return image.point(lambda v: v / 256).convert("L")  # type: ignore[arg-type,operator]
    return image.convert("RGB")


# The downscaling filter, chosen by bench/resample_quality.py: every candidate against
# LANCZOS at the renderer's ratios (0.75, 0.6, 0.33) on 11 real photos and 20 generated
# images, mean PSNR / SSIM, and CPU ms for 1600x1200 -> 1200x900:
#   BICUBIC gap 2 (Image.thumbnail's, used before)  46.5 dB  0.9973  18.9 ms
#   HAMMING gap 2                                   41.2 dB  0.9914  12.3 ms (1.54x faster)
#   BILINEAR gap 2                                  38.8 dB  0.9862  12.0 ms
#   BOX (Hugo's default)                            37.4 dB  0.9820   9.4 ms
#   the JPEG q85 encode that follows, for scale     35.1 dB  0.9517
# The bar: at least 5 dB above the encode's own error (its error energy under a third
# of what the encode adds anyway) and SSIM >= 0.99. HAMMING clears it (+6.1 dB) at
# BILINEAR's cost; BILINEAR (+3.7) and BOX (+2.3) do not. reducing_gap=2 lets Pillow
# box-reduce by an integer factor first when the ratio is 1/4 or below.
RESAMPLE = Image.Resampling.HAMMING
REDUCING_GAP = 2.0


def _resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    return image.resize(size, RESAMPLE, reducing_gap=REDUCING_GAP)


def _cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale and centre-crop to exactly ``size`` (ImageOps.fit, plus reducing_gap)."""
    width, height = image.size
    target_ratio = size[0] / size[1]
    if width / height > target_ratio:  # too wide: crop the sides
        crop_w = height * target_ratio
        box = ((width - crop_w) / 2, 0.0, (width + crop_w) / 2, float(height))
    else:  # too tall: crop top and bottom
        crop_h = width / target_ratio
        box = (0.0, (height - crop_h) / 2, float(width), (height + crop_h) / 2)
    return image.resize(size, RESAMPLE, box=box, reducing_gap=REDUCING_GAP)


def _flatten_on_white(image: Image.Image) -> Image.Image:
    if image.mode in ("L", "RGB"):
        return image
    if image.mode != "RGBA":
        return image.convert("RGB")
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _output_format(source_format: str, fmt: OutputFormat, role: str, has_alpha: bool, animated: bool) -> str:
    if fmt == "jpeg":
        return "JPEG"
    if fmt == "webp":
        return "WEBP"
    if fmt == "web":
        # An animated inline image never gets here (see _render_animation).
        return "WEBP" if has_alpha else "JPEG"
    if source_format in ("JPEG", "MPO"):
        return "JPEG"
    if source_format == "GIF":
        # A re-quantized still (header/thumbnail) looks bad as GIF; PNG is lossless.
        if animated and role == INLINE:
            return "GIF"
        # A resampled still is full-colour: re-quantizing it to GIF looks bad.
        return "PNG" if has_alpha else "JPEG"
    if source_format in ("PNG", "WEBP"):
        return source_format
    return "PNG" if has_alpha else "JPEG"


def _encode(image: Image.Image, out_format: str, opts: ImageOptions, icc: bytes | None, *, libpng: bool = True) -> bytes:
    buf = BytesIO()
    # A fresh dict: resize()/convert() copy ``info``, which carries EXIF (GPS, camera
    # serials), XMP and comments; only the colour profile is worth keeping.
    image.info = {}
    extra: dict[str, object] = {"icc_profile": icc} if icc else {}
    if out_format == "JPEG":
        _flatten_on_white(image).save(buf, "JPEG", quality=opts.jpeg_quality, **extra)
    elif out_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        image.save(buf, "WEBP", quality=opts.webp_quality, method=opts.webp_method, **extra)
    elif out_format == "PNG":
        if libpng and image.mode in ("L", "RGB", "RGBA"):
            png = _libpng_encode(image, opts)
            return _with_colour_profile(png, icc) if icc else png
        # zlib's run-length strategy: on filtered PNG rows it is both faster (~10%) and
        # smaller (~15% on photo-like, ~13% on flat graphics) than the default strategy.
        image.save(buf, "PNG", compress_level=opts.png_compress_level, compress_type=zlib.Z_RLE, **extra)
    else:
        image.save(buf, out_format)
    return buf.getvalue()


def _libpng_encode(image: Image.Image, opts: ImageOptions) -> bytes:
    """An L, RGB or RGBA image as PNG, written by libpng (through imagecodecs) with the
    Paeth filter on every row and zlib's run-length strategy.

    Pillow's PNG writer tries four filters on every row and keeps the likeliest (its own
    scalar loop: half its encode time) and deflates with the system's zlib (Debian's
    1.2.13: its wheels leave libz.so.1 to the system); imagecodecs' libpng deflates
    with zlib-ng. Measured, Pillow -> this: a 1200x750 RGBA header from a photo 42 ->
    22 ms, 693 -> 697 KB; 30 real screenshots and diagrams (1.5 MP on average) 762 ->
    489 ms in all, 3.40 -> 3.53 MB. libpng's own adaptive choice (FILTER.ALL) is as
    slow as Pillow's for 1% smaller files.
    """
    import imagecodecs
    import numpy as np

    pixels = np.asarray(image).reshape(image.height, image.width, -1)  # L: one channel
    encoded = imagecodecs.png_encode(
        pixels, level=opts.png_compress_level, strategy=zlib.Z_RLE, filter=imagecodecs.PNG.FILTER.PAETH
    )
    return bytes(encoded)  # (typed bytes | bytearray; it is bytes, returned as is)


def _with_colour_profile(png: bytes, icc: bytes) -> bytes:
    """``png`` with an iCCP chunk holding ``icc`` right after IHDR (the spec wants it
    before the image data), as Pillow writes it; imagecodecs writes none. A macOS
    screenshot carries a Display P3 profile: without it its colours would shift."""
    payload = b"ICC Profile\0\0" + zlib.compress(icc)  # name, compression method 0 (zlib)
    chunk = struct.pack(">I", len(payload)) + b"iCCP" + payload + struct.pack(">I", zlib.crc32(b"iCCP" + payload))
    end_of_ihdr = 8 + 4 + 4 + 13 + 4  # signature, then IHDR: length, type, 13 bytes, CRC
    return png[:end_of_ihdr] + chunk + png[end_of_ihdr:]


def _encode_animation(
    frames: list[Image.Image], durations: list[int], loop: int, out_format: str, opts: ImageOptions
) -> bytes:
    buf = BytesIO()
    first, rest = frames[0], frames[1:]
    first.info = {}
    kwargs: dict[str, object] = {"save_all": True, "append_images": rest, "duration": durations, "loop": loop}
    if out_format == "GIF":
        kwargs["disposal"] = 2
    else:
        kwargs["quality"] = opts.webp_quality
        kwargs["method"] = opts.webp_method
    first.save(buf, out_format, **kwargs)
    return buf.getvalue()


def _dct_scaled_decode(data: bytes, raw_size: tuple[int, int], need: tuple[int, int]) -> Image.Image | None:
    """The JPEG decoded by libjpeg-turbo straight to the smallest of its M/8 scales (M = 1..7)
    that still covers ``need``, or None where that saves nothing or the decoder balks
    (Pillow then decodes, and rejects what is broken).

    Pillow's ``draft`` only scales by 1/2, 1/4 and 1/8, so the commonest header source,
    a 1600 px photo for a 1200 px header, was decoded whole and resampled: 15 ms of
    HAMMING for 5 ms of decoding. At 6/8 it comes out of the decoder 1200 px wide, as
    close to LANCZOS as HAMMING is (bench/resample_quality.py, last table: 42.4 dB and
    SSIM 0.992 on real photos, 43.2 dB and 0.990 on generated ones, where the q85 encode
    that follows costs 35.1 and 33.1 dB).
    """
    scale = next((m for m in range(1, 9) if math.ceil(raw_size[0] * m / 8) >= need[0]
                  and math.ceil(raw_size[1] * m / 8) >= need[1]), 8)
    if scale == 8 or scale in (1, 2, 4):  # nothing to gain, or Pillow's draft does it
        return None
    import simplejpeg  # numpy with it: imported in the workers only, not the crawl process

    try:
        # strict: corrupt or truncated data raises instead of decoding to grey.
        pixels = simplejpeg.decode_jpeg(data, colorspace="RGB", min_width=need[0], min_height=need[1], strict=True)
    except ValueError:
        return None
    height, width = pixels.shape[:2]
    if 0 <= width - need[0] <= 1 and 0 <= height - need[1] <= 1:
        # The IDCT rounds a partial last row or column up (1067 rows at 6/8 are 800.25,
        # decoded as 801): cut off here, a view (no copy), rather than resample the
        # whole image by a fraction of a pixel.
        pixels = pixels[: need[1], : need[0]]
    return Image.fromarray(pixels)


def _libpng_decode(data: bytes, image: Image.Image) -> Image.Image | None:
    """An 8-bit RGB or RGBA PNG's pixels decoded by libpng (through imagecodecs), or None
    where its result could differ from Pillow's (another mode, a tRNS colour key, 16
    bits, an animation), the file is interlaced, or the decoder balks (Pillow then
    decodes, and rejects what is broken).

    Same pixels as Pillow's decoder, in 0.7x its time: the inflate is zlib-ng's, not the
    system zlib's (1600x1000 RGBA from the images bench: 27 -> 19 ms).
    """
    if image.mode not in ("RGB", "RGBA") or "transparency" in image.info or image.info.get("interlace"):
        return None  # (Adam7: libpng reads it only through a fallback it warns about)
    import imagecodecs

    try:
        pixels = imagecodecs.png_decode(data)
    except (imagecodecs.PngError, ValueError, MemoryError):
        return None
    channels = len(image.mode)
    if pixels.dtype != "uint8" or pixels.shape != (image.height, image.width, channels):
        return None  # 16 bits per sample (Pillow keeps the high byte), or a surprise
    return Image.fromarray(pixels)


def _load(image: Image.Image) -> None:
    try:
        image.load()
    except OSError as exc:
        message = str(exc)
        if "truncated" in message or "broken data stream" in message or "premature end" in message.lower():
            raise ImageRejected(TRUNCATED, message) from None
        raise ImageRejected(CORRUPT, message) from None
    except (SyntaxError, ValueError, struct.error, EOFError, IndexError) as exc:
        raise ImageRejected(CORRUPT, str(exc) or type(exc).__name__) from None


# -- lossless metadata stripping for images that need no resize ------------------------

# JPEG segments worth keeping: JFIF (APP0), ICC profile (APP2), Adobe colour transform
# (APP14), and every non-APP/COM segment. EXIF/XMP (APP1), IPTC (APP13), comments go.
_JPEG_KEEP_APP = {0xE0, 0xE2, 0xEE}


def _strip_jpeg(data: bytes) -> bytes | None:
    if data[:2] != b"\xff\xd8":
        return None
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is entropy-coded data
            out += data[pos:]
            return bytes(out)
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if end > len(data):
            return None
        is_app_or_comment = 0xE0 <= marker <= 0xEF or marker == 0xFE
        if not is_app_or_comment or marker in _JPEG_KEEP_APP:
            out += data[pos:end]
        pos = end
    return None


_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def _strip_png(data: bytes) -> bytes | None:
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        return None
    out = bytearray(signature)
    pos = len(signature)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return None
        if kind not in _PNG_DROP:
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            return bytes(out)
    return None


def _passthrough(data: bytes, image: Image.Image) -> bytes | None:
    """The source bytes minus metadata, when they can be used without re-encoding."""
    if image.format in ("JPEG", "MPO"):
        return _strip_jpeg(data)
    if image.format == "PNG":
        return _strip_png(data)
    if image.format == "GIF":
        return data  # GIF carries no EXIF/GPS; re-encoding an animation only hurts it
    if image.format == "WEBP" and not ({"exif", "xmp"} & set(image.info)):
        return data
    return None


# -- the entry point -------------------------------------------------------------------


def render(data: bytes, roles: Iterable[str], opts: ImageOptions, *, content_type: str | None = None) -> Rendered:
    """Validate ``data`` and make the renditions for ``roles`` (header/thumb/inline).

    Raises :class:`ImageRejected` for anything that should not be archived.
    """
    wanted = [r for r in ROLES if r in set(roles)]
    sniff(data, content_type)
    image = _open(data, opts.max_pixels)
    source_format = image.format or ""
    orientation = _orientation(image, data)
    raw_size = image.size
    shown_size = raw_size[::-1] if orientation in _SWAPS_AXES else raw_size
    animated = _is_animated(image)
    icc = image.info.get("icc_profile")
    icc = icc if isinstance(icc, bytes) else None
    targets = _targets(shown_size, wanted, opts)

    need = _decode_size(shown_size, wanted, opts)
    if orientation in _SWAPS_AXES:
        need = need[::-1]
    opened = image  # the parsed file: its format and metadata, whatever decodes the pixels
    decoded = None
    if orientation == 1 and not animated:  # turning by EXIF and reading frames need Pillow's image
        if source_format in ("JPEG", "MPO") and image.mode == "RGB":
            decoded = _dct_scaled_decode(data, raw_size, need)
        elif source_format == "PNG":
            decoded = _libpng_decode(data, image)
    if decoded is not None:
        image = decoded
    else:
        if source_format in ("JPEG", "MPO") and (need[0] * 2 <= raw_size[0] and need[1] * 2 <= raw_size[1]):
            # DCT scaling: libjpeg decodes straight to 1/2, 1/4 or 1/8 size, never below
            # ``need``. Most of the time saved on a 12 MP photo is saved here.
            image.draft("RGB" if image.mode not in ("L", "CMYK") else image.mode, need)
        _load(image)  # full decode (at draft scale): truncated data is caught here
    source = SourceInfo(source_format, shown_size[0], shown_size[1], animated)
    rendered = Rendered(source)

    unchanged = orientation == 1 and source_format in _KEPT_AS_IS.get(opts.fmt, ())
    base: Image.Image | None = None
    made: list[Image.Image] = []  # resized renditions, reused as thumbnail sources
    for role in wanted:
        target = targets[role]
        still_ok = role == INLINE or not animated  # header/thumbnail are stills
        if role != THUMB and still_ok and unchanged and target == raw_size:
            stripped = _passthrough(data, opened)
            if stripped is not None:
                ext = _WEB_FORMATS[source_format]
                rendered.renditions[role] = Rendition(role, stripped, ext, *raw_size)
                continue
        if role == INLINE and animated and opts.fmt != "jpeg" and source_format in ("GIF", "WEBP"):
            animation = _render_animation(image, target, opts, source_format)
            if animation is not None:
                rendered.renditions[role] = animation
                continue
        if base is None:
            if animated:
                image.seek(0)
                _load(image)
            if orientation != 1:
                ImageOps.exif_transpose(image, in_place=True)
            base = _normalize_mode(image)
            if opts.fmt == "jpeg":
                # Flattened once, before resampling: compositing on white commutes with
                # Pillow's (premultiplied) RGBA resampling, and RGB costs about half as much.
                base = _flatten_on_white(base)
        out_format = _output_format(source_format, opts.fmt, role, _has_alpha(base), animated)
        if role == THUMB:
            # Cover-crop from the smallest image already made that still covers the box
            # (usually the header), not from the full decode.
            pool = [im for im in (*made, base) if im.size[0] >= target[0] and im.size[1] >= target[1]]
            src = min(pool, key=lambda im: im.size[0] * im.size[1]) if pool else base
            out = _cover(src, target)
        else:  # (a JPEG decoded at the header's M/8 scale is the header already)
            out = _resize(base, target)
            made.append(out)
        payload = _encode(out, out_format, opts, icc)
        rendered.renditions[role] = Rendition(role, payload, _EXT[out_format], *out.size)
    return rendered


def _render_animation(
    image: Image.Image, target: tuple[int, int], opts: ImageOptions, source_format: str
) -> Rendition | None:
    """Every frame resized, same timing; None when the animation is too big to redo."""
    n_frames = int(getattr(image, "n_frames", 1))
    width, height = image.size
    if n_frames * width * height > opts.max_pixels * _ANIMATION_BUDGET:
        return None
    out_format = "WEBP" if opts.fmt == "webp" else source_format
    frames: list[Image.Image] = []
    durations: list[int] = []
    try:
        for frame in ImageSequence.Iterator(image):
            frames.append(_resize(frame.convert("RGBA"), target))
            durations.append(int(frame.info.get("duration", 100) or 100))
    except (OSError, EOFError, ValueError) as exc:
        raise ImageRejected(TRUNCATED if "truncated" in str(exc) else CORRUPT, str(exc)) from None
    loop = int(image.info.get("loop", 0) or 0)
    image.seek(0)
    payload = _encode_animation(frames, durations, loop, out_format, opts)
    return Rendition(INLINE, payload, _EXT[out_format], *frames[0].size)


# -- placeholder -------------------------------------------------------------------------


def placeholder(source: str, title: str, size: tuple[int, int], fmt: OutputFormat = "original") -> bytes:
    """A deterministic stand-in image for an article without a usable one.

    Colours and a symmetric 5x5 block pattern come from a hash of source and title, so
    the same article always gets the same bytes (re-runs write nothing) and different
    articles look different. No text: the default font has no CJK glyphs.
    """
    digest = hashlib.sha256(f"{source}\0{title}".encode()).digest()
    width, height = size
    hue = digest[0] / 255
    start = _hsv(hue, 0.45, 0.85)
    end = _hsv((hue + 0.12) % 1.0, 0.55, 0.55)
    # Horizontal gradient built from a 256x1 strip: cheap at any size.
    strip = Image.new("RGB", (256, 1))
    strip.putdata([tuple(round(a + (b - a) * x / 255) for a, b in zip(start, end, strict=True)) for x in range(256)])
    canvas = strip.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(canvas)
    cell = max(1, min(width, height) // 9)
    grid_w = cell * 5
    left = (width - grid_w) // 2
    top = (height - grid_w) // 2
    ink = _hsv(hue, 0.25, 0.97)
    bits = int.from_bytes(digest[1:5], "big")
    for row in range(5):
        for col in range(3):  # mirrored: columns 0-2 decide columns 4-2
            if bits >> (row * 3 + col) & 1:
                for c in {col, 4 - col}:
                    x0, y0 = left + c * cell, top + row * cell
                    draw.rectangle((x0, y0, x0 + cell - 1, y0 + cell - 1), fill=ink)
    out_format = {"jpeg": "JPEG", "web": "JPEG", "webp": "WEBP"}.get(fmt, "PNG")
    # Pillow's PNG writer: this runs in the crawl process, which need not load numpy and
    # imagecodecs for one flat image.
    return _encode(canvas, out_format, ImageOptions(fmt=fmt), None, libpng=False)


def extension_for(source_format: str) -> str:
    """File extension for a Pillow format name (for storing an untouched original)."""
    return _WEB_FORMATS.get(source_format) or (source_format.lower() or "bin")


def placeholder_ext(fmt: OutputFormat) -> str:
    return {"jpeg": "jpg", "web": "jpg", "webp": "webp"}.get(fmt, "png")


def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return round(r * 255), round(g * 255), round(b * 255)
