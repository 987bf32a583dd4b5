"""A sanitized HTML fragment as Markdown whose text stays text (pure).

Headings, lists, quotes, tables, code, links and images become Markdown; every text
node is escaped so that it renders back to the same text in Hexo's marked, Hugo's
goldmark, markdown-it and python-markdown, never to an element, emphasis or a link the
article did not have; and the result is checked (carries_markup) before it is used.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata

import html_to_markdown
import lxml.html
from markdown_it import MarkdownIt

from archiver.core.htmlclean import limit_nesting, parse_fragment, safe_url_scheme, strip_control_characters
from archiver.core.text import html_to_text

logger = logging.getLogger(__name__)

CONVERTER_OPTIONS = html_to_markdown.ConversionOptions(
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
# after: "<", "&" that could start a reference, "~", "|" and "=" as character references
# (inert in every Markdown and HTML renderer), the rest of Markdown's inline syntax with
# a backslash, and what would start a block ("# ", "1. ", "> ", "---") where a text node
# begins (it may begin a line).
_PLACEHOLDER_BASE = 0xFDD0  # Unicode noncharacters U+FDD0..U+FDEF: never text, stripped first
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
# character -> its escape. Backslash escapes only for what python-markdown knows too
# ("\\~", "\\|" and "\\=" it prints as they are); references for the rest.
_ESCAPES = {"<": "&lt;", "&": "&amp;", ">": "&gt;", "~": "&#126;", "|": "&#124;", "=": "&#61;",
            **{char: "\\" + char for char in "\\`*_[]#-+.)"}}
_PLACEHOLDERS = {char: chr(_PLACEHOLDER_BASE + index) for index, char in enumerate(_ESCAPES)}
_RESTORE = str.maketrans({_PLACEHOLDERS[char]: escape for char, escape in _ESCAPES.items()})
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
    return markdown.translate(_RESTORE)


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
    # Judged as written (entities and escapes undone), not percent-encoded and punycoded
    # for output: encoding can never make a scheme appear, only hide one ("java\tscript:"
    # becomes "java%09script:"), and it is a fifth of the parse on link-heavy bodies.
    _parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
_RAW_HTML_TOKENS = frozenset({"html_inline", "html_block"})


# A cheap look at the source that proves most bodies clean without parsing them: on the
# Markdown of the corpora's 1,120 pages it took 0.5 ms a page against 10 ms for the parse,
# and left 1% of them to the parse. It reads CommonMark's grammar, not one parser's
# output, and anything it cannot prove goes to the full parse:
# - every raw HTML construct (open or closing tag, comment, processing instruction,
#   declaration, CDATA) and every autolink starts with a literal "<" followed by a
#   letter, "/", "!" or "?" (a "<" from an entity or an escape never starts one). Each
#   such "<" must be a letter's and begin a complete autolink, which is never a tag (its
#   name would hold ":" or "@") and whose target is then judged like any link;
# - every link or image destination follows "](" or "]:", after blanks, at most one
#   line break and the next line's blockquote markers. A destination in <pointy
#   brackets> may hold blanks, so it is left to the parser; a bare one ends at the first
#   blank, and is judged with its escapes and character references undone.
# tests/unit/test_render_escaping.py checks on generated hostile Markdown that nothing
# it calls clean is found unclean by the parse.
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\x00-\x20<>]*"  # <scheme:...>
    # <user@host>, the user starting with a letter: "<!x@y.z>" and "<?x@y.z>" start HTML blocks
    r"|[A-Za-z][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>")
# "](" or "]:", blanks and blockquote markers, then "<" (pointy) or a bare destination.
_DESTINATION = re.compile(r"\][(:](?=[\x00-\x20>]*(<?)([^\x00-\x20]*))")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _plainly_free_of_markup(markdown: str) -> bool:
    """True only when no CommonMark parse of ``markdown`` can hold raw HTML or a link to a
    scheme nh3 would refuse (see above); False means "parse it and see"."""
    for start in _MARKUP_START.finditer(markdown):
        autolink = _AUTOLINK.match(markdown, start.start())
        if autolink is None or not safe_url_scheme(autolink.group()[1:-1]):
            return False
    for pointy, destination in _DESTINATION.findall(markdown):
        if pointy or not safe_url_scheme(html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", destination))):
            return False
    return True


def carries_markup(markdown: str) -> str | None:
    """Why the Markdown would render something the sanitized article did not have, or None."""
    return None if _plainly_free_of_markup(markdown) else parsed_markup(markdown)


def parsed_markup(markdown: str) -> str | None:
    """:func:`carries_markup` by parsing, as Hexo/Hugo would (see _PARSERS)."""
    # A GFM table needs a pipe on its lines, and strikethrough only wraps text in <s>:
    # without a "|" the GFM parse finds exactly the HTML and links the CommonMark one
    # does, so a body without pipes (most of them) is parsed once, not twice.
    for parser in _PARSERS if "|" in markdown else _PARSERS[:1]:
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
    return restore_escapes((html_to_markdown.convert(marked, CONVERTER_OPTIONS).content or "").strip())


# What convert_body had to fall back to when the first conversion carried markup.
FALLBACK_CODE_AS_TEXT = "code_as_text"  # inline code written as plain text
FALLBACK_TEXT_ONLY = "text_only"  # the article's text alone, as one paragraph


def html_to_markdown_text(fragment: str) -> str:
    """Markdown for a sanitized fragment: headings, lists, quotes, tables, code, links
    and images kept; text renders back to the same text (see above)."""
    return convert_body(fragment)[0]


def convert_body(fragment: str) -> tuple[str, str | None]:
    """:func:`html_to_markdown_text`, and which fallback (``FALLBACK_*``) it needed, if
    any: the caller logs it with the article's URL and counts it."""
    if not fragment.strip():
        return "", None
    # Sanitized HTML is neither this deep nor holds control characters; a caller's own
    # HTML might, and html-to-markdown silently drops text nested thousands deep.
    fragment = limit_nesting(_NONCHARACTERS.sub("", strip_control_characters(fragment)))
    fragment = move_punctuation_out_of_emphasis(fragment)
    markdown = _convert(fragment, code_spans=True)
    problem = carries_markup(markdown)
    if problem is None:
        return markdown, None
    logger.warning("Markdown conversion gave %s; writing inline code as plain text", problem)
    markdown = _convert(fragment, code_spans=False)
    problem = carries_markup(markdown)
    if problem is None:
        return markdown, FALLBACK_CODE_AS_TEXT
    # Nothing the converter makes of it is safe: the article's text alone, as one paragraph.
    logger.warning("Markdown conversion gave %s; writing the text only", problem)
    return _convert(f"<p>{html.escape(html_to_text(fragment))}</p>", code_spans=False), FALLBACK_TEXT_ONLY
