"""The article text, read-only, with the selected claim selected and scrolled into view.

A read-only ``TextArea``: it renders only the visible lines, so moving to another claim costs
the same for any article length, and the editor can still move a cursor and select text (to
split a claim at a point or to make a claim of a selection).
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from factcheck.tui.model import LineIndex


class ArticleView(TextArea):
    """The article; ``show_span`` highlights a claim's characters."""

    HELP = ("The article. Move the cursor with the arrows and select with shift+arrows: S "
            "splits the claim at the cursor, a makes a claim of the selection.")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, read_only=True, soft_wrap=True, show_line_numbers=False,
                         tab_behavior="focus")
        self.index = LineIndex("")

    def set_article(self, text: str) -> None:
        self.index = LineIndex(text)
        self.load_text(text)

    def show_span(self, start: int, end: int) -> None:
        """Select the article's ``[start, end)`` with the cursor at its start, centred."""
        anchor = self.index.location(end)
        cursor = self.index.location(start)
        self.selection = Selection(anchor, cursor)
        self.scroll_cursor_visible(center=True)

    def selected_offsets(self) -> tuple[int, int]:
        """The selection as article offsets (start <= end)."""
        a = self.index.offset(self.selection.start)
        b = self.index.offset(self.selection.end)
        return (a, b) if a <= b else (b, a)

    def cursor_offset(self) -> int:
        return self.index.offset(self.selection.end)
