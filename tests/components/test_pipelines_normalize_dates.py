"""The normalize pipeline never writes an ``updated`` earlier than the post's ``date``."""

from __future__ import annotations

import asyncio

from scrapy.utils.test import get_crawler

from archiver.items import Article
from archiver.pipelines.normalize import NormalizeArticlePipeline


def normalized(published: str | None, updated: str | None) -> Article:
    pipeline = NormalizeArticlePipeline.from_crawler(get_crawler(settings_dict={"ARCHIVER_WORKERS": 0}))
    item = Article(source="news", url="https://example.com/a", title="A title", published=published,
                   updated=updated, content_html="<p>Body text.</p>")
    return asyncio.run(pipeline.process_item(item))  # inline: no worker processes


def test_feed_updated_before_published_is_dropped() -> None:
    item = normalized("2024-03-05T08:00:00+00:00", "2019-06-01T10:00:00+00:00")
    assert (item.published, item.updated) == ("2024-03-05T08:00:00+00:00", None)


def test_later_updated_is_kept_and_equal_is_dropped() -> None:
    assert normalized("2024-03-05T08:00:00+00:00", "2024-03-06T08:00:00+00:00").updated == "2024-03-06T08:00:00+00:00"
    assert normalized("2024-03-05T08:00:00+00:00", "2024-03-05T08:00:00Z").updated is None
