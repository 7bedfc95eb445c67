"""The customer list: filters, sort, columns, cursor paging, marks, and the way into a customer.

The first frame is the real screen (the rows fetched at start-up, status, footer); keys
pressed before the session opens are taken, and what needs the API waits in its worker.
Requests run in the exclusive "customer-list" group: a stale answer is never painted.

A row's texts are its cells in the table, read from the API's list answer without pydantic;
`vtui.tui.row_store` keeps the ids. A customer is read in full when it is opened or changed.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from vtui.tui import bindings
from vtui.tui.columns import shown_columns
from vtui.tui.context import context, ui_state_of
from vtui.tui.customer_actions import CustomerActions
from vtui.tui.keymap import key_in_words
from vtui.tui.list_cursor import ListCursor
from vtui.tui.list_find import FindOnList, FindRows, rows_to_find
from vtui.tui.list_query import ListQuery
from vtui.tui.list_views import ViewsOnList
from vtui.tui.messages import (
    ChangeUndone,
    CustomerDeleted,
    CustomerSaved,
    JobFinished,
    SessionOpened,
)
from vtui.tui.row_store import Keep, RowStore, customer_row
from vtui.tui.screens.list_actions import ListActions, chosen_columns
from vtui.tui.widgets.customer_table import CustomerTable
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.list_state import ListState, count_text, title_text
from vtui.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from vtui.api import CustomerRows
    from vtui.tui.columns import Column
    from vtui.tui.prefetch import FirstPage
    from vtui.tui.row_store import Shown

PREFETCH_ROWS = 25
"""Ask for the next page when the cursor is this close to the last loaded row."""
PAINT_EVERY = 0.25
"""Going to the end, loaded rows join the table at most this often (seconds), not per page."""


class CustomerListScreen(FindOnList, ViewsOnList, ListActions, CustomerActions, Screen[None]):
    """Customers of the connected project, newest first unless sorted otherwise."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.LIST)

    def __init__(
        self,
        first_page: FirstPage | None = None,
        later_page: asyncio.Future[FirstPage | None] | None = None,
    ) -> None:
        super().__init__()
        self.first_page = first_page  # fetched while vtui started: in the first frame
        self.later_page = later_page  # the same, still on its way
        self.early: FirstPage | None = None  # the prefetched page shown, until adopted
        self.query_state = ListQuery()
        self.customers = RowStore()
        self.columns: list[Column] = []
        self.cursor: ListCursor | None = None
        self.fetching = False
        self.to_end = False
        self._end_from = 0
        self._keep: Keep | None = None  # what the reload under way brings back ...
        self._hunt: Keep | None = None  # ... and what it is still looking for, page by page
        self._move_at_end = False  # whether the loading to the end then moves the cursor
        self.error: str | None = None
        self.live = False

    @property
    def marked(self) -> set[str]:
        return self.customers.marked

    def compose(self) -> ComposeResult:
        if self.first_page is not None:
            self.query_state = ListQuery.from_state(self.first_page.query)
            self.columns = shown_columns(self.first_page.columns, self.query_state.order)
        else:
            self.query_state = ListQuery.from_state(ui_state_of(self).get("list"))
            self.columns = shown_columns(chosen_columns(self), self.query_state.order)
        yield Static(id="list-title")
        yield ListState(id="list-state")
        yield CustomerTable(id="customers", columns=self.columns, loads_to_end=True)
        yield Static(id="list-count")
        yield StatusBar(id="status-bar")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        table = self.query_one(CustomerTable)
        self.customers.read_cells_with(table.cell_texts)  # a row's texts are its cells
        table.focus()
        ctx = context(self)
        if ctx.start is not None and ctx.start.problems:
            for problem in ctx.start.problems:  # e.g. a bad column in config.toml
                self.notify(problem, title="config.toml", severity="warning", timeout=12)
            ctx.start.problems = ()
        if self.first_page is not None:
            self._paint_early(self.first_page)
        else:
            self._paint_title()
            self.query_one(ListState).show_loading()
            self.fetching = True
            self._paint_count()
            if self.later_page is not None and ctx.session is None:
                self._await_early(self.later_page)
        if ctx.session is not None:
            self.go_live()

    @work(group="early")
    async def _await_early(self, later: asyncio.Future[FirstPage | None]) -> None:
        try:
            page = await later
        except Exception:  # a failed prefetch only means the list asks for itself
            return
        if page is not None and not self.live:
            self._paint_early(page)

    def _paint_early(self, page: FirstPage) -> None:
        self.early = page
        self.query_state = ListQuery.from_state(page.query)
        table = self.query_one(CustomerTable)
        if [c.id for c in table.shown] != list(page.columns):
            self.columns = shown_columns(page.columns, self.query_state.order)
            table.set_columns(self.columns)
        table.add_rows_keyed(page.rows)
        self._paint_state(has_rows=bool(page.rows))
        self._paint_title()
        self.fetching = False
        self._paint_count()

    def on_session_opened(self, message: SessionOpened) -> None:
        if not self.live:
            self.go_live()

    def go_live(self) -> None:
        """Load the session's saved query, adopting the prefetched page when it answers it."""
        self.live = True
        self.query_state = ListQuery.from_state(ui_state_of(self).get("list"))
        wanted = shown_columns(chosen_columns(self), self.query_state.order)
        early, self.early = self.early, None
        if (
            early is not None
            and early.query == self.query_state.to_state()
            and list(early.columns) == [c.id for c in wanted]
            and self._adopt(early)
        ):
            return
        self._use_columns(wanted)
        self.reload()

    def _adopt(self, early: FirstPage) -> bool:
        """Take the prefetched page as this session's first page: no second request."""
        from vtui.api import CustomerRows, VoucherifyError

        try:
            page = CustomerRows.parse(early.body.encode("utf-8"))
        except VoucherifyError:
            return False
        self.customers.clear()
        self.cursor = ListCursor(self.query_state, seen=self.customers)
        self.error = None
        self.fetching = False
        self.customers.accept(self.cursor, page, self.columns)
        fresh = self.customers.take_pending()
        table = self.query_one(CustomerTable)
        if [row.value for row in table.rows] != [row.id for row, _ in fresh]:
            table.clear()
            table.add_list_rows(fresh)
        self._paint_count()
        self._maybe_prefetch()
        return True

    def _use_columns(self, columns: list[Column]) -> None:
        if [c.id for c in columns] != [c.id for c in self.columns]:
            self.columns = columns
            self.query_one(CustomerTable).set_columns(columns)

    # -- loading ------------------------------------------------------------------------------

    def reload(self, keep_cursor: bool = False, keep_marks: bool = False) -> None:
        """Start over from the first page of the current query. The cursor's customer (and
        the marks) come back: pages load until they are found, no further than before."""
        # Kept by an earlier reload and not back yet (a failed first page, or still looking).
        pending, self._keep, self._hunt = self._keep or self._hunt, None, None
        if keep_cursor or keep_marks:
            kept = Keep(
                self.highlighted_id() if keep_cursor else None,
                frozenset(self.marked) if keep_marks else frozenset(),
                len(self.customers),
            )
            self._keep = kept.merged(pending) if pending else kept
        self.to_end = False
        self.customers.clear()
        self.cursor = ListCursor(self.query_state, seen=self.customers)
        self.error = None
        self._use_columns(shown_columns(chosen_columns(self), self.query_state.order))
        self.query_one(CustomerTable).clear()
        self.query_one(ListState).show_loading()
        self._paint_title()
        self._fetch(self.cursor)

    def load_more(self) -> None:
        cursor = self.cursor
        if cursor is None or self.fetching or not cursor.has_more or self.error:
            return
        self._fetch(cursor)

    def _fetch(self, cursor: ListCursor) -> None:
        self.fetching = True
        self._paint_count()
        self._fetch_page(cursor)

    async def _next_page(self, cursor: ListCursor) -> CustomerRows | None:
        from vtui.api import VoucherifyError

        client = await context(self).wait_client()
        try:
            return await client.customers.list_rows(**cursor.request())
        except VoucherifyError as error:
            self._show_error(str(error))
            return None

    @work(group="customer-list", exclusive=True)
    async def _fetch_page(self, cursor: ListCursor) -> None:
        page = await self._next_page(cursor)
        if page is not None:
            self.customers.accept(cursor, page, self.columns)
            self._paint_rows()

    def _paint_rows(self) -> None:
        self.fetching, keep, self._keep = False, self._keep, None
        if keep is not None:
            self.customers.marked |= keep.marked  # shown marked as they come back
        table = self.query_one(CustomerTable)
        fresh = self.customers.take_pending()
        table.add_list_rows(fresh, self.marked, cursor_to=keep.cursor if keep else None)
        self._paint_state(has_rows=bool(self.customers))
        self._paint_count()
        if keep is not None and self._look_further(keep):
            return  # it loads on until what the reload keeps is back
        if keep is not None:
            self._lose_marks()
        self._maybe_prefetch()

    # -- G: to the true end -------------------------------------------------------------------

    def on_customer_table_end_wanted(self, event: CustomerTable.EndWanted) -> None:
        self.load_to_end()

    def load_to_end(self) -> None:
        """Load every page left (G), showing "loading… N of M" in the count line, then put
        the cursor on the last customer; `esc` or a cursor move stops it. `to_end` is True
        while it loads (find's "load the rest" is `_go_to_end` without the move)."""
        cursor = self.cursor
        if self.to_end:
            self._hunt, self._move_at_end = None, True  # G while a reload looks: to the end
            return
        if cursor is None or not cursor.has_more or self.error or not self.live:
            self.query_one(CustomerTable).to_last_row()
            self._say_if_capped()
            return
        self._move_at_end = True
        self._go_to_end(cursor)

    @work(group="customer-list", exclusive=True)
    async def _go_to_end(self, cursor: ListCursor) -> None:
        """Load every page left, painting in batches; then the cursor goes to the last row
        (`_move_at_end`). While a reload looks for what it keeps (`_hunt`), only until that
        is back. `esc` or a cursor move stops it (the rows loaded so far stay)."""
        table = self.query_one(CustomerTable)
        self.to_end, self.fetching = True, True
        self._end_from = table.cursor_row
        self._paint_count()
        painted = time.monotonic()
        try:
            while cursor.has_more and self.to_end and not self._hunt_over():
                page = await self._next_page(cursor)
                if page is None:
                    return
                self.customers.accept(cursor, page, self.columns)
                if time.monotonic() - painted >= PAINT_EVERY:
                    table.add_list_rows(self.customers.take_pending(), self.marked)
                    self._paint_count()
                    painted = time.monotonic()
            reached = self.to_end
        finally:
            if cursor is self.cursor:  # not when a reload (r, s, /) replaced this query
                self._end_loading(table)
        if reached:
            if self._move_at_end:
                table.to_last_row()
            self._say_if_capped()

    def action_stop_loading(self) -> None:
        if self.to_end:
            self.to_end = False  # the worker paints what it has and stops
            self.workers.cancel_group(self, "customer-list")
            self.notify(f"Stopped at {len(self.customers):,} loaded.", timeout=2)

    # -- painting -----------------------------------------------------------------------------

    def _paint_title(self) -> None:
        self.query_one("#list-title", Static).update(title_text(self.query_state, self.view_name()))

    def _paint_count(self) -> None:
        table = self.query_one(CustomerTable)
        row = table.cursor_row + 1 if table.row_count else 0
        cursor, early = self.cursor, self.early
        if cursor is None and early is not None:  # the prefetched page, not adopted yet
            loaded, total = len(early.rows), early.total
        else:
            loaded, total = len(self.customers), cursor.total if cursor else None
        text = count_text(
            row,
            loaded,
            total,
            cursor is not None and cursor.capped,
            self.fetching,
            self.error,
            len(self.marked),
            self.to_end,
            lambda binding_id, default: key_in_words(self.app, binding_id, default),
        )
        self.query_one("#list-count", Static).update(text)

    def _maybe_prefetch(self) -> None:
        table = self.query_one(CustomerTable)
        if table.row_count and table.cursor_row >= table.row_count - PREFETCH_ROWS:
            self.load_more()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.to_end and event.cursor_row != self._end_from:
            self.action_stop_loading()  # any cursor move stops the way to the end
        self._paint_count()
        if not self.to_end:
            self._maybe_prefetch()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    # -- what other screens changed -----------------------------------------------------------

    def on_customer_saved(self, message: CustomerSaved) -> None:
        customer = message.customer
        if customer.id in self.customers:
            shown = customer_row(customer, self.columns)
            self.customers.put(shown, self.columns)  # a row on its way is painted as saved
            if customer.id in (table := self.query_one(CustomerTable)).rows:
                table.show_row(customer.id, shown[1], customer.id in self.marked)
        elif message.created and self.cursor is not None:
            self._add_on_top(customer_row(customer, self.columns))

    def on_customer_deleted(self, message: CustomerDeleted) -> None:
        customer_id = message.customer_id
        self._forget_kept(customer_id)
        if not self.customers.remove(customer_id):
            return
        if customer_id in (table := self.query_one(CustomerTable)).rows:  # else on its way
            table.remove_row(customer_id)  # there: it never will be now
        if self.cursor is not None and self.cursor.total is not None:
            self.cursor.total = max(0, self.cursor.total - 1)
        self._paint_state(has_rows=bool(self.customers))
        self._paint_count()

    def on_change_undone(self, message: ChangeUndone) -> None:
        if self.live:
            self.reload(keep_cursor=True)

    def on_job_finished(self, message: JobFinished) -> None:
        if self.live:
            self.reload(keep_cursor=True)  # the job changed customers: rows, counts are stale

    def _add_on_top(self, shown: Shown) -> None:
        self.customers.put(shown, self.columns, first=True)
        self.query_one(CustomerTable).put_first(shown, self.marked)
        if self.cursor is not None and self.cursor.total is not None:
            self.cursor.total += 1
        self.query_one(ListState).hide()
        self._paint_count()

    def find_rows(self, start: int = 0) -> FindRows:
        """The loaded rows from the `start`th on, in the list's order: what `f` searches."""
        return rows_to_find(self.customers, start)
