"""Incremental feed export: only changed posts are rendered, and the feeds come out byte
for byte as a full export of the same archive gives them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from archiver.archive import jsonfeed
from archiver.archive.feed_items import CACHE_PATH
from archiver.archive.jsonfeed import FEEDS_DIR, FeedOptions, export_feeds
from tests.unit.test_jsonfeed import BROKEN_YAML_PATH, EN_PATH, ZH_PATH, make_archive, write_post

OPTIONS = FeedOptions(site_url="https://example.org/blog/", max_items=3)


def _feeds(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / FEEDS_DIR).iterdir()) if not p.name.startswith(".")}


def _full_export(root: Path, tmp: Path) -> dict[str, bytes]:
    """The same archive exported from scratch: no stored items, no old feeds."""
    fresh = tmp / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(root / "posts", fresh / "posts")
    export_feeds(fresh, OPTIONS)
    return _feeds(fresh)


def _age(root: Path) -> None:
    """Move every post's mtime out of the racy window, as between two real runs."""
    for path in (root / "posts").rglob("*.md"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**10))


def test_incremental_export_renders_only_changed_posts_and_matches_a_full_export(
        tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "archive"
    make_archive(root)
    for number in range(8):  # more posts than max_items, in two languages
        write_post(root, f"posts/example-news/2021/2021-03-{number + 1:02d}-story-{number}.md",
                   {"title": f"Story {number}", "date": f"2021-03-{number + 1:02d}T08:00:00+00:00",
                    "source_url": f"https://news.example/{number}", "source": "example-news", "lang": "en"},
                   f"Paragraph of story {number}.")
        write_post(root, f"posts/qutoutiao/2021/2021-04-{number + 1:02d}-新闻-{number}.md",
                   {"title": f"新闻 {number}", "date": f"2021-04-{number + 1:02d}T08:00:00+08:00",
                    "source_url": f"https://zh.example/{number}", "source": "qutoutiao", "lang": "zh-CN"},
                   f"第{number}条新闻的正文。")
    _age(root)
    first = export_feeds(root, OPTIONS)
    assert (root / CACHE_PATH).is_file()
    assert _feeds(root) == _full_export(root, tmp_path)

    rendered: list[str] = []
    real_load_entry = jsonfeed.load_entry

    def counting_load_entry(rel, data, options):  # type: ignore[no-untyped-def]
        rendered.append(rel)
        return real_load_entry(rel, data, options)

    monkeypatch.setattr(jsonfeed, "load_entry", counting_load_entry)
    # Nothing changed: nothing rendered (a broken post is read again each time, so a
    # fixed one shows up at once), nothing written.
    again = export_feeds(root, OPTIONS)
    assert rendered == [BROKEN_YAML_PATH] and again.written == () and again.items == first.items
    rendered.clear()

    # One post edited, one added (the newest), one removed.
    en = root / EN_PATH
    en.write_text(en.read_text(encoding="utf-8") + "\nA correction, added later.\n", encoding="utf-8")
    write_post(root, "posts/example-news/2024/2024-01-01-newest.md",
               {"title": "Newest", "date": "2024-01-01T00:00:00+00:00", "source_url": "https://news.example/new",
                "source": "example-news"}, "New body.")
    (root / ZH_PATH).unlink()
    changed = export_feeds(root, OPTIONS)
    assert sorted(rendered) == sorted([EN_PATH, "posts/example-news/2024/2024-01-01-newest.md", BROKEN_YAML_PATH])
    assert changed.items == first.items
    assert _feeds(root) == _full_export(root, tmp_path)
    assert b"\"title\": \"Newest\"" in _feeds(root)["feed.json"]
    assert "A correction, added later." in _feeds(root)["feed.jsonl"].decode()

    # Other options render every post again (the links in items depend on them).
    rendered.clear()
    export_feeds(root, FeedOptions(max_items=3))
    assert len(rendered) == changed.items + 1  # and the broken one
    # So does another Markdown renderer (or version of it): a feed never mixes the HTML of two.
    rendered.clear()
    monkeypatch.setattr(jsonfeed, "MARKDOWN_RENDERER", "pyromark/0.0")
    export_feeds(root, FeedOptions(max_items=3))
    assert len(rendered) == changed.items + 1


def test_a_feed_whose_items_did_not_change_is_not_built_again(tmp_path: Path, monkeypatch) -> None:
    """Adding a post to one source rewrites the archive's feed and that source's, not the
    others' (at 10,000 posts building the eleven documents was most of an export); a
    source feed edited or deleted by hand is written again; and the bytes are always
    those of a full export."""
    root = tmp_path / "archive"
    make_archive(root)
    _age(root)
    export_feeds(root, OPTIONS)
    built: list[str] = []
    real_document = jsonfeed._document

    def counting_document(rows, options, *, file_name, scope, source_dir=None):  # type: ignore[no-untyped-def]
        built.append(file_name)
        return real_document(rows, options, file_name=file_name, scope=scope, source_dir=source_dir)

    monkeypatch.setattr(jsonfeed, "_document", counting_document)
    write_post(root, "posts/example-news/2024/2024-01-01-newest.md",
               {"title": "Newest", "date": "2024-01-01T00:00:00+00:00", "source_url": "https://news.example/new",
                "source": "example-news"}, "New body.")
    newest = root / "posts/example-news/2024/2024-01-01-newest.md"
    # (its feeds are built on every export while the post is within the racy window)
    os.utime(newest, ns=(newest.stat().st_atime_ns, newest.stat().st_mtime_ns - 10**10))
    result = export_feeds(root, OPTIONS)
    assert sorted(built) == ["example-news.json", "feed.json"]
    assert f"{FEEDS_DIR}/qutoutiao.json" in result.unchanged
    assert _feeds(root) == _full_export(root, tmp_path)

    built.clear()
    zh_feed = root / FEEDS_DIR / "qutoutiao.json"
    zh_feed.write_text("{}", encoding="utf-8")  # edited by hand
    export_feeds(root, OPTIONS)
    assert built == ["qutoutiao.json"] and _feeds(root) == _full_export(root, tmp_path)
    built.clear()
    zh_feed.unlink()
    export_feeds(root, OPTIONS)
    assert built == ["qutoutiao.json"] and _feeds(root) == _full_export(root, tmp_path)
    # Another title changes every document, though no item changed.
    built.clear()
    export_feeds(root, FeedOptions(site_url=OPTIONS.site_url, max_items=3, title="Another"))
    assert len(built) == len(list((root / FEEDS_DIR).glob("*.json")))
