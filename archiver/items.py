"""The one item every spider yields and every pipeline reads.

Every field is declared: Scrapy's ImagesPipeline silently drops its results into a
dataclass that lacks the field it writes, and feed exporters serialize exactly these
fields (all plain ``str``/``list``/``dict``/``None`` so JSON Lines export never fails).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    # provenance
    source: str  # the source's name from sources.yml (also the folder under posts/)
    url: str  # the original article link, absolute
    feed_url: str | None = None  # the feed / listing / sitemap it was found on
    guid: str | None = None  # the feed's id for the entry (else the canonical URL)

    # what the article says
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 with offset, once normalized
    updated: str | None = None  # ISO 8601 with offset, once normalized
    undated: bool = False  # no date anywhere: ``published`` is the time first seen
    categories: list[str] = field(default_factory=list)  # the source's category path
    tags: list[str] = field(default_factory=list)  # the entry's own categories/tags
    summary: str | None = None  # plain text once normalized (HTML as it came before)
    content_html: str | None = None  # the body; sanitized by the normalize pipeline
    language: str | None = None
    canonical_url: str | None = None

    # images: candidates found by the spider, in order of preference
    lead_image_url: str | None = None  # feed media / og:image / JSON-LD image
    thumbnail_url: str | None = None  # media:thumbnail where the feed gives one

    # filled by the image pipeline: what to fetch, what came back, and local links
    image_urls: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    headimg: str | None = None  # local (or, on failure, remote) URL for front matter
    thumbnail: str | None = None
    image_map: dict[str, str] = field(default_factory=dict)  # remote URL -> local URL
    # when images that failed for good (and are still linked remotely) may be asked for
    # again, as a Unix time; None: next run (a failure that may pass) or nothing failed
    images_retry_at: float | None = None

    # filled by the writer
    post_path: str | None = None  # relative to the archive root, posix separators
    content_hash: str | None = None
    status: str | None = None  # "new" | "updated" | "unchanged"

    @property
    def key(self) -> str:
        """The article's identity across runs, within its source (see article_key)."""
        return article_key(self.source, self.guid or self.canonical_url or self.url)


def article_key(source: str, ident: str) -> str:
    """``<source>|<guid, else canonical URL, else link>``.

    Per source: two sources may carry the same story (or, with careless feeds, the same
    guid "1" for different stories), and each source keeps its own post. The state, the
    writer and a rebuild from the Markdown files all derive keys through this."""
    return f"{source}|{ident}"
