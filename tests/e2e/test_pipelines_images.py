"""ArticleImagesPipeline: real crawls (``scrapy runspider`` in a subprocess) against images
served from 127.0.0.1, plus the pure HTML helpers and settings handling."""

from __future__ import annotations

import json
import re
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from archiver.images.imaging import content_hash
from archiver.pipelines.images import ArticleImagesPipeline, img_srcs, parse_size, rewrite_img_srcs
from tests.support.crawl import CrawlResult, run_scrapy
from tests.support.server import LocalServer

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PIPELINE = "archiver.pipelines.images.ArticleImagesPipeline"

# -- images ----------------------------------------------------------------------------


def encode(image: Image.Image, fmt: str, **kwargs: Any) -> bytes:
    buf = BytesIO()
    image.save(buf, fmt, **kwargs)
    return buf.getvalue()


def photo(width: int, height: int, tint: int = 0) -> Image.Image:
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height)).point(lambda v: (v + tint) % 256)
    return Image.merge("RGB", (red, green, red.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def jpeg(width: int, height: int, tint: int = 0, **kwargs: Any) -> bytes:
    return encode(photo(width, height, tint), "JPEG", quality=88, **kwargs)


def transparent_png(width: int, height: int) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (width // 4, height // 4, width * 3 // 4, height * 3 // 4))
    return encode(image, "PNG")


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (240, 160), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=90, loop=0)


def png_bomb(width: int = 30000, height: int = 30000) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def px(image: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    value = image.getpixel(xy)
    assert isinstance(value, tuple), value
    return value


def exif_rotated() -> bytes:
    image = Image.new("RGB", (300, 200), (255, 0, 0))
    image.paste((0, 0, 255), (150, 0, 300, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    return encode(image, "JPEG", quality=95, exif=exif)


# -- a local image server that counts requests -----------------------------------------


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "image/jpeg"
    delay: float = 0.0
    location: str | None = None


@dataclass
class ImageServer:
    routes: dict[str, Route]
    hits: Counter[str] = field(default_factory=Counter)
    referers: dict[str, list[str | None]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def snapshot(self) -> Counter[str]:
        with self.lock:
            return Counter(self.hits)


def serve(server_state: ImageServer) -> LocalServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with server_state.lock:
                server_state.hits[path] += 1
                server_state.referers.setdefault(path, []).append(self.headers.get("Referer"))
            route = server_state.routes.get(path, Route(b"not here", 404, "text/plain"))
            if route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.location:
                    self.send_header("Location", server_state.base + route.location)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up waiting (timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = LocalServer.start(Handler)
    server_state.base = httpd.base_url
    return httpd


IMAGES = {
    "big": jpeg(2400, 1800),
    "shared": jpeg(800, 600, tint=40),
    "photo": jpeg(640, 480, tint=80),
    "dup": jpeg(500, 400, tint=120),
    "thumbsrc": jpeg(1000, 500, tint=160),
    "delta": jpeg(700, 500, tint=200),
    "alpha": transparent_png(1600, 1000),
    "anim": animated_gif(),
    "exif": exif_rotated(),
    "icon": encode(Image.new("RGB", (16, 16), (0, 128, 0)), "PNG"),
}
_TRUNCATED = jpeg(900, 700, tint=30)


def make_routes() -> dict[str, Route]:
    return {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/img/big.jpg": Route(IMAGES["big"]),
        "/img/shared.jpg": Route(IMAGES["shared"]),
        "/img/photo.jpg": Route(IMAGES["photo"]),
        "/img/redirect.jpg": Route(status=302, location="/img/photo.jpg", content_type="text/html"),
        "/img/dup1.jpg": Route(IMAGES["dup"]),
        "/img/dup2.jpg": Route(IMAGES["dup"]),
        "/img/thumb-src.jpg": Route(IMAGES["thumbsrc"]),
        "/img/delta.jpg": Route(IMAGES["delta"]),
        "/img/alpha.png": Route(IMAGES["alpha"], content_type="image/png"),
        "/img/anim.gif": Route(IMAGES["anim"], content_type="image/gif"),
        "/img/exif.jpg": Route(IMAGES["exif"]),
        "/img/icon.png": Route(IMAGES["icon"], content_type="image/png"),
        "/img/500.jpg": Route(b"oops", 500, "text/plain"),
        "/img/slow.jpg": Route(IMAGES["photo"], delay=3.0),
        "/img/html.jpg": Route(b"<!DOCTYPE html><html><body>Hotlinking forbidden</body></html>"),
        "/img/empty.jpg": Route(b""),
        "/img/trunc.jpg": Route(_TRUNCATED[: len(_TRUNCATED) // 2]),
        "/img/vector.svg": Route(b'<svg xmlns="http://www.w3.org/2000/svg" width="9"/>', content_type="image/svg+xml"),
        "/img/pixel.gif": Route(encode(Image.new("RGB", (1, 1)), "GIF"), content_type="image/gif"),
        "/img/bomb.png": Route(png_bomb(), content_type="image/png"),
        "/private/secret.jpg": Route(IMAGES["photo"]),
    }


FAILING = {
    "/img/404.jpg": "http-404",
    "/img/500.jpg": "http-500",
    "/img/slow.jpg": "timeout",
    "/img/html.jpg": "html",
    "/img/empty.jpg": "empty",
    "/img/trunc.jpg": "truncated",
    "/img/vector.svg": "unsupported",
    "/img/pixel.gif": "tiny",
    "/img/bomb.png": "bomb",
    "/private/secret.jpg": "filtered",
}
# Worth asking again on the next run (the server may be fixed); the rest is remembered.
TRANSIENT = {"/img/500.jpg", "/img/slow.jpg", "/img/html.jpg", "/img/empty.jpg", "/img/trunc.jpg"}


# -- running a crawl -------------------------------------------------------------------

SPIDER = '''
import json, os
from types import SimpleNamespace

import scrapy

from archiver.items import Article


class ImageTestSpider(scrapy.Spider):
    name = "image_test"
    custom_settings = json.loads(os.environ["IMAGE_TEST_SETTINGS"])

    def __init__(self, articles, sources="{}", **kwargs):
        super().__init__(**kwargs)
        with open(articles, encoding="utf-8") as handle:
            self.articles = json.load(handle)
        self.sources = {k: SimpleNamespace(image_referer=v) for k, v in json.loads(sources).items()}

    async def start(self):
        for article in self.articles:
            yield Article(**article)
'''


@dataclass
class Crawl(CrawlResult):
    items: dict[str, dict[str, Any]]
    output: Path


def run_crawl(
    workdir: Path,
    output: Path,
    articles: list[dict[str, Any]],
    sources: dict[str, Any] | None = None,
    settings: dict[str, Any] | None = None,
) -> Crawl:
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "spider.py").write_text(SPIDER, encoding="utf-8")
    (workdir / "articles.json").write_text(json.dumps(articles), encoding="utf-8")
    feed = workdir / "items.jsonl"
    all_settings = {
        "ITEM_PIPELINES": {PIPELINE: 400},
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "archiver.middlewares.robots.WaitingSafeRobotsTxtMiddleware": 100,
        },
        "ARCHIVER_OUTPUT": str(output),
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_TIMEOUT": 1,
        "RETRY_TIMES": 1,
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": False,
        "FEED_EXPORT_ENCODING": "utf-8",
        **(settings or {}),
    }
    # cwd without scrapy.cfg: only this pipeline runs, whatever the project settings say.
    done = run_scrapy("runspider", "spider.py", "-O", str(feed), "-a", f"articles={workdir / 'articles.json'}",
                      "-a", f"sources={json.dumps(sources or {})}", settings={}, cwd=workdir,
                      env={"IMAGE_TEST_SETTINGS": json.dumps(all_settings)})
    assert done.returncode == 0, done.log[-3000:]
    lines = feed.read_text(encoding="utf-8").splitlines() if feed.exists() else []
    items = {json.loads(line)["url"].rsplit("/", 1)[-1]: json.loads(line) for line in lines}
    return Crawl(done.returncode, done.log, items, output)


def img(base: str, path: str, extra: str = "") -> str:
    return f'<p><img src="{base}{path}"{extra}></p>'


def main_articles(base: str) -> list[dict[str, Any]]:
    failing = "".join(img(base, path) for path in FAILING)
    return [
        {
            "source": "alpha",
            "url": f"{base}/articles/a",
            "title": "Alpha",
            "published": "2024-05-01T08:00:00+08:00",
            "lead_image_url": f"{base}/img/big.jpg",
            "content_html": (
                "<p>Intro &amp; more</p>"
                + img(base, "/img/alpha.png", f' alt="a &quot;b&quot;" srcset="{base}/img/alpha.png 2x" sizes="100vw"')
                + img(base, "/img/anim.gif")
                + img(base, "/img/exif.jpg")
                + f'<p><img src="{base}/img/redirect.jpg?a=1&amp;b=2"></p>'
                + img(base, "/img/shared.jpg")
                + img(base, "/img/big.jpg")
                + f'<picture><source srcset="{base}/img/alpha.png"><img src="{base}/img/dup1.jpg"></picture>'
                + img(base, "/img/dup2.jpg")
                + failing
                + '<p><img src="data:image/png;base64,iVBORw0KGgo="></p>'
            ),
        },
        {
            "source": "beta",
            "url": f"{base}/articles/b",
            "title": "Beta",
            "published": "2023-01-02T00:00:00+00:00",
            "content_html": img(base, "/img/icon.png") + img(base, "/img/shared.jpg"),
        },
        {
            "source": "gamma",
            "url": f"{base}/articles/c",
            "title": "Gamma",
            "published": "2024-02-02T00:00:00+00:00",
            "lead_image_url": f"{base}/img/404.jpg",
            "thumbnail_url": f"{base}/img/thumb-src.jpg",
            "content_html": "<p>text only</p>",
        },
        {
            "source": "delta",
            "url": f"{base}/articles/d",
            "title": "Delta",
            "published": "2024-03-03T00:00:00+00:00",
            "lead_image_url": f"{base}/img/delta.jpg",
        },
        {
            "source": "beta",
            "url": f"{base}/articles/e",
            "title": "Nothing to see",
            "published": "2024-04-04T00:00:00+00:00",
            "content_html": "<p>no images</p>",
        },
    ]


SOURCES = {"gamma": False, "delta": "https://ref.example/"}


@pytest.fixture(scope="module")
def server() -> Iterator[ImageServer]:
    state = ImageServer(make_routes())
    httpd = serve(state)
    yield state
    httpd.shutdown()
    httpd.server_close()


@dataclass
class TwoRuns:
    first: Crawl
    second: Crawl
    hits_first: Counter[str]
    hits_second: Counter[str]
    mtimes_first: dict[Path, int]
    mtimes_second: dict[Path, int]


def mtimes(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (root / "images").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def runs(server: ImageServer, tmp_path_factory: pytest.TempPathFactory) -> TwoRuns:
    root = tmp_path_factory.mktemp("main")
    output = root / "archive"
    articles = main_articles(server.base)
    first = run_crawl(root / "run1", output, articles, SOURCES)
    hits_first = server.snapshot()
    mtimes_first = mtimes(output)
    second = run_crawl(root / "run2", output, articles, SOURCES)
    hits_second = server.snapshot() - hits_first
    return TwoRuns(first, second, hits_first, hits_second, mtimes_first, mtimes(output))


def local_file(crawl: Crawl, url: str) -> Path:
    assert url.startswith("/images/"), url
    return crawl.output / url.lstrip("/")


# -- first run -------------------------------------------------------------------------


def test_no_errors_and_every_article_kept(runs: TwoRuns) -> None:
    for crawl in (runs.first, runs.second):
        assert crawl.error_lines == []
        assert set(crawl.items) == {"a", "b", "c", "d", "e"}


def test_header_and_thumbnail_from_lead_image(runs: TwoRuns, server: ImageServer) -> None:
    item = runs.first.items["a"]
    digest = content_hash(IMAGES["big"])
    assert item["headimg"] == f"/images/alpha/2024/{digest}-header.jpg"
    assert item["thumbnail"] == f"/images/alpha/2024/{digest}-thumb.jpg"
    with Image.open(local_file(runs.first, item["headimg"])) as header:
        assert header.size == (1200, 900)
    with Image.open(local_file(runs.first, item["thumbnail"])) as thumb:
        assert thumb.size == (400, 300)


def test_inline_images_are_local_and_srcset_dropped(runs: TwoRuns) -> None:
    item = runs.first.items["a"]
    html = item["content_html"]
    base = re.search(r"(http://127\.0\.0\.1:\d+)/articles/a", item["url"]).group(1)  # type: ignore[union-attr]
    good = [
        "/img/alpha.png",
        "/img/anim.gif",
        "/img/exif.jpg",
        "/img/shared.jpg",
        "/img/big.jpg",
        "/img/dup1.jpg",
        "/img/dup2.jpg",
    ]
    for path in good:
        assert f'src="{base}{path}"' not in html
        assert item["image_map"][base + path].startswith("/images/")
    assert item["image_map"][f"{base}/img/redirect.jpg?a=1&b=2"].startswith("/images/")
    assert "srcset" not in html and "sizes=" not in html and "<source" not in html
    assert 'alt="a &quot;b&quot;"' in html  # other attributes kept, still escaped
    assert "<p>Intro &amp; more</p>" in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html
    for path in FAILING:  # failures keep their remote URL
        assert f'src="{base}{path}"' in html
        assert base + path not in item["image_map"]
    srcs = re.findall(r'<img src="([^"]+)"', html)
    for src in srcs:
        if src.startswith("/images/"):
            assert local_file(runs.first, src).is_file()


def test_formats_alpha_animation_rotation(runs: TwoRuns) -> None:
    base_url = runs.first.items["a"]["url"].rsplit("/articles", 1)[0]
    image_map = runs.first.items["a"]["image_map"]
    with Image.open(local_file(runs.first, image_map[base_url + "/img/alpha.png"])) as alpha:
        assert alpha.format == "PNG" and alpha.mode == "RGBA" and alpha.size == (1000, 625)
        assert px(alpha, (3, 3))[3] == 0
    with Image.open(local_file(runs.first, image_map[base_url + "/img/anim.gif"])) as anim:
        assert anim.format == "GIF" and getattr(anim, "n_frames", 1) == 3
    with Image.open(local_file(runs.first, image_map[base_url + "/img/exif.jpg"])) as rotated:
        assert rotated.size == (200, 300)
    with Image.open(local_file(runs.first, image_map[base_url + "/img/big.jpg"])) as inline:
        assert inline.size == (1000, 750)


def test_same_bytes_under_two_urls_are_stored_once(runs: TwoRuns, server: ImageServer) -> None:
    image_map = runs.first.items["a"]["image_map"]
    assert image_map[server.base + "/img/dup1.jpg"] == image_map[server.base + "/img/dup2.jpg"]
    digest = content_hash(IMAGES["dup"])
    assert len(list(runs.first.output.rglob(f"{digest}*"))) == 1


def test_failures_are_logged_and_counted(runs: TwoRuns, server: ImageServer) -> None:
    stats = runs.first.stats
    expected = Counter(FAILING.values())  # article c's lead is 404.jpg too: one fetch, one count
    for reason, count in expected.items():
        assert stats.get(f"archiver/images/{reason}") == count, reason
    for path, reason in FAILING.items():
        assert re.search(rf"WARNING: Image {re.escape(server.base + path)}\S* skipped: {reason}", runs.first.log), path
    assert stats["archiver/images/downloaded"] == 11  # the distinct good URLs


def test_download_behaviour(runs: TwoRuns, server: ImageServer) -> None:
    hits = runs.hits_first
    assert hits["/img/shared.jpg"] == 1  # used by two articles (and as b's header): one fetch
    assert hits["/img/big.jpg"] == 1  # lead and inline in the same article: one fetch
    assert hits["/img/photo.jpg"] == 1  # reached through the redirect
    assert hits["/private/secret.jpg"] == 0  # robots.txt
    assert hits["/img/slow.jpg"] == 2  # retried once, then given up
    a_url = f"{server.base}/articles/a"
    assert set(server.referers["/img/big.jpg"]) == {a_url}
    assert set(server.referers["/img/alpha.png"]) == {a_url}
    assert set(server.referers["/img/thumb-src.jpg"]) == {None}  # gamma: image_referer false
    assert set(server.referers["/img/delta.jpg"]) == {"https://ref.example/"}


def test_fallback_header_is_first_inline_image_that_is_not_tiny(runs: TwoRuns) -> None:
    item = runs.first.items["b"]
    digest = content_hash(IMAGES["shared"])
    # b is the only article that needs shared.jpg as a header: made from the bytes
    # fetched once for both articles, stored in b's folder.
    assert item["headimg"] == f"/images/beta/2023/{digest}-header.jpg"
    assert item["thumbnail"] == f"/images/beta/2023/{digest}-thumb.jpg"
    with Image.open(local_file(runs.first, item["headimg"])) as header:
        assert header.size == (800, 600)
    assert local_file(runs.first, item["thumbnail"]).is_file()
    icon = item["image_map"][f"{item['url'].rsplit('/articles', 1)[0]}/img/icon.png"]
    assert icon.startswith("/images/beta/2023/")


def test_an_image_two_sources_show_is_stored_in_each_sources_folder(runs: TwoRuns, server: ImageServer) -> None:
    """Its place depends on the article and the bytes, never on which article came first
    (with a fleet, that is whichever worker was faster)."""
    digest = content_hash(IMAGES["shared"])
    url = server.base + "/img/shared.jpg"
    in_alpha = runs.first.items["a"]["image_map"][url]
    in_beta = runs.first.items["b"]["image_map"][url]
    assert (in_alpha, in_beta) == (f"/images/alpha/2024/{digest}.jpg", f"/images/beta/2023/{digest}.jpg")
    assert local_file(runs.first, in_alpha).read_bytes() == local_file(runs.first, in_beta).read_bytes()
    assert f'src="{in_beta}"' in runs.first.items["b"]["content_html"]


def test_failed_lead_keeps_remote_url_and_thumbnail_url_is_used(runs: TwoRuns, server: ImageServer) -> None:
    item = runs.first.items["c"]
    assert item["headimg"] == f"{server.base}/img/404.jpg"
    digest = content_hash(IMAGES["thumbsrc"])
    assert item["thumbnail"] == f"/images/gamma/2024/{digest}-thumb.jpg"
    with Image.open(local_file(runs.first, item["thumbnail"])) as thumb:
        assert thumb.size == (400, 300)
    assert runs.first.items["e"]["headimg"] is None and runs.first.items["e"]["thumbnail"] is None


# -- second run ------------------------------------------------------------------------


def test_second_run_downloads_and_writes_nothing(runs: TwoRuns) -> None:
    fetched = {path: n for path, n in runs.hits_second.items() if path != "/robots.txt"}
    assert set(fetched) == TRANSIENT, fetched
    assert runs.second.stats.get("archiver/images/downloaded") is None
    assert runs.second.stats["archiver/images/reused"] >= 11
    assert runs.mtimes_second == runs.mtimes_first
    for key in ("headimg", "thumbnail", "content_html", "image_map"):
        assert {k: v[key] for k, v in runs.second.items.items()} == {k: v[key] for k, v in runs.first.items.items()}


# -- other settings --------------------------------------------------------------------


def test_jpeg_relative_placeholder_no_referer_keep_originals(server: ImageServer, tmp_path: Path) -> None:
    base = server.base
    articles = [
        {
            "source": "alpha",
            "url": f"{base}/articles/f",
            "title": "Transparent lead",
            "published": "2024-06-01T00:00:00Z",
            "lead_image_url": f"{base}/img/alpha.png",
            "content_html": img(base, "/img/alpha.png"),
        },
        {"source": "beta", "url": f"{base}/articles/g", "title": "端稳“饭碗”", "published": "2024-06-02T00:00:00Z"},
        {
            "source": "beta",
            "url": f"{base}/articles/h",
            "title": "Broken",
            "published": "2024-06-03T00:00:00Z",
            "lead_image_url": f"{base}/img/404.jpg",
        },
    ]
    before = server.snapshot()
    output = tmp_path / "archive"
    settings: dict[str, Any] = {
        "ARCHIVER_IMAGE_FORMAT": "jpeg",
        "ARCHIVER_IMAGE_URL_STYLE": "relative",
        "ARCHIVER_PLACEHOLDER": "generate",
        "ARCHIVER_IMAGE_REFERER": False,
        "ARCHIVER_KEEP_ORIGINALS": True,
    }
    crawl = run_crawl(tmp_path / "run", output, articles, settings=settings)
    assert crawl.error_lines == []
    assert server.snapshot()["/img/alpha.png"] - before["/img/alpha.png"] == 1
    assert set(server.referers["/img/alpha.png"][before["/img/alpha.png"] :]) == {None}

    f = crawl.items["f"]
    digest = content_hash(IMAGES["alpha"])
    assert f["headimg"] == f"../../../images/alpha/2024/{digest}-header.jpg"
    with Image.open(output / f["headimg"].removeprefix("../../../")) as header:
        assert header.format == "JPEG" and header.size == (1200, 750)
        assert min(px(header, (3, 3))) > 245  # alpha flattened on white
    assert f"../../../images/alpha/2024/{digest}.jpg" in f["content_html"]
    originals = list((output / ".archiver" / "originals").rglob("*.png"))
    assert [p.read_bytes() for p in originals] == [IMAGES["alpha"]]

    g, h = crawl.items["g"], crawl.items["h"]
    for item in (g, h):
        assert re.fullmatch(r"\.\./\.\./\.\./images/beta/2024/placeholder-[0-9a-f]{16}-header\.jpg", item["headimg"])
        with Image.open(output / item["thumbnail"].removeprefix("../../../")) as thumb:
            assert thumb.size == (400, 300) and thumb.format == "JPEG"
    assert g["headimg"] != h["headimg"]  # colours come from source + title
    assert crawl.stats["archiver/images/placeholder"] == 4

    again = run_crawl(tmp_path / "run-again", output, articles, settings=settings)
    assert {k: v["headimg"] for k, v in again.items.items()} == {k: v["headimg"] for k, v in crawl.items.items()}
    assert server.snapshot()["/img/alpha.png"] - before["/img/alpha.png"] == 1


# -- building the component, settings --------------------------------------------------


def test_build_from_crawler_reads_settings(tmp_path: Path) -> None:
    crawler = get_crawler(
        settings_dict={
            "ARCHIVER_OUTPUT": str(tmp_path / "out"),
            "ARCHIVER_THUMB_SIZE": "320x200",
            "ARCHIVER_IMAGE_FORMAT": "WebP",
            "ARCHIVER_HEADER_MAX_WIDTH": "900",
        }
    )
    pipeline = build_from_crawler(ArticleImagesPipeline, crawler)
    assert pipeline.images_root == tmp_path / "out"  # IMAGES_STORE defaults to the archive root
    assert pipeline.options.thumb_size == (320, 200)
    assert pipeline.options.fmt == "webp"
    assert pipeline.options.header_max_width == 900
    assert pipeline.url_style == "root" and pipeline.placeholder_mode == "none"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ARCHIVER_IMAGE_FORMAT", "gif"),
        ("ARCHIVER_THUMB_SIZE", "400"),
        ("ARCHIVER_IMAGE_URL_STYLE", "absolute"),
        ("ARCHIVER_PLACEHOLDER", "random"),
    ],
)
def test_bad_settings_fail_at_startup(tmp_path: Path, name: str, value: str) -> None:
    crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(tmp_path), name: value})
    with pytest.raises(ValueError, match=name if name != "ARCHIVER_THUMB_SIZE" else "WIDTHxHEIGHT"):
        build_from_crawler(ArticleImagesPipeline, crawler)


def test_parse_size() -> None:
    assert parse_size("400x300") == (400, 300)
    assert parse_size(" 640 X 480 ") == (640, 480)
    assert parse_size([10, 20]) == (10, 20)
    with pytest.raises(ValueError):
        parse_size("0x10")


# -- HTML helpers ----------------------------------------------------------------------


def test_img_srcs_in_order_unescaped_unique() -> None:
    html = (
        '<p><img src="https://a.example/1.jpg?x=1&amp;y=2"><img alt=">" src=\'https://a.example/2.png\'>'
        '<IMG SRC=https://a.example/3.gif><img src="https://a.example/1.jpg?x=1&amp;y=2">'
        '<img src="/relative.jpg"><img src="data:image/gif;base64,R0lG"><img alt="no src"></p>'
    )
    assert img_srcs(html) == ["https://a.example/1.jpg?x=1&y=2", "https://a.example/2.png", "https://a.example/3.gif"]
    assert img_srcs(None) == []


def test_rewrite_img_srcs() -> None:
    html = (
        '<p>a &amp; b<img src="https://a.example/1.jpg?x=1&amp;y=2" srcset="https://a.example/1@2x.jpg 2x" '
        'sizes="50vw" alt="x &gt; y" loading="lazy"></p><img src="https://a.example/missing.jpg" srcset="s 2x">'
        '<picture><source srcset="https://a.example/1.webp" type="image/webp"><img src="https://a.example/1.jpg?x=1&amp;y=2"></picture>'
    )
    out = rewrite_img_srcs(html, {"https://a.example/1.jpg?x=1&y=2": "/images/s/2024/abc.jpg"})
    assert out == (
        '<p>a &amp; b<img src="/images/s/2024/abc.jpg" alt="x &gt; y" loading="lazy"></p>'
        '<img src="https://a.example/missing.jpg" srcset="s 2x">'
        '<picture><img src="/images/s/2024/abc.jpg"></picture>'
    )
    assert rewrite_img_srcs(html, {}) == html
