"""The help screen: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from factcheck.tui.model import one_line
from factcheck.tui.screens.dialogs import Dialog


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One action's keys, description and binding id (for the settings file)."""

    keys: str
    description: str
    binding_id: str
    enabled: bool


def collect_keys(screen) -> list[KeyHelp]:
    """The screen's active bindings (focused widget, screen and app), one row per action,
    keys as the keymap left them, in the order the bindings are declared."""
    app = screen.app
    rows: dict[tuple[int, str], dict] = {}
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system and binding.action not in ("command_palette", "quit"):
            continue
        ident = (id(active.node), binding.action)
        entry = rows.setdefault(ident, {"keys": [], "binding": binding,
                                        "enabled": active.enabled})
        if binding.id and not entry["binding"].id:
            entry["binding"] = binding  # e.g. our "q" over Textual's ctrl+q for quit
        entry["keys"].append(binding.key_display or app.get_key_display(binding))
    def rank(item) -> int:
        (node_id, _), _entry = item
        if node_id == id(screen):
            return 0
        return 1 if node_id == id(app) else 2

    describe = getattr(screen, "describe_binding", None)
    out = []
    for _, entry in sorted(rows.items(), key=rank):
        binding: Binding = entry["binding"]
        description = (describe(binding) if describe else None) or binding.description \
            or binding.action
        if binding.action == "command_palette":
            description = "Command palette: every action valid now"
        if binding.tooltip and not description.startswith(binding.tooltip):
            description += f" — {binding.tooltip}"
        keys = ", ".join(dict.fromkeys(entry["keys"]))
        out.append(KeyHelp(keys, description, binding.id or "", entry["enabled"]))
    return out


class HelpScreen(Dialog[None]):
    """A table of keys; escape, q, ? or F1 closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "cancel", "Close help", id="help.close")]

    def __init__(self, title: str, keys: list[KeyHelp], about: str | None = None):
        super().__init__()
        self.title_text = title
        self.keys = keys
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box") as box:
            box.border_title = f"Keys: {self.title_text}"
            if self.about:
                yield Static(self.about, classes="dialog-hint", markup=False)
            table: DataTable = DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Key", "Action", Text("Binding id (settings [keymap])"))
            width = max(24, min(60, self.app.size.width - 48))
            table.add_rows(
                # "(not now)" is kept whole: a long tooltip is cut, never the state.
                [k.keys, one_line(k.description, width) if k.enabled else
                 one_line(k.description, width - 10) + " (not now)", k.binding_id]
                for k in self.keys
            )
            yield table
            yield Static("Remap any key in the settings file's \\[keymap] table by its binding "
                         "id. esc closes.", classes="dialog-keys")
