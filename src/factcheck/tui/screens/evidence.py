"""The evidence dialog: add a link (its title and an excerpt fetched in a worker), a source
excerpt or a note to a claim; edit or remove evidence already there.

The dialog does not write to the store: it returns an :class:`EvidenceAction` and the review
screen saves it, so every change goes through one place (and one undo log).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, LoadingIndicator, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from factcheck.store.types import EvidenceRow
from factcheck.tui.model import one_line
from factcheck.tui.screens.dialogs import CANCEL, SAVE, Dialog

NEW = "new"


@dataclass(frozen=True, slots=True)
class EvidenceAction:
    """What the editor asked for: ``op`` is "add", "update" or "remove"."""

    op: str
    evidence_id: int | None = None
    kind: str = "note"
    url: str | None = None
    title: str | None = None
    excerpt: str | None = None
    note: str | None = None

    @property
    def fields(self) -> dict[str, str | None]:
        return {"kind": self.kind, "url": self.url, "title": self.title,
                "excerpt": self.excerpt, "note": self.note}


class EvidenceDialog(Dialog[EvidenceAction | None]):
    """Evidence for one claim. Enter in the URL field fetches the page's title and excerpt."""

    BINDINGS = [
        CANCEL,
        SAVE,
        Binding("ctrl+f", "fetch", "Fetch page", id="evidence.fetch"),
        Binding("ctrl+d", "remove", "Remove evidence", id="evidence.remove"),
    ]

    def __init__(self, claim_number: int, evidence: list[EvidenceRow], client=None):
        super().__init__()
        self.claim_number = claim_number
        self.evidence = evidence
        self.client = client
        self._fetching = False
        self._save_after_fetch = False
        self._fetched_url: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box evidence-box") as box:
            box.border_title = f"Evidence for claim {self.claim_number}"
            options = [Option("+ New evidence", id=NEW)]
            options += [Option(self._describe(ev), id=str(ev.id)) for ev in self.evidence]
            yield OptionList(*options, id="ev-list", compact=True)
            yield Label("Link (enter fetches its title and an excerpt)", classes="field-label")
            yield Input(placeholder="https://…", id="ev-url", compact=True)
            yield Label("Title", classes="field-label")
            yield Input(id="ev-title", compact=True)
            yield Label("Excerpt from the source", classes="field-label")
            yield TextArea(id="ev-excerpt", soft_wrap=True, show_line_numbers=False, compact=True)
            yield Label("Note", classes="field-label")
            yield Input(placeholder="what this shows (enter saves)", id="ev-note", compact=True)
            yield LoadingIndicator(id="ev-loading")
            yield Static("", id="ev-status", classes="dialog-hint")
            yield Static("ctrl+s save · ctrl+f fetch · ctrl+d remove selected · esc cancel",
                         classes="dialog-keys")

    @staticmethod
    def _describe(ev: EvidenceRow) -> str:
        what = ev.title or ev.url or ev.excerpt or ev.note or ""
        return f"{ev.kind}: {one_line(what, 70)}"

    def on_mount(self) -> None:
        self.query_one("#ev-loading").display = False
        self.query_one("#ev-list", OptionList).highlighted = 0
        self.query_one("#ev-url", Input).focus()

    # ------------------------------------------------------------------ selection

    def _selected(self) -> EvidenceRow | None:
        index = self.query_one("#ev-list", OptionList).highlighted
        if not index:
            return None
        return self.evidence[index - 1]

    @on(OptionList.OptionHighlighted, "#ev-list")
    def _highlighted(self) -> None:
        ev = self._selected()
        self.query_one("#ev-url", Input).value = (ev.url if ev else "") or ""
        self.query_one("#ev-title", Input).value = (ev.title if ev else "") or ""
        self.query_one("#ev-excerpt", TextArea).text = (ev.excerpt if ev else "") or ""
        self.query_one("#ev-note", Input).value = (ev.note if ev else "") or ""
        self._status("")

    def _status(self, text: str) -> None:
        self.query_one("#ev-status", Static).update(text)

    # ------------------------------------------------------------------ fetching

    @on(Input.Submitted, "#ev-url")
    def action_fetch(self) -> None:
        url = self.query_one("#ev-url", Input).value.strip()
        if not url:
            self._status("Type a link first.")
            return
        if not url.startswith(("http://", "https://")):
            self._status("Only http(s) links can be fetched; the text is kept as the link.")
            return
        self._fetching = True
        self.query_one("#ev-loading").display = True
        self._status(f"Fetching {one_line(url, 60)}…")
        self._fetch(url)

    @work(thread=True, exclusive=True, group="evidence-fetch", exit_on_error=False)
    def _fetch(self, url: str) -> None:
        from factcheck.errors import FactcheckError
        from factcheck.sources import fetch_page_summary

        worker = get_current_worker()
        try:
            summary = fetch_page_summary(url, client=self.client)
        except FactcheckError as err:
            result: tuple = (url, None, str(err))
        except Exception as err:  # noqa: BLE001 - a fetch must never kill the dialog
            result = (url, None, f"{type(err).__name__}: {err}")
        else:
            result = (url, summary, None)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._fetched, *result)

    def _fetched(self, url: str, summary, error: str | None) -> None:
        self._fetching = False
        self._fetched_url = url
        self.query_one("#ev-loading").display = False
        if summary is not None:
            title = self.query_one("#ev-title", Input)
            excerpt = self.query_one("#ev-excerpt", TextArea)
            if not title.value.strip() and summary.title:
                title.value = summary.title
            if not excerpt.text.strip() and summary.excerpt:
                excerpt.text = summary.excerpt
            self._status(f"Fetched: {one_line(summary.title or url, 70)}")
        else:
            note = self.query_one("#ev-note", Input)
            if not note.value.strip():
                note.value = f"Page not fetched: {error}"
            self._status(f"Could not fetch the page ({error}); the link is kept with a note.")
        if self._save_after_fetch:
            self._save_after_fetch = False
            self.action_save()

    # ------------------------------------------------------------------ results

    def _action(self) -> EvidenceAction | None:
        url = self.query_one("#ev-url", Input).value.strip() or None
        title = self.query_one("#ev-title", Input).value.strip() or None
        excerpt = self.query_one("#ev-excerpt", TextArea).text.strip() or None
        note = self.query_one("#ev-note", Input).value.strip() or None
        if not any((url, title, excerpt, note)):
            return None
        kind = "link" if url else "excerpt" if excerpt else "note"
        current = self._selected()
        if current is not None:
            return EvidenceAction("update", current.id, kind, url, title, excerpt, note)
        return EvidenceAction("add", None, kind, url, title, excerpt, note)

    def action_save(self) -> None:
        if self._fetching:
            self._save_after_fetch = True
            self._status("Saving when the page has been fetched…")
            return
        url = self.query_one("#ev-url", Input).value.strip()
        if (url.startswith(("http://", "https://")) and url != self._fetched_url
                and self._selected() is None and not self.query_one("#ev-title", Input).value):
            # A new link not fetched yet: fetch first so it is saved with its title.
            self._save_after_fetch = True
            self.action_fetch()
            return
        action = self._action()
        if action is None:
            self._status("Add a link, an excerpt or a note first.")
            return
        self.dismiss(action)

    @on(Input.Submitted, "#ev-note")
    @on(Input.Submitted, "#ev-title")
    def _submitted(self) -> None:
        self.action_save()

    def action_remove(self) -> None:
        current = self._selected()
        if current is None:
            self._status("Highlight evidence in the list to remove it.")
            return
        self.dismiss(EvidenceAction("remove", current.id, current.kind))
