"""Export (`x`): the list's current filter, every page by cursor, to a CSV or JSON file.

Shows progress; escape cancels, and a cancelled export leaves no file behind.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Select, Static

from vtui.tui.context import context

FORMAT_OPTIONS = [("CSV (imports back)", "csv"), ("JSON (every field)", "json")]


class ExportScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, filters: dict[str, Any], described: str, default_path: str) -> None:
        super().__init__()
        self.filters = filters
        self.described = described
        self.default_path = default_path
        self.running = False
        self.stop = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(f"Export {self.described or 'all customers'}", id="export-title")
            with Horizontal(id="export-row"):
                yield Input(self.default_path, id="export-path")
                yield Select(FORMAT_OPTIONS, value="csv", allow_blank=False, id="export-format")
            yield ProgressBar(total=None, show_eta=False, id="export-bar")
            yield Static("Enter starts; escape cancels.", id="export-status")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        path_input = self.query_one("#export-path", Input)
        stem, _, ext = path_input.value.rpartition(".")
        if stem and ext.lower() in ("csv", "json"):
            path_input.value = f"{stem}.{event.value}"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.running:
            return
        path = event.value.strip()
        if not path:
            return
        self.running = True
        self.stop = False
        fmt = str(self.query_one("#export-format", Select).value)
        self.query_one("#export-status", Static).update("Exporting…")
        self.run_worker(self._export(path, fmt), group="export", exclusive=True)

    async def _export(self, path: str, fmt: str) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.export import ExportCancelled, export

        status = self.query_one("#export-status", Static)
        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int | None) -> None:
            bar.update(total=total, progress=done)
            status.update(f"{done:,} of {total:,} exported…" if total else f"{done:,} exported…")

        try:
            count = await export(
                context(self).client,
                self.filters,
                path,
                fmt,
                progress=progress,
                cancelled=lambda: self.stop,
            )
        except ExportCancelled:
            self.running = False
            self.dismiss()
            self.app.notify("Export cancelled; no file was written.", timeout=3)
            return
        except (VoucherifyError, ValueError, OSError) as error:
            self.running = False
            status.update(Text(f"Export failed: {error}", style="bold red"))
            return
        self.running = False
        self.dismiss()
        self.app.notify(f"Exported {count:,} customers to {path}", timeout=5)

    def action_cancel(self) -> None:
        if self.running:
            self.stop = True
            self.query_one("#export-status", Static).update("Cancelling…")
        else:
            self.dismiss()
