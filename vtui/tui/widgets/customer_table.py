"""The customer list's table: six columns sized to the terminal, vim keys, rows keyed by id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.events import Resize
from textual.widgets import DataTable

from vtui.api.rows import CustomerRow
from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.customer_row import customer_row
from vtui.tui.widgets.plain_cell import PlainCell

if TYPE_CHECKING:
    from textual.widgets._data_table import RowKey

    from vtui.api import Customer

ListCell = PlainCell | Text
"""Data cells are PlainCell; a marked row's name is a styled Text."""

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
    """A table cell: inert (control and escape characters shown as escapes, one line), Text
    (not str) so [brackets] in data are never read as markup, and single-line (no_wrap, no
    end) so the table skips rich's costly wrapping pass."""
    return Text(inert(value), no_wrap=True, end="", overflow="ellipsis")


def customer_cells(customer: Customer) -> tuple[PlainCell, ...]:
    """One row of the list."""
    return tuple(PlainCell(text) for text in customer_row(CustomerRow.of(customer)))


CellKey = tuple[Any, ...]


class CustomerTable(DataTable[ListCell]):
    """Rows are customers; `j`/`k`/`g`/`G` move like the other list views."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.TABLE)

    def __init__(self, *, id: str | None = None) -> None:
        self._fitted_width: int | None = None
        self._appended = 0
        self._cells: LRUCache[CellKey, list[list[Segment]]] = LRUCache(4000)
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for key, label, _, minimum in COLUMNS:
            self.add_column(label, key=key, width=minimum)
        self.add_column("Created", key="created", width=CREATED_WIDTH)
        # Laid out for the terminal's width at once, so the first frame is the final layout
        # (the table spans the screen; Resize refits only if that turns out otherwise).
        self._fitted_width = self.app.size.width
        self.fit_columns(self._fitted_width)

    @staticmethod
    def column_keys() -> list[str]:
        return [key for key, *_ in COLUMNS] + ["created"]

    def add_customers(self, customers: Iterable[Customer]) -> None:
        self.add_rows_keyed((c.id, customer_cells(c)) for c in customers)

    def put_first(self, customer: Customer, known: Mapping[str, Customer]) -> None:
        """Show `customer` on top (the rows are rebuilt from `known`, no request)."""
        order = [str(key.value) for key in self.rows]
        self.clear()
        self.add_customers(
            [customer] + [known[k] for k in order if k in known and k != customer.id]
        )
        self.move_cursor(row=0)

    def add_rows_keyed(self, rows: Iterable[tuple[str, tuple[ListCell, ...]]]) -> None:
        for key, cells in rows:
            self.add_row(*cells, key=key)

    # -- rendering: keep rendered cells when rows are only appended --------------------------
    #
    # DataTable keys its render caches on a counter that every change bumps, appending a row
    # included, so each page appended re-rendered every visible cell. An appended row
    # changes no other cell: cells are cached here on that counter less the appends.

    def add_row(
        self,
        *cells: ListCell,
        height: int | None = 1,
        key: str | None = None,
        label: Text | str | None = None,
    ) -> RowKey:
        before = self._update_count
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        self._appended += self._update_count - before  # what appending alone invalidated
        return row_key

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._cells.clear()

    def notify_style_update(self) -> None:
        self._cells.clear()
        super().notify_style_update()

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        if row_index < 0 or column_index < 0:  # header and labels: DataTable's own cache
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key: CellKey = (
            row_index,
            self._row_locations.get_key(row_index),
            column_index,
            base_style,
            width,
            cursor,
            hover,
            self._show_hover_cursor,
            self._pseudo_class_state,
            self._update_count - self._appended,
        )
        lines = self._cells.get(key)
        if lines is None:
            lines = self._render_plain_cell(
                row_index, column_index, base_style, width, cursor, hover
            ) or super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            self._cells[key] = lines
        return lines

    def _render_plain_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool,
        hover: bool,
    ) -> list[list[Segment]] | None:
        """What DataTable renders for a one-line PlainCell (padding, styles, "…"), without
        rich's generic layout passes; None for anything else."""
        padding = self.cell_padding
        inner = width - 2 * padding
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None or inner < 1:
            return None
        row = self.rows.get(row_key)
        value = self._data.get(row_key, {}).get(column_key)
        if row is None or row.height != 1 or not isinstance(value, PlainCell):
            return None
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = (
            base_style + Style.from_meta({"row": row_index, "column": column_index})
        ) + component_style
        text = value.fit(inner)
        segments = [
            Segment(" " * padding),
            Segment(text),
            Segment(" " * (inner - cell_len(text) + padding)),
        ]
        return [list(Segment.apply_style(segments, style=pre_style, post_style=post_style))]

    def action_scroll_top(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    def on_resize(self, event: Resize) -> None:
        """Refit only when the table itself changed width.

        Textual also sends Resize when only the virtual (scrollable) size grew, i.e. on every
        page appended; DataTable's own handler then throws away every cached cell and line,
        so the whole visible table was rendered again per page. Nothing rendered depends on
        the virtual size (the column widths are ours), so that handler is skipped then.
        """
        if event.size.width == self._fitted_width:
            event.prevent_default()  # keep DataTable's render caches
            return
        self._fitted_width = event.size.width
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
