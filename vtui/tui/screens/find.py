"""Find as you type (`f` on the list): a line to type in, the best matches under it.

Over the list (which stays as it was underneath): every keystroke searches the loaded rows
(vtui.tui.fuzzy, through the list's FindKeeper) and redraws only the lines on screen. Rows
the list loads while this is open (its pages, or "load the rest") join the matches as they
arrive. `enter` opens the highlighted customer the way the list does; `esc` stops a load
first, then closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from vtui.tui import bindings
from vtui.tui.widgets.find_results import FindResults, FindStatus
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.tui.fuzzy import FindResult
    from vtui.tui.list_find import FindOnList

SYNC_EVERY = 0.1
"""Seconds between looks for rows the list loaded meanwhile."""


class FindScreen(ModalScreen[None]):
    """Find among the list's loaded customers; `ctrl+l` loads the rest of them first."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.FIND)

    def __init__(self, customers: FindOnList) -> None:
        super().__init__()
        self.customers = customers
        self.version = -1
        self.result: FindResult | None = None
        self._loading_shown = False
        self._error_shown: str | None = None
        self._offers_rest: bool | None = None  # whether the key line offers "load the rest"

    def compose(self) -> ComposeResult:
        with Vertical(id="find-box"):
            yield Input(placeholder="name, email, source_id or city", id="find-input")
            yield FindResults(id="find-results")
            yield FindStatus(id="find-status")
            yield Static(id="find-keys")

    def on_mount(self) -> None:
        self.query_one("#find-box").border_title = "Find among the loaded customers"
        self.query_one(Input).focus()
        self._search()
        self.set_interval(SYNC_EVERY, self._catch_up)

    def _paint_keys(self) -> None:
        """The key line; "load the rest" only while there is a rest to load."""
        cursor = self.customers.cursor
        offers_rest = cursor is None or cursor.has_more
        if offers_rest != self._offers_rest:
            self._offers_rest = offers_rest
            self.query_one("#find-keys", Static).update(self._keys_text())

    def _keys_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        keys: dict[str, str] = {}
        for binding in self._own_bindings():  # one per key: the first key of each action
            keys.setdefault(binding.action, self.app.get_key_display(binding))
        shown = [(keys.get("open", "enter"), "open")]
        shown.append((keys.get("move(-1)", "up") + keys.get("move(1)", "down"), "move"))
        if self.customers.cursor is None or self.customers.cursor.has_more:
            shown.append((keys.get("load_rest", "ctrl+l"), "load the rest"))
        shown.append((keys.get("close", "esc"), "close"))
        for key, what in shown:
            if text:
                text.append("  ")
            text.append(key, style="bold")
            text.append(f" {what}")
        return text

    # -- searching ---------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search()

    def _catch_up(self) -> None:
        """Search again when the list's rows changed since the last search."""
        if self.customers.finder().version != self.version:
            results = self.query_one(FindResults)
            self._search(keep=results.highlighted)
        elif (
            self.customers.loading_rest() is not None
            or self._loading_shown
            or self.customers.error != self._error_shown  # a page failed (or was retried)
        ):
            self._paint_status()

    def _search(self, keep: str | None = None) -> None:
        keeper = self.customers.finder()
        self.version = keeper.version
        self.result = keeper.index.search(self.query_one(Input).value)
        self.query_one(FindResults).show(self.result, keeper.rows, keep)
        self._paint_status(len(keeper.index))

    def _paint_status(self, loaded: int | None = None) -> None:
        result = self.result
        if loaded is None:
            loaded = len(self.customers.finder().index)
        cursor = self.customers.cursor
        total = cursor.total if cursor is not None else None
        text = Text(no_wrap=True, overflow="ellipsis")
        if result is not None and result.words:
            text.append(plural(result.total, "match", "matches"), style="bold")
            text.append(" · ")
        loading = self.customers.loading_rest()
        self._loading_shown = loading is not None
        self._error_shown = self.customers.error
        if loading is not None:
            done, whole = loading
            text.append(f"loading… {done:,} of {whole:,}" if whole else f"loading… {done:,}")
            text.append(f" · {self._key_of('close')} stops")
        elif cursor is None:
            text.append("Loading customers…")
        elif cursor.capped:
            text.append(f"{loaded:,} of {total or loaded:,} customers loaded")
            text.append(" (the API pages this order only to page 99)")
        elif total is not None and cursor.has_more:
            text.append(f"{loaded:,} of {total:,} customers loaded · ")
            key = self._key_of("load_rest")
            failed = self.customers.error is not None
            text.append(
                f"next page failed: {key} tries again" if failed else f"{key} loads the rest",
                style="bold",
            )
        else:
            text.append(f"in all {plural(loaded, 'customer')} of the list")
        self.query_one(FindStatus).show(text)
        self._paint_keys()

    def _own_bindings(self) -> list[Binding]:
        """This screen's bindings as they are now (remapped keys included)."""
        own = {binding.id for binding in bindings.FIND}
        return [binding for _, binding in self._bindings if binding.id in own]

    def _key_of(self, action: str) -> str:
        for binding in self._own_bindings():
            if binding.action == action:
                return self.app.get_key_display(binding)
        return action

    # -- keys --------------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.query_one(FindResults).move(delta)

    def action_page(self, delta: int) -> None:
        results = self.query_one(FindResults)
        results.move(delta * max(1, results.size.height - 1))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        found = self.query_one(FindResults).highlighted
        if found is None:
            return
        self.dismiss()
        self.customers.open_found(found)

    def action_close(self) -> None:
        if self.customers.loading_rest() is not None:
            self.customers.stop_loading_rest()  # the rows loaded so far stay
            self._paint_status()
            return
        self.dismiss()

    def action_load_rest(self) -> None:
        if self.customers.load_rest():
            self._paint_status()
