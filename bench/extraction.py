"""Score body extraction on the saved pages: ``python bench/extraction.py``.

Compares ``archiver.extract.extract_article`` with plain ``trafilatura.extract(html)``
(both given the same decoded text) against ``NAME.expected.txt`` in two page sets:

* ``pages``: tests/resources/pages (written together with the extractor's heuristics);
* ``heldout``: tests/resources/heldout (written separately, in other sites' layouts, as
  a check that the heuristics generalize).

``--set pages|heldout|all`` picks the sets (default: all, ``pages`` first).

Score: token-shingle precision/recall/F1. Tokens are words for Latin script and single
characters for CJK; shingles are runs of 4 tokens, counted as a multiset. Figures are
micro-averaged (shingle counts summed over all pages before dividing), so long pages
weigh more than short ones; per-page macro F1 is printed too.

``--update-baseline`` writes bench/extraction_baseline.json (pages) and/or
bench/extraction_heldout_baseline.json (heldout) for the sets scored: our pinned micro
F1; the test suite fails when F1 drops below it. Nothing else is written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "resources" / "pages"
HELDOUT = ROOT / "tests" / "resources" / "heldout"
BASELINE = Path(__file__).resolve().parent / "extraction_baseline.json"
HELDOUT_BASELINE = Path(__file__).resolve().parent / "extraction_heldout_baseline.json"
SETS = {"pages": (PAGES, BASELINE), "heldout": (HELDOUT, HELDOUT_BASELINE)}
SHINGLE = 4

_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(f"[{_CJK_RANGES}]|[^\\W_{_CJK_RANGES}]+")


def tokens(text: str) -> list[str]:
    """Words for Latin script (lower-cased), one token per CJK character."""
    return _TOKEN.findall(text.lower())


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if 0 < len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_text(predicted: str, expected: str) -> Score:
    got, want = shingles(predicted), shingles(expected)
    return Score(sum((got & want).values()), sum(got.values()), sum(want.values()))


def saved_pages(directory: Path = PAGES) -> list[Path]:
    return sorted(directory.glob("*.html"))


def load_page(path: Path) -> tuple[str, str, str]:
    """(decoded html, page url placeholder, expected text)."""
    from archiver.encoding import decode_html

    html, _ = decode_html(path.read_bytes(), None)
    expected = path.with_suffix("").with_suffix(".expected.txt").read_text(encoding="utf-8")
    return html, f"https://example.com/{path.stem}", expected


def ours(html: str, url: str) -> str:
    from archiver.extract import extract_article, text_of_html

    return text_of_html(extract_article(html, url).body_html)


def plain_trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def evaluate(extractor: Callable[[str, str], str],
             directory: Path = PAGES) -> tuple[Score, float, dict[str, Score]]:
    """(micro-averaged score, macro F1, per-page scores) over the pages in ``directory``."""
    total = Score()
    per_page: dict[str, Score] = {}
    for path in saved_pages(directory):
        html, url, expected = load_page(path)
        page_score = score_text(extractor(html, url), expected)
        per_page[path.stem] = page_score
        total.add(page_score)
    macro = sum(s.f1 for s in per_page.values()) / max(len(per_page), 1)
    return total, macro, per_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update-baseline", action="store_true", help="pin our F1 in the baseline(s)")
    parser.add_argument("--pages", action="store_true", help="print per-page figures")
    parser.add_argument("--set", choices=["pages", "heldout", "all"], default="all",
                        help="which page set(s) to score (default: all)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    names = ["pages", "heldout"] if args.set == "all" else [args.set]
    for index, name in enumerate(names):
        directory, baseline = SETS[name]
        if index:
            print()
        if len(names) > 1 or name != "pages":
            print(f"== {name} ({directory.relative_to(ROOT)})")
        report(directory, baseline if args.update_baseline else None, args.pages)
    return 0


def report(directory: Path, baseline: Path | None, per_page: bool) -> None:
    mine, mine_macro, mine_pages = evaluate(ours, directory)
    theirs, theirs_macro, theirs_pages = evaluate(plain_trafilatura, directory)
    if per_page:
        for name in mine_pages:
            a, b = mine_pages[name], theirs_pages[name]
            print(f"{name:34} ours P={a.precision:.3f} R={a.recall:.3f} F1={a.f1:.3f}   "
                  f"trafilatura P={b.precision:.3f} R={b.recall:.3f} F1={b.f1:.3f}")
    print(f"pages: {len(mine_pages)}  (micro-averaged over 4-token shingles)")
    print(f"ours         P={mine.precision:.4f} R={mine.recall:.4f} F1={mine.f1:.4f} "
          f"(macro F1 {mine_macro:.4f})")
    print(f"trafilatura  P={theirs.precision:.4f} R={theirs.recall:.4f} F1={theirs.f1:.4f} "
          f"(macro F1 {theirs_macro:.4f})")
    print(f"ratio ours/trafilatura F1: {mine.f1 / theirs.f1 if theirs.f1 else float('inf'):.3f}")
    if baseline is not None:
        baseline.write_text(json.dumps({"pages": len(mine_pages), "f1": round(mine.f1, 4),
                                        "precision": round(mine.precision, 4),
                                        "recall": round(mine.recall, 4)}, indent=2) + "\n")
        print(f"wrote {baseline.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
