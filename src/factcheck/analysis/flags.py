"""Flags that need no outside knowledge: what the article itself shows an editor must check.

* ``quote-no-speaker``: a quotation of three words or more with no speaker found;
* ``anonymous-source``: a claim that rests on an unnamed source ("a senior official said",
  "people familiar with the talks", "on condition of anonymity");
* ``title-inconsistent``: one person given two different titles in the same article.

The checks against the officials registry (wrong title for the date, quote given to another
speaker) live in ``factcheck.officials``.
"""

from __future__ import annotations

import re

from factcheck.analysis.model import Claim, Flag, Quote, Speaker

_ANONYMOUS = re.compile(
    r"\b(?:on (?:the )?condition of anonymity|declined to be (?:named|identified)|"
    r"(?:was|were) not authori[sz]ed to (?:speak|comment)|asked not to be (?:named|identified)|"
    r"(?:people|persons?|sources?|officials?) (?:familiar|with knowledge) with|"
    r"(?:a|an|one|two|three|several) (?:senior |former |current |top |administration |"
    r"government |western |u\.s\. |us |european |military |intelligence |diplomatic |"
    r"white house |state department |\w+ )?(?:official|source|diplomat|aide|insider)s?"
    r" (?:said|says|told|say)|"
    r"\bsources (?:said|say|told)|according to (?:sources|officials|people|a source|an official))",
    re.IGNORECASE,
)

_MIN_QUOTE_WORDS = 3


def basic_flags(claims: list[Claim], quotes: list[Quote], speakers: list[Speaker]) -> list[Flag]:
    flags: list[Flag] = []
    flagged_anonymous: set[int] = set()
    for quote in quotes:
        if quote.speaker is None and len(quote.text.split()) >= _MIN_QUOTE_WORDS:
            flags.append(
                Flag(
                    "quote-no-speaker",
                    f"No speaker found for the quotation “{_short(quote.text)}”: "
                    "check who said it.",
                    quote.claim_id,
                    {"quote": quote.text, "start": quote.start, "end": quote.end},
                )
            )
        elif quote.how and quote.speaker and _is_anonymous_phrase(quote):
            if quote.claim_id not in flagged_anonymous:
                flagged_anonymous.add(quote.claim_id)
                flags.append(
                    Flag(
                        "anonymous-source",
                        f"The quotation is attributed to an unnamed source ({quote.speaker}).",
                        quote.claim_id,
                        {"source": quote.speaker},
                    )
                )
    for claim in claims:
        if claim.id in flagged_anonymous:
            continue
        match = _ANONYMOUS.search(claim.text)
        if match:
            flagged_anonymous.add(claim.id)
            flags.append(
                Flag(
                    "anonymous-source",
                    f"The claim rests on an unnamed source (“{match.group(0)}”).",
                    claim.id,
                    {"source": match.group(0)},
                )
            )
    for speaker in speakers:
        if len(speaker.titles) > 1:
            claim_id = _claim_with_title(quotes, speaker.name, speaker.titles[-1])
            titles = "; ".join(f"“{t}”" for t in speaker.titles)
            flags.append(
                Flag(
                    "title-inconsistent",
                    f"{speaker.name} is given different titles in this article: {titles}.",
                    claim_id,
                    {"person": speaker.name, "titles": list(speaker.titles)},
                )
            )
    return flags


def _is_anonymous_phrase(quote: Quote) -> bool:
    return quote.speaker_kind == "anonymous"


def _claim_with_title(quotes: list[Quote], name: str, title: str) -> int | None:
    for quote in quotes:
        if quote.speaker == name and quote.speaker_title == title:
            return quote.claim_id
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
