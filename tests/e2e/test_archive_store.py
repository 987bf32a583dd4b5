"""archiver.archive.store: the same behaviour from a folder and from an S3 bucket (moto's server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archiver.archive.store import (
    ArchiveStore,
    StoreSpec,
    StoreUnusable,
    open_checked_store,
    open_store,
    relative_prefix,
    store_spec,
    work_dir,
)
from archiver.errors import ConfigError
from tests.support.s3 import S3Server

POST = "posts/qutoutiao/2022/2022-05-09-端稳-饭碗.md"
TEXT = "---\ntitle: 端稳“饭碗”\n---\n\n正文 and English.\n"


class Settings(dict[str, object]):
    """Just what the module reads of Scrapy's settings."""

    def getbool(self, name: str) -> bool:
        return str(self.get(name)).lower() in ("1", "true")


@pytest.fixture(params=["folder", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ArchiveStore]:
    if request.param == "folder":
        yield open_store(tmp_path / "archive")
    else:
        server: S3Server = request.getfixturevalue("s3_server")
        spec = store_spec(f"s3://{server.new_bucket()}/prefix/", Settings(server.settings()))
        yield open_checked_store(spec, "ARCHIVER_OUTPUT")


def test_write_read_stat_and_skip_same(store: ArchiveStore) -> None:
    assert store.read_bytes(POST) is None and store.stat(POST) is None and not store.exists(POST)
    assert store.write(POST, TEXT) is True
    assert store.read_bytes(POST) == TEXT.encode("utf-8")
    stat = store.stat(POST)
    assert stat is not None and stat.size == len(TEXT.encode("utf-8")) and stat.mtime_ns > 0
    assert store.read_stamped(POST) == (TEXT.encode("utf-8"), stat)
    assert [entry for entry in store.list("posts/")] == [(POST, stat)]  # listed with the same stamp
    assert store.read_stamped("posts/gone.md") is None
    assert store.write(POST, TEXT) is False  # the same bytes: nothing written
    assert store.write(POST, TEXT + "more\n") is True
    assert store.read_bytes(POST) == (TEXT + "more\n").encode("utf-8")


def test_streamed_write_and_listing(store: ArchiveStore) -> None:
    lines = [f'{{"id": {n}, "title": "新闻 {n}"}}\n' for n in range(2000)]
    assert store.write_stream("feeds/feed.jsonl", iter(lines)) is True
    assert store.read_bytes("feeds/feed.jsonl") == "".join(lines).encode("utf-8")
    assert store.write_stream("feeds/feed.jsonl", iter(lines)) is False
    store.write("posts/a-b/2024/x.md", "x")
    store.write("posts/a/2024/y.md", "y")
    store.write("posts/.hidden/2024/z.md", "z")
    store.write("posts/a/2024/.draft.md", "z")
    store.write(".archiver/originals/ab/abc.jpg", b"\xff\xd8")
    # Sorted by path parts (as pathlib sorts), hidden files and folders left out.
    assert [path for path, _ in store.list("posts/")] == ["posts/a/2024/y.md", "posts/a-b/2024/x.md"]
    assert ".archiver/originals/ab/abc.jpg" not in [path for path, _ in store.list()]
    assert store.exists(".archiver/originals/ab/abc.jpg")


def test_copy_and_delete(store: ArchiveStore) -> None:
    store.write("images/a/2024/abc-header.jpg", b"\xff\xd8\xff\xe0jpeg")
    assert store.copy("images/a/2024/abc-header.jpg", "images/b/2023/abc-header.jpg") is True
    assert store.read_bytes("images/b/2023/abc-header.jpg") == b"\xff\xd8\xff\xe0jpeg"
    assert store.copy("images/a/2024/gone.jpg", "images/b/2023/gone.jpg") is False
    store.delete("images/a/2024/abc-header.jpg")
    assert not store.exists("images/a/2024/abc-header.jpg")
    store.delete("images/a/2024/abc-header.jpg")  # already gone: no error


def test_unknown_scheme_and_missing_bucket(s3_server: S3Server) -> None:
    with pytest.raises(StoreUnusable, match="setting IMAGES_STORE=gs://b/x: unknown store"):
        open_checked_store("gs://b/x", "IMAGES_STORE")
    with pytest.raises(StoreUnusable, match="no bucket named"):
        open_store("s3:///x")
    spec = store_spec("s3://not-there/x", Settings(s3_server.settings()))
    with pytest.raises(StoreUnusable, match="ARCHIVER_OUTPUT=s3://not-there/x: no such bucket"):
        open_checked_store(spec, "ARCHIVER_OUTPUT")
    down = store_spec("s3://b/x", Settings({**s3_server.settings(), "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}))
    with pytest.raises(StoreUnusable, match="s3://b/x: Could not connect"):
        open_checked_store(down, "ARCHIVER_OUTPUT")


def test_a_failed_s3_write_is_an_oserror(s3_server: S3Server) -> None:
    store = open_store(store_spec(f"s3://{s3_server.new_bucket()}/p", Settings(s3_server.settings())))
    s3_server.client().delete_bucket(Bucket=store.spec.uri.split("/")[2])
    with pytest.raises(OSError, match="put_object"):
        store.write(POST, TEXT)


def test_work_dir_and_prefixes(tmp_path: Path) -> None:
    assert work_dir(Settings({"ARCHIVER_OUTPUT": str(tmp_path)})) == tmp_path
    assert work_dir(Settings({"ARCHIVER_OUTPUT": "s3://b/x", "ARCHIVER_WORK_DIR": str(tmp_path)})) == tmp_path
    with pytest.raises(ConfigError, match="set ARCHIVER_WORK_DIR"):
        work_dir(Settings({"ARCHIVER_OUTPUT": "s3://b/x"}))
    assert relative_prefix(StoreSpec("s3://b/x/imgs"), StoreSpec("s3://b/x")) == "imgs/"
    assert relative_prefix(StoreSpec("s3://b/x"), StoreSpec("s3://b/x/")) == ""
    assert relative_prefix(StoreSpec("s3://c/x"), StoreSpec("s3://b/x")) == ""
    assert relative_prefix(StoreSpec(str(tmp_path / "a" / "b")), StoreSpec(f"file://{tmp_path}")) == "a/b/"
