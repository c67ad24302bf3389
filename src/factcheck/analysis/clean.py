"""Separate an article's body from the web furniture around it.

Pasted or saved articles carry the page around them: the outlet's name above the headline,
bylines and dates, share bars, "Advertisement", photo credits, "Read Next" with the related
headlines after it, comment forms. This module sorts every line of a normalised text into

* the **title** (the headline) and metadata (outlet, byline, date),
* **blocks** of the body, each a paragraph or a section heading,
* **removed** lines, kept in order so the editor can see what was dropped.

The rules are data (the pattern tables below) so that a newsroom can extend them; they work on
whole lines and never rewrite the text of a paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from factcheck.analysis.dates import find_date

# A whole line that is page furniture, not article text.
BOILERPLATE_LINES = [
    r"advertisement|advertisements|sponsored( content)?|ad",
    r"(share|share this|share this (article|story|post)|share on \w+|tweet|email|print|whatsapp"
    r"|facebook|twitter|linkedin|reddit|telegram|pinterest|copy link)( ?\W+ ?(share|tweet|email"
    r"|print|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|copy link))*",
    r"(subscribe|sign up|sign in|log ?in|register)\b.{0,80}",
    r"(get|receive) (our|the) .{0,40}newsletter.{0,60}",
    r"(follow|like) us on .{0,60}",
    r"(read more|also read|see also|related|related stories|related articles|recommended"
    r"|more from .{0,40}|you may also like|most read|trending( now)?|popular( now)?)\s*[:\-–—]?.{0,120}",
    r"click here\b.{0,100}",
    r"(photo|image|picture|credit|photograph|file photo|video)s?\s*(credit)?\s*[:/|].{0,120}",
    r"\(?(ap|afp|reuters|getty images|epa|shutterstock)( photo)?(/[^)]{0,60})?\)?",
    r".{0,80}\((photo|image|picture)s? (by|credit|courtesy)\b.{0,80}\)",
    r"(copyright|©|\(c\)).{0,120}|all rights reserved\.?",
    r"(tags|filed under|posted in|categories|category)\s*:.{0,200}",
    r"comments?\s*\(?\d*\)?|\d+ comments?|no comments( yet)?",
    r"loading\W*|skip to (main )?content|menu|home|search|close|back to top|top stories",
    r"(your email address will not be published|required fields are marked|save my name, email"
    r"|notify me of (new|follow-up)|post comment|name\s*\*|email\s*\*|website|comment\s*\*).{0,200}",
    r"(updated|published|posted|last updated|first published)( on| at)?\s*:?.{0,60}\d.{0,40}",
    r"\d+\s*min(ute)?s?\s*read",
]

# A line that starts page navigation: it and the headline that follows it are removed.
NAVIGATION_MARKERS = [
    r"read previous|read next|previous( article| post| story)?|next( article| post| story)?"
    r"|prev(ious)? post|next post|older post|newer post|up next|read this next",
]

# A line after which everything is the comment section or the page footer.
TAIL_MARKERS = [
    r"leave a (reply|comment)|post a comment|add (a|your) comment|join the (conversation|discussion)"
    r"|(\d+ )?comments|show comments|what do you think\??|about the author",
]

BYLINE = re.compile(
    r"^(?i:by|written by|words by|reporting by)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
    r"((,| and| &)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})*(\s*[|,–—-]\s*.{0,60})?$",
)

_BOILERPLATE = re.compile(r"^(?:" + "|".join(BOILERPLATE_LINES) + r")$", re.IGNORECASE)
_NAVIGATION = re.compile(r"^(?:" + "|".join(NAVIGATION_MARKERS) + r")\s*[:»›>]?$", re.IGNORECASE)
_TAIL = re.compile(r"^(?:" + "|".join(TAIL_MARKERS) + r")\s*[:»›>]?$", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"”’'»)\]]*$|[\"”’'»][.!?]$")
_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")


@dataclass(slots=True)
class Block:
    """A paragraph or a section heading of the body."""

    kind: str  # "paragraph" or "heading"
    text: str


@dataclass(slots=True)
class CleanedArticle:
    """The body blocks and metadata found in a text, and every line that was removed."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    removed: list[str] = field(default_factory=list)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def is_sentence_like(line: str) -> bool:
    """A line that reads as running prose: ends like a sentence, or is long."""
    return bool(_ENDS_SENTENCE.search(line)) or _words(line) > 20


def is_headline_like(line: str) -> bool:
    """A short line that does not end like a sentence: a headline or heading."""
    return 0 < _words(line) <= 16 and not _ENDS_SENTENCE.search(line)


def is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE.match(line)) or bool(_NAVIGATION.match(line))


def _looks_hard_wrapped(blocks: list[list[str]]) -> bool:
    """True for text wrapped at a fixed width (e-mail, Markdown): lines of a block are one
    paragraph. Detected from many multi-line blocks whose lines are all of similar length."""
    multi = [b for b in blocks if len(b) > 1]
    if not multi:
        return False
    lines = [ln for b in multi for ln in b[:-1]]
    if not lines:
        return False
    wrapped = sum(1 for ln in lines if 40 <= len(ln) <= 100)
    return wrapped / len(lines) >= 0.6 and max(len(ln) for b in blocks for ln in b) <= 120


