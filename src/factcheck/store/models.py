"""The review store's tables (SQLModel).

One ``Review`` is one imported article (its normalised text and metadata) together with the
review done on it; a changed article imported again is a new ``Review`` with the next
``revision`` and ``previous_id`` pointing at the old one, which stays reachable.

Column names avoid SQL reserved words (``start_offset``/``end_offset`` rather than
``start``/``end``, ``old_value``/``new_value``) so that the same schema works unquoted on SQLite
and PostgreSQL. Times are written as UTC; SQLite keeps no time zone, so the API treats a naive
time read back as UTC.

The schema is created and changed only by the Alembic migrations in ``migrations/versions``;
``tests/test_store_migrations.py`` checks that these models and the migrations agree.
"""

# No ``from __future__ import annotations`` here: SQLModel reads the annotations at runtime.

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel

from factcheck.store.vocabulary import (  # noqa: F401 - re-exported for callers
    CLAIM_STATUSES,
    EVIDENCE_KINDS,
    FLAG_STATES,
    RELIABILITY,
    STATUS_LABELS,
)


def utcnow() -> dt.datetime:
    """Now, in UTC (aware); SQLite stores it without the zone, and reads come back as UTC."""
    return dt.datetime.now(dt.UTC)


class Review(SQLModel, table=True):
    """An imported article and its review."""

    __tablename__ = "review"

    id: int | None = Field(default=None, primary_key=True)
    source: str | None = Field(default=None, index=True)
    content_hash: str = Field(index=True)
    revision: int = 1
    previous_id: int | None = Field(default=None, foreign_key="review.id", ondelete="SET NULL")
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    removed: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    headings: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    speakers: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    imported_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    updated_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    version: int = 1


class Claim(SQLModel, table=True):
    """One claim of a review; ``ordinal`` is its number in the review (1, 2, ...)."""

    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_review_ordinal", "review_id", "ordinal"),)

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE")
    ordinal: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    start_offset: int
    end_offset: int
    kind: str
    checkworthy: float = 0.0
    reasons: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    speaker: str | None = None
    speaker_title: str | None = None
    paragraph: int = 0
    status: str = "unreviewed"
    priority: int = 0
    verdict: str | None = None
    rationale: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reviewer: str | None = None
    updated_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    version: int = 1


class Quote(SQLModel, table=True):
    """A quotation in a claim, with the attribution exactly as the article writes it.

    ``person_id`` is the resolved person of the officials registry (a later migration adds the
    people table; no foreign key until then).
    """

    __tablename__ = "quote"

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", index=True)
    claim_id: int | None = Field(
        default=None, foreign_key="claim.id", ondelete="CASCADE", index=True
    )
    text: str = Field(sa_column=Column(Text, nullable=False))
    start_offset: int
    end_offset: int
    speaker: str | None = None
    speaker_title: str | None = None
    speaker_org: str | None = None
    speaker_span: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    title_span: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    cue: str | None = None
    how: str | None = None
    partial: bool = False
    person_id: int | None = None
    speaker_kind: str | None = None


class Evidence(SQLModel, table=True):
    """A link, document excerpt, note or interview supporting a claim's verdict."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", index=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE", index=True)
    kind: str = "note"
    url: str | None = None
    title: str | None = None
    excerpt: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reliability: str | None = None
    added_by: str | None = None
    added_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    updated_at: dt.datetime = Field(sa_type=DateTime(timezone=True))


class Flag(SQLModel, table=True):
    """Something an editor must look at; ``state`` is open, confirmed or dismissed.

    ``key`` identifies the finding across re-analysis (with the claim's text and ``kind``), so
    that an editor's dismissal survives it; ``origin`` says which check produced it.
    """

    __tablename__ = "flag"

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", index=True)
    claim_id: int | None = Field(
        default=None, foreign_key="claim.id", ondelete="CASCADE", index=True
    )
    kind: str
    message: str = Field(sa_column=Column(Text, nullable=False))
    key: str
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    origin: str = "analysis"
    state: str = "open"
    state_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    state_by: str | None = None
    state_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: dt.datetime = Field(sa_type=DateTime(timezone=True))


class Rating(SQLModel, table=True):
    """One step of the verdict scale this database uses (see ``factcheck.store.scale``)."""

    __tablename__ = "rating"

    key: str = Field(primary_key=True)
    label: str
    description: str = ""
    position: int = 0
    value: float | None = None


class ChangeSet(SQLModel, table=True):
    """One user action (one transaction): who, when, what; undone as a whole.

    ``undo_of`` is set on the change set that undid another one.
    """

    __tablename__ = "change_set"

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", index=True)
    claim_id: int | None = Field(default=None, index=True)
    who: str
    at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    action: str
    description: str = Field(sa_column=Column(Text, nullable=False))
    undo_of: int | None = None


class ChangeLog(SQLModel, table=True):
    """One field change, insert, delete or renumbering inside a change set.

    ``op`` is ``update`` (``field``: ``old_value`` -> ``new_value``), ``insert`` (``new_value``
    is the row), ``delete`` (``old_value`` is the row) or ``shift`` (the numbers of the review's
    claims from ``new_value["from"]`` on moved by ``new_value["delta"]``). Values are JSON:
    dates and times as ISO strings.
    """

    __tablename__ = "change_log"

    id: int | None = Field(default=None, primary_key=True)
    change_set_id: int = Field(foreign_key="change_set.id", ondelete="CASCADE", index=True)
    entity: str
    entity_id: int
    field: str | None = None
    op: str = "update"
    old_value: Any | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    new_value: Any | None = Field(default=None, sa_column=Column(JSON, nullable=True))


TABLES = {
    "review": Review.__table__,
    "claim": Claim.__table__,
    "quote": Quote.__table__,
    "evidence": Evidence.__table__,
    "flag": Flag.__table__,
    "rating": Rating.__table__,
    "change_set": ChangeSet.__table__,
    "change_log": ChangeLog.__table__,
}

#: Objects the migrations make outside these tables: the claim full-text search of revision
#: 0004 (SQLite's FTS5 table ``claim_fts`` with its ``claim_fts_*`` shadow tables; PostgreSQL's
#: generated column ``claim.text_search`` and its GIN index ``ix_claim_text_search``).
SEARCH_OBJECTS = ("claim_fts", "ix_claim_text_search", "text_search")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: schema comparisons leave ``SEARCH_OBJECTS`` alone."""
    if name is None:
        return True
    if type_ == "column":
        return not (name == "text_search" and parent_names.get("table_name") == "claim")
    if type_ in ("table", "index"):
        return not (name in SEARCH_OBJECTS or name.startswith("claim_fts_"))
    return True
