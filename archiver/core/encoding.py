"""Turn an HTML response body into text, whatever the page claims its charset is.

Order of evidence: a byte-order mark, then UTF-16/32 told by its zero bytes (as
feedparser sniffs them), then (unless the bytes are valid UTF-8 with
non-ASCII content, which no legacy CJK page is by accident) the HTTP ``Content-Type``
charset, then ``<meta charset>`` / ``http-equiv``, then statistical detection with
charset-normalizer. Legacy labels are widened to their supersets (gb2312/gbk ->
gb18030, big5 -> big5hkscs) because servers routinely declare the narrow set while
serving characters only the wider one has. A declaration that fails to decode strictly
is treated as a lie and the next source of evidence is tried.

Pure: no Scrapy import.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

# Labels whose superset decodes everything the label does, plus what real servers send.
_SUPERSETS: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030", "cp936"),
    "gbk": ("gb18030", "cp936"),
    "cp936": ("gb18030", "cp936"),
    "gb18030": ("gb18030", "cp936"),
    # big5hkscs adds the Hong Kong set; cp950 holds Microsoft's additions (e.g. the euro
    # sign) that big5hkscs lacks, so try both before giving up on the declaration.
    "big5": ("big5hkscs", "cp950", "big5"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    # WHATWG: browsers decode these labels as windows-1252, and so do the pages' authors.
    "latin_1": ("cp1252",),
    "ascii": ("cp1252",),
    "shift_jis": ("cp932", "shift_jis"),
    "euc_kr": ("cp949",),
}

# How much of the body detection looks at: enough for a verdict, bounded on huge pages.
_DETECT_BYTES = 256 * 1024
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._:-]+)[\"']")


def decode_html(body: bytes, http_charset: str | None) -> tuple[str, str]:
    """Decode ``body``; return ``(text, codec_name)``. Never raises on bad bytes."""
    if not body:
        return "", "utf-8"
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        codec = _codec_name(bom_encoding) or "utf-8"
        return body[len(bom) :].decode(codec, errors="replace"), codec
    wide = sniff_wide_unicode(body)
    if wide:
        try:
            return body.decode(wide), wide.replace("-", "_")
        except UnicodeDecodeError:
            pass  # not what its first bytes suggested: look at the other evidence

    if _is_utf8_with_multibyte(body):
        return body.decode("utf-8"), "utf-8"

    declared: tuple[str | None, ...] = (_header_charset(http_charset), _declared_in_body(body))
    for label in declared:
        decoded = _decode_strict_as(body, label)
        if decoded is not None:
            return decoded

    detected = _detect(body)
    if detected is not None:
        decoded = _decode_strict_as(body, detected)
        if decoded is not None:
            return decoded

    # Nothing decodes cleanly: keep the most trustworthy claim and mark bad bytes.
    fallbacks: tuple[str | None, ...] = (_header_charset(http_charset), _declared_in_body(body), detected)
    for label in fallbacks:
        fallback = _candidates(label)[0] if label and _candidates(label) else None
        if fallback:
            return body.decode(fallback, errors="replace"), fallback
    return body.decode("utf-8", errors="replace"), "utf-8"


def sniff_wide_unicode(body: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes of the
    first (ASCII) characters fall, as feedparser and the XML spec (appendix F) do:
    ``00 00 00 3C`` is UTF-32BE ``<``, ``3C 00 3F 00`` UTF-16LE ``<?``. Feedparser only
    looks for ``<`` and ``<?``; any two ASCII characters are taken here (leading
    whitespace, ``{`` of a JSON Feed). No text in an ASCII-compatible encoding starts
    with NUL bytes."""
    head = body[:4]
    if len(head) < 4 or b"\x00" not in head:
        return None
    zero = [byte == 0 for byte in head]
    ascii_ = all(byte < 0x80 for byte in head)
    if not ascii_:
        return None
    if zero == [True, True, True, False]:
        return "utf-32-be"
    if zero == [False, True, True, True]:
        return "utf-32-le"
    if zero == [True, False, True, False]:
        return "utf-16-be"
    if zero == [False, True, False, True]:
        return "utf-16-le"
    return None


def _codec_name(label: str | None) -> str | None:
    """Python's canonical codec name for an encoding label, or None if unknown."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    if cleaned in ("x-user-defined", "unicode-1-1-utf-8", "utf8"):
        cleaned = "utf-8"
    try:
        return codecs.lookup(cleaned).name.replace("-", "_")
    except LookupError:
        return None


def _candidates(label: str | None) -> tuple[str, ...]:
    """Codecs worth trying for a declared label, widest first."""
    name = _codec_name(label)
    if name is None:
        return ()
    if name in ("utf_16", "utf_16_le", "utf_16_be"):
        # A page that reached us without a BOM and says utf-16 is almost always ASCII
        # bytes written by a tool that lied; browsers treat it as utf-8 too.
        return ("utf-8",)
    if name == "utf_8":
        return ("utf-8",)
    return _SUPERSETS.get(name, (name,))


def _decode_strict_as(body: bytes, label: str | None) -> tuple[str, str] | None:
    for codec in _candidates(label):
        try:
            return body.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _header_charset(http_charset: str | None) -> str | None:
    """Accept either a bare charset or a whole Content-Type header value."""
    if not http_charset:
        return None
    if "=" in http_charset:
        return http_content_type_encoding(http_charset)
    return http_charset


def _declared_in_body(body: bytes) -> str | None:
    head = body[:4096]
    match = _XML_DECL.match(head)
    if match:
        return match.group(1).decode("ascii")
    return html_body_declared_encoding(head)


def _is_utf8_with_multibyte(body: bytes) -> bool:
    """Valid UTF-8 containing non-ASCII: legacy encodings almost never produce this."""
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(body: bytes) -> str | None:
    best = from_bytes(body[:_DETECT_BYTES]).best()
    if best is None:
        return None
    encoding = best.encoding
    if _codec_name(encoding) in _LATIN_SINGLE_BYTE and not _CENTRAL_EUROPEAN_LANG.search(body[:4096]):
        # Detectors cannot tell windows-1252 from its Central European and Baltic siblings
        # on a few accented letters ("Señor" comes out as "Seńor" in cp1250). Browsers
        # decode undeclared Western pages as windows-1252; do the same unless the page
        # says it is in a language those siblings exist for.
        try:
            body.decode("cp1252")
        except UnicodeDecodeError:
            return encoding
        return "cp1252"
    return encoding


# Single-byte Latin code pages a detector may confuse with windows-1252.
_LATIN_SINGLE_BYTE = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp850", "cp437",
})
_CENTRAL_EUROPEAN_LANG = re.compile(
    rb"""\blang\s*=\s*["']?(cs|pl|sk|sl|hu|hr|ro|bs|sr-latn|lt|lv|et|tr|az)\b""", re.IGNORECASE)
