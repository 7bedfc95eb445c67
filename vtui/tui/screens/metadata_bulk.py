"""Metadata (`m`) for the marked customers: key/value rows, a live preview, then send.

The screen names every target customer. The API finds customers by source_id here, so
marked customers without one are listed as skipped. Keys merge into each customer's
metadata; other keys stay as they are. Before sending, the targets are read fresh and the
values keep the type each key has on them (`preview.plan_metadata`: "yes" for a boolean
key is sent as true); a value that would still change a key's type is shown, and the
confirmation lists the customers by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context, guard_write
from vtui.tui.screens.diff_view import shown
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.metadata_rows import MetadataRows, TypeButton
from vtui.tui.words import label, plural

if TYPE_CHECKING:
    from collections.abc import Sequence

    from vtui.changes.preview import MetadataPlan
    from vtui.tui.words import Someone

PREVIEW_CUSTOMERS = 20
TARGETS_NAMED = 12


class MetadataBulkScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.METADATA)

    def __init__(self, customers: Sequence[Someone]) -> None:
        super().__init__()
        self.customers = [c for c in customers if c.source_id]
        self.skipped = [c for c in customers if not c.source_id]
        self.current: dict[str, dict[str, Any]] | None = None
        """The previewed customers' metadata, read from the API on mount (the list keeps
        only rows); None until it came."""
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
        yield Static(Text(inert(note)), id="meta-note")
        names = ", ".join(label(c) for c in self.customers[:TARGETS_NAMED])
        if len(self.customers) > TARGETS_NAMED:
            names += f" and {len(self.customers) - TARGETS_NAMED} more"
        yield Static(Text(f"Targets: {inert(names)}"), id="meta-targets")
        yield MetadataRows({}, id="meta-rows")
        yield DataTable(id="meta-preview", zebra_stripes=True, cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Customer", key="name")
        table.add_column("Source ID", key="source_id")
        table.add_column("Key", key="key")
        table.add_column("Now", key="now")
        table.add_column("After", key="after")
        rows = self.query_one(MetadataRows)
        rows.add_row()
        self.run_worker(self._read_current(), group="meta-read", exclusive=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.call_after_refresh(self.paint_preview)

    def on_type_button_changed(self, event: TypeButton.Changed) -> None:
        self.call_after_refresh(self.paint_preview)

    def metadata(self) -> tuple[dict[str, Any], list[str]]:
        return self.query_one(MetadataRows).collect()

    async def _read_current(self) -> None:
        """Read the previewed customers' metadata (their current state, for "Now")."""
        from vtui.api import VoucherifyError

        ctx = context(self)
        shown = [c.source_id or "" for c in self.customers[:PREVIEW_CUSTOMERS]]
        try:
            await ctx.wait_session()
            fresh = await ctx.changes().befores(shown)
        except VoucherifyError:
            fresh = {}
        self.current = {
            sid: dict(found.get("metadata") or {}) if found else {} for sid, found in fresh.items()
        }
        self.paint_preview()

    def paint_preview(self) -> None:
        metadata, _ = self.metadata()
        table = self.query_one(DataTable)
        table.clear()
        for customer in self.customers[:PREVIEW_CUSTOMERS]:
            current = (self.current or {}).get(customer.source_id or "", {})
            for key, value in metadata.items():
                before = current.get(key)
                now = (
                    Text("…", style="dim")
                    if self.current is None
                    else Text(
                        inert(shown(before)) or "—", style="dim" if key not in current else "red"
                    )
                )
                table.add_row(
                    Text(inert(label(customer))),
                    Text(inert(customer.source_id or "")),
                    Text(inert(key)),
                    now,
                    Text(inert(shown(value)), style="green"),
                )
        if len(self.customers) > PREVIEW_CUSTOMERS and metadata:
            table.add_row(f"… {len(self.customers) - PREVIEW_CUSTOMERS} more", "", "", "", "")

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

    async def _send(self, typed: dict[str, Any]) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.journal import JournalError
        from vtui.changes.preview import plan_metadata
        from vtui.tui.screens.confirm import ConfirmScreen
        from vtui.tui.screens.job_progress import JobProgressScreen

        changes = context(self).changes()
        try:
            fresh = await changes.befores([c.source_id or "" for c in self.customers])
            plan = plan_metadata([f for f in fresh.values() if f is not None], typed)
            gone = [sid for sid, f in fresh.items() if f is None]
            asked = ConfirmScreen(
                "Send metadata?" if plan.safe else "Send metadata? Types would change",
                _confirm_body(self.customers, plan, gone),
                confirm="Send",
            )
            if not await self.app.push_screen_wait(asked):
                self.sending = False
                self.notify("Not sent.", title="Metadata", timeout=3)
                return
            ref = await changes.update_metadata(self.customers, plan.values)
        except (VoucherifyError, JournalError, ValueError) as error:
            self.sending = False
            self.notify(f"Not sent: {inert(str(error))}", title="Metadata", severity="error")
            return
        keys = ", ".join(sorted(plan.values))
        summary = f"Metadata {keys} on {plural(len(self.customers), 'customer')}"
        context(self).jobs.start(self.app, context(self).client, ref.async_action_id, summary)
        if self.is_current:
            self.dismiss()
        self.app.push_screen(JobProgressScreen(ref.async_action_id, summary))

    def action_back(self) -> None:
        if self.sending:
            self.notify("Sending…, wait: the job's progress opens next.", timeout=3)
            return
        self.app.pop_screen()


def _confirm_body(customers: Sequence[Someone], plan: MetadataPlan, gone: list[str]) -> Text:
    body = Text()
    body.append(f"To {len(customers)} customer{'s' if len(customers) != 1 else ''}: ")
    body.append(inert(", ".join(label(c) for c in customers[:TARGETS_NAMED])), style="bold")
    if len(customers) > TARGETS_NAMED:
        body.append(f" and {len(customers) - TARGETS_NAMED} more")
    body.append("\n\n")
    for key, value in plan.values.items():
        body.append(f"metadata.{inert(key)} = {inert(shown(value))}")
        if key in plan.converted:
            body.append(f"  (sent as {plan.converted[key]}, the type it has now)", style="dim")
        body.append("\n")
    for change in plan.type_changes:
        body.append(f"\n⚠ {inert(str(change))}", style="bold yellow")
    if gone:
        body.append(f"\n⚠ Gone from the server now: {inert(', '.join(gone[:5]))}", style="red")
    return body
