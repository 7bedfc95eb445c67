"""The customer list's keys and its public face: filters, sort, columns, the highlighted
customer, marks, metadata, export. Mixed into `CustomerListScreen` (kept apart for size).

For the views and palette: `column_ids()`, `set_columns(ids)` and `set_query(query)`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from vtui.tui.columns import DEFAULT_COLUMNS, check_columns, shown_columns
from vtui.tui.context import context, guard_write, ui_state_of
from vtui.tui.keymap import key_in_words
from vtui.tui.list_query import ORDER_LABELS, ListQuery
from vtui.tui.widgets.customer_table import CustomerTable
from vtui.tui.widgets.filter_bar import FilterBar
from vtui.tui.widgets.list_state import ListState
from vtui.tui.words import plural

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.widget import Widget

    from vtui.api import Customer
    from vtui.tui.columns import Column
    from vtui.tui.list_cursor import ListCursor
    from vtui.tui.prefetch import FirstPage
    from vtui.tui.row_store import Keep, ListRow, RowStore

COLUMNS_STATE = "columns"
"""The UI state's key for the column picker's choice (per profile, like the whole state)."""


def config_columns(node: Widget) -> list[str] | None:
    """The profile's `[profiles.NAME.list] columns`, when set and valid (checked at start):
    the session's profile once connected, else the one vtui started with."""
    ctx = context(node)
    if ctx.session is not None:
        columns = ctx.session.columns
    else:
        columns = ctx.start.columns if ctx.start is not None else None
    return list(columns) if columns else None


def chosen_columns(node: Widget) -> list[str]:
    """The columns the user chose: the picker's (saved in the UI state) wins over the config
    file's, which wins over the defaults. The sorted-by column is added when shown."""
    from vtui.tui.prefetch import first_columns

    return first_columns(ui_state_of(node), config_columns(node))


