"""Overview tab: contact, address, metadata, the summary in money and points, referrals.

Painted straight from the customer the list (or jump) already holds: opening a customer
costs no request. Every label and value is inert (`vtui.changes.inert`) and plain text (never
markup): nothing the API sent can act on the terminal.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from vtui.changes.inert import inert
from vtui.tui import bindings, money, when
from vtui.tui.context import context
from vtui.tui.widgets.rendered_once import RenderedOnce
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.api import Customer


def _section(title: str, body: RenderableType) -> Group:
    """A bold heading over its body: the heading is never cut to the body's width."""
    return Group(Text(title, style="bold"), body)


def _nothing(words: str) -> Text:
    return Text(words, style="dim italic")


def _pairs(title: str, rows: list[tuple[str, str]], empty: str = "None") -> Group:
    if not rows:
        return _section(title, _nothing(empty))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(Text(inert(label)), Text(inert(value)))
    return _section(title, table)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def contact(customer: Customer) -> Group:
    return _pairs(
        "Contact",
        [
            ("email", customer.email or "—"),
            ("phone", customer.phone or "—"),
            ("birthdate", when.day(customer.birthdate or customer.birthday)),
            ("description", customer.description or "—"),
        ],
    )


def address(customer: Customer) -> Group:
    a = customer.address
    if a is None:
        return _pairs("Address", [], empty="No address")
    place = " ".join(p for p in (a.postal_code, a.city) if p)
    return _pairs(
        "Address",
        [
            ("line 1", a.line_1 or "—"),
            ("line 2", a.line_2 or "—"),
            ("city", place or "—"),
            ("state", a.state or "—"),
            ("country", a.country or "—"),
        ],
    )


def metadata(customer: Customer) -> Group:
    if not customer.metadata:
        return _section("Metadata", _nothing("No metadata"))
    table = Table(
        expand=False,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("key", style="dim", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in sorted((customer.metadata or {}).items()):
        table.add_row(Text(inert(key)), Text(inert(_value(value))))
    return _section("Metadata", table)


def summary(customer: Customer, now: datetime, currency: str | None) -> Group:
    rows: list[tuple[str, str]] = []
    s = customer.summary
    r = s.redemptions if s is not None else None
    if r is not None:
        rows.append(
            (
                "redemptions",
                f"{r.total_redeemed or 0:,} redeemed · {r.total_succeeded or 0:,} succeeded · "
                f"{r.total_failed or 0:,} failed · {r.total_rolled_back or 0:,} rolled back",
            )
        )
        if r.gift is not None:
            rows.append(
                (
                    "gift cards",
                    f"{money.money(r.gift.redeemed_amount, currency)} redeemed · "
                    f"{money.money(r.gift.amount_to_go, currency)} to go",
                )
            )
        if r.loyalty_card is not None:
            rows.append(
                (
                    "loyalty cards",
                    f"{money.points(r.loyalty_card.redeemed_points)} redeemed · "
                    f"{money.points(r.loyalty_card.points_to_go)} to go",
                )
            )
    o = s.orders if s is not None else None
    if o is not None:
        rows.append(
            (
                "orders",
                f"{plural(o.total_count or 0, 'order')} · "
                f"{money.money(o.total_amount or 0, currency)} total · "
                f"{money.money(o.average_amount or 0, currency)} average",
            )
        )
        if o.last_order_date is not None:
            rows.append(
                (
                    "last order",
                    f"{money.money(o.last_order_amount, currency)} · "
                    f"{when.both(o.last_order_date, now)}",
                )
            )
    loyalty = customer.loyalty
    if loyalty is not None:
        rows.append(
            (
                "loyalty",
                f"{money.points(loyalty.points or 0)} · "
                f"{loyalty.referred_customers or 0:,} referred",
            )
        )
        for name, campaign in sorted((loyalty.campaigns or {}).items()):
            rows.append((f"  {name}", money.points(campaign.points or 0)))
    return _pairs("Summary", rows, empty="No redemptions, orders or points yet")


def referrals(customer: Customer, now: datetime) -> Group:
    ref = customer.referrals
    rows: list[tuple[str, str]] = [("referred", plural((ref.total if ref else 0) or 0, "time"))]
    for campaign in (ref.campaigns if ref and ref.campaigns else [])[:10]:
        rows.append(
            (
                campaign.campaign_id or "campaign",
                f"by {campaign.referrer_id or '?'} · {when.day(campaign.date)}",
            )
        )
    return _pairs("Referrals", rows)


def overview(customer: Customer, now: datetime, currency: str | None) -> RenderableType:
    top = Table.grid(padding=(0, 4))
    top.add_column()
    top.add_column()
    top.add_row(contact(customer), address(customer))
    return Group(
        top,
        Text(),
        summary(customer, now, currency),
        Text(),
        referrals(customer, now),
        Text(),
        metadata(customer),
    )


class OverviewTab(VerticalScroll):
    """Static content; `show` repaints it when the customer is refreshed."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.SCROLL)

    def __init__(self, customer: Customer | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.customer = customer

    def compose(self) -> ComposeResult:
        yield Static(id="overview-body")

    def on_mount(self) -> None:
        if self.customer is not None:
            self.show(self.customer)

    def show(self, customer: Customer) -> None:
        self.customer = customer
        now = context(self).now()
        # Measured and painted at one width.
        body = RenderedOnce(overview(customer, now, context(self).currency))
        self.query_one("#overview-body", Static).update(body)
