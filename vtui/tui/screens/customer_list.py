"""The customer list: filters, sort, cursor paging, marks, and the way into a customer.

The first frame is the real screen (the rows fetched at start-up, status, footer); keys
pressed before the session opens are taken, and what needs the API waits in its worker.
Requests run in the exclusive "customer-list" group: a stale answer is never painted.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from vtui.tui import bindings
from vtui.tui.context import context, guard_write, ui_state_of
from vtui.tui.customer_actions import CustomerActions
from vtui.tui.list_cursor import ListCursor
from vtui.tui.list_find import FindOnList, FindRows, rows_to_find
from vtui.tui.list_query import ORDER_LABELS, ListQuery
from vtui.tui.messages import (
    ChangeUndone,
    CustomerDeleted,
    CustomerSaved,
    JobFinished,
    SessionOpened,
)
from vtui.tui.widgets.customer_table import CustomerTable, customer_cells
from vtui.tui.widgets.filter_bar import FilterBar
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.list_state import ListState, count_text, title_text
from vtui.tui.widgets.plain_cell import PlainCell
from vtui.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from vtui.api import Customer
    from vtui.tui.prefetch import FirstPage

PREFETCH_ROWS = 25
"""Ask for the next page when the cursor is this close to the last loaded row."""


class CustomerListScreen(FindOnList, CustomerActions, Screen[None]):
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
        self.customers: dict[str, Customer] = {}
        self.marked: set[str] = set()
        self.cursor: ListCursor | None = None
        self.fetching = False
        self.error: str | None = None
        self.live = False

    def compose(self) -> ComposeResult:
        yield Static(id="list-title")
        yield ListState(id="list-state")
        yield CustomerTable(id="customers")
        yield Static(id="list-count")
        yield StatusBar(id="status-bar")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self.query_one(CustomerTable).focus()
        ctx = context(self)
        if self.first_page is not None:
            self._paint_early(self.first_page)
        else:
            self.query_state = ListQuery.from_state(ui_state_of(self).get("list"))
            self._paint_title()
            self.query_one(ListState).show_loading()
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
        self.query_one(CustomerTable).add_rows_keyed(
            (key, tuple(PlainCell(text) for text in cells)) for key, cells in page.rows
        )
        self._paint_state(has_rows=bool(page.rows))
        self._paint_title()
        total = page.total if page.total is not None else len(page.rows)
        self.query_one("#list-count", Static).update(
            Text(f"{len(page.rows):,} of {total:,} loaded")
        )

    def on_session_opened(self, message: SessionOpened) -> None:
        if not self.live:
            self.go_live()

    def go_live(self) -> None:
        """Load the session's saved query, adopting the prefetched page when it answers it."""
        self.live = True
        self.query_state = ListQuery.from_state(ui_state_of(self).get("list"))
        early, self.early = self.early, None
        if early is not None and early.query == self.query_state.to_state() and self._adopt(early):
            return
        self.reload()

    def _adopt(self, early: FirstPage) -> bool:
        """Take the prefetched page as this session's first page: no second request."""
        from vtui.api import VoucherifyError

        try:
            customers = early.customer_page().customers
        except VoucherifyError:
            return False
        self.cursor = ListCursor(self.query_state)
        self.customers.clear()
        self.error = None
        fresh = self.cursor.accept(customers, early.total, early.has_more)
        self.customers.update((customer.id, customer) for customer in fresh)
        table = self.query_one(CustomerTable)
        if [row.value for row in table.rows] != [customer.id for customer in fresh]:
            table.clear()
            table.add_customers(fresh)
        self._paint_count()
        self._maybe_prefetch()
        return True

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Start over from the first page of the current query."""
        self.cursor = ListCursor(self.query_state)
        self.customers.clear()
        self.marked.clear()
        self.error = None
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

    @work(group="customer-list", exclusive=True)
    async def _fetch_page(self, cursor: ListCursor) -> None:
        from vtui.api import VoucherifyError

        client = await context(self).wait_client()
        try:
            page = await client.customers.list(**cursor.request())
        except VoucherifyError as error:
            self._show_error(str(error))
            return
        self._paint_rows(cursor.accept(page.customers, page.total, page.has_more))

    def _paint_rows(self, fresh: list[Customer]) -> None:
        self.fetching = False
        self.query_one(CustomerTable).add_customers(fresh)
        for customer in fresh:
            self.customers[customer.id] = customer
        self._paint_state(has_rows=bool(self.customers))
        self._paint_count()
        self._maybe_prefetch()

    def _paint_state(self, *, has_rows: bool) -> None:
        self.refresh_bindings()  # keys that need a row (open, copy) come and go with them
        state = self.query_one(ListState)
        if has_rows:
            state.hide()
        elif self.query_state.is_filtered:
            state.show_empty(
                f"No customers match {self.query_state.describe()}. Press / to change the filters."
            )
        else:
            state.show_empty("This project has no customers yet.")

    def _show_error(self, message: str) -> None:
        self.fetching = False
        self.error = message
        if self.customers:
            self.notify(f"{message}\nPress r to retry.", title="Next page failed", severity="error")
        else:
            self.query_one(ListState).show_error(message)
        self._paint_count()

    # -- painting -----------------------------------------------------------------------------

    def _paint_title(self) -> None:
        self.query_one("#list-title", Static).update(title_text(self.query_state))

    def _paint_count(self) -> None:
        text = count_text(
            len(self.customers), self.cursor, self.fetching, self.error, len(self.marked)
        )
        self.query_one("#list-count", Static).update(text)

    def _maybe_prefetch(self) -> None:
        table = self.query_one(CustomerTable)
        if table.row_count and table.cursor_row >= table.row_count - PREFETCH_ROWS:
            self.load_more()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_prefetch()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    # -- what other screens changed -----------------------------------------------------------

    def on_customer_saved(self, message: CustomerSaved) -> None:
        customer = message.customer
        if customer.id in self.customers:
            self.customers[customer.id] = customer
            self._paint_row(customer)
        elif message.created and self.cursor is not None:
            self._add_on_top(customer)

    def on_customer_deleted(self, message: CustomerDeleted) -> None:
        customer_id = message.customer_id
        if customer_id not in self.customers:
            return
        del self.customers[customer_id]
        self.marked.discard(customer_id)
        self.query_one(CustomerTable).remove_row(customer_id)
        if self.cursor is not None and self.cursor.total is not None:
            self.cursor.total = max(0, self.cursor.total - 1)
        self._paint_state(has_rows=bool(self.customers))
        self._paint_count()

    def on_change_undone(self, message: ChangeUndone) -> None:
        if self.live:
            self.reload()

    def on_job_finished(self, message: JobFinished) -> None:
        if self.live:
            self.reload()  # the job changed customers: rows and counts are stale

    def _paint_row(self, customer: Customer) -> None:
        table = self.query_one(CustomerTable)
        cells = customer_cells(customer)
        for key, cell in zip(table.column_keys(), cells, strict=True):
            shown: PlainCell | Text = cell
            if key == "name" and customer.id in self.marked:
                shown = Text("● ", style="bold magenta") + Text(cell.plain)
            table.update_cell(customer.id, key, shown)

    def _add_on_top(self, customer: Customer) -> None:
        self.customers[customer.id] = customer
        self.query_one(CustomerTable).put_first(customer, self.customers)
        if self.cursor is not None and self.cursor.total is not None:
            self.cursor.total += 1
        self.query_one(ListState).hide()
        self._paint_count()

    # -- filters and sort ---------------------------------------------------------------------

    def set_query(self, query: ListQuery) -> None:
        if query == self.query_state and self.error is None:
            return
        self.query_state = query
        store = context(self).ui_state()
        if store is not None:
            state = store.load()
            state["list"] = query.to_state()
            store.save(state)
        self.live = True
        self.early = None
        self.reload()

    async def action_filter(self) -> None:
        bars = self.query(FilterBar)
        if bars:
            bar = bars.first()
        else:
            bar = FilterBar(id="filter-bar")
            await self.mount(bar, after="#list-title")
        bar.load(self.query_state, context(self).known_segments)
        bar.display = True
        bar.query_one("#filter-email").focus()

    def on_filter_bar_applied(self, event: FilterBar.Applied) -> None:
        self.set_query(event.query)

    def on_filter_bar_closed(self, event: FilterBar.Closed) -> None:
        self.query_one(FilterBar).display = False
        self.query_one(CustomerTable).focus()

    def action_sort(self) -> None:
        self.set_query(self.query_state.with_next_order())
        self.notify(f"Sorted {ORDER_LABELS[self.query_state.order]}", timeout=2)

    def action_refresh(self) -> None:
        if self.error and self.customers and self.cursor is not None:
            self.error = None
            self._paint_count()
            self.load_more()
        else:
            self.live = True
            self.early = None
            self.reload()

    # -- the highlighted customer -------------------------------------------------------------

    def highlighted_id(self) -> str | None:
        table = self.query_one(CustomerTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def find_rows(self, start: int = 0) -> FindRows:
        """The loaded rows from the `start`th on, in the list's order: what `f` searches."""
        return rows_to_find(self.customers.values(), start)

    def target_customer(self) -> Customer | None:
        key = self.highlighted_id()
        return self.customers.get(key) if key is not None else None

    def action_open(self) -> None:
        key = self.highlighted_id()
        if key is not None:
            from vtui.tui.screens.customer_detail import CustomerDetailScreen

            self.app.push_screen(CustomerDetailScreen(key, self.customers.get(key)))

    def action_copy_id(self) -> None:
        key = self.highlighted_id()
        if key is not None:
            self.app.copy_to_clipboard(key)
            self.notify(f"Copied {key}", timeout=2)

    def action_mark(self) -> None:
        if not guard_write(self, "marking customers for a change"):
            return
        customer = self.target_customer()
        if customer is None:
            return
        if customer.id in self.marked:
            self.marked.discard(customer.id)
        else:
            self.marked.add(customer.id)
        self._paint_row(customer)
        self._paint_count()
        self.query_one(CustomerTable).action_cursor_down()

    def action_metadata(self) -> None:
        if not guard_write(self, "setting metadata"):
            return
        chosen = [self.customers[i] for i in self.marked if i in self.customers]
        if not chosen:
            current = self.target_customer()
            chosen = [current] if current is not None else []
        if not chosen:
            self.notify("Mark customers with space first.", severity="warning")
            return
        from vtui.tui.screens.metadata_bulk import MetadataBulkScreen

        self.app.push_screen(MetadataBulkScreen(chosen))

    def action_export(self) -> None:
        from vtui.tui.screens.export_dialog import ExportScreen

        self.app.push_screen(ExportScreen.for_query(self.query_state))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.check_change_action(action):
            return False
        if action in ("open", "copy_id"):
            return True if self.customers or self.early else None
        return True
