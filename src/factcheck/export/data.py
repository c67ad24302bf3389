"""Everything an export needs about one review, gathered through the Store's public API.

:func:`load_report_data` reads a review once (a handful of per-review queries, never one per
claim) into plain frozen dataclasses; the Markdown report, ClaimReview, CSV and the TUI's
preview all render from the same :class:`ReportData`, so what an editor previews is what is
written. Nothing here imports Textual, and nothing reads a clock: every time comes from the
database, so the same review always gives the same data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# Statuses in workflow order and their labels: the vocabulary module imports no SQLAlchemy,
# so rendering stays light.
from factcheck.store.vocabulary import CLAIM_STATUSES as STATUS_ORDER
from factcheck.store.vocabulary import STATUS_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.store import ChangeSetRow, RatingScale, Store


@dataclass(frozen=True, slots=True)
class QuoteData:
    """A quotation inside a claim and who the article says said it."""

    text: str
    speaker: str | None
    speaker_title: str | None
    speaker_org: str | None
    start: int
    partial: bool = False
    speaker_kind: str | None = None
    """"person", "organisation", "anonymous", "description" or "document" when the store
    knows it."""


@dataclass(frozen=True, slots=True)
class FlagData:
    """A flag with the editor's decision on it (``state``: open, confirmed or dismissed)."""

    id: int
    claim_number: int | None
    kind: str
    message: str
    state: str
    reason: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    origin: str
    person: str | None = None
    """Who the finding is about, for title findings (the name as the article writes it)."""


@dataclass(frozen=True, slots=True)
class EvidenceData:
    """A link, excerpt, note or interview attached to a claim."""

    id: int
    kind: str
    url: str | None
    title: str | None
    excerpt: str | None
    note: str | None
    reliability: str | None
    added_by: str | None
    added_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ClaimData:
    """One claim with its verdict, quotes, flags and evidence.

    ``verdict`` is the scale key (None: no verdict yet), ``verdict_label`` its label and
    ``verdict_value`` its numeric value on the scale (None for e.g. "Unproven").
    ``verdict_at`` is when the current verdict was given (from the change history).
    """

    number: int
    text: str
    kind: str
    checkworthy: float
    status: str
    verdict: str | None
    verdict_label: str | None
    verdict_value: float | None
    rationale: str | None
    reviewer: str | None
    verdict_at: dt.datetime | None
    speaker: str | None
    speaker_title: str | None
    priority: int = 0
    quotes: tuple[QuoteData, ...] = ()
    flags: tuple[FlagData, ...] = ()
    evidence: tuple[EvidenceData, ...] = ()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def reviewed(self) -> bool:
        """Has a verdict, or was judged not checkable: part of the report's findings."""
        return self.verdict is not None or self.status == "not_checkable"

    @property
    def open_flags(self) -> tuple[FlagData, ...]:
        return tuple(f for f in self.flags if f.state == "open")

    @property
    def confirmed_flags(self) -> tuple[FlagData, ...]:
        return tuple(f for f in self.flags if f.state == "confirmed")

    @property
    def anchor(self) -> str:
        """The report's anchor for this claim (the slug of its heading "Claim N")."""
        return f"claim-{self.number}"


@dataclass(frozen=True, slots=True)
class ReviewerData:
    """Someone who changed the review, and the first and last time they did (UTC)."""

    name: str
    first: dt.datetime
    last: dt.datetime
    changes: int


