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

from archiver.archive.state import (
    SCHEMA_VERSION,
    ArchiveState,
    PathTaken,
    StateError,
    post_hash,
    rebuild_from_archive,
    state_path,
)
from archiver.archive.state_backends import StateBackend, open_state

REPO = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.ticks = 0

    def __call__(self) -> str:
        self.ticks += 1
        return f"2026-01-01T00:00:{self.ticks:02d}+00:00"


@pytest.fixture(params=["sqlite", "postgres"])
def state_url(request: pytest.FixtureRequest) -> str:
    """Every contract test runs against both backends: "" is SQLite, else a fresh PostgreSQL database."""
    return "" if request.param == "sqlite" else request.getfixturevalue("postgres_url")


@pytest.fixture
def state(tmp_path: Path, state_url: str):
    with open_state(tmp_path, state_url) as opened:
        opened._clock = Clock()  # deterministic, increasing timestamps on either backend
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


def test_record_and_update_article_keeps_first_seen(state: StateBackend) -> None:
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


def test_path_owner_and_conflict(state: StateBackend) -> None:
    state.record_article("a", source="s", post_path="posts/s/2026/x.md", content_hash="h")
    assert state.path_owner("posts/s/2026/x.md") == "a"
    assert state.path_owner("posts/s/2026/y.md") is None
    with pytest.raises(PathTaken) as caught:
        state.record_article("b", source="s", post_path="posts/s/2026/x.md", content_hash="h")
    assert caught.value.owner == "a"
    assert state.article("b") is None


def test_mark_seen(state: StateBackend) -> None:
    assert state.mark_seen("nope") is False
    state.record_article("a", source="s", post_path="p.md", content_hash="h")
    before = state.article("a")
    assert state.mark_seen("a") is True
    after = state.article("a")
    assert before is not None and after is not None
    assert after.last_seen > before.last_seen and after.content_hash == "h"


def test_mark_seen_many_touches_only_the_given_articles(state: StateBackend) -> None:
    for key in ("a", "b", "c"):
        state.record_article(key, source="s", post_path=f"{key}.md", content_hash="h")
    before = {key: state.article(key) for key in ("a", "b", "c")}
    state.mark_seen_many(["a", "c", "unknown"])
    after = {key: state.article(key) for key in ("a", "b", "c")}
    assert after["a"].last_seen > before["a"].last_seen  # type: ignore[union-attr]
    assert after["c"].last_seen > before["c"].last_seen  # type: ignore[union-attr]
    assert after["b"] == before["b"]


def test_entry_fingerprints_roundtrip_and_replace(state: StateBackend) -> None:
    """The revisit policy's one lookup per feed entry (archiver.sources.revisit), on either backend."""
    assert state.entry_fingerprint("src|guid-1") is None
    state.set_entry_fingerprint("src|guid-1", "f1")
    state.set_entry_fingerprint("src|guid-2", "g1")
    state.set_entry_fingerprint("src|guid-1", "f2")
    assert state.entry_fingerprint("src|guid-1") == "f2"
    assert state.entry_fingerprint("src|guid-2") == "g1"


def test_validators_roundtrip_and_forget(state: StateBackend) -> None:
    url = "http://127.0.0.1/feed.xml"
    assert state.validators(url) == (None, None)
    state.set_validators(url, '"abc"', "Wed, 01 Jan 2026 00:00:00 GMT")
    assert state.validators(url) == ('"abc"', "Wed, 01 Jan 2026 00:00:00 GMT")
    state.set_validators(url, None, "Thu, 02 Jan 2026 00:00:00 GMT")
    assert state.validators(url) == (None, "Thu, 02 Jan 2026 00:00:00 GMT")
    state.set_validators(url, None, None)
    assert state.validators(url) == (None, None)


def test_runs(state: StateBackend) -> None:
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


def test_closed_state_refuses_work(tmp_path: Path, state_url: str) -> None:
    state = open_state(tmp_path, state_url)
    state.close()
    state.close()  # idempotent
    with pytest.raises(StateError):
        state.article("x")


def test_content_hash_is_sha256_of_file_bytes() -> None:
    text = "---\ntitle: “饭碗”\n---\n正文\n"
    assert post_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def _post(root: Path, relative: str, front: str, body: str = "Body\n") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def test_rebuild_from_archive(tmp_path: Path, state_url: str) -> None:
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

    with open_state(tmp_path, state_url) as state:
        state.set_validators("http://127.0.0.1/feed", '"x"', None)
        state.record_article("stale", source="gone", post_path="posts/gone.md", content_hash="h")

    if state_url:
        with open_state(tmp_path, state_url) as state:
            assert state.rebuild_from_archive() == 2
    else:
        assert rebuild_from_archive(tmp_path) == 2

    with open_state(tmp_path, state_url) as state:
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


def test_committed_writes_survive_sigkill(tmp_path: Path, state_url: str) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        from archiver.archive.state_backends import open_state
        state = open_state({str(tmp_path)!r}, {state_url!r})
        for i in range(50):
            state.record_article(f"k{{i}}", source="s", post_path=f"p{{i}}.md", content_hash="h")
        state.set_validators("http://127.0.0.1/feed", '"e"', None)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], timeout=30, check=False)
    assert proc.returncode == -signal.SIGKILL
    with open_state(tmp_path, state_url) as state:
        assert state.article_count() == 50
        assert state.validators("http://127.0.0.1/feed") == ('"e"', None)
    if not state_url:
        assert os.path.getsize(state_path(tmp_path)) > 0


# -- PostgreSQL only -------------------------------------------------------------------


def test_postgres_schema_is_versioned_and_refuses_a_newer_one(tmp_path: Path, postgres_url: str) -> None:
    import psycopg

    from archiver.archive.state_backends import postgres

    open_state(tmp_path, postgres_url).close()
    open_state(tmp_path, postgres_url).close()  # reopening neither fails nor migrates again
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM archiver_schema").fetchall() == [(postgres.SCHEMA_VERSION,)]
        conn.execute("UPDATE archiver_schema SET version = version + 1")
    with pytest.raises(StateError, match="schema version"):
        open_state(tmp_path, postgres_url)


def test_postgres_path_ownership_holds_across_processes(tmp_path: Path, postgres_url: str) -> None:
    """Two workers race for the same post paths: each path ends with exactly one owner."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from archiver.archive.state import PathTaken
        from archiver.archive.state_backends import open_state
        worker = sys.argv[1]
        won = 0
        with open_state({str(tmp_path)!r}, {postgres_url!r}) as state:
            for i in range(200):
                try:
                    state.record_article(f"{{worker}}-{{i}}", source="s", post_path=f"p{{i}}.md", content_hash="h")
                    won += 1
                except PathTaken:
                    pass
        print(won)
        """
    )
    open_state(tmp_path, postgres_url).close()  # migrate once before the race
    procs = [subprocess.Popen([sys.executable, "-c", script, name], stdout=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    wins = [int(proc.communicate(timeout=60)[0]) for proc in procs]
    assert sum(wins) == 200
    with open_state(tmp_path, postgres_url) as state:
        assert state.article_count() == 200
        owners = {state.path_owner(f"p{i}.md") for i in range(200)}
    assert None not in owners


def test_unknown_state_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="postgresql://"):
        open_state(tmp_path, "mysql://root@127.0.0.1/archive")


def test_unreachable_postgres_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StateError, match="cannot connect"):
        open_state(tmp_path, f"postgresql://archiver@127.0.0.1:{port}/none?connect_timeout=2")
