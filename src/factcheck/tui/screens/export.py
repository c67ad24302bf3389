"""The export dialog (``E`` on a review): choose a format, read a preview, save to a file.

The report is rendered by ``factcheck.export.formats.export_review`` in a worker (the same
code as ``factcheck export``); the Markdown report is previewed with Textual's ``Markdown``
widget, the other formats as a code block. Saving never replaces an existing file without a
yes in a confirmation dialog; the file is written in a worker with ``write_export``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Markdown, Select, Static
from textual.worker import get_current_worker

from factcheck.errors import FactcheckError
from factcheck.tui.screens.dialogs import CANCEL, ConfirmDialog, Dialog

#: Format key -> label in the format choice.
FORMAT_LABELS = {
    "markdown": "Markdown report",
    "claimreview": "ClaimReview JSON-LD",
    "json": "JSON (whole review)",
    "csv": "CSV (one row per claim)",
}
_FENCE_LANG = {"claimreview": "json", "json": "json", "csv": ""}


@dataclass(frozen=True, slots=True)
class Exported:
    """What the export dialog wrote: the file and the format."""

    path: Path
    format: str


def preview_markdown(fmt: str, text: str) -> str:
    """The preview as Markdown: the report itself, or the export in a code block whose fence
    is longer than any run of backticks in it (so the text cannot close it)."""
    if fmt == "markdown":
        return text
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{_FENCE_LANG.get(fmt, '')}\n{text.rstrip()}\n{fence}\n"


class ExportDialog(Dialog[Exported | None]):
    """Export a review: format, file name (the export's default name), preview, save."""

    BINDINGS = [
        CANCEL,
        Binding("ctrl+s", "save", "Save", id="export.save", tooltip="Write the file"),
    ]

    def __init__(self, store, review_id: int, fmt: str = "markdown"):
        super().__init__()
        self.store = store
        self.review_id = review_id
        self.format = fmt
        self.text: str | None = None
        """The rendered export for the chosen format (None while rendering or on an error)."""
        self._default_name = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box export-box") as box:
            box.border_title = "Export review"
            yield Label("Format", classes="field-label")
            yield Select([(label, key) for key, label in FORMAT_LABELS.items()],
                         value=self.format, allow_blank=False, id="export-format",
                         compact=True)
            yield Label("File", classes="field-label")
            yield Input("", id="export-path", compact=True,
                        placeholder="file name (relative to the current directory)")
            yield Input("", id="export-base-url", compact=True,
                        placeholder="ClaimReview: the address the fact check is published at "
                                    "(https://…) · enter renders")
            yield Static("", id="export-status", classes="dialog-hint")
            with VerticalScroll(id="export-preview"):
                yield Markdown("", id="export-markdown")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="export-save")
                yield Button("Cancel (esc)", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self.query_one("#export-base-url", Input).display = self.format == "claimreview"
        self._render_export(self.format, None)

    def _base_url(self) -> str | None:
        return self.query_one("#export-base-url", Input).value.strip() or None

    # ------------------------------------------------------------------ rendering

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        fmt = str(event.value)
        if fmt != self.format:
            self.format = fmt
            self.query_one("#export-base-url", Input).display = fmt == "claimreview"
            self._render_export(fmt, self._base_url())

    @on(Input.Submitted, "#export-base-url")
    def _base_url_submitted(self) -> None:
        self._render_export(self.format, self._base_url())

    @work(thread=True, group="export-render", exclusive=True, exit_on_error=False)
    def _render_export(self, fmt: str, base_url: str | None) -> None:
        from factcheck.export.formats import export_review

        worker = get_current_worker()
        self.app.call_from_thread(self._rendering, fmt)
        organization = os.environ.get("FACTCHECK_ORGANIZATION") or None
        try:
            result = export_review(self.store, self.review_id, fmt, organization=organization,
                                   base_url=base_url if fmt == "claimreview" else None)
        except FactcheckError as err:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._render_failed, fmt, str(err))
            return
        preview = preview_markdown(fmt, result.text)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._rendered, fmt, result, preview)

    def _rendering(self, fmt: str) -> None:
        self.text = None
        self.query_one("#export-status", Static).update(f"Rendering {FORMAT_LABELS[fmt]}…")

    def _render_failed(self, fmt: str, message: str) -> None:
        if fmt != self.format:
            return
        self.text = None
        status = self.query_one("#export-status", Static)
        hint = " (give it above, then enter)" if fmt == "claimreview" else ""
        status.update(f"Cannot export as {fmt}: {message}{hint}")
        status.add_class("dialog-error")
        self.query_one("#export-markdown", Markdown).update("")

    async def _rendered(self, fmt: str, result, preview: str) -> None:
        if fmt != self.format:
            return
        self.text = result.text
        path = self.query_one("#export-path", Input)
        # Follow the format's default name unless the editor typed another one.
        if not path.value or path.value == self._default_name:
            path.value = result.filename
        self._default_name = result.filename
        status = self.query_one("#export-status", Static)
        status.remove_class("dialog-error")
        status.update(f"{result.summary} · preview below · ctrl+s saves")
        # Awaited, so the worker (and a test waiting for it) ends once the preview is shown.
        await self.query_one("#export-markdown", Markdown).update(preview)
        self.query_one("#export-preview", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------------ saving

    def action_save(self) -> None:
        if self.text is None:
            self.notify("Nothing to save yet (the export is not ready).", severity="warning",
                        timeout=3)
            return
        name = self.query_one("#export-path", Input).value.strip()
        if not name:
            self.notify("Give a file name.", severity="warning", timeout=3)
            return
        path = Path(name).expanduser()
        text, fmt = self.text, self.format
        if path.exists():
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(path, text, fmt, True)

            self.app.push_screen(ConfirmDialog(f"{path} already exists. Replace it?",
                                               yes="Replace"), confirmed)
            return
        self._write(path, text, fmt, False)

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#export-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    @work(thread=True, group="export-write", exclusive=True, exit_on_error=False)
    def _write(self, path: Path, text: str, fmt: str, force: bool) -> None:
        from factcheck.export.formats import write_export

        try:
            written = write_export(path, text, force=force)
        except FactcheckError as err:
            self.app.call_from_thread(self._write_failed, path, text, fmt, str(err), force)
            return
        self.app.call_from_thread(self.dismiss, Exported(written, fmt))

    def _write_failed(self, path: Path, text: str, fmt: str, message: str, force: bool) -> None:
        if not force and path.exists() and not path.is_dir():
            # Created between the check and the write: ask, as for any existing file.
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(path, text, fmt, True)

            self.app.push_screen(ConfirmDialog(f"{path} already exists. Replace it?",
                                               yes="Replace"), confirmed)
            return
        status = self.query_one("#export-status", Static)
        status.add_class("dialog-error")
        status.update(f"Not saved: {message}")
