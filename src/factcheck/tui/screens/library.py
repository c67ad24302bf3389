"""The library: every review in the database, with progress and open flags.

Open one (enter or o), import a new article (a), delete one (d, with confirmation), sort
(s), search (/). The list is read in a worker; imports run in the import dialog's worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, LoadingIndicator, Static
from textual.worker import get_current_worker

from factcheck.errors import FactcheckError
from factcheck.store.types import ReviewSummary
from factcheck.tui.model import one_line
from factcheck.tui.screens.dialogs import CANCEL, ConfirmDialog, Dialog

SORTS = {
    "recent": "recently changed",
    "title": "title",
    "published": "publication date",
    "progress": "least done first",
}


def progress_text(summary: ReviewSummary) -> str:
    """Claims per status in a few characters: ``3/16 done · 2 in progress · 1 2nd look``."""
    counts = summary.status_counts
    parts = [f"{summary.done}/{summary.claim_count} done"]
    for key, label in (("in_progress", "in progress"), ("needs_second_look", "2nd look"),
                       ("unreviewed", "to do")):
        if counts.get(key):
            parts.append(f"{counts[key]} {label}")
    return " · ".join(parts)


class LibraryScreen(Screen):
    """All reviews; the first screen of ``factcheck``."""

    AUTO_FOCUS = "#reviews"

    BINDINGS = [
        Binding("enter,o", "open", "Open", id="library.open"),
        Binding("a", "import", "Import article", id="library.import",
                tooltip="Import an article from a file or a URL"),
        Binding("d,delete", "delete", "Delete", id="library.delete"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("slash", "search", "Search", id="library.search"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="library.reload"),
        Binding("j", "cursor('down')", "Down", show=False, id="library.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="library.up"),
        Binding("g", "cursor('top')", "First", show=False, id="library.first"),
        Binding("G", "cursor('bottom')", "Last", show=False, id="library.last"),
    ]

    sort: var[str] = var("recent", init=False)
    """The order of the list (a key of ``SORTS``)."""
    search: var[str] = var("", init=False)
    """Text the title, outlet or source must contain."""

    def __init__(self) -> None:
        super().__init__()
        self.reviews: list[ReviewSummary] = []
        self.shown: list[ReviewSummary] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="library-title")
        yield Input(placeholder="search titles, outlets and sources", id="library-search",
                    compact=True)
        table: DataTable = DataTable(id="reviews", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("No reviews yet. Press [b]a[/] to import an article from a file or a URL.",
                     id="library-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#reviews", DataTable)
        table.add_column("ID", key="id")
        table.add_column("Title", key="title")
        table.add_column("Outlet", key="outlet")
        table.add_column("Published", key="published")
        table.add_column("Progress", key="progress")
        table.add_column("Flags", key="flags")
        self.query_one("#library-search").display = False
        self.query_one("#library-empty").display = False
        self._update_title()
        self.action_reload()

    def on_resize(self) -> None:
        if self.reviews:
            self._fill()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.action_reload()

    def _update_title(self) -> None:
        store = self.app.store
        where = store.location if store is not None else ""
        self.query_one("#library-title", Static).update(
            f"[b]Library[/] · {len(self.reviews)} review(s) · sorted by {SORTS[self.sort]}"
            + (f" · matching “{self.search}”" if self.search else "")
            + (f"  [dim]{where}[/]" if where else ""))

    # ------------------------------------------------------------------ loading

    def action_reload(self, select: int | None = None) -> None:
        self._load(select)

    @work(thread=True, group="library-load", exclusive=True, exit_on_error=False)
    def _load(self, select: int | None = None) -> None:
        worker = get_current_worker()
        try:
            reviews = self.app.store.list_reviews()
        except FactcheckError as err:
            self.app.call_from_thread(self.notify, str(err), severity="error")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, reviews, select)

    def _loaded(self, reviews: list[ReviewSummary], select: int | None) -> None:
        self.reviews = reviews
        self._fill(select)

    def _fill(self, select: int | None = None) -> None:
        table = self.query_one("#reviews", DataTable)
        current = self._current()
        keep = select if select is not None else (current.id if current else None)
        shown = [r for r in self.reviews if self._matches(r)]
        if self.sort == "title":
            shown.sort(key=lambda r: (r.title or "").casefold())
        elif self.sort == "published":
            shown.sort(key=lambda r: r.published or dt.date.min, reverse=True)
        elif self.sort == "progress":
            shown.sort(key=lambda r: (r.done / r.claim_count) if r.claim_count else 1.0)
        self.shown = shown
        table.clear()
        width = self.size.width or 80
        title_width = max(20, min(60, width - 62))
        outlet_width = 24 if width >= 120 else 14
        table.add_rows(
            [
                str(r.id),
                one_line((r.title or "Untitled")
                         + (f" (revision {r.revision})" if r.revision > 1 else ""), title_width),
                one_line(r.outlet or "", outlet_width),
                r.published.isoformat() if r.published else "—",
                progress_text(r),
                f"⚑ {r.open_flags}" if r.open_flags else "",
            ]
            for r in shown
        )
        for i, r in enumerate(shown):
            if r.id == keep:
                table.move_cursor(row=i)
                break
        self.query_one("#library-empty").display = not self.reviews
        table.display = bool(self.reviews)
        self._update_title()
        self.refresh_bindings()

    def _matches(self, review: ReviewSummary) -> bool:
        if not self.search:
            return True
        needle = self.search.casefold()
        return any(needle in (v or "").casefold()
                   for v in (review.title, review.outlet, review.source))

    def _current(self) -> ReviewSummary | None:
        table = self.query_one("#reviews", DataTable)
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("import", "delete") and self.app.store is not None \
                and self.app.store.readonly:
            return None
        if action in ("open", "delete"):
            return True if self._current() is not None else None
        return True

    # ------------------------------------------------------------------ actions

    def action_cursor(self, where: str) -> None:
        table = self.query_one("#reviews", DataTable)
        if where == "down":
            table.action_cursor_down()
        elif where == "up":
            table.action_cursor_up()
        elif where == "top":
            table.move_cursor(row=0)
        else:
            table.move_cursor(row=table.row_count - 1)

    @on(DataTable.RowSelected, "#reviews")
    def action_open(self) -> None:
        review = self._current()
        if review is not None:
            self.app.open_review(review.id)

    def action_sort(self) -> None:
        keys = list(SORTS)
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)]

    def watch_sort(self) -> None:
        self._fill()
        self.notify(f"Sorted by {SORTS[self.sort]}", timeout=2)

    def watch_search(self) -> None:
        self._fill()

    def action_search(self) -> None:
        search = self.query_one("#library-search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#library-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search = event.value.strip()

    @on(Input.Submitted, "#library-search")
    def _search_done(self) -> None:
        self.query_one("#reviews").focus()

    def action_delete(self) -> None:
        review = self._current()
        if review is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(review.id)

        self.app.push_screen(
            ConfirmDialog(f"Delete the review of “{one_line(review.title or 'Untitled', 60)}” "
                          f"with its {review.claim_count} claims, verdicts and evidence? "
                          "This cannot be undone."),
            confirmed,
        )

    @work(thread=True, group="library-write", exit_on_error=False)
    def _delete(self, review_id: int) -> None:
        try:
            self.app.store.delete_review(review_id)
        except FactcheckError as err:
            self.app.call_from_thread(self.notify, str(err), severity="error")
            return
        self.app.call_from_thread(self.notify, f"Review {review_id} deleted.", timeout=3)
        self.app.call_from_thread(self.action_reload)

    def action_import(self) -> None:
        def imported(result: ImportDone | None) -> None:
            if result is None:
                return
            if not result.created:
                self.notify("That article is already in the library: opening its review.",
                            timeout=4)
            self.action_reload(result.review_id)
            self.app.open_review(result.review_id)

        self.app.push_screen(ImportDialog(), imported)


@dataclass(frozen=True, slots=True)
class ImportDone:
    """An article imported (or found already imported)."""

    review_id: int
    created: bool


class ImportDialog(Dialog[ImportDone | None]):
    """Import an article from a file path or a URL, with its publication date.

    The fetch and the analysis run in a worker behind a loading indicator; the import is one
    transaction, so a failure leaves nothing behind.
    """

    BINDINGS = [CANCEL]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Import an article"
            yield Label("File path or http(s) URL", classes="field-label")
            yield Input(placeholder="examples/harbour-ferry.txt or https://…",
                        id="import-source", compact=True)
            yield Label("Publication date (optional, YYYY-MM-DD)", classes="field-label")
            yield Input(placeholder="taken from the page when it has one", id="import-date",
                        compact=True)
            yield LoadingIndicator(id="import-loading")
            yield Static("", id="import-error", classes="dialog-error")
            yield Static("enter import · esc cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#import-loading").display = False
        self.query_one("#import-source", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        source = self.query_one("#import-source", Input).value.strip()
        raw_date = self.query_one("#import-date", Input).value.strip()
        error = self.query_one("#import-error", Static)
        if not source:
            error.update("Type a file path or a URL.")
            return
        published = None
        if raw_date:
            try:
                published = dt.date.fromisoformat(raw_date)
            except ValueError:
                error.update(f"Not a date: {raw_date!r} (use YYYY-MM-DD)")
                return
        error.update("")
        self.query_one("#import-loading").display = True
        for widget in self.query(Input):
            widget.disabled = True
        self._import(source, published)

    @work(thread=True, group="import", exclusive=True, exit_on_error=False)
    def _import(self, source: str, published: dt.date | None) -> None:
        from factcheck.workflow import analyze_source

        worker = get_current_worker()
        try:
            analysis = analyze_source(source, published=published, client=self.app.http_client)
            if worker.is_cancelled:
                return
            result = self.app.store.import_analysis(analysis, who=self.app.reviewer)
            if result.created:
                self._officials(result.review_id)
        except FactcheckError as err:
            message = str(err)
        except Exception as err:  # noqa: BLE001 - shown in the dialog, never a traceback
            message = f"unexpected error: {type(err).__name__}: {err}"
        else:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.dismiss,
                                          ImportDone(result.review_id, result.created))
            return
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._failed, message)

    def _officials(self, review_id: int) -> None:
        """The officials checks, as ``factcheck import`` runs them; a failure is reported but
        the import (already complete) stands."""
        from factcheck.workflow import check_officials

        try:
            check_officials(self.app.store, review_id)
        except FactcheckError as err:
            self.app.call_from_thread(self.app.notify, f"Officials checks not run: {err}",
                                      severity="warning")

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "import")
        self.dismiss(None)

    def _failed(self, message: str) -> None:
        self.query_one("#import-loading").display = False
        self.query_one("#import-error", Static).update(f"Not imported: {message}")
        for widget in self.query(Input):
            widget.disabled = False
        self.query_one("#import-source", Input).focus()
