"""JSON tab: the customer object as the API sent it, highlighted.

JSON already writes C0 controls as \\u001b; what it leaves raw (DEL, C1, bidi and other
format characters) is made inert (`vtui.changes.inert`) before it reaches the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from vtui.changes.inert import inert
from vtui.tui import bindings

if TYPE_CHECKING:
    from vtui.api import Customer


class JsonTab(VerticalScroll):
    """Highlights only once first shown: opening a customer should not pay for it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.SCROLL)

    def __init__(self, customer: Customer | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.customer = customer
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield Static(id="json-body")

    def reveal(self) -> None:
        if not self.revealed:
            self.revealed = True
            if self.customer is not None:
                self.show(self.customer)

    def show(self, customer: Customer) -> None:
        self.customer = customer
        if not self.revealed:
            return
        # Loaded when the tab is first shown (rich.syntax brings pygments, ~40 ms): opening
        # a customer does not pay for a tab it may never show.
        from rich.syntax import Syntax

        # The client's model dumps back to the wire form (aliases, only fields it was sent).
        text = customer.model_dump_json(indent=2, by_alias=True, exclude_unset=True)
        # Line by line: JSON's own newlines stay (a string holds none raw; JSON escapes them).
        text = "\n".join(inert(line) for line in text.split("\n"))
        self.query_one("#json-body", Static).update(
            Syntax(text, "json", theme="ansi_dark", word_wrap=True, background_color="default")
        )
