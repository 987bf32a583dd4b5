"""The bundled sample aggregator: feeds, article pages and images served from 127.0.0.1.

It is what ``make demo`` archives and what the end-to-end tests crawl, so it carries the
shapes real aggregators serve: an RSSHub-style Chinese RSS 2.0 feed whose first item is
the sample post of the archive we replace, an English Atom feed with relative URLs and
summary-only entries, a JSON Feed, lazy images (``data-original``/``data-src``), a GBK
article page, tracking pixels, and JPEG/PNG-with-alpha images made by Pillow.
Everything is deterministic: the same base URL gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, Self
from urllib.parse import urlsplit

from PIL import Image, ImageDraw

SAMPLE_TITLE = "端稳“饭碗”，鼓起“钱袋”！大同多举措优化就业结构改善就业环境"
SAMPLE_PUBDATE = "Mon, 09 May 2022 08:01:32 GMT"
SAMPLE_CATEGORIES = ["新媒体", "趣头条", "分类"]
SAMPLE_GUID = "qutoutiao-post-8a1c2f0e5e"
SAMPLE_PATH = "/qutoutiao/detail/2022/05/09/8a1c2f0e5e.html"
SAMPLE_IMAGES = [
    ("53fba24c5ec84c11342c1a92c62fd980", (1080, 721)),
    ("94ade4e61bf75a69edb46f72e3ca180b", (1080, 721)),
    ("0dbfbbde03817810771d4b0acc753041", (1080, 755)),
    ("c2cefd0a63111e49815211d97dd2230c", (1080, 957)),
    ("afa072de0b7a81bcab179b50e5f792ea", (1080, 810)),
]
# A 1x1 GIF: what lazy loaders put in src, and what trackers serve.
PIXEL_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@dataclass
class Resource:
    body: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def _sample_body() -> str:
    return resources.files("archiver.demo").joinpath("data/qutoutiao-datong-jobs.html").read_text("utf-8")


def make_jpeg(size: tuple[int, int], seed: int) -> bytes:
    """A photo-like JPEG: gradient plus shapes, different per seed, same bytes per seed."""
    width, height = size
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tint = Image.new("RGB", (width, height), ((seed * 53) % 256, (seed * 97) % 256, (seed * 151) % 256))
    image = Image.blend(image, tint, 0.55)
    draw = ImageDraw.Draw(image)
    for index in range(6):
        x = (seed * 37 + index * width // 6) % width
        y = (seed * 59 + index * height // 5) % height
        radius = max(width, height) // (8 + index)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius),
                     fill=((seed * 17 + index * 40) % 256, (index * 60) % 256, (seed * 29) % 256))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_png_with_alpha(size: tuple[int, int]) -> bytes:
    """A logo-like PNG: an opaque disc on a fully transparent background."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w // 6, h // 6, w * 5 // 6, h * 5 // 6), fill=(220, 40, 60, 255))
    draw.rectangle((w // 3, h // 3, w * 2 // 3, h * 2 // 3), fill=(255, 255, 255, 128))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _page(title: str, body: str, *, charset: str = "utf-8", lang: str = "zh-CN",
          head_extra: str = "", site: str = "示例新闻网") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<title>{escape(title)} - {escape(site)}</title>
{head_extra}
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head>
<body>
<div class="top-nav"><a href="/">首页</a> <a href="/news/">新闻</a> <a href="/tech/">科技</a> <a href="/login">登录</a></div>
<div class="cookie-banner">本网站使用 Cookie 以改善您的体验。<button>同意</button></div>
<div class="main">
<article class="article">
<h1 class="title">{escape(title)}</h1>
<div class="meta"><span class="source">来源：{escape(site)}</span></div>
<div class="article-content">
{body}
</div>
</article>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="related"><h3>相关阅读</h3><ul>
<li><a href="/news/2022/05/01/other-1.html">五一假期全市接待游客创新高</a></li>
<li><a href="/news/2022/05/02/other-2.html">城市公园改造工程全面启动</a></li></ul></div>
<div id="comments"><h3>网友评论</h3><p>用户123：写得好！</p><p>用户456：支持一下。</p></div>
</div>
<div class="footer">Copyright (C) 2022 示例新闻网 版权所有 京ICP备00000000号</div>
<img src="/stat/pixel.gif?id=8a1c" width="1" height="1">
</body>
</html>
"""


def build_site(base_url: str) -> dict[str, Resource]:
    """Every path of the sample site, for a server listening at ``base_url``."""
    base = base_url.rstrip("/")
    site: dict[str, Resource] = {}

    def add(path: str, body: bytes | str, content_type: str, **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        site[path] = Resource(data, content_type, headers=dict(headers))

    add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")

    # --- images -------------------------------------------------------------------------
    for index, (name, size) in enumerate(SAMPLE_IMAGES):
        add(f"/static/qupost/img/2022/05/09/{name}.jpeg", make_jpeg(size, index + 1), "image/jpeg")
    add("/img/2022/harbor-wide.jpg", make_jpeg((2400, 1600), 11), "image/jpeg")
    add("/img/2022/market-chart.jpg", make_jpeg((1600, 1200), 12), "image/jpeg")
    add("/img/2022/logo-alpha.png", make_png_with_alpha((640, 480)), "image/png")
    add("/img/2022/lantern.jpg", make_jpeg((1280, 853), 13), "image/jpeg")
    add("/img/2022/garden.jpg", make_jpeg((1024, 768), 14), "image/jpeg")
    add("/img/2022/robot-arm.jpg", make_jpeg((1600, 900), 15), "image/jpeg")
    add("/stat/pixel.gif", PIXEL_GIF, "image/gif")

    # --- 趣头条 (RSSHub-style RSS 2.0, Chinese) ------------------------------------------
    sample_link = f"{base}{SAMPLE_PATH}"
    add(SAMPLE_PATH, _page(SAMPLE_TITLE, _sample_body()), "text/html; charset=utf-8")

    gbk_path = "/qutoutiao/detail/2022/05/10/lantern-festival.html"
    gbk_body = (
        '<p>记者从市文化和旅游局获悉，今年“五一”假期，古城灯会共接待游客32.6万人次，同比增长18%。</p>'
        '<p><img src="/static/loading.gif" data-original="/img/2022/lantern.jpg" alt="灯会现场"></p>'
        '<p>灯会以“千年古都·璀璨华灯”为主题，设置了十二个展区，展出大型灯组六十余组。'
        '其中，以云冈石窟为原型制作的巨型灯组吸引了大批市民驻足拍照。</p>'
        '<p>市文旅局相关负责人表示，下一步将继续丰富夜间文旅产品供给，推动“夜经济”高质量发展。</p>'
    )
    add(gbk_path, _page("古城灯会“五一”接待游客32.6万人次", gbk_body, charset="gbk").encode("gbk"),
        "text/html")  # no charset in the header: only the meta tag says GBK

    items = [
        {
            "title": SAMPLE_TITLE,
            "description": _sample_body(),
            "pubDate": SAMPLE_PUBDATE,
            "guid": SAMPLE_GUID,
            "link": sample_link,
        },
        {
            "title": "“双11”倒计时：快递业迎来“大考”——日均揽收量超5亿件 &amp; 配送提速",
            "description": (
                '<div><p>随着“双11”临近，各大快递企业纷纷增加运力。<a href="/qutoutiao/detail/2022/05/08/a.html">'
                '相关新闻</a></p>'
                '<p><img data-src="/img/2022/robot-arm.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
                'alt="分拣中心" onload="track()"></p>'
                '<p>据国家邮政局监测数据，11月1日至11日，全国邮政快递企业共揽收快递包裹52.6亿件，'
                '日均揽收量4.8亿件，是日常业务量的1.4倍。业内人士指出，智能分拣设备的大规模应用，'
                '使得单个分拣中心的处理能力提升了近三成。</p>'
                '<script>alert("xss")</script><p></p><div><span> </span></div>'
                '<p>模板语法 {{ page.title }} 与 {% raw %} 在正文中应原样显示。</p>'
                '<img src="http://127.0.0.1:9/track/open.gif" width="1" height="1"></div>'
            ),
            "pubDate": "Sun, 08 May 2022 21:30:00 +0800",
            "guid": "qutoutiao-post-77d0c3",
            "link": f"{base}/qutoutiao/detail/2022/05/08/77d0c3.html",
        },
        {
            "title": "古城灯会“五一”接待游客32.6万人次",
            "description": "记者从市文化和旅游局获悉，今年“五一”假期，古城灯会共接待游客……阅读全文",
            "pubDate": "Tue, 10 May 2022 02:15:00 GMT",
            "guid": "qutoutiao-post-lantern",
            "link": f"{base}{gbk_path}",
        },
    ]
    # Every feed item links to a page that exists, as on a real site.
    add("/qutoutiao/detail/2022/05/08/77d0c3.html", _page(items[1]["title"].replace("&amp;", "&"),
                                                          items[1]["description"]), "text/html; charset=utf-8")
    rss_items = "".join(
        f"""
<item>
<title><![CDATA[{item['title']}]]></title>
<description><![CDATA[{item['description']}]]></description>
<pubDate>{item['pubDate']}</pubDate>
<guid isPermaLink="false">{item['guid']}</guid>
<link>{item['link']}</link>
<author><![CDATA[趣头条]]></author>
</item>"""
        for item in items
    )
    add(
        "/qutoutiao/category/fenlei",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
<channel>
<title><![CDATA[趣头条 - 分类]]></title>
<link>{base}/qutoutiao/</link>
<atom:link href="{base}/qutoutiao/category/fenlei" rel="self" type="application/rss+xml"/>
<description><![CDATA[趣头条 - 分类 - Made with love by RSSHub]]></description>
<generator>RSSHub</generator>
<language>zh-cn</language>
<lastBuildDate>Tue, 10 May 2022 03:00:00 GMT</lastBuildDate>
<ttl>5</ttl>{rss_items}
</channel>
</rss>
""",
        "application/xml; charset=utf-8",
    )

    # --- World News (Atom 1.0, English) ---------------------------------------------------
    harbor_path = "/world/2022/05/09/harbor-expansion"
    jsonld = json.dumps({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbor expansion wins final approval",
        "datePublished": "2022-05-09T14:20:00-04:00",
        "author": [{"@type": "Person", "name": "Dana Whitfield"}],
        "image": [f"{base}/img/2022/harbor-wide.jpg"],
    })
    harbor_body = (
        "<p>The city council voted 9-2 on Monday to approve the long-debated harbor expansion, "
        "ending three years of hearings and environmental reviews.</p>"
        '<figure><img src="/img/2022/harbor-wide.jpg" alt="The harbor at dawn">'
        "<figcaption>The north pier, where the new berths will be built.</figcaption></figure>"
        "<h2>What changes</h2><ul><li>Two new deep-water berths</li><li>A rail spur to the freight yard</li>"
        "<li>A public waterfront path</li></ul>"
        "<blockquote><p>“This is the biggest investment in the port in a generation,” said the mayor.</p></blockquote>"
        "<p>Opponents raised concerns about dredging and traffic; the approval comes with a monitoring "
        "plan and a cap on night-time truck movements.</p>"
    )
    add(harbor_path, _page("Harbor expansion wins final approval", harbor_body, lang="en",
                           site="World News", head_extra=(
                               f'<script type="application/ld+json">{jsonld}</script>'
                               f'<meta property="og:image" content="{base}/img/2022/harbor-wide.jpg">'
                               f'<link rel="canonical" href="{base}{harbor_path}">')),
        "text/html; charset=utf-8")
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en">
<title>World News – Top Stories</title>
<link href="{base}/world/" rel="alternate"/>
<link href="{base}/world/atom.xml" rel="self"/>
<id>tag:world.example,2022:top</id>
<updated>2022-05-09T19:00:00Z</updated>
<entry>
<title type="html">Markets: &quot;Calm&quot; before the storm? Analysts weigh #rates &amp; CJK-named funds 基金</title>
<link href="/world/2022/05/09/markets-calm" rel="alternate"/>
<id>tag:world.example,2022:markets-calm</id>
<published>2022-05-09T09:30:00+02:00</published>
<updated>2022-05-09T11:00:00+02:00</updated>
<author><name>Priya Raman</name></author>
<author><name>Tom Becker</name></author>
<category term="Markets"/><category term="Economy"/>
<media:thumbnail url="{base}/img/2022/market-chart.jpg" width="1600" height="1200"/>
<summary type="text">Stocks drifted ahead of the central bank decision.</summary>
<content type="html">&lt;p&gt;Stocks drifted in thin trading on Monday as investors waited for the central bank's
rate decision, due on Wednesday. The benchmark index ended 0.2% lower.&lt;/p&gt;
&lt;p&gt;&lt;img src="../../../../img/2022/market-chart.jpg" alt="Index chart"&gt;&lt;/p&gt;
&lt;table&gt;&lt;tr&gt;&lt;th&gt;Index&lt;/th&gt;&lt;th&gt;Close&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Composite&lt;/td&gt;&lt;td&gt;4,102.3&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;
&lt;p&gt;Bond yields were little changed. &lt;a href="/world/2022/05/08/rates-preview"&gt;Read our preview&lt;/a&gt;.&lt;/p&gt;
&lt;pre&gt;&lt;code&gt;spread = yield_10y - yield_2y&lt;/code&gt;&lt;/pre&gt;
&lt;p&gt;&lt;img src="/img/2022/logo-alpha.png" alt="Desk logo"&gt;&lt;/p&gt;</content>
</entry>
<entry>
<title>Harbor expansion wins final approval</title>
<link href="{base}{harbor_path}" rel="alternate"/>
<id>tag:world.example,2022:harbor</id>
<updated>2022-05-09T18:20:00Z</updated>
<summary>The council voted 9-2 to approve the plan. Read more</summary>
</entry>
</feed>
"""
    add("/world/atom.xml", atom, "application/atom+xml")
    add("/world/2022/05/09/markets-calm", _page(
        'Markets: "Calm" before the storm?', "<p>Stocks drifted in thin trading on Monday as investors waited "
        "for the central bank's rate decision, due on Wednesday. The benchmark index ended 0.2% lower.</p>",
        lang="en", site="World News"), "text/html; charset=utf-8")

    # --- Tech Digest (JSON Feed 1.1) -------------------------------------------------------
    json_feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Tech Digest",
        "home_page_url": f"{base}/tech/",
        "feed_url": f"{base}/tech/feed.json",
        "language": "en",
        "items": [
            {
                "id": "https://tech.example/2022/05/community-gardens-sensors",
                "url": f"{base}/tech/2022/05/community-gardens-sensors",
                "title": "Community gardens get soil sensors: a field report",
                "content_html": (
                    "<p>Volunteers at six community gardens installed low-cost soil moisture sensors "
                    "this spring, and the first season of data is in.</p>"
                    '<p><img class="lazyload" data-src="/img/2022/garden.jpg" '
                    'srcset="/img/2022/garden.jpg 1024w" alt="Raised beds"></p>'
                    "<ol><li>Watering dropped by a fifth.</li><li>Two sensors failed in the first frost.</li></ol>"
                    "<p>The code for the dashboard is open source; the readings are published every hour.</p>"
                ),
                "summary": "Cheap sensors, real savings.",
                "date_published": "2022-05-07T10:00:00-07:00",
                "authors": [{"name": "Lee Okafor"}],
                "tags": ["IoT", "Gardening"],
            },
            {
                "id": "https://tech.example/2022/05/robot-arm",
                "url": f"{base}/tech/2022/05/robot-arm",
                "title": "Open-source robot arm hits 1.0",
                "content_text": "The project shipped its first stable release after four years.\n\n"
                                "It supports six axes, a web interface and a simulator, and the bill of "
                                "materials comes to under 400 dollars.",
                "image": f"{base}/img/2022/robot-arm.jpg",
                "date_published": "2022-05-06T08:00:00Z",
                "author": {"name": "Sam Ruiz"},
                "tags": ["Robotics"],
            },
        ],
    }
    add("/tech/feed.json", json.dumps(json_feed, ensure_ascii=False, indent=2), "application/feed+json")
    garden, robot = json_feed["items"]
    add("/tech/2022/05/community-gardens-sensors", _page(garden["title"], garden["content_html"], lang="en",
                                                        site="Tech Digest"), "text/html; charset=utf-8")
    add("/tech/2022/05/robot-arm", _page(robot["title"], (
        "<p>The project shipped its first stable release after four years of nightly builds and three "
        "rewrites of its motion planner.</p>"
        '<p><img src="/img/2022/robot-arm.jpg" alt="The arm on a workbench"></p>'
        "<p>Version 1.0 supports six axes, a web interface and a simulator, and the bill of materials comes "
        "to under 400 dollars. Most parts can be printed on a hobby 3D printer; the motors and the controller "
        "board are off-the-shelf.</p>"
        "<h2>What is next</h2><p>The maintainers want a tool changer and force sensing in the wrist. "
        "Contributors meet online every other Thursday.</p>"), lang="en", site="Tech Digest"),
        "text/html; charset=utf-8")
    return site


def sample_sources_yaml(base_url: str) -> str:
    """The sources.yml for the sample site."""
    base = base_url.rstrip("/")
    return f"""# Sources of the bundled sample site (see archiver/demo/site.py).
