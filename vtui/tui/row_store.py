"""The customer list's rows as the list keeps them: a slim row per customer, no models.

Textual-free. A row is what the list shows (the texts of its columns) plus the four texts
find-as-you-type searches (name, email, source_id, city), in one tuple: no per-row dict, no
pydantic model. The customer itself is read from the API when it is opened or changed (a
change starts from the server's current state anyway).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from vtui.tui.columns import cells

if TYPE_CHECKING:
    from vtui.api import Customer, CustomerRow, CustomerRows
    from vtui.tui.columns import Column
    from vtui.tui.list_cursor import ListCursor


class ListRow(NamedTuple):
    """One customer as the list holds it: what find-as-you-type searches (a
    `vtui.tui.fuzzy.FindRow`) and undo and bulk changes name. The texts of its columns are
    the table's own cells (`CustomerTable.cells_of`), not kept twice."""

    id: str
    name: str | None
    email: str | None
    source_id: str | None
    city: str | None


Shown = tuple[ListRow, tuple[str, ...]]
"""A row and the texts of its columns, in their order (inert): what the table is given."""


def list_row(row: CustomerRow, columns: Sequence[Column]) -> Shown:
    """The list's row for one customer of the API's list answer, with its cells."""
    return ListRow(row.id, row.name, row.email, row.source_id, row.city), cells(row, columns)


def customer_row(customer: Customer, columns: Sequence[Column]) -> Shown:
    """The row for a customer model (one saved or read by vtui)."""
    from vtui.api import CustomerRow

    return list_row(CustomerRow.of(customer), columns)


class RowStore:
    """The loaded rows in the list's order, by id, and which are marked."""

    def __init__(self) -> None:
        self._rows: dict[str, ListRow] = {}
        self.marked: set[str] = set()

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def __contains__(self, customer_id: object) -> bool:
        return customer_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __getitem__(self, customer_id: str) -> ListRow:
        return self._rows[customer_id]

    def get(self, customer_id: str) -> ListRow | None:
        return self._rows.get(customer_id)

    def keys(self) -> list[str]:
        return list(self._rows)

    def values(self) -> list[ListRow]:
        return list(self._rows.values())

    def ids(self) -> list[str]:
        return list(self._rows)

    def clear(self) -> None:
        self._rows.clear()
        self.marked.clear()

    def accept(
        self, cursor: ListCursor, page: CustomerRows, columns: Sequence[Column]
    ) -> list[Shown]:
        """Record one page with `cursor` (made with `seen=self`); the rows not shown yet, in
        order, now stored, with their cells for the table."""
        added: list[Shown] = []
        for listed in cursor.accept(page.rows, page.total, page.has_more):
            if listed.id not in self._rows:
                shown = list_row(listed, columns)
                self._rows[listed.id] = shown[0]
                added.append(shown)
        return added

    def put(self, row: ListRow, *, first: bool = False) -> None:
        """Replace the row with the same id in place, or add it (on top when `first`)."""
        if first and row.id not in self._rows:
            self._rows = {row.id: row, **self._rows}
        else:
            self._rows[row.id] = row

    def remove(self, customer_id: str) -> bool:
        self.marked.discard(customer_id)
        return self._rows.pop(customer_id, None) is not None

    def toggle_mark(self, customer_id: str) -> bool:
        """Mark or unmark a loaded row; True when it is marked now."""
        if customer_id in self.marked:
            self.marked.discard(customer_id)
            return False
        if customer_id in self._rows:
            self.marked.add(customer_id)
            return True
        return False

    def marked_ids(self) -> list[str]:
        """The marked rows' ids, in the list's order."""
        return [i for i in self._rows if i in self.marked]
