"""Score body extraction on real saved pages: ``python bench/extraction.py``.

Compares ``archiver.extract.article.extract_article`` with plain trafilatura
(``extract(html, favor_precision=True, include_comments=False)``) on the two real-page
corpora in ``../shared/corpora`` (see its README; never copied into this repository):

* ``readability``: Mozilla Readability's 130 test pages. Score: the text of
  ``expected.html`` against the extracted text by 4-token shingles (tokens are ``\\w+``
  runs, counted with multiplicity); per-page precision and recall, mean precision and
  mean recall over pages, F1 of the two means. Empty against empty is 1.
* ``trafilatura-eval``: trafilatura's 990 evaluation pages. Score: a ``with`` passage
  found in the extracted text is a true positive, missing a false negative; a
  ``without`` passage found is a false positive; P/R/F1 from the totals.

Both extractors get the same decoded text (``archiver.core.encoding.decode_html``, as the
crawler decodes) and are timed page by page, alternating, in this one process, by the
CPU time of this process (``time.process_time``): on a shared machine, wall time also
counts the time spent waiting for a core, which pulls the ratio towards 1. The ratio
of ms/page is the figure.

``--sample`` scores only the fixed sample of the quality gate in ``make test``;
``--limit N`` the first N pages of each corpus; ``--corpus`` one corpus;
``--worst N`` how many pages to list where we lose most against trafilatura (15).

The gate (``tests/unit/test_extract_gate.py``): a fixed sample of real pages from both
corpora, with per-corpus F1 floors pinned in ``bench/extraction_gate.json`` together
with a digest of the sample's files. ``--pin-gate`` scores the sample and raises the
floors to the new figures; it never lowers one unless ``--allow-lower`` is given too.
"""

from __future__ import annotations

import argparse
import gzip
import html as htmllib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
READABILITY = CORPORA / "readability"
TRAFILATURA_EVAL = CORPORA / "trafilatura-eval"
PAGE_URL = "http://fakehost/test/page.html"  # the URL Readability's pages were saved with
SHINGLE = 4
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Extractor = Callable[[str, str], str]


# ---------------------------------------------------------------- the two extractors


def ours(html: str, url: str) -> str:
    from archiver.extract.article import extract_article, text_of_html

    return text_of_html(extract_article(html, url).body_html)


def plain_trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True, include_comments=False) or ""


# ---------------------------------------------------------------- pages


@dataclass
class Page:
    corpus: str
    name: str
    url: str
    html: str
    expected_text: str = ""  # readability
    with_: list[str] = field(default_factory=list)  # trafilatura-eval
    without: list[str] = field(default_factory=list)


def _decode(raw: bytes) -> str:
    from archiver.core.encoding import decode_html

    return decode_html(raw, None)[0]


def _html_text(fragment: str) -> str:
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tail = " " + (el.tail or "")
    return root.text_content()


def readability_names() -> list[str]:
    return sorted(p.name for p in READABILITY.iterdir() if (p / "source.html.gz").exists())


def trafilatura_eval_names() -> list[str]:
    return sorted(json.loads((TRAFILATURA_EVAL / "evaldata.json").read_text(encoding="utf-8")))


def readability_pages(names: list[str] | None = None) -> Iterator[Page]:
    for name in names if names is not None else readability_names():
        folder = READABILITY / name
        html = _decode(gzip.decompress((folder / "source.html.gz").read_bytes()))
        expected = _html_text(gzip.decompress((folder / "expected.html.gz").read_bytes()).decode("utf-8"))
        yield Page("readability", name, PAGE_URL, html, expected_text=expected)


def trafilatura_eval_pages(names: list[str] | None = None) -> Iterator[Page]:
    data = json.loads((TRAFILATURA_EVAL / "evaldata.json").read_text(encoding="utf-8"))
    for key in names if names is not None else sorted(data):
        entry = data[key]
        html = _decode(gzip.decompress((TRAFILATURA_EVAL / "html" / f"{entry['file']}.gz").read_bytes()))
        url = key.split("::", 1)[-1]
        url = url if url.startswith("http") else f"https://{url}"
        yield Page("trafilatura-eval", key, url, html, with_=list(entry.get("with") or []),
                   without=list(entry.get("without") or []))


# ---------------------------------------------------------------- scoring


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    toks = _WORD.findall(text.lower())
    if 0 < len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def _norm(text: str) -> str:
    return _SPACE.sub(" ", htmllib.unescape(text)).strip()


