"""feed.jsonl by splicing: an export reads from the item store only the items of new and
changed posts, copies the other lines from the last file, and still writes the bytes a
full export writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archiver.archive import feed_lines
from archiver.archive.feed_items import FeedItemStore
from archiver.archive.jsonfeed import FEEDS_DIR, JSONL_NAME, FeedOptions, export_feeds
from tests.unit.test_feed_items import OPTIONS, _age, _full_export
from tests.unit.test_jsonfeed import EN_PATH, ZH_PATH, make_archive, write_post

NEWEST = "posts/example-news/2024/2024-01-01-newest.md"


def _archive(root: Path) -> None:
    make_archive(root)
    for number in range(6):
        write_post(root, f"posts/qutoutiao/2021/2021-04-{number + 1:02d}-新闻-{number}.md",
                   {"title": f"第{number}条新闻", "date": f"2021-04-{number + 1:02d}T08:00:00+08:00",
                    "source_url": f"https://zh.example/{number}", "source": "qutoutiao", "lang": "zh-CN"},
                   f"第{number}条新闻的正文，记者从市里获悉。")
    _age(root)


def _jsonl(root: Path) -> bytes:
    return (root / FEEDS_DIR / JSONL_NAME).read_bytes()


@pytest.fixture
def items_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The posts whose stored item an export read to write its line."""
    read: list[str] = []
    real_item = FeedItemStore.item

    def counting_item(self: FeedItemStore, path: str) -> str:
        read.append(path)
        return real_item(self, path)

    monkeypatch.setattr(FeedItemStore, "item", counting_item)
    return read


@pytest.mark.parametrize("kernel_copy", [True, False], ids=["copy_file_range", "read_and_write"])
def test_only_new_and_changed_lines_are_written_and_the_bytes_are_a_full_exports(
        tmp_path: Path, items_read: list[str], monkeypatch: pytest.MonkeyPatch, kernel_copy: bool) -> None:
    monkeypatch.setattr(feed_lines, "_KERNEL_COPY", kernel_copy)
    root = tmp_path / "archive"
    _archive(root)
    first = export_feeds(root, OPTIONS)
    posts = first.items
    assert len(items_read) == posts  # the first file is written whole
    items_read.clear()

    # One post added (the newest: its line goes first), one edited, one removed.
    write_post(root, NEWEST, {"title": "Newest", "date": "2024-01-01T00:00:00+00:00",
                              "source_url": "https://news.example/new", "source": "example-news"}, "New body.")
    en = root / EN_PATH
    en.write_text(en.read_text(encoding="utf-8") + "\nA correction, added later.\n", encoding="utf-8")
    (root / ZH_PATH).unlink()
    for path in (root / NEWEST, en):  # out of the racy window, as between two runs
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))
    result = export_feeds(root, OPTIONS)

    assert sorted(set(items_read)) == sorted([NEWEST, EN_PATH])
    assert f"{FEEDS_DIR}/{JSONL_NAME}" in result.written
    assert _jsonl(root) == _full_export(root, tmp_path)[JSONL_NAME]
    lines = _jsonl(root).decode("utf-8").splitlines()
    assert '"title":"Newest"' in lines[0] and len(lines) == posts
    assert any("第5条新闻" in line for line in lines)  # copied lines keep their UTF-8 intact


def test_a_feed_jsonl_changed_by_hand_is_written_whole_again(tmp_path: Path, items_read: list[str]) -> None:
    root = tmp_path / "archive"
    _archive(root)
    export_feeds(root, OPTIONS)
    jsonl = root / FEEDS_DIR / JSONL_NAME
    expected = jsonl.read_bytes()
    jsonl.write_bytes(expected[: len(expected) // 2])  # truncated: its recorded lines are no longer there
    items_read.clear()

    result = export_feeds(root, OPTIONS)

    assert f"{FEEDS_DIR}/{JSONL_NAME}" in result.written
    assert jsonl.read_bytes() == expected
    assert len(items_read) == result.items  # nothing was copied from the broken file


def test_an_unchanged_archive_leaves_feed_jsonl_alone(tmp_path: Path, items_read: list[str]) -> None:
    root = tmp_path / "archive"
    _archive(root)
    export_feeds(root, OPTIONS)
    jsonl = root / FEEDS_DIR / JSONL_NAME
    stamp = jsonl.stat().st_mtime_ns
    items_read.clear()

    result = export_feeds(root, OPTIONS)

    assert f"{FEEDS_DIR}/{JSONL_NAME}" in result.unchanged and items_read == []
    assert jsonl.stat().st_mtime_ns == stamp
    assert not [name for name in os.listdir(jsonl.parent) if name.endswith(".tmp")]  # no temp file left


def test_a_post_rewritten_with_the_same_item_keeps_its_line(tmp_path: Path, items_read: list[str]) -> None:
    """A post touched (new stamp) but rendering to the same item: its line is read back
    and compared, and the file is not written again."""
    root = tmp_path / "archive"
    _archive(root)
    export_feeds(root, FeedOptions(site_url=OPTIONS.site_url, max_items=OPTIONS.max_items))
    en = root / EN_PATH
    os.utime(en, ns=(en.stat().st_atime_ns, en.stat().st_mtime_ns + 10**9))
    before = _jsonl(root)
    items_read.clear()

    result = export_feeds(root, OPTIONS)

    assert items_read == [EN_PATH]
    assert f"{FEEDS_DIR}/{JSONL_NAME}" in result.unchanged and _jsonl(root) == before
