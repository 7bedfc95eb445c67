"""The change keys shared by the list and the detail (e E ctrl+d D): each opens its flow.

The flows say what they changed with messages (`CustomerSaved`, `CustomerDeleted`), so the
screens that show that customer update themselves; nothing here reaches into a screen. In
read-only mode `check_change_action` hides these keys, and the app says why they are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

from vtui.changes.inert import inert
from vtui.tui.context import context, guard_write
from vtui.tui.keymap import key_in_words
from vtui.tui.words import label

if TYPE_CHECKING:
    from textual.app import App

    from vtui.api import Customer

WRITE_ACTIONS = frozenset(
    {
        "new_customer",
        "edit_customer",
        "edit_json",
        "delete_customer",
        "delete_permanently",
        "mark",
        "metadata",
        "import_file",
    }
)


class CustomerActions:
    """Mixed into a screen that has one customer in view (`target_id`)."""

    if TYPE_CHECKING:  # provided by Screen
        app: App[Any]

        def run_worker(self, *args: Any, **kwargs: Any) -> Any: ...

        def notify(self, *args: Any, **kwargs: Any) -> None: ...

    def target_id(self) -> str | None:
        """The id of the customer the change keys act on (the highlighted row, the open one)."""
        return None

    def known_customer(self) -> Customer | None:
        """The customer as this screen read it, if it holds one (the list holds only rows)."""
        return None

    def check_change_action(self, action: str) -> bool | None:
        """False hides a change key in read-only mode (the app then refuses it, saying why)."""
        return not (action in WRITE_ACTIONS and context(self.app).read_only)

    def _then(self, what: str, flow: Callable[[Customer], Any]) -> None:
        """Run `flow` on the target customer: the one on screen, or read from the API (the
        list keeps no models; a change starts from the server's state anyway)."""
        customer_id = self.target_id()
        if customer_id is None:
            self.notify("No customer is highlighted.", severity="warning")
            return
        if not guard_write(self.app, what):
            return
        known = self.known_customer()
        if known is not None:
            flow(known)
            return

        async def read_then() -> None:
            from vtui.api import VoucherifyError

            try:
                client = await context(self.app).wait_client()
                customer = await client.customers.get(customer_id)
            except VoucherifyError as error:
                self.app.notify(
                    inert(str(error)), title="Could not read the customer", severity="error"
                )
                return
            flow(customer)

        self.app.run_worker(read_then(), group="target-read", exclusive=True)

    def action_edit_customer(self) -> None:
        def flow(customer: Customer) -> None:
            from vtui.tui.screens.customer_form import CustomerFormScreen

            self.app.push_screen(CustomerFormScreen(customer))

        self._then("editing customers", flow)

    def action_edit_json(self) -> None:
        def flow(customer: Customer) -> None:
            from vtui.tui.json_edit import edit_in_editor

            self.app.run_worker(
                edit_in_editor(self.app, customer),
                group="edit-json",
                exclusive=True,
            )

        self._then("editing customers", flow)

    def action_delete_customer(self) -> None:
        self._then("deleting customers", self._confirm_delete)

    def _confirm_delete(self, customer: Customer) -> None:
        from vtui.tui.screens.confirm import ConfirmScreen

        body = Text()
        body.append(label(customer), style="bold")
        body.append(f"\n{inert(customer.id)} · source_id {inert(customer.source_id or '—')}\n\n")
        body.append("The customer and their activity, orders and segment memberships go. ")
        body.append("Undo (u) re-creates the customer from the journal, with a new id.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_worker(
                    delete(self.app, customer, permanently=False),
                    group="delete",
                    exclusive=True,
                )

        self.app.push_screen(ConfirmScreen("Delete this customer?", body), answered)

    def action_delete_permanently(self) -> None:
        self._then("deleting customers", self._confirm_delete_permanently)

    def _confirm_delete_permanently(self, customer: Customer) -> None:
        accepted = [a for a in (customer.source_id, customer.email) if a]
        if not accepted:
            self.notify(
                f"This customer has no source_id or email to type; use "
                f"{key_in_words(self.app, 'delete', 'ctrl+d')} instead.",
                severity="warning",
            )
            return
        from vtui.tui.screens.confirm import TypeToConfirmScreen

        what = " or ".join(
            f"the {name} ({inert(value)})"
            for name, value in (("source_id", customer.source_id), ("email", customer.email))
            if value
        )
        body = Text()
        body.append(label(customer), style="bold")
        body.append(f"\n{inert(customer.id)}\n\n")
        body.append("This cannot be undone. ", style="bold red")
        body.append("Voucherify forgets the customer and all their data; vtui's undo cannot ")
        body.append("bring it back.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_worker(
                    delete(self.app, customer, permanently=True),
                    group="delete",
                    exclusive=True,
                )

        self.app.push_screen(
            TypeToConfirmScreen("Delete permanently?", body, accepted, what), answered
        )


async def delete(app: App[Any], customer: Customer, *, permanently: bool) -> None:
    from vtui.api import VoucherifyError
    from vtui.changes.journal import JournalError
    from vtui.tui.messages import CustomerDeleted

    changes = context(app).changes()
    try:
        if permanently:
            await changes.delete_permanently(customer)
        else:
            await changes.delete(customer)
    except (VoucherifyError, JournalError) as error:
        app.notify(inert(str(error)), title="Not deleted", severity="error", markup=False)
        return
    how = "permanently" if permanently else "(u to undo)"
    app.notify(f"Deleted {label(customer)} {how}", timeout=4, markup=False)
    app.post_message(CustomerDeleted(customer.id))