@dataclass(frozen=True, slots=True)
class ReportData:
    """A review as the exports see it. Claims are in article order.

    ``article_flags`` are flags about the whole article (no claim). ``reviewers`` are the
    people in the change history (leaving out the import and the automatic checks), ordered
    by when they first worked on it; ``review_started``/``review_last`` bound those changes
    (None when nobody has reviewed anything yet).
    """

    review_id: int
    revision: int
    previous_id: int | None
    title: str | None
    outlet: str | None
    byline: str | None
    published: dt.date | None
    source: str | None
    imported_at: dt.datetime
    updated_at: dt.datetime
    claims: tuple[ClaimData, ...]
    article_flags: tuple[FlagData, ...]
    reviewers: tuple[ReviewerData, ...]
    review_started: dt.datetime | None
    review_last: dt.datetime | None
    scale: RatingScale = field(repr=False, compare=False)
    people: tuple[str, ...] = ()
    """Names of the people the article quotes (its speakers), as the analysis found them."""

    @property
    def reviewed_claims(self) -> tuple[ClaimData, ...]:
        return tuple(c for c in self.claims if c.reviewed)

    @property
    def unreviewed_claims(self) -> tuple[ClaimData, ...]:
        return tuple(c for c in self.claims if not c.reviewed)

    @property
    def all_flags(self) -> tuple[FlagData, ...]:
        """Article flags, then each claim's, in article order."""
        return self.article_flags + tuple(f for c in self.claims for f in c.flags)

    @property
    def open_flags(self) -> tuple[FlagData, ...]:
        return tuple(f for f in self.all_flags if f.state == "open")

    def verdict_counts(self) -> list[tuple[str, int]]:
        """(label, count) for every verdict given, in scale order (verdicts the scale no
        longer has come after, by key)."""
        counts: dict[str, int] = {}
        for c in self.claims:
            if c.verdict is not None:
                counts[c.verdict] = counts.get(c.verdict, 0) + 1
        order = {r.key: i for i, r in enumerate(self.scale)}
        keys = sorted(counts, key=lambda k: (order.get(k, len(order)), k))
        return [(self.scale.label(k) or k, counts[k]) for k in keys]

    def status_counts(self) -> list[tuple[str, int]]:
        """(label, count) per review status, in workflow order."""
        counts: dict[str, int] = {}
        for c in self.claims:
            counts[c.status] = counts.get(c.status, 0) + 1
        order = {s: i for i, s in enumerate(STATUS_ORDER)}
        keys = sorted(counts, key=lambda k: (order.get(k, len(order)), k))
        return [(STATUS_LABELS.get(k, k), counts[k]) for k in keys]


