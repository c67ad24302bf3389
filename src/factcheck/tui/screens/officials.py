"""The officials dialog (``O`` on a review): add or correct a person's role in the database's
registry, by hand or from Wikidata.

The form holds one role (name, title, organisation, start, end, source URL; dates
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), validated by the same rules as
``factcheck officials import``. The person's roles already in the registry and, after
"Look up on Wikidata" (a worker, over the App's HTTP client), the roles Wikidata lists are
shown below it: choosing one fills the form, to save as it is or to correct. The dialog
writes nothing: it returns an ``ImportRow`` that the review screen merges into the registry
(``officials.io.merge``, so a role with the same title and start is corrected, not doubled)
before re-running the officials checks.
"""

from __future__ import annotations

import json
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from factcheck.errors import FactcheckError
from factcheck.tui.screens.dialogs import CANCEL, SAVE, Dialog

#: Form fields: (import field, label).
FIELDS = (("name", "Name"), ("role", "Title (role)"), ("organization", "Organisation"),
          ("start", "Start (YYYY, YYYY-MM or YYYY-MM-DD)"), ("end", "End (empty: still holds it)"),
          ("source_url", "Source URL"))


def _span(start, end) -> str:
    return f"{start or '?'} to {end or 'now'}"


class OfficialsDialog(Dialog):
    """Add or correct a role; returns an ``officials.io.ImportRow`` or None."""

    BINDINGS = [
        CANCEL,
        SAVE,
        Binding("ctrl+l", "lookup", "Look up on Wikidata", id="officials.lookup",
                tooltip="Find the person on Wikidata and list the roles held"),
    ]

    def __init__(self, store, values: dict[str, str], *, client=None):
        super().__init__()
        self.store = store
        self.values = values
        self.client = client
        self.choices: dict[str, dict[str, str]] = {}
        """Option id -> form values, for the known and Wikidata roles listed."""
        self._wikidata_id: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box officials-box") as box:
            box.border_title = "Officials registry: add or correct a role"
            for name, label in FIELDS:
                yield Label(label, classes="field-label")
                yield Input(self.values.get(name, ""), id=f"off-{name}", compact=True)
            yield Static("", id="off-status", classes="dialog-hint")
            yield OptionList(id="off-roles")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Look up on Wikidata (ctrl+l)", id="off-lookup")
                yield Button("Save (ctrl+s)", variant="primary", id="off-save")
            yield Static("enter / ctrl+s save · choose a listed role to fill the form · "
                         "esc cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#off-roles", OptionList).display = False
        self.query_one("#off-role" if self.values.get("name") else "#off-name", Input).focus()
        if self.values.get("name"):
            self._load_known(self.values["name"])

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#off-status", Static)
        status.set_class(error, "dialog-error")
        status.update(text)

    def _value(self, name: str) -> str:
        return self.query_one(f"#off-{name}", Input).value.strip()

    # ------------------------------------------------------------------ listed roles

    @work(thread=True, group="officials-known", exclusive=True, exit_on_error=False)
    def _load_known(self, name: str) -> None:
        from factcheck.officials.tables import SqlRegistry

        try:
            with self.store.translating_errors(), SqlRegistry.open(self.store.engine) as reg:
                known = [(p, reg.roles_of(p.id)) for p in reg.find_exact(name)]
        except FactcheckError as err:
            self.app.call_from_thread(self._status, f"Cannot read the registry: {err}",
                                      error=True)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_known, known)

    def _show_known(self, known) -> None:
        roles = [(p, r) for p, rs in known for r in rs]
        if not roles:
            self._status("Not in the registry yet: add a role, or look it up on Wikidata.")
            return
        self._add_options("known", [
            (f"[registry] {p.name}: {r.title}"
             + (f", {r.organisation}" if r.organisation else "") + f" ({_span(r.start, r.end)})",
             {"name": p.name, "role": r.title, "organization": r.organisation or "",
              "start": str(r.start or ""), "end": str(r.end or ""),
              "source_url": r.source or ""})
            for p, r in roles])
        self._status(f"{len(roles)} role(s) in the registry: choose one to correct it.")

    def _add_options(self, prefix: str, entries: list[tuple[str, dict[str, str]]]) -> None:
        options = self.query_one("#off-roles", OptionList)
        for i, (text, values) in enumerate(entries):
            key = f"{prefix}-{len(self.choices)}-{i}"
            self.choices[key] = values
            options.add_option(Option(text, id=key))
        options.display = options.option_count > 0

    @on(OptionList.OptionSelected, "#off-roles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        values = self.choices.get(event.option.id or "")
        if values is None:
            return
        for name, _label in FIELDS:
            self.query_one(f"#off-{name}", Input).value = values.get(name, "")
        self._wikidata_id = values.get("wikidata_id") or None
        self._status("Form filled from the chosen role: correct it if needed, then ctrl+s.")
        self.query_one("#off-end", Input).focus()

    # ------------------------------------------------------------------ Wikidata

    def action_lookup(self) -> None:
        name = self._value("name")
        if not name:
            self._status("Give a name to look up.", error=True)
            self.query_one("#off-name", Input).focus()
            return
        self._status(f"Looking up {name} on Wikidata…")
        self._lookup(name)

    @on(Button.Pressed, "#off-lookup")
    def _lookup_pressed(self) -> None:
        self.action_lookup()

    @work(thread=True, group="officials-lookup", exclusive=True, exit_on_error=False)
    def _lookup(self, name: str) -> None:
        from factcheck.officials.wikidata import lookup_person

        try:
            candidates = lookup_person(name, client=self.client)
        except FactcheckError as err:
            self.app.call_from_thread(self._status, f"Wikidata: {err}", error=True)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_candidates, name, candidates)

    def _show_candidates(self, name: str, candidates) -> None:
        entries = []
        for c in candidates:
            about = f" ({c.description})" if c.description else ""
            for r in c.roles:
                entries.append((
                    f"[Wikidata {c.wikidata_id}] {c.name}{about}: {r.title}"
                    + (f", {r.organisation}" if r.organisation else "")
                    + f" ({_span(r.start, r.end)})",
                    {"name": c.name, "role": r.title, "organization": r.organisation,
                     "start": str(r.start or ""), "end": str(r.end or ""),
                     "source_url": c.url, "wikidata_id": c.wikidata_id}))
        if not entries:
            self._status(f"Wikidata knows no one called {name} with a position held.",
                         error=True)
            return
        self._add_options("wd", entries)
        people = len(candidates)
        self._status(f"Wikidata: {people} person(s), {len(entries)} role(s) — choose one "
                     "(enter) to fill the form.")
        self.query_one("#off-roles", OptionList).focus()

    # ------------------------------------------------------------------ saving

    def action_save(self) -> None:
        from factcheck.officials.io import OfficialsImportError, parse_json

        raw = {name: self._value(name) for name, _label in FIELDS}
        try:
            (row,) = parse_json(json.dumps([raw]), source="the form")
        except OfficialsImportError as err:
            problems = "; ".join(e.message for e in err.errors) if getattr(err, "errors", None) \
                else str(err)
            self._status(f"Not saved: {problems}", error=True)
            return
        if self._wikidata_id and row.source_url.startswith("https://www.wikidata.org/"):
            row = replace(row, wikidata_id=self._wikidata_id)
        self.dismiss(row)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#off-save")
    def _save_pressed(self) -> None:
        self.action_save()
