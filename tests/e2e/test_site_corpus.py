"""The site over real articles: Mozilla Readability's 130 test pages (../shared/corpora).

Each page's expected article (real HTML from bbc, nytimes, qq, gmw, pixnet, lemonde, ...)
is sanitized and written as a post as the crawl writes one, half with Markdown bodies and
half with ``ARCHIVER_BODY_FORMAT=html`` bodies. The site must build with no Hugo warning
and no post left out, and each post page must show the archived text: the words of the
archived body (as CommonMark renders it) found on the built page, measured per page.
Measured on 2026-11-30: every page 1.000. The floors leave room for word splits that
differ between CommonMark and Hugo's renderer; with Hugo's raw HTML switched off
(``unsafe = false``) the strict build fails on its warnings at once.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import frontmatter
import lxml.html
import pytest
from markdown_it import MarkdownIt

from archiver.archive.paths import post_relpath, slugify
from archiver.archive.render import render_post
from archiver.core.dates import to_iso8601
from archiver.core.htmlclean import sanitize_html
from archiver.core.text import clean_title, html_to_text, normalize_language, summarize
from archiver.site.build import SiteBuild
from tests.support.crawl import PROJECT_ROOT
from tests.support.site import build_strict

pytestmark = pytest.mark.slow

CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "readability"
PAGE_URL = "http://fakehost/test/page.html"  # where the corpus pages were saved from
MEAN_FLOOR = 0.995
PAGE_FLOOR = 0.97
_WORD = re.compile(r"\w+")


def _archive_corpus(root: Path) -> dict[str, tuple[Path, str]]:
    """Write one post per corpus page; returns page name -> (post path, body format)."""
    assert CORPUS.is_dir(), f"the real-page corpus is missing: {CORPUS}"
    written = {}
    for index, page in enumerate(sorted(p for p in CORPUS.iterdir() if p.is_dir())):
        meta = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        body = sanitize_html(gzip.decompress((page / "expected.html.gz").read_bytes()).decode("utf-8"), PAGE_URL)
        title = clean_title(meta.get("title")) or page.name
        # As the normalize pipeline writes dates: ISO 8601 with an offset.
        date = to_iso8601(meta.get("publishedTime")) or f"2024-01-{index % 28 + 1:02d}T08:00:00+00:00"
        fields = {
            "title": title, "categories": ["corpus"], "author": meta.get("byline"), "date": date,
            "comments": False, "source_url": f"{PAGE_URL}#{page.name}", "guid": page.name,
            "description": summarize(html_to_text(body)), "source": "corpus",
            "lang": normalize_language(meta["lang"]) if meta.get("lang") else None,
        }
        body_format = "html" if index % 2 else "markdown"
        path = root / post_relpath("corpus", "2024-01-01T00:00:00+00:00", slugify(f"{page.name} {title}"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_post(fields, body, body_format), encoding="utf-8")
        written[page.name] = (path, body_format)
    return written


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[Path, str]], SiteBuild]:
    root = tmp_path_factory.mktemp("corpus-archive")
    written = _archive_corpus(root)
    return root, written, build_strict(root)


def _words(html: str) -> Counter[str]:
    return Counter(_WORD.findall(html_to_text(html)))


def test_real_articles_build_with_no_warning_and_none_left_out(
    corpus_site: tuple[Path, dict[str, tuple[Path, str]], SiteBuild],
) -> None:
    _root, written, result = corpus_site
    assert len(written) == 130
    assert result.warnings == []
    assert result.skipped_posts == []
    assert result.posts == 130


def test_each_post_page_shows_the_archived_text(
    corpus_site: tuple[Path, dict[str, tuple[Path, str]], SiteBuild],
) -> None:
    root, written, _result = corpus_site
    commonmark = MarkdownIt("commonmark").enable("table")
    coverage = {}
    for name, (path, body_format) in written.items():
        post = frontmatter.load(path)
        archived = _words(commonmark.render(post.content) if body_format == "markdown" else post.content)
        page = root / "site" / path.relative_to(root).with_suffix("") / "index.html"
        tree = lxml.html.fromstring(page.read_bytes())
        assert tree.cssselect("article h1")[0].text_content() == post["title"], name
        shown = _words(lxml.html.tostring(tree.cssselect("article .content")[0], encoding="unicode"))
        coverage[name] = sum((archived & shown).values()) / max(1, sum(archived.values()))
        # Nothing loaded from elsewhere: the corpus's remote images are links, not <img>.
        assert all(src.startswith("/") for src in tree.xpath("//img/@src")), name
    low = {name: round(value, 3) for name, value in coverage.items() if value < PAGE_FLOOR}
    assert low == {}
    assert sum(coverage.values()) / len(coverage) >= MEAN_FLOOR
