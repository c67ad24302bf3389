"""The review store's API: the one way the CLI, the TUI and the exporters read and change reviews.

Every public method is one unit of work: it takes a connection from the pool, runs one short
transaction and gives the connection back. Nothing returned is an ORM object; results are the
plain values of ``factcheck.store.types``. Reads use Core selects (10,000 claims load in a few
tens of milliseconds); bulk imports use Core ``executemany`` inserts.

Every change is its own transaction that also writes the change log: one ``change_set`` row
(who, when, what, in words) and one ``change_log`` row per field, insert, delete or renumbering,
which is what ``history`` shows and ``undo_last`` reverses. Each change to a claim (and to its
evidence and flags) bumps the claim's ``version``; pass the version you loaded as
``expected_version`` and a change made meanwhile by someone else raises ``ConflictError``
instead of being overwritten. ``expected_version=None`` skips the check (scripts that read and
write at once).

On SQLite writers start with ``BEGIN IMMEDIATE`` (the write lock is taken first, so a
read-then-write never fails half-way); on PostgreSQL the rows read before a write are locked
with ``SELECT ... FOR UPDATE``. The SQL is otherwise portable.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc, func, select

from factcheck.errors import StoreError
from factcheck.store import engine as _engine
from factcheck.store.models import (
    CLAIM_STATUSES,
    EVIDENCE_KINDS,
    FLAG_STATES,
    RELIABILITY,
    STATUS_LABELS,
    TABLES,
    utcnow,
)
from factcheck.store.scale import DEFAULT_SCALE, Rating, RatingScale
from factcheck.store.types import (
    Change,
    ChangeSetRow,
    ClaimDetail,
    ClaimRow,
    EvidenceRow,
    FlagRow,
    ImportResult,
    PriorCheck,
    QuoteRow,
    ReviewInfo,
    ReviewSummary,
)

R = TABLES["review"]
C = TABLES["claim"]
Q = TABLES["quote"]
E = TABLES["evidence"]
F = TABLES["flag"]
RT = TABLES["rating"]
CS = TABLES["change_set"]
CL = TABLES["change_log"]

_UNSET: Any = object()


class ConflictError(StoreError):
    """Someone else changed the claim (or flag, evidence, article) since it was loaded."""

    def __init__(self, message: str, *, entity: str, entity_id: int, expected: int, actual: int):
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id
        self.expected = expected
        self.actual = actual


class NotFoundError(StoreError):
    """No review, claim, flag or evidence with that id."""


class ReadOnlyError(StoreError):
    """The database was opened read-only; nothing can be changed."""


def default_reviewer() -> str:
    """``$FACTCHECK_USER``, else the login name, else ``"unknown"``."""
    name = os.environ.get("FACTCHECK_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def content_hash(text: str) -> str:
    """The identity of an article's content: SHA-256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _enc(value: Any) -> Any:
    """A value as the change log stores it (JSON)."""
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _dec(table: sa.Table, column: str, value: Any) -> Any:
    """A change-log value back into the column's Python type."""
    if value is None:
        return None
    ctype = table.c[column].type
    if isinstance(ctype, sa.DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(ctype, sa.Date):
        return dt.date.fromisoformat(value)
    return value


def _short(text: str | None, width: int = 40) -> str:
    if text is None:
        return "—"
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


class _Unit:
    """One write transaction: the connection, its time, and the changes to log."""

    def __init__(self, conn: sa.Connection, who: str):
        self.conn = conn
        self.who = who
        self.now = utcnow()
        self.changes: list[dict[str, Any]] = []

    def log(
        self, entity: str, entity_id: int, field: str | None, old: Any, new: Any, op: str = "update"
    ) -> None:
        self.changes.append(
            {
                "entity": entity,
                "entity_id": entity_id,
                "field": field,
                "op": op,
                "old_value": _enc(old),
                "new_value": _enc(new),
            }
        )

    def snapshot(self, table: sa.Table, row_id: int) -> dict[str, Any]:
        row = self.conn.execute(select(table).where(table.c.id == row_id)).mappings().one()
        return {k: _enc(v) for k, v in row.items()}

    def record(
        self,
        review_id: int,
        claim_id: int | None,
        action: str,
        description: str,
        undo_of: int | None = None,
    ) -> int:
        """Write the change set and its changes; touch the review's ``updated_at``."""
        set_id = self.conn.execute(
            CS.insert().returning(CS.c.id),
            {
                "review_id": review_id,
                "claim_id": claim_id,
                "who": self.who,
                "at": self.now,
                "action": action,
                "description": description,
                "undo_of": undo_of,
            },
        ).scalar_one()
        if self.changes:
            self.conn.execute(CL.insert(), [dict(c, change_set_id=set_id) for c in self.changes])
        self.conn.execute(R.update().where(R.c.id == review_id).values(updated_at=self.now))
        return set_id


class Store:
    """The review database. Open it with :meth:`Store.open`; close it with :meth:`close`.

    Safe to share between threads (each call takes its own pooled connection).
    """

    def __init__(
        self,
        engine: sa.Engine,
        target: _engine.Target,
        *,
        readonly: bool,
        timeout: float,
        backup: Path | None = None,
    ):
        self._engine = engine
        self._writer = engine.execution_options(factcheck_begin="IMMEDIATE")
        self._target = target
        self._timeout = timeout
        self.readonly = readonly
        #: The backup written before upgrading an older database on open (else None).
        self.backup_path = backup
        self._is_pg = engine.dialect.name == "postgresql"
        self._scale: RatingScale | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        url_or_path: str | os.PathLike | None = None,
        *,
        readonly: bool = False,
        create: bool = True,
        timeout: float = 5.0,
        rating_scale: RatingScale | None = None,
    ) -> Store:
        """Open (creating or upgrading as needed) the review database.

        Args:
            url_or_path: a file path (SQLite) or any SQLAlchemy URL; ``None`` means
                ``$FACTCHECK_DB`` or ``./claims.db``.
            readonly: open without writing anything; changes raise ``ReadOnlyError``. A SQLite
                file that is not writable (or in a directory that is not) is opened read-only
                anyway: check ``store.readonly``.
            create: create the database when it does not exist (else ``StoreError``).
            timeout: seconds to wait for a lock held by another program before giving up.
            rating_scale: the newsroom's verdict scale (``load_rating_scale``); ``None`` keeps
                the scale the database has (the default scale for a new one).

        Raises:
            StoreError: one line saying what is wrong; the file is left untouched.
        """
        target = _engine.resolve_target(url_or_path)
        engine, readonly, backup = _engine.prepare_database(
            target, readonly=readonly, create=create, timeout=timeout
        )
        store = cls(engine, target, readonly=readonly, timeout=timeout, backup=backup)
        try:
            store._ensure_scale(rating_scale)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Give back every pooled connection (the Store can't be used afterwards)."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        """The database's path or URL (password hidden), for messages and title bars."""
        return self._target.display

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for other back ends."""
        return self._target.path

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @property
    def engine(self) -> sa.Engine:
        """The store's engine, for code keeping its own tables in the same database (the
        officials registry: ``load_registry(store.engine)``). Use it for reading; write
        through :attr:`write_engine`, and wrap both in :meth:`translating_errors`."""
        return self._engine

    @property
    def write_engine(self) -> sa.Engine:
        """The engine for writing: transactions take the write lock up front (``BEGIN
        IMMEDIATE`` on SQLite). Raises ``ReadOnlyError`` on a read-only store."""
        if self.readonly:
            raise ReadOnlyError(
                f"the database {self.location} is open read-only: changes cannot be saved"
            )
        return self._writer

    @contextmanager
    def translating_errors(self) -> Iterator[None]:
        """Turn a driver error raised inside the block into the store's one-line StoreError."""
        try:
            yield
        except exc.DBAPIError as err:
            raise _engine.translate_error(err, self._target, self._timeout) from None

    # ------------------------------------------------------------------ units of work

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
                conn.rollback()
        except exc.DBAPIError as err:
            raise _engine.translate_error(err, self._target, self._timeout) from None

    @contextmanager
    def _write(self, who: str | None = None) -> Iterator[_Unit]:
        if self.readonly:
            raise ReadOnlyError(
                f"the database {self.location} is open read-only: changes cannot be saved"
            )
        try:
            with self._writer.connect() as conn, conn.begin():
                yield _Unit(conn, who or default_reviewer())
        except exc.DBAPIError as err:
            raise _engine.translate_error(err, self._target, self._timeout) from None

    def _lock(self, conn: sa.Connection, table: sa.Table, row_id: int, what: str):
        stmt = select(table).where(table.c.id == row_id)
        if self._is_pg:
            stmt = stmt.with_for_update()
        row = conn.execute(stmt).mappings().first()
        if row is None:
            raise NotFoundError(f"no {what} with id {row_id}")
        return row

    def _check_version(self, conn: sa.Connection, row, expected: int | None, what: str) -> None:
        if expected is None or row["version"] == expected:
            return
        last = conn.execute(
            select(CS.c.who, CS.c.at)
            .where((CS.c.claim_id if what == "claim" else CS.c.review_id) == row["id"])
            .order_by(CS.c.id.desc())
            .limit(1)
        ).first()
        by = f" by {last.who} at {_utc(last.at):%Y-%m-%d %H:%M} UTC" if last else ""
        number = f" {row['ordinal']}" if what == "claim" else f" {row['id']}"
        raise ConflictError(
            f"{what}{number} was changed{by} since you loaded it (now version {row['version']}, "
            f"you had {expected}): reload it and try again",
            entity=what,
            entity_id=row["id"],
            expected=expected,
            actual=row["version"],
        )

    def _claim_for_change(self, u: _Unit, claim_id: int, expected: int | None):
        row = self._lock(u.conn, C, claim_id, "claim")
        self._check_version(u.conn, row, expected, "claim")
        return row

    def _bump(self, u: _Unit, claim_id: int, **values: Any) -> int:
        new_version = u.conn.execute(
            C.update()
            .where(C.c.id == claim_id)
            .values(version=C.c.version + 1, updated_at=u.now, **values)
            .returning(C.c.version)
        ).scalar_one()
        return new_version

    # ------------------------------------------------------------------ verdict scale

    def _ensure_scale(self, scale: RatingScale | None) -> None:
        current = self.rating_scale(_fallback=False)
        if scale is None:
            if len(current) or self.readonly:
                return
            scale = DEFAULT_SCALE
        if current == scale or self.readonly:
            return
        self.set_rating_scale(scale)

    def rating_scale(self, *, _fallback: bool = True) -> RatingScale:
        """The verdict scale this database uses, best rating first (read once, then cached:
        the scale changes only through ``set_rating_scale`` or ``Store.open``)."""
        if self._scale is not None:
            return self._scale
        with self._read() as conn:
            rows = conn.execute(
                select(RT.c.key, RT.c.label, RT.c.description, RT.c.position, RT.c.value).order_by(
                    RT.c.position, RT.c.key
                )
            ).all()
        if not rows:
            return DEFAULT_SCALE if _fallback else RatingScale(())
        self._scale = RatingScale(tuple(Rating(*row) for row in rows))
        return self._scale

    def set_rating_scale(self, scale: RatingScale) -> None:
        """Replace the database's verdict scale. Verdicts already given keep their keys (a key
        the new scale lacks is shown as the key itself)."""
        self._scale = None
        with self._write() as u:
            u.conn.execute(RT.delete())
            u.conn.execute(
                RT.insert(),
                [
                    {
                        "key": r.key,
                        "label": r.label,
                        "description": r.description,
                        "position": r.order,
                        "value": r.value,
                    }
                    for r in scale
                ],
            )

    # ------------------------------------------------------------------ import

    def import_analysis(self, analysis, *, who: str | None = None) -> ImportResult:
        """Store an article's analysis as a review.

        The same content (same normalised text) imported again returns the existing review
        (``created=False``). A changed article from a source already stored becomes a new
        revision (``previous_id`` is the latest earlier one, which stays reachable); flags an
        editor confirmed or dismissed there keep that state here when the same finding (claim
        text, kind, key) comes up again.
        """
        art = analysis.article
        digest = content_hash(art.text)
        with self._write(who) as u:
            conn = u.conn
            same = conn.execute(
                select(R.c.id, R.c.revision, R.c.previous_id, R.c.source)
                .where(R.c.content_hash == digest)
                .order_by(R.c.id.desc())
            ).all()
            if same:
                best = next((r for r in same if r.source == art.source), same[0])
                return ImportResult(best.id, False, best.revision, best.previous_id)
            previous = None
            if art.source:
                previous = conn.execute(
                    select(R.c.id, R.c.revision)
                    .where(R.c.source == art.source)
                    .order_by(R.c.revision.desc(), R.c.id.desc())
                    .limit(1)
                ).first()
            revision = previous.revision + 1 if previous else 1
            review_id = conn.execute(
                R.insert().returning(R.c.id),
                {
                    "source": art.source,
                    "content_hash": digest,
                    "revision": revision,
                    "previous_id": previous.id if previous else None,
                    "title": art.title,
                    "outlet": art.outlet,
                    "byline": art.byline,
                    "published": art.published,
                    "text": art.text,
                    "removed": list(art.removed),
                    "headings": [_span(h) for h in analysis.headings],
                    "speakers": [
                        {
                            "name": s.name,
                            "titles": list(s.titles),
                            "organisations": list(s.organisations),
                            "mentions": [_span(m) for m in s.mentions],
                        }
                        for s in analysis.speakers
                    ],
                    "imported_at": u.now,
                    "updated_at": u.now,
                    "version": 1,
                },
            ).scalar_one()
            id_map = self._insert_claims(conn, review_id, analysis.claims, u.now)
            quotes = [
                {
                    "review_id": review_id,
                    "claim_id": id_map.get(q.claim_id),
                    "text": q.text,
                    "start_offset": q.start,
                    "end_offset": q.end,
                    "speaker": q.speaker,
                    "speaker_title": q.speaker_title,
                    "speaker_org": q.speaker_org,
                    "speaker_span": _span(q.speaker_span),
                    "title_span": _span(q.title_span),
                    "cue": q.cue,
                    "how": q.how,
                    "partial": bool(q.partial),
                    "person_id": None,
                    "speaker_kind": q.speaker_kind,
                }
                for q in analysis.quotes
            ]
            if quotes:
                conn.execute(Q.insert(), quotes)
            carried = self._flag_states(conn, previous.id) if previous else {}
            texts = {id_map[c.id]: c.text for c in analysis.claims if c.id in id_map}
            flags = []
            for flag in analysis.flags:
                claim_id = id_map.get(flag.claim_id) if flag.claim_id is not None else None
                row = _flag_row(review_id, claim_id, flag, "analysis", u.now)
                state = carried.get((texts.get(claim_id), row["kind"], row["key"]))
                if state:
                    row.update(state)
                flags.append(row)
            if flags:
                conn.execute(F.insert(), flags)
            what = f"revision {revision} of {art.source}" if previous else "article"
            u.record(review_id, None, "import", f"imported {what} ({len(analysis.claims)} claims)")
        return ImportResult(review_id, True, revision, previous.id if previous else None)

    def _insert_claims(self, conn: sa.Connection, review_id: int, claims, now) -> dict[int, int]:
        rows = [
            {
                "review_id": review_id,
                "ordinal": n,
                "text": c.text,
                "start_offset": c.start,
                "end_offset": c.end,
                "kind": c.kind,
                "checkworthy": float(c.checkworthy),
                "reasons": [{"label": r.label, "weight": r.weight} for r in c.reasons],
                "speaker": c.speaker,
                "speaker_title": c.speaker_title,
                "paragraph": c.paragraph,
                "status": "unreviewed",
                "priority": 0,
                "verdict": None,
                "rationale": None,
                "reviewer": None,
                "updated_at": now,
                "version": 1,
            }
            for n, c in enumerate(claims, 1)
        ]
        if not rows:
            return {}
        result = conn.execute(
            C.insert().returning(C.c.id, C.c.ordinal, sort_by_parameter_order=True), rows
        ).all()
        by_ordinal = {ordinal: claim_id for claim_id, ordinal in result}
        return {c.id: by_ordinal[n] for n, c in enumerate(claims, 1)}

    @staticmethod
    def _flag_states(conn: sa.Connection, review_id: int) -> dict[tuple, dict[str, Any]]:
        """Editors' decisions on a review's flags, by (claim text, kind, key)."""
        rows = conn.execute(
            select(
                C.c.text, F.c.kind, F.c.key, F.c.state, F.c.state_reason, F.c.state_by, F.c.state_at
            )
            .select_from(F.outerjoin(C, F.c.claim_id == C.c.id))
            .where(F.c.review_id == review_id, F.c.state != "open")
        ).all()
        return {
            (r.text, r.kind, r.key): {
                "state": r.state,
                "state_reason": r.state_reason,
                "state_by": r.state_by,
                "state_at": r.state_at,
            }
            for r in rows
        }

    # ------------------------------------------------------------------ reading

    def list_reviews(self) -> list[ReviewSummary]:
        """Every review, most recently changed first, with progress counts."""
        with self._read() as conn:
            reviews = conn.execute(
                select(
                    R.c.id,
                    R.c.title,
                    R.c.outlet,
                    R.c.published,
                    R.c.source,
                    R.c.revision,
                    R.c.imported_at,
                    R.c.updated_at,
                ).order_by(R.c.updated_at.desc(), R.c.id.desc())
            ).all()
            status: dict[int, dict[str, int]] = {}
            for rid, st, n in conn.execute(
                select(C.c.review_id, C.c.status, func.count()).group_by(C.c.review_id, C.c.status)
            ):
                status.setdefault(rid, {})[st] = n
            verdicts: dict[int, dict[str, int]] = {}
            for rid, verdict, n in conn.execute(
                select(C.c.review_id, C.c.verdict, func.count())
                .where(C.c.verdict.is_not(None))
                .group_by(C.c.review_id, C.c.verdict)
            ):
                verdicts.setdefault(rid, {})[verdict] = n
            flags = dict(
                conn.execute(
                    select(F.c.review_id, func.count())
                    .where(F.c.state == "open")
                    .group_by(F.c.review_id)
                ).all()
            )
        return [
            ReviewSummary(
                id=r.id,
                title=r.title,
                outlet=r.outlet,
                published=r.published,
                source=r.source,
                revision=r.revision,
                claim_count=sum(status.get(r.id, {}).values()),
                status_counts=status.get(r.id, {}),
                verdict_counts=verdicts.get(r.id, {}),
                open_flags=flags.get(r.id, 0),
                imported_at=_utc(r.imported_at),
                updated_at=_utc(r.updated_at),
            )
            for r in reviews
        ]

    def get_review(self, review_id: int) -> ReviewInfo:
        """A review's article and metadata; ``NotFoundError`` for an unknown id."""
        with self._read() as conn:
            row = conn.execute(select(R).where(R.c.id == review_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no review with id {review_id}")
        return ReviewInfo(
            id=row["id"],
            source=row["source"],
            content_hash=row["content_hash"],
            revision=row["revision"],
            previous_id=row["previous_id"],
            title=row["title"],
            outlet=row["outlet"],
            byline=row["byline"],
            published=row["published"],
            text=row["text"],
            removed=list(row["removed"] or []),
            headings=list(row["headings"] or []),
            speakers=list(row["speakers"] or []),
            imported_at=_utc(row["imported_at"]),
            updated_at=_utc(row["updated_at"]),
            version=row["version"],
        )

    def revisions(self, review_id: int) -> list[int]:
        """Ids of every revision of this review's source, oldest first (itself included)."""
        review = self.get_review(review_id)
        if not review.source:
            return [review_id]
        with self._read() as conn:
            return list(
                conn.execute(
                    select(R.c.id).where(R.c.source == review.source).order_by(R.c.revision, R.c.id)
                ).scalars()
            )

    _CLAIM_COLUMNS = (
        C.c.id,
        C.c.review_id,
        C.c.ordinal,
        C.c.text,
        C.c.start_offset,
        C.c.end_offset,
        C.c.kind,
        C.c.checkworthy,
        C.c.speaker,
        C.c.speaker_title,
        C.c.paragraph,
        C.c.status,
        C.c.priority,
        C.c.verdict,
        C.c.rationale,
        C.c.reviewer,
        C.c.updated_at,
        C.c.version,
    )

    def load_claims(self, review_id: int) -> list[ClaimRow]:
        """All claims of a review in order, with flag and evidence counts, for the claim list."""
        with self._read() as conn:
            rows = conn.execute(
                select(*self._CLAIM_COLUMNS).where(C.c.review_id == review_id).order_by(C.c.ordinal)
            ).all()
            if not rows:
                self._must_exist(conn, review_id)
                return []
            flags: dict[int, list[int]] = {}
            for claim_id, state, n in conn.execute(
                select(F.c.claim_id, F.c.state, func.count())
                .where(F.c.review_id == review_id, F.c.claim_id.is_not(None))
                .group_by(F.c.claim_id, F.c.state)
            ):
                counts = flags.setdefault(claim_id, [0, 0])
                counts[1] += n
                if state == "open":
                    counts[0] += n
            evidence = dict(
                conn.execute(
                    select(E.c.claim_id, func.count())
                    .where(E.c.review_id == review_id)
                    .group_by(E.c.claim_id)
                ).all()
            )
        out = []
        no_flags = (0, 0)
        for row in rows:
            claim_id = row[0]
            open_flags, all_flags = flags.get(claim_id, no_flags)
            item = ClaimRow(*row, open_flags, all_flags, evidence.get(claim_id, 0))
            if item.updated_at.tzinfo is None:
                item.updated_at = item.updated_at.replace(tzinfo=dt.UTC)
            out.append(item)
        return out

    def get_claim(self, claim_id: int) -> ClaimRow:
        """One claim as ``load_claims`` returns it."""
        with self._read() as conn:
            return self._claim_row(conn, claim_id)

    def claim_by_number(self, review_id: int, number: int) -> ClaimRow:
        """The claim numbered ``number`` (1, 2, ...) in a review."""
        with self._read() as conn:
            claim_id = conn.execute(
                select(C.c.id).where(C.c.review_id == review_id, C.c.ordinal == number)
            ).scalar()
            if claim_id is None:
                self._must_exist(conn, review_id)
                total = conn.execute(
                    select(func.count()).where(C.c.review_id == review_id)
                ).scalar()
                raise NotFoundError(
                    f"review {review_id} has no claim {number} (it has {total} claims)"
                )
            return self._claim_row(conn, claim_id)

    def _claim_row(self, conn: sa.Connection, claim_id: int) -> ClaimRow:
        row = conn.execute(select(*self._CLAIM_COLUMNS).where(C.c.id == claim_id)).first()
        if row is None:
            raise NotFoundError(f"no claim with id {claim_id}")
        states = conn.execute(select(F.c.state).where(F.c.claim_id == claim_id)).scalars().all()
        n_evidence = conn.execute(select(func.count()).where(E.c.claim_id == claim_id)).scalar()
        item = ClaimRow(*row, sum(s == "open" for s in states), len(states), n_evidence)
        item.updated_at = _utc(item.updated_at)
        return item

    @staticmethod
    def _must_exist(conn: sa.Connection, review_id: int) -> None:
        if conn.execute(select(R.c.id).where(R.c.id == review_id)).first() is None:
            raise NotFoundError(f"no review with id {review_id}")

    def claim_detail(self, claim_id: int) -> ClaimDetail:
        """A claim with its check-worthiness reasons, quotes, flags, evidence and history."""
        with self._read() as conn:
            claim = self._claim_row(conn, claim_id)
            reasons = conn.execute(select(C.c.reasons).where(C.c.id == claim_id)).scalar() or []
            quotes = [
                _quote_row(r)
                for r in conn.execute(
                    select(Q).where(Q.c.claim_id == claim_id).order_by(Q.c.start_offset, Q.c.id)
                ).mappings()
            ]
            flags = [
                _flag_from(r)
                for r in conn.execute(
                    select(F).where(F.c.claim_id == claim_id).order_by(F.c.id)
                ).mappings()
            ]
            evidence = [
                _evidence_from(r)
                for r in conn.execute(
                    select(E).where(E.c.claim_id == claim_id).order_by(E.c.added_at, E.c.id)
                ).mappings()
            ]
            history = self._history(conn, CS.c.claim_id == claim_id, None)
        return ClaimDetail(claim, list(reasons), quotes, flags, evidence, history)

    def list_flags(self, review_id: int, *, state: str | None = None) -> list[FlagRow]:
        """Every flag of a review (claim flags and article-level ones), in order."""
        with self._read() as conn:
            self._must_exist(conn, review_id)
            stmt = select(F).where(F.c.review_id == review_id)
            if state is not None:
                stmt = stmt.where(F.c.state == state)
            return [_flag_from(r) for r in conn.execute(stmt.order_by(F.c.id)).mappings()]

    def list_quotes(self, review_id: int) -> list[QuoteRow]:
        with self._read() as conn:
            self._must_exist(conn, review_id)
            return [
                _quote_row(r)
                for r in conn.execute(
                    select(Q).where(Q.c.review_id == review_id).order_by(Q.c.start_offset, Q.c.id)
                ).mappings()
            ]

    def quotes_elsewhere(self, review_id: int) -> list[tuple[str, str, str]]:
        """The attributed quotes of the other stored articles, as ``(text, speaker, where)``
        for the officials' quote-attributed-to-another-speaker check. Revisions of the same
        article (same source) are not "elsewhere"."""
        with self._read() as conn:
            source = conn.execute(select(R.c.source).where(R.c.id == review_id)).first()
            if source is None:
                self._must_exist(conn, review_id)
            stmt = (
                select(Q.c.text, Q.c.speaker, R.c.id, R.c.title, C.c.ordinal)
                .join(R, R.c.id == Q.c.review_id)
                .outerjoin(C, C.c.id == Q.c.claim_id)
                .where(Q.c.review_id != review_id, Q.c.speaker.is_not(None))
                .order_by(R.c.id, Q.c.start_offset)
            )
            if source is not None and source[0]:
                stmt = stmt.where(sa.or_(R.c.source.is_(None), R.c.source != source[0]))
            rows = conn.execute(stmt).all()
        out = []
        for text, speaker, other_id, title, ordinal in rows:
            where = f"review {other_id}" + (f" ({_short(title)})" if title else "")
            if ordinal is not None:
                where += f", claim {ordinal}"
            out.append((text, speaker, where))
        return out

    def list_evidence(self, review_id: int) -> list[EvidenceRow]:
        with self._read() as conn:
            self._must_exist(conn, review_id)
            return [
                _evidence_from(r)
                for r in conn.execute(
                    select(E).where(E.c.review_id == review_id).order_by(E.c.claim_id, E.c.id)
                ).mappings()
            ]

    def history(
        self, *, claim_id: int | None = None, review_id: int | None = None, limit: int | None = None
    ) -> list[ChangeSetRow]:
        """Changes to a claim (or to a whole review), newest first, each with its fields."""
        if (claim_id is None) == (review_id is None):
            raise ValueError("give exactly one of claim_id or review_id")
        with self._read() as conn:
            where = (
                CS.c.claim_id == claim_id if claim_id is not None else CS.c.review_id == review_id
            )
            return self._history(conn, where, limit)

    @staticmethod
    def _history(conn: sa.Connection, where, limit: int | None) -> list[ChangeSetRow]:
        stmt = select(CS).where(where).order_by(CS.c.id.desc())
        if limit is not None:
            stmt = stmt.limit(limit)
        sets = conn.execute(stmt).mappings().all()
        if not sets:
            return []
        ids = [s["id"] for s in sets]
        changes: dict[int, list[Change]] = {}
        for r in conn.execute(
            select(CL).where(CL.c.change_set_id.in_(ids)).order_by(CL.c.id)
        ).mappings():
            changes.setdefault(r["change_set_id"], []).append(
                Change(
                    r["entity"], r["entity_id"], r["field"], r["op"], r["old_value"], r["new_value"]
                )
            )
        undone = set(conn.execute(select(CS.c.undo_of).where(CS.c.undo_of.in_(ids))).scalars())
        return [
            ChangeSetRow(
                id=s["id"],
                review_id=s["review_id"],
                claim_id=s["claim_id"],
                who=s["who"],
                at=_utc(s["at"]),
                action=s["action"],
                description=s["description"],
                undo_of=s["undo_of"],
                undone=s["id"] in undone,
                changes=tuple(changes.get(s["id"], ())),
            )
            for s in sets
        ]

    def to_analysis(self, review_id: int):
        """The review rebuilt as an ``Analysis`` (claim ids are the claim numbers), with the
        editors' current claim texts and spans: for exporters and for re-running checks."""
        from factcheck.analysis.model import (
            Analysis,
            Article,
            Claim,
            Flag,
            Quote,
            Reason,
            Span,
            Speaker,
        )

        review = self.get_review(review_id)
        with self._read() as conn:
            claims = (
                conn.execute(select(C).where(C.c.review_id == review_id).order_by(C.c.ordinal))
                .mappings()
                .all()
            )
            quotes = (
                conn.execute(
                    select(Q).where(Q.c.review_id == review_id).order_by(Q.c.start_offset, Q.c.id)
                )
                .mappings()
                .all()
            )
            flags = (
                conn.execute(select(F).where(F.c.review_id == review_id).order_by(F.c.id))
                .mappings()
                .all()
            )
        number = {c["id"]: c["ordinal"] for c in claims}

        def span(d):
            return Span(d["start"], d["end"], d["text"]) if d else None

        return Analysis(
            article=Article(
                text=review.text,
                title=review.title,
                outlet=review.outlet,
                byline=review.byline,
                published=review.published,
                source=review.source,
                removed=list(review.removed),
            ),
            claims=[
                Claim(
                    id=c["ordinal"],
                    text=c["text"],
                    start=c["start_offset"],
                    end=c["end_offset"],
                    kind=c["kind"],
                    checkworthy=c["checkworthy"],
                    reasons=[Reason(r["label"], r["weight"]) for r in c["reasons"] or []],
                    speaker=c["speaker"],
                    speaker_title=c["speaker_title"],
                    paragraph=c["paragraph"],
                )
                for c in claims
            ],
            quotes=[
                Quote(
                    text=q["text"],
                    start=q["start_offset"],
                    end=q["end_offset"],
                    claim_id=number.get(q["claim_id"], 0),
                    speaker=q["speaker"],
                    speaker_title=q["speaker_title"],
                    speaker_org=q["speaker_org"],
                    speaker_span=span(q["speaker_span"]),
                    title_span=span(q["title_span"]),
                    cue=q["cue"],
                    how=q["how"],
                    partial=q["partial"],
                    speaker_kind=q["speaker_kind"],
                )
                for q in quotes
            ],
            flags=[
                Flag(
                    kind=f["kind"],
                    message=f["message"],
                    claim_id=number.get(f["claim_id"]),
                    details=dict(f["details"] or {}),
                )
                for f in flags
            ],
            speakers=[
                Speaker(
                    name=s["name"],
                    titles=list(s.get("titles", [])),
                    organisations=list(s.get("organisations", [])),
                    mentions=[span(m) for m in s.get("mentions", [])],
                )
                for s in review.speakers
            ],
            headings=[span(h) for h in review.headings],
        )

    def review_json(self, review_id: int) -> dict[str, Any]:
        """``factcheck show --json``: the keys of ``factcheck analyze --json`` plus the review's.

        Top level adds ``id``, ``revision``, ``previous_id``, ``content_hash``, ``imported_at``,
        ``updated_at``, ``version`` and ``rating_scale``; each claim adds ``db_id``, ``status``,
        ``verdict``, ``verdict_label``, ``rationale``, ``priority``, ``reviewer``, ``version``,
        ``updated_at``, ``flags`` (ids), ``open_flags`` and ``evidence_count`` (its ``id`` is its
        number in the review, which quotes' and flags' ``claim_id`` refer to); each flag adds
        ``id``, ``state``, ``state_reason``, ``state_by``, ``state_at`` and ``origin``.
        """
        analysis = self.to_analysis(review_id)
        review = self.get_review(review_id)
        data = analysis.to_json()
        claims = self.load_claims(review_id)
        flags = self.list_flags(review_id)
        scale = self.rating_scale()
        by_claim: dict[int, list[int]] = {}
        for f in flags:
            if f.claim_id is not None:
                by_claim.setdefault(f.claim_id, []).append(f.id)
        for item, row in zip(data["claims"], claims, strict=True):
            item.update(
                db_id=row.id,
                status=row.status,
                verdict=row.verdict,
                verdict_label=scale.label(row.verdict),
                rationale=row.rationale,
                priority=row.priority,
                reviewer=row.reviewer,
                version=row.version,
                updated_at=row.updated_at.isoformat(),
                flags=by_claim.get(row.id, []),
                open_flags=row.open_flags,
                evidence_count=row.evidence,
            )
        for item, f in zip(data["flags"], flags, strict=True):
            item.update(
                id=f.id,
                state=f.state,
                state_reason=f.state_reason,
                state_by=f.state_by,
                state_at=f.state_at.isoformat() if f.state_at else None,
                origin=f.origin,
            )
        data.update(
            id=review.id,
            revision=review.revision,
            previous_id=review.previous_id,
            content_hash=review.content_hash,
            imported_at=review.imported_at.isoformat(),
            updated_at=review.updated_at.isoformat(),
            version=review.version,
            rating_scale=[
                {
                    "key": r.key,
                    "label": r.label,
                    "description": r.description,
                    "order": r.order,
                    "value": r.value,
                }
                for r in scale
            ],
        )
        return data

    # ------------------------------------------------------------------ claims checked before

    def checked_before(
        self,
        review_id: int,
        *,
        limit_per_claim: int = 3,
        min_score: float | None = None,
        claim_ids: Iterable[int] | None = None,
    ) -> dict[int, list[PriorCheck]]:
        """Claims of other reviews, already given a verdict, that say what this review's claims
        say: ``{claim id: [PriorCheck, ...]}``, best match first, for the claims that have any.

        Full-text search (SQLite FTS5 with BM25, PostgreSQL ``ts_rank``) finds candidates, a
        fuzzy comparison re-ranks them (``factcheck.store.matching``). Other revisions of the
        same article never count.

        Args:
            limit_per_claim: at most this many earlier checks per claim.
            min_score: the match score (0-100) a candidate needs; default
                ``matching.MIN_SCORE``. Lower finds looser matches.
            claim_ids: only these claims of the review (e.g. one just reworded).
        """
        from factcheck.store import matching

        labels = self._labels()
        with self._read() as conn:
            self._must_exist(conn, review_id)
            return matching.find_prior_checks(
                conn,
                review_id,
                claim_ids=claim_ids,
                limit_per_claim=limit_per_claim,
                min_score=matching.MIN_SCORE if min_score is None else min_score,
                labels=labels,
            )

    def copy_prior_check(
        self,
        claim_id: int,
        prior_claim_id: int,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Take over an earlier check (a ``PriorCheck.claim_id``) for a claim, as one change that
        ``undo_last`` reverses: its verdict, its rationale under a note naming the earlier
        review, and copies of its evidence (items the claim already has are not doubled).
        Returns the claim's new version.

        The reviewer becomes ``who``; an unreviewed or in-progress claim is marked done.
        """
        if claim_id == prior_claim_id:
            raise StoreError("a claim cannot take over its own check")
        who = who or default_reviewer()
        labels = self._labels()
        with self._write(who) as u:
            row = self._claim_for_change(u, claim_id, expected_version)
            prior = (
                u.conn.execute(
                    select(
                        C.c.id,
                        C.c.review_id,
                        C.c.ordinal,
                        C.c.verdict,
                        C.c.rationale,
                        R.c.title,
                        R.c.outlet,
                        R.c.published,
                    )
                    .join(R, R.c.id == C.c.review_id)
                    .where(C.c.id == prior_claim_id)
                )
                .mappings()
                .first()
            )
            if prior is None:
                raise NotFoundError(f"no claim with id {prior_claim_id}")
            where = f"review {prior['review_id']}, claim {prior['ordinal']}"
            if prior["verdict"] is None:
                raise StoreError(f"{where} has no verdict to take over")
            about = ", ".join(
                x
                for x in (
                    prior["outlet"],
                    prior["published"].isoformat() if prior["published"] else None,
                )
                if x
            )
            note = f"Checked before in {where}"
            if prior["title"]:
                note += f": “{' '.join(prior['title'].split())}”"
            note += f" ({about})." if about else "."
            values: dict[str, Any] = {
                "verdict": prior["verdict"],
                "rationale": note + (f"\n\n{prior['rationale']}" if prior["rationale"] else ""),
                "reviewer": who,
            }
            if row["status"] in ("unreviewed", "in_progress"):
                values["status"] = "done"
            diffs = {k: v for k, v in values.items() if row[k] != v}
            fields = ("kind", "url", "title", "excerpt", "note", "reliability")
            have = {
                tuple(r)
                for r in u.conn.execute(
                    select(*(E.c[f] for f in fields)).where(E.c.claim_id == claim_id)
                )
            }
            copied = 0
            for ev in u.conn.execute(
                select(*(E.c[f] for f in fields))
                .where(E.c.claim_id == prior_claim_id)
                .order_by(E.c.added_at, E.c.id)
            ).all():
                if tuple(ev) in have:
                    continue
                have.add(tuple(ev))
                evidence_id = u.conn.execute(
                    E.insert().returning(E.c.id),
                    dict(
                        zip(fields, ev, strict=True),
                        review_id=row["review_id"],
                        claim_id=claim_id,
                        added_by=u.who,
                        added_at=u.now,
                        updated_at=u.now,
                    ),
                ).scalar_one()
                u.log("evidence", evidence_id, None, None, u.snapshot(E, evidence_id), op="insert")
                copied += 1
            if not diffs.keys() - {"reviewer"} and not copied:
                return row["version"]
            for k, v in diffs.items():
                u.log("claim", claim_id, k, row[k], v)
            version = self._bump(u, claim_id, **diffs)
            description = (
                f"claim {row['ordinal']}: took over the check of {where} "
                f"(verdict {labels.get(prior['verdict'], prior['verdict'])}"
                + (f", {copied} evidence item{'s' if copied != 1 else ''}" if copied else "")
                + ")"
            )
            u.record(row["review_id"], claim_id, "copy_prior_check", description)
            return version

    # ------------------------------------------------------------------ claim changes

    def _change_claim(
        self,
        claim_id: int,
        values: dict[str, Any],
        *,
        who: str | None,
        expected_version: int | None,
        action: str,
    ) -> int:
        with self._write(who) as u:
            row = self._claim_for_change(u, claim_id, expected_version)
            diffs = {k: v for k, v in values.items() if row[k] != v}
            if not diffs:
                return row["version"]
            for k, v in diffs.items():
                u.log("claim", claim_id, k, row[k], v)
            version = self._bump(u, claim_id, **diffs)
            u.record(
                row["review_id"],
                claim_id,
                action,
                _describe_claim_change(row["ordinal"], row, diffs, self._labels()),
            )
            return version

    def _labels(self) -> dict[str, str]:
        return {r.key: r.label for r in self.rating_scale()}

    def set_verdict(
        self,
        claim_id: int,
        rating_key: str | None,
        rationale: str | None = None,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Give a claim a verdict (a key of the scale; None clears it); returns its new version.

        ``rationale=None`` leaves the rationale as it is. The reviewer becomes ``who``. A
        verdict marks an unreviewed or in-progress claim done; clearing it puts a done claim
        back in progress.
        """
        who = who or default_reviewer()
        if rating_key is not None and self.rating_scale().get(rating_key) is None:
            keys = ", ".join(self.rating_scale().keys())
            raise StoreError(f"unknown rating {rating_key!r} (the scale has: {keys})")
        with self._write(who) as u:
            row = self._claim_for_change(u, claim_id, expected_version)
            values: dict[str, Any] = {"verdict": rating_key, "reviewer": who}
            if rationale is not None:
                values["rationale"] = rationale
            if rating_key is not None and row["status"] in ("unreviewed", "in_progress"):
                values["status"] = "done"
            elif rating_key is None and row["status"] == "done":
                values["status"] = "in_progress"
            diffs = {k: v for k, v in values.items() if row[k] != v}
            if not diffs or set(diffs) == {"reviewer"}:
                return row["version"]
            for k, v in diffs.items():
                u.log("claim", claim_id, k, row[k], v)
            version = self._bump(u, claim_id, **diffs)
            u.record(
                row["review_id"],
                claim_id,
                "set_verdict",
                _describe_claim_change(row["ordinal"], row, diffs, self._labels()),
            )
            return version

    def set_status(
        self,
        claim_id: int,
        status: str,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Set a claim's review status (one of ``CLAIM_STATUSES``); returns its new version."""
        if status not in CLAIM_STATUSES:
            raise StoreError(f"unknown status {status!r} (one of: {', '.join(CLAIM_STATUSES)})")
        return self._change_claim(
            claim_id,
            {"status": status},
            who=who,
            expected_version=expected_version,
            action="set_status",
        )

    def set_priority(
        self,
        claim_id: int,
        priority: int,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Set a claim's priority (0 normal, higher is more urgent, negative is low)."""
        return self._change_claim(
            claim_id,
            {"priority": int(priority)},
            who=who,
            expected_version=expected_version,
            action="set_priority",
        )

    def set_rationale(
        self,
        claim_id: int,
        rationale: str | None,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Set a claim's rationale without touching its verdict."""
        return self._change_claim(
            claim_id,
            {"rationale": rationale},
            who=who,
            expected_version=expected_version,
            action="set_rationale",
        )

    def edit_claim_text(
        self,
        claim_id: int,
        text: str,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Reword a claim (its span in the article stays); returns its new version."""
        text = text.strip()
        if not text:
            raise StoreError("a claim's text cannot be empty")
        return self._change_claim(
            claim_id, {"text": text}, who=who, expected_version=expected_version, action="edit_text"
        )

    def _shift(self, u: _Unit, review_id: int, start: int, delta: int) -> None:
        """Renumber a review's claims numbered ``start`` and above by ``delta`` (logged)."""
        u.conn.execute(
            C.update()
            .where(C.c.review_id == review_id, C.c.ordinal >= start)
            .values(ordinal=C.c.ordinal + delta)
        )
        u.log("claim", review_id, "ordinal", None, {"from": start, "delta": delta}, op="shift")

    def _article_text(self, conn: sa.Connection, review_id: int) -> str:
        return conn.execute(select(R.c.text).where(R.c.id == review_id)).scalar_one()

    def split_claim(
        self,
        claim_id: int,
        at_offset: int,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Split a claim in two at an article offset; returns the new (second) claim's id.

        ``at_offset`` is an offset into the article text strictly inside the claim's span. The
        first part keeps the claim's id, verdict, flags and evidence; the second is a new,
        unreviewed claim that takes the quotes starting after the split. If the claim's text was
        reworded, the reworded text is split at the same distance from its start.
        """
        with self._write(who) as u:
            row = self._claim_for_change(u, claim_id, expected_version)
            start, end = row["start_offset"], row["end_offset"]
            if not start < at_offset < end:
                raise StoreError(
                    f"cannot split claim {row['ordinal']} at {at_offset}: "
                    f"not inside its span {start}-{end}"
                )
            article = self._article_text(u.conn, row["review_id"])
            if row["text"] == article[start:end]:
                first, second = article[start:at_offset], article[at_offset:end]
            else:
                cut = at_offset - start
                first, second = row["text"][:cut], row["text"][cut:]
            second_start = at_offset + (len(second) - len(second.lstrip()))
            first_end = at_offset - (len(first) - len(first.rstrip()))
            first, second = first.strip(), second.strip()
            if not first or not second:
                raise StoreError(f"cannot split claim {row['ordinal']} there: one part is empty")
            ordinal = row["ordinal"]
            self._shift(u, row["review_id"], ordinal + 1, 1)
            new_id = u.conn.execute(
                C.insert().returning(C.c.id),
                {
                    "review_id": row["review_id"],
                    "ordinal": ordinal + 1,
                    "text": second,
                    "start_offset": second_start,
                    "end_offset": end,
                    "kind": row["kind"],
                    "checkworthy": row["checkworthy"],
                    "reasons": row["reasons"],
                    "speaker": row["speaker"],
                    "speaker_title": row["speaker_title"],
                    "paragraph": row["paragraph"],
                    "status": "unreviewed",
                    "priority": row["priority"],
                    "verdict": None,
                    "rationale": None,
                    "reviewer": None,
                    "updated_at": u.now,
                    "version": 1,
                },
            ).scalar_one()
            u.log("claim", new_id, None, None, u.snapshot(C, new_id), op="insert")
            for key, value in (("text", first), ("end_offset", first_end)):
                if row[key] != value:
                    u.log("claim", claim_id, key, row[key], value)
            self._bump(u, claim_id, text=first, end_offset=first_end)
            moved = (
                u.conn.execute(
                    select(Q.c.id).where(Q.c.claim_id == claim_id, Q.c.start_offset >= at_offset)
                )
                .scalars()
                .all()
            )
            for quote_id in moved:
                u.log("quote", quote_id, "claim_id", claim_id, new_id)
            if moved:
                u.conn.execute(Q.update().where(Q.c.id.in_(moved)).values(claim_id=new_id))
            u.record(
                row["review_id"],
                claim_id,
                "split",
                f"split claim {ordinal} into {ordinal} and {ordinal + 1}",
            )
            return new_id

    def merge_with_next(
        self, claim_id: int, *, who: str | None = None, expected_version: int | None = None
    ) -> int:
        """Merge a claim with the one after it; returns the merged claim's new version.

        The merged claim keeps this claim's id, verdict and status and takes over the next
        claim's quotes, flags and evidence; the next claim is deleted (undo brings it back).
        """
        with self._write(who) as u:
            row = self._claim_for_change(u, claim_id, expected_version)
            stmt = select(C).where(
                C.c.review_id == row["review_id"], C.c.ordinal == row["ordinal"] + 1
            )
            if self._is_pg:
                stmt = stmt.with_for_update()
            nxt = u.conn.execute(stmt).mappings().first()
            if nxt is None:
                raise StoreError(f"claim {row['ordinal']} is the last one: nothing to merge with")
            article = self._article_text(u.conn, row["review_id"])
            unedited = (
                row["text"] == article[row["start_offset"] : row["end_offset"]]
                and nxt["text"] == article[nxt["start_offset"] : nxt["end_offset"]]
            )
            end = max(row["end_offset"], nxt["end_offset"])
            text = (
                article[row["start_offset"] : end] if unedited else f"{row['text']} {nxt['text']}"
            )
            for table, entity in ((Q, "quote"), (F, "flag"), (E, "evidence")):
                ids = (
                    u.conn.execute(select(table.c.id).where(table.c.claim_id == nxt["id"]))
                    .scalars()
                    .all()
                )
                for child in ids:
                    u.log(entity, child, "claim_id", nxt["id"], claim_id)
                if ids:
                    u.conn.execute(
                        table.update().where(table.c.id.in_(ids)).values(claim_id=claim_id)
                    )
            u.log("claim", nxt["id"], None, u.snapshot(C, nxt["id"]), None, op="delete")
            u.conn.execute(C.delete().where(C.c.id == nxt["id"]))
            self._shift(u, row["review_id"], row["ordinal"] + 2, -1)
            for key, value in (("text", text), ("end_offset", end)):
                if row[key] != value:
                    u.log("claim", claim_id, key, row[key], value)
            version = self._bump(u, claim_id, text=text, end_offset=end)
            u.record(
                row["review_id"],
                claim_id,
                "merge",
                f"merged claims {row['ordinal']} and {row['ordinal'] + 1}",
            )
            return version

    def add_claim(
        self, review_id: int, start: int, end: int, *, kind: str = "event", who: str | None = None
    ) -> int:
        """Add a claim for the article text ``[start, end)`` (an editor's selection); returns
        its id. It is numbered in article order among the existing claims."""
        with self._write(who) as u:
            article = u.conn.execute(select(R.c.text).where(R.c.id == review_id)).scalar()
            if article is None:
                raise NotFoundError(f"no review with id {review_id}")
            if not 0 <= start < end <= len(article) or not article[start:end].strip():
                raise StoreError(f"no text to make a claim of at {start}-{end}")
            raw = article[start:end]
            start += len(raw) - len(raw.lstrip())
            end -= len(raw) - len(raw.rstrip())
            ordinal = (
                u.conn.execute(
                    select(func.count()).where(C.c.review_id == review_id, C.c.start_offset < start)
                ).scalar_one()
                + 1
            )
            paragraph = article.count("\n\n", 0, start)
            self._shift(u, review_id, ordinal, 1)
            new_id = u.conn.execute(
                C.insert().returning(C.c.id),
                {
                    "review_id": review_id,
                    "ordinal": ordinal,
                    "text": article[start:end],
                    "start_offset": start,
                    "end_offset": end,
                    "kind": kind,
                    "checkworthy": 1.0,
                    "reasons": [{"label": "added by an editor", "weight": 1.0}],
                    "speaker": None,
                    "speaker_title": None,
                    "paragraph": paragraph,
                    "status": "unreviewed",
                    "priority": 0,
                    "verdict": None,
                    "rationale": None,
                    "reviewer": None,
                    "updated_at": u.now,
                    "version": 1,
                },
            ).scalar_one()
            u.log("claim", new_id, None, None, u.snapshot(C, new_id), op="insert")
            u.record(
                review_id,
                new_id,
                "add_claim",
                f"added claim {ordinal}: {_short(article[start:end])}",
            )
            return new_id

    # ------------------------------------------------------------------ evidence

    def add_evidence(
        self,
        claim_id: int,
        *,
        kind: str | None = None,
        url: str | None = None,
        title: str | None = None,
        excerpt: str | None = None,
        note: str | None = None,
        reliability: str | None = None,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Attach evidence to a claim; returns the evidence id.

        ``kind`` is one of ``EVIDENCE_KINDS`` (default: ``link`` with a URL, else ``note``);
        ``reliability`` one of ``RELIABILITY`` or None.
        """
        kind = kind or ("link" if url else "note")
        _check_evidence(kind, url, title, excerpt, note, reliability)
        with self._write(who) as u:
            row = self._claim_for_change(u, claim_id, expected_version)
            evidence_id = u.conn.execute(
                E.insert().returning(E.c.id),
                {
                    "review_id": row["review_id"],
                    "claim_id": claim_id,
                    "kind": kind,
                    "url": url,
                    "title": title,
                    "excerpt": excerpt,
                    "note": note,
                    "reliability": reliability,
                    "added_by": u.who,
                    "added_at": u.now,
                    "updated_at": u.now,
                },
            ).scalar_one()
            u.log("evidence", evidence_id, None, None, u.snapshot(E, evidence_id), op="insert")
            self._bump(u, claim_id)
            u.record(
                row["review_id"],
                claim_id,
                "add_evidence",
                f"added {kind} to claim {row['ordinal']}: {_short(title or url or note)}",
            )
            return evidence_id

    def update_evidence(
        self,
        evidence_id: int,
        *,
        who: str | None = None,
        expected_version: int | None = None,
        **fields: Any,
    ) -> int:
        """Change evidence fields (kind, url, title, excerpt, note, reliability); returns the
        claim's new version. ``expected_version`` is the claim's version."""
        allowed = {"kind", "url", "title", "excerpt", "note", "reliability"}
        if set(fields) - allowed:
            raise StoreError(f"evidence has no field(s) {', '.join(sorted(set(fields) - allowed))}")
        with self._write(who) as u:
            ev = self._lock(u.conn, E, evidence_id, "evidence")
            merged = {k: fields.get(k, ev[k]) for k in allowed}
            _check_evidence(**merged)
            row = self._claim_for_change(u, ev["claim_id"], expected_version)
            diffs = {k: v for k, v in fields.items() if ev[k] != v}
            if not diffs:
                return row["version"]
            for k, v in diffs.items():
                u.log("evidence", evidence_id, k, ev[k], v)
            u.conn.execute(
                E.update().where(E.c.id == evidence_id).values(updated_at=u.now, **diffs)
            )
            version = self._bump(u, ev["claim_id"])
            u.record(
                row["review_id"],
                ev["claim_id"],
                "update_evidence",
                f"changed {', '.join(diffs)} of evidence on claim {row['ordinal']}",
            )
            return version

    def remove_evidence(
        self, evidence_id: int, *, who: str | None = None, expected_version: int | None = None
    ) -> int:
        """Remove evidence (undo brings it back); returns the claim's new version."""
        with self._write(who) as u:
            ev = self._lock(u.conn, E, evidence_id, "evidence")
            row = self._claim_for_change(u, ev["claim_id"], expected_version)
            u.log("evidence", evidence_id, None, u.snapshot(E, evidence_id), None, op="delete")
            u.conn.execute(E.delete().where(E.c.id == evidence_id))
            version = self._bump(u, ev["claim_id"])
            u.record(
                row["review_id"],
                ev["claim_id"],
                "remove_evidence",
                f"removed {ev['kind']} from claim {row['ordinal']}: "
                f"{_short(ev['title'] or ev['url'] or ev['note'])}",
            )
            return version

    # ------------------------------------------------------------------ flags

    def set_flag_state(
        self,
        flag_id: int,
        state: str,
        reason: str | None = None,
        *,
        who: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Confirm, dismiss or reopen a flag, with the editor's reason.

        ``expected_version`` is the flag's claim's version (ignored for article-level flags).
        """
        if state not in FLAG_STATES:
            raise StoreError(f"unknown flag state {state!r} (one of: {', '.join(FLAG_STATES)})")
        with self._write(who) as u:
            flag = self._lock(u.conn, F, flag_id, "flag")
            claim = None
            if flag["claim_id"] is not None:
                claim = self._claim_for_change(u, flag["claim_id"], expected_version)
            values = {
                "state": state,
                "state_reason": reason,
                "state_by": u.who if state != "open" else None,
                "state_at": u.now if state != "open" else None,
            }
            diffs = {k: v for k, v in values.items() if flag[k] != v}
            if not diffs or set(diffs) <= {"state_at"}:
                return
            for k, v in diffs.items():
                u.log("flag", flag_id, k, flag[k], v)
            u.conn.execute(F.update().where(F.c.id == flag_id).values(**diffs))
            if claim is not None:
                self._bump(u, claim["id"])
            where = f" on claim {claim['ordinal']}" if claim is not None else ""
            verb = {"open": "reopened", "confirmed": "confirmed", "dismissed": "dismissed"}[state]
            u.record(
                flag["review_id"],
                flag["claim_id"],
                "set_flag_state",
                f"{verb} {flag['kind']} flag{where}" + (f": {_short(reason)}" if reason else ""),
            )

    def add_flags(
        self,
        review_id: int,
        flags: Iterable,
        *,
        origin: str = "analysis",
        replace: bool = False,
        who: str | None = None,
    ) -> list[int]:
        """Add findings (``factcheck.analysis.model.Flag``) to a stored review.

        ``Flag.claim_id`` is the claim's *number* in the review (as in ``to_analysis``), or None
        for the article. A finding already stored (same claim, kind and key: ``details["key"]``
        or else the message) is kept with its state, so an editor's dismissal survives re-running
        a check. With ``replace=True``, open flags of this ``origin`` that the new run no longer
        produces are removed (confirmed or dismissed ones stay). Returns the ids of the flags,
        in the order given.
        """
        flags = list(flags)
        with self._write(who) as u:
            numbers = dict(
                u.conn.execute(select(C.c.ordinal, C.c.id).where(C.c.review_id == review_id)).all()
            )
            if not numbers:
                self._must_exist(u.conn, review_id)
            existing = {
                (r.claim_id, r.kind, r.key): r.id
                for r in u.conn.execute(
                    select(F.c.id, F.c.claim_id, F.c.kind, F.c.key).where(
                        F.c.review_id == review_id
                    )
                )
            }
            ids: list[int] = []
            added = 0
            for flag in flags:
                claim_id = None
                if flag.claim_id is not None:
                    claim_id = numbers.get(flag.claim_id)
                    if claim_id is None:
                        raise StoreError(f"review {review_id} has no claim {flag.claim_id}")
                row = _flag_row(review_id, claim_id, flag, origin, u.now)
                found = existing.get((claim_id, row["kind"], row["key"]))
                if found is not None:
                    ids.append(found)
                    continue
                flag_id = u.conn.execute(F.insert().returning(F.c.id), row).scalar_one()
                existing[(claim_id, row["kind"], row["key"])] = flag_id
                u.log("flag", flag_id, None, None, u.snapshot(F, flag_id), op="insert")
                ids.append(flag_id)
                added += 1
            removed = 0
            if replace:
                keep = set(ids)
                stale = (
                    u.conn.execute(
                        select(F.c.id).where(
                            F.c.review_id == review_id, F.c.origin == origin, F.c.state == "open"
                        )
                    )
                    .scalars()
                    .all()
                )
                for flag_id in stale:
                    if flag_id not in keep:
                        u.log("flag", flag_id, None, u.snapshot(F, flag_id), None, op="delete")
                        u.conn.execute(F.delete().where(F.c.id == flag_id))
                        removed += 1
            if added or removed:
                u.record(
                    review_id,
                    None,
                    "add_flags",
                    f"{origin} checks: {added} new flag(s), {removed} removed",
                )
            return ids

    # ------------------------------------------------------------------ quotes

    def set_quote_person(
        self, quote_id: int, person_id: int | None, *, who: str | None = None
    ) -> None:
        """Link a quote's speaker to a person of the officials registry (None unlinks)."""
        with self._write(who) as u:
            quote = self._lock(u.conn, Q, quote_id, "quote")
            if quote["person_id"] == person_id:
                return
            u.log("quote", quote_id, "person_id", quote["person_id"], person_id)
            u.conn.execute(Q.update().where(Q.c.id == quote_id).values(person_id=person_id))
            if quote["claim_id"] is not None:
                self._bump(u, quote["claim_id"])
            u.record(
                quote["review_id"],
                quote["claim_id"],
                "set_quote_person",
                f"linked the quote of {quote['speaker'] or 'an unnamed speaker'} to person "
                f"{person_id}"
                if person_id is not None
                else "unlinked a quote's speaker",
            )

    # ------------------------------------------------------------------ article

    def update_article_metadata(
        self,
        review_id: int,
        *,
        who: str | None = None,
        expected_version: int | None = None,
        title: Any = _UNSET,
        outlet: Any = _UNSET,
        byline: Any = _UNSET,
        published: Any = _UNSET,
        source: Any = _UNSET,
    ) -> int:
        """Correct the article's title, outlet, byline, publication date or source; returns the
        review's new version (``expected_version`` is the review's ``version``)."""
        values = {
            k: v
            for k, v in (
                ("title", title),
                ("outlet", outlet),
                ("byline", byline),
                ("published", published),
                ("source", source),
            )
            if v is not _UNSET
        }
        if "published" in values and isinstance(values["published"], str):
            try:
                values["published"] = dt.date.fromisoformat(values["published"])
            except ValueError:
                raise StoreError(f"not a date (YYYY-MM-DD): {values['published']}") from None
        with self._write(who) as u:
            row = self._lock(u.conn, R, review_id, "review")
            self._check_version(u.conn, row, expected_version, "review")
            diffs = {k: v for k, v in values.items() if row[k] != v}
            if not diffs:
                return row["version"]
            for k, v in diffs.items():
                u.log("review", review_id, k, row[k], v)
            version = u.conn.execute(
                R.update()
                .where(R.c.id == review_id)
                .values(version=R.c.version + 1, **diffs)
                .returning(R.c.version)
            ).scalar_one()
            u.record(
                review_id,
                None,
                "edit_metadata",
                "changed the article's "
                + ", ".join(
                    f"{k} ({_short(_enc(row[k]), 30)} → {_short(_enc(v), 30)})"
                    for k, v in diffs.items()
                ),
            )
            return version

    # ------------------------------------------------------------------ undo, delete

    def undo_last(self, review_id: int, *, who: str | None = None) -> str | None:
        """Undo the last change to a review not yet undone (imports cannot be undone).

        The undo is itself a change set (``action="undo"``, ``undo_of`` the undone set), so the
        history shows it; undoing again undoes the change before. Returns what was undone, in
        words, or None when there is nothing to undo.
        """
        with self._write(who) as u:
            conn = u.conn
            if self._is_pg:
                self._lock(conn, R, review_id, "review")
            else:
                self._must_exist(conn, review_id)
            undone = select(CS.c.undo_of).where(
                CS.c.review_id == review_id, CS.c.undo_of.is_not(None)
            )
            last = (
                conn.execute(
                    select(CS)
                    .where(
                        CS.c.review_id == review_id,
                        CS.c.undo_of.is_(None),
                        CS.c.action.not_in(("import", "undo")),
                        CS.c.id.not_in(undone),
                    )
                    .order_by(CS.c.id.desc())
                    .limit(1)
                )
                .mappings()
                .first()
            )
            if last is None:
                return None
            changes = (
                conn.execute(
                    select(CL).where(CL.c.change_set_id == last["id"]).order_by(CL.c.id.desc())
                )
                .mappings()
                .all()
            )
            touched: set[int] = set()
            for ch in changes:
                touched |= self._reverse(u, review_id, ch)
            touched.discard(None)
            if touched:
                existing = conn.execute(select(C.c.id).where(C.c.id.in_(touched))).scalars().all()
                if existing:
                    conn.execute(
                        C.update()
                        .where(C.c.id.in_(existing))
                        .values(version=C.c.version + 1, updated_at=u.now)
                    )
            if any(ch["entity"] == "review" for ch in changes):
                conn.execute(R.update().where(R.c.id == review_id).values(version=R.c.version + 1))
            description = f"undid: {last['description']}"
            u.record(review_id, last["claim_id"], "undo", description, undo_of=last["id"])
            return last["description"]

    def _reverse(self, u: _Unit, review_id: int, ch) -> set[int]:
        """Apply the inverse of one logged change; returns the claim ids it touched."""
        conn = u.conn
        entity, entity_id, op = ch["entity"], ch["entity_id"], ch["op"]
        table = TABLES[entity]
        if op == "shift":
            spec = ch["new_value"]
            start, delta = spec["from"] + spec["delta"], -spec["delta"]
            conn.execute(
                C.update()
                .where(C.c.review_id == review_id, C.c.ordinal >= start)
                .values(ordinal=C.c.ordinal + delta)
            )
            u.log("claim", review_id, "ordinal", None, {"from": start, "delta": delta}, "shift")
            return set()
        if op == "update":
            field = ch["field"]
            current = conn.execute(select(table.c[field]).where(table.c.id == entity_id)).first()
            value = _dec(table, field, ch["old_value"])
            conn.execute(table.update().where(table.c.id == entity_id).values({field: value}))
            u.log(entity, entity_id, field, current[0] if current else None, value)
            if entity == "claim":
                return {entity_id}
            if entity == "review":
                return set()
            if field == "claim_id":
                return {value, current[0] if current else None}
            return {conn.execute(select(table.c.claim_id).where(table.c.id == entity_id)).scalar()}
        if op == "insert":
            row = ch["new_value"]
            conn.execute(table.delete().where(table.c.id == entity_id))
            u.log(entity, entity_id, None, row, None, "delete")
            return {entity_id} if entity == "claim" else {row.get("claim_id")}
        if op == "delete":
            row = {k: _dec(table, k, v) for k, v in ch["old_value"].items()}
            conn.execute(table.insert().values(**row))
            u.log(entity, entity_id, None, None, ch["old_value"], "insert")
            return {entity_id} if entity == "claim" else {row.get("claim_id")}
        raise StoreError(f"cannot undo a change of kind {op!r}")  # pragma: no cover

    def delete_review(self, review_id: int) -> None:
        """Delete a review with everything in it (cannot be undone; other revisions stay)."""
        with self._write() as u:
            self._must_exist(u.conn, review_id)
            # Explicit deletes rather than relying on ON DELETE CASCADE alone: a connection with
            # foreign keys off (e.g. another SQLite tool) must not leave orphans.
            sets = select(CS.c.id).where(CS.c.review_id == review_id)
            u.conn.execute(CL.delete().where(CL.c.change_set_id.in_(sets)))
            for table in (CS, Q, F, E, C):
                u.conn.execute(table.delete().where(table.c.review_id == review_id))
            u.conn.execute(R.update().where(R.c.previous_id == review_id).values(previous_id=None))
            u.conn.execute(R.delete().where(R.c.id == review_id))

    # ------------------------------------------------------------------ maintenance

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` ("ok" when sound); "ok" on other back ends."""
        if self.dialect != "sqlite":
            return "ok"
        with self._read() as conn:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        return "; ".join(rows)


# ---------------------------------------------------------------------- helpers


def _span(span) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}


def flag_key(flag) -> str:
    """What identifies a finding across re-analysis: ``details["key"]``, else its message."""
    key = (flag.details or {}).get("key")
    return str(key) if key is not None else " ".join(flag.message.split())


def _flag_row(review_id: int, claim_id: int | None, flag, origin: str, now) -> dict[str, Any]:
    return {
        "review_id": review_id,
        "claim_id": claim_id,
        "kind": flag.kind,
        "message": flag.message,
        "key": flag_key(flag),
        "details": dict(flag.details or {}),
        "origin": origin,
        "state": "open",
        "state_reason": None,
        "state_by": None,
        "state_at": None,
        "created_at": now,
    }


def _check_evidence(
    kind: str,
    url: str | None,
    title: str | None,
    excerpt: str | None,
    note: str | None,
    reliability: str | None,
) -> None:
    if kind not in EVIDENCE_KINDS:
        raise StoreError(f"unknown evidence kind {kind!r} (one of: {', '.join(EVIDENCE_KINDS)})")
    if reliability is not None and reliability not in RELIABILITY:
        raise StoreError(f"unknown reliability {reliability!r} (one of: {', '.join(RELIABILITY)})")
    if kind == "link" and not url:
        raise StoreError("link evidence needs a URL")
    if not any((url, title, excerpt, note)):
        raise StoreError("evidence needs a URL, a title, an excerpt or a note")


def _describe_claim_change(number: int, row, diffs: dict[str, Any], labels: dict[str, str]) -> str:
    parts = []
    for key, new in diffs.items():
        old = row[key]
        if key == "verdict":
            parts.append(
                f"verdict {labels.get(old, old) if old else '—'} → "
                f"{labels.get(new, new) if new else '—'}"
            )
        elif key == "status":
            parts.append(f"status {STATUS_LABELS.get(old, old)} → {STATUS_LABELS.get(new, new)}")
        elif key == "reviewer":
            continue
        elif key in ("text", "rationale"):
            parts.append(f"{key} “{_short(new)}”" if new else f"{key} cleared")
        else:
            parts.append(f"{key} {old} → {new}")
    return f"claim {number}: " + "; ".join(parts)


def _quote_row(r) -> QuoteRow:
    return QuoteRow(
        id=r["id"],
        claim_id=r["claim_id"],
        text=r["text"],
        start=r["start_offset"],
        end=r["end_offset"],
        speaker=r["speaker"],
        speaker_title=r["speaker_title"],
        speaker_org=r["speaker_org"],
        speaker_span=r["speaker_span"],
        title_span=r["title_span"],
        cue=r["cue"],
        how=r["how"],
        partial=bool(r["partial"]),
        person_id=r["person_id"],
        speaker_kind=r["speaker_kind"],
    )


def _flag_from(r) -> FlagRow:
    return FlagRow(
        id=r["id"],
        review_id=r["review_id"],
        claim_id=r["claim_id"],
        kind=r["kind"],
        message=r["message"],
        key=r["key"],
        details=dict(r["details"] or {}),
        origin=r["origin"],
        state=r["state"],
        state_reason=r["state_reason"],
        state_by=r["state_by"],
        state_at=_utc(r["state_at"]),
        created_at=_utc(r["created_at"]),
    )


def _evidence_from(r) -> EvidenceRow:
    return EvidenceRow(
        id=r["id"],
        review_id=r["review_id"],
        claim_id=r["claim_id"],
        kind=r["kind"],
        url=r["url"],
        title=r["title"],
        excerpt=r["excerpt"],
        note=r["note"],
        reliability=r["reliability"],
        added_by=r["added_by"],
        added_at=_utc(r["added_at"]),
        updated_at=_utc(r["updated_at"]),
    )


__all__: Sequence[str] = (
    "ConflictError",
    "NotFoundError",
    "ReadOnlyError",
    "Store",
    "content_hash",
    "default_reviewer",
    "flag_key",
)
