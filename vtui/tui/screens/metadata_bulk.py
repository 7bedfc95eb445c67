"""Metadata (`m`) for the marked customers: key/value rows, a live preview, then send.

The API finds customers by source_id here, so marked customers without one are listed
as skipped. Keys merge into each customer's metadata; other keys stay as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from vtui.tui.context import context, guard_write
from vtui.tui.screens.diff_view import shown
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.metadata_rows import MetadataRows, TypeButton

if TYPE_CHECKING:
    from vtui.api import Customer

PREVIEW_CUSTOMERS = 20


class MetadataBulkScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="meta.back"),
        Binding("ctrl+s", "send", "Send", id="meta.send", tooltip="Send as one async job"),
        Binding("ctrl+t", "add_row", "Add key", id="meta.add"),
    ]

    def __init__(self, customers: list[Customer]) -> None:
        super().__init__()
        self.customers = [c for c in customers if c.source_id]
        self.skipped = [c for c in customers if not c.source_id]
        self.sending = False

    def compose(self) -> ComposeResult:
        yield Static(
            f"Metadata for {len(self.customers)} marked customer"
            f"{'s' if len(self.customers) != 1 else ''}",
            id="meta-title",
        )
        note = "Keys merge into each customer's metadata; other keys stay."
        if self.skipped:
            names = ", ".join(c.name or c.email or c.id for c in self.skipped[:5])
            note += f" Skipped (no source_id, which this API needs): {names}"
            if len(self.skipped) > 5:
                note += f" and {len(self.skipped) - 5} more"
        yield Static(note, id="meta-note")
        yield MetadataRows({}, id="meta-rows")
        yield DataTable(id="meta-preview", zebra_stripes=True, cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Source ID", key="source_id")
        table.add_column("Key", key="key")
        table.add_column("Now", key="now")
        table.add_column("After", key="after")
        rows = self.query_one(MetadataRows)
        rows.add_row()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.call_after_refresh(self.paint_preview)

    def on_type_button_changed(self, event: TypeButton.Changed) -> None:
        self.call_after_refresh(self.paint_preview)

    def metadata(self) -> tuple[dict[str, Any], list[str]]:
        return self.query_one(MetadataRows).collect()

    def paint_preview(self) -> None:
        metadata, _ = self.metadata()
        table = self.query_one(DataTable)
        table.clear()
        for customer in self.customers[:PREVIEW_CUSTOMERS]:
            current = customer.metadata or {}
            for key, value in metadata.items():
                before = current.get(key)
                table.add_row(
                    Text(customer.source_id or ""),
                    Text(key),
                    Text(shown(before) or "—", style="dim" if key not in current else "red"),
                    Text(shown(value), style="green"),
                )
        if len(self.customers) > PREVIEW_CUSTOMERS and metadata:
            table.add_row(f"… {len(self.customers) - PREVIEW_CUSTOMERS} more", "", "", "")

    def action_add_row(self) -> None:
        self.query_one(MetadataRows).add_row()

    def action_send(self) -> None:
        if self.sending or not guard_write(self, "setting metadata"):
            return
        metadata, problems = self.metadata()
        if problems:
            self.notify("; ".join(problems), title="Fix these first", severity="error")
            return
        if not metadata:
            self.notify("Add at least one key first.", severity="warning")
            return
        if not self.customers:
            self.notify("None of the marked customers has a source_id.", severity="error")
            return
        self.sending = True
        self.run_worker(self._send(metadata), group="metadata-send", exclusive=True)

    async def _send(self, metadata: dict[str, Any]) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.journal import JournalError
        from vtui.tui.screens.job_progress import JobProgressScreen

        try:
            ref = await context(self).changes().update_metadata(self.customers, metadata)
        except (VoucherifyError, JournalError, ValueError) as error:
            self.sending = False
            self.notify(f"Not sent: {error}", title="Metadata", severity="error")
            return
        summary = f"Metadata {', '.join(sorted(metadata))} on {len(self.customers)} customers"
        context(self).jobs.start(self.app, context(self).client, ref.async_action_id, summary)
        self.app.pop_screen()
        self.app.push_screen(JobProgressScreen(ref.async_action_id, summary))

    def action_back(self) -> None:
        self.app.pop_screen()
