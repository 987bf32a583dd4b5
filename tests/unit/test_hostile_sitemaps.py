"""Hostile sitemaps against the pure parser (archiver.sources.sitemaps): external entities,
entity expansion, gzip bombs, unknown entities and bare ampersands."""

from __future__ import annotations

import gzip
import time
import tracemalloc

import pytest

from archiver.sources.sitemaps import MAX_SITEMAP_BYTES, SitemapError, parse_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def _urlset(urls: str, prolog: str = "") -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<urlset {NS}>{urls}</urlset>'.encode()


def test_external_entity_is_never_read() -> None:
    body = _urlset("<url><loc>http://127.0.0.1/a</loc><news:news><news:title>T &xxe;</news:title></news:news></url>"
                   "<url><loc>http://127.0.0.1/&xxe;</loc></url><url><loc>http://127.0.0.1/ok</loc></url>",
                   '<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
    sitemap = parse_sitemap(body)
    assert "root:" not in repr(sitemap)
    assert [u.loc for u in sitemap.urls] == ["http://127.0.0.1/a", "http://127.0.0.1/&xxe;", "http://127.0.0.1/ok"]
    assert sitemap.warning and "entities" in sitemap.warning


def test_billion_laughs_is_not_expanded_and_costs_no_other_url() -> None:
    lines = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "' + f"&lol{n - 1};" * 10 + '">' for n in range(1, 10)]
    body = _urlset("<url><loc>http://127.0.0.1/&lol9;</loc></url><url><loc>http://127.0.0.1/ok</loc></url>",
                   "<!DOCTYPE urlset [\n" + "\n".join(lines) + "\n]>\n")
    tracemalloc.start()
    started = time.perf_counter()
    sitemap = parse_sitemap(body)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.perf_counter() - started < 2 and peak < 10_000_000
    # Before: libxml2 gave up on the amplification and the second URL was lost.
    assert [u.loc for u in sitemap.urls] == ["http://127.0.0.1/&lol9;", "http://127.0.0.1/ok"]


def test_gzip_bomb_is_refused_before_it_fills_memory() -> None:
    bomb = gzip.compress(_urlset("<url><loc>http://127.0.0.1/a</loc></url>" + " " * (MAX_SITEMAP_BYTES + 1_000_000)),
                         compresslevel=9)
    assert len(bomb) < 200_000
    with pytest.raises(SitemapError) as caught:
        parse_sitemap(bomb)
    assert caught.value.reason == "too_large"


def test_truncated_gzip_is_a_clear_error() -> None:
    with pytest.raises(SitemapError) as caught:
        parse_sitemap(b"\x1f\x8b\x08\x00garbage")
    assert caught.value.reason == "bad_gzip"


def test_unknown_entities_and_bare_ampersands_spoil_no_other_url() -> None:
    # libxml2's recovery used to drop the "&amp;" of every URL after an unknown entity.
    body = _urlset("<url><loc>http://127.0.0.1/a?x=1&nbsp;</loc></url>"
                   "<url><loc>http://127.0.0.1/b?x=1&amp;y=2&z=3</loc>"
                   "<news:news><news:title><![CDATA[A & B &amp; C]]></news:title></news:news></url>"
                   "<url><loc>http://127.0.0.1/c?q=&#x4e2d;&lt;</loc></url>")
    sitemap = parse_sitemap(body)
    assert [u.loc for u in sitemap.urls] == [
        "http://127.0.0.1/a?x=1&nbsp;", "http://127.0.0.1/b?x=1&y=2&z=3", "http://127.0.0.1/c?q=中<"]
    assert sitemap.urls[1].news_title == "A & B &amp; C"  # CDATA is literal text


def test_control_characters_and_undeclared_encoding() -> None:
    title = "端稳“饭碗”，鼓起“钱袋”！大同多举措优化就业结构改善就业环境"
    body = (f'<urlset {NS}><url><loc>http://127.0.0.1/a\x00\x07</loc>'
            f'<lastmod>2024-01-01</lastmod></url><url><loc>http://127.0.0.1/新闻</loc>'
            f'<news:news><news:title>{title}</news:title></news:news></url></urlset>').encode("gbk")
    sitemap = parse_sitemap(body)
    assert [u.loc for u in sitemap.urls] == ["http://127.0.0.1/a", "http://127.0.0.1/新闻"]
    assert sitemap.urls[1].news_title == title
