"""One customer: a header and five tabs (Overview, Activity, Redeemables, Segments, JSON).

Overview and JSON paint from the customer in hand (or read it first, when opened from a row
the session has not read yet); the other tabs load on first visit and stay until `r`. Escape
pops this screen, so the list underneath is exactly as it was left, with no request.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TabbedContent, TabPane

from vtui.changes.inert import inert
from vtui.tui import bindings, when
from vtui.tui.context import context
from vtui.tui.customer_actions import CustomerActions
from vtui.tui.messages import ChangeUndone, CustomerDeleted, CustomerSaved
from vtui.tui.widgets.detail.activity import ActivityTab
from vtui.tui.widgets.detail.overview import OverviewTab
from vtui.tui.widgets.detail.raw_json import JsonTab
from vtui.tui.widgets.detail.redeemables import RedeemablesTab
from vtui.tui.widgets.detail.segments import SegmentsTab
from vtui.tui.widgets.detail.tab import DetailTab
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.rendered_once import RenderedOnce
from vtui.tui.widgets.status_bar import StatusBar
from vtui.tui.words import label

if TYPE_CHECKING:
    from vtui.api import Customer

TABS: tuple[tuple[str, str], ...] = (
    ("overview", "1 Overview"),
    ("activity", "2 Activity"),
    ("redeemables", "3 Redeemables"),
    ("segments", "4 Segments"),
    ("json", "5 JSON"),
)


class CustomerDetailScreen(CustomerActions, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.DETAIL)

    def __init__(
        self,
        customer_id: str,
        customer: Customer | None = None,
        reading: asyncio.Future[Customer] | None = None,
    ) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer = customer
        self.reading = reading
        """The customer's read, started by the opener (the list) so it runs while this
        screen is built; None: the screen reads it itself."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header")
        with TabbedContent(initial="overview", id="detail-tabs"):
            with TabPane(TABS[0][1], id="overview"):
                yield OverviewTab(self.customer, id="tab-overview")
            # The other tabs' widgets are built on first visit (see `_tab_body`): opening
            # a customer only pays for the Overview.
            for tab_id, tab_label in TABS[1:]:
                yield TabPane(tab_label, id=tab_id)
        yield StatusBar(id="status-bar")
        yield KeyBar(id="key-bar")

    def _tab_body(self, tab_id: str) -> Widget:
        if tab_id == "activity":
            return ActivityTab(self.customer_id, id="tab-activity")
        if tab_id == "redeemables":
            return RedeemablesTab(self.customer_id, id="tab-redeemables")
        if tab_id == "segments":
            return SegmentsTab(self.customer_id, id="tab-segments")
        if tab_id == "json":
            return JsonTab(self.customer, id="tab-json")
        raise ValueError(f"no lazy tab {tab_id}")

    def on_mount(self) -> None:
        self.query_one(OverviewTab).focus()
        if self.customer is None:
            self.query_one("#detail-header", Static).update(Text(f"Loading {self.customer_id}…"))
            self._read(notify=False)
        else:
            self._paint_header()

    def _paint_header(self) -> None:
        """Name, email, ids and dates; every value from the API inert (`label` is)."""
        c = self.customer
        if c is None:
            return
        now = context(self).now()
        title = Text(label(c), style="bold", no_wrap=True, overflow="ellipsis")  # one line
        if c.email and c.name:
            title.append("  ")
            title.append(f"<{inert(c.email)}>", style="not bold")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        ids = Text(inert(c.id))
        ids.append("  ")
        ids.append("source_id", style="dim")
        ids.append(" " + inert(c.source_id or "—"))
        grid.add_row("id", ids)
        grid.add_row("created", when.both(c.created_at, now))
        grid.add_row("updated", when.both(c.updated_at, now))
        header = RenderedOnce(Group(title, grid))  # measured and painted at one width
        self.query_one("#detail-header", Static).update(header)

    def show(self, customer: Customer) -> None:
        """Paint `customer` (read again, or saved from vtui) in the header, Overview and JSON."""
        self.customer = customer
        self.customer_id = customer.id
        self._paint_header()
        self.query_one(OverviewTab).show(customer)
        for json_tab in self.query(JsonTab):  # built only once visited
            json_tab.show(customer)

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "overview"

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if pane is None or pane.id is None:
            return
        if not pane.children:
            await pane.mount(self._tab_body(pane.id))
        for tab in pane.query(DetailTab):
            tab.ensure_loaded()
        for json_tab in pane.query(JsonTab):
            json_tab.reveal()
        self._focus_tab(pane)

    def _focus_tab(self, pane: TabPane) -> None:
        """Keys scroll the tab in view at once: its scrolled body (or table) takes the focus."""
        if isinstance(self.focused, Input | Select) and pane in self.focused.ancestors:
            return
        for body in pane.query("OverviewTab, JsonTab, DataTable"):
            body.focus()
            return

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, step: int) -> None:
        ids = [tab_id for tab_id, _ in TABS]
        index = (ids.index(self.active_tab) + step) % len(ids)
        self.action_show_tab(ids[index])

    def action_show_tab(self, tab_id: str) -> None:
        self.query_one(TabbedContent).active = tab_id

    def action_refresh(self) -> None:
        tab_id = self.active_tab
        if tab_id in ("overview", "json"):
            self._read(notify=True)
            return
        for tab in self.query_one(f"#{tab_id}", TabPane).query(DetailTab):
            tab.reload()

    @work(group="customer", exclusive=True)
    async def _read(self, notify: bool) -> None:
        from vtui.api import NotFoundError, VoucherifyError

        reading, self.reading = self.reading, None
        try:
            if reading is not None:
                customer = await reading
            else:
                client = await context(self).wait_client()
                customer = await client.customers.get(self.customer_id)
        except NotFoundError:
            self.notify("This customer no longer exists; back to the list.", timeout=4)
            self.dismiss()
            return
        except VoucherifyError as error:
            self.notify(str(error), title="Could not read the customer", severity="error")
            return
        self.show(customer)
        if notify:
            self.notify("Customer reloaded", timeout=2)

    # -- what other screens changed -----------------------------------------------------------

    def on_customer_saved(self, message: CustomerSaved) -> None:
        if message.customer.id == self.customer_id:
            self.show(message.customer)

    def on_customer_deleted(self, message: CustomerDeleted) -> None:
        if message.customer_id == self.customer_id and self.is_current:
            self.dismiss()

    def on_change_undone(self, message: ChangeUndone) -> None:
        if not message.customer_ids or self.customer_id in message.customer_ids:
            self._read(notify=False)

    def target_customer(self) -> Customer | None:
        return self.customer

    def target_id(self) -> str | None:
        return self.customer.id if self.customer is not None else None

    def known_customer(self) -> Customer | None:
        return self.customer

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.customer_id)
        self.notify(f"Copied {self.customer_id}", timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.check_change_action(action)
