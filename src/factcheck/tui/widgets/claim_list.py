"""The claim list: a Line-API ``ScrollView`` that renders only the rows on screen.

Moving the cursor or changing one claim re-renders the visible lines and nothing else, so a
key press costs the same with 10 claims or 10,000 (``ListView`` mounts a widget per row;
``DataTable`` measures every cell when rows are added).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factcheck.store.types import ClaimRow
from factcheck.tui.model import STATUS_MARKS, flag_marker, one_line


class ClaimList(ScrollView, can_focus=True):
    """Claims, one per line: number, status, flag, verdict, kind, speaker, text."""

    HELP = ("The claim list. Status: · to do, … in progress, ? needs a second look, ✓ done, "
            "– not checkable. ⚑ open flags, ⚐ flags settled. ↺ checked before in another "
            "review (C takes over that check).")

    BINDINGS = [
        Binding("up,k", "cursor_up", "Previous claim", show=False, id="claims.up"),
        Binding("down,j", "cursor_down", "Next claim", show=False, id="claims.down"),
        Binding("g,home", "first", "First claim", show=False, id="claims.first"),
        Binding("G,end", "last", "Last claim", show=False, id="claims.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="claims.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="claims.page-down"),
    ]

    COMPONENT_CLASSES = {
        "claim-list--header",
        "claim-list--cursor",
        "claim-list--settled",
        "claim-list--flag",
        "claim-list--prior",
    }

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """Index of the highlighted row in ``rows``."""

    class Highlighted(Message):
        """The cursor moved to another claim (``claim`` is None when the list is empty)."""

        def __init__(self, claim: ClaimRow | None) -> None:
            super().__init__()
            self.claim = claim

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[ClaimRow] = []
        self.labels: dict[str, str] = {}
        self.priors: set[int] = set()
        """Ids of the claims checked before in another review (marked ↺)."""
        self._index: dict[int, int] = {}

    # ------------------------------------------------------------------ data

    def set_rows(self, rows: list[ClaimRow], *, keep: int | None = None) -> None:
        """Show ``rows``; the cursor goes to claim id ``keep`` if shown, else stays in range."""
        self.rows = rows
        self._index = {row.id: i for i, row in enumerate(rows)}
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        target = self._index.get(keep, self.cursor) if keep is not None else self.cursor
        self.cursor = max(0, min(target, len(rows) - 1))
        self.refresh()

    def index_of(self, claim_id: int) -> int | None:
        return self._index.get(claim_id)

    def refresh_claim(self, claim_id: int) -> None:
        """Re-render the line of one claim whose fields changed (if it is on screen)."""
        index = self._index.get(claim_id)
        if index is None:
            return
        y = index - int(self.scroll_y) + 1
        if 1 <= y < self.size.height:
            self.refresh_line(y)

    @property
    def current(self) -> ClaimRow | None:
        if not self.rows:
            return None
        return self.rows[min(self.cursor, len(self.rows) - 1)]

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        for index in {old, new}:
            y = index - int(self.scroll_y) + 1
            if 1 <= y < self.size.height:
                self.refresh_line(y)
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height - 2)

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height - 2)

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= 1:
            self.cursor = int(self.scroll_y) + offset.y - 1

    # ------------------------------------------------------------------ rendering

    def _layout(self, width: int) -> list[tuple[str, int]]:
        """Column titles and widths for the available width (the text takes the rest)."""
        digits = max(2, len(str(len(self.rows))))
        columns = [("#", digits), ("S", 1), ("F", 1), ("C", 1), ("Verdict", 12)]
        if width >= 60:
            columns.append(("Kind", 11))
        if width >= 76:
            columns.append(("Speaker", 14))
        used = sum(w for _, w in columns) + len(columns)
        columns.append(("Claim", max(8, width - used - 1)))
        return columns

    def _cells(self, row: ClaimRow, columns: list[tuple[str, int]]) -> list[str]:
        values = {
            "#": str(row.number),
            "S": STATUS_MARKS.get(row.status, ("?", ""))[0],
            "F": flag_marker(row),
            "C": "↺" if row.id in self.priors else " ",
            "Verdict": self.labels.get(row.verdict, row.verdict) if row.verdict else "",
            "Kind": row.kind,
            "Speaker": row.speaker or "",
            "Claim": row.text,
        }
        out = []
        for name, width in columns:
            value = values[name]
            if name == "#":
                out.append(value.rjust(width))
            else:
                out.append(set_cell_size(one_line(value, width) if cell_len(value) > width
                                         else value, width))
        return out

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = self._layout(width)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("claim-list--header", partial=True)
            text = " ".join(set_cell_size(name, w) if name != "#" else name.rjust(w)
                            for name, w in columns)
            return Strip([Segment(set_cell_size(text, width), style)], width)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if row.status in ("done", "not_checkable"):
            style = style + self.get_component_rich_style("claim-list--settled", partial=True)
        if index == self.cursor:
            style = style + self.get_component_rich_style("claim-list--cursor", partial=True)
        cells = self._cells(row, columns)
        segments = []
        for i, cell in enumerate(cells):
            cell_style = style
            if columns[i][0] == "F" and row.open_flags:
                cell_style = style + self.get_component_rich_style("claim-list--flag", partial=True)
            elif columns[i][0] == "C" and row.id in self.priors:
                cell_style = style + self.get_component_rich_style("claim-list--prior",
                                                                   partial=True)
            segments.append(Segment(cell, cell_style))
            segments.append(Segment(" ", style))
        strip = Strip(segments).adjust_cell_length(width, style)
        return strip

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()
