from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from archiver.sources.revisit import ALWAYS, NEVER, entry_unchanged, parse_revisit, should_revisit, with_retry_after
from archiver.sources.sources_file import SourceError, make_source

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_parse() -> None:
    assert parse_revisit("never") == NEVER
    assert parse_revisit(" Always ") == ALWAYS
    assert parse_revisit("2d") == timedelta(days=2)
    assert parse_revisit("12h") == timedelta(hours=12)
    assert parse_revisit("1w") == timedelta(weeks=1)
    for bad in ("", "2", "soon", "2 days", "-1d"):
        with pytest.raises(ValueError):
            parse_revisit(bad)


def test_should_revisit() -> None:
    window = timedelta(days=2)
    assert should_revisit(window, NOW - timedelta(hours=30), NOW)
    assert not should_revisit(window, NOW - timedelta(days=3), NOW)
    assert not should_revisit(window, None, NOW)
    assert not should_revisit(NEVER, NOW, NOW)
    assert should_revisit(ALWAYS, NOW - timedelta(days=3000), NOW)


def test_per_source_revisit_is_validated() -> None:
    assert make_source({"name": "a", "url": "https://a.example/feed", "revisit": "2d"}).revisit == "2d"
    with pytest.raises(SourceError, match="revisit"):
        make_source({"name": "a", "url": "https://a.example/feed", "revisit": "often"})


def test_an_entry_remembered_with_a_retry_time_is_unchanged_until_then() -> None:
    stored = with_retry_after("abc123", 1_000_000)
    assert entry_unchanged(stored, "abc123", now=999_999)
    assert not entry_unchanged(stored, "abc123", now=1_000_000)  # time to ask for its images again
    assert not entry_unchanged(stored, "other", now=0)  # the feed says something new
    assert entry_unchanged("abc123", "abc123", now=2_000_000)  # a plain entry never expires
    assert not entry_unchanged("abc123 retry-after soon", "abc123", now=0)  # unreadable: ask again
