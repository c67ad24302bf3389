"""Escaping untrusted text for Markdown, so that it can never change a report's structure.

Article text, claim rewordings, rationales, evidence titles and URLs all come from people and
pages we do not control. Everything here turns such text into Markdown that CommonMark and
GitHub-flavoured renderers (cmark-gfm, markdown-it with its ``gfm-like`` preset) show as exactly
those characters: no headings, lists, block quotes, tables, code, raw HTML, emphasis, links or
autolinks appear that the report itself did not write.

The approach is backslash escapes (every ASCII punctuation character may be escaped in
CommonMark) for the characters that mean something, at any position and at the start of a
line, plus a few escapes that break up what autolinkers look for (``://``, ``www.``, domain
names), and percent-encoding for the URLs we do turn into links (http, https and mailto only).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

# Characters with an inline (or block, wherever they stand) meaning in CommonMark or GFM:
# emphasis and strikethrough (* _ ~), code (`), links and images ([ ] ( ) !), raw HTML and
# autolinks (<), entities (&), tables (|), headings (#), block quotes (>), escapes (\) and
# GitHub's inline maths ($).
_INLINE_RE = re.compile(r"[\\`*_\[\]()#>|<&~$!]")

# Autolinks (GFM's extended autolinks, markdown-it's linkify): a scheme's "://", and a dot
# inside something that looks like a domain name ("example.com", "www.x"). Escaping the dot or
# the colon splits the text where the autolinker would have to see it whole.
_SCHEME_SEP_RE = re.compile(r"(?<=[A-Za-z0-9]):(?=//)|(?<=\bmailto):", re.IGNORECASE)
_DOUBLE_SLASH_RE = re.compile(r"(?<!:)/(?=/)")
_DOMAIN_DOT_RE = re.compile(r"(?<=[\w-])\.(?=[^\W\d_]{2})")

# What may open a block at the start of a line once leading spaces are gone: list bullets,
# setext underlines and thematic breaks (- + * = _), ordered list markers (1. 1)), headings
# (#), block quotes (>), fences (` ~), HTML blocks (<) and tables (|).
_LIST_NUMBER_RE = re.compile(r"^(\d{1,9})([.)])")

# C0/C1 control characters (newlines are handled by the callers), and the Unicode line and
# paragraph separators some renderers treat as line breaks.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SPACE_RE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def clean(text: str | None) -> str:
    """Text with control characters removed and line endings normalised to ``\\n``."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text)


def one_line(text: str | None) -> str:
    """All whitespace (newlines included) folded to single spaces, ends stripped."""
    return " ".join(clean(text).split())


def _escape_chars(text: str) -> str:
    text = _INLINE_RE.sub(lambda m: "\\" + m.group(0), text)
    text = _SCHEME_SEP_RE.sub(r"\\:", text)
    text = _DOUBLE_SLASH_RE.sub(r"\\/", text)
    return _DOMAIN_DOT_RE.sub(r"\\.", text)


def _escape_line_start(line: str) -> str:
    """Escape what would open a block at the start of an (already escaped) line."""
    if not line:
        return line
    if line[0] in "-+=":
        return "\\" + line
    m = _LIST_NUMBER_RE.match(line)
    if m:
        # ``)`` is escaped inline already; ``.`` needs it here ("2024. It was...").
        digits, mark = m.groups()
        return f"{digits}\\{mark}{line[m.end() :]}" if mark == "." else line
    return line


def inline(text: str | None) -> str:
    """One line of untrusted text as literal Markdown inline content.

    Newlines fold into spaces, so the result is safe anywhere inline text is: a paragraph, a
    list item, a heading, link text, a table cell (pipes are escaped too).
    """
    return _escape_line_start(_escape_chars(one_line(text)))


def cell(text: str | None) -> str:
    """Text for a GFM table cell: one line, pipes escaped (as :func:`inline` does)."""
    return inline(text)


def paragraphs(text: str | None) -> list[str]:
    """Multi-line untrusted text as Markdown lines that keep its paragraphs and line breaks.

    Blank lines separate paragraphs (returned as ``""`` entries); a single newline inside a
    paragraph becomes a hard line break (a trailing backslash). Lines are stripped, so nothing
    can become an indented code block, and each line is escaped as :func:`inline` does.
    """
    out: list[str] = []
    for block in re.split(r"\n\s*\n", clean(text)):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if out:
            out.append("")
        escaped = [_escape_line_start(_escape_chars(line)) for line in lines]
        out.extend(line + "\\" for line in escaped[:-1])
        out.append(escaped[-1])
    return out


# ---------------------------------------------------------------------- URLs

LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Characters kept as they are in a link destination; everything else is percent-encoded
# (spaces, parentheses, angle brackets, backslashes, quotes, non-ASCII, controls...).
_URL_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'*+,;="
)
_HEX = frozenset("0123456789abcdefABCDEF")


def _percent_encode(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch in _URL_SAFE:
            out.append(ch)
        elif ch == "%" and len(text) > i + 2 and text[i + 1] in _HEX and text[i + 2] in _HEX:
            out.append(ch)  # already an escape: never double-encode
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """The URL encoded for a Markdown link destination, or None if it must not be a link.

    Only ``http``/``https`` (with a host) and ``mailto`` URLs qualify. Tabs and newlines are
    removed (as browsers do), spaces, parentheses and other unsafe characters are
    percent-encoded, an international host name is IDNA-encoded.
    """
    if not url:
        return None
    url = re.sub(r"[\t\n\r]", "", clean(url)).strip()
    m = _SCHEME_RE.match(url)
    if not m or m.group(1).lower() not in LINK_SCHEMES:
        return None
    scheme = m.group(1).lower()
    if scheme == "mailto":
        rest = url[m.end() :]
        return "mailto:" + _percent_encode(rest) if rest.strip() else None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if not host:
        return None
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        netloc = netloc.replace(host, ascii_host)
    if not netloc.isascii():  # user info with non-ASCII characters
        netloc = _percent_encode(netloc)
    return urlunsplit(
        (
            scheme,
            _percent_encode(netloc),
            _percent_encode(parts.path),
            _percent_encode(parts.query),
            _percent_encode(parts.fragment),
        )
    )


def link(text: str | None, url: str | None) -> str:
    """``[text](url)`` when the URL is safe to link, else the text (or URL) as plain text.

    The text defaults to the URL itself; either way it is escaped as literal text.
    """
    target = safe_url(url)
    label = one_line(text) or one_line(url)
    if target is None:
        return inline(label)
    return f"[{inline(label)}]({target})"


def slugify(text: str | None, *, max_length: int = 80) -> str:
    """A file-name and URL friendly slug: lower case, accents dropped, words joined by ``-``.

    Letters of other scripts are kept (NFC); an empty result means there was nothing usable.
    """
    text = unicodedata.normalize("NFKD", one_line(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text)
    slug = re.sub(r"[^\w]+|_+", "-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug.strip("-")


__all__ = [
    "LINK_SCHEMES",
    "cell",
    "clean",
    "inline",
    "link",
    "one_line",
    "paragraphs",
    "safe_url",
    "slugify",
]