class ListActions:
    """The list's actions; the screen provides the state and the painting."""

    if TYPE_CHECKING:  # provided by CustomerListScreen and Screen
        app: Any
        query_state: ListQuery
        customers: RowStore
        columns: list[Column]
        cursor: ListCursor | None
        error: str | None
        live: bool
        early: FirstPage | None
        to_end: bool
        fetching: bool
        _end_from: int
        _keep: Keep | None
        _hunt: Keep | None
        _move_at_end: bool

        @property
        def marked(self) -> set[str]: ...

        def query_one(self, *args: Any, **kwargs: Any) -> Any: ...

        def query(self, *args: Any, **kwargs: Any) -> Any: ...

        def notify(self, *args: Any, **kwargs: Any) -> None: ...

        def reload(self, keep_cursor: bool = False, keep_marks: bool = False) -> None: ...

        def load_more(self) -> None: ...

        def _paint_count(self) -> None: ...

        def refresh_bindings(self) -> None: ...

        def _go_to_end(self, cursor: ListCursor) -> Any: ...

        def _maybe_prefetch(self) -> None: ...

        def view_commands(self) -> Iterator[SystemCommand]: ...

        def check_change_action(self, action: str) -> bool | None: ...

    # -- columns ------------------------------------------------------------------------------

    def column_ids(self) -> list[str]:
        """The columns shown now, in order (the sorted-by column included)."""
        return [column.id for column in self.columns]

    def set_columns(self, ids: list[str]) -> None:
        """Show these columns (ColumnError if one is unknown), remember them for this profile
        (the picker's choice wins over config.toml), and load the list again with them."""
        ids = check_columns(ids)
        store = context(self).ui_state()  # type: ignore[arg-type]
        if store is not None:
            store.update(lambda state: {**state, COLUMNS_STATE: ids})
        if [c.id for c in shown_columns(ids, self.query_state.order)] == self.column_ids():
            return
        self.live = True
        self.early = None
        self.reload(keep_cursor=True, keep_marks=True)  # the same rows in other columns

    def action_columns(self) -> None:
        """The column picker: the chosen columns (the sorted-by one shows anyway)."""
        from vtui.tui.screens.column_picker import ColumnPickerScreen

        fallback = config_columns(self) or list(DEFAULT_COLUMNS)  # type: ignore[arg-type]

        def chosen(ids: list[str] | None) -> None:
            if ids == fallback:
                self.forget_columns()  # config.toml's (or the defaults) again
            elif ids:
                self.set_columns(ids)

        picker = ColumnPickerScreen(
            chosen_columns(self),  # type: ignore[arg-type]
            self.query_state.order,
            fallback,
        )
        self.app.push_screen(picker, chosen)

    def _paint_state(self, *, has_rows: bool) -> None:
        """The line in place of the rows: none, no customers match, or none yet."""
        self.refresh_bindings()  # keys that need a row (open, copy) come and go with them
        state = self.query_one(ListState)
        if has_rows:
            state.hide()
        elif self.query_state.is_filtered:
            change = f"Press {key_in_words(self.app, 'filter', '/')} to change the filters."
            state.show_empty(f"No customers match {self.query_state.describe()}. {change}")
        else:
            state.show_empty("This project has no customers yet.")

    def _show_error(self, message: str) -> None:
        self.fetching = False
        self.error = message
        if self.customers:
            again = f"Press {key_in_words(self.app, 'refresh', 'r')} to retry."
            self.notify(f"{message}\n{again}", title="Next page failed", severity="error")
        else:
            self.query_one(ListState).show_error(message)
        self._paint_count()

    # -- what a reload brings back -----------------------------------------------------------

    def _look_further(self, keep: Keep) -> bool:
        """After a reload's first page: load on (as `G` does; `esc` stops) until what it
        keeps is back, no further than the rows loaded before; False when nothing is left.
        The loading state is set here, not in the worker, so that no prefetch (the cursor
        just put back near the page's end) replaces the looking before it starts."""
        cursor = self.cursor
        if keep.done(self.customers) or cursor is None or not cursor.has_more:
            return False
        self._hunt, self._move_at_end = keep, False
        self.to_end = self.fetching = True
        self._end_from = self.query_one(CustomerTable).cursor_row
        self._go_to_end(cursor)
        return True

    def _hunt_over(self) -> bool:
        """Whether what the reload looks for is back (or the rows loaded before are)."""
        return self._hunt is not None and self._hunt.done(self.customers)

    def _end_loading(self, table: CustomerTable) -> None:
        """The loading to the end stopped (done, `esc`, a move, a failed page): the rows on
        their way are painted; the cursor goes back to the customer a reload looked for."""
        hunt, self._hunt = self._hunt, None
        cursor_to = hunt.cursor if hunt is not None else None
        table.add_list_rows(self.customers.take_pending(), self.marked, cursor_to=cursor_to)
        self.to_end = self.fetching = False
        if hunt is not None and self.error is not None:
            self._keep = hunt  # a failed page: the retry (r) looks on
        elif hunt is not None:
            self._lose_marks()
        self._paint_count()

    def _forget_kept(self, customer_id: str) -> None:
        """A customer deleted elsewhere is no longer looked for by a reload."""
        if self._keep is not None:
            self._keep = self._keep.without(customer_id)
        if self._hunt is not None:
            self._hunt = self._hunt.without(customer_id)

    def _lose_marks(self) -> None:
        """After a reload that kept the marks: say so if some customers did not come back."""
        gone = self.customers.prune_marks()
        if gone:
            self.notify(
                f"{plural(gone, 'marked customer')} did not come back in the list: unmarked.",
                severity="warning",
            )

    def _say_if_capped(self) -> None:
        """When the API stopped paging this order at page 99, say so and how to go on."""
        cursor = self.cursor
        if cursor is not None and cursor.capped:
            from vtui.tui.keymap import key_in_words

            sort, find = key_in_words(self.app, "sort", "s"), key_in_words(self.app, "filter", "/")
            self.notify(
                f"The API lists only the first {len(self.customers):,} customers in this "
                f"order (page 99). Press {sort} to sort by created, or {find} to filter, "
                "to reach the rest.",
                title="Not the true end",
                severity="warning",
            )

    def palette_commands(self) -> Iterator[SystemCommand]:
        """Entries of the command palette that have no key of their own."""
        from textual.app import SystemCommand

        yield SystemCommand(
            "Columns…", "Choose, order and hide the list's columns", self.action_columns
        )
        yield from self.view_commands()

    def forget_columns(self) -> None:
        """Drop the picker's saved choice: config.toml's columns (or the defaults) show."""
        store = context(self).ui_state()  # type: ignore[arg-type]
        if store is not None and COLUMNS_STATE in store.load():
            store.update(lambda state: {k: v for k, v in state.items() if k != COLUMNS_STATE})
        self.live = True
        self.early = None
        self.reload(keep_cursor=True, keep_marks=True)

    # -- filters and sort ---------------------------------------------------------------------

    def set_query(self, query: ListQuery) -> None:
        if query == self.query_state and self.error is None:
            return
        self.query_state = query
        store = context(self).ui_state()  # type: ignore[arg-type]
        if store is not None:
            store.update(lambda state: {**state, "list": query.to_state()})
        self.live = True
        self.early = None
        marks = len(self.marked)
        self.reload()
        if marks:  # they were for the list as it was
            self.notify(f"{plural(marks, 'mark')} cleared: the filter or sort changed.")

    async def action_filter(self) -> None:
        bars = self.query(FilterBar)
        if bars:
            bar = bars.first()
        else:
            bar = FilterBar(id="filter-bar")
            await self.mount(bar, after="#list-title")  # type: ignore[attr-defined]
        bar.load(self.query_state, context(self).known_segments)  # type: ignore[arg-type]
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
            self.reload(keep_cursor=True)  # fresh rows; marks go (r is how they are cleared)

    # -- the highlighted customer -------------------------------------------------------------

    def highlighted_id(self) -> str | None:
        table = self.query_one(CustomerTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def target_id(self) -> str | None:
        return self.highlighted_id()

    def target_customer(self) -> ListRow | None:
        """The highlighted row (id, name, email, source_id, city)."""
        key = self.highlighted_id()
        return self.customers.get(key) if key is not None else None

    def action_open(self) -> None:
        key = self.highlighted_id()
        if key is not None:
            from vtui.tui.screens.customer_detail import CustomerDetailScreen

            self.app.push_screen(CustomerDetailScreen(key, reading=self._start_reading(key)))

    def _start_reading(self, key: str) -> asyncio.Future[Customer] | None:
        """Read the customer now, while its screen is built (the list keeps rows only)."""
        session = context(self).session  # type: ignore[arg-type]
        if session is None:
            return None  # the screen reads it once connected
        reading = asyncio.ensure_future(session.client.customers.get(key))
        reading.add_done_callback(lambda done: done.cancelled() or done.exception())
        return reading

    def action_copy_id(self) -> None:
        key = self.highlighted_id()
        if key is not None:
            self.app.copy_to_clipboard(key)
            self.notify(f"Copied {key}", timeout=2)

    def action_mark(self) -> None:
        if not guard_write(self, "marking customers for a change"):  # type: ignore[arg-type]
            return
        row = self.target_customer()
        if row is None:
            return
        table = self.query_one(CustomerTable)
        table.show_row(row.id, table.cells_of(row.id), self.customers.toggle_mark(row.id))
        self._paint_count()
        table.action_cursor_down()

    def action_metadata(self) -> None:
        if not guard_write(self, "setting metadata"):  # type: ignore[arg-type]
            return
        chosen = [self.customers[i] for i in self.customers.marked_ids()]
        if not chosen:
            current = self.target_customer()
            chosen = [current] if current is not None else []
        if not chosen:
            self.notify("Mark customers with space first.", severity="warning")
            return
        from vtui.tui.screens.metadata_bulk import MetadataBulkScreen

        self.app.push_screen(MetadataBulkScreen(chosen))  # it reads them fresh to send

    def action_export(self) -> None:
        from vtui.tui.screens.export_dialog import ExportScreen

        query = self.query_state
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        self.app.push_screen(
            ExportScreen(query.api_filters(), query.describe(), f"customers-{stamp}.csv")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.check_change_action(action):
            return False
        if action in ("open", "copy_id"):
            return True if self.customers or self.early else None
        if action == "stop_loading":
            return bool(getattr(self, "to_end", False))
        return True
