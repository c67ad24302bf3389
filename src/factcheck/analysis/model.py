"""The result types of the analysis: plain dataclasses, no I/O, no Textual.

Every span (``start``/``end``) is a pair of character offsets into ``Article.text``, the
normalised article body, so that ``article.text[start:end]`` is exactly the span's text. The
store, the TUI and the exporters all consume these types; ``Analysis.to_json()`` is the
``factcheck analyze --json`` contract documented in the README.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

# Claim kinds, most specific first. ``heading`` is never a claim; it is listed in
# ``Analysis.headings`` so the article's structure is kept.
CLAIM_KINDS = (
    "quote",
    "statistic",
    "prediction",
    "causal",
    "comparison",
    "attribution",
    "event",
    "opinion",
    "question",
)


@dataclass(slots=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Article:
    """The article after cleaning: metadata plus the normalised body text.

    ``removed`` keeps every line that cleaning dropped (navigation, comment forms, share bars,
    the outlet line...), in order, so nothing is silently lost.
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    source: str | None = None
    removed: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reason:
    """One contribution to a claim's check-worthiness score."""

    label: str
    weight: float


@dataclass(slots=True)
class Claim:
    """One sentence of the body: a candidate for checking."""

    id: int
    text: str
    start: int
    end: int
    kind: str
    checkworthy: float
    reasons: list[Reason] = field(default_factory=list)
    speaker: str | None = None
    speaker_title: str | None = None
    paragraph: int = 0


@dataclass(slots=True)
class Quote:
    """A direct (or partial) quotation and who the article says said it.

    ``speaker``, ``speaker_title`` and ``speaker_org`` are exactly as the article writes them
    (for a pronoun attribution, the name of the person it refers to); the ``*_span`` fields
    point at the words in the text that carried the attribution, where there are any.
    """

    text: str
    start: int
    end: int
    claim_id: int
    speaker: str | None = None
    speaker_title: str | None = None
    speaker_org: str | None = None
    speaker_span: Span | None = None
    title_span: Span | None = None
    cue: str | None = None
    how: str | None = None  # e.g. "said X", "pronoun", "carried over", "according to"
    partial: bool = False
    # "person", "organisation", "anonymous" ("a senior official"), "description" ("the
    # governor", when no person with that title was named before) or "document" ("a
    # campaign ad", "the court order").
    speaker_kind: str | None = None


@dataclass(slots=True)
class Speaker:
    """A person the article quotes, with every title it gives them."""

    name: str
    titles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Flag:
    """Something an editor must look at."""

    kind: str
    message: str
    claim_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Analysis:
    """Everything the analysis found in one article."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of ``factcheck analyze --json`` (more keys may be added)."""
        art = self.article
        return {
            "article": {
                "title": art.title,
                "outlet": art.outlet,
                "byline": art.byline,
                "published": art.published.isoformat() if art.published else None,
                "source": art.source,
                "text": art.text,
                "removed": list(art.removed),
                "headings": [asdict(h) for h in self.headings],
            },
            "claims": [
                {
                    "id": c.id,
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "kind": c.kind,
                    "checkworthy": round(c.checkworthy, 3),
                    "reasons": [asdict(r) for r in c.reasons],
                    "speaker": c.speaker,
                    "speaker_title": c.speaker_title,
                    "paragraph": c.paragraph,
                }
                for c in self.claims
            ],
            "quotes": [
                {
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "claim_id": q.claim_id,
                    "speaker": q.speaker,
                    "speaker_title": q.speaker_title,
                    "speaker_org": q.speaker_org,
                    "speaker_span": asdict(q.speaker_span) if q.speaker_span else None,
                    "title_span": asdict(q.title_span) if q.title_span else None,
                    "cue": q.cue,
                    "how": q.how,
                    "partial": q.partial,
                    "speaker_kind": q.speaker_kind,
                }
                for q in self.quotes
            ],
            "flags": [
                {
                    "kind": f.kind,
                    "claim_id": f.claim_id,
                    "message": f.message,
                    "details": f.details,
                }
                for f in self.flags
            ],
            "speakers": [
                {"name": s.name, "titles": list(s.titles), "organisations": list(s.organisations)}
                for s in self.speakers
            ],
        }
