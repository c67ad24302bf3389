"""Text normalisation that keeps an article faithful but safe to show.

What it does, and why:

* ANSI escape sequences and every C0/C1 control character (except newline and tab) are removed:
  an article must never be able to move the editor's cursor, retitle the terminal or hide text.
* Unicode is composed (NFC) so that the same word always compares equal.
* Non-breaking, narrow and other exotic spaces become a plain space; zero-width characters
  (ZWSP, ZWNJ, ZWJ, word joiner, BOM) are dropped: they are invisible and break word matching.
* CRLF and lone CR become LF; Unicode line and paragraph separators become LF.
* Trailing spaces are stripped from each line; tabs become a single space.

Nothing else is changed: quotes, dashes and spelling stay exactly as the article wrote them.
"""

from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-char escapes, and 8-bit CSI.
_ANSI = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI ... final byte
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?       # DCS / SOS / PM / APC ... ST
  | \x1b[@-Z\\-_]                       # two-character escapes
  | \x9b[0-?]*[ -/]*[@-~]               # 8-bit CSI
    """,
    re.VERBOSE,
)

# Spaces that should read as a plain space.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Invisible characters that only get in the way of matching.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_TRANSLATE = {ord(c): " " for c in _SPACES}
_TRANSLATE.update({ord(c): None for c in _ZERO_WIDTH})
_TRANSLATE.update({ord("\t"): " ", 0x2028: "\n", 0x2029: "\n", 0x85: "\n"})
# Every remaining C0 and C1 control character except LF.
_TRANSLATE.update({c: None for c in range(0x00, 0x20) if c not in (0x0A, 0x09)})
_TRANSLATE.update({c: None for c in range(0x7F, 0xA0) if c != 0x85})

_TRAILING_SPACE = re.compile(r"[ ]+\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalize_text(text: str) -> str:
    """Return ``text`` composed, with controls, escapes and invisible characters removed."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    text = text.translate(_TRANSLATE)
    # Compose after removing invisibles, which may have split a base letter from its accent.
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return text.rstrip(" ")


def has_control_characters(text: str) -> bool:
    """True if ``text`` holds a control character other than newline (used by tests/checks)."""
    return bool(_CONTROL.search(text)) or "\x1b" in text
