"""The customer list's table: the chosen columns sized to the terminal, vim keys, rows keyed
by id. Which columns exist and how their texts are read is `vtui.tui.columns`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, ClassVar, Self, overload

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets._data_table import ColumnKey, RowKey

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.column_widths import share_widths
from vtui.tui.columns import DEFAULT_COLUMNS, Column, shown_columns
from vtui.tui.widgets.plain_cell import PlainCell, fit

if TYPE_CHECKING:
    from vtui.api import Customer
    from vtui.tui.row_store import Shown

ListCell = str | PlainCell | Text
"""Data cells are inert one-line str (rendered plain by `_render_plain_cell`, never read as
markup); a marked row's first cell is a styled Text."""
MARK = "● "


def cell(value: str) -> Text:
    """A table cell: inert (control and escape characters shown as escapes, one line), Text
    (not str) so [brackets] in data are never read as markup, and single-line (no_wrap, no
    end) so the table skips rich's costly wrapping pass."""
    return Text(inert(value), no_wrap=True, end="", overflow="ellipsis")


def row_cells(texts: tuple[str, ...], marked: bool = False) -> tuple[ListCell, ...]:
    """The cells of one list row; a marked row's first cell starts with a dot."""
    if not marked or not texts:
        return texts
    return (Text(MARK, style="bold magenta") + Text(texts[0]), *texts[1:])


def _plain(value: ListCell) -> str:
    if isinstance(value, str):
        return value
    return value.plain.removeprefix(MARK) if isinstance(value, Text) else value.plain


CellKey = tuple[Any, ...]
Line = tuple[RowKey, int]


class OneLineRows(Sequence[Line]):
    """DataTable's `_y_offsets` (row key, line within the row) for each line, for a table
    whose rows are one line each: line y is row y, read from the table's own row order
    when asked. DataTable keeps a tuple a line instead (about 80 bytes a row)."""

    __slots__ = ("_table",)

    def __init__(self, table: DataTable[Any]) -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table.rows)

    @overload
    def __getitem__(self, y: int) -> Line: ...
    @overload
    def __getitem__(self, y: slice) -> list[Line]: ...
    def __getitem__(self, y: int | slice) -> Line | list[Line]:
        if isinstance(y, slice):
            return [self[i] for i in range(*y.indices(len(self)))]
        size = len(self)
        index = y + size if y < 0 else y
        key = self._table._row_locations.get_key(index) if 0 <= index < size else None
        if key is None:
            raise IndexError(y)
        return key, 0

    def clear(self) -> None:
        """DataTable.clear() clears its list of lines; here there is nothing to clear."""


SAMPLE_ROWS = 500
"""How many rows (from the top) give the widest text of each column."""


