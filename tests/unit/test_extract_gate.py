"""The extraction quality gate: real pages, pinned floors (the way trafilatura pins its
evaluation baseline).

A fixed sample of real pages from both corpora in ``../shared/corpora`` (read from there,
never copied into the repository) is scored as ``bench/extraction.py`` scores the full
corpora; each corpus's F1 must stay within 0.005 of the floor pinned in
``bench/extraction_gate.json``. Floors move up with ``python bench/extraction.py
--pin-gate`` and never down without ``--allow-lower``. The digest pins the pages, so a
changed corpus fails loudly instead of comparing scores of different pages.
"""

from __future__ import annotations

import json

import pytest

from .test_extract import load_bench

bench = load_bench()


@pytest.fixture(scope="module")
def gate() -> dict:
    return json.loads(bench.GATE.read_text())


def test_the_sample_is_large_fixed_and_from_both_corpora(gate: dict) -> None:
    sample = bench.gate_sample()
    assert sum(len(names) for names in sample.values()) >= 200
    assert all(len(names) >= 100 for names in sample.values())
    assert gate["pages"] == {corpus: len(names) for corpus, names in sample.items()}
    assert gate["digest"] == bench.gate_digest(sample), "the corpus sample changed: re-pin on purpose"


@pytest.mark.slow
def test_f1_on_real_pages_not_below_the_pinned_floors(gate: dict) -> None:
    scores = bench.gate_scores()
    for corpus, score in scores.items():
        floor = gate["floors"][corpus]
        assert score.f1 >= floor - bench.GATE_TOLERANCE, (
            f"{corpus}: F1 {score.f1:.4f} fell below the pinned floor {floor:.4f} "
            f"(P={score.precision:.3f} R={score.recall:.3f})")


def test_scorers_follow_the_corpora_readme() -> None:
    readability = bench.Page("readability", "x", "", "", expected_text="one two three four five")
    assert bench.score_page(readability, "one two three four five").f1 == 1.0
    half = bench.score_page(readability, "one two three four")
    assert (half.precision, half.recall) == (1.0, 0.5)
    assert bench.score_page(bench.Page("readability", "x", "", ""), "").f1 == 1.0  # empty vs empty
    evalpage = bench.Page("trafilatura-eval", "x", "", "", with_=["The first  sentence.", "A quote"],
                          without=["Read more", "Newsletter"])
    score = bench.score_page(evalpage, "The first\nsentence. Newsletter")
    assert (score.tp, score.fn, score.fp) == (1, 1, 1)
