"""The customer list: filters, sort, cursor paging, and the way into a customer.

Every request runs in the exclusive "customer-list" worker group. Each load carries the
`ListCursor` it was made for; a response whose cursor is no longer current is dropped, so a
late answer to an old filter can never paint over a newer one.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from vtui.tui.change_keys import LIST_BINDINGS, ListChanges
from vtui.tui.list_cursor import ListCursor
from vtui.tui.list_query import ORDER_LABELS, ListQuery
from vtui.tui.widgets.customer_table import CustomerTable
from vtui.tui.widgets.filter_bar import FilterBar
from vtui.tui.widgets.late_footer import mount_footer_after_paint
from vtui.tui.widgets.list_state import ListState
from vtui.tui.widgets.plain_cell import PlainCell
from vtui.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from vtui.api import Customer
    from vtui.tui.app import VtuiApp
    from vtui.tui.prefetch import FirstPage

PREFETCH_ROWS = 25
"""Ask for the next page when the cursor is this close to the last loaded row."""
EARLY_HEAD_START = 0.05
"""Seconds the prefetched rows get to reach the screen before connecting starts."""


class CustomerListScreen(ListChanges, Screen[None]):
    """Customers of the connected project, newest first unless sorted otherwise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "filter",
            "Filter",
            id="list.filter",
            tooltip="Filter by email, name, city, segment, dates",
        ),
        Binding("s", "sort", "Sort", id="list.sort", tooltip="Cycle the sort order"),
        Binding("y", "copy_id", "Copy", id="list.copy", tooltip="Copy the customer id (OSC 52)"),
        Binding("r", "refresh", "Refresh", id="list.refresh", tooltip="Reload (or retry) the list"),
        *LIST_BINDINGS,
    ]

    def __init__(self, first_page: Awaitable[FirstPage | None] | None = None) -> None:
        super().__init__()
        self.first_page = first_page
        """The first page fetched while the app started (painted before the session opens);
        None when it failed (the list then asks for itself)."""
        self.early: FirstPage | None = None
        """The prefetched page on screen, until the session adopts it."""
        self.awaiting_session = False
        self.query_state = ListQuery()
        self.customers: dict[str, Customer] = {}
        self.cursor: ListCursor | None = None
        self.fetching = False
        self.error: str | None = None

    @property
    def vtui(self) -> VtuiApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        # The filter bar and the footer are mounted later (first `/`, first page): the
        # first customers paint sooner without them.
        yield Static(id="list-title")
        yield ListState(id="list-state")
        yield CustomerTable(id="customers")
        yield Static(id="list-count")
        yield StatusBar(id="status-bar")

    def on_mount(self) -> None:
        self.query_one(CustomerTable).focus()
        first_page = self.first_page
        if self.vtui.session is not None or first_page is None:
            self.go_live()
            return
        self.awaiting_session = True
        if isinstance(first_page, asyncio.Future) and first_page.done():
            # Already here: painted with the screen's first frame.
            failed = first_page.cancelled() or first_page.exception() is not None
            self._on_first_page(None if failed else first_page.result())
        else:
            self.query_one(ListState).show_loading()
            self.run_worker(self._await_first_page(first_page), group="prefetch")

    async def _await_first_page(self, first_page: Awaitable[FirstPage | None]) -> None:
        try:
            page = await first_page
        except Exception:  # a failed prefetch only means the list asks for itself
            page = None
        self._on_first_page(page)

    def _on_first_page(self, page: FirstPage | None) -> None:
        if page is None:  # the list asks for itself once connected, and reports errors
            self.vtui.start_connecting()
            return
        self._paint_early(page)
        # Connecting imports a lot; let the frame with these rows reach the terminal first.
        self.set_timer(EARLY_HEAD_START, self.vtui.start_connecting)

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
        mount_footer_after_paint(self)

    def go_live(self) -> None:
        """Load the session's saved query, adopting the prefetched page when it answers it."""
        session = self.vtui.session
        saved = session.ui_state.load().get("list") if session is not None else None
        self.query_state = ListQuery.from_state(saved)
        self.awaiting_session = False
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

    def _connected(self) -> bool:
        if self.vtui.session is None:
            self.notify("Still connecting… one moment.", timeout=2)
            return False
        return True

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Start over from the first page of the current query."""
        self.cursor = ListCursor(self.query_state)
        self.customers.clear()
        self.error = None
        self.query_one(CustomerTable).clear()
        self.query_one(ListState).show_loading()
        self._paint_title()
        self._paint_count()
        self._fetch(self.cursor)

    def load_more(self) -> None:
        cursor = self.cursor
        if cursor is None or self.fetching or not cursor.has_more or self.error:
            return
        self._fetch(cursor)

    def _fetch(self, cursor: ListCursor) -> None:
        self.fetching = True
        self.run_worker(self._fetch_page(cursor), group="customer-list", exclusive=True)

    async def _fetch_page(self, cursor: ListCursor) -> None:
        from vtui.api import VoucherifyError

        kwargs = cursor.request()
        try:
            page = await self.vtui.client.customers.list(**kwargs)
        except VoucherifyError as error:
            if cursor is self.cursor:
                self._show_error(str(error))
            return
        except Exception as error:  # a surprise must show as an error, not end the app
            if cursor is self.cursor:
                self._show_error(f"Unexpected {type(error).__name__} while loading customers")
            return
        finally:
            self.vtui.note_request()
        if cursor is not self.cursor:
            return  # a newer query replaced this one while the request was out
        fresh = cursor.accept(page.customers, page.total, page.has_more)
        self._paint_rows(fresh)

    def _paint_rows(self, fresh: list[Customer]) -> None:
        self.fetching = False
        mount_footer_after_paint(self)
        self.query_one(CustomerTable).add_customers(fresh)
        for customer in fresh:
            self.customers[customer.id] = customer
        self._paint_state(has_rows=bool(self.customers))
        self._paint_count()
        self._maybe_prefetch()

    def _paint_state(self, *, has_rows: bool) -> None:
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
        mount_footer_after_paint(self)
        self.error = message
        if self.customers:
            self.notify(f"{message}\nPress r to retry.", title="Next page failed", severity="error")
        else:
            self.query_one(ListState).show_error(message)
        self._paint_count()

    # -- painting -----------------------------------------------------------------------------

    def _paint_title(self) -> None:
        text = Text("Customers", style="bold")
        text.append(f" · {ORDER_LABELS[self.query_state.order]}")
        summary = self.query_state.describe()
        if summary:
            text.append(" · filter: ")
            text.append(summary, style="italic")
        self.query_one("#list-title", Static).update(text)

    def _paint_count(self) -> None:
        cursor = self.cursor
        text = Text()
        if cursor is not None and cursor.total is not None:
            text.append(f"{len(self.customers):,} of {cursor.total:,} loaded")
            if cursor.capped:
                text.append(" · the API pages this order only to page 99; filter to narrow")
        if self.fetching and self.customers:
            text.append(" · loading more…")
        if self.error and self.customers:
            text.append(" · next page failed: r to retry", style="bold")
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

    # -- filters and sort ---------------------------------------------------------------------

    def set_query(self, query: ListQuery) -> None:
        if not self._connected():
            return
        if query == self.query_state and self.error is None:
            return
        self.query_state = query
        session = self.vtui.session
        if session is not None:
            state = session.ui_state.load()
            state["list"] = query.to_state()
            session.ui_state.save(state)
        self.reload()

    async def action_filter(self) -> None:
        if not self._connected():
            return
        bars = self.query(FilterBar)
        if bars:
            bar = bars.first()
        else:
            bar = FilterBar(id="filter-bar")
            await self.mount(bar, after="#list-title")
        bar.load(self.query_state, self.vtui.known_segments)
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
        if not self._connected():
            return
        if self.error and self.customers and self.cursor is not None:
            self.error = None
            self._paint_count()
            self.load_more()
        else:
            self.reload()

    # -- the highlighted customer -------------------------------------------------------------

    def highlighted(self) -> Customer | None:
        table = self.query_one(CustomerTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.customers.get(key) if key is not None else None

    def action_open(self) -> None:
        customer = self.highlighted()
        if customer is not None:
            from vtui.tui.screens.customer_detail import CustomerDetailScreen

            self.app.push_screen(CustomerDetailScreen(customer))

    def action_copy_id(self) -> None:
        customer = self.highlighted()
        if customer is not None:
            self.app.copy_to_clipboard(customer.id)
            self.notify(f"Copied {customer.id}", timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.check_change_action(action):
            return False
        if action in ("open", "copy_id"):
            return True if self.customers else None
        return True