@dataclass
class PageScore:
    """Either shingle counts (readability) or passage counts (trafilatura-eval)."""
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 1.0
    recall: float = 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(page: Page, text: str) -> PageScore:
    if page.corpus == "readability":
        got, want = shingles(text), shingles(page.expected_text)
        shared = sum((got & want).values())
        n_got, n_want = sum(got.values()), sum(want.values())
        return PageScore(shared, n_got - shared, n_want - shared,
                         shared / n_got if n_got else float(not n_want),
                         shared / n_want if n_want else float(not n_got))
    found = _norm(text)
    tp = sum(1 for s in page.with_ if _norm(s) in found)
    fp = sum(1 for s in page.without if _norm(s) in found)
    fn = len(page.with_) - tp
    # Per-page figures only rank the worst pages; the corpus score uses the totals.
    absent = len(page.without) - fp
    return PageScore(tp, fp, fn, absent / len(page.without) if page.without else 1.0,
                     tp / len(page.with_) if page.with_ else 1.0)


@dataclass
class CorpusScore:
    corpus: str
    pages: dict[str, PageScore] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        if self.corpus == "readability":
            return sum(s.precision for s in self.pages.values()) / max(len(self.pages), 1)
        tp = sum(s.tp for s in self.pages.values())
        fp = sum(s.fp for s in self.pages.values())
        return tp / (tp + fp) if tp + fp else 0.0

    @property
    def recall(self) -> float:
        if self.corpus == "readability":
            return sum(s.recall for s in self.pages.values()) / max(len(self.pages), 1)
        tp = sum(s.tp for s in self.pages.values())
        fn = sum(s.fn for s in self.pages.values())
        return tp / (tp + fn) if tp + fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / max(len(self.pages), 1)


def evaluate(pages: Iterator[Page], extractors: dict[str, Extractor]) -> dict[str, CorpusScore]:
    """Score every extractor on every page, alternating extractors page by page."""
    scores: dict[str, CorpusScore] = {}
    for page in pages:
        for label, extractor in extractors.items():
            score = scores.setdefault(label, CorpusScore(page.corpus))
            start = time.process_time()
            text = extractor(page.html, page.url)
            score.seconds += time.process_time() - start
            score.pages[page.name] = score_page(page, text)
    return scores


def corpus_pages(corpus: str, names: list[str] | None = None) -> Iterator[Page]:
    return readability_pages(names) if corpus == "readability" else trafilatura_eval_pages(names)


# ---------------------------------------------------------------- the make-test gate

GATE = Path(__file__).resolve().parent / "extraction_gate.json"
GATE_TOLERANCE = 0.005  # a drop of more than this below a pinned floor fails the suite
GATE_EVERY_NTH_EVAL_PAGE = 5  # all readability pages, every 5th trafilatura-eval page


def gate_sample() -> dict[str, list[str]]:
    """The gate's fixed pages: chosen by position in the sorted names, never by score."""
    return {"readability": readability_names(),
            "trafilatura-eval": trafilatura_eval_names()[::GATE_EVERY_NTH_EVAL_PAGE]}


def gate_digest(sample: dict[str, list[str]]) -> str:
    """Digest of the sample's names and bytes: floors only compare on the same pages."""
    import hashlib

    digest = hashlib.sha256()
    evaldata = json.loads((TRAFILATURA_EVAL / "evaldata.json").read_text(encoding="utf-8"))
    for name in sample["readability"]:
        digest.update(name.encode())
        for part in ("source.html.gz", "expected.html.gz"):
            digest.update((READABILITY / name / part).read_bytes())
    for key in sample["trafilatura-eval"]:
        entry = evaldata[key]
        digest.update(json.dumps([key, entry], sort_keys=True).encode())
        digest.update((TRAFILATURA_EVAL / "html" / f"{entry['file']}.gz").read_bytes())
    return digest.hexdigest()


def gate_scores(extractor: Extractor = ours) -> dict[str, CorpusScore]:
    sample = gate_sample()
    return {corpus: evaluate(corpus_pages(corpus, names), {"archiver": extractor})["archiver"]
            for corpus, names in sample.items()}


