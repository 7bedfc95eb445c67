"""`f` on the customer list: find as you type over the loaded rows.

The list keeps a FindIndex (vtui.tui.fuzzy) in step with its rows, incrementally: rows are
read from the list (`find_rows(start)`, the one thing asked of it) only past the last one
already folded, a saved customer is refolded (a created one added), a deleted one dropped,
and a new list query (a new cursor) starts the index afresh. Built on the first `f`, kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from vtui.tui.fuzzy import FindIndex, FindRow
from vtui.tui.messages import CustomerDeleted, CustomerSaved

FindRows: TypeAlias = Iterator[tuple[Any, ...]]
"""The list's rows in its order: each one's first five items are a FindRow."""
KEEP_UP_EVERY = 0.25
"""Seconds between folding the rows the list loaded meanwhile (once find was used) ..."""
KEEP_UP_ROWS = 2_000
"""... at most this many at a time (about 10 ms), so that loading stays smooth."""

if TYPE_CHECKING:
    from vtui.api import Customer
    from vtui.tui.list_cursor import ListCursor
    from vtui.tui.row_store import RowStore
    from vtui.tui.widgets.find_results import RowsById


def find_row(customer: Customer) -> FindRow:
    """The texts find looks in: name, email, source_id and city."""
    address = customer.address
    city = address.city if address is not None else None
    return (customer.id, customer.name, customer.email, customer.source_id, city)


def rows_to_find(rows: RowStore, start: int) -> FindRows:
    """The list's `rows` from the `start`th on (skipped without being read), up to the first
    one its table does not show yet (a page still on its way there); each starts with the
    five texts of a FindRow."""
    return rows.find_rows(start)


class FindKeeper:
    """A FindIndex over one list's rows, and where their texts are read for showing the
    matches."""

    def __init__(self, rows: RowsById) -> None:
        self.rows = rows
        """The list's rows by id (its row store): read for the matches on screen only."""
        self.index = FindIndex()
        self.known: set[str] = set()
        """The ids the index holds (the matches' texts are the list's, read when shown)."""
        self.version = 0
        """Goes up whenever the rows change: a search made before is stale."""
        self._source: object = None
        self._read = 0  # how many of the list's rows (in its order) the index holds

    def sync(
        self,
        source: object,
        rows_from: Callable[[int], Iterable[tuple[Any, ...]]],
        size: int,
        most: int | None = None,
    ) -> None:
        """Take the rows the list loaded since the last sync (at most `most` of them); start
        over for a new `source` (the list's cursor: a new query or a reload). `size` is how
        many rows the list holds: when the index has them all, nothing is read."""
        if source is not self._source:
            self._source = source
            self._read = 0
            self.index.clear()
            self.known.clear()
            self.version += 1
        if size == self._read:
            return
        read = list(islice(rows_from(self._read), most))
        self._read += len(read)
        # A customer created here is added when it is saved, wherever the list put it.
        fresh = [row for row in read if row[0] not in self.known]
        if fresh:
            self.index.add(cast("list[FindRow]", [row[:5] for row in fresh]))
            self.known.update(row[0] for row in fresh)
            self.version += 1

    def saved(self, row: FindRow, *, created: bool) -> None:
        """A customer changed (or was created, and the list shows it now)."""
        if row[0] in self.known:
            if self.index.replace(row):
                self.version += 1
        elif created and self._source is not None:
            self.index.add([row])
            self.known.add(row[0])
            self.version += 1

    def remove(self, row_id: str) -> None:
        if row_id in self.known:
            self.known.discard(row_id)
            self.index.remove(row_id)
            self._read -= 1  # the list dropped it too: its later rows moved up one place
            self.version += 1


class FindOnList:
    """Mixed into the customer list: the `f` action and the index it searches."""

    if TYPE_CHECKING:  # provided by the list screen
        cursor: ListCursor | None
        customers: RowStore
        to_end: bool
        live: bool
        error: str | None
        app: Any

        def _go_to_end(self, cursor: ListCursor) -> Any: ...

        _hunt: Any
        _move_at_end: bool

        def action_stop_loading(self) -> None: ...

        def find_rows(self, start: int = 0) -> FindRows: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def action_open(self) -> None: ...

    _find_keeper: FindKeeper | None = None

    def finder(self) -> FindKeeper:
        """The index, brought up to date with the list's rows. Made on the first `f` (no
        memory spent on it before), then kept in step as pages arrive."""
        keeper = self._find_keeper
        if keeper is None:
            keeper = self._find_keeper = FindKeeper(self.customers)
            cast("Any", self).set_interval(KEEP_UP_EVERY, self._keep_up)  # the list's timer
        keeper.sync(self.cursor, self.find_rows, len(self.customers))
        return keeper

    def _keep_up(self) -> None:
        if self._find_keeper is not None:
            self._find_keeper.sync(self.cursor, self.find_rows, len(self.customers), KEEP_UP_ROWS)

    def action_find(self) -> None:
        from vtui.tui.screens.find import FindScreen

        self.app.push_screen(FindScreen(self))

    def load_rest(self) -> bool:
        """Load every page left, as `G` does but leaving the cursor where it is; False when
        there is nothing to load (or it cannot start now). After a failed page this is the
        retry (find's input takes the list's retry key as text)."""
        cursor = self.cursor
        if self.to_end and self._hunt is not None:
            self._hunt = None  # a reload was looking for its rows: on to the end now
            return True
        if self.to_end or cursor is None or not cursor.has_more or not self.live:
            return False
        self.error = None
        self._move_at_end = False  # the list's G loading; the cursor stays
        self._go_to_end(cursor)
        return True

    def loading_rest(self) -> tuple[int, int | None] | None:
        """(rows loaded, rows in all) while the rest loads; None otherwise."""
        if not self.to_end or self.cursor is None:
            return None
        return len(self.customers), self.cursor.total

    def stop_loading_rest(self) -> None:
        self.action_stop_loading()

    def open_found(self, customer_id: str) -> None:
        """Highlight the found row in the list and open it, the way enter on the list does."""
        from textual.widgets import DataTable

        table = self.query_one("#customers", DataTable)
        if customer_id not in table.rows:
            return
        table.move_cursor(row=table.get_row_index(customer_id), animate=False)
        self.action_open()

    # Textual calls these after the list's own handlers (one per class in the MRO): the list
    # has updated its rows by then.
    def on_customer_saved(self, message: CustomerSaved) -> None:
        if self._find_keeper is not None:
            self._find_keeper.saved(find_row(message.customer), created=message.created)

    def on_customer_deleted(self, message: CustomerDeleted) -> None:
        if self._find_keeper is not None:
            self._find_keeper.remove(message.customer_id)
