"""JsonFeedExporter: feeds rebuilt at spider close only when the crawl changed the archive."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import frontmatter
import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from archiver.archive.jsonfeed import STALE_MARKER
from archiver.extensions.feed_export import JsonFeedExporter


def write_post(root: Path, rel: str, title: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    post = frontmatter.Post("Body.", title=title, date="2022-05-09T08:01:32+00:00", guid=rel)
    path.write_text(frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n", encoding="utf-8")


def feed_titles(root: Path) -> list[str]:
    doc = json.loads((root / "feeds" / "feed.json").read_text(encoding="utf-8"))
    return [item["title"] for item in doc["items"]]


def make_exporter(root: Path, **settings: Any) -> tuple[JsonFeedExporter, Any]:
    # No worker processes here: the crawl tests export through them.
    crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(root), "ARCHIVER_WORKERS": 0, **settings})
    return build_from_crawler(JsonFeedExporter, crawler), crawler


def close(crawler: Any) -> None:
    # Through the signal, so a receiver that was never connected (or was collected)
    # makes the test fail.
    asyncio.run(crawler.signals.send_catch_log_async(signals.spider_closed, spider=None, reason="finished"))


def test_disabled_by_setting(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"ARCHIVER_EXPORT_FEEDS": False})
    with pytest.raises(NotConfigured):
        build_from_crawler(JsonFeedExporter, crawler)


def test_bad_feed_setting_fails_at_start(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(tmp_path), "ARCHIVER_SITE_URL": "example.org"})
    with pytest.raises(ValueError, match="site_url"):
        build_from_crawler(JsonFeedExporter, crawler)


def test_exports_when_posts_changed_and_only_then(tmp_path: Path) -> None:
    root = tmp_path / "output"
    write_post(root, "posts/s/2022/2022-05-09-one.md", "One")

    # Feeds folder missing: exported even though this crawl counted nothing.
    _exporter, crawler = make_exporter(root)
    close(crawler)
    assert feed_titles(root) == ["One"]
    assert crawler.stats.get_value("archiver/export/items") == 1

    # Nothing new or updated: the feeds are left alone.
    write_post(root, "posts/s/2022/2022-05-09-two.md", "Two")
    _exporter, crawler = make_exporter(root)
    close(crawler)
    assert feed_titles(root) == ["One"]
    assert crawler.stats.get_value("archiver/export/items") is None

    # The writer counted an updated post: rebuilt.
    _exporter, crawler = make_exporter(root)
    crawler.stats.inc_value("archiver/posts/updated")
    close(crawler)
    assert sorted(feed_titles(root)) == ["One", "Two"]
    assert crawler.stats.get_value("archiver/export/items") == 2


def test_new_post_stat_triggers_export_with_settings(tmp_path: Path) -> None:
    root = tmp_path / "output"
    for day in range(1, 4):
        write_post(root, f"posts/s/2022/2022-05-0{day}-p{day}.md", f"P{day}")
    (root / "feeds").mkdir()

    _exporter, crawler = make_exporter(
        root, ARCHIVER_FEED_MAX_ITEMS=2, ARCHIVER_FEED_TITLE="My archive", ARCHIVER_SITE_URL="https://example.org"
    )
    crawler.stats.inc_value("archiver/posts/new", 3)
    close(crawler)

    doc = json.loads((root / "feeds" / "feed.json").read_text(encoding="utf-8"))
    assert doc["title"] == "My archive"
    assert doc["feed_url"] == "https://example.org/feeds/feed.json"
    assert len(doc["items"]) == 2
    assert crawler.stats.get_value("archiver/export/written") == 3  # feed, s, jsonl


def test_nothing_created_when_nothing_was_archived(tmp_path: Path) -> None:
    root = tmp_path / "output"
    _exporter, crawler = make_exporter(root)
    crawler.stats.inc_value("archiver/posts/new")
    close(crawler)
    assert not root.exists()


def test_feeds_are_exported_after_a_run_that_died_before_exporting(tmp_path: Path) -> None:
    """The writer leaves a marker before changing a post; a killed run leaves it behind,
    and the next run exports although it changed nothing itself."""
    archive = tmp_path / "output"
    post = archive / "posts/s/2022/2022-05-09-a.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: A\ndate: '2022-05-09T08:01:32+00:00'\nguid: a\n---\n\nBody\n", encoding="utf-8")
    (archive / "feeds").mkdir()
    crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(archive), "ARCHIVER_WORKERS": 0})
    exporter = JsonFeedExporter.from_crawler(crawler)
    assert not exporter.needs_export()
    (archive / STALE_MARKER).parent.mkdir(parents=True, exist_ok=True)
    (archive / STALE_MARKER).touch()
    assert exporter.needs_export()
    asyncio.run(exporter.spider_closed(None, "finished"))
    assert (archive / "feeds" / "feed.json").is_file()
    assert not (archive / STALE_MARKER).exists()
