"""One crawl over a dozen hostile sources: each problem gets a logged reason and a stat,
nothing leaks from the local disk, and every article that can be archived is."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import frontmatter

from archiver.demo.site import Resource, SampleSite
from tests.support.crawl import run_crawl

PUBDATE = "Wed, 01 May 2024 08:00:00 GMT"
PASSWD_FIRST_LINE = Path("/etc/passwd").read_text().splitlines()[0]


def _rss(items: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<rss version="2.0"><channel><title>t</title>'
            f"{items}</channel></rss>").encode()


def _item(title: str, link: str, description: str = "<p>Enough text to be an article body.</p>",
          guid: str | None = None, extra: str = "") -> str:
    guid_xml = f"<guid>{guid}</guid>" if guid else ""
    return (f"<item><title>{title}</title><link>{link}</link>{guid_xml}<pubDate>{PUBDATE}</pubDate>"
            f"<description><![CDATA[{description}]]></description>{extra}</item>")


LAUGHS = "<!DOCTYPE rss [\n" + '<!ENTITY lol0 "lol">\n' + "\n".join(
    f'<!ENTITY lol{n} "' + f"&lol{n - 1};" * 10 + '">' for n in range(1, 10)) + "\n]>\n"
XXE = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
HOSTILE_BODY = ('<p>Hostile <img src=x onerror=alert(1)> <a href="jAvAsCrIpT:alert(1)">click</a></p>'
                '<svg><script>alert(1)</script></svg><math><mi>m</mi></math>'
                '<p style="background:url(javascript:alert(1))">styled</p><base href="http://evil.example/">'
                '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><blockquote cite="javascript:alert(1)">'
                'quoted</blockquote><p>unclosed <b>bold')
DEEP_BODY = "<p>before</p>" + "<div>" * 10_000 + "<p>deep text</p>" + "</div>" * 10_000 + "<p>after</p>"


def _json_feed(items: list[object]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": 7, "items": items}).encode()


def test_hostile_sources_cost_nothing_else(tmp_path: Path) -> None:
    with SampleSite() as site:
        base = site.base_url
        add = site.resources.__setitem__
        add("/h/xxe.xml", Resource(_rss(
            _item("Leak &xxe; here", f"{base}/a/xxe-1", "<p>body &xxe; end, long enough to be a whole article.</p>")
            + _item("After the leak", f"{base}/a/xxe-2"), XXE), "application/rss+xml"))
        add("/h/laughs.xml", Resource(_rss(
            _item("Laugh &lol9;", f"{base}/a/lol-1", "&lol9;") + _item("Calm", f"{base}/a/lol-2"), LAUGHS),
            "application/rss+xml"))
        gbk_title = "端稳“饭碗”，鼓起“钱袋”！大同多举措优化就业结构"
        add("/h/gbk", Resource(
            ('<rss version="2.0"><channel><title>中文</title>' + _item(gbk_title, f"{base}/a/gbk-1",
             "<p>就业环境持续改善，新增岗位数量创新高，居民收入稳步增长。</p>") + "</channel></rss>").encode("gbk"),
            "text/html"))
        add("/h/odd.json", Resource(_json_feed([
            {"id": 1, "url": f"{base}/a/json-1", "title": 12345, "tags": "one tag", "authors": None,
             "content_text": "Plain text body of the numbered article.", "date_published": "2024-05-01T08:00:00Z"},
            {"id": 2, "url": [f"{base}/a/json-2"], "title": "No usable URL", "content_html": "<p>x</p>"},
            "not an object", None,
            {"id": 3, "url": f"{base}/a/json-3", "title": "Good one", "content_html": "<p>fine</p>",
             "date_published": "2024-05-01T09:00:00Z", "tags": [1, None, "ok"], "authors": [None, {"name": 5}]},
        ]), "application/feed+json"))
        huge_image = f"{base}/img/" + "x" * 100_000 + ".jpg"
        add("/h/links.xml", Resource(_rss(
            _item("Script link", "javascript:alert(1)")
            + _item("Data link", "data:text/html,<script>alert(1)</script>")
            + _item("Script link, URL guid", "javascript:alert(2)", guid=f"{base}/a/guid-url")
            + _item("Relative link", "/a/relative")
            + _item("Huge enclosure", f"{base}/a/huge-enclosure",
                    extra=f'<enclosure url="{huge_image}" type="image/jpeg" length="99999999999"/>')
            + _item("Same title", f"{base}/a/same-1", guid="same-1")
            + _item("Same title", f"{base}/a/same-2", guid="same-2")
            + _item("Hostile body", f"{base}/a/hostile", HOSTILE_BODY)
            + _item("Deep body", f"{base}/a/deep", DEEP_BODY)
            + _item("Control\x1b[31m \u202eRTL title", f"{base}/a/controls")),
            "application/rss+xml"))
        add("/h/guid-a.json", Resource(_json_feed([{"id": "1", "url": f"{base}/a/guid-a", "title": "From A",
                                                    "content_html": "<p>Article of source A.</p>"}]), "application/json"))
        add("/h/guid-b.json", Resource(_json_feed([{"id": "1", "url": f"{base}/b/guid-b", "title": "From B",
                                                    "content_html": "<p>Article of source B.</p>"}]), "application/json"))
        add("/h/loop-a", Resource(b"", "text/html", status=302, headers={"Location": f"{base}/h/loop-b"}))
        add("/h/loop-b", Resource(b"", "text/html", status=302, headers={"Location": f"{base}/h/loop-a"}))
        bomb = gzip.compress(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             + b" " * 60_000_000 + b"</urlset>", compresslevel=9)
        add("/h/bomb.xml.gz", Resource(bomb, "application/x-gzip"))
        add("/h/huge.xml", Resource(b"<rss>" + b" " * (51 * 1024 * 1024) + b"</rss>", "application/rss+xml"))
        many = "".join(_item(f"Item {n}", f"{base}/many/{n}") for n in range(5000))
        add("/h/many.xml", Resource(_rss(many), "application/rss+xml"))
        sources = tmp_path / "sources.yml"
        sources.write_text(f"""
