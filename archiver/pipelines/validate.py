"""Drop what cannot become a post, and repeats of an article within one run."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..items import Article
from ..state import ArchiveState

logger = logging.getLogger(__name__)


class ValidateArticlePipeline:
    def __init__(self, stats: Any, state: ArchiveState | None = None) -> None:
        self.stats = stats
        # Keys seen in this run: the same story often sits in two feeds of one source
        # (e.g. "latest" and a category). Per pipeline instance, not module state.
        self._seen: set[tuple[str, str]] = set()
        # The state keys articles by guid alone, so two sources whose feeds both say
        # <guid>1</guid> would share one post (the second overwriting the first's file
        # on every run). Which source holds a key, this run and before.
        self.state = state
        self._key_source: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidateArticlePipeline:
        state = ArchiveState.for_crawler(crawler) if crawler.settings.getbool("ARCHIVER_STATE") else None
        return cls(crawler.stats, state)

    def _key_holder(self, key: str) -> str | None:
        if key in self._key_source:
            return self._key_source[key]
        record = self.state.article(key) if self.state is not None else None
        return record.source if record is not None else None

    def _claim_key(self, item: Article) -> None:
        """Make sure ``item.key`` is not another source's: a guid another source already
        uses is dropped (the article is keyed by its URL instead); when the URL is taken
        too, the item is the other source's article and is skipped."""
        if self.state is None:
            return  # without the state, posts are told apart by path, which has the source
        holder = self._key_holder(item.key)
        if holder is not None and holder != item.source:
            url_key = item.canonical_url or item.url
            if item.guid and item.guid != url_key and self._key_holder(url_key) in (None, item.source):
                logger.warning("%s (%s): its guid %r is already used by source %r; keyed by its URL instead",
                               item.url, item.source, item.guid, holder)
                self.stats.inc_value("archiver/items/guid_taken")
                item.guid = None
            else:
                self.stats.inc_value("archiver/items/dropped/other_source")
                raise DropItem(f"other_source: {item.url} from {item.source} is already archived by source {holder}")
        self._key_source[item.key] = item.source

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        reason = self._problem(adapter)
        if reason:
            self.stats.inc_value(f"archiver/items/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url or '(no url)'} from {item.source}")
        key = (item.source, item.key)
        if key in self._seen:
            self.stats.inc_value("archiver/items/dropped/duplicate")
            raise DropItem(f"duplicate: {item.key} already archived in this run ({item.source})")
        self._claim_key(item)
        self._seen.add(key)
        self.stats.inc_value("archiver/items/valid")
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
