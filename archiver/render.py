"""Render an article as a Hexo/Hugo post: YAML front matter plus a body (pure)."""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import frontmatter
import html_to_markdown
import lxml.html
import yaml
from markdown_it import MarkdownIt

from .htmlclean import limit_nesting, parse_fragment, safe_url_scheme, strip_control_characters
from .text import html_to_text

logger = logging.getLogger(__name__)

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

_MARKDOWN_OPTIONS = html_to_markdown.ConversionOptions(
    heading_style="atx",
    code_block_style="backticks",
    bullets="-",
    wrap=False,
)


_EMPHASIS_TAGS = ("strong", "b", "em", "i")


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def move_punctuation_out_of_emphasis(fragment: str) -> str:
    """``<strong>“饭碗”</strong>`` -> ``“<strong>饭碗</strong>”``.

    CommonMark only opens ``**`` before punctuation when whitespace or punctuation comes
    before it, so ``就业与**“饭碗”**`` would print its asterisks in Hexo, Hugo and every
    feed reader. Chinese text puts quote marks right against the bold words all the
    time; moving the marks outside the emphasis keeps every character and the bold.
    """
    if not any(f"<{tag}" in fragment for tag in _EMPHASIS_TAGS):
        return fragment
    root = parse_fragment(fragment)
    if root is None:
        return fragment
    changed = False
    for element in root.iter(*_EMPHASIS_TAGS):
        text = element.text or ""
        if not len(element) and all(_is_punctuation(c) or c.isspace() for c in text):
            continue  # nothing but punctuation: no word for the emphasis to hold on to
        lead = 0
        while lead < len(text) and _is_punctuation(text[lead]):
            lead += 1
        if lead and (len(text) > lead or len(element)):
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + text[:lead]
            else:
                parent = element.getparent()
                parent.text = (parent.text or "") + text[:lead]
            element.text = text[lead:]
            changed = True
        if len(element):
            continue  # trailing text belongs to a child element: leave it
        text = element.text or ""
        trail = 0
        while trail < len(text) - 1 and _is_punctuation(text[len(text) - 1 - trail]):
            trail += 1
        if trail:
            element.text = text[: len(text) - trail]
            element.tail = text[len(text) - trail:] + (element.tail or "")
            changed = True
    if not changed:
        return fragment
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


# --- text stays text -------------------------------------------------------------------
#
# html-to-markdown decodes the text of the HTML and writes it out as it is: the text
# "<script>" (``&lt;script&gt;`` in the HTML) became a live <script> element in every
# renderer that allows raw HTML (Hexo's marked, markdown-it with html=True, Hugo with
# unsafe, python-markdown), and "*x*" or "[a](b)" shown as text became emphasis or a link.
# Its own escape options do not fit: escape_misc/escape_ascii backslash-escape every
# ASCII punctuation mark everywhere ("alert\(1\)", "e\-mail"), and python-markdown
# does not know "\<" as an escape, so it would still see a tag. Instead, each character
# of a text node (outside code, which renderers show literally) that could start markup
# is swapped for a placeholder before conversion, and the placeholder for its escape
# after: "<" and an entity-like "&" as character references (inert in every Markdown
# and HTML renderer), Markdown's inline syntax with a backslash, and what would start a
# block ("# ", "1. ", "> ", "---") where a text node begins (it may begin a line).
_PLACEHOLDER_BASE = 0xFDD0  # Unicode noncharacters U+FDD0..U+FDEF: never text, stripped first
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
# character -> its escape. Backslash escapes only for what python-markdown knows too
# ("\\~", "\\|" and "\\=" it prints as they are); references for the rest.
_ESCAPES = {"<": "&lt;", "&": "&amp;", ">": "&gt;", "~": "&#126;", "|": "&#124;", "=": "&#61;",
            **{char: "\\" + char for char in "\\`*_[]#-+.)"}}
_PLACEHOLDERS = {char: chr(_PLACEHOLDER_BASE + index) for index, char in enumerate(_ESCAPES)}
_RESTORE = {_PLACEHOLDERS[char]: escape for char, escape in _ESCAPES.items()}
# "&" where it could start a character reference: "&lt;", and "&#x6A" without the ";"
# that python-markdown and browsers still read.
_MARKUP_IN_TEXT = re.compile(r"<|&(?=#|[0-9A-Za-z]+;)|[\\`*\[\]~|]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# What starts a block when it begins a line: a heading, quote, list item, setext
# underline or thematic break. A text node may begin a line in the Markdown (in a list
# item, after a <br>), and the converter only escapes these at the start of a paragraph.
_BLOCK_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d{1,9})([.)]))")
_LITERAL_ELEMENTS = frozenset({"code", "pre", "kbd", "samp"})


def _placeholder(match: re.Match[str]) -> str:
    return _PLACEHOLDERS[match.group(0)]


def _block_start_placeholder(match: re.Match[str]) -> str:
    space, mark, digits, delimiter = match.groups()
    return space + (_PLACEHOLDERS[mark] if mark else digits + _PLACEHOLDERS[delimiter])


def _mark_text(text: str | None) -> str | None:
    if not text:
        return text
    return _MARKUP_IN_TEXT.sub(_placeholder, _BLOCK_START.sub(_block_start_placeholder, text, count=1))


# Attribute values the converter writes into the Markdown as text: an image's
# description (it only escapes "]" there, so a backtick could pair with one in the URL),
# an <abbr>'s expansion ("ab (title)"), and a link's title, which becomes its text when
# the link has none. They get the placeholders text nodes get.
_TEXT_ATTRIBUTES = {"img": "alt", "abbr": "title", "a": "title"}
# URLs end up in Markdown destinations and autolinks (a blockquote's cite becomes
# "— <url>"): these characters would end them early, so they are percent-encoded, as a
# browser would when following the URL.
_URL_ATTRIBUTES = ("href", "src", "cite", "poster")
_URL_BREAKERS = re.compile(r'[\x00-\x20<>"`\\^{|}\x7f]')


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8"))


