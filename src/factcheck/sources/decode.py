"""Turning raw bytes into text, and telling text from binary and HTML from plain text.

Decoding only: Unicode normalisation (NFC, control characters, ANSI escapes) is the analysis
package's job, so that the same cleaning applies to every source.
"""

from __future__ import annotations

import codecs
import re

from factcheck.errors import SourceError

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Browsers read a page labelled ISO-8859-1 or ASCII as windows-1252 (WHATWG Encoding
# standard), and so do the publishers who label it that way: curly quotes and dashes in the
# 0x80-0x9F range are cp1252, not C1 control characters.
# Keys are ``codecs.lookup(label).name`` values.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}

# Control characters (Unicode category Cc) except those plain text legitimately contains:
# tab, line feed, vertical tab, form feed, carriage return, and ESC because terminal output
# pasted into a file carries ANSI escapes, which the analysis strips.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")

# A share of other control characters above this means the bytes were not text to begin with.
_MAX_CONTROL_SHARE = 0.05

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
_HTML_START = re.compile(
    r"""\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b""",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<(?:html|head|body)\b[^>]*>", re.IGNORECASE)


def decode_bytes(
    data: bytes, declared_encoding: str | None = None, *, name: str | None = None
) -> str:
    """Decode an article's bytes to text.

    Tries, in order: a byte-order mark; UTF-8 (most of the web and every modern editor); the
    declared encoding (an HTTP ``charset`` or an HTML ``<meta charset>``); then detection by
    charset-normalizer. The result must look like text.

    Args:
        data: the raw bytes.
        declared_encoding: an encoding label the source claims, if any. Unknown labels are
            ignored rather than trusted.
        name: how to name the source in an error message (a path or URL).

    Returns:
        The decoded text, without a byte-order mark.

    Raises:
        SourceError: the bytes are binary (NUL bytes, control characters) or undecodable.
    """
    label = name or "the input"
    if not data:
        return ""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), label)
            except UnicodeDecodeError:
                break  # A BOM followed by garbage: let the checks below judge it.
            break
    if b"\x00" in data:
        # No text encoding without a BOM puts NUL bytes in real text (UTF-16 files carry a
        # BOM in practice), and detection would happily "decode" an image as UTF-16.
        raise _not_text(label, "it contains NUL bytes")
    try:
        return _checked(data.decode("utf-8"), label)
    except UnicodeDecodeError:
        pass
    for encoding in _declared_candidates(declared_encoding):
        try:
            return _checked(data.decode(encoding), label)
        except (UnicodeError, LookupError, ValueError, TypeError, SourceError):
            # LookupError: codecs such as "base64" exist but are not text encodings; "idna"
            # and "punycode" raise plain UnicodeError or ValueError on bytes they dislike.
            # SourceError: the label was wrong (C1 controls galore); detection may do better.
            continue
    return _checked(_detect(data, label), label)


def _declared_candidates(declared: str | None) -> list[str]:
    if not declared:
        return []
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except (LookupError, ValueError, TypeError):
        return []
    alias = _WHATWG_ALIASES.get(name)
    # cp1252 leaves five bytes undefined; a page that uses them really is Latin-1.
    return [alias, "latin-1"] if alias else [name]


def _detect(data: bytes, label: str) -> str:
    # Imported here: charset-normalizer loads its tables on import, and most input is UTF-8.
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
        text = None if best is None else str(best)
    except Exception as err:  # noqa: BLE001 - a detector bug must not escape as a crash
        raise _not_text(
            label, f"its encoding could not be detected: {type(err).__name__}"
        ) from None
    if text is None:
        raise _not_text(label, "its encoding could not be detected")
    return text


def _checked(text: str, label: str) -> str:
    if "\x00" in text:
        raise _not_text(label, "it contains NUL characters")
    if text:
        # A regex count, not a per-character loop: a 10 MB article is checked in milliseconds.
        controls = len(_CONTROL.findall(text))
        if controls / len(text) > _MAX_CONTROL_SHARE:
            raise _not_text(label, "it is mostly control characters")
    return text


def _not_text(label: str, why: str) -> SourceError:
    return SourceError(
        f"{label} is not a text file ({why}): give a .txt, .md or .html article, or a URL"
    )


def meta_charset(data: bytes) -> str | None:
    """The encoding an HTML document declares in a ``<meta>`` tag near its start, if any."""
    # The HTML standard has browsers look in the first 1024 bytes; pages put it later.
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii") if match else None


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML document (doctype, or an html/head/body tag)."""
    head = text[:4096]
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head))
