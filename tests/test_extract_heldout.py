"""extract_article on the held-out pages (tests/resources/heldout, made by make_heldout.py).

Those pages were written separately from the extractor's heuristics, in other sites'
layouts, so their score is the honest one; it is pinned in
bench/extraction_heldout_baseline.json the way test_extract.py pins the main set.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archiver.encoding import decode_html
from archiver.extract import ExtractedArticle, extract_article, text_of_html

from .test_extract import load_bench

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = Path(__file__).parent / "resources" / "heldout"


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


def test_heldout_f1_not_below_pinned_baseline_and_beats_trafilatura() -> None:
    bench = load_bench()
    baseline = json.loads((ROOT / "bench" / "extraction_heldout_baseline.json").read_text())
    ours, _, per_page = bench.evaluate(bench.ours, bench.HELDOUT)
    theirs, _, _ = bench.evaluate(bench.plain_trafilatura, bench.HELDOUT)
    assert baseline["pages"] == len(per_page)
    assert ours.f1 >= baseline["f1"] - 0.005, (ours.f1, baseline["f1"])
    assert ours.f1 > theirs.f1
    assert ours.f1 >= 0.96
    worst = min(per_page, key=lambda name: per_page[name].f1)
    assert per_page[worst].f1 >= 0.8, worst


def test_jsonld_article_body_that_is_only_a_summary_does_not_replace_the_page_text() -> None:
    text = body_text("ap-school-bus")
    assert text.startswith("HOLLISTER, Mo. (AP)")
    assert "I know families where it doesn't work at all." in text
    assert "School districts across the rural Midwest" not in text  # the JSON-LD summary


def test_div_paragraphs_are_scored_like_p() -> None:
    # Reuters-style <div data-testid="paragraph-N"> and WeChat/Xiumi <section><span> text
    assert "Aluminium rose 0.6%" in body_text("reuters-copper")
    wechat = body_text("wechat-xiumi-orchard")
    assert wechat.startswith("五年前，32岁的林晓峰")
    for phrase in ("点击蓝字", "THE END", "长按识别", "精选留言", "黄桃在哪里可以买到"):
        assert phrase not in wechat, phrase


@pytest.mark.parametrize(
    ("name", "absent"),
    [
        ("bbc-ferry-strike", ["By Fiona MacLeod", "Image caption", "Related topics", "Top stories", "Getty Images"]),
        ("medium-feature-flags", ["min read", "1.2K", "Written by", "Recommended from Medium"]),
        ("36kr-robot-vacuum", ["文｜", "编辑｜", "原创出品", "推荐阅读"]),
        ("sina-night-market", ["责任编辑", "新浪财经公众号", "相关新闻"]),
        ("netease-river-cleanup", ["特别声明", "Notice:", "跟贴"]),
        ("people-elderly-canteen", ["责编", "《 人民日报 》", "热门排行"]),
        ("reuters-copper", ["Reporting by", "Read Next", "Advertisement"]),
        ("zhihu-learning-japanese", ["IP 属地", "条评论", "推荐阅读"]),
        ("ghost-sourdough-hydration", ["Starter basics", "Sign up for Crumb Notes", "Read more"]),
        ("hugo-rust-allocator", ["Table of Contents", "Hacker News", "#\n"]),
        ("sohu-tea-exports", ["返回搜狐", "平台声明"]),
        ("wp-balcony-solar", ["says:", "Leave a comment", "Thanks for the honest numbers"]),
        ("substack-cheese", ["Discussion about this post", "reader-supported", "insurance"]),
        ("gallery-wildflowers", ["Photograph:", "1 of 5", "More galleries"]),
        # teaser <article>s with long standfirsts next to an <article>-less story
        ("teasers-council-budget", ["Plans for new bus lanes", "Falling pupil numbers", "Latest news"]),
        # forum thread: the first post is the article, the replies are comments
        ("discuz-bike-trip", ["感谢分享", "只看该作者", "回复 老王骑车", "Powered by"]),
        ("blogger-canal-walk", ["Lovely account", "Posted by", "Blog Archive", "Retired teacher"]),
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


def test_gallery_keeps_intro_outro_and_captions() -> None:
    text = body_text("gallery-wildflowers")
    assert text.startswith("Three years after the county stopped mowing")
    assert "A common spotted orchid." in text
    assert text.endswith("look untidy in late summer.")


def test_article_split_into_peer_columns_between_ads_is_taken_whole() -> None:
    text = body_text("nyt-glacier-town")
    assert text.startswith("The ticket office still opens at 8 every morning")
    assert text.endswith("where the glacier front stood in 1900.")
    assert "Advertisement" not in text and "A version of this article" not in text
