"""Where things live in the archive: slugs and post/image paths (pure, no Scrapy)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from pathlib import PurePosixPath

# The archive's folders, named here only: posts/<source>/<YYYY>/<YYYY-MM-DD>-<slug>.md,
# images/<source>/<YYYY>/..., feeds/... (see post_relpath and image_dir).
POSTS_DIR = "posts"
IMAGES_DIR = "images"
FEEDS_DIR = "feeds"
ARCHIVE_FOLDERS = (POSTS_DIR, IMAGES_DIR, FEEDS_DIR)
POST_DEPTH = 3  # folders between the archive root and a post file: posts/<source>/<YYYY>/

SLUG_MAX_BYTES = 100
HASH_LEN = 6

# Anything that is not a letter or digit of any script becomes a separator: this drops
# the characters Windows forbids (/ \ : * ? " < > |), control characters and
# punctuation, but keeps CJK, Cyrillic, accented Latin, ... readable.
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
# Names Windows refuses whatever the extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {
    f"lpt{i}" for i in range(1, 10)
}


def short_hash(text: str, length: int = HASH_LEN) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def _truncate_utf8(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def slugify(title: str, max_bytes: int = SLUG_MAX_BYTES) -> str:
    """A file-name-safe, readable slug; may be empty when the title has no letters."""
    text = unicodedata.normalize("NFKC", title).lower()
    slug = _SEPARATORS.sub("-", text).strip("-")
    slug = _truncate_utf8(slug, max_bytes).strip("-")
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-post"
    return slug


def unique_slug(title: str, key: str, is_taken: Callable[[str], bool] | None = None) -> str:
    """The slug for an article: its title's slug, or the slug plus a short hash of the
    article's key when another article already holds that name (or the title has none).

    The hash comes from the key (guid/URL), never from run order, so the same article
    gets the same name on every run.
    """
    base = slugify(title)
    if base and (is_taken is None or not is_taken(base)):
        return base
    suffix = short_hash(key)
    if not base:
        return f"post-{suffix}"
    return f"{_truncate_utf8(base, SLUG_MAX_BYTES - HASH_LEN - 1).strip('-')}-{suffix}"


def safe_segment(name: str) -> str:
    """A source name as a folder name (same rules as a slug, never empty)."""
    return slugify(name) or f"source-{short_hash(name)}"


def post_relpath(source: str, date_iso: str, slug: str) -> PurePosixPath:
    """posts/<source>/<YYYY>/<YYYY-MM-DD>-<slug>.md (date_iso is ISO 8601)."""
    day = date_iso[:10]
    return PurePosixPath(POSTS_DIR, safe_segment(source), day[:4], f"{day}-{slug}.md")


def image_dir(source: str, date_iso: str) -> PurePosixPath:
    """images/<source>/<YYYY>/ for an article's downloaded images."""
    return PurePosixPath(IMAGES_DIR, safe_segment(source), date_iso[:4])
