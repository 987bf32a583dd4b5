"""Hostile titles: file names stay safe and unique, front matter loads back, and
invisible control characters (NUL, ESC, RTL overrides) never reach a post."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
import yaml

from archiver.archive.atomic import write_atomic
from archiver.archive.paths import SLUG_MAX_BYTES, post_relpath, unique_slug
from archiver.archive.render import render_post
from archiver.core.text import clean_title

DATE = "2024-05-01T08:00:00+08:00"
TITLES = {
    "cjk-300-bytes": ("中文标题测试" * 17)[:100],
    "emoji-only": "😀🎉🔥👨‍👩‍👧",
    "punctuation-only": "!!!???...“”——",
    "dashes": "---",
    "front-matter-break": "a\n---\nb: c\n---\n",
    "nunjucks": "{% raw %}x{% endraw %} {{ title }}",
    "nul-and-controls": "nul\x00here\x01\x07\x1b[31m red",
    "rtl-override": "invoice\u202egpj.exe",
    "windows-reserved": "CON",
    "dots": "..",
    "path-traversal": "../../etc/passwd",
    "yaml-special": "null: &anchor *alias !tag | > # comment",
    "bom": "\ufeffBOM title",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_title_makes_a_safe_name_and_loadable_front_matter(name: str, tmp_path: Path) -> None:
    title = clean_title(TITLES[name])
    assert title
    slug = unique_slug(title, f"guid-{name}")
    relpath = post_relpath("source", DATE, slug)
    assert relpath.parts[:3] == ("posts", "source", "2024") and len(relpath.parts) == 4
    assert len(slug.encode()) <= SLUG_MAX_BYTES and slug.strip("-")
    assert not set('/\\:*?"<>|\x00') & set(relpath.name) and not relpath.name.startswith(".")
    assert all(ord(c) >= 32 and c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for c in relpath.name)

    text = render_post({"title": title, "date": DATE, "comments": False}, "<p>body {{ x }}</p>")
    path = tmp_path / relpath
    write_atomic(path, text)
    raw = path.read_bytes()
    assert b"\x00" not in raw and b"\x1b" not in raw and "\u202e".encode() not in raw
    post = frontmatter.load(path)
    assert post["title"] == title and post["comments"] is False
    assert yaml.safe_load(raw.decode().split("---\n")[1])["title"] == title
    assert post.content == "body &#123;&#123; x &#125;&#125;"  # the body's template syntax is escaped too


def test_invisible_characters_are_dropped_visible_ones_kept() -> None:
    assert clean_title("nul\x00here\x01\x07\x1b[31m red") == "nulhere[31m red"
    assert clean_title("invoice\u202egpj.exe") == "invoicegpj.exe"
    assert clean_title("&#x202E;evil&#0;") == "evil\ufffd"  # escaped, then dropped
    assert clean_title("\ufeffBOM title") == "BOM title"
    # Joiners and direction marks are part of real text: a family emoji, Persian, Hebrew.
    assert clean_title("👨‍👩‍👧 می‌خواهم \u200fשלום") == "👨‍👩‍👧 می‌خواهم \u200fשלום"
    assert clean_title("a\n---\nb") == "a --- b"


def test_same_title_and_date_give_two_names() -> None:
    taken: dict[str, str] = {}
    for key in ("guid-1", "guid-2"):
        slug = unique_slug("同一个标题", key, lambda s, key=key: s in taken and taken[s] != key)
        taken[slug] = key
    assert len(taken) == 2
