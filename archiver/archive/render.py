"""Render an article as a Hexo/Hugo post: YAML front matter plus a body (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from archiver.archive.markdown_body import convert_body, html_to_markdown_text  # noqa: F401  (archiver.archive.render.html_to_markdown_text: its old home)
from archiver.archive.store import decode_text

# The order Hexo themes (and the archive we replace) list them in; extras go last.
FRONT_MATTER_ORDER = (
    "title", "categories", "tags", "author", "date", "updated", "headimg", "thumbnail",
    "comments", "source_url", "guid", "description", "source", "lang",
)
BODY_FORMATS = ("markdown", "html")

# Hexo runs posts through Nunjucks and Hugo runs {{< >}} / {{% %}} shortcodes: template
# syntax in an article would be executed or break the site's build. Outside code it is
# written with HTML character references (&#123; is "{"), which every Markdown renderer
# and feed reader shows as the character and no template engine sees. Fenced code is
# left alone (Hexo protects it); an inline code span, where references would show
# literally, gets Hexo's {% raw %} around it.
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_RAW_OPEN, _RAW_CLOSE = "{% raw %}", "{% endraw %}"
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")

def _reference(match: re.Match[str]) -> str:
    return match.group(0).replace("{", "&#123;").replace("}", "&#125;")


def _escape_line(line: str) -> str:
    out, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        out.append(_TEMPLATE_SYNTAX.sub(_reference, line[last:span.start()]))
        code = span.group(0)
        if _TEMPLATE_SYNTAX.search(code) and "raw %}" not in code:
            code = f"{_RAW_OPEN}{code}{_RAW_CLOSE}"
        out.append(code)
        last = span.end()
    out.append(_TEMPLATE_SYNTAX.sub(_reference, line[last:]))
    return "".join(out)


def escape_template_syntax(body: str) -> str:
    """Make {{ }}, {% %} and {# #} print literally in Hexo and Hugo (see above)."""
    if not _TEMPLATE_SYNTAX.search(body):
        return body
    lines, fence = [], None
    for line in body.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            lines.append(line)
        elif opening:
            fence = opening.group(1)
            lines.append(line)
        else:
            lines.append(_escape_line(line))
    return "\n".join(lines)


def ordered_front_matter(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Known keys in FRONT_MATTER_ORDER, then any others; empty values dropped
    (``comments: false`` is a value and stays)."""
    def has_value(value: Any) -> bool:
        return value is not None and value != "" and value != [] and value != {}

    ordered = {key: fields[key] for key in FRONT_MATTER_ORDER if key in fields and has_value(fields[key])}
    ordered.update({key: value for key, value in fields.items() if key not in ordered and has_value(value)})
    return ordered


def render_post(fields: Mapping[str, Any], body_html: str, body_format: str = "markdown",
                escape_templates: bool = True) -> str:
    """The whole post file as text: ``---`` YAML ``---`` then the body.

    The YAML comes from PyYAML's safe dumper (via python-frontmatter), never from string
    formatting, so a title with quotes, colons, ``---`` or ``{% %}`` stays a title.
    """
    return render_post_reporting(fields, body_html, body_format, escape_templates)[0]


def render_post_reporting(fields: Mapping[str, Any], body_html: str, body_format: str = "markdown",
                          escape_templates: bool = True) -> tuple[str, str | None]:
    """:func:`render_post`, and the Markdown fallback the body needed (see
    ``markdown_body.convert_body``), or None."""
    if body_format not in BODY_FORMATS:
        raise ValueError(f"body format must be one of {BODY_FORMATS}, not {body_format!r}")
    fallback = None
    if body_format == "markdown":
        body, fallback = convert_body(body_html)
    else:
        body = body_html.strip()
    if escape_templates:
        body = escape_template_syntax(body)
    post = frontmatter.Post(body, **ordered_front_matter(fields))
    # width: keep each value on one line (Hexo's and Hugo's parsers both accept folded
    # lines, but one line per key diffs and greps better).
    text = frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=1_000_000)
    return text.rstrip("\n") + "\n", fallback


def parse_post(text: str) -> frontmatter.Post:
    """The one way a post is read back (writer, state rebuild, feeds, site, demo): its
    front matter and body. Raises yaml.YAMLError or ValueError on broken front matter."""
    return frontmatter.loads(text)


def read_front_matter(path: Path) -> dict[str, Any] | None:
    """The front matter of an existing post, or None when it is missing or unreadable."""
    try:
        return parse_front_matter(path.read_bytes())
    except OSError:
        return None


def parse_front_matter(data: bytes | None) -> dict[str, Any] | None:
    """The front matter of a post's bytes (read from any archive store), or None when
    there are none or they are unreadable."""
    if data is None:
        return None
    try:
        return dict(parse_post(decode_text(data)).metadata)
    except (UnicodeDecodeError, yaml.YAMLError, ValueError):
        return None
