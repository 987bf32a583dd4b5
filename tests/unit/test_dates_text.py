"""Dates to ISO 8601 with offsets; titles and summaries."""

from __future__ import annotations

import pytest

from archiver.core.dates import reconcile_page_dates, resolve_timezone, to_iso8601
from archiver.core.text import clean_title, html_to_text, normalize_language, summarize


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon, 09 May 2022 08:01:32 GMT", "2022-05-09T08:01:32+00:00"),
    ("Sun, 08 May 2022 21:30:00 +0800", "2022-05-08T21:30:00+08:00"),
    ("Mon, 09 May 2022 08:01:32 -0000", "2022-05-09T08:01:32+00:00"),
    ("2022-05-09T09:30:00+02:00", "2022-05-09T09:30:00+02:00"),
    ("2022-05-09T08:01:32Z", "2022-05-09T08:01:32+00:00"),
    ("2022-05-09T08:01:32.123456Z", "2022-05-09T08:01:32+00:00"),
    ("2022-05-09", "2022-05-09T00:00:00+00:00"),
    ("1652083292", "2022-05-09T08:01:32+00:00"),
    (1652083292000, "2022-05-09T08:01:32+00:00"),
    ("2022年05月09日 16:01", "2022-05-09T16:01:00+00:00"),
    ("发布时间：2022-5-9 16:01:32", "2022-05-09T16:01:32+00:00"),
    ("yesterday-ish", None),
    ("99999999999999999999", None),  # a timestamp past year 9999
    ("²", None),  # a digit to str.isdigit(), not to int()
    ("9999-12-31T23:59:59-05:00", "9999-12-31T23:59:59-05:00"),
    ("0000-01-01", None),
    ("", None),
    (None, None),
])
def test_to_iso8601(raw: object, expected: str | None) -> None:
    assert to_iso8601(raw) == expected


def test_naive_dates_take_the_source_timezone() -> None:
    shanghai = resolve_timezone("Asia/Shanghai")
    assert to_iso8601("2022年05月09日 16:01", shanghai) == "2022-05-09T16:01:00+08:00"
    assert to_iso8601("Mon, 09 May 2022 08:01:32 GMT", shanghai) == "2022-05-09T08:01:32+00:00"
    assert resolve_timezone("Not/AZone") == resolve_timezone(None)


@pytest.mark.parametrize(("raw", "expected"), [
    ("端稳“饭碗”，鼓起“钱袋”！", "端稳“饭碗”，鼓起“钱袋”！"),
    ("  Markets:\n  &quot;Calm&quot;  #rates ", 'Markets: "Calm" #rates'),
    ("A &amp;amp; B", "A & B"),
    ("<b>Bold</b> claim", "Bold claim"),
    ('<a href="/x">Linked</a> <em>and</em> <span class="hl">marked</span>', "Linked and marked"),
    ("The &lt;blink&gt; tag is back", "The <blink> tag is back"),
    ("Box<dyn Error> explained & more", "Box<dyn Error> explained & more"),
    ("if a < b > c then R&D", "if a < b > c then R&D"),
    ("Title<script>alert(1)</script>", "Title"),
    ("Emoji 🚀 stays", "Emoji 🚀 stays"),
    ("{% raw %} and {{ x }}", "{% raw %} and {{ x }}"),
])
def test_clean_title_keeps_every_character(raw: str, expected: str) -> None:
    assert clean_title(raw) == expected


def test_summary_is_plain_text_and_short() -> None:
    text = html_to_text("<p>第一段。</p><script>x()</script><p>第二段" + "很长" * 200 + "。</p>")
    assert "x()" not in text and text.startswith("第一段。 第二段")
    short = summarize(text, 200)
    assert len(short) <= 201 and short.endswith("…")
    assert summarize("Short one.") == "Short one."


@pytest.mark.parametrize(("raw", "expected"), [
    ("zh-cn", "zh-CN"), ("EN_us", "en-US"), ("zh-hant-tw", "zh-Hant-TW"), ("en", "en"), ("", None), (None, None),
])
def test_language_tags_get_bcp47_casing(raw: str | None, expected: str | None) -> None:
    assert normalize_language(raw) == expected


def test_page_modified_date_before_the_feed_date_is_not_written_as_updated() -> None:
    # The case seen in the wild: `updated: 2019-…` under `date: 2024-…`. The page is an
    # old evergreen URL; its dates name another publication than the feed item.
    published, updated = reconcile_page_dates(
        "2024-03-05T08:00:00+00:00", None, "2019-06-01T10:00:00+00:00", "2019-06-02T09:00:00+00:00")
    assert (published, updated) == ("2024-03-05T08:00:00+00:00", None)


def test_page_dates_are_taken_when_they_agree_with_the_feed_or_the_feed_has_none() -> None:
    tz = resolve_timezone("Asia/Shanghai")
    # Naive page times are the source's local time; within a day and a half of the feed's.
    assert reconcile_page_dates("2024-03-05T08:00:00+00:00", None, "2024-03-05 15:30", "2024-03-06 09:00", tz) \
        == ("2024-03-05T08:00:00+00:00", "2024-03-06T09:00:00+08:00")
    assert reconcile_page_dates(None, None, "2024-03-05T15:30:00+08:00", "2024-03-07T10:00:00+08:00") \
        == ("2024-03-05T15:30:00+08:00", "2024-03-07T10:00:00+08:00")
    # The feed's own updated wins over the page's modified date.
    assert reconcile_page_dates("2024-03-05T08:00:00+00:00", "2024-03-05T12:00:00+00:00",
                                "2024-03-05T08:00:00+00:00", "2024-03-09T08:00:00+00:00") \
        == ("2024-03-05T08:00:00+00:00", "2024-03-05T12:00:00+00:00")


def test_updated_is_never_earlier_than_published() -> None:
    # A page with no feed date whose modified date precedes its publication date (CMS
    # import), and a page date equal to the publication date: neither is an update.
    assert reconcile_page_dates(None, None, "2024-03-05T08:00:00+00:00", "2023-01-01T00:00:00+00:00") \
        == ("2024-03-05T08:00:00+00:00", None)
    assert reconcile_page_dates(None, None, "2024-03-05T08:00:00+00:00", "2024-03-05T08:00:00Z") \
        == ("2024-03-05T08:00:00+00:00", None)
    # A page date without a publication date next to a dated feed item is not taken.
    assert reconcile_page_dates("2024-03-05T08:00:00+00:00", None, None, "2024-04-01T00:00:00+00:00") \
        == ("2024-03-05T08:00:00+00:00", None)