sources:
  - name: qutoutiao
    url: {base}/qutoutiao/category/fenlei
    categories: [新媒体, 趣头条, 分类]
    author: 趣头条
    language: zh-CN
  - name: world-news
    url: {base}/world/atom.xml
    categories: [World]
  - name: tech-digest
    url: {base}/tech/feed.json
    categories: [Tech]
"""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 makes a crawl with 16 concurrent requests time out.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler that was killed or timed out hangs up mid-response: not our error.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class SampleSite:
    """The sample site on a ThreadingHTTPServer in a daemon thread.

    ``requests`` records every path asked for (tests assert on it); ``resources`` can be
    edited between runs to simulate a changed article. Conditional requests get 304.
    """

    def __init__(self, port: int = 0, delay: float = 0.0, host: str = "127.0.0.1") -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.delay = delay  # seconds per response: lets tests kill a crawl mid-way
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site._serve(self)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                return

        # host: another loopback address (127.0.0.2, ...) is another site to the crawler.
        self.server = _Server((host, port), Handler)
        self.base_url = f"http://{host}:{self.server.server_address[1]}"
        self.resources = build_site(self.base_url)
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests]

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        with self._lock:
            self.requests.append((handler.path, dict(handler.headers.items())))
        if self.delay:
            time.sleep(self.delay)
        resource = self.resources.get(path)
        if resource is None:
            body = b"<html><body><h1>404 Not Found</h1></body></html>"
            handler.send_response(404)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        etag = '"' + hashlib.sha1(resource.body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(resource.status)
        handler.send_header("Content-Type", resource.content_type)
        handler.send_header("Content-Length", str(len(resource.body)))
        handler.send_header("ETag", etag)
        for name, value in resource.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(resource.body)
