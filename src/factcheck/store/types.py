"""Plain values the store API returns: no ORM objects ever leave the store.

They are safe to keep in a TUI, pass between threads, and compare in tests. Times are aware UTC
``datetime`` values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What ``Store.import_analysis`` did: ``created`` is False when the same content was
    already stored (``review_id`` is then the existing review)."""

    review_id: int
    created: bool
    revision: int
    previous_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """One line of the library of reviews."""

    id: int
    title: str | None
    outlet: str | None
    published: dt.date | None
    source: str | None
    revision: int
    claim_count: int
    status_counts: dict[str, int]
    verdict_counts: dict[str, int]
    open_flags: int
    imported_at: dt.datetime
    updated_at: dt.datetime

    @property
    def done(self) -> int:
        """Claims finished (done or not checkable)."""
        return self.status_counts.get("done", 0) + self.status_counts.get("not_checkable", 0)


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    """A review's article: metadata, normalised text and what cleaning removed."""

    id: int
    source: str | None
    content_hash: str
    revision: int
    previous_id: int | None
    title: str | None
    outlet: str | None
    byline: str | None
    published: dt.date | None
    text: str
    removed: list[str]
    headings: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    imported_at: dt.datetime
    updated_at: dt.datetime
    version: int


@dataclass(slots=True)
class ClaimRow:
    """One claim as the claim list shows it (fields in the order the store selects them).

    ``number`` is the claim's number in the review (1, 2, ...), ``id`` its database id; pass
    ``version`` back as ``expected_version`` when changing it.
    """

    id: int
    review_id: int
    number: int
    text: str
    start: int
    end: int
    kind: str
    checkworthy: float
    speaker: str | None
    speaker_title: str | None
    paragraph: int
    status: str
    priority: int
    verdict: str | None
    rationale: str | None
    reviewer: str | None
    updated_at: dt.datetime
    version: int
    open_flags: int = 0
    flags: int = 0
    evidence: int = 0


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: int
    claim_id: int | None
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_title: str | None
    speaker_org: str | None
    speaker_span: dict[str, Any] | None
    title_span: dict[str, Any] | None
    cue: str | None
    how: str | None
    partial: bool
    person_id: int | None
    speaker_kind: str | None = None


@dataclass(frozen=True, slots=True)
class FlagRow:
    id: int
    review_id: int
    claim_id: int | None
    kind: str
    message: str
    key: str
    details: dict[str, Any]
    origin: str
    state: str
    state_reason: str | None
    state_by: str | None
    state_at: dt.datetime | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    id: int
    review_id: int
    claim_id: int
    kind: str
    url: str | None
    title: str | None
    excerpt: str | None
    note: str | None
    reliability: str | None
    added_by: str | None
    added_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Change:
    """One field change inside a change set (see ``factcheck.store.models.ChangeLog``)."""

    entity: str
    entity_id: int
    field: str | None
    op: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ChangeSetRow:
    """One action in a review's history: who did what, when; ``undo_of`` marks an undo."""

    id: int
    review_id: int
    claim_id: int | None
    who: str
    at: dt.datetime
    action: str
    description: str
    undo_of: int | None
    undone: bool = False
    changes: tuple[Change, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """Everything the detail pane shows for one claim."""

    claim: ClaimRow
    reasons: list[dict[str, Any]]
    quotes: list[QuoteRow]
    flags: list[FlagRow]
    evidence: list[EvidenceRow]
    history: list[ChangeSetRow]


@dataclass(frozen=True, slots=True)
class PriorCheck:
    """A claim of another review, already given a verdict, that says much the same as a claim
    of the review being checked (``Store.checked_before``).

    ``claim_id``/``review_id`` are the earlier claim and its review (``number`` is the claim's
    number there); ``reviewed_at`` is when that claim last changed; ``score`` (0-100) is how
    closely its text matches; ``evidence`` counts its evidence items (what
    ``Store.copy_prior_check`` would copy).
    """

    claim_id: int
    review_id: int
    review_title: str | None
    review_source: str | None
    published: dt.date | None
    verdict: str
    verdict_label: str
    rationale: str | None
    reviewed_at: dt.datetime
    score: float
    text: str
    number: int = 0
    outlet: str | None = None
    evidence: int = 0
