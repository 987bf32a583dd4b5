from __future__ import annotations

from archiver.extensions.run_summary import RunCounts, exit_code_for, format_summary


def test_counts_from_stats() -> None:
    stats = {
        "archiver/posts/new": 3,
        "archiver/posts/updated": 1,
        "archiver/posts/unchanged": 10,
        "archiver/posts/failed": 2,
        "archiver/images/downloaded": 4,
        "archiver/images/reused": 6,
        "archiver/images/http_404": 2,
        "archiver/images/html": 1,
        "archiver/images/placeholder": 5,  # not a failure
        "archiver/images/known_bad": 7,  # failed in an earlier run, not counted again
        "archiver/sources/failed": 1,
        "archiver/source/site/a/items": 14,  # a source name with a slash
        "archiver/source/site/a/failed": 2,
        "archiver/source/dead/failed": 1,
        "archiver/source/dead/other": 9,  # not a counter we report
        "start_time": object(),
    }
    counts = RunCounts.from_stats(stats)
    assert (counts.posts_new, counts.posts_updated, counts.posts_unchanged, counts.posts_failed) == (3, 1, 10, 2)
    assert (counts.images_fetched, counts.images_reused, counts.images_failed) == (4, 6, 3)
    assert counts.sources_failed == 1
    assert counts.sources == {"dead": {"items": 0, "failed": 1}, "site/a": {"items": 14, "failed": 2}}
    assert format_summary(counts, 12.34) == (
        "archiver run: 3 new, 1 updated, 10 unchanged, 2 failed posts; "
        "images 4 fetched, 6 reused, 3 failed; 12.3s; 1 source(s) failed (dead)"
    )
    assert exit_code_for(stats) == 4


def test_empty_run() -> None:
    counts = RunCounts.from_stats({})
    assert format_summary(counts, 0.04) == (
        "archiver run: 0 new, 0 updated, 0 unchanged, 0 failed posts; images 0 fetched, 0 reused, 0 failed; 0.0s"
    )
    assert exit_code_for({}) == 0
