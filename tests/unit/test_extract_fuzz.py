"""``extract_article`` never raises: on every real page of both corpora in
``../shared/corpora`` and on real pages mutated the ways broken and hostile pages are
(truncated, random attribute names, namespaced names, absurd nesting, control
characters). An exception would cost the article its text (the spider then keeps only
the feed's teaser), so none may escape.
"""

from __future__ import annotations

import gzip
import json
import os
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.core.encoding import decode_html
from archiver.extract.article import extract_article, text_of_html

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"


def corpus_files() -> list[Path]:
    readability = sorted((CORPORA / "readability").glob("*/source.html.gz"))
    evaldata = json.loads((CORPORA / "trafilatura-eval" / "evaldata.json").read_text(encoding="utf-8"))
    files = sorted({entry["file"] for entry in evaldata.values()})
    return readability + [CORPORA / "trafilatura-eval" / "html" / f"{name}.gz" for name in files]


@cache
def page(path: Path) -> str:
    return decode_html(gzip.decompress(path.read_bytes()), None)[0]


def extract_or_error(path: Path) -> tuple[str | None, bool]:
    """(error, body empty) for one corpus page; runs in a worker process."""
    try:
        result = extract_article(page(path), "https://www.example.com/news/story.html")
    except Exception as error:  # noqa: BLE001 - reported, so one run lists them all
        return f"{path.name}: {type(error).__name__}: {error}", True
    return None, not text_of_html(result.body_html).strip()


@pytest.mark.slow
def test_no_page_of_either_corpus_makes_extraction_raise() -> None:
    files = corpus_files()
    assert len(files) >= 1100
    # Spread over the machine's cores: 1,120 real pages are a minute of work on one.
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        outcomes = list(pool.map(extract_or_error, files, chunksize=20))
    failures = [error for error, _ in outcomes if error]
    assert not failures, failures
    # Not raising by returning nothing would pass too: almost every page has text.
    empty = sum(1 for _, is_empty in outcomes if is_empty)
    assert empty < 0.02 * len(files), empty


@pytest.mark.parametrize(("file", "needle"), [
    # an attribute with a namespace-like name lxml refuses to delete
    ("faz.net.streaming.html", "Streaming"),
    # a link to "http://[ccpa-preferences]": urljoin raises on the bracketed host
    ("kxan.com-Voters.html", "So many of our retirees"),
])
def test_pages_that_used_to_raise_keep_their_article(file: str, needle: str) -> None:
    result = extract_article(page(CORPORA / "trafilatura-eval" / "html" / f"{file}.gz"), "https://www.example.com/")
    assert needle in text_of_html(result.body_html)


# Small real pages (fast to extract) that have attributes, nesting and text to damage.
MUTATED_PAGES = ("readability/001/source.html.gz", "readability/qq/source.html.gz",
                 "readability/replace-brs/source.html.gz", "readability/lazy-image-1/source.html.gz")


def mutate(html: str, cut: float, attribute: str, depth: int, junk: str, where: float) -> list[str]:
    at = int(len(html) * where)
    return [
        html[: int(len(html) * cut)],  # truncated mid-tag, mid-entity, mid-script
        html.replace("<p", f'<p {attribute}="x"', 3).replace("<img", f"<img {attribute}", 3),
        html[:at] + "<div>" * depth + "deep text" + "</div>" * (depth // 2) + html[at:],
        html[:at] + junk + html[at:],
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(MUTATED_PAGES),
    cut=st.floats(0.0, 1.0),
    attribute=st.one_of(
        st.sampled_from(["xmlns:fb", "ng:click", "xml:lang", ":", "a:b:c", "data-src", "{ns}x", "1abc",
                         "xlink:href", "on:load", "-x", "x\u00a0y"]),
        st.text(st.characters(codec="utf-8", exclude_characters='<>="\'/ \t\n\r\f'), min_size=1, max_size=12)),
    depth=st.integers(0, 3000),
    junk=st.text(st.characters(codec="utf-8"), max_size=40).map(lambda s: s + "\x00\x0b\x1f\ufffe\u202e"),
    where=st.floats(0.0, 1.0),
)
def test_mutated_real_pages_never_raise(name: str, cut: float, attribute: str, depth: int, junk: str,
                                        where: float) -> None:
    html = page(CORPORA / name)
    for mutated in mutate(html, cut, attribute, depth, junk, where):
        result = extract_article(mutated, "http://fakehost/test/page.html")
        assert isinstance(result.body_html, str)
