"""Drop what cannot become a post, and repeats of an article within one run."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from archiver import stats as stats_keys
from archiver.items import Article

logger = logging.getLogger(__name__)


class ValidateArticlePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats
        # Keys seen in this run: the same story often sits in two feeds of one source
        # (e.g. "latest" and a category). Per pipeline instance, not module state.
        self._seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidateArticlePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        reason = self._problem(adapter)
        if reason:
            self.stats.inc_value(stats_keys.item_dropped(reason))
            raise DropItem(f"{reason}: {item.url or '(no url)'} from {item.source}")
        key = item.key  # per source: the same story in two sources makes two posts
        if key in self._seen:
            self.stats.inc_value(stats_keys.item_dropped("duplicate"))
            raise DropItem(f"duplicate: {item.key} already archived in this run ({item.source})")
        self._seen.add(key)
        self.stats.inc_value(stats_keys.items("valid"))
        return item

    @staticmethod
    def _problem(adapter: ItemAdapter) -> str | None:
        url = adapter.get("url") or ""
        if not url.startswith(("http://", "https://")):
            return "no_url"
        if not adapter.get("source"):
            return "no_source"
        if not (adapter.get("title") or "").strip() and not (adapter.get("content_html") or adapter.get("summary")):
            return "empty"
        return None
