"""archiver.images.imaging: validation, renditions, formats, placeholder (images made in memory)."""

from __future__ import annotations

import math
import struct
import zlib
from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageStat, JpegImagePlugin

from archiver.images import imaging
from archiver.images.imaging import HEADER, INLINE, THUMB, ImageOptions, ImageRejected, render

OPTS = ImageOptions()


def encode(image: Image.Image, fmt: str, **kwargs: object) -> bytes:
    buf = BytesIO()
    image.save(buf, fmt, **kwargs)
    return buf.getvalue()


def photo(width: int, height: int) -> Image.Image:
    """Something photo-like (gradients in every channel) so JPEG sizes are realistic."""
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    blue = red.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return Image.merge("RGB", (red, green, blue))


def jpeg(width: int, height: int, **kwargs: object) -> bytes:
    return encode(photo(width, height), "JPEG", quality=90, **kwargs)


def px(image: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    value = image.getpixel(xy)
    assert isinstance(value, tuple), value
    return value


def opened(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    image.load()
    return image


def png_header_only(width: int, height: int) -> bytes:
    """A ~60-byte PNG whose header claims width x height (the classic bomb probe)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def animated_gif(width: int, height: int, frames: int = 3) -> bytes:
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
    images = [Image.new("RGB", (width, height), colours[i % 4]) for i in range(frames)]
    return encode(images[0], "GIF", save_all=True, append_images=images[1:], duration=80, loop=0)


# -- sizes -----------------------------------------------------------------------------


def test_header_fits_max_width_and_thumb_is_exact() -> None:
    out = render(jpeg(4000, 3000), [HEADER, THUMB, INLINE], OPTS).renditions
    assert (out[HEADER].width, out[HEADER].height) == (1200, 900)
    assert opened(out[HEADER].data).size == (1200, 900)
    assert opened(out[THUMB].data).size == (400, 300)
    assert opened(out[INLINE].data).size == (1000, 750)
    assert {r.ext for r in out.values()} == {"jpg"}


@settings(max_examples=25, deadline=None)
@given(st.integers(3, 2600), st.integers(3, 2600))
def test_any_shape_gives_exact_thumb_and_bounded_header(width: int, height: int) -> None:
    out = render(encode(photo(width, height), "PNG"), [HEADER, THUMB], OPTS).renditions
    header = opened(out[HEADER].data)
    assert header.size[0] == min(width, 1200)  # fits the width, never upscaled
    assert abs(header.size[1] - height * header.size[0] / width) <= 1  # keeps the aspect
    assert opened(out[THUMB].data).size == (400, 300)


def test_small_image_is_not_upscaled() -> None:
    out = render(jpeg(640, 480), [HEADER, INLINE], OPTS).renditions
    assert opened(out[HEADER].data).size == (640, 480)
    assert opened(out[INLINE].data).size == (640, 480)


@pytest.fixture
def resampled(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The size of every image Pillow is asked to resample, from here on."""
    sizes: list[tuple[int, int]] = []
    real_resize = Image.Image.resize

    def spy(self: Image.Image, size: tuple[int, int], *args: object, **kwargs: object) -> Image.Image:
        sizes.append(self.size)
        return real_resize(self, size, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Image.Image, "resize", spy)
    return sizes


def test_large_jpeg_is_decoded_at_reduced_scale(resampled: list[tuple[int, int]]) -> None:
    data = jpeg(4000, 3000)
    resampled.clear()
    out = render(data, [HEADER, THUMB], OPTS).renditions
    # Decoded at 3/8 scale (1500x1125: the smallest that covers the 1200x900 header), not 12 MP.
    assert resampled[0] == (1500, 1125)
    assert opened(out[HEADER].data).size == (1200, 900)


def test_grayscale_jpeg_is_drafted_by_pillow(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int] | None] = []
    real = JpegImagePlugin.JpegImageFile.draft

    def spy(self: JpegImagePlugin.JpegImageFile, mode: str | None, size: tuple[int, int] | None):  # type: ignore[no-untyped-def]
        calls.append(size)
        return real(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    out = render(encode(photo(4000, 3000).convert("L"), "JPEG"), [HEADER, THUMB], OPTS).renditions
    assert calls == [(1200, 900)]  # decoded at 1/2 scale (2000x1500), not 12 MP
    assert opened(out[HEADER].data).size == (1200, 900)


def test_header_at_three_quarters_is_decoded_at_that_scale(resampled: list[tuple[int, int]]) -> None:
    # The commonest header source: a 1600x1067 photo for the 1200 px header. libjpeg-turbo
    # decodes it at 6/8 (1200x801, the last row partial) and the row is cut, not resampled.
    source = photo(1600, 1067)
    data = encode(source, "JPEG", quality=95)
    resampled.clear()
    out = render(data, [HEADER, THUMB], OPTS).renditions
    header = opened(out[HEADER].data)
    assert header.size == (1200, 800)
    assert opened(out[THUMB].data).size == OPTS.thumb_size
    assert (1600, 1067) not in resampled  # the full-size decode was never resampled
    # As close to LANCZOS of the full image as the JPEG encode lets anything be.
    reference = source.resize((1200, 801), Image.Resampling.LANCZOS).crop((0, 0, 1200, 800))
    assert psnr(header.convert("RGB"), reference) > 30


def test_scaled_decode_keeps_rejecting_broken_and_rotating_exif() -> None:
    good = jpeg(1600, 1067)
    assert reason_for(good[: len(good) * 2 // 3]) == "truncated"
    # An EXIF-rotated photo goes through Pillow's decode (which applies the rotation).
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 CW for display
    rotated = encode(photo(1067, 1600), "JPEG", exif=exif.tobytes())
    assert opened(render(rotated, [HEADER], OPTS).renditions[HEADER].data).size == (1200, 800)
    # A CMYK JPEG too.
    cmyk = encode(photo(1600, 1067).convert("CMYK"), "JPEG")
    header = opened(render(cmyk, [HEADER], OPTS).renditions[HEADER].data)
    assert (header.mode, header.size) == ("RGB", (1200, 800))


def test_custom_options() -> None:
    opts = ImageOptions(header_max_width=300, thumb_size=(64, 64), inline_max_width=200)
    out = render(jpeg(1000, 500), [HEADER, THUMB, INLINE], opts).renditions
    assert opened(out[HEADER].data).size == (300, 150)
    assert opened(out[THUMB].data).size == (64, 64)
    assert opened(out[INLINE].data).size == (200, 100)


# -- orientation and metadata ----------------------------------------------------------


def exif_with(orientation: int | None = None, gps: bool = False, artist: str | None = None) -> Image.Exif:
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if artist:
        exif[0x013B] = artist
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}
    return exif


def test_exif_orientation_is_applied() -> None:
    # Stored 300x200, left half red, right half blue; orientation 6 = rotate 90 CW.
    image = Image.new("RGB", (300, 200), (255, 0, 0))
    image.paste((0, 0, 255), (150, 0, 300, 200))
    data = encode(image, "JPEG", quality=95, exif=exif_with(orientation=6))
    result = render(data, [HEADER, INLINE], OPTS)
    assert (result.source.width, result.source.height) == (200, 300)
    for role in (HEADER, INLINE):
        shown = opened(result.renditions[role].data).convert("RGB")
        assert shown.size == (200, 300)
        top, bottom = px(shown, (100, 20)), px(shown, (100, 280))
        assert top[0] > 200 and top[2] < 60, top  # red is now on top
        assert bottom[2] > 200 and bottom[0] < 60, bottom
        assert 0x0112 not in shown.getexif()


@pytest.mark.parametrize("width", [800, 3000])  # passthrough (no resize) and re-encode
def test_metadata_is_stripped_from_jpeg(width: int) -> None:
    data = jpeg(width, 600, exif=exif_with(gps=True, artist="Secret Person"), comment=b"camera serial 123")
    assert b"Secret Person" in data
    out = render(data, [INLINE, HEADER], OPTS).renditions
    for rendition in out.values():
        assert b"Secret Person" not in rendition.data
        assert b"Exif\x00\x00" not in rendition.data
        assert b"camera serial" not in rendition.data
        assert not opened(rendition.data).getexif()


def test_jpeg_that_fits_is_kept_losslessly() -> None:
    data = jpeg(800, 600, exif=exif_with(artist="x"))
    out = render(data, [INLINE], OPTS).renditions[INLINE]
    assert len(out.data) < len(data)
    assert opened(out.data).tobytes() == opened(data).tobytes()  # same pixels, not re-encoded


def test_png_text_chunks_are_stripped() -> None:
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Author", "Secret Person")
    data = encode(Image.new("RGBA", (50, 40), (1, 2, 3, 128)), "PNG", pnginfo=meta)
    out = render(data, [INLINE], OPTS).renditions[INLINE]
    assert b"Secret Person" not in out.data
    assert px(opened(out.data), (0, 0)) == (1, 2, 3, 128)


# -- formats and transparency ----------------------------------------------------------


def transparent_png(width: int = 1600, height: int = 1000) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))  # transparent BLACK pixels
    image.paste((200, 30, 30, 255), (width // 4, height // 4, width * 3 // 4, height * 3 // 4))
    return encode(image, "PNG")


@pytest.mark.parametrize(("fmt", "ext"), [("original", "png"), ("web", "webp"), ("webp", "webp")])
def test_alpha_stays_transparent(fmt: str, ext: str) -> None:
    out = render(transparent_png(), [HEADER, THUMB, INLINE], ImageOptions(fmt=fmt)).renditions  # type: ignore[arg-type]
    for rendition in out.values():
        image = opened(rendition.data)
        assert rendition.ext == ext
        assert image.mode == "RGBA"
        assert px(image, (2, 2))[3] == 0  # corner still transparent
        centre = px(image, (image.width // 2, image.height // 2))
        assert centre[3] == 255 and centre[0] > 150


@pytest.mark.parametrize(("fmt", "ext"), [("original", "png"), ("web", "jpg"), ("webp", "webp")])
def test_fully_opaque_rgba_is_encoded_without_alpha(fmt: str, ext: str) -> None:
    # PNG exports are often RGBA with every pixel opaque: the fourth channel doubles the
    # resize cost and is encoded for nothing, so it goes; the pixels shown stay the same.
    source = photo(1600, 1000).convert("RGBA")
    out = render(encode(source, "PNG"), [HEADER, THUMB], ImageOptions(fmt=fmt)).renditions  # type: ignore[arg-type]
    for rendition in out.values():
        assert rendition.ext == ext
        assert opened(rendition.data).mode == "RGB"
    header = opened(out[HEADER].data)
    expected = source.convert("RGB").resize(header.size, Image.Resampling.LANCZOS)
    x, y = header.width // 3, header.height // 3
    assert all(abs(a - b) <= 3 for a, b in zip(px(header, (x, y)), px(expected, (x, y)), strict=True))


def test_one_translucent_pixel_keeps_the_alpha_channel() -> None:
    source = photo(800, 600).convert("RGBA")
    source.putpixel((0, 0), (10, 20, 30, 254))
    out = render(encode(source, "PNG"), [HEADER], OPTS).renditions
    assert opened(out[HEADER].data).mode == "RGBA"


def test_png_renditions_use_the_smaller_run_length_strategy() -> None:
    # zlib's RLE strategy on Paeth-filtered rows: faster, and smaller than Pillow's writer
    # with its adaptive filters and the default strategy.
    source = photo(1600, 1000).convert("RGBA")
    source.putalpha(Image.radial_gradient("L").resize(source.size))
    header = render(encode(source, "PNG"), [HEADER], OPTS).renditions[HEADER]
    decoded = opened(header.data)
    assert header.ext == "png" and decoded.mode == "RGBA"
    default_strategy = encode(decoded, "PNG", compress_level=OPTS.png_compress_level)
    assert len(header.data) < len(default_strategy)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    out, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        out.append((png[pos + 4 : pos + 8], png[pos : pos + 12 + length]))
        pos += 12 + length
    return out


def alpha_photo(width: int, height: int) -> Image.Image:
    image = photo(width, height).convert("RGBA")
    image.putalpha(Image.radial_gradient("L").resize(image.size))
    return image


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_png_renditions_are_lossless_resamples_of_the_source(mode: str) -> None:
    # libpng writes them (imaging._libpng_encode): what comes back out is exactly the
    # resampled image, in the source's mode.
    source = alpha_photo(1600, 1000).convert(mode) if mode != "RGBA" else alpha_photo(1600, 1000)
    out = render(encode(source, "PNG"), [INLINE], OPTS).renditions[INLINE]
    expected = source.resize((1000, 625), imaging.RESAMPLE, reducing_gap=imaging.REDUCING_GAP)
    written = opened(out.data)
    assert (out.ext, written.mode, written.size) == ("png", mode, (1000, 625))
    assert written.tobytes() == expected.tobytes()


def test_png_colour_profile_is_kept() -> None:
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for source in (alpha_photo(1600, 1000), photo(1600, 1000)):
        data = encode(source, "PNG", icc_profile=srgb)
        out = render(data, [HEADER, THUMB], OPTS).renditions
        for rendition in out.values():
            # Read when the file is opened: the chunk is before the pixels, where it belongs.
            assert Image.open(BytesIO(rendition.data)).info.get("icc_profile") == srgb
            assert [kind for kind, _ in chunks(rendition.data)][:2] == [b"IHDR", b"iCCP"]
            assert opened(rendition.data).mode == source.mode  # and it still decodes


def test_png_is_decoded_by_libpng_to_the_pixels_pillow_decodes() -> None:
    for source in (photo(640, 400), alpha_photo(640, 400)):
        data = encode(source, "PNG")
        decoded = imaging._libpng_decode(data, Image.open(BytesIO(data)))
        assert decoded is not None and decoded.mode == source.mode
        assert decoded.tobytes() == opened(data).tobytes()


def interlaced_png(image: Image.Image) -> bytes:
    """An Adam7-interlaced RGB PNG (Pillow reads them but cannot write them)."""
    import numpy as np

    pixels = np.asarray(image.convert("RGB"))
    height, width = pixels.shape[:2]
    raw = b""
    for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):
        sub = pixels[y0::dy, x0::dx]
        if sub.size:
            raw += b"".join(b"\0" + row.tobytes() for row in sub)  # filter 0 on every row

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_pngs_libpng_could_read_differently_go_to_pillow() -> None:
    import imagecodecs
    import numpy as np

    rgb16 = (np.asarray(photo(640, 400)).astype(np.uint16) * 257 + 3).astype(np.uint16)
    colour_key = photo(640, 400)
    palette = photo(640, 400).convert("P", palette=Image.Palette.ADAPTIVE)
    sources = {
        "16 bits": imagecodecs.png_encode(rgb16),  # Pillow: mode RGB, the high byte kept
        "tRNS colour key": encode(colour_key, "PNG", transparency=px(colour_key, (0, 0))),
        "palette": encode(palette, "PNG"),
        "interlaced": interlaced_png(photo(640, 400)),
    }
    assert opened(sources["interlaced"]).tobytes() == photo(640, 400).tobytes()  # a sound file
    for name, data in sources.items():
        assert imaging._libpng_decode(data, Image.open(BytesIO(data))) is None, name
        header = opened(render(data, [INLINE], OPTS).renditions[INLINE].data)
        assert header.size == (640, 400), name  # fits: re-encoded or kept, still right
    header16 = opened(render(sources["16 bits"], [INLINE], OPTS).renditions[INLINE].data)
    assert header16.tobytes() == opened(sources["16 bits"]).convert("RGB").tobytes()


def test_libpng_warnings_stay_out_of_the_log(caplog: pytest.LogCaptureFixture) -> None:
    # An interlaced file makes libpng warn (the renderer gives those to Pillow; here the
    # guard is bypassed to hear it). Its pixels are right: nothing worth a log line.
    data = interlaced_png(photo(64, 48))
    image = Image.open(BytesIO(data))
    del image.info["interlace"]
    decoded = imaging._libpng_decode(data, image)
    assert decoded is not None and decoded.tobytes() == photo(64, 48).tobytes()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("imagecodecs")] == []


def test_broken_png_is_still_rejected_with_pillows_reason() -> None:
    data = encode(alpha_photo(1600, 1000), "PNG")
    assert reason_for(data[: len(data) * 2 // 3]) == "truncated"
    idat = next(i for i, (kind, _) in enumerate(chunks(data)) if kind == b"IDAT")
    offset = sum(len(raw) for _, raw in chunks(data)[:idat]) + 8 + 40
    flipped = data[:offset] + bytes([data[offset] ^ 0xFF]) + data[offset + 1 :]
    assert reason_for(flipped) in {"corrupt", "truncated"}


def test_png_without_exif_is_decoded_once_and_not_by_pillow(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pillow's PNG getexif() decodes every pixel to look for an eXIf chunk after them;
    # the orientation check now looks for the chunk in the bytes first.
    from PIL import ImageFile

    pillow_loads: list[str] = []
    pillow_load = ImageFile.ImageFile.load

    def counted_load(self: ImageFile.ImageFile) -> object:
        pillow_loads.append(self.format or "")  # (a raise here would be swallowed by getexif's caller)
        return pillow_load(self)

    data = encode(alpha_photo(1600, 1000), "PNG")
    monkeypatch.setattr(ImageFile.ImageFile, "load", counted_load)
    out = render(data, [HEADER, THUMB], OPTS).renditions
    assert pillow_loads == []
    assert opened(out[HEADER].data).size == (1200, 750)
    render(data[:-40] + b"eXIf" + data[-40:], [HEADER], OPTS)  # "eXIf" in the bytes: Pillow looks
    assert pillow_loads and set(pillow_loads) == {"PNG"}


@pytest.mark.parametrize("after_the_pixels", [False, True])
def test_png_exif_orientation_is_applied_wherever_the_chunk_is(after_the_pixels: bool) -> None:
    image = Image.new("RGB", (300, 200), (255, 0, 0))
    image.paste((0, 0, 255), (150, 0, 300, 200))
    data = encode(image, "PNG", exif=exif_with(orientation=6))
    if after_the_pixels:  # allowed by the PNG spec's eXIf extension, and seen in the wild
        parts = chunks(data)
        exif = next(raw for kind, raw in parts if kind == b"eXIf")
        rest = [raw for kind, raw in parts if kind not in (b"eXIf", b"IEND")]
        data = data[:8] + b"".join(rest) + exif + parts[-1][1]
        assert "exif" not in Image.open(BytesIO(data)).info  # not seen before the pixels
    shown = opened(render(data, [HEADER], OPTS).renditions[HEADER].data).convert("RGB")
    assert shown.size == (200, 300)
    assert px(shown, (100, 20))[0] > 200 and px(shown, (100, 280))[2] > 200  # red on top


def test_jpeg_mode_flattens_alpha_on_white() -> None:
    out = render(transparent_png(), [HEADER, THUMB, INLINE], ImageOptions(fmt="jpeg")).renditions
    for rendition in out.values():
        image = opened(rendition.data)
        assert rendition.ext == "jpg" and image.mode == "RGB"
        assert min(px(image, (2, 2))) > 245  # white, not black
        centre = px(image, (image.width // 2, image.height // 2))
        assert centre[0] > 150 and centre[1] < 90


def test_flattened_edges_have_no_dark_fringe() -> None:
    # The transparent pixels of transparent_png() are transparent BLACK. The jpeg format
    # flattens on white before resampling: the square's edge must blend red into white
    # as a flatten-then-resize reference does, not into the black hidden under alpha.
    source = Image.open(BytesIO(transparent_png()))
    header = opened(render(transparent_png(), [HEADER], ImageOptions(fmt="jpeg")).renditions[HEADER].data)
    white = Image.new("RGBA", source.size, (255, 255, 255, 255))
    reference = Image.alpha_composite(white, source.convert("RGBA")).convert("RGB")
    reference = reference.resize(header.size, Image.Resampling.LANCZOS)
    left, y = header.width // 4, header.height // 2  # the square's left edge, 1600 -> 1200 px
    for x in range(left - 2, left + 3):
        got, want = sum(px(header, (x, y))), sum(px(reference, (x, y)))
        assert abs(got - want) < 40, (x, got, want)  # a dark fringe is hundreds of levels darker


def test_web_mode_keeps_jpeg_as_is_and_makes_opaque_sources_jpeg() -> None:
    options = ImageOptions(fmt="web")
    small = jpeg(800, 600, exif=exif_with(gps=True))
    header = render(small, [HEADER], options).renditions[HEADER]
    assert header.ext == "jpg" and header.data == imaging._strip_jpeg(small)  # passed through, EXIF gone
    for source in (encode(photo(1600, 1000), "PNG"), encode(photo(1600, 1000), "WEBP"), animated_gif(1600, 1000)):
        out = render(source, [HEADER, THUMB], options).renditions
        assert {(r.ext, opened(r.data).format) for r in out.values()} == {("jpg", "JPEG")}


def test_web_mode_keeps_animation_inline_and_webp_that_fits() -> None:
    options = ImageOptions(fmt="web")
    inline = render(animated_gif(300, 200), [INLINE], options).renditions[INLINE]
    assert inline.ext == "gif" and getattr(opened(inline.data), "n_frames", 1) == 3
    small_webp = encode(photo(800, 600), "WEBP")
    assert render(small_webp, [HEADER], options).renditions[HEADER].data == small_webp


def test_placeholder_in_web_mode_is_jpeg() -> None:
    data = imaging.placeholder("example", "A title", (400, 300), "web")
    assert opened(data).format == "JPEG" and imaging.placeholder_ext("web") == "jpg"


def psnr(a: Image.Image, b: Image.Image) -> float:
    squares = ImageStat.Stat(ImageChops.difference(a, b)).sum2
    mse = sum(squares) / (a.width * a.height * len(squares))
    return 99.0 if mse == 0 else 10 * math.log10(255**2 / mse)


def test_downscaling_stays_close_to_lanczos() -> None:
    # The filter trades a little sharpness for speed (see imaging.RESAMPLE). On a
    # worst case, dark stripes 7 px apart downscaled by 0.75 (near the new Nyquist
    # limit, where a crude filter aliases), it must stay close to LANCZOS: there
    # HAMMING scores 28.8 dB, BICUBIC 36.1, BILINEAR 28.2, BOX 24.2, NEAREST 19.8.
    # Lossless output (PNG), so only the resampling is compared.
    source = photo(800, 600)
    draw = ImageDraw.Draw(source)
    for x in range(0, 800, 7):
        draw.line((x, 0, x + 300, 600), fill=(20, 20, 20), width=2)
    header = opened(render(encode(source, "PNG"), [HEADER], ImageOptions(header_max_width=600)).renditions[HEADER].data)
    assert header.size == (600, 450)
    reference = source.resize((600, 450), Image.Resampling.LANCZOS)
    assert psnr(header, reference) > 27


def test_palette_gif_transparency_in_jpeg_mode_is_white() -> None:
    image = Image.new("P", (300, 200), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    data = encode(image, "GIF", transparency=0)
    header = opened(render(data, [HEADER], ImageOptions(fmt="jpeg")).renditions[HEADER].data)
    assert min(px(header, (5, 5))) > 245


def test_webp_mode_outputs_webp() -> None:
    out = render(jpeg(2000, 1500), [HEADER, THUMB], ImageOptions(fmt="webp")).renditions
    assert {r.ext for r in out.values()} == {"webp"}
    assert opened(out[HEADER].data).format == "WEBP"


def test_cmyk_jpeg_becomes_rgb() -> None:
    data = encode(photo(1600, 1200).convert("CMYK"), "JPEG")
    header = opened(render(data, [HEADER], OPTS).renditions[HEADER].data)
    assert header.mode == "RGB" and header.size == (1200, 900)


# -- animation -------------------------------------------------------------------------


def test_animated_gif_stays_animated_inline_and_still_elsewhere() -> None:
    data = animated_gif(300, 200)
    out = render(data, [INLINE, HEADER, THUMB], OPTS).renditions
    inline = Image.open(BytesIO(out[INLINE].data))
    assert out[INLINE].ext == "gif" and getattr(inline, "n_frames", 1) == 3
    for role in (HEADER, THUMB):
        still = Image.open(BytesIO(out[role].data))
        assert getattr(still, "n_frames", 1) == 1 and out[role].ext == "jpg"  # no alpha
        red, green, blue = px(still.convert("RGB"), (10, 10))
        assert red > 240 and green < 15 and blue < 15  # the first frame


def test_transparent_gif_still_is_png() -> None:
    frames = [Image.new("RGBA", (200, 100), (255, 0, 0, 0)), Image.new("RGBA", (200, 100), (0, 0, 255, 255))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=50, loop=0)
    header = render(data, [HEADER], OPTS).renditions[HEADER]
    assert header.ext == "png" and px(opened(header.data).convert("RGBA"), (5, 5))[3] == 0


def test_wide_animated_gif_is_resized_frame_by_frame() -> None:
    out = render(animated_gif(1500, 100, frames=4), [INLINE], OPTS).renditions[INLINE]
    gif = Image.open(BytesIO(out.data))
    assert gif.size == (1000, 67) and getattr(gif, "n_frames", 1) == 4
    gif.seek(2)
    assert px(gif.convert("RGB"), (5, 5)) == (0, 0, 255)


def test_animated_gif_in_jpeg_mode_is_first_frame() -> None:
    out = render(animated_gif(300, 200), [INLINE], ImageOptions(fmt="jpeg")).renditions[INLINE]
    assert out.ext == "jpg" and px(opened(out.data), (10, 10))[0] > 240


# -- rejections ------------------------------------------------------------------------


def reason_for(data: bytes, content_type: str | None = None, opts: ImageOptions = OPTS) -> str:
    with pytest.raises(ImageRejected) as info:
        render(data, [HEADER, THUMB, INLINE], opts, content_type=content_type)
    return info.value.reason


def test_rejections() -> None:
    good = jpeg(800, 600)
    assert reason_for(b"") == "empty"
    assert reason_for(b"<!DOCTYPE html><html><body>Access denied</body></html>") == "html"
    assert reason_for(b"\n  <html><head>") == "html"
    assert reason_for(good, content_type="text/html; charset=utf-8") == "html"
    assert reason_for(b'<svg xmlns="http://www.w3.org/2000/svg" width="10"/>') == "unsupported"
    assert reason_for(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>') == "unsupported"
    assert reason_for(b"%PDF-1.4 not an image at all") == "unsupported"
    assert reason_for(b"GIF89a\x01") in {"corrupt", "truncated", "unsupported"}
    assert reason_for(good[: len(good) * 2 // 3]) == "truncated"
    assert reason_for(encode(Image.new("RGB", (1, 1)), "GIF")) == "tiny"
    assert reason_for(encode(Image.new("RGBA", (2, 2)), "PNG")) == "tiny"
    assert reason_for(png_header_only(30000, 30000)) == "bomb"  # Pillow's own hard limit
    with pytest.warns(Image.DecompressionBombWarning):  # Pillow warns past 89 MP...
        assert reason_for(png_header_only(10000, 10000)) == "bomb"  # ...ours (50 MP) refuses
    assert reason_for(jpeg(300, 300), opts=ImageOptions(max_pixels=50_000)) == "bomb"


def test_bomb_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decode(self: Image.Image) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(Image.Image, "load", no_decode)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decode)
    with pytest.raises(ImageRejected) as info:
        render(png_header_only(20000, 20000), [HEADER], OPTS)
    assert info.value.reason == "bomb"


def test_three_by_three_is_not_a_tracking_pixel() -> None:
    out = render(encode(Image.new("RGB", (3, 3), (9, 9, 9)), "PNG"), [INLINE], OPTS).renditions
    assert opened(out[INLINE].data).size == (3, 3)


def test_inspect_reads_only_the_header() -> None:
    info = imaging.inspect(jpeg(4000, 3000, exif=exif_with(orientation=8)))
    assert (info.format, info.width, info.height) == ("JPEG", 3000, 4000)


# -- output is deterministic -----------------------------------------------------------


def test_render_is_deterministic() -> None:
    data = jpeg(2400, 1600)
    first = render(data, [HEADER, THUMB, INLINE], OPTS).renditions
    second = render(data, [HEADER, THUMB, INLINE], OPTS).renditions
    assert {k: v.data for k, v in first.items()} == {k: v.data for k, v in second.items()}


def test_profile_changes_with_options() -> None:
    assert ImageOptions().profile() != ImageOptions(fmt="webp").profile()
    assert ImageOptions().profile() != ImageOptions(thumb_size=(300, 300)).profile()
    assert ImageOptions().profile() == ImageOptions().profile()


# -- placeholder -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["original", "jpeg", "webp"])
def test_placeholder_is_deterministic_and_sized(fmt: str) -> None:
    first = imaging.placeholder("趣头条", "端稳“饭碗”", (400, 300), fmt)  # type: ignore[arg-type]
    assert first == imaging.placeholder("趣头条", "端稳“饭碗”", (400, 300), fmt)  # type: ignore[arg-type]
    image = opened(first)
    assert image.size == (400, 300)
    assert image.format == {"original": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[fmt]


def test_placeholders_differ_between_articles() -> None:
    a = opened(imaging.placeholder("src", "First title", (120, 90)))
    b = opened(imaging.placeholder("src", "Second title", (120, 90)))
    c = opened(imaging.placeholder("other", "First title", (120, 90)))
    assert a.tobytes() != b.tobytes() and a.tobytes() != c.tobytes()
    colours = a.convert("RGB").getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 2  # a gradient and a pattern, not a flat fill
