"""Exports for other tools: the whole review as JSON, and one CSV row per claim.

JSON is ``Store.review_json`` (the keys of ``factcheck show --json``: article, claims, quotes,
flags, speakers, rating scale) plus what that lacks: every claim's ``evidence`` (top-level
``evidence`` list, with the claim's number) and the review's change ``history``, oldest first.

CSV is for spreadsheets (``evidence_urls`` holds one URL per line): RFC 4180 quoting (commas,
quotes and newlines inside cells are quoted), CRLF line ends, UTF-8, and a guard against
formula injection: a cell that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from factcheck.export.data import ReportData

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.store import Store

JSON_FORMAT = "factcheck-review"
JSON_FORMAT_VERSION = 1

CSV_COLUMNS = (
    "number",
    "text",
    "kind",
    "checkworthy",
    "status",
    "verdict",
    "rationale",
    "speaker",
    "speaker_title",
    "open_flags",
    "confirmed_flags",
    "evidence_count",
    "evidence_urls",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def review_to_json(store: Store, review_id: int) -> dict[str, Any]:
    """The whole review as one JSON-ready dict (see the module docstring for the keys).

    Raises:
        NotFoundError: no review with that id.
    """
    data = store.review_json(review_id)
    number = {c["db_id"]: c["id"] for c in data["claims"]}
    evidence = store.list_evidence(review_id)
    data["evidence"] = [
        {
            "id": ev.id,
            "claim_id": number.get(ev.claim_id),
            "kind": ev.kind,
            "url": ev.url,
            "title": ev.title,
            "excerpt": ev.excerpt,
            "note": ev.note,
            "reliability": ev.reliability,
            "added_by": ev.added_by,
            "added_at": ev.added_at.isoformat(),
            "updated_at": ev.updated_at.isoformat(),
        }
        for ev in sorted(evidence, key=lambda e: (number.get(e.claim_id, 0), e.added_at, e.id))
    ]
    by_claim: dict[int, list[int]] = {}
    for ev in data["evidence"]:
        by_claim.setdefault(ev["claim_id"], []).append(ev["id"])
    for claim in data["claims"]:
        claim["evidence"] = by_claim.get(claim["id"], [])
    history = store.history(review_id=review_id)
    data["history"] = [
        {
            "id": cs.id,
            "at": cs.at.isoformat(),
            "who": cs.who,
            "action": cs.action,
            "description": cs.description,
            "claim_id": number.get(cs.claim_id) if cs.claim_id is not None else None,
            "undo_of": cs.undo_of,
            "undone": cs.undone,
            "changes": [
                {
                    "entity": ch.entity,
                    "entity_id": ch.entity_id,
                    "field": ch.field,
                    "op": ch.op,
                    "old": ch.old,
                    "new": ch.new,
                }
                for ch in cs.changes
            ],
        }
        for cs in sorted(history, key=lambda s: s.id)
    ]
    return {"format": JSON_FORMAT, "format_version": JSON_FORMAT_VERSION, **data}


def dumps_json(data: dict[str, Any]) -> str:
    """JSON text (UTF-8 characters kept, keys in a stable order), ending with a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def guard_cell(value: object) -> str:
    """A cell's text, with ``'`` in front when a spreadsheet would take it for a formula."""
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_rows(data: ReportData) -> list[list[str]]:
    """The CSV's rows (header first), every cell already guarded."""
    rows = [list(CSV_COLUMNS)]
    for c in data.claims:
        urls = [ev.url for ev in c.evidence if ev.url]
        rows.append(
            [
                guard_cell(v)
                for v in (
                    c.number,
                    c.text,
                    c.kind,
                    f"{c.checkworthy:.3f}",
                    c.status,
                    c.verdict_label or "",
                    c.rationale or "",
                    c.speaker or "",
                    c.speaker_title or "",
                    len(c.open_flags),
                    len(c.confirmed_flags),
                    len(c.evidence),
                    "\n".join(urls),
                )
            ]
        )
    return rows


def to_csv(data: ReportData) -> str:
    """One row per claim in article order, after a header row (:data:`CSV_COLUMNS`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(csv_rows(data))
    return buffer.getvalue()


__all__ = [
    "CSV_COLUMNS",
    "JSON_FORMAT",
    "JSON_FORMAT_VERSION",
    "csv_rows",
    "dumps_json",
    "guard_cell",
    "review_to_json",
    "to_csv",
]
