"""The customer list's rows as the list keeps them: its table's cells, and no more.

Textual-free. What a row shows is its cells in the list's table; the texts find-as-you-type
searches and changes name (name, email, source_id, city) are read back from those cells when
asked. The store keeps, per id, only what the cells cannot give back: nothing when those four
columns show the values as the API gave them, else the four values (a column hidden, or a text
made inert for the screen). No pydantic model, no per-row dict: the customer itself is read
from the API when it is opened or changed (a change starts from the server's current state).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from vtui.tui.columns import MISSING, cells

if TYPE_CHECKING:
    from vtui.api import Customer, CustomerRow, CustomerRows
    from vtui.tui.columns import Column
    from vtui.tui.list_cursor import ListCursor


class ListRow(NamedTuple):
    """One customer as the list gives it out: what find-as-you-type searches (a
    `vtui.tui.fuzzy.FindRow`) and undo and bulk changes name. Made when asked, not kept."""

    id: str
    name: str | None
    email: str | None
    source_id: str | None
    city: str | None


Shown = tuple[ListRow, tuple[str, ...]]
"""A row and the texts of its columns, in their order (inert): what the table is given."""

CellReader = Callable[[str], "Sequence[str] | None"]
"""The texts of a row's cells in the columns' order (a mark's dot left out), or None when the
table does not show that row (yet): the list's `CustomerTable.cell_texts`."""

FIELDS = ("name", "email", "source_id", "city")
"""The texts of a ListRow after its id, and the columns that show them."""

Kept = tuple["str | None", ...]
"""A row's four FIELDS values as the API gave them, kept when its cells cannot give them back."""


def list_row(row: CustomerRow, columns: Sequence[Column]) -> Shown:
    """The list's row for one customer of the API's list answer, with its cells."""
    return ListRow(row.id, row.name, row.email, row.source_id, row.city), cells(row, columns)


def customer_row(customer: Customer, columns: Sequence[Column]) -> Shown:
    """The row for a customer model (one saved or read by vtui)."""
    from vtui.api import CustomerRow

    return list_row(CustomerRow.of(customer), columns)


def _readable(value: str | None, text: str) -> bool:
    """Whether `value` can be read back from the cell `text` it was shown as."""
    if value is None:
        return text == MISSING
    return value == text and value != MISSING


class RowStore:
    """The loaded rows in the list's order, by id, and which are marked. The columns the rows
    were accepted with stay until `clear` (a change of columns reloads the list).

    Rows accepted but not handed to the table yet (`G` paints in batches) are pending: the
    store holds their cells until `take_pending` gives them to the table, so a row is always
    readable, and a save or delete that lands meanwhile changes what will be painted."""

    def __init__(self, read_cells: CellReader | None = None) -> None:
        self._rows: dict[str, Kept | None] = {}
        self._pending: dict[str, Shown] = {}
        self.marked: set[str] = set()
        self._read_cells: CellReader = read_cells or (lambda _id: None)
        self._at: tuple[int, ...] = (-1,) * len(FIELDS)
        """Where each of FIELDS is among the cells; -1 when no column shows it."""

    def read_cells_with(self, read_cells: CellReader) -> None:
        """Read the rows' texts from `read_cells` (the list's table, once it is mounted)."""
        self._read_cells = read_cells

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def __contains__(self, customer_id: object) -> bool:
        return customer_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __getitem__(self, customer_id: str) -> ListRow:
        row = self.get(customer_id)
        if row is None:
            raise KeyError(customer_id)
        return row

    def get(self, customer_id: str) -> ListRow | None:
        """The row, or None when it is not loaded."""
        if customer_id not in self._rows:
            return None
        kept = self._rows[customer_id]
        if kept is not None:
            return ListRow(customer_id, *kept)
        pending = self._pending.get(customer_id)
        texts = pending[1] if pending is not None else self._read_cells(customer_id)
        if texts is None:
            return None
        values = [texts[at] for at in self._at]
        return ListRow(customer_id, *(None if text == MISSING else text for text in values))

    def find_rows(self, start: int = 0) -> Iterator[tuple[str | None, ...]]:
        """The rows from the `start`th on as plain (id, name, email, source_id, city) tuples,
        up to the first one the table does not show yet: what find folds, read in bulk (a
        `get` per row costs about twice as much at 100,000 rows)."""
        rows, read, pending = self._rows, self._read_cells, self._pending
        name, email, source_id, city = self._at
        for row_id in islice(rows, start, None):
            if row_id in pending:
                return  # the rest are on their way to the table
            kept = rows[row_id]
            if kept is not None:
                yield (row_id, *kept)
                continue
            texts = read(row_id)
            if texts is None:
                return
            n, e, s, c = texts[name], texts[email], texts[source_id], texts[city]
            yield (
                row_id,
                None if n == MISSING else n,
                None if e == MISSING else e,
                None if s == MISSING else s,
                None if c == MISSING else c,
            )

    def keys(self) -> list[str]:
        return list(self._rows)

    def values(self) -> list[ListRow]:
        """Every loaded row, in the list's order."""
        return [row for row in map(self.get, self._rows) if row is not None]

    def ids(self) -> list[str]:
        return list(self._rows)

    def clear(self) -> None:
        self._rows.clear()
        self._pending.clear()
        self.marked.clear()

    def take_pending(self) -> list[Shown]:
        """The rows accepted since the last call, in order, with their latest cells: for the
        table to add now."""
        taken, self._pending = list(self._pending.values()), {}
        return taken

    def _use_columns(self, columns: Sequence[Column]) -> None:
        ids = [column.id for column in columns]
        at = tuple(ids.index(field) if field in ids else -1 for field in FIELDS)
        if at != self._at and self._rows:
            raise ValueError("the list's columns changed without clearing its rows")
        self._at = at

    def _kept(self, shown: Shown) -> Kept | None:
        row, texts = shown
        values = row[1:]
        for value, at in zip(values, self._at, strict=True):
            if at < 0 or not _readable(value, texts[at]):
                return tuple(values)
        return None

    def accept(
        self, cursor: ListCursor, page: CustomerRows, columns: Sequence[Column]
    ) -> list[Shown]:
        """Record one page with `cursor` (made with `seen=self`); the rows not shown yet, in
        order, now stored, with their cells for the table (pending until `take_pending`)."""
        self._use_columns(columns)
        added: list[Shown] = []
        for listed in cursor.accept(page.rows, page.total, page.has_more):
            if listed.id not in self._rows:
                shown = list_row(listed, columns)
                self._rows[listed.id] = self._kept(shown)
                self._pending[listed.id] = shown
                added.append(shown)
        return added

    def put(self, shown: Shown, columns: Sequence[Column], *, first: bool = False) -> None:
        """Replace the row with the same id in place, or add it (on top when `first`); its
        cells (in `columns`) are the table's to show."""
        self._use_columns(columns)
        row_id = shown[0].id
        kept = self._kept(shown)
        if row_id in self._pending:
            self._pending[row_id] = shown  # painted as saved
        if first and row_id not in self._rows:
            self._rows = {row_id: kept, **self._rows}
        else:
            self._rows[row_id] = kept

    def remove(self, customer_id: str) -> bool:
        self.marked.discard(customer_id)
        if customer_id not in self._rows:
            return False
        del self._rows[customer_id]
        self._pending.pop(customer_id, None)  # never painted
        return True

    def toggle_mark(self, customer_id: str) -> bool:
        """Mark or unmark a loaded row; True when it is marked now."""
        if customer_id in self.marked:
            self.marked.discard(customer_id)
            return False
        if customer_id in self._rows:
            self.marked.add(customer_id)
            return True
        return False

    def prune_marks(self) -> int:
        """Unmark the ids that are not loaded (any more); how many were."""
        gone = {customer_id for customer_id in self.marked if customer_id not in self._rows}
        self.marked -= gone
        return len(gone)

    def marked_ids(self) -> list[str]:
        """The marked rows' ids, in the list's order."""
        return [i for i in self._rows if i in self.marked]


class Keep(NamedTuple):
    """What a reload of the same list brings back: the customer under the cursor and the
    marks, looked for page by page no further than the rows loaded before."""

    cursor: str | None
    marked: frozenset[str]
    within: int

    def found(self, rows: RowStore) -> bool:
        return (self.cursor is None or self.cursor in rows) and all(i in rows for i in self.marked)

    def done(self, rows: RowStore) -> bool:
        """Whether to stop looking: all is back, or as many rows as before are loaded."""
        return self.found(rows) or len(rows) >= self.within

    def merged(self, earlier: Keep) -> Keep:
        """This and what an earlier reload kept but did not get back yet (its first page
        failed, or it was still looking): the earlier cursor wins, as the user did not move
        (a move stops the looking)."""
        return Keep(
            earlier.cursor or self.cursor,
            self.marked | earlier.marked,
            max(self.within, earlier.within),
        )

    def without(self, customer_id: str) -> Keep:
        """This, no longer looking for a customer deleted meanwhile."""
        cursor = None if self.cursor == customer_id else self.cursor
        return Keep(cursor, self.marked - {customer_id}, self.within)
