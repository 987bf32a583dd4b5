"""The normalize and Markdown writer pipelines in-process: each built from a crawler with
the project's settings and fed an item, as Scrapy would (workers off, so no processes)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import frontmatter
from scrapy.utils.test import get_crawler

from archiver import config
from archiver import stats as stats_keys
from archiver.items import Article
from archiver.pipelines.normalize import NormalizeArticlePipeline
from archiver.pipelines.writer import MarkdownWriterPipeline

HOSTILE_ZH_BODY = """<div onclick="steal()"><p>就业与老百姓的“饭碗”息息相关。<script>alert(1)</script></p>
<p><img class="lazy" src="/static/grey.gif" data-original="/img/2022/05/09/jobs.jpeg" alt="招聘会"></p>
<p><a href="javascript:alert(2)">点击</a> <a href="/news/2022/0508/99.html?utm_source=rss">上一篇</a></p></div>"""


def _crawler(tmp_path: Path, **settings: Any) -> Any:
    return get_crawler(settings_dict={**config.defaults(), "ARCHIVER_OUTPUT": str(tmp_path), "ARCHIVER_WORKERS": 0,
                                      **settings})


def _normalized(tmp_path: Path, item: Article, **settings: Any) -> tuple[Article, Any]:
    crawler = _crawler(tmp_path, **settings)
    pipeline = NormalizeArticlePipeline.from_crawler(crawler)
    return asyncio.run(pipeline.process_item(item)), crawler.stats


def test_normalize_sanitizes_makes_urls_absolute_and_dates_iso(tmp_path: Path) -> None:
    item = Article(source="qutoutiao", url="http://127.0.0.1:8765/news/2022/0509/100.html",
                   title="  “饭碗”端得稳：\n 大同多举措促就业 ", published="Mon, 09 May 2022 16:01:32 +0800",
                   content_html=HOSTILE_ZH_BODY)
    normalized, stats = _normalized(tmp_path, item)
    body = normalized.content_html or ""
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body
    assert 'src="http://127.0.0.1:8765/img/2022/05/09/jobs.jpeg"' in body  # the lazy image, absolute
    assert "http://127.0.0.1:8765/news/2022/0508/99.html" in body
    assert normalized.title == "“饭碗”端得稳： 大同多举措促就业"  # whitespace collapsed, quotes kept
    assert normalized.published == "2022-05-09T16:01:32+08:00"
    assert normalized.summary and normalized.summary.startswith("就业与老百姓的“饭碗”息息相关。")
    assert "<" not in normalized.summary
    assert stats.get_value(stats_keys.articles("normalized")) == 1


def test_normalize_keeps_an_undated_english_article_and_counts_it(tmp_path: Path) -> None:
    item = Article(source="tech-digest", url="https://tech.example/2022/05/robot-arm", title="Robot arm hits 1.0",
                   content_html="<p>" + "The open-source robot arm project shipped its first stable release. " * 8
                   + "</p>")
    normalized, stats = _normalized(tmp_path, item, ARCHIVER_SUMMARY_CHARS=60)
    assert normalized.undated and normalized.published  # the time it was first seen
    assert normalized.summary and len(normalized.summary) <= 61
    assert stats.get_value(stats_keys.articles("undated")) == 1


def _writer(tmp_path: Path) -> tuple[MarkdownWriterPipeline, Any]:
    crawler = _crawler(tmp_path)
    writer = MarkdownWriterPipeline.from_crawler(crawler)
    writer.open_spider()
    return writer, crawler.stats


def _english_article(body: str) -> Article:
    return Article(source="world-news", url="https://world.example/2022/05/markets", guid="tag:world.example,2022:m",
                   title='Markets: "Calm" before the storm? Analysts weigh #rates', published="2022-05-09T09:30:00+02:00",
                   categories=["World", "Markets"], summary="Analysts weigh rates.", content_html=body)


def test_writer_writes_once_keeps_the_path_and_counts_new_unchanged_updated(tmp_path: Path) -> None:
    writer, stats = _writer(tmp_path)
    first = asyncio.run(writer.process_item(_english_article("<p>Rates may <b>rise</b>.</p>")))
    path = tmp_path / (first.post_path or "")
    assert first.status == "new"
    assert first.post_path == "posts/world-news/2022/2022-05-09-markets-calm-before-the-storm-analysts-weigh-rates.md"
    post = frontmatter.load(path)
    assert post["title"] == 'Markets: "Calm" before the storm? Analysts weigh #rates'  # exactly, quotes kept
    assert str(post["date"]).startswith("2022-05-09") and post["source_url"] == "https://world.example/2022/05/markets"
    assert "Rates may **rise**." in post.content
    written = path.stat().st_mtime_ns

    again = asyncio.run(writer.process_item(_english_article("<p>Rates may <b>rise</b>.</p>")))
    assert again.status == "unchanged" and path.stat().st_mtime_ns == written  # not written again

    changed = asyncio.run(writer.process_item(_english_article("<p>Rates rose.</p>")))
    assert changed.status == "updated" and changed.post_path == first.post_path  # same file
    assert "Rates rose." in path.read_text(encoding="utf-8")
    assert stats.get_value(stats_keys.POSTS_NEW) == 1
    assert stats.get_value(stats_keys.POSTS_UNCHANGED) == 1
    assert stats.get_value(stats_keys.POSTS_UPDATED) == 1
    assert [p.name for p in tmp_path.rglob("*.md")] == [Path(first.post_path or "").name]  # no temp files left


def test_writer_gives_two_chinese_articles_with_one_title_two_files(tmp_path: Path) -> None:
    writer, _ = _writer(tmp_path)
    paths = []
    for guid in ("qtt-1", "qtt-2"):
        article = Article(source="qutoutiao", url=f"http://127.0.0.1:8765/news/{guid}.html", guid=guid,
                          title="古城灯会“五一”接待游客32.6万人次", published="2022-05-10T10:15:00+08:00",
                          content_html="<p>灯会期间，古城接待游客32.6万人次。</p>")
        paths.append(asyncio.run(writer.process_item(article)).post_path)
    assert len(set(paths)) == 2 and all(p and p.startswith("posts/qutoutiao/2022/2022-05-10-古城灯会") for p in paths)
    assert all("灯会期间" in (tmp_path / (p or "")).read_text(encoding="utf-8") for p in paths)
