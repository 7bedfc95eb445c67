"""One customer: a header and five tabs (Overview, Activity, Redeemables, Segments, JSON).

Overview and JSON paint from the customer already in hand; the other tabs load on first
visit and stay cached until `r`. Escape pops this screen, so the list underneath is exactly
as it was left, with no request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane

from vtui.tui import when
from vtui.tui.change_keys import DETAIL_BINDINGS, DetailChanges
from vtui.tui.widgets.detail.activity import ActivityTab
from vtui.tui.widgets.detail.overview import OverviewTab
from vtui.tui.widgets.detail.raw_json import JsonTab
from vtui.tui.widgets.detail.redeemables import RedeemablesTab
from vtui.tui.widgets.detail.segments import SegmentsTab
from vtui.tui.widgets.detail.tab import DetailTab
from vtui.tui.widgets.late_footer import mount_footer_after_paint
from vtui.tui.widgets.rendered_once import RenderedOnce
from vtui.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from vtui.api import Customer
    from vtui.tui.app import VtuiApp

TABS: tuple[tuple[str, str], ...] = (
    ("overview", "1 Overview"),
    ("activity", "2 Activity"),
    ("redeemables", "3 Redeemables"),
    ("segments", "4 Segments"),
    ("json", "5 JSON"),
)


class CustomerDetailScreen(DetailChanges, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="detail.back", tooltip="Back to the list"),
        Binding("left_square_bracket", "tab(-1)", "Prev", id="detail.prev"),
        Binding("right_square_bracket", "tab(1)", "Next", id="detail.next"),
        Binding("1", "show_tab('overview')", "Overview", show=False),
        Binding("2", "show_tab('activity')", "Activity", show=False),
        Binding("3", "show_tab('redeemables')", "Redeemables", show=False),
        Binding("4", "show_tab('segments')", "Segments", show=False),
        Binding("5", "show_tab('json')", "JSON", show=False),
        Binding("r", "refresh", "Refresh", id="detail.refresh", tooltip="Reload this tab"),
        Binding("y", "copy_id", "Copy", id="detail.copy", tooltip="Copy the customer id (OSC 52)"),
        *DETAIL_BINDINGS,
    ]

    def __init__(self, customer: Customer) -> None:
        super().__init__()
        self.customer = customer

    @property
    def vtui(self) -> VtuiApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header")
        with TabbedContent(initial="overview", id="detail-tabs"):
            with TabPane(TABS[0][1], id="overview"):
                yield OverviewTab(self.customer, id="tab-overview")
            # The other tabs' widgets are built on first visit (see `_tab_body`): opening
            # a customer only pays for the Overview.
            for tab_id, label in TABS[1:]:
                yield TabPane(label, id=tab_id)
        yield StatusBar(id="status-bar")

    def _tab_body(self, tab_id: str) -> Widget:
        if tab_id == "activity":
            return ActivityTab(self.customer, id="tab-activity")
        if tab_id == "redeemables":
            return RedeemablesTab(self.customer, id="tab-redeemables")
        if tab_id == "segments":
            return SegmentsTab(self.customer, id="tab-segments")
        if tab_id == "json":
            return JsonTab(self.customer, id="tab-json")
        raise ValueError(f"no lazy tab {tab_id}")

    def on_mount(self) -> None:
        self._paint_header()
        mount_footer_after_paint(self)

    def _paint_header(self) -> None:
        c = self.customer
        now = self.vtui.now()
        title = Text(c.name or c.email or c.source_id or c.id, style="bold")
        if c.email and c.name:
            title.append(f"  <{c.email}>", style="not bold")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        ids = Text(c.id)
        ids.append("  source_id ", style="dim")
        ids.append(c.source_id or "—")
        grid.add_row("id", ids)
        grid.add_row("created", when.both(c.created_at, now))
        grid.add_row("updated", when.both(c.updated_at, now))
        header = RenderedOnce(Group(title, grid))  # measured and painted at one width
        self.query_one("#detail-header", Static).update(header)

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
            self.run_worker(self._refresh_customer(), group="customer", exclusive=True)
            return
        for tab in self.query_one(f"#{tab_id}", TabPane).query(DetailTab):
            tab.reload()

    async def _refresh_customer(self) -> None:
        from vtui.api import VoucherifyError

        try:
            customer = await self.vtui.client.customers.get(self.customer.id)
        except VoucherifyError as error:
            self.notify(str(error), title="Refresh failed", severity="error")
            return
        finally:
            self.vtui.note_request()
        self.customer = customer
        self._paint_header()
        self.query_one(OverviewTab).show(customer)
        for json_tab in self.query(JsonTab):  # built only once visited
            json_tab.show(customer)
        self.notify("Customer reloaded", timeout=2)

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.customer.id)
        self.notify(f"Copied {self.customer.id}", timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.check_change_action(action)
