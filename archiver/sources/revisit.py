"""Whether an archived article whose feed entry is unchanged is requested again (pure).

A feed entry that says nothing new (same title, dates, link, text and images as when its
post was written) almost always means an unchanged article, and most news sites send no
validators for article pages, so asking again costs a full download and extraction for
nothing. The policy (``ARCHIVER_REVISIT``, per source ``revisit:``):

* ``never`` (the default): not requested at all;
* a duration (``12h``, ``2d``, ``1w``): requested again (conditionally) while the article
  is younger than that, when edits and corrections happen;
* ``always``: every run asks again, conditionally (the behaviour before this setting).

A post that still links a remote image (its download failed) is not finished, so its
entry is normally not remembered and the page is read again next run. When every such
image failed for good (404, 410, not an image: remembered by the image index for
``IMAGES_EXPIRES`` days), asking again every run only repeats the failure: the entry is
remembered with a retry time (:func:`with_retry_after`) and counts as unchanged until
then, so such an article is retried on that bounded schedule instead.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

NEVER = "never"
ALWAYS = "always"
_DURATION = re.compile(r"^\s*(\d+)\s*([hdw])\s*$", re.IGNORECASE)
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}

Policy = timedelta | str  # a window, or NEVER / ALWAYS
_RETRY_AFTER = " retry-after "


def parse_revisit(value: object) -> Policy:
    """``never``, ``always`` or ``<N>h|d|w``; raises ValueError for anything else."""
    text = str(value).strip().lower()
    if text in (NEVER, ALWAYS):
        return text
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"revisit must be never, always or a duration like 12h, 2d, 1w; got {value!r}")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def should_revisit(policy: Policy, published: datetime | None, now: datetime | None = None) -> bool:
    """Whether an unchanged, archived article of this age is requested again."""
    if policy == ALWAYS:
        return True
    if policy == NEVER or not isinstance(policy, timedelta):
        return False
    if published is None:
        return False  # of unknown age: the feed entry is all we have to go by
    now = now or datetime.now(UTC)
    return now - published < policy


def with_retry_after(fingerprint: str, retry_after: float) -> str:
    """The stored form of an entry whose post is finished except for images that may be
    asked for again at ``retry_after`` (a Unix time)."""
    return f"{fingerprint}{_RETRY_AFTER}{int(retry_after)}"


def entry_unchanged(stored: str, fingerprint: str, now: float) -> bool:
    """Whether the stored entry says the same as ``fingerprint`` and, when it carries a
    retry time, that time has not come yet."""
    said, _, retry_after = stored.partition(_RETRY_AFTER)
    if said != fingerprint:
        return False
    return not retry_after or (retry_after.isdigit() and now < int(retry_after))