sources:
  - {{name: xxe, url: "{base}/h/xxe.xml", fulltext: feed}}
  - {{name: laughs, url: "{base}/h/laughs.xml", fulltext: feed}}
  - {{name: gbk, url: "{base}/h/gbk", fulltext: feed}}
  - {{name: odd-json, url: "{base}/h/odd.json", fulltext: feed}}
  - {{name: links, url: "{base}/h/links.xml", fulltext: feed}}
  - {{name: guid-a, url: "{base}/h/guid-a.json", fulltext: feed}}
  - {{name: guid-b, url: "{base}/h/guid-b.json", fulltext: feed}}
  - {{name: loop, url: "{base}/h/loop-a"}}
  - {{name: bomb, url: "{base}/h/bomb.xml.gz", kind: sitemap}}
  - {{name: huge, url: "{base}/h/huge.xml"}}
  - {{name: many, url: "{base}/h/many.xml", fulltext: feed, max_items: 3}}
""", encoding="utf-8")
        result = run_crawl("-a", f"sources={sources}", output=tmp_path / "out")

    log, stats = result.log, result.stats
    assert "Traceback" not in log
    unexpected = [line for line in result.error_lines if "failed entirely" not in line and "source(s) failed" not in line]
    assert not unexpected, unexpected
    assert result.returncode == 4  # loop, bomb and huge failed entirely

    # Sources that cannot be read: a reason each, logged and counted.
    assert stats["archiver/sources/url_failed/too_many_redirects"] == 1
    assert stats["archiver/sources/url_failed/too_large"] == 2  # the gzip bomb and the 51 MB feed
    assert "source bomb: cannot read" in log and "source huge: cannot read" in log
    assert stats["archiver/sources/failed"] == 3
    # Entries that cannot be archived: logged and counted, the others archived.
    assert stats["archiver/entries/bad_url"] == 2 and "'javascript:alert(1)' is not an http(s) URL" in log
    assert stats["archiver/articles/bad_image_url/too_long"] == 1
    assert stats["archiver/feeds/malformed"] >= 3  # xxe, laughs, odd-json
    assert "declares XML entities" in log and "2 items are not objects" in log
    assert stats["archiver/entries/over_limit"] == 4997

    out = tmp_path / "out"
    posts = {}
    for path in sorted((out / "posts").rglob("*.md")):
        raw = path.read_text(encoding="utf-8")
        assert PASSWD_FIRST_LINE not in raw and "\x00" not in raw and "\x1b" not in raw
        posts.setdefault(path.parent.parent.name, []).append((path, frontmatter.loads(raw)))
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".json", ".jsonl"):
            assert PASSWD_FIRST_LINE not in path.read_text(encoding="utf-8", errors="replace")

    def titles(source: str) -> list[str]:
        return sorted(str(post["title"]) for _, post in posts.get(source, []))

    assert titles("xxe") == ["After the leak", "Leak &xxe; here"]
    assert titles("laughs") == ["Calm", "Laugh &lol9;"]
    assert titles("gbk") == [gbk_title]
    assert titles("odd-json") == ["12345", "Good one"]
    assert titles("links") == sorted(["Script link, URL guid", "Relative link", "Huge enclosure", "Same title",
                                      "Same title", "Hostile body", "Deep body", "Control[31m RTL title"])
    assert len(titles("many")) == 3
    assert {p.parent.parent.parent.name for p in (out / "posts").rglob("*.md")} == {"posts"}

    by_url = {str(post["source_url"]): (path, post) for items in posts.values() for path, post in items}
    assert by_url[f"{base}/a/guid-url"][1]["title"] == "Script link, URL guid"
    assert f"{base}/a/relative" in by_url
    huge = by_url[f"{base}/a/huge-enclosure"][1]
    assert "headimg" not in huge.metadata and "x" * 3000 not in str(huge.metadata)
    same = [path.name for path, post in posts["links"] if post["title"] == "Same title"]
    assert len(set(same)) == 2
    json_one = by_url[f"{base}/a/json-1"][1]
    assert json_one["tags"] == ["one tag"] and json_one.content == "Plain text body of the numbered article."

    hostile = by_url[f"{base}/a/hostile"][1]
    body = hostile.content.lower()
    for bad in ("javascript", "onerror", "<script", "<svg", "<math", "style=", "evil.example", "http-equiv"):
        assert bad not in body, bad
    assert "quoted" in body and "bold" in body
    deep = by_url[f"{base}/a/deep"][1].content
    assert "before" in deep and "deep text" in deep and "after" in deep

    # The same guid in two sources: two posts, neither overwriting the other.
    guid_a, guid_b = by_url[f"{base}/a/guid-a"], by_url[f"{base}/b/guid-b"]
    assert guid_a[1]["title"] == "From A" and guid_b[1]["title"] == "From B"
    assert guid_a[0] != guid_b[0] and guid_a[1]["guid"] == guid_b[1]["guid"] == "1"
    with sqlite3.connect(out / ".archiver" / "state.sqlite") as db:
        keys = {key for (key,) in db.execute("SELECT key FROM articles WHERE key LIKE 'guid-%'")}
    assert keys == {"guid-a|1", "guid-b|1"}  # one record per source: no post overwrites another
