"""Stats keys that more than one component reads or writes (pure): one spelling each.

``archiver/source/<name>/failed`` is not only reported: the conditional-requests
middleware reads it to decide whether a source's feed validators may be stored (a
source with a failed article must be fetched in full next run, or the article is lost).
A typo in one writer would silently lose articles, so every component builds these keys
here.
"""

from __future__ import annotations

SOURCE_PREFIX = "archiver/source/"


def source_items(source: str) -> str:
    """Entries of ``source`` archived, updated or found unchanged in this run."""
    return f"{SOURCE_PREFIX}{source}/items"


def source_failed(source: str) -> str:
    """Entries of ``source`` that could not be archived in this run (tried again next run)."""
    return f"{SOURCE_PREFIX}{source}/failed"
