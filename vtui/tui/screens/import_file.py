"""Import CSV and bulk update (`i`): pick a file, preview it with its column mapping, check
every row locally, and only then upload; the job's progress follows.

Two modes: *import* sends the CSV as is (rows overwrite customers by source_id, new ones
are created); *bulk update* sends the items of a CSV or JSON file, changing only the
fields each item names. Either way a preview lists which items update existing customers
and which would create new ones before anything is sent; creating takes its own key.
The check runs on a thread, so a large file never freezes the UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Select, Static

from vtui.changes import csv_check
from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context, guard_write
from vtui.tui.keymap import key_in_words
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.changes.bulk_file import BulkFile

MODES = [
    ("Import CSV: whole rows", "import"),  # rows overwrite customers by source_id
    ("Bulk update: given fields", "bulk"),  # CSV or JSON; only the given fields change
]
PREVIEW_ROWS = 20


class ImportFileScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.IMPORT)

    def __init__(self, path: str = "", mode: str = "import") -> None:
        super().__init__()
        self.initial_path = path
        self.mode = mode
        self.checked_path: str | None = None
        self.check_result: csv_check.CheckResult | None = None
        self.bulk: BulkFile | None = None
        self.uploading = False

    def compose(self) -> ComposeResult:
        yield Static("Import customers from a file", id="imp-title")
        with Horizontal(id="imp-pick"):
            yield Label("File")
            yield Input(self.initial_path, placeholder="path/to/customers.csv", id="imp-path")
            yield Select(
                MODES,
                value=self.mode,
                allow_blank=False,
                id="imp-mode",
                tooltip="Import CSV: each row overwrites the customer with its source_id (or "
                "creates one). Bulk update (CSV or JSON): only the fields each item names change.",
            )
        yield Static("Type a path and press enter to preview and check it.", id="imp-summary")
        yield DataTable(id="imp-mapping", cursor_type="none", show_cursor=False)
        yield DataTable(id="imp-preview", zebra_stripes=True)
        yield Static("", id="imp-problems")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#imp-path", Input).focus()
        if self.initial_path:
            self.load(self.initial_path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.load(event.value.strip())

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.mode = str(event.value)
        path = self.query_one("#imp-path", Input).value.strip()
        if path:
            self.load(path)

    # -- preview and check --------------------------------------------------------------------

    def load(self, path: str) -> None:
        from pathlib import Path

        self.checked_path = None
        self.check_result = None
        self.bulk = None
        self.refresh_bindings()
        if not path:
            return
        path = str(Path(path).expanduser())
        summary = self.query_one("#imp-summary", Static)
        problems = self.query_one("#imp-problems", Static)
        problems.update("")
        if self.mode == "import" or not path.lower().endswith(".json"):
            try:
                preview = csv_check.preview(path, PREVIEW_ROWS)
            except csv_check.CsvFileError as error:
                summary.update(Text(f"Cannot preview: {error}", style="bold red"))
                self._clear_tables()
                return
            self._paint_preview(preview)
            summary.update(f"{preview.size / 1024:,.0f} KB · checking every row…")
        else:
            self._clear_tables()
            summary.update("Checking the JSON file…")
        self.run_worker(
            lambda: self._check(path), thread=True, group="import-check", exclusive=True
        )

    def _clear_tables(self) -> None:
        for table_id in ("#imp-mapping", "#imp-preview"):
            self.query_one(table_id, DataTable).clear(columns=True)

    def _paint_preview(self, preview: csv_check.Preview) -> None:
        mapping = self.query_one("#imp-mapping", DataTable)
        mapping.clear(columns=True)
        mapping.add_column("Column")
        mapping.add_column("Maps to")
        mapping.add_column("Column ")
        mapping.add_column("Maps to ")
        pairs = preview.mapping
        for i in range(0, len(pairs), 2):
            left = pairs[i]
            right = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
            mapping.add_row(
                Text(inert(left[0])),
                _target(left[1]),
                Text(inert(right[0])),
                _target(right[1]) if right[0] else "",
            )
        table = self.query_one("#imp-preview", DataTable)
        table.clear(columns=True)
        table.add_column("Row", key="#")
        for index, header in enumerate(preview.headers):
            table.add_column(Text(inert(header) or "(none)"), key=f"c{index}")  # data, not markup
        for number, cells in enumerate(preview.rows, start=1):
            padded = (cells + [""] * len(preview.headers))[: len(preview.headers)]
            table.add_row(str(number), *(Text(inert(c)) for c in padded))

    def _check(self, path: str) -> None:
        """On a thread: the full check; results go back to the UI thread."""
        if self.mode == "bulk":
            from vtui.changes.bulk_file import read

            bulk = read(path)
            self.app.call_from_thread(self._show_bulk, path, bulk)
            return
        try:
            result = csv_check.check(
                path, progress=lambda n: self.app.call_from_thread(self._progress, n)
            )
        except csv_check.CsvFileError as error:
            result = csv_check.CheckResult()
            result.add(csv_check.Problem(0, str(error)))
        self.app.call_from_thread(self._show_check, path, result)

    def _progress(self, rows: int) -> None:
        self.query_one("#imp-summary", Static).update(f"Checking… {plural(rows, 'row')} so far")

    def _show_check(self, path: str, result: csv_check.CheckResult) -> None:
        self.check_result = result
        self._show_problems(result.rows, result.problems, result.problem_count, "rows")
        if result.ok:
            self.checked_path = path
        self.refresh_bindings()

    def _show_bulk(self, path: str, bulk: BulkFile) -> None:
        self.bulk = bulk
        self._show_problems(len(bulk.items), bulk.problems, len(bulk.problems), "items")
        if bulk.ok:
            self.checked_path = path
        self.refresh_bindings()

    def _show_problems(
        self, count: int, problems: list[csv_check.Problem], total: int, what: str
    ) -> None:
        summary = self.query_one("#imp-summary", Static)
        text = Text(f"{count:,} {what} checked · ")
        if total:
            text.append(f"{total:,} problem{'s' if total != 1 else ''}", style="bold red")
            text.append(" · fix the file, then press enter in the path to check again")
        else:
            text.append("no problems", style="bold green")
            text.append(f" · {key_in_words(self.app, 'save', 'ctrl+s')} uploads")
        summary.update(text)
        listed = "\n".join(inert(str(p)) for p in problems[:50])
        if total > 50:
            listed += f"\n… and {total - 50:,} more"
        self.query_one("#imp-problems", Static).update(listed)

    # -- upload -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "upload":
            return True if self.checked_path and not self.uploading else None
        return True

    def action_upload(self) -> None:
        if not self.checked_path or self.uploading or not guard_write(self, "importing"):
            return
        self.uploading = True
        self.refresh_bindings()
        self.query_one("#imp-summary", Static).update("Uploading…")
        self.run_worker(self._upload(self.checked_path), group="import-upload", exclusive=True)

    async def _upload(self, path: str) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.journal import JournalError
        from vtui.tui.screens.bulk_preview import BulkPreviewScreen
        from vtui.tui.screens.job_progress import JobProgressScreen

        changes = context(self).changes()
        result = self.check_result
        try:
            if self.mode == "bulk" and self.bulk is not None:
                items = self.bulk.items
                keyed = [(str(item["source_id"]), item) for item in items]
                title, note = f"Bulk update of {plural(len(items), 'item')}", ""
            else:
                keyed = list(result.keyed) if result else []
                title = f"CSV import of {plural(result.rows, 'row') if result else '? rows'}"
                complete = bool(result and result.complete)
                note = "" if complete else "Only the first rows are listed (a large file)."
            self.query_one("#imp-summary", Static).update("Looking up who each row names…")
            preview = await changes.preview(keyed)
            if not await self.app.push_screen_wait(BulkPreviewScreen(title, preview, note)):
                self._stop_upload(
                    f"Not sent. {key_in_words(self.app, 'save', 'ctrl+s')} previews again."
                )
                return
            self.query_one("#imp-summary", Static).update("Uploading…")
            if self.mode == "bulk" and self.bulk is not None:
                ref = await changes.bulk_update(
                    self.bulk.items, allow_creates=bool(preview.creates), preview=preview
                )
            else:
                ref = await changes.import_csv(
                    path,
                    keyed,
                    complete=bool(result and result.complete),
                    total_rows=result.rows if result else None,
                )
        except (VoucherifyError, JournalError, ValueError) as error:
            self._stop_upload(Text(f"Not uploaded: {inert(str(error))}", style="bold red"))
            return
        context(self).jobs.start(self.app, context(self).client, ref.async_action_id, title)
        if self.is_current:
            self.dismiss()
        self.app.push_screen(JobProgressScreen(ref.async_action_id, title))

    def _stop_upload(self, message: str | Text) -> None:
        self.uploading = False
        self.refresh_bindings()
        self.query_one("#imp-summary", Static).update(message)

    def action_back(self) -> None:
        if self.uploading:
            self.notify("Uploading…, wait: the job's progress opens next.", timeout=3)
            return
        self.app.pop_screen()


def _target(where: str) -> Text:
    if where.startswith("metadata."):
        return Text(where, style="magenta")
    if where.startswith("("):
        return Text(where, style="dim")
    return Text(where, style="green")
