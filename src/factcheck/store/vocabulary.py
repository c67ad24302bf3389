"""The review vocabulary shared by the store, the exports and the TUI: claim statuses, flag
states, evidence kinds. Plain constants with no SQLAlchemy import, so that rendering code can
use them without paying for the database layer."""

from __future__ import annotations

# Claim review statuses, in workflow order.
CLAIM_STATUSES = ("unreviewed", "in_progress", "needs_second_look", "done", "not_checkable")
STATUS_LABELS = {
    "unreviewed": "Unreviewed",
    "in_progress": "In progress",
    "needs_second_look": "Needs second look",
    "done": "Done",
    "not_checkable": "Not checkable",
}
FLAG_STATES = ("open", "confirmed", "dismissed")
EVIDENCE_KINDS = ("link", "excerpt", "note", "interview")
RELIABILITY = ("unknown", "low", "medium", "high")
