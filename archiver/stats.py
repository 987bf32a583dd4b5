"""Every stats key and every request meta key of the crawl (pure): one spelling each.

Stats are read as well as written: the run summary and the feed exporter read what the
writer counted, and ``archiver/source/<name>/failed`` decides whether the
conditional-requests middleware may store a source's feed validators (a source with a
failed article must be fetched in full next run, or the article is lost). A typo in one
writer would silently lose articles, so every component builds its keys here, and
``tests/unit/test_one_home.py`` fails if a key is spelled anywhere else. The README
("What a run counts") documents them.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "archiver/"


@dataclass(frozen=True)
class KeyFamily:
    """Keys that differ by their last part: ``entries("too_old")`` is ``archiver/entries/too_old``."""

    prefix: str

    def __call__(self, name: str) -> str:
        return f"{self.prefix}{name}"


# --- request meta keys -------------------------------------------------------------------
# Set by the spider, read by the conditional-requests middleware:
META_CONDITIONAL = "archiver_conditional"  # a feed, listing or sitemap: validators kept per URL
META_ARTICLE_KEY = "archiver_article_key"  # an article page: validators kept with the article
META_SOURCE = "archiver_source"  # which source a feed or listing belongs to
META_REFETCH = "archiver_refetch"  # the spider knows the article changed: send no validators
META_VALIDATORS_SENT = "_archiver_conditional_sent"  # set by the middleware itself
# Set and read by the images pipeline:
META_IMAGE_ROLES = "archiver_image_roles"  # header / thumb / inline: what one download is for


# --- per source (read by the conditional-requests middleware and the run summary) ----------
SOURCE_PREFIX = f"{PREFIX}source/"


def source_items(source: str) -> str:
    """Entries of ``source`` archived, updated or found unchanged in this run."""
    return f"{SOURCE_PREFIX}{source}/items"


def source_failed(source: str) -> str:
    """Entries of ``source`` that could not be archived in this run (tried again next run)."""
    return f"{SOURCE_PREFIX}{source}/failed"


# --- sources and what was read from them (spider) -----------------------------------------
SOURCES_FAILED = f"{PREFIX}sources/failed"  # sources none of whose URLs could be read
source_url_failed = KeyFamily(f"{PREFIX}sources/url_failed/")  # by reason: http_404, not_a_feed, ...
feeds = KeyFamily(f"{PREFIX}feeds/")  # parsed, malformed, empty, discovered
sitemaps = KeyFamily(f"{PREFIX}sitemaps/")  # parsed, malformed
listings = KeyFamily(f"{PREFIX}listings/")  # parsed, empty
entries = KeyFamily(f"{PREFIX}entries/")  # feed entries not turned into articles, by reason
pages = KeyFamily(f"{PREFIX}pages/")  # article pages: requested, extracted, or why one gave no article
# The most article pages that waited for the scheduler at once, and the most requests the
# scheduler held when it was topped up from them (archiver.spiders.backlog).
PAGES_WAITING_PEAK = pages("waiting_peak")
PAGES_SCHEDULED_PEAK = pages("scheduled_peak")
page_failed = KeyFamily(f"{PREFIX}pages/failed/")  # article pages that could not be fetched, by reason
ARTICLES_SKIPPED_NO_TEXT = f"{PREFIX}articles/skipped_no_text"

# --- conditional requests (middleware) ---------------------------------------------------
HTTP_NOT_MODIFIED = f"{PREFIX}http/not_modified"
HTTP_VALIDATORS_STORED = f"{PREFIX}http/validators_stored"

# --- pipelines ---------------------------------------------------------------------------
items = KeyFamily(f"{PREFIX}items/")  # validation: valid
item_dropped = KeyFamily(f"{PREFIX}items/dropped/")  # by reason: duplicate, no_url, ...
articles = KeyFamily(f"{PREFIX}articles/")  # normalization: normalized, untitled, undated, worker_crashed
bad_image_url = KeyFamily(f"{PREFIX}articles/bad_image_url/")
IMAGES_PREFIX = f"{PREFIX}images/"
images = KeyFamily(IMAGES_PREFIX)  # downloaded, reused, placeholder, known_bad, or why an image was refused
IMAGES_DOWNLOADED = images("downloaded")
IMAGES_REUSED = images("reused")
posts = KeyFamily(f"{PREFIX}posts/")  # the writer: new, updated, unchanged, failed, worker_crashed
POSTS_NEW = posts("new")
POSTS_UPDATED = posts("updated")
POSTS_UNCHANGED = posts("unchanged")
POSTS_FAILED = posts("failed")
markdown_fallback = KeyFamily(f"{PREFIX}posts/markdown_fallback/")

# --- JSON feed export (extension) --------------------------------------------------------
export = KeyFamily(f"{PREFIX}export/")  # items, written, skipped_posts, errors
