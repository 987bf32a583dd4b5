"""The naive spider that bench/throughput.py measures the archiver against.

What a developer writes in an afternoon with the same libraries: feedparser for the
feeds, one request per entry, ``trafilatura.extract`` on the page, Scrapy's stock
ImagesPipeline for the enclosure (a 1200 px header and a 400x300 thumbnail, as the
archiver makes), python-frontmatter for the Markdown file. No state, no sanitizing, no
re-run logic: a floor for the cost of archiving one article, not a competitor.

    scrapy runspider bench/naive_spider.py -a feeds=URL1,URL2 -s IMAGES_STORE=DIR -s NAIVE_OUTPUT=DIR
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, ClassVar

import feedparser
import frontmatter
import scrapy
import trafilatura


class NaiveFeedSpider(scrapy.Spider):
    name = "naive"
    custom_settings: ClassVar[dict[str, Any]] = {
        "ITEM_PIPELINES": {
            "scrapy.pipelines.images.ImagesPipeline": 300,
            "naive_spider.FrontMatterWriter": 500,
        },
        "IMAGES_THUMBS": {"header": (1200, 1200), "thumb": (400, 300)},
    }

    def __init__(self, feeds: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.feed_urls = [url for url in feeds.split(",") if url]

    async def start(self):  # type: ignore[no-untyped-def]
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed)

    def parse_feed(self, response: Any):  # type: ignore[no-untyped-def]
        feed = feedparser.parse(response.body)
        source = Path(response.url).stem
        for entry in feed.entries:
            images = [e["href"] for e in entry.get("enclosures", []) if e.get("href")]
            yield scrapy.Request(entry.link, callback=self.parse_article, cb_kwargs={
                "meta": {"title": entry.get("title", ""), "date": entry.get("published", ""),
                         "guid": entry.get("id", entry.link), "source": source},
                "images": images,
            })

    def parse_article(self, response: Any, meta: dict[str, Any], images: list[str]):  # type: ignore[no-untyped-def]
        text = trafilatura.extract(response.text, url=response.url, output_format="markdown") or ""
        yield {**meta, "url": response.url, "body": text, "image_urls": images}


class FrontMatterWriter:
    def __init__(self, root: str) -> None:
        self.root = Path(root)

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontMatterWriter:
        return cls(crawler.settings.get("NAIVE_OUTPUT", "naive-output"))

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        name = hashlib.sha1(item["guid"].encode()).hexdigest()[:16]
        path = self.root / "posts" / item["source"] / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        images = item.get("images") or []
        post = frontmatter.Post(item["body"], title=item["title"], date=item["date"], source_url=item["url"],
                                headimg=images[0]["path"] if images else None)
        path.write_text(frontmatter.dumps(post), encoding="utf-8")
        return item
