"""Modal dialogs: each is a ``ModalScreen[T]`` that returns a typed value with ``dismiss``
(``None`` when cancelled with escape)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from factcheck.store.types import FlagRow
from factcheck.tui.model import FLAG_FILTERS, STATUS_MARKS, ClaimFilter

T = TypeVar("T")

CANCEL = Binding("escape", "cancel", "Cancel", id="dialog.cancel")
SAVE = Binding("ctrl+s", "save", "Save", id="dialog.save")


class Dialog(ModalScreen[T]):
    """Common frame: a bordered box titled ``TITLE``; escape cancels."""

    BINDINGS = [CANCEL]
    DEFAULT_CLASSES = "dialog"

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(Dialog[bool]):
    """Ask a yes/no question; returns True only for an explicit yes."""

    BINDINGS = [
        CANCEL,
        Binding("y", "yes", "Yes", id="confirm.yes"),
        Binding("n", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, *, yes: str = "Delete"):
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Confirm"
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)


class TextDialog(Dialog[str | None]):
    """Edit a piece of text (a rationale, a claim's wording, a file name).

    ``multiline`` uses a TextArea (ctrl+s saves, enter is a new line); otherwise an Input
    (enter saves). Returns the text, or None when cancelled.
    """

    BINDINGS = [CANCEL, SAVE]

    def __init__(self, title: str, text: str = "", *, multiline: bool = True, hint: str = ""):
        super().__init__()
        self.title_text = title
        self.initial = text
        self.multiline = multiline
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.title_text
            if self.hint:
                yield Static(self.hint, classes="dialog-hint")
            if self.multiline:
                yield TextArea(self.initial, id="text", soft_wrap=True, show_line_numbers=False)
            else:
                yield Input(self.initial, id="text", compact=True)
            yield Static(
                "ctrl+s save · esc cancel" if self.multiline else "enter save · esc cancel",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        widget = self.query_one("#text")
        widget.focus()
        if isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)

    def _value(self) -> str:
        widget = self.query_one("#text")
        return widget.text if isinstance(widget, TextArea) else widget.value

    def action_save(self) -> None:
        self.dismiss(self._value())

    @on(Input.Submitted, "#text")
    def _submitted(self) -> None:
        self.dismiss(self._value())


@dataclass(frozen=True, slots=True)
class MetadataEdit:
    """The article metadata as the editor left it (None: empty field)."""

    title: str | None
    outlet: str | None
    byline: str | None
    published: dt.date | None
    source: str | None


class MetadataDialog(Dialog[MetadataEdit | None]):
    """Edit the article's title, outlet, byline, publication date and source."""

    BINDINGS = [CANCEL, SAVE]
    FIELDS = (("title", "Title"), ("outlet", "Outlet"), ("byline", "Byline"),
              ("published", "Published (YYYY-MM-DD)"), ("source", "Source"))

    def __init__(self, values: dict[str, str | None]):
        super().__init__()
        self.values = values

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Article metadata"
            for name, label in self.FIELDS:
                yield Label(label, classes="field-label")
                yield Input(self.values.get(name) or "", id=f"meta-{name}", compact=True)
            yield Static("", id="meta-error", classes="dialog-error")
            yield Static("enter / ctrl+s save · esc cancel · the date decides which titles "
                         "the checks accept", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#meta-published", Input).focus()

    def action_save(self) -> None:
        raw = {name: self.query_one(f"#meta-{name}", Input).value.strip()
               for name, _ in self.FIELDS}
        published = None
        if raw["published"]:
            try:
                published = dt.date.fromisoformat(raw["published"])
            except ValueError:
                self.query_one("#meta-error", Static).update(
                    f"Not a date: {raw['published']!r} (use YYYY-MM-DD)")
                self.query_one("#meta-published", Input).focus()
                return
        self.dismiss(MetadataEdit(raw["title"] or None, raw["outlet"] or None,
                                  raw["byline"] or None, published, raw["source"] or None))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


@dataclass(frozen=True, slots=True)
class FlagDecision:
    """An editor's decision on one flag."""

    flag_id: int
    state: str
    reason: str | None


class FlagDialog(Dialog[FlagDecision | None]):
    """Confirm, dismiss or reopen one of the claim's flags, with a reason."""

    BINDINGS = [CANCEL, SAVE]
    STATES = (("confirmed", "Confirm (the problem is real)"),
              ("dismissed", "Dismiss (not a problem)"), ("open", "Reopen"))

    def __init__(self, flags: list[FlagRow], state: str):
        super().__init__()
        self.flags = flags
        self.state = state

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Flag"
            options = [Option(f"[{f.state}] {f.kind}: {f.message}", id=str(f.id))
                       for f in self.flags]
            yield OptionList(*options, id="flag-list")
            yield Select([(label, key) for key, label in self.STATES], value=self.state,
                         allow_blank=False, id="flag-state")
            yield Label("Reason", classes="field-label")
            yield Input(placeholder="why (kept in the history)", id="flag-reason", compact=True)
            yield Static("enter / ctrl+s save · esc cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one("#flag-list", OptionList)
        first_open = next((i for i, f in enumerate(self.flags) if f.state == "open"), 0)
        options.highlighted = first_open
        self.query_one("#flag-reason", Input).focus()

    def action_save(self) -> None:
        index = self.query_one("#flag-list", OptionList).highlighted
        if index is None:
            return
        reason = self.query_one("#flag-reason", Input).value.strip() or None
        state = self.query_one("#flag-state", Select).value
        self.dismiss(FlagDecision(self.flags[index].id, str(state), reason))

    @on(Input.Submitted, "#flag-reason")
    def _submitted(self) -> None:
        self.action_save()


class FilterDialog(Dialog[ClaimFilter | None]):
    """Choose which claims the list shows: status, verdict, kind, flags."""

    BINDINGS = [CANCEL, SAVE, Binding("ctrl+r", "reset", "Clear filter", id="filter.reset")]

    def __init__(self, current: ClaimFilter, verdicts: list[tuple[str, str]], kinds: list[str]):
        super().__init__()
        self.current = current
        self.verdicts = verdicts
        self.kinds = kinds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Filter claims"
            yield Label("Status", classes="field-label")
            yield Select([(label, key) for key, (_, label) in STATUS_MARKS.items()],
                         value=self.current.status or Select.NULL, prompt="Any status",
                         id="filter-status")
            yield Label("Verdict", classes="field-label")
            yield Select([("No verdict yet", "none"), *((label, key) for key, label in
                                                        self.verdicts)],
                         value=self.current.verdict or Select.NULL, prompt="Any verdict",
                         id="filter-verdict")
            yield Label("Kind", classes="field-label")
            yield Select([(k, k) for k in self.kinds], value=self.current.kind or Select.NULL,
                         prompt="Any kind", id="filter-kind")
            yield Label("Flags", classes="field-label")
            yield Select([(label, key) for key, label in FLAG_FILTERS.items()],
                         value=self.current.flag, allow_blank=False, id="filter-flag")
            yield Static("ctrl+s apply · ctrl+r clear · esc cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#filter-status", Select).focus()

    def _get(self, name: str) -> str | None:
        value = self.query_one(f"#filter-{name}", Select).value
        return None if value is Select.NULL else str(value)

    def action_save(self) -> None:
        self.dismiss(ClaimFilter(self._get("status"), self._get("verdict"), self._get("kind"),
                                 self._get("flag") or "any", self.current.text))

    def action_reset(self) -> None:
        self.dismiss(ClaimFilter())
