"""Dates as ISO 8601 with an offset, whatever form the source used (pure)."""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Chinese and other "numbers with separators" forms news sites print:
# 2022年05月09日 16:01, 2022-5-9 16:01:32, 2022/05/09 16:01, 2022.05.09
_LOOSE_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d{1,2})(?:\s*[:分]\s*(?P<S>\d{1,2}))?)?"
)


def resolve_timezone(name: str | None) -> tzinfo:
    """The zone naive source times are in (UTC unless a source says otherwise)."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def to_datetime(value: object, default_tz: tzinfo | None = UTC) -> datetime | None:
    """Parse RFC 822, ISO 8601, Unix timestamps, time.struct_time (feedparser's
    ``*_parsed``, which is UTC) and loose CJK date strings. Naive results get
    ``default_tz`` (None keeps them naive). Returns None for anything that is not a date,
    never raises: a feed's garbage date must not cost the entry, let alone the feed."""
    try:
        parsed = _to_datetime(value)
    except (ValueError, OverflowError, OSError):  # out of range years, huge timestamps
        return None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=default_tz)
    return parsed


def _to_datetime(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, time.struct_time):
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    elif isinstance(value, (int, float)):
        # Milliseconds are common in JSON APIs; no news item is dated after 2286.
        seconds = value / 1000 if value > 10_000_000_000 else value
        return datetime.fromtimestamp(seconds, tz=UTC)
    elif isinstance(value, str):
        parsed_or_none = _parse_string(value.strip())
        if parsed_or_none is None:
            return None
        parsed = parsed_or_none
    else:
        return None
    return parsed


def _parse_string(text: str) -> datetime | None:
    if not text:
        return None
    if text.isdigit():
        number = int(text)
        return datetime.fromtimestamp(number / 1000 if number > 10_000_000_000 else number, tz=UTC)
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        # email.utils marks "-0000" (no zone known) as naive: that means UTC, per RFC 2822.
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    match = _LOOSE_DATE.search(text)
    if match:
        try:
            return datetime(
                int(match["y"]), int(match["m"]), int(match["d"]),
                int(match["H"] or 0), int(match["M"] or 0), int(match["S"] or 0),
            )
        except ValueError:
            return None
    return None


def to_iso8601(value: object, default_tz: tzinfo | None = UTC) -> str | None:
    """ISO 8601 with an explicit offset, seconds precision: 2022-05-09T08:01:32+00:00.

    A value without an offset takes ``default_tz``; with ``default_tz=None`` it stays
    without one (2022-05-09T08:01:32: a page's local time, which the spider resolves later
    with the source's timezone)."""
    parsed = to_datetime(value, default_tz)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(microsecond=0).isoformat()
    try:
        offset = parsed.utcoffset() or timedelta(0)
        # Same wall time with a fixed offset (a zone name like Asia/Shanghai becomes +08:00).
        fixed = parsed.replace(tzinfo=timezone(offset), microsecond=0)
    except (ValueError, OverflowError):  # e.g. 9999-12-31 at a negative offset
        return None
    return fixed.isoformat()


def is_later(candidate: str | None, than: str | None) -> bool:
    """Whether ISO date ``candidate`` is after ``than`` (anything beats None)."""
    first, second = to_datetime(candidate), to_datetime(than)
    if first is None:
        return False
    return second is None or first > second


# How far a page's own publication date may lie from the feed's and still name the same
# publication: a naive page time read in the wrong zone is off by up to 14 hours, and
# feeds list an item some hours after the page went up.
PAGE_DATE_AGREEMENT = timedelta(hours=36)


def reconcile_page_dates(feed_published: str | None, feed_updated: str | None,
                         page_published: str | None, page_modified: str | None,
                         default_tz: tzinfo = UTC) -> tuple[str | None, str | None]:
    """(published, updated) for a post from the feed's dates and the article page's.

    The feed's dates win. The page's dates are taken only when its publication date
    agrees with the feed's (or the feed has none): a page that disagrees is dated by
    something else (an old evergreen page, a syndication copy, a CMS template date), so
    its modified date cannot be trusted either. ``updated`` is never earlier than
    ``published`` (a modified date before the publication date is dropped)."""
    published = to_iso8601(feed_published, default_tz)
    updated = to_iso8601(feed_updated, default_tz)
    page_pub = to_datetime(page_published, default_tz)
    feed_pub = to_datetime(published)
    page_agrees = feed_pub is None or (page_pub is not None and abs(page_pub - feed_pub) <= PAGE_DATE_AGREEMENT)
    if page_agrees:
        published = published or to_iso8601(page_published, default_tz)
        updated = updated or to_iso8601(page_modified, default_tz)
    if updated is not None and not is_later(updated, published) and published is not None:
        updated = None  # equal carries nothing; earlier is wrong
    return published, updated
