"""The factcheck App: theme, key map, the database, and the first screen. Nothing else.

The library and review screens own their workflows; the App holds what they share (the
``Store``, the HTTP client for evidence links, the reviewer's name) and the commands every
screen has: help (``?``/F1), the command palette (ctrl+p, built from the current screen's
bindings), quit (``q``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from factcheck.errors import FactcheckError
from factcheck.tui.settings import DEFAULT_THEME, Settings, rating_scale_from


class FactcheckApp(App[None]):
    """The review assistant.

    Args:
        store_url: the database (path or SQLAlchemy URL); None means ``$FACTCHECK_DB`` or
            ``./claims.db``.
        settings: theme, key map, reviewer (``load_settings()``); defaults when None.
        review_id: open this review at start (the library stays underneath).
        http_client: an ``httpx.Client`` for fetching evidence links and URLs to import
            (tests inject one with a ``MockTransport``); None uses the sources' default.
        store: an already open ``Store`` to use instead of opening ``store_url`` (the App
            then does not close it).
    """

    CSS_PATH = "factcheck.tcss"
    TITLE = "factcheck"

    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="app.help",
                tooltip="Every key of this screen"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (everything is saved)"),
        Binding("ctrl+t", "toggle_dark", "Dark/light", show=False, id="app.toggle-theme",
                tooltip="Switch between a dark and a light theme"),
    ]

    def __init__(self, store_url: str | None = None, *, settings: Settings | None = None,
                 review_id: int | None = None, http_client=None, store=None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.store_url = store_url
        self.start_review = review_id
        self.http_client = http_client
        self.store = store
        self._owns_store = store is None
        self.reviewer = self.settings.reviewer

    # ------------------------------------------------------------------ start

    def on_mount(self) -> None:
        theme = self.settings.theme
        if theme not in self.available_themes:
            self.notify(f"Unknown theme {theme!r}: using {DEFAULT_THEME}.", severity="warning")
            theme = DEFAULT_THEME
        self.theme = theme
        if self.settings.keymap:
            known = known_binding_ids()
            unknown = sorted(set(self.settings.keymap) - known)
            if unknown:
                self.notify(f"Unknown key binding id(s) in the settings: {', '.join(unknown)} "
                            "(the help screen, ? or F1, lists the ids).", title="Settings",
                            severity="warning", timeout=8)
            self.set_keymap({k: v for k, v in self.settings.keymap.items() if k in known})
        for warning in self.settings.warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=8)
        if self.store is not None:
            self._store_ready(self.store)
        else:
            self._open_store()

    @work(thread=True, group="app-store", exit_on_error=False)
    def _open_store(self) -> None:
        from factcheck.store import Store

        try:
            scale = rating_scale_from(self.settings)
            store = Store.open(self.store_url, rating_scale=scale)
        except FactcheckError as err:
            self.call_from_thread(self.exit, None, 2, f"factcheck: {err}")
            return
        self.call_from_thread(self._store_ready, store)

    def _store_ready(self, store) -> None:
        from factcheck.tui.screens.library import LibraryScreen

        self.store = store
        if store.readonly:
            self.notify(f"{store.location} is read-only: changes cannot be saved.",
                        severity="warning", timeout=8)
        self.push_screen(LibraryScreen())
        if self.start_review is not None:
            self.open_review(self.start_review)

    def open_review(self, review_id: int) -> None:
        """Show a review (above the library)."""
        from factcheck.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(review_id))

    def on_unmount(self) -> None:
        if self.store is not None and self._owns_store:
            self.store.close()

    # ------------------------------------------------------------------ shared commands

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker that fails shows its error instead of ending the session."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, FactcheckError) else \
                f"{type(error).__name__}: {error}"
            self.notify(message, title="Something went wrong", severity="error", timeout=10)

    def action_help(self) -> None:
        from factcheck.tui.screens.help import HelpScreen, collect_keys

        screen = self.screen
        if type(screen).__name__ == "HelpScreen":
            return
        name = {"ReviewScreen": "review", "LibraryScreen": "library"}.get(
            type(screen).__name__, "dialog")
        focused = screen.focused
        about = getattr(focused, "HELP", None) if focused is not None else None
        self.push_screen(HelpScreen(name, collect_keys(screen), about))

    def action_toggle_dark(self) -> None:
        """Switch between a dark and a light theme (the configured one on its side)."""
        configured = self.get_theme(self.settings.theme)
        dark = self.settings.theme if configured and configured.dark else "textual-dark"
        light = self.settings.theme if configured and not configured.dark else "textual-light"
        self.theme = light if self.current_theme.dark else dark

    async def action_quit(self) -> None:
        """Quit once every change queued by a review screen is saved."""
        for screen in list(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if flush is not None:
                await flush()
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every action of the current screen that is valid now, then the
        system commands (theme, screenshot...)."""
        seen = set()
        for key_help, binding, node in _palette_entries(screen):
            # Our commands (bindings with an id) that are valid now; Textual's scrolling keys
            # and the like stay out of the palette.
            if not key_help.enabled or not binding.id or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(key_help.description, f"key {key_help.keys}",
                                functools.partial(self.run_action, binding.action, node))
        yield from super().get_system_commands(screen)


def known_binding_ids() -> set[str]:
    """Every binding id a settings file's ``[keymap]`` may remap."""
    from factcheck.tui.screens import dialogs, evidence, export, help, library, officials, review
    from factcheck.tui.widgets.claim_list import ClaimList

    classes = [FactcheckApp, ClaimList, library.LibraryScreen, library.ImportDialog,
               review.ReviewScreen, review.SearchInput, evidence.EvidenceDialog,
               help.HelpScreen, dialogs.ConfirmDialog, dialogs.TextDialog,
               dialogs.MetadataDialog, dialogs.FlagDialog, dialogs.FilterDialog,
               export.ExportDialog, officials.OfficialsDialog]
    ids = set()
    for cls in classes:
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


def _palette_entries(screen: Screen):
    """(help row, binding, node) for each action bound on the screen, keys as remapped."""
    from factcheck.tui.screens.help import KeyHelp

    app = screen.app
    describe = getattr(screen, "describe_binding", None)
    rows: dict[tuple[int, str], list] = {}
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or binding.action in ("command_palette",):
            continue
        ident = (id(active.node), binding.action)
        entry = rows.setdefault(ident, [[], binding, active.node, active.enabled])
        if binding.id and not entry[1].id:
            entry[1] = binding
        entry[0].append(binding.key_display or app.get_key_display(binding))
    for keys, binding, node, enabled in rows.values():
        text = (describe(binding) if describe else None) or binding.description \
            or binding.action
        yield (KeyHelp(", ".join(dict.fromkeys(keys)), text, binding.id or "", enabled),
               binding, node)
