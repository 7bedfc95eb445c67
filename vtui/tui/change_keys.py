"""The change keys of the list and the detail (n e E ctrl+d D space m i a x u) as mixins.

The screens only inherit these and list the bindings; the flows live in their own screens
and in `vtui.changes`. In read-only mode `check_change_action` hides every change key, so
the key falls through to the app, which says why it is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App

    from vtui.api import Customer
    from vtui.tui.app import VtuiApp
    from vtui.tui.screens.customer_detail import CustomerDetailScreen
    from vtui.tui.screens.customer_list import CustomerListScreen

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
        "undo",
    }
)

_EDIT = [
    Binding("e", "edit_customer", "Edit", id="change.edit", tooltip="Edit in the form"),
    Binding(
        "E", "edit_json", "Edit JSON", id="change.edit_json", show=False, tooltip="Edit in $EDITOR"
    ),
    Binding("ctrl+d", "delete_customer", "Delete", id="change.delete", tooltip="Delete (confirm)"),
    Binding(
        "D",
        "delete_permanently",
        "Delete forever",
        id="change.delete_forever",
        show=False,
        tooltip="Delete permanently (type to confirm; cannot be undone)",
    ),
]
_UNDO = Binding("u", "undo", "Undo", id="change.undo", tooltip="Undo the last change from vtui")

LIST_BINDINGS = [
    Binding("n", "new_customer", "New", id="change.new", tooltip="New customer"),
    *_EDIT,
    Binding("space", "mark", "Mark", id="change.mark", show=False, tooltip="Mark this row"),
    Binding(
        "m",
        "metadata",
        "Metadata",
        id="change.metadata",
        show=False,
        tooltip="Metadata for the marked rows",
    ),
    Binding("i", "import_file", "Import", id="change.import", tooltip="Import CSV / bulk update"),
    Binding("a", "async_actions", "Jobs", id="change.jobs", tooltip="Async actions (jobs)"),
    Binding("x", "export", "Export", id="change.export", tooltip="Export the filtered list"),
    _UNDO,
]
DETAIL_BINDINGS = [*_EDIT, _UNDO]


def label(customer: Customer) -> str:
    return customer.name or customer.email or customer.source_id or customer.id


class ChangeKeys:
    """Shared by both mixins: read-only, delete confirmations, undo."""

    @property
    def vtui(self) -> VtuiApp:
        return self.app  # type: ignore[return-value]

    def check_change_action(self, action: str) -> bool | None:
        """False hides a change key in read-only mode (the app then refuses it, saying why)."""
        return not (action in WRITE_ACTIONS and self.vtui.read_only)

    def target(self) -> Customer | None:
        raise NotImplementedError

    def customer_saved(self, customer: Customer) -> None:
        raise NotImplementedError

    def customer_deleted(self, customer: Customer) -> None:
        raise NotImplementedError

    def after_undo(self) -> None:
        raise NotImplementedError

    if TYPE_CHECKING:  # provided by Screen; declared only for the type checker
        app: App[Any]

        def run_worker(self, *args: Any, **kwargs: Any) -> Any: ...

        def notify(self, *args: Any, **kwargs: Any) -> None: ...

    def action_edit_customer(self) -> None:
        customer = self.target()
        if customer is None or not self.vtui.guard_write("editing customers"):
            return
        from vtui.tui.screens.customer_form import CustomerFormScreen

        def done(saved: Customer | None) -> None:
            if saved is not None:
                self.customer_saved(saved)

        self.vtui.push_screen(CustomerFormScreen(customer), done)

    def action_edit_json(self) -> None:
        customer = self.target()
        if customer is None or not self.vtui.guard_write("editing customers"):
            return
        from vtui.tui.json_edit import edit_in_editor

        self.run_worker(
            edit_in_editor(self.vtui, customer, self.customer_saved),
            group="edit-json",
            exclusive=True,
        )

    def action_delete_customer(self) -> None:
        customer = self.target()
        if customer is None or not self.vtui.guard_write("deleting customers"):
            return
        from vtui.tui.screens.confirm import ConfirmScreen

        body = Text()
        body.append(label(customer), style="bold")
        body.append(f"\n{customer.id} · source_id {customer.source_id or '—'}\n\n")
        body.append("The customer and their activity, orders and segment memberships go. ")
        body.append("u can re-create the customer from the journal, with a new id.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._delete(customer, False), group="delete", exclusive=True)

        self.vtui.push_screen(ConfirmScreen("Delete this customer?", body), answered)

    def action_delete_permanently(self) -> None:
        customer = self.target()
        if customer is None or not self.vtui.guard_write("deleting customers"):
            return
        accepted = [a for a in (customer.source_id, customer.email) if a]
        if not accepted:
            self.notify(
                "This customer has no source_id or email to type; use ctrl+d instead.",
                severity="warning",
            )
            return
        from vtui.tui.screens.confirm import TypeToConfirmScreen

        what = " or ".join(
            f"the {name} ({value})"
            for name, value in (("source_id", customer.source_id), ("email", customer.email))
            if value
        )
        body = Text()
        body.append(label(customer), style="bold")
        body.append(f"\n{customer.id}\n\n")
        body.append("This cannot be undone. ", style="bold red")
        body.append("Voucherify forgets the customer and all their data; vtui's undo cannot ")
        body.append("bring it back.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._delete(customer, True), group="delete", exclusive=True)

        self.vtui.push_screen(
            TypeToConfirmScreen("Delete permanently?", body, accepted, what), answered
        )

    async def _delete(self, customer: Customer, permanently: bool) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.journal import JournalError
        from vtui.tui.job_board import changes_of

        changes = changes_of(self.vtui)
        try:
            if permanently:
                await changes.delete_permanently(customer)
            else:
                await changes.delete(customer)
        except (VoucherifyError, JournalError) as error:
            self.notify(str(error), title="Not deleted", severity="error")
            return
        finally:
            self.vtui.note_request()
        how = "permanently" if permanently else "(u undoes)"
        self.notify(f"Deleted {label(customer)} {how}", timeout=4)
        self.customer_deleted(customer)

    def action_undo(self) -> None:
        if not self.vtui.guard_write("undo"):
            return
        self.run_worker(self._undo(), group="undo", exclusive=True)

    async def _undo(self) -> None:
        await undo_last_change(self.vtui, self.after_undo)


async def undo_last_change(app: VtuiApp, after: Callable[[], None] | None) -> None:
    """Undo the journal's last change, say what happened, then run `after` (refresh views)."""
    from vtui.api import VoucherifyError
    from vtui.changes.journal import JournalError
    from vtui.changes.writes import UndoRefused
    from vtui.tui.job_board import changes_of

    try:
        result = await changes_of(app).undo_last()
    except UndoRefused as refused:
        app.notify(str(refused), title="Undo", severity="warning")
        return
    except (VoucherifyError, JournalError) as error:
        app.notify(f"Undo failed: {error}", title="Undo", severity="error")
        return
    finally:
        app.note_request()
    app.notify(result.message, title="Undo", timeout=8)
    if after is not None:
        after()


