"""The CPU-heavy steps of archiving one article, as jobs for the worker processes.

Each job is a module-level function of plain, picklable values (bytes, strings, tuples,
frozen dataclasses), so :class:`archiver.workers.process_pool.ProcessPool` can run it in another
process; each is also correct called inline. Everything here is pure: no Scrapy, no
state database. The logic stays in its own module (extract, htmlclean, text, render,
imaging); a job only bundles what one round trip to a worker should do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from archiver.core.encoding import decode_html
from archiver.core.htmlclean import sanitize_html
from archiver.core.text import SUMMARY_SKIPPED, html_to_text, summarize
from archiver.images.imaging import INLINE, ImageOptions, extension_for, render

# Libraries that build DEBUG records per element or per token (markdown-it, trafilatura
# and its helpers): ~145k discarded records per 500 articles when their loggers are left
# at DEBUG. Set to INFO unless the crawl itself logs at DEBUG.
CHATTY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "markdown_it", "charset_normalizer",
                  "readability", "PIL")
ORIGINAL = "original"  # the untouched download (ARCHIVER_KEEP_ORIGINALS)


def quiet_library_loggers(crawl_level: int | str) -> None:
    level = logging.getLevelName(crawl_level) if isinstance(crawl_level, str) else crawl_level
    if isinstance(level, int) and level > logging.DEBUG:
        for name in CHATTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.INFO)


# -- article pages ----------------------------------------------------------------------


def extract_page(body: bytes, header_charset: str | None, url: str, rules: dict[str, Any] | None,
                 measure_body: bool = True, feed_dates: tuple[bool, bool] = (False, False)) -> tuple[Any, int]:
    """Decode the page's bytes and extract the article: the ``ExtractedArticle`` and how
    many characters of visible text its body has (measured here, so that the reactor
    thread does not parse the body a second time to weigh it against the feed's).
    Without ``measure_body`` (the feed gave no content to weigh it against) the length
    is 0 and the body is not parsed again for it. ``feed_dates``: see ``extract_article``."""
    from archiver.extract.article import extract_article  # trafilatura: ~0.2 s to import, preloaded in workers

    html, _encoding = decode_html(body, header_charset)
    page = extract_article(html, url, rules or None, feed_dates=feed_dates)
    return page, len(html_to_text(page.body_html)) if measure_body else 0


# -- normalizing ------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalizedBody:
    content_html: str | None  # sanitized
    summary: str | None  # plain text, at most summary_chars
    untitled: str  # a title for an article without one: the start of its text


def normalize_body(content_html: str | None, summary_html: str | None, base_url: str, allow_iframes: bool,
                   summary_chars: int, untitled_chars: int) -> NormalizedBody:
    content = sanitize_html(content_html, base_url, allow_iframes=allow_iframes) or None
    summary_text = html_to_text(summary_html)
    if not content and summary_html:
        # A summary-only item whose page could not be read: the summary is the body.
        content = sanitize_html(summary_html, base_url, allow_iframes=False) or None
    # The body's text (a parse of the whole article) only when the feed gave no summary.
    text = summary_text or html_to_text(content, skip=SUMMARY_SKIPPED)
    return NormalizedBody(content, summarize(text, summary_chars) or None, summarize(text, untitled_chars))


# -- images -----------------------------------------------------------------------------


def render_files(data: bytes, content_type: str | None, roles: frozenset[str], options: ImageOptions,
                 folder: str, digest: str) -> tuple[dict[str, tuple[str, bytes | None]], tuple[int, int]]:
    """Decode once and make every missing rendition: role -> (path, bytes), where the
    path is relative to the images store, or for ``original`` to the archive root (its
    bytes are ``None``: the caller has them); and the source's displayed size.

    The files are written by the caller, in threads: a write waits on the disk (fsync)
    or on an object store, and a worker process waiting there is a core doing nothing."""
    rendered = render(data, roles - {ORIGINAL}, options, content_type=content_type)
    files: dict[str, tuple[str, bytes | None]] = {}
    for role, rendition in rendered.renditions.items():
        name = f"{digest}.{rendition.ext}" if role == INLINE else f"{digest}-{role}.{rendition.ext}"
        files[role] = (str(PurePosixPath(folder) / name), rendition.data)
    if ORIGINAL in roles:
        ext = extension_for(rendered.source.format)
        # Outside images/ so a static-site build does not publish multi-MB files;
        # they are there to re-render from when sizes or format change.
        files[ORIGINAL] = (f".archiver/originals/{digest[:2]}/{digest}.{ext}", None)
    return files, (rendered.source.width, rendered.source.height)
