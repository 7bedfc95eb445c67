"""Jump (`:`): open a customer by id, source_id or email.

An email goes through the list's email filter (several matches give a pick list); anything
else is looked up by id or source_id, and an email-shaped source_id is tried that way too.
What it shows (the typed text, the API's error) is inert and never read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context

if TYPE_CHECKING:
    from collections.abc import Callable

    from vtui.api import Customer

PICK_LIMIT = 20


class JumpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.JUMP)

    def compose(self) -> ComposeResult:
        with Vertical(id="jump-box"):
            yield Label("Jump to a customer: id, source_id or email")
            yield Input(placeholder="cust_…, crm-42 or jane@example.com", id="jump-input")
            yield Label("", id="jump-result")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        self.query_one("#jump-result", Label).update(Text(f"Looking up {inert(text)}…"))
        # Keys typed after enter wait for the customer's screen (or the answer), in order.
        self._look_up(text, context(self).hold_keys())

    @work(group="jump", exclusive=True)
    async def _look_up(self, text: str, release: Callable[[], None]) -> None:
        try:
            await self._find(text)
        finally:
            release()

    async def _find(self, text: str) -> None:
        from vtui.api import NotFoundError, VoucherifyError

        client = await context(self).wait_client()
        result = self.query_one("#jump-result", Label)
        try:
            if "@" in text:
                page = await client.customers.list(email=text, limit=PICK_LIMIT)
                matches: list[Customer] = list(page.customers)
                if len(matches) == 1:
                    self._open(matches[0])
                    return
                if len(matches) > 1:
                    self._pick(text, matches, page.total)
                    return
            customer = await client.customers.get(text)
        except NotFoundError:
            result.update(Text(f"No customer has the id, source_id or email '{inert(text)}'."))
            return
        except VoucherifyError as error:
            result.update(Text(inert(str(error))))
            return
        self._open(customer)

    def _open(self, customer: Customer) -> None:
        from vtui.tui.screens.customer_detail import CustomerDetailScreen

        self.dismiss()
        self.app.push_screen(CustomerDetailScreen(customer.id, customer))

    def _pick(self, text: str, matches: list[Customer], total: int | None) -> None:
        from vtui.tui.screens.pick_customer import PickCustomerScreen

        self.dismiss()
        self.app.push_screen(PickCustomerScreen(text, matches, total))

    def action_dismiss_jump(self) -> None:
        self.dismiss()