def undo_target(app: VtuiApp) -> Callable[[], None] | None:
    """The refresh after an undo started from a screen without its own `u`: the topmost
    list or detail screen under it reloads what the undo changed."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ChangeKeys):
            return screen.after_undo
    return None


def list_screen(app: VtuiApp) -> CustomerListScreen | None:
    from vtui.tui.screens.customer_list import CustomerListScreen

    for screen in app.screen_stack:
        if isinstance(screen, CustomerListScreen):
            return screen
    return None


def replace_row(screen: CustomerListScreen, customer: Customer) -> None:
    """Show a changed customer in place (no request)."""
    from vtui.tui.widgets.customer_table import COLUMNS, customer_cells

    if customer.id not in screen.customers:
        return
    screen.customers[customer.id] = customer
    table = screen.query_one("#customers")
    cells = customer_cells(customer)
    keys = [key for key, *_ in COLUMNS] + ["created"]
    marked = customer.id in marks(screen)
    for key, cell in zip(keys, cells, strict=True):
        shown: object = cell
        if key == "name" and marked:
            shown = Text("● ", style="bold magenta") + cell.plain
        table.update_cell(customer.id, key, shown)  # type: ignore[attr-defined]


def remove_row(screen: CustomerListScreen, customer_id: str) -> None:
    """Drop a deleted customer from the list (no request)."""
    if customer_id not in screen.customers:
        return
    del screen.customers[customer_id]
    marks(screen).discard(customer_id)
    table = screen.query_one("#customers")
    table.remove_row(customer_id)  # type: ignore[attr-defined]
    cursor = screen.cursor
    if cursor is not None and cursor.total is not None:
        cursor.total = max(0, cursor.total - 1)
    screen._paint_count()


def add_row_on_top(screen: CustomerListScreen, customer: Customer) -> None:
    """Put a new customer first (no request): the rows are rebuilt from memory."""
    from vtui.tui.widgets.customer_table import CustomerTable

    table = screen.query_one(CustomerTable)
    order = [str(key.value) for key in table.rows]
    screen.customers[customer.id] = customer
    table.clear()
    table.add_customers([customer] + [screen.customers[k] for k in order if k in screen.customers])
    table.move_cursor(row=0)
    cursor = screen.cursor
    if cursor is not None and cursor.total is not None:
        cursor.total += 1
    screen.query_one("#list-state").display = False
    screen._paint_count()


def marks(screen: Any) -> set[str]:
    marked: set[str] | None = getattr(screen, "_marked_ids", None)
    if marked is None:
        marked = set()
        screen._marked_ids = marked
    return marked


class ListChanges(ChangeKeys):
    """Mixed into CustomerListScreen."""

    if TYPE_CHECKING:  # provided by CustomerListScreen

        def highlighted(self) -> Customer | None: ...

        def reload(self) -> None: ...

    def target(self) -> Customer | None:
        customer = self.highlighted()
        if customer is None:
            self.notify("No customer is highlighted.", severity="warning")
        return customer

    def _me(self) -> CustomerListScreen:
        return self  # type: ignore[return-value]

    def customer_saved(self, customer: Customer) -> None:
        replace_row(self._me(), customer)

    def customer_deleted(self, customer: Customer) -> None:
        remove_row(self._me(), customer.id)

    def after_undo(self) -> None:
        self.reload()

    def action_new_customer(self) -> None:
        if not self.vtui.guard_write("creating customers"):
            return
        from vtui.tui.screens.customer_form import CustomerFormScreen

        def done(saved: Customer | None) -> None:
            if saved is None:
                return
            if saved.id in self._me().customers:
                replace_row(self._me(), saved)  # an upsert of a customer already listed
            else:
                add_row_on_top(self._me(), saved)

        self.vtui.push_screen(CustomerFormScreen(None), done)

    def action_mark(self) -> None:
        if not self.vtui.guard_write("marking customers for a change"):
            return
        customer = self.highlighted()
        if customer is None:
            return
        marked = marks(self)
        if customer.id in marked:
            marked.discard(customer.id)
        else:
            marked.add(customer.id)
        replace_row(self._me(), customer)
        self.notify(f"{len(marked)} marked · m sets their metadata", timeout=2)
        table = self._me().query_one("#customers")
        table.action_cursor_down()  # type: ignore[attr-defined]

    def action_metadata(self) -> None:
        if not self.vtui.guard_write("setting metadata"):
            return
        screen = self._me()
        chosen = [screen.customers[i] for i in marks(self) if i in screen.customers]
        if not chosen:
            current = self.highlighted()
            chosen = [current] if current is not None else []
        if not chosen:
            self.notify("Mark customers with space first.", severity="warning")
            return
        from vtui.tui.screens.metadata_bulk import MetadataBulkScreen

        self.vtui.push_screen(MetadataBulkScreen(chosen))

    def action_import_file(self) -> None:
        if not self.vtui.guard_write("importing"):
            return
        from vtui.tui.screens.import_file import ImportFileScreen

        self.vtui.push_screen(ImportFileScreen())

    def action_async_actions(self) -> None:
        from vtui.tui.screens.async_actions import AsyncActionsScreen

        self.vtui.push_screen(AsyncActionsScreen())

    def action_export(self) -> None:
        from vtui.tui.screens.export_dialog import ExportScreen

        query = self._me().query_state
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        self.vtui.push_screen(
            ExportScreen(query.api_filters(), query.describe(), f"customers-{stamp}.csv")
        )


class DetailChanges(ChangeKeys):
    """Mixed into CustomerDetailScreen."""

    customer: Customer

    def _me(self) -> CustomerDetailScreen:
        return self  # type: ignore[return-value]

    def target(self) -> Customer | None:
        return self.customer

    def customer_saved(self, customer: Customer) -> None:
        from vtui.tui.widgets.detail.overview import OverviewTab
        from vtui.tui.widgets.detail.raw_json import JsonTab

        me = self._me()
        me.customer = customer
        me._paint_header()
        me.query_one(OverviewTab).show(customer)
        for json_tab in me.query(JsonTab):  # built only once visited
            json_tab.show(customer)
        listed = list_screen(self.vtui)
        if listed is not None:
            replace_row(listed, customer)

    def customer_deleted(self, customer: Customer) -> None:
        listed = list_screen(self.vtui)
        if listed is not None:
            remove_row(listed, customer.id)
        self.vtui.pop_screen()

    def after_undo(self) -> None:
        listed = list_screen(self.vtui)
        if listed is not None:
            listed.reload()
        self.run_worker(self._reload_customer(), group="customer", exclusive=True)

    async def _reload_customer(self) -> None:
        from vtui.api import NotFoundError, VoucherifyError

        try:
            customer = await self.vtui.client.customers.get(self.customer.id)
        except NotFoundError:
            self.notify("This customer no longer exists; back to the list.", timeout=4)
            self.vtui.pop_screen()
            return
        except VoucherifyError as error:
            self.notify(str(error), severity="error")
            return
        finally:
            self.vtui.note_request()
        self.customer_saved(customer)
