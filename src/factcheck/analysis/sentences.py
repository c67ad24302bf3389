"""Sentence splitting tuned for news prose, with exact character offsets.

News text defeats generic splitters in a few recurring ways, each handled here:

* titles and honorifics ("Mr.", "Gen.", "Sen.") never end a sentence; initials ("John F.
  Kennedy") neither;
* dotted abbreviations ("U.S.", "U.N.", "a.m.", "Inc.") end a sentence only when the next word
  is one that typically starts one ("... in the U.S. The ..." splits, "the U.S. Army" does not);
* month abbreviations before a day ("Jan. 6") and "No. 10" never split;
* decimals and money ("$3.5 billion") never split (no space after the point);
* a quotation that closes with its attribution (``"We will go. We will win," he said.``) stays
  one sentence, so the attribution is never cut off from what it attributes; quotations that
  run on into the next paragraph split normally;
* ellipses end a sentence only before a capitalised word and outside quotation marks.

The splitter is hand-written because it wins on these cases against pysbd (see
``bench/splitter.py`` and ``docs/quality.md``) and is several times faster.
"""

from __future__ import annotations

import re

# Titles and honorifics: a following name always continues the sentence.
TITLES = frozenset(
    "mr mrs ms messrs mme dr prof gen sen rep gov lt col capt cpt sgt cmdr adm maj rev hon pres "
    "supt insp det fr sr jr st mt ft gens sens reps lt.col brig cdr pvt cpl amb atty".split()
)
# Abbreviations that end a sentence only when a typical sentence-starter follows.
SOFT_ABBREVIATIONS = frozenset(
    "inc corp ltd co jr sr etc vs al bros plc llc dept univ assn ave blvd rd".split()
)
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Abbreviations after which a number follows ("No. 10", "approx. 40").
NUMBER_ABBREVIATIONS = frozenset("no nos vol p pp fig approx est ch art sec para op".split())
# Words that commonly open a sentence; used to decide after an ambiguous abbreviation.
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i you his her its their our my this that these those there here "
    "but and or so yet in on at as if when while after before since during for from to with by "
    "however meanwhile still also then now today yesterday last next some many most all no one "
    "mr mrs ms dr officials police critics analysts experts".split()
)

_CANDIDATE = re.compile(r"(?:\.{3}|…|[.!?])+[\"”’'»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([^\s(\[\"“‘']+)$")
_NEXT_WORD = re.compile(r"\s+([\"“‘'(\[]*)([^\s]+)")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_ATTRIBUTION_AFTER = re.compile(
    r"\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|told|asked|asks|added|adds|wrote|writes|"
    r"tweeted|replied|continued|shouted|declared|insisted|exclaimed)\b"
)
_OPENING_QUOTES = "“\"‘"


def _quote_regions(text: str) -> list[tuple[int, int, bool]]:
    """Spans of double quotations that close in ``text``, with whether the quotation ends in
    its attribution (closes on a comma, or is followed by a lower-case word)."""
    regions: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    straight_open: int | None = None
    for i, ch in enumerate(text):
        if ch == "“":
            open_at = i
        elif ch == "”" and (open_at is not None or straight_open is not None):
            # Mixed marks pair up, as in factcheck.analysis.quotes.find_quotes.
            opened = open_at if open_at is not None else straight_open
            regions.append((opened, i, _continues_after(text, i)))
            open_at = straight_open = None
        elif ch == '"' and open_at is not None and (i + 1 >= len(text) or not text[i + 1].isalnum()):
            regions.append((open_at, i, _continues_after(text, i)))
            open_at = None
        elif ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                regions.append((straight_open, i, _continues_after(text, i)))
                straight_open = None
    return regions


def _continues_after(text: str, close: int) -> bool:
    before = text[close - 1] if close > 0 else ""
    if before in ",—–-":
        return True
    rest = text[close + 1 : close + 3].lstrip()
    return bool(rest) and rest[0].islower()


def _is_boundary(text: str, punct_start: int, end: int) -> bool:
    """Decide whether the punctuation at ``text[punct_start:end]`` ends a sentence."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    opener, word = nxt.group(1), nxt.group(2)
    first = word[0]
    if not (first.isupper() or first.isdigit() or (opener and (first.isalpha()))):
        return False
    punct = text[punct_start:end]
    if punct[-1] in "”\"’'" and punct[0] in "?!" and _ATTRIBUTION_AFTER.match(text, end):
        # “How many times?” Clinton said. - the attribution belongs to the quotation.
        return False
    if punct.startswith(".") and not punct.startswith("..."):
        before = _WORD_BEFORE.search(text, 0, punct_start)
        token = before.group(1) if before else ""
        lowered = token.lower().rstrip(".")
        bare = lowered.replace(".", "")
        if lowered in TITLES or bare in TITLES and len(bare) <= 4:
            return False
        if len(token) == 1 and token.isalpha() and token.isupper():
            return False  # an initial
        next_lower = word.strip("\"“‘'(").lower().rstrip(".,;:")
        if lowered in MONTH_ABBREVIATIONS and first.isdigit():
            return False
        if lowered in NUMBER_ABBREVIATIONS and first.isdigit():
            return False
        if _DOTTED.match(token) or lowered in SOFT_ABBREVIATIONS:
            return next_lower in SENTENCE_STARTERS
    elif punct.startswith(("...", "…")) and not first.isupper():
        return False
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (one paragraph) into sentences.

    Returns (start, end) offsets into ``text``, trimmed of surrounding whitespace, covering
    every non-space character of the range.
    """
    if end is None:
        end = len(text)
    paragraph = text[start:end]
    regions = [r for r in _quote_regions(paragraph) if r[2]]
    spans: list[tuple[int, int]] = []
    sentence_start = 0
    for match in _CANDIDATE.finditer(paragraph):
        punct_end = match.end()
        # Punctuation inside a quotation that closes on its attribution does not split.
        if any(a < match.start() and punct_end <= b for a, b, _ in regions):
            continue
        if _is_boundary(paragraph, match.start(), punct_end):
            spans.append((sentence_start, punct_end))
            sentence_start = punct_end
    spans.append((sentence_start, len(paragraph)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        chunk = paragraph[a:b]
        stripped_left = len(chunk) - len(chunk.lstrip())
        stripped_right = len(chunk) - len(chunk.rstrip())
        a, b = a + stripped_left, b - stripped_right
        if b > a:
            out.append((start + a, start + b))
    return out
