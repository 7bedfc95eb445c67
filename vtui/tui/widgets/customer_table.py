"""The customer list's table: six columns sized to the terminal, vim keys, rows keyed by id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.widgets import DataTable

from vtui.tui import when

if TYPE_CHECKING:
    from vtui.api import Customer

# (key, label, weight, minimum width); `created` is a fixed-width date.
COLUMNS: tuple[tuple[str, str, int, int], ...] = (
    ("name", "Name", 4, 10),
    ("email", "Email", 5, 14),
    ("source_id", "Source ID", 3, 9),
    ("city", "City", 2, 6),
    ("country", "Country", 2, 7),
)
CREATED_WIDTH = 10


def cell(value: str) -> Text:
    """A table cell: Text (not str) so [brackets] in data are never read as markup, and
    single-line (no_wrap, no end) so the table skips rich's costly wrapping pass."""
    return Text(value, no_wrap=True, end="", overflow="ellipsis")


def customer_cells(customer: Customer) -> tuple[Text, ...]:
    """One row of the list."""
    address = customer.address
    return (
        cell(customer.name or "—"),
        cell(customer.email or "—"),
        cell(customer.source_id or "—"),
        cell((address.city if address else None) or "—"),
        cell((address.country if address else None) or "—"),
        cell(when.day(customer.created_at)),
    )


class CustomerTable(DataTable[Text]):
    """Rows are customers; `j`/`k`/`g`/`G` move like the other list views."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="table.open", tooltip="Open this customer"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for key, label, _, minimum in COLUMNS:
            self.add_column(label, key=key, width=minimum)
        self.add_column("Created", key="created", width=CREATED_WIDTH)

    def add_customers(self, customers: Iterable[Customer]) -> None:
        self.add_rows_keyed((c.id, customer_cells(c)) for c in customers)

    def add_rows_keyed(self, rows: Iterable[tuple[str, tuple[Text, ...]]]) -> None:
        for key, cells in rows:
            self.add_row(*cells, key=key)

    def action_scroll_top(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    def on_resize(self, event: Resize) -> None:
        self.fit_columns(event.size.width)

    def fit_columns(self, width: int) -> None:
        """Share the width between the text columns by weight; nothing important is hidden."""
        padding = 2 * self.cell_padding * (len(COLUMNS) + 1)
        free = max(0, width - 2 - padding - CREATED_WIDTH)
        total_weight = sum(weight for _, _, weight, _ in COLUMNS)
        for key, _, weight, minimum in COLUMNS:
            column = self.columns.get(key)  # type: ignore[call-overload]
            if column is None:
                continue
            column.width = max(minimum, free * weight // total_weight)
            column.auto_width = False
        self._require_update_dimensions = True
        self.refresh()
