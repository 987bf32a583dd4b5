"""The worker jobs do what the reactor thread used to do, and skip only what no caller reads."""

from __future__ import annotations

from archiver.core.text import html_to_text
from archiver.workers.jobs import extract_page, normalize_body

PAGE = """<html><head><meta charset="gbk"><title>市议会表决预算</title></head><body>
<nav><a href="/">首页</a> | <a href="/news">新闻</a></nav>
<article><h1>市议会表决预算</h1>
<p>市议会周二以七票对二票通过了明年的预算案，其中包括对公共图书馆的新拨款。</p>
<p>The council's budget passed 7-2 on Tuesday; the libraries get new money &amp; longer hours.</p>
<p>议员们还讨论了公交线路的调整方案，预计将在明年春季实施，涉及城东的三条线路。</p>
</article><footer>版权所有 2024</footer></body></html>"""


def test_extract_page_measures_the_body_only_when_asked() -> None:
    body = PAGE.encode("gbk")
    page, measured = extract_page(body, None, "http://127.0.0.1/news/1.html", None)
    same_page, unmeasured = extract_page(body, None, "http://127.0.0.1/news/1.html", None, measure_body=False)
    assert "七票对二票" in page.body_html and "longer hours" in page.body_html
    assert measured == len(html_to_text(page.body_html)) > 50
    assert unmeasured == 0
    assert same_page.body_html == page.body_html


def test_normalize_body_summary_comes_from_the_feed_or_else_the_body() -> None:
    content = "<h2>小标题</h2><p>First paragraph of the story, in English.</p><p>第二段：中文内容。</p>"
    from_feed = normalize_body(content, "<p>The feed's own <b>summary</b>.</p>", "http://127.0.0.1/a", False, 300, 10)
    from_body = normalize_body(content, None, "http://127.0.0.1/a", False, 300, 10)
    assert from_feed.summary == "The feed's own summary."
    # Headings are not the article's lead: the summary starts at the text.
    assert from_body.summary == "First paragraph of the story, in English. 第二段：中文内容。"
    assert from_feed.content_html == from_body.content_html
    assert from_feed.untitled.startswith("The feed's") and from_body.untitled.startswith("First")


def test_the_page_date_is_read_only_where_the_feed_leaves_room() -> None:
    # No date in the markup: only htmldate's reading of the byline text dates this page.
    page = PAGE.replace("<article>", '<article><p class="byline">Published March 5, 2024</p>')
    body, url = page.encode("gbk"), "http://127.0.0.1/news/budget.html"
    undated_feed, _ = extract_page(body, None, url, None, False, (False, False))
    dated_feed, _ = extract_page(body, None, url, None, False, (True, True))
    assert undated_feed.published == "2024-03-05T00:00:00"
    assert dated_feed.published is None
    assert dated_feed.body_html == undated_feed.body_html
    # The feed has a publication date but no update date, and the page has one: the
    # page's publication date decides whether its update date is taken, so it is read.
    updated_page = page.replace("<title>", '<meta property="article:modified_time" content="2024-03-06T09:00:00+08:00"><title>')
    checked, _ = extract_page(updated_page.encode("gbk"), None, url, None, False, (True, False))
    unchecked, _ = extract_page(updated_page.encode("gbk"), None, url, None, False, (True, True))
    assert checked.modified == unchecked.modified == "2024-03-06T09:00:00+08:00"
    assert checked.published is not None and checked.published.startswith("2024-03-0")
    assert unchecked.published is None