def mark_markup_in_text(fragment: str, code_spans: bool = True) -> str:
    """Swap the markup characters of every text node (and text-like attribute) outside
    code for placeholders; make URLs safe to write into Markdown. Without
    ``code_spans``, inline code (not in <pre>) is written as plain text."""
    root = parse_fragment(fragment)
    if root is None:
        return fragment
    if not code_spans:
        for code in list(root.iter(*_LITERAL_ELEMENTS)):
            if code.tag != "pre" and not any(a.tag == "pre" for a in code.iterancestors()):
                code.tag = "span"

    def literal(element: lxml.html.HtmlElement) -> bool:
        return element.tag in _LITERAL_ELEMENTS or any(a.tag in _LITERAL_ELEMENTS for a in element.iterancestors())

    for link in list(root.iter("a")):
        if not link.text_content().strip() and not any(True for _ in link.iter("img")):
            link.drop_tag()  # no text to show: the converter would print its title or URL
    root.text = _mark_text(root.text)
    for element in root.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        for url_attribute in _URL_ATTRIBUTES:
            if element.get(url_attribute):
                element.set(url_attribute, _URL_BREAKERS.sub(_percent_encode, element.get(url_attribute)))
        if not literal(element):
            element.text = _mark_text(element.text)
            text_attribute = _TEXT_ATTRIBUTES.get(element.tag)
            if text_attribute and element.get(text_attribute):
                element.set(text_attribute, _MARKUP_IN_TEXT.sub(_placeholder, element.get(text_attribute)))
        # The tail is the parent's text: literal only when the parent is.
        if not literal(element.getparent()):
            element.tail = _mark_text(element.tail)
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def restore_escapes(markdown: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in markdown) if _NONCHARACTERS.search(markdown) else markdown


# The check on every converted body: parsed as Hexo/Hugo would (CommonMark with raw HTML,
# and with GFM tables and strikethrough, which split lines differently), the Markdown
# must hold no raw HTML at all (all text was escaped) and no link or image to a scheme
# nh3 would refuse. The converter has quirks (two adjacent inline code spans merge
# their backticks, and the text between them became raw HTML), so this is checked, not
# assumed.
_PARSERS = (MarkdownIt("commonmark"), MarkdownIt("commonmark").enable(["table", "strikethrough"]))
for _parser in _PARSERS:
    # markdown-it itself drops javascript: links; other renderers (marked) may not, so
    # every link is parsed as one here and its scheme judged like nh3's allow-list.
    _parser.validateLink = lambda url: True  # type: ignore[method-assign]
_RAW_HTML_TOKENS = frozenset({"html_inline", "html_block"})


def carries_markup(markdown: str) -> str | None:
    """Why the Markdown would render something the sanitized article did not have, or None."""
    for parser in _PARSERS:
        tokens = parser.parse(markdown)
        while tokens:
            token = tokens.pop()
            tokens.extend(token.children or ())
            if token.type in _RAW_HTML_TOKENS:
                return f"raw HTML {token.content.strip()[:60]!r}"
            target = token.attrGet("href") if token.type == "link_open" else (
                token.attrGet("src") if token.type == "image" else None)
            if target is not None and not safe_url_scheme(str(target)):
                return f"a link to {str(target)[:60]!r}"
    return None


def _convert(fragment: str, code_spans: bool) -> str:
    marked = mark_markup_in_text(fragment, code_spans=code_spans)
    return restore_escapes((html_to_markdown.convert(marked, _MARKDOWN_OPTIONS).content or "").strip())


def html_to_markdown_text(fragment: str) -> str:
    """Markdown for a sanitized fragment: headings, lists, quotes, tables, code, links
    and images kept; text renders back to the same text (see above)."""
    if not fragment.strip():
        return ""
    # Sanitized HTML is neither this deep nor holds control characters; a caller's own
    # HTML might, and html-to-markdown silently drops text nested thousands deep.
    fragment = limit_nesting(_NONCHARACTERS.sub("", strip_control_characters(fragment)))
    fragment = move_punctuation_out_of_emphasis(fragment)
    markdown = _convert(fragment, code_spans=True)
    problem = carries_markup(markdown)
    if problem is None:
        return markdown
    logger.warning("Markdown conversion gave %s; writing inline code as plain text", problem)
    markdown = _convert(fragment, code_spans=False)
    problem = carries_markup(markdown)
    if problem is None:
        return markdown
    # Nothing the converter makes of it is safe: the article's text, paragraph by paragraph.
    logger.warning("Markdown conversion gave %s; writing the text only", problem)
    return _convert(f"<p>{html.escape(html_to_text(fragment))}</p>", code_spans=False)


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
    if body_format not in BODY_FORMATS:
        raise ValueError(f"body format must be one of {BODY_FORMATS}, not {body_format!r}")
    body = html_to_markdown_text(body_html) if body_format == "markdown" else body_html.strip()
    if escape_templates:
        body = escape_template_syntax(body)
    post = frontmatter.Post(body, **ordered_front_matter(fields))
    # width: keep each value on one line (Hexo's and Hugo's parsers both accept folded
    # lines, but one line per key diffs and greps better).
    text = frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=1_000_000)
    return text.rstrip("\n") + "\n"


def read_front_matter(path: Path) -> dict[str, Any] | None:
    """The front matter of an existing post, or None when it is missing or unreadable."""
    try:
        return dict(frontmatter.loads(path.read_text(encoding="utf-8")).metadata)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
        return None
