"""The writer counts and logs (with the URL) a body that needed the Markdown fallback.

The fallback itself (archiver.archive.markdown_body.convert_body) runs in a worker process,
where the crawl's logging is not set up, so the writer is where it becomes visible.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from scrapy.utils.test import get_crawler

from archiver import settings as project_settings
from archiver.archive.markdown_body import FALLBACK_TEXT_ONLY, convert_body
from archiver.items import Article
from archiver.pipelines.writer import MarkdownWriterPipeline


def _writer(tmp_path: Path) -> tuple[MarkdownWriterPipeline, object]:
    defaults = {name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()}
    crawler = get_crawler(settings_dict={**defaults, "ARCHIVER_OUTPUT": str(tmp_path), "ARCHIVER_WORKERS": 0})
    writer = MarkdownWriterPipeline.from_crawler(crawler)
    writer.open_spider()
    return writer, crawler.stats


def _article(body: str, title: str) -> Article:
    return Article(source="news", url="https://news.example.com/a/1.html", guid="a-1", title=title,
                   published="2024-03-05T08:00:00+08:00", content_html=body)


def test_convert_body_reports_the_fallback_and_stays_inert() -> None:
    # Not what nh3 lets through, but a caller's own HTML may be: the check refuses it.
    markdown, fallback = convert_body('<p>看 <a href="vbscript:msgbox(1)">这里</a> and <code>x</code></p>')
    assert fallback == FALLBACK_TEXT_ONLY
    rendered = MarkdownIt("commonmark", {"html": True}).render(markdown)
    assert "vbscript" not in rendered and "<a" not in rendered
    assert "这里" in rendered
    assert convert_body("<p>Plain <b>bold</b> text</p>") == ("Plain **bold** text", None)


def test_writer_counts_a_fallback_body_and_logs_its_url(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    writer, stats = _writer(tmp_path)
    try:
        with caplog.at_level(logging.WARNING, logger="archiver.pipelines.writer"):
            item = asyncio.run(writer.process_item(_article('<p>Read <a href="vbscript:x">this</a></p>', "Hostile")))
        assert stats.get_value(f"archiver/posts/markdown_fallback/{FALLBACK_TEXT_ONLY}") == 1  # type: ignore[attr-defined]
        assert any("https://news.example.com/a/1.html" in r.getMessage() and FALLBACK_TEXT_ONLY in r.getMessage()
                   for r in caplog.records)
        post = (tmp_path / item.post_path).read_text(encoding="utf-8")
        assert "vbscript" not in post and "Read this" in post
        clean = asyncio.run(writer.process_item(
            Article(source="news", url="https://news.example.com/a/2.html", guid="a-2", title="Fine",
                    published="2024-03-05T09:00:00+08:00", content_html="<p>Nothing odd.</p>")))
        assert clean.post_path
        assert stats.get_value(f"archiver/posts/markdown_fallback/{FALLBACK_TEXT_ONLY}") == 1  # type: ignore[attr-defined]
    finally:
        writer.state.close()  # type: ignore[union-attr]
