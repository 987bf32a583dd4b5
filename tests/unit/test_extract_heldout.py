"""extract_article on the held-out pages (tests/resources/heldout, made by make_heldout.py).

Pages written for this project, in other sites' layouts: unit tests of behaviours. The
quality measure is the real-page gate (test_extract_gate.py), not these pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archiver.core.encoding import decode_html
from archiver.extract.article import ExtractedArticle, extract_article, text_of_html

HELDOUT = Path(__file__).parents[1] / "resources" / "heldout"


def extract(name: str, url: str = "https://www.example.org/story") -> ExtractedArticle:
    html, _ = decode_html((HELDOUT / f"{name}.html").read_bytes(), None)
    return extract_article(html, url)


def body_text(name: str) -> str:
    return text_of_html(extract(name).body_html)


def test_there_are_at_least_twenty_four_heldout_pages_with_expectations() -> None:
    pages = sorted(HELDOUT.glob("*.html"))
    assert len(pages) >= 24
    for page in pages:
        assert page.with_suffix("").with_suffix(".expected.txt").read_text(encoding="utf-8").strip()
    zh = [p for p in pages if re.search(r"[\u4e00-\u9fff]", p.with_suffix("").with_suffix(".expected.txt")
                                        .read_text(encoding="utf-8"))]
    assert len(zh) >= 10


def test_jsonld_article_body_that_is_only_a_summary_does_not_replace_the_page_text() -> None:
    text = body_text("ap-school-bus")
    assert "HOLLISTER, Mo. (AP)" in text
    assert "I know families where it doesn't work at all." in text
    assert "School districts across the rural Midwest" not in text  # the JSON-LD summary


def test_div_paragraphs_are_scored_like_p() -> None:
    # Reuters-style <div data-testid="paragraph-N"> and WeChat/Xiumi <section><span> text
    assert "Aluminium rose 0.6%" in body_text("reuters-copper")


@pytest.mark.parametrize(
    ("name", "absent"),
    [
        ("36kr-robot-vacuum", ["文｜", "编辑｜", "原创出品", "推荐阅读"]),
        ("people-elderly-canteen", ["责编", "《 人民日报 》", "热门排行"]),
        ("reuters-copper", ["Reporting by", "Read Next", "Advertisement"]),
        ("zhihu-learning-japanese", ["IP 属地", "条评论", "推荐阅读"]),
        ("ghost-sourdough-hydration", ["Starter basics", "Sign up for Crumb Notes", "Read more"]),
        ("sohu-tea-exports", ["返回搜狐", "平台声明"]),
        ("wp-balcony-solar", ["says:", "Leave a comment", "Thanks for the honest numbers"]),
        ("substack-cheese", ["Discussion about this post", "reader-supported", "insurance"]),
        # teaser <article>s with long standfirsts next to an <article>-less story
        ("teasers-council-budget", ["Plans for new bus lanes", "Falling pupil numbers", "Latest news"]),
    ],
)
def test_heldout_boilerplate_is_absent(name: str, absent: list[str]) -> None:
    text = body_text(name)
    for phrase in absent:
        assert phrase not in text, phrase


def test_comments_in_article_elements_longer_than_the_post_are_dropped() -> None:
    text = body_text("wp-balcony-solar")
    assert text.startswith("A year ago I bolted two 400-watt panels")
    assert text.endswith("requires no work at all once it is up.")


def test_article_split_into_peer_columns_between_ads_is_taken_whole() -> None:
    text = body_text("nyt-glacier-town")
    assert text.startswith("The ticket office still opens at 8 every morning")
    assert text.endswith("where the glacier front stood in 1900.")
    assert "Advertisement" not in text and "A version of this article" not in text
