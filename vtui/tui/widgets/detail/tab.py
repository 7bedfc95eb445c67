"""Detail tabs that load on first visit, in their own exclusive worker, and cache until `r`.

Each load runs in the tab's exclusive worker group: a refresh (or a changed filter) cancels
the older request, so its answer is never painted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context
from vtui.tui.keymap import key_in_words
from vtui.tui.widgets.list_state import ListState

if TYPE_CHECKING:
    from vtui.api import VoucherifyClient

PREFETCH_ROWS = 10


class DetailTab(Vertical):
    """Subclasses implement `fetch` (I/O, in a worker) and `paint` (on the UI)."""

    what: ClassVar[str] = "data"

    def __init__(self, customer_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.customer_id = customer_id
        self.loaded = False
        self.fetching = False

    @property
    def state(self) -> ListState:
        return self.query_one(ListState)

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        """Forget what was shown and load again (first visit, `r`, or a new filter)."""
        self.loaded = True
        self.forget()
        self.state.show_loading(self.what)
        self._start()

    def _start(self) -> None:
        self.fetching = True
        self._load()

    @work(group="tab", exclusive=True)
    async def _load(self) -> None:
        from vtui.api import VoucherifyError

        client = await context(self).wait_client()
        try:
            result = await self.fetch(client)
        except VoucherifyError as error:
            self.fetching = False
            self.show_error(inert(str(error)))  # the API's words: shown, never obeyed
            return
        self.fetching = False
        self.state.hide()
        self.paint(result)

    def show_error(self, message: str) -> None:
        self.state.show_error(message)

    def forget(self) -> None:
        """Drop painted content before a reload."""

    async def fetch(self, client: VoucherifyClient) -> Any:
        """Ask the API (in the tab's worker); `paint` shows the answer."""
        raise NotImplementedError

    def paint(self, result: Any) -> None:
        raise NotImplementedError


class PagedTab(DetailTab):
    """A table paged by the API's id cursor (`starting_after_id` / `more_starting_after`)."""

    page_size: ClassVar[int] = 50
    columns: ClassVar[tuple[str, ...]] = ()
    wide: ClassVar[str] = ""
    """The column that takes what the others leave of the width, its cells wrapped onto more
    lines: nothing is cut at 80 columns. The others fit their widest cell, up to `caps`."""
    caps: ClassVar[dict[str, int]] = {}
    """Columns whose long cells wrap at this width instead of widening the column, when the
    row does not fit whole."""
    empty_text: ClassVar[str] = "Nothing here."

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.DETAIL_TAB)

    def __init__(self, customer_id: str, *, id: str | None = None) -> None:
        super().__init__(customer_id, id=id)
        self.after: str | None = None
        self.has_more = False
        self.failed_more = False
        self.painted: list[tuple[str, tuple[Text, ...]]] = []
        self._widths: tuple[int, ...] = ()

    def compose_filters(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        yield from self.compose_filters()
        yield ListState()
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.table
        for label in self.columns:
            table.add_column(label, key=label)

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def forget(self) -> None:
        self.after = None
        self.has_more = False
        self.failed_more = False
        self.painted = []
        self.table.clear()
        self.table.display = True

    async def fetch(self, client: VoucherifyClient) -> Any:
        return await self.fetch_page(client, self.after)

    async def fetch_page(self, client: VoucherifyClient, after: str | None) -> Any:
        raise NotImplementedError

    def rows(self, page: Any) -> Iterable[tuple[str, tuple[Text, ...]]]:
        raise NotImplementedError

    def paint(self, result: Any) -> None:
        self.failed_more = False
        for key, cells in self.rows(result):
            if key not in self.table.rows:
                self.painted.append((key, cells))
                self.table.add_row(*cells, key=key)
        self._fit()
        self.after = result.more_starting_after
        self.has_more = bool(result.has_more and result.more_starting_after)
        self.table.display = bool(self.table.row_count)  # no bare header under "None."
        if not self.table.row_count:
            self.state.show_empty(self.empty_text)
        self._maybe_more()

    def show_error(self, message: str) -> None:
        if self.table.row_count:
            self.failed_more = True
            self.notify(
                f"{message}\nPress {key_in_words(self.app, 'refresh', 'r')} to retry.",
                title=f"Loading {self.what} failed",
                severity="error",
                markup=False,
            )
        else:
            super().show_error(message)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Give the `wide` column the rest of the width, wrapping its cells (rows rebuilt
        only when a width changes: on a resize, or a page with wider cells)."""
        table = self.table
        width = table.scrollable_content_region.width
        if not self.wide or not width or not self.painted:
            return
        wide = self.columns.index(self.wide)
        widths = [
            max([len(label)] + [cells[i].cell_len for _, cells in self.painted])
            for i, label in enumerate(self.columns)
        ]
        padding = 2 * table.cell_padding * len(widths) + 1
        if sum(widths) + padding > width:  # short of room: capped columns fold first
            capped = zip(self.columns, widths, strict=True)
            widths = [min(self.caps.get(label, w), w) for label, w in capped]
        rest = width - sum(widths) + widths[wide] - padding
        widths[wide] = max(len(self.wide), min(widths[wide], rest))
        if tuple(widths) == self._widths:
            return
        self._widths = tuple(widths)
        folding = {wide} | {self.columns.index(label) for label in self.caps}
        cursor = table.cursor_row
        table.clear(columns=True)
        for label, size in zip(self.columns, widths, strict=True):
            table.add_column(label, key=label, width=size)
        for key, cells in self.painted:
            shown = list(cells)
            for index in folding:
                folded = shown[index].copy()
                folded.no_wrap, folded.overflow = False, "fold"
                shown[index] = folded
            table.add_row(*shown, key=key, height=None)
        table.move_cursor(row=cursor)

    def load_more(self) -> None:
        if self.has_more and not self.fetching and not self.failed_more:
            self._start()

    def _maybe_more(self) -> None:
        table = self.table
        if table.row_count and table.cursor_row >= table.row_count - PREFETCH_ROWS:
            self.load_more()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_more()

    def action_down(self) -> None:
        self.table.action_cursor_down()

    def action_up(self) -> None:
        self.table.action_cursor_up()