class CustomerTable(DataTable[ListCell]):
    """Rows are customers; `j`/`k`/`g`/`G` move like the other list views."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.TABLE)

    class EndWanted(Message):
        """`G` was pressed: the list decides whether to load up to the end first."""

    def __init__(
        self, *, id: str | None = None, columns: Sequence[Column] = (), loads_to_end: bool = False
    ) -> None:
        self.loads_to_end = loads_to_end
        """`G` asks the screen (EndWanted) to load every page first, rather than just move."""
        self._fitted_width: int | None = None
        self._appended = 0
        self._lines = OneLineRows(self)
        self._taller = 0  # rows added more than one line high (none in the list's use)
        self._cells: LRUCache[CellKey, list[list[Segment]]] = LRUCache(4000)
        self.shown: list[Column] = list(columns) or shown_columns(DEFAULT_COLUMNS, "")
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self._add_columns()
        # Laid out for the terminal's width at once, so the first frame is the final layout
        # (the table spans the screen; Resize refits only if that turns out otherwise).
        self._fitted_width = self.app.size.width
        self.fit_columns(self._fitted_width)

    def _add_columns(self) -> None:
        for column in self.shown:
            label = Text(column.label)  # a metadata key is text, never markup
            self.add_column(label, key=column.id, width=column.fixed or column.minimum)

    def column_keys(self) -> list[str]:
        return [column.id for column in self.shown]

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show `columns` instead (the rows go: they hold the old columns' texts)."""
        self.shown = list(columns)
        self.clear(columns=True)
        self._add_columns()
        self.fit_columns(self._fitted_width or self.size.width or self.app.size.width)

    def add_list_rows(
        self, rows: Iterable[Shown], marked: set[str] | None = None, cursor_to: str | None = None
    ) -> None:
        """Append rows; the cursor goes to the row `cursor_to` if it is one of them. The first
        rows (after a clear) fit the columns to their texts."""
        first = not self._data
        for row, texts in rows:
            self.add_row(*row_cells(texts, marked is not None and row.id in marked), key=row.id)
        self._fit_to_first_rows(first)
        if cursor_to is not None and cursor_to in self.rows:
            self.move_cursor(row=self.get_row_index(cursor_to), animate=False)

    def _text_widths(self) -> dict[str, int] | None:
        """The widest text of each column (its heading included) among the first rows;
        None when there are no rows yet."""
        if not self._data:
            return None
        widths = {column.id: cell_len(column.label) for column in self.shown}
        ids = [column.id for column in self.shown]
        for data in islice(self._data.values(), SAMPLE_ROWS):
            for column_id, value in zip(ids, data.values(), strict=False):
                size = cell_len(value if isinstance(value, str) else value.plain)
                if size > widths[column_id]:
                    widths[column_id] = size
        return widths

    def cells_of(self, row_id: str) -> tuple[str, ...]:
        """The texts of a row's cells, in the columns' order (without a mark's dot)."""
        texts = self.cell_texts(row_id)
        if texts is None:
            raise KeyError(row_id)
        return texts

    def cell_texts(self, row_id: str) -> tuple[str, ...] | None:
        """`cells_of`, or None when the table has no such row (the list's row store reads
        its rows' texts here)."""
        data = self._data.get(row_id)  # type: ignore[call-overload]  # a RowKey equals its str
        if data is None:
            return None
        texts = tuple(data.values())  # a row's cells are kept in its columns' order
        if texts and type(texts[0]) is not str:  # a mark's dot: only the first cell has one
            return tuple(_plain(value) for value in texts)
        return texts

    def show_row(self, row_id: str, texts: tuple[str, ...], marked: bool) -> None:
        """Repaint one row in place (saved elsewhere, or marked)."""
        for key, value in zip(self.column_keys(), row_cells(texts, marked), strict=True):
            self.update_cell(row_id, key, value)

    def put_first(self, shown: Shown, marked: set[str]) -> None:
        """Show `shown` on top, the other rows after it, the cursor on it (no request)."""
        rows = [
            (key.value, tuple(self._data[key][ColumnKey(c)] for c in self.column_keys()))
            for key in self.rows
        ]
        self.clear()  # the columns keep their widths: one new row does not refit them
        row, texts = shown
        self.add_row(*row_cells(texts, row.id in marked), key=row.id)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self.move_cursor(row=0)

    def add_customers(self, customers: Iterable[Customer]) -> None:
        """Rows for customer models (a jump's matches)."""
        from vtui.tui.row_store import customer_row

        self.add_list_rows(customer_row(c, self.shown) for c in customers)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable measures every cell of every new row here, for auto-width columns and
        auto-height rows; this table has neither (fixed widths, one line a row), so only
        the virtual size is updated."""
        super()._update_dimensions(())

    def add_rows_keyed(self, rows: Iterable[tuple[str, tuple[ListCell, ...]]]) -> None:
        first = not self._data
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self._fit_to_first_rows(first)

    def _fit_to_first_rows(self, first: bool) -> None:
        """The first rows after a clear fit the columns to their texts (later pages do not
        move the columns under the user's eyes; a resize refits)."""
        if first and self._data and self._fitted_width is not None:
            self.fit_columns(self._fitted_width)

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
        if height != 1:
            self._taller += 1
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        self._appended += self._update_count - before  # what appending alone invalidated
        return row_key

    def clear(self, columns: bool = False) -> Self:
        super().clear(columns)
        self._taller = 0
        return self

    @property
    def _y_offsets(self) -> Sequence[Line]:  # type: ignore[override]
        """(row key, line within the row) for each line of the table. DataTable rebuilds a
        list of them from every row whenever anything changed (each appended row
        included), and reads it on every paint: at 100,000 rows that was most of `G`'s
        time, and a tuple a row kept. With every row one line high, line y is row y."""
        if not self._taller:
            return self._lines
        return super()._y_offsets  # rows of other heights: DataTable's own list

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
        """What DataTable renders for a one-line text cell (padding, styles, "…"), without
        rich's generic layout passes; None for anything else. A str cell is always drawn
        here, as plain text: DataTable would read a str as markup."""
        padding = min(self.cell_padding, width // 2)
        inner = width - 2 * padding
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return None
        row = self.rows.get(row_key)
        value = self._data.get(row_key, {}).get(column_key)
        if row is None or row.height != 1 or not isinstance(value, str | PlainCell):
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
        text = fit(value, inner) if isinstance(value, str) else value.fit(inner)
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
        if self.loads_to_end:
            self.post_message(self.EndWanted())
        else:
            self.to_last_row()

    def to_last_row(self) -> None:
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
        """Share the width between the text columns (`vtui.tui.column_widths`); dates keep
        their width. More columns than the terminal holds are narrowed, not pushed off; once
        rows are loaded, a column wider than its texts lends the rest to the cut ones."""
        padding = 2 * self.cell_padding * len(self.shown)
        fixed = sum(column.fixed or 0 for column in self.shown)
        free = max(0, width - 2 - padding - fixed)
        widths = share_widths(self.shown, free, self._text_widths())
        for shown in self.shown:
            column = self.columns.get(shown.id)  # type: ignore[call-overload]
            if column is not None:
                column.width = widths[shown.id]
                column.auto_width = False
        self._require_update_dimensions = True
        self.refresh()
