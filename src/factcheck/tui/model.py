"""Plain helpers the screens share: how claims are shown, filtered and searched.

No Textual here, so the rules are unit-testable and cheap to import.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from factcheck.store.types import ClaimRow

#: Status -> (one-character marker, short label) for the claim list.
STATUS_MARKS = {
    "unreviewed": ("·", "to do"),
    "in_progress": ("…", "in progress"),
    "needs_second_look": ("?", "2nd look"),
    "done": ("✓", "done"),
    "not_checkable": ("–", "n/c"),
}
#: Statuses that still need an editor ("n"/"N" jump between these).
TO_REVIEW = frozenset({"unreviewed", "in_progress", "needs_second_look"})

FLAG_FILTERS = {"any": "Any", "open": "Open flags", "flagged": "Any flags", "none": "No flags"}


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims the list shows; ``None`` means any."""

    status: str | None = None
    verdict: str | None = None
    """A verdict key, ``"none"`` for claims without a verdict, or None for any."""
    kind: str | None = None
    flag: str = "any"
    """One of ``FLAG_FILTERS``."""
    text: str = ""
    """Case-insensitive search in the claim text and speaker."""

    @property
    def active(self) -> bool:
        return bool(self.status or self.verdict or self.kind or self.flag != "any" or self.text)

    def matches(self, claim: ClaimRow) -> bool:
        if self.status and claim.status != self.status:
            return False
        if self.verdict:
            if self.verdict == "none":
                if claim.verdict is not None:
                    return False
            elif claim.verdict != self.verdict:
                return False
        if self.kind and claim.kind != self.kind:
            return False
        if self.flag == "open" and not claim.open_flags:
            return False
        if self.flag == "flagged" and not claim.flags:
            return False
        if self.flag == "none" and claim.flags:
            return False
        if self.text:
            needle = self.text.casefold()
            haystacks = (claim.text.casefold(), (claim.speaker or "").casefold())
            if not any(needle in h for h in haystacks):
                return False
        return True

    def describe(self, labels: dict[str, str] | None = None) -> str:
        """In words, for the claim list's title ("" when nothing is filtered)."""
        parts = []
        if self.status:
            parts.append(STATUS_MARKS.get(self.status, (None, self.status))[1])
        if self.verdict:
            parts.append("no verdict" if self.verdict == "none"
                         else (labels or {}).get(self.verdict, self.verdict))
        if self.kind:
            parts.append(self.kind)
        if self.flag != "any":
            parts.append(FLAG_FILTERS[self.flag].lower())
        if self.text:
            parts.append(f"“{self.text}”")
        return ", ".join(parts)


def flag_marker(claim: ClaimRow) -> str:
    """``⚑`` for open flags, ``⚐`` when all flags are settled, blank without flags."""
    if claim.open_flags:
        return "⚑"
    return "⚐" if claim.flags else " "


def one_line(text: str | None, width: int) -> str:
    """Text folded to one line and cut to ``width`` characters with an ellipsis."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(0, width - 1)] + "…"


class LineIndex:
    """Character offset <-> (line, column) for a text, in O(log lines) per lookup."""

    def __init__(self, text: str):
        self.starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.length = len(text)

    def location(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        row = bisect_right(self.starts, offset) - 1
        return row, offset - self.starts[row]

    def offset(self, location: tuple[int, int]) -> int:
        row, column = location
        row = max(0, min(row, len(self.starts) - 1))
        return min(self.starts[row] + column, self.length)
