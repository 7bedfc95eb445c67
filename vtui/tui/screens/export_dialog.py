"""Export (`x`): the list's current filter, every page by cursor, to a CSV or JSON file.

A bare file name goes to the default folder: the user's Downloads folder
(platformdirs.user_downloads_dir) when it exists, else the home folder; the dialog says
which. An existing file is never replaced without asking. CSV cells a spreadsheet would
run as a formula (=, +, -, @) get a leading ' unless "for re-import" is ticked (then
phones like +48 stay as they are, for the CSV import). The toast shows the full path.
Shows progress; escape cancels, and a cancelled export leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar, Select, Static

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context
from vtui.tui.words import plural

FORMAT_OPTIONS = [("CSV (imports back)", "csv"), ("JSON (every field)", "json")]


def default_folder() -> Path:
    """Where a bare file name is exported: the Downloads folder if there is one, else ~."""
    from platformdirs import user_downloads_dir

    downloads = Path(user_downloads_dir())
    return downloads if downloads.is_dir() else Path.home()


class ExportScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.EXPORT)

    def __init__(self, filters: dict[str, Any], described: str, default_path: str) -> None:
        super().__init__()
        self.filters = filters
        self.described = described
        folder = default_folder()
        self.folder_note = f"A bare file name goes to {folder} " + (
            "(your Downloads folder)." if folder != Path.home() else "(your home folder)."
        )
        given = Path(default_path).expanduser()
        self.default_path = str(given if given.parent != Path() else folder / given)
        self.running = False
        self.stop = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(
                Text(f"Export {inert(self.described) or 'all customers'}"), id="export-title"
            )
            with Horizontal(id="export-row"):
                yield Input(self.default_path, id="export-path")
                yield Select(FORMAT_OPTIONS, value="csv", allow_blank=False, id="export-format")
            yield Static(self.folder_note, id="export-folder")
            yield Checkbox(
                "Keep cells starting with = + - @ as they are (for re-import)",
                id="export-raw",
                compact=True,
            )
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
        if path:
            self.start(path, overwrite=False)

    def start(self, path: str, *, overwrite: bool) -> None:
        if Path(path).expanduser().parent == Path():
            path = str(default_folder() / path)
        self.running = True
        self.stop = False
        fmt = str(self.query_one("#export-format", Select).value)
        self.query_one("#export-status", Static).update("Exporting…")
        self.run_worker(self._export(path, fmt, overwrite), group="export", exclusive=True)

    async def _export(self, path: str, fmt: str, overwrite: bool) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.export import ExportCancelled, ExportExists, export, target_path

        status = self.query_one("#export-status", Static)
        bar = self.query_one(ProgressBar)
        bar.display = True  # shown once there is progress to show

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
                overwrite=overwrite,
                neutralise_formulas=not self.query_one("#export-raw", Checkbox).value,
            )
        except ExportCancelled:
            self.running = False
            self.dismiss()
            self.app.notify("Export cancelled; no file was written.", timeout=3)
            return
        except ExportExists as exists:
            self.running = False
            status.update(Text(f"{exists.path} exists: replace it? (nothing written yet)"))
            self._ask_overwrite(path, exists.path)
            return
        except (VoucherifyError, ValueError, OSError) as error:
            self.running = False
            status.update(Text(f"Export failed: {inert(str(error))}", style="bold red"))
            return
        self.running = False
        self.dismiss()
        self.app.notify(f"Exported {plural(count, 'customer')} to {target_path(path)}", timeout=8)

    def _ask_overwrite(self, path: str, target: Path) -> None:
        from vtui.tui.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self.start(path, overwrite=True)
            else:
                self.query_one("#export-status", Static).update(
                    "Not replaced. Give another file name, or escape to cancel."
                )

        body = Text(f"{target}\nalready exists. Replace it with this export?")
        self.app.push_screen(ConfirmScreen("Replace the file?", body, confirm="Replace"), answered)

    def action_cancel(self) -> None:
        if self.running:
            self.stop = True
            self.query_one("#export-status", Static).update("Cancelling…")
        else:
            self.dismiss()
