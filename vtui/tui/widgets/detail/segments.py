"""Segments tab: the segments the customer belongs to (taught to the list's filter bar)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable

from vtui.changes.inert import inert
from vtui.tui.context import context
from vtui.tui.widgets.customer_table import cell
from vtui.tui.widgets.detail.tab import DetailTab
from vtui.tui.widgets.list_state import ListState

if TYPE_CHECKING:
    from vtui.api import SegmentList, VoucherifyClient


class SegmentsTab(DetailTab):
    what: ClassVar[str] = "segments"

    def compose(self) -> ComposeResult:
        yield ListState()
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Name", key="name")
        table.add_column("ID", key="id")

    def forget(self) -> None:
        self.query_one(DataTable).clear()
        self.query_one(DataTable).display = True

    async def fetch(self, client: VoucherifyClient) -> SegmentList:
        result: SegmentList = await client.customers.list_segments(self.customer_id)
        return result

    def paint(self, result: SegmentList) -> None:
        table = self.query_one(DataTable)
        for segment in result.data:
            table.add_row(cell(segment.name or "—"), cell(segment.id), key=segment.id)
        table.display = bool(result.data)  # no bare header under the words
        if not result.data:
            self.state.show_empty("Not in any segment.")
        # Taught inert: the filter bar shows these names as they are.
        context(self).learn_segments((s.id, inert(s.name or s.id)) for s in result.data)
