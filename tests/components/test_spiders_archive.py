"""The spider's pure helpers: teaser detection, and merging an article page into a feed entry."""

from __future__ import annotations

from archiver.extract.article import ExtractedArticle
from archiver.items import Article
from archiver.sources.sources_file import make_source
from archiver.spiders.archive import is_teaser, merge_page_into_article


def test_teasers() -> None:
    assert is_teaser(None) and is_teaser("<p>Short.</p>")
    assert is_teaser("<p>" + "Long enough text. " * 20 + "Read more</p>")
    assert is_teaser("<p>" + "记者从市文化和旅游局获悉，" * 10 + "……阅读全文</p>")
    assert not is_teaser("<p>" + "Long enough text. " * 20 + "</p>")
    assert not is_teaser("<p>" + "就业与老百姓的饭碗息息相关。" * 10 + "</p>")


def test_page_wins_body_and_image_feed_wins_title_and_date() -> None:
    source = make_source({"name": "s", "url": "https://s.example/rss"})
    article = Article(source="s", url="https://s.example/a", title="Feed title", published="2022-05-09T08:00:00+00:00",
                      summary="Teaser … Read more", content_html="<p>Teaser</p>")
    page = ExtractedArticle(title="Page title", published="2022-05-01T00:00:00+00:00", body_html="<p>" + "Full. " * 50 + "</p>",
                            lead_image="https://s.example/lead.jpg", description="The page's own summary.",
                            authors=["Jane Roe"])
    merge_page_into_article(article, page, source, "https://s.example/a")
    assert article.title == "Feed title" and article.published == "2022-05-09T08:00:00+00:00"
    assert article.content_html.startswith("<p>Full.") and article.lead_image_url == "https://s.example/lead.jpg"
    assert article.summary == "The page's own summary." and article.authors == ["Jane Roe"]


def test_a_naive_page_date_takes_the_sources_timezone() -> None:
    source = make_source({"name": "s", "url": "https://s.example/rss", "timezone": "Asia/Shanghai"})
    article = Article(source="s", url="https://s.example/a")
    merge_page_into_article(article, ExtractedArticle(published="2024-03-16T09:30:00"), source, "https://s.example/a")
    assert article.published == "2024-03-16T09:30:00+08:00"
