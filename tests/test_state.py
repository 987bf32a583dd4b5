from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archiver.state import (
    SCHEMA_VERSION,
    ArchiveState,
    PathTaken,
    StateError,
    content_hash,
    rebuild_from_archive,
    state_path,
)

REPO = Path(__file__).resolve().parents[1]


class Clock:
    def __init__(self) -> None:
        self.ticks = 0

    def __call__(self) -> str:
        self.ticks += 1
        return f"2026-01-01T00:00:{self.ticks:02d}+00:00"


@pytest.fixture
def state(tmp_path: Path):
    with ArchiveState(tmp_path, clock=Clock()) as opened:
        yield opened


def test_creates_versioned_wal_database(tmp_path: Path) -> None:
    ArchiveState(tmp_path).close()
    conn = sqlite3.connect(state_path(tmp_path))
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert {"articles", "resources", "runs"} <= tables
    # reopening an existing database neither fails nor migrates again
    with ArchiveState(tmp_path) as again:
        assert again.article_count() == 0


def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    ArchiveState(tmp_path).close()
    conn = sqlite3.connect(state_path(tmp_path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StateError, match="schema version"):
        ArchiveState(tmp_path)


def test_record_and_update_article_keeps_first_seen(state: ArchiveState) -> None:
    assert state.article("guid-1") is None
    state.record_article(
        "guid-1",
        source="qtt",
        post_path="posts/qtt/2026/a.md",
        content_hash="h1",
        published="2026-01-01T08:00:00+08:00",
        etag='"v1"',
    )
    first = state.article("guid-1")
    assert first is not None
    assert (first.source, first.post_path, first.content_hash) == ("qtt", "posts/qtt/2026/a.md", "h1")
    assert first.etag == '"v1"'
    assert first.published == "2026-01-01T08:00:00+08:00"

    state.record_article(
        "guid-1", source="qtt", post_path="posts/qtt/2026/a.md", content_hash="h2", updated="2026-01-02T00:00:00+00:00"
    )
    second = state.article("guid-1")
    assert second is not None
    assert second.content_hash == "h2"
    assert second.updated == "2026-01-02T00:00:00+00:00"
    assert second.first_seen == first.first_seen
    assert second.last_seen > first.last_seen
    assert state.article_count() == 1


def test_path_owner_and_conflict(state: ArchiveState) -> None:
    state.record_article("a", source="s", post_path="posts/s/2026/x.md", content_hash="h")
    assert state.path_owner("posts/s/2026/x.md") == "a"
    assert state.path_owner("posts/s/2026/y.md") is None
    with pytest.raises(PathTaken) as caught:
        state.record_article("b", source="s", post_path="posts/s/2026/x.md", content_hash="h")
    assert caught.value.owner == "a"
    assert state.article("b") is None


def test_mark_seen(state: ArchiveState) -> None:
    assert state.mark_seen("nope") is False
    state.record_article("a", source="s", post_path="p.md", content_hash="h")
    before = state.article("a")
    assert state.mark_seen("a") is True
    after = state.article("a")
    assert before is not None and after is not None
    assert after.last_seen > before.last_seen and after.content_hash == "h"


def test_validators_roundtrip_and_forget(state: ArchiveState) -> None:
    url = "http://127.0.0.1/feed.xml"
    assert state.validators(url) == (None, None)
    state.set_validators(url, '"abc"', "Wed, 01 Jan 2026 00:00:00 GMT")
    assert state.validators(url) == ('"abc"', "Wed, 01 Jan 2026 00:00:00 GMT")
    state.set_validators(url, None, "Thu, 02 Jan 2026 00:00:00 GMT")
    assert state.validators(url) == (None, "Thu, 02 Jan 2026 00:00:00 GMT")
    state.set_validators(url, None, None)
    assert state.validators(url) == (None, None)


def test_runs(state: ArchiveState) -> None:
    run_id = state.start_run("news")
    running = state.run(run_id)
    assert running is not None and running.status == "running" and running.finished is None
    state.finish_run(run_id, "finished", {"posts_new": 2, "sources": {"a": {"items": 2}}}, "archiver run: 2 new")
    done = state.run(run_id)
    assert done is not None
    assert done.status == "finished" and done.finished is not None
    assert done.counts == {"posts_new": 2, "sources": {"a": {"items": 2}}}
    assert done.summary == "archiver run: 2 new"
    second = state.start_run("news")
    assert [run.id for run in state.last_runs()] == [second, run_id]


def test_closed_state_refuses_work(tmp_path: Path) -> None:
    state = ArchiveState(tmp_path)
    state.close()
    state.close()  # idempotent
    with pytest.raises(StateError):
        state.article("x")


def test_content_hash_is_sha256_of_file_bytes() -> None:
    text = "---\ntitle: “饭碗”\n---\n正文\n"
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def _post(root: Path, relative: str, front: str, body: str = "Body\n") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def test_rebuild_from_archive(tmp_path: Path) -> None:
    first = _post(
        tmp_path,
        "posts/qtt/2026/2026-01-01-a.md",
        "title: A\nguid: g-1\nsource: qtt\nsource_url: http://127.0.0.1/a\n"
        "date: 2026-01-01T08:00:00+08:00\nupdated: '2026-01-02T00:00:00+00:00'\n",
    )
    _post(tmp_path, "posts/other/2026/2026-01-02-b.md", "title: B\nsource: other\nsource_url: http://127.0.0.1/b\n")
    _post(tmp_path, "posts/other/2026/2026-01-03-dup.md", "title: dup\nsource: other\nsource_url: http://127.0.0.1/b\n")
    _post(tmp_path, "posts/other/2026/2026-01-04-broken.md", "title: [unclosed\n")
    _post(tmp_path, "posts/other/2026/.2026-01-05-c.md.abc.tmp.md", "guid: temp\n")
    _post(tmp_path, "README.md", "title: not a post\n")

    with ArchiveState(tmp_path) as state:
        state.set_validators("http://127.0.0.1/feed", '"x"', None)
        state.record_article("stale", source="gone", post_path="posts/gone.md", content_hash="h")

    assert rebuild_from_archive(tmp_path) == 2

    with ArchiveState(tmp_path) as state:
        record = state.article("qtt|g-1")  # article_key(source, guid)
        assert record is not None
        assert record.post_path == "posts/qtt/2026/2026-01-01-a.md"
        assert record.source == "qtt"
        assert record.content_hash == hashlib.sha256(first.read_bytes()).hexdigest()
        assert record.published == "2026-01-01T08:00:00+08:00"
        assert record.updated == "2026-01-02T00:00:00+00:00"
        b = state.article("other|http://127.0.0.1/b")
        assert b is not None and b.post_path == "posts/other/2026/2026-01-02-b.md"
        assert state.article("stale") is None
        assert state.article("other|temp") is None
        assert state.article_count() == 2
        # validators are forgotten (a 304 must not hide posts)
        assert state.validators("http://127.0.0.1/feed") == (None, None)


def test_committed_writes_survive_sigkill(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        from archiver.state import ArchiveState
        state = ArchiveState({str(tmp_path)!r})
        for i in range(50):
            state.record_article(f"k{{i}}", source="s", post_path=f"p{{i}}.md", content_hash="h")
        state.set_validators("http://127.0.0.1/feed", '"e"', None)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], timeout=30, check=False)
    assert proc.returncode == -signal.SIGKILL
    with ArchiveState(tmp_path) as state:
        assert state.article_count() == 50
        assert state.validators("http://127.0.0.1/feed") == ('"e"', None)
    assert os.path.getsize(state_path(tmp_path)) > 0
