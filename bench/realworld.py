"""Snippet check of body extraction on real-world pages: ``python bench/realworld.py [DIR]``.

THE PAGES ARE NOT SHIPPED with this repository (they are third-party web pages). Put them
in a folder of your own, by default ``/work/realworld`` (or pass the folder as the first
argument, or set ``ARCHIVER_REALWORLD_DIR``), one pair of files a page:

* ``NAME.html``: the page as fetched (any encoding; decoded as the crawler would);
* ``NAME.json``: ``{"url": "...", "with": [...], "without": [...]}`` where ``with`` lists
  snippets the extracted main text must contain and ``without`` snippets it must not
  (navigation, related links, comments, footers...). Optional keys (``kind``, ``source``)
  are shown with ``--pages``.

This is the style of check trafilatura's own evaluation uses: a page scores
``with`` found / ``with`` total (a recall proxy) and ``without`` absent / ``without`` total
(a precision proxy); the summary is the mean of each over the pages and the harmonic mean
of the two means. Snippets are compared after collapsing whitespace (case-sensitive).

Scored: ``archiver.extract.article.extract_article`` (its ``body_html`` as text),
``trafilatura.extract(html)`` and ``trafilatura.extract(html, favor_precision=True)``.
``--pages`` prints per-page figures and the missed / leaked snippets; timing is reported
as mean milliseconds a page for each extractor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path(os.environ.get("ARCHIVER_REALWORLD_DIR", "/work/realworld"))
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class PageResult:
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def precision(self) -> float:
        total = len(self.absent) + len(self.leaked)
        return len(self.absent) / total if total else 1.0


def harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def ours(html: str, url: str) -> str:
    from archiver.extract.article import extract_article, text_of_html

    return text_of_html(extract_article(html, url).body_html)


def trafilatura_plain(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def trafilatura_precision(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True) or ""


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "ours": ours,
    "trafilatura": trafilatura_plain,
    "traf-precision": trafilatura_precision,
}


def load_pages(directory: Path) -> list[tuple[str, str, dict]]:
    from archiver.core.encoding import decode_html

    pages = []
    for path in sorted(directory.glob("*.html")):
        spec_path = path.with_suffix(".json")
        if not spec_path.exists():
            continue
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        html, _ = decode_html(path.read_bytes(), None)
        pages.append((path.stem, html, spec))
    return pages


def score(text: str, spec: dict) -> PageResult:
    got = _norm(text)
    result = PageResult()
    for snippet in spec.get("with", []):
        (result.found if _norm(snippet) in got else result.missed).append(snippet)
    for snippet in spec.get("without", []):
        (result.leaked if _norm(snippet) in got else result.absent).append(snippet)
    return result


def run(extractor: Callable[[str, str], str], pages: list[tuple[str, str, dict]],
        repeat: int = 1) -> dict[str, PageResult]:
    results = {}
    for name, html, spec in pages:
        url = spec.get("url") or f"https://example.com/{name}"
        start = time.perf_counter()
        for _ in range(repeat):
            text = extractor(html, url)
        elapsed = (time.perf_counter() - start) / repeat
        result = score(text, spec)
        result.seconds = elapsed
        results[name] = result
    return results


def summary(results: dict[str, PageResult]) -> tuple[float, float, float, float]:
    n = max(len(results), 1)
    recall = sum(r.recall for r in results.values()) / n
    precision = sum(r.precision for r in results.values()) / n
    ms = 1000 * sum(r.seconds for r in results.values()) / n
    return recall, precision, harmonic(precision, recall), ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR,
                        help=f"folder of NAME.html + NAME.json pairs (default {DEFAULT_DIR})")
    parser.add_argument("--pages", action="store_true", help="per-page figures and misses")
    parser.add_argument("--only", choices=sorted(EXTRACTORS), action="append",
                        help="score only these extractors (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="runs a page, for timing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    if not args.directory.is_dir():
        print(f"no page folder at {args.directory}: the real-world pages are not shipped with "
              "the repository; put NAME.html + NAME.json pairs there (see this script's "
              "docstring) or pass another folder.", file=sys.stderr)
        return 2
    pages = load_pages(args.directory)
    if not pages:
        print(f"no NAME.html + NAME.json pairs in {args.directory}", file=sys.stderr)
        return 2

    names = args.only or list(EXTRACTORS)
    all_results = {name: run(EXTRACTORS[name], pages, args.repeat) for name in names}
    if args.pages:
        for page, _, spec in pages:
            kind = spec.get("kind", "")
            cells = "  ".join(
                f"{name} R={all_results[name][page].recall:.2f} P={all_results[name][page].precision:.2f}"
                for name in names)
            print(f"{page:34} {kind:9} {cells}")
            for name in names:
                res = all_results[name][page]
                if res.missed:
                    print(f"    {name} missed: {res.missed}")
                if res.leaked:
                    print(f"    {name} leaked: {res.leaked}")
        print()
    kinds = sorted({spec.get("kind", "?") for _, _, spec in pages})
    print(f"pages: {len(pages)} from {args.directory} (kinds: {', '.join(kinds)})")
    print("snippet check: R = share of 'with' snippets found, P = share of 'without' "
          "snippets absent, F = harmonic mean (page means)")
    for name in names:
        recall, precision, f, ms = summary(all_results[name])
        print(f"{name:15} R={recall:.3f} P={precision:.3f} F={f:.3f}   {ms:7.1f} ms/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