def load_report_data(store: Store, review_id: int) -> ReportData:
    """Read one review for export, through the Store's public read API.

    Raises:
        NotFoundError: there is no review with that id (a one-line ``StoreError``).
    """
    review = store.get_review(review_id)
    scale = store.rating_scale()
    claims = store.load_claims(review_id)
    quotes = store.list_quotes(review_id)
    flags = store.list_flags(review_id)
    evidence = store.list_evidence(review_id)
    history = store.history(review_id=review_id)

    number = {c.id: c.number for c in claims}
    quotes_by: dict[int, list[QuoteData]] = {}
    for q in sorted(quotes, key=lambda q: (q.start, q.id)):
        if q.claim_id is None:
            continue
        quotes_by.setdefault(q.claim_id, []).append(
            QuoteData(
                q.text,
                q.speaker,
                q.speaker_title,
                q.speaker_org,
                q.start,
                q.partial,
                # Stored from schema 0003 on; older stores have no such field.
                getattr(q, "speaker_kind", None),
            )
        )
    flags_by: dict[int | None, list[FlagData]] = {}
    for f in sorted(flags, key=lambda f: f.id):
        flags_by.setdefault(f.claim_id, []).append(
            FlagData(
                id=f.id,
                claim_number=number.get(f.claim_id) if f.claim_id is not None else None,
                kind=f.kind,
                message=f.message,
                state=f.state,
                reason=f.state_reason,
                decided_by=f.state_by,
                decided_at=f.state_at,
                origin=f.origin,
                person=_flag_person(f.details),
            )
        )
    evidence_by: dict[int, list[EvidenceData]] = {}
    for ev in sorted(evidence, key=lambda e: (e.added_at, e.id)):
        evidence_by.setdefault(ev.claim_id, []).append(
            EvidenceData(
                id=ev.id,
                kind=ev.kind,
                url=ev.url,
                title=ev.title,
                excerpt=ev.excerpt,
                note=ev.note,
                reliability=ev.reliability,
                added_by=ev.added_by,
                added_at=ev.added_at,
            )
        )
    verdict_times = _verdict_times(history)

    claim_data = []
    for c in claims:
        rating = scale.get(c.verdict) if c.verdict is not None else None
        claim_data.append(
            ClaimData(
                number=c.number,
                text=c.text,
                kind=c.kind,
                checkworthy=c.checkworthy,
                status=c.status,
                verdict=c.verdict,
                verdict_label=scale.label(c.verdict),
                verdict_value=rating.value if rating is not None else None,
                rationale=c.rationale,
                reviewer=c.reviewer,
                verdict_at=verdict_times.get(c.id) if c.verdict is not None else None,
                speaker=c.speaker,
                speaker_title=c.speaker_title,
                priority=c.priority,
                quotes=tuple(quotes_by.get(c.id, ())),
                flags=tuple(flags_by.get(c.id, ())),
                evidence=tuple(evidence_by.get(c.id, ())),
            )
        )
    reviewers, started, last = _reviewers(history)
    return ReportData(
        review_id=review.id,
        revision=review.revision,
        previous_id=review.previous_id,
        title=review.title,
        outlet=review.outlet,
        byline=review.byline,
        published=review.published,
        source=review.source,
        imported_at=review.imported_at,
        updated_at=review.updated_at,
        claims=tuple(claim_data),
        article_flags=tuple(flags_by.get(None, ())),
        reviewers=reviewers,
        review_started=started,
        review_last=last,
        scale=scale,
        people=tuple(
            sorted(
                {s["name"] for s in review.speakers if s.get("name")}
                | {
                    q.speaker
                    for q in quotes
                    if q.speaker and getattr(q, "speaker_kind", None) in (None, "person")
                }
            )
        ),
    )


def _flag_person(details: dict) -> str | None:
    for key in ("name_in_article", "person"):
        value = details.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _verdict_times(history: Iterable[ChangeSetRow]) -> dict[int, dt.datetime]:
    """Claim id -> when its verdict last changed (a verdict given, or restored by an undo)."""
    times: dict[int, dt.datetime] = {}
    for cs in sorted(history, key=lambda s: s.id):
        for ch in cs.changes:
            if ch.entity == "claim" and ch.field == "verdict":
                times[ch.entity_id] = cs.at
    return times


# Change sets that record what the software did on import (storing the article, the officials
# checks' flags), not an editor's review.
_MACHINE_ACTIONS = frozenset({"import", "add_flags"})


def _reviewers(
    history: Iterable[ChangeSetRow],
) -> tuple[tuple[ReviewerData, ...], dt.datetime | None, dt.datetime | None]:
    spans: dict[str, list] = {}
    for cs in sorted(history, key=lambda s: s.id):
        if cs.action in _MACHINE_ACTIONS:
            continue
        span = spans.get(cs.who)
        if span is None:
            spans[cs.who] = [cs.at, cs.at, 1]
        else:
            span[0] = min(span[0], cs.at)
            span[1] = max(span[1], cs.at)
            span[2] += 1
    reviewers = tuple(
        sorted(
            (ReviewerData(name, first, last, n) for name, (first, last, n) in spans.items()),
            key=lambda r: (r.first, r.name),
        )
    )
    if not reviewers:
        return (), None, None
    return reviewers, min(r.first for r in reviewers), max(r.last for r in reviewers)


__all__ = [
    "STATUS_LABELS",
    "STATUS_ORDER",
    "ClaimData",
    "EvidenceData",
    "FlagData",
    "QuoteData",
    "ReportData",
    "ReviewerData",
    "load_report_data",
]
