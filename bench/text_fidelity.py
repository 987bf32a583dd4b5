"""Does the Markdown of real articles render back to their text? ``python bench/text_fidelity.py``

For every article of the Readability corpus (``../shared/corpora/readability/*/
expected.html.gz``: real articles from bbc, cnn, nytimes, lemonde, qq, ...), the body
is sanitized as the pipeline does, converted to Markdown twice in the same run:

* baseline: html-to-markdown with our options and nothing else (the converter as it was
  before issue #9: text written out unescaped);
* ours: ``archiver.archive.markdown_body.html_to_markdown_text`` (text nodes escaped for Markdown and
  HTML).

Each Markdown is rendered as Hexo does (markdown-it, CommonMark, raw HTML on) and the
rendered text compared with the sanitized article's text (whitespace-insensitive):

* pages whose rendered text differs from the article's text (lower is better);
* elements in the rendered page that the sanitized article did not have (emphasis,
  links, raw HTML made from text; lower is better);
* the Markdown's size (escapes cost bytes; the ratio says how many).

Ratios are ours / baseline, measured in this run.
"""

from __future__ import annotations

import gzip
import re
import sys
import time
from collections import Counter
from pathlib import Path

import html_to_markdown
import lxml.html
from markdown_it import MarkdownIt

from archiver.archive.markdown_body import CONVERTER_OPTIONS, html_to_markdown_text
from archiver.core.htmlclean import sanitize_html

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "readability"
RENDERER = MarkdownIt("commonmark", {"html": True})
BASE_URL = "http://fakehost/test/page.html"


def _text(html: str) -> str:
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return re.sub(r"\s+", "", root.text_content())


def _tags(html: str) -> Counter[str]:
    if not html.strip():
        return Counter()
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return Counter(str(element.tag) for element in root.iter() if isinstance(element.tag, str))


def baseline_markdown(fragment: str) -> str:
    return (html_to_markdown.convert(fragment, CONVERTER_OPTIONS).content or "").strip()


def main() -> int:
    pages = sorted(CORPUS.glob("*/expected.html.gz"))
    if not pages:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    results: dict[str, dict[str, float]] = {}
    for name, convert in (("baseline", baseline_markdown), ("ours", html_to_markdown_text)):
        differing = extra_elements = size = 0
        examples: list[str] = []
        started = time.perf_counter()
        for page in pages:
            sanitized = sanitize_html(gzip.decompress(page.read_bytes()).decode("utf-8"), BASE_URL)
            markdown = convert(sanitized)
            rendered = RENDERER.render(markdown)
            size += len(markdown.encode())
            if _text(rendered) != _text(sanitized):
                differing += 1
                examples.append(page.parent.name)
            # Markdown maps b->strong, i->em; count elements beyond what the article had.
            source = _tags(sanitized.replace("<b>", "<strong>").replace("</b>", "</strong>")
                           .replace("<i>", "<em>").replace("</i>", "</em>"))
            extra_elements += sum((_tags(rendered) - source)[tag] for tag in ("em", "strong", "a", "script", "img"))
        results[name] = {"differing": differing, "extra": extra_elements, "size": size,
                         "seconds": time.perf_counter() - started}
        print(f"{name:8} pages whose rendered text differs: {differing}/{len(pages)}; "
              f"elements not in the article: {extra_elements}; Markdown {size / 1024:.0f} KiB; "
              f"{results[name]['seconds']:.2f}s")
        if examples:
            print(f"         e.g. {', '.join(examples[:8])}")
    base, ours = results["baseline"], results["ours"]

    def ratio(key: str) -> str:
        return f"{ours[key] / base[key]:.3f}" if base[key] else ("1.000" if not ours[key] else "inf")

    print(f"ratio ours/baseline: differing pages {ratio('differing')}, extra elements {ratio('extra')}, "
          f"Markdown size {ratio('size')}, time {ratio('seconds')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