def _paragraph_lines(text: str) -> list[str]:
    """Split text into paragraph lines, joining hard-wrapped lines of one paragraph."""
    raw_blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            raw_blocks[-1].append(stripped)
        elif raw_blocks[-1]:
            raw_blocks.append([])
    raw_blocks = [b for b in raw_blocks if b]
    if _looks_hard_wrapped(raw_blocks):
        out: list[str] = []
        for block in raw_blocks:
            current: list[str] = []
            for line in block:
                # Markdown headings and list items start a new paragraph even when wrapped.
                if current and (line.startswith(("#", "- ", "* ")) or _MARKDOWN_HEADING.match(line)):
                    out.append(" ".join(current))
                    current = []
                current.append(line)
            out.append(" ".join(current))
        return out
    return [line for block in raw_blocks for line in block]


def clean_article(text: str, *, title: str | None = None) -> CleanedArticle:
    """Sort the lines of normalised ``text`` into title, metadata, body blocks and removed lines.

    Args:
        text: the article text, already normalised (see ``normalize_text``).
        title: a headline known from elsewhere (HTML metadata); a line equal to it is taken as
            the title rather than guessed.
    """
    result = CleanedArticle(title=title)
    lines = _paragraph_lines(text)
    if not lines:
        return result

    # Where the body starts: the first line that reads as prose.
    first_body = next((i for i, ln in enumerate(lines) if _is_body_paragraph(ln)), len(lines))
    _read_header(lines[:first_body], result)

    skip_next_headline = False
    in_tail = False
    body_lines = lines[first_body:]
    # The last line that is prose: headline-like lines after it are page furniture.
    last_prose = max(
        (i for i, ln in enumerate(body_lines) if _is_body_paragraph(ln) and not is_boilerplate(ln)),
        default=-1,
    )
    for index, line in enumerate(body_lines):
        if in_tail:
            result.removed.append(line)
            continue
        if _TAIL.match(line):
            in_tail = True
            result.removed.append(line)
            continue
        if _NAVIGATION.match(line):
            result.removed.append(line)
            skip_next_headline = True
            continue
        if skip_next_headline and not _is_body_paragraph(line):
            result.removed.append(line)
            skip_next_headline = False
            continue
        skip_next_headline = False
        if _BOILERPLATE.match(line) or (BYLINE.match(line) and _words(line) <= 12):
            if result.byline is None and BYLINE.match(line):
                result.byline = _byline_name(line)
            result.removed.append(line)
            continue
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            result.blocks.append(Block("heading", heading.group(1)))
            continue
        if is_headline_like(line) and not _is_body_paragraph(line) and not _is_quotation(line):
            if index > last_prose:
                # A headline-like line after the last paragraph: related links, footer.
                result.removed.append(line)
            else:
                result.blocks.append(Block("heading", line))
            continue
        result.blocks.append(Block("paragraph", line))
    return result


def _is_body_paragraph(line: str) -> bool:
    if is_boilerplate(line) or _TAIL.match(line):
        return False
    if _MARKDOWN_HEADING.match(line):
        return False
    return is_sentence_like(line) and _words(line) >= 4


def _is_quotation(line: str) -> bool:
    """A line that opens with a quotation and closes it ("“…” ― Mira Santos", a vox pop):
    someone's words, never a section heading, however short."""
    return line[:1] in "“\"" and _words(line) >= 4 and ("”" in line[1:] or '"' in line[1:])


def _byline_name(line: str) -> str:
    name = re.sub(r"^(by|written by|words by|reporting by)\s+", "", line, flags=re.IGNORECASE)
    return re.split(r"\s*[|–—]\s*", name)[0].strip(" ,")


def _read_header(header: list[str], result: CleanedArticle) -> None:
    """Take title, outlet, byline and date from the lines above the first paragraph."""
    candidates: list[str] = []
    for line in header:
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            line = heading.group(1)
        if result.title and line == result.title:
            continue
        if BYLINE.match(line):
            result.byline = result.byline or _byline_name(line)
            result.removed.append(line)
            continue
        date = find_date(line) if _words(line) <= 12 else None
        if date is not None and not is_sentence_like(line):
            result.published = result.published or date
            result.removed.append(line)
            continue
        if is_boilerplate(line):
            result.removed.append(line)
            continue
        candidates.append(line)
    if not candidates:
        return
    if result.title is None:
        # The headline is the longest title-like line; a short line above it names the outlet.
        title_index = max(range(len(candidates)), key=lambda i: (_words(candidates[i]), -i))
        if len(candidates) > 1 and title_index == 0 and _words(candidates[0]) <= 4:
            title_index = 1
        result.title = candidates[title_index]
        if title_index > 0 and _words(candidates[0]) <= 5:
            result.outlet = candidates[0]
        for i, line in enumerate(candidates):
            if i != title_index:
                result.removed.append(line)
    else:
        if _words(candidates[0]) <= 5:
            result.outlet = result.outlet or candidates[0]
        result.removed.extend(candidates)
