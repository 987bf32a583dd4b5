"""sources.yml: loading, validation with messages that name the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.sources.sources_file import SourceError, load_sources, make_source

PROJECT = Path(__file__).resolve().parents[2]


def test_shipped_sources_file_is_valid() -> None:
    sources = load_sources(PROJECT / "sources.yml", include_disabled=True)
    names = {s.name for s in sources}
    assert {"qutoutiao", "zaker", "36kr", "cnbeta", "oschina"} <= names
    # They need the internet, so a bare `scrapy crawl feeds` must not reach out.
    assert load_sources(PROJECT / "sources.yml") == []


def test_full_source(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text("""
sources:
  - name: qutoutiao
    urls: [https://rsshub.example/qutoutiao/category/1, https://rsshub.example/qutoutiao/category/2]
    categories: [新媒体, 趣头条, 分类]
    author: 趣头条
    max_items: 20
    since: 2022-05-01
    fulltext: page
    timezone: Asia/Shanghai
  - name: "off"
    url: https://off.example/rss
    enabled: false
""", encoding="utf-8")
    (source,) = load_sources(path)
    assert source.categories == ("新媒体", "趣头条", "分类")
    assert source.urls[1].endswith("/2") and source.max_items == 20
    assert source.since == "2022-05-01T00:00:00+00:00" and source.fulltext == "page"


@pytest.mark.parametrize(("raw", "message"), [
    ({"url": "https://x.example/rss"}, "no name"),
    ({"name": "a"}, "has no url"),
    ({"name": "a", "url": "ftp://x"}, "not an http"),
    ({"name": "a", "url": "https://x", "kind": "podcast"}, "kind must be"),
    ({"name": "a", "url": "https://x", "max_items": -1}, "max_items"),
    ({"name": "a", "url": "https://x", "since": "someday"}, "not a date"),
    ({"name": "a", "url": "https://x", "fulltext": "always"}, "fulltext"),
    ({"name": "a", "url": "https://x", "timezone": "Asia/Shangai"}, "unknown timezone"),
])
def test_bad_sources_are_refused_with_a_reason(raw: dict, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        make_source(raw)


def test_duplicate_names_and_bad_yaml(tmp_path: Path) -> None:
    path = tmp_path / "s.yml"
    path.write_text("sources:\n  - {name: a, url: 'https://a'}\n  - {name: a, url: 'https://b'}\n")
    with pytest.raises(SourceError, match="unique"):
        load_sources(path)
    path.write_text("sources: [unclosed")
    with pytest.raises(SourceError, match="not valid YAML"):
        load_sources(path)
    path.write_text("sources:\n  - {name: off, url: 'https://a'}\n")
    with pytest.raises(SourceError, match="quote it"):
        load_sources(path)
    with pytest.raises(SourceError, match="no sources file"):
        load_sources(tmp_path / "missing.yml")
