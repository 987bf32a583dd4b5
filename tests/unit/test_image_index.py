"""The image index (URL -> stored renditions, known-bad URLs): the same tests on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archiver.archive.state import state_path
from archiver.pipelines.images import ImageIndex


@pytest.fixture(params=["sqlite", "postgres"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "sqlite":
        opened: Any = ImageIndex(state_path(tmp_path))
    else:
        from archiver.archive.state_backends.postgres import PostgresImageIndex

        opened = PostgresImageIndex(request.getfixturevalue("postgres_url"))
    yield opened
    opened.close()


def test_record_and_lookup(index: Any) -> None:
    url = "http://127.0.0.1/img/饭碗.jpg"
    assert index.lookup_url(url, "p1") is None
    index.record(url, "abc", (1080, 721), "p1",
                 {"header": "images/qtt/2022/abc-header.jpg", "original": ".archiver/originals/abc.jpg"}, 100.0)
    stored = index.lookup_url(url, "p1")
    assert stored is not None
    assert (stored.content_hash, stored.width, stored.height, stored.fetched_at) == ("abc", 1080, 721, 100.0)
    assert stored.renditions == {"header": "images/qtt/2022/abc-header.jpg", "original": ".archiver/originals/abc.jpg"}
    # another resize profile sees only the original (stored profile-free)
    assert index.renditions("abc", "p2") == {"original": ".archiver/originals/abc.jpg"}
    assert index.source_size("abc") == (1080, 721)
    assert index.source_size("nope") == (0, 0)
    # the same bytes under a second URL, a new role: merged, not replaced
    index.record("http://127.0.0.1/img/copy.jpg", "abc", (1080, 721), "p1", {"thumb": "images/qtt/2022/abc-thumb.jpg"},
                 101.0)
    assert set(index.renditions("abc", "p1")) == {"header", "thumb", "original"}


def test_failures_are_remembered_and_cleared_by_success(index: Any) -> None:
    url = "http://127.0.0.1/img/gone.png"
    assert index.failure(url) is None
    index.record_failure(url, "http-404", 50.0)
    index.record_failure(url, "http-410", 60.0)
    assert index.failure(url) == ("http-410", 60.0)
    index.record(url, "def", (10, 10), "p1", {"inline": "images/x/def.png"}, 70.0)
    assert index.failure(url) is None
