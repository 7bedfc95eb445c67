"""A pick list for a jump that matched several customers (one email, many people).

The rows are the list's (inert cells); the typed text is shown inert and never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.widgets.customer_table import CustomerTable
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.api import Customer


class PickCustomerScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.PICK)

    def __init__(self, text: str, matches: list[Customer], total: int | None) -> None:
        super().__init__()
        self.text = text
        self.matches = {c.id: c for c in matches}
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            shown = len(self.matches)
            more = (
                f" (showing {shown} of {self.total})" if self.total and self.total > shown else ""
            )
            verb = "matches" if shown == 1 else "match"
            yield Label(
                Text(
                    f"{plural(shown, 'customer')} {verb} '{inert(self.text)}'{more}: "
                    "enter opens one"
                )
            )
            yield CustomerTable(id="pick-table")

    def on_mount(self) -> None:
        table = self.query_one(CustomerTable)
        table.add_customers(self.matches.values())
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        customer = self.matches.get(key) if key is not None else None
        if customer is None:
            return
        from vtui.tui.screens.customer_detail import CustomerDetailScreen

        self.dismiss()
        self.app.push_screen(CustomerDetailScreen(customer.id, customer))

    def action_dismiss_pick(self) -> None:
        self.dismiss()