def pin_gate(allow_lower: bool = False) -> int:
    """Write the gate's floors: upward only, unless ``allow_lower`` says otherwise."""
    sample = gate_sample()
    scores = gate_scores()
    old = json.loads(GATE.read_text()) if GATE.exists() else {"floors": {}}
    floors = {}
    for corpus, score in scores.items():
        new, before = round(score.f1, 4), old["floors"].get(corpus)
        if before is not None and new < before and not allow_lower:
            print(f"{corpus}: F1 {new:.4f} is below the pinned floor {before:.4f}; "
                  "not lowered (--allow-lower to lower it on purpose)", file=sys.stderr)
            return 1
        floors[corpus] = new
        print(f"{corpus}: {len(score.pages)} pages, F1 {before} -> {new:.4f}")
    GATE.write_text(json.dumps({"floors": floors, "pages": {c: len(n) for c, n in sample.items()},
                                "digest": gate_digest(sample)}, indent=2) + "\n")
    print(f"wrote {GATE.relative_to(ROOT)}")
    return 0


# ---------------------------------------------------------------- report


def print_table(results: dict[str, dict[str, CorpusScore]]) -> None:
    print(f"{'corpus':18} {'extractor':12} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'ms/page':>8}")
    for corpus, scores in results.items():
        for label, s in scores.items():
            print(f"{corpus:18} {label:12} {len(s.pages):5d} {s.precision:6.3f} {s.recall:6.3f} "
                  f"{s.f1:6.3f} {s.ms_per_page:8.1f}")
        a, b = scores["archiver"], scores["trafilatura"]
        print(f"{corpus:18} {'ratio':12} {'':5} {'':6} {'':6} F1 {a.f1 - b.f1:+.3f}  "
              f"time x{a.ms_per_page / b.ms_per_page if b.ms_per_page else float('inf'):.2f}")


def print_worst(results: dict[str, dict[str, CorpusScore]], count: int) -> None:
    losses = []
    for corpus, scores in results.items():
        a, b = scores["archiver"], scores["trafilatura"]
        for name, mine in a.pages.items():
            theirs = b.pages[name]
            losses.append((theirs.f1 - mine.f1, corpus, name, mine, theirs))
    losses.sort(key=lambda item: -item[0])
    print(f"\n{count} pages where the archiver loses most against trafilatura (page F1):")
    for loss, corpus, name, mine, theirs in losses[:count]:
        print(f"  {loss:+.3f}  {corpus:16} {name[:60]:60} archiver P={mine.precision:.2f} R={mine.recall:.2f}"
              f"  trafilatura P={theirs.precision:.2f} R={theirs.recall:.2f}")


def date_agreement() -> None:
    """Publication dates against Readability's expected ``publishedTime``: the archiver's
    (metadata, checked against htmldate) and htmldate's own, same calendar day counted."""
    import htmldate

    from archiver.extract.article import extract_article

    total = ours_right = theirs_right = 0
    for name in readability_names():
        meta = json.loads((READABILITY / name / "expected-metadata.json").read_text(encoding="utf-8"))
        want = (meta.get("publishedTime") or "")[:10]
        if not want:
            continue
        html = _decode(gzip.decompress((READABILITY / name / "source.html.gz").read_bytes()))
        total += 1
        ours_right += (extract_article(html, PAGE_URL).published or "")[:10] == want
        theirs_right += (htmldate.find_date(html, original_date=True) or "")[:10] == want
    print(f"\npublication dates, readability pages with publishedTime ({total}): "
          f"archiver {ours_right}/{total} right, htmldate {theirs_right}/{total} right")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=["readability", "trafilatura-eval", "all"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each corpus")
    parser.add_argument("--sample", action="store_true", help="only the make-test gate's fixed sample")
    parser.add_argument("--worst", type=int, default=15)
    parser.add_argument("--pin-gate", action="store_true", help="raise the make-test gate's F1 floors")
    parser.add_argument("--allow-lower", action="store_true", help="with --pin-gate: allow lowering a floor")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if not CORPORA.is_dir():
        print(f"no corpora at {CORPORA}", file=sys.stderr)
        return 2
    if args.pin_gate:
        return pin_gate(args.allow_lower)
    corpora = ["readability", "trafilatura-eval"] if args.corpus == "all" else [args.corpus]
    results = {}
    for corpus in corpora:
        names = readability_names() if corpus == "readability" else trafilatura_eval_names()
        if args.sample:
            names = gate_sample()[corpus]
        if args.limit:
            names = names[:args.limit]
        results[corpus] = evaluate(corpus_pages(corpus, names),
                                   {"archiver": ours, "trafilatura": plain_trafilatura})
    print_table(results)
    if args.worst:
        print_worst(results, args.worst)
    if "readability" in results and not args.limit:
        date_agreement()
    return 0


if __name__ == "__main__":
    sys.exit(main())
