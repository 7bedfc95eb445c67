"""Redeemables tab: vouchers, gift cards and loyalty cards with balances and status."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select

from vtui.tui import money
from vtui.tui.context import context
from vtui.tui.widgets.customer_table import cell
from vtui.tui.widgets.detail.tab import PagedTab

if TYPE_CHECKING:
    from vtui.api import CustomerRedeemable, RedeemablePage, VoucherifyClient

VOUCHER_TYPES = (
    ("Discount vouchers", "DISCOUNT_VOUCHER"),
    ("Gift cards", "GIFT_VOUCHER"),
    ("Loyalty cards", "LOYALTY_CARD"),
)


def balance(item: CustomerRedeemable, currency: str | None = None) -> str:
    """Gift cards in money, loyalty cards in points, discounts as what they take off.

    Every discount reads as what it takes off ("15% off", "10.00 zł off", "3 units off"),
    except a fixed price, which reads as the price ("price fixed at 99.00 zł").
    """
    voucher = item.redeemable.voucher if item.redeemable is not None else None
    if voucher is None:
        return "—"
    if voucher.gift is not None:
        gift = voucher.gift
        return f"{money.money(gift.balance, currency)} of {money.money(gift.amount, currency)}"
    if voucher.loyalty_card is not None:
        card = voucher.loyalty_card
        return f"{money.points(card.balance)} of {money.points(card.points)}"
    discount = voucher.discount
    if discount is None:
        return "—"
    kind = discount.type
    if kind in (None, "PERCENT") and discount.percent_off is not None:
        return f"{discount.percent_off:g}% off"
    if kind in (None, "AMOUNT") and discount.amount_off is not None:
        return f"{money.money(discount.amount_off, currency)} off"
    if kind in (None, "FIXED") and discount.fixed_amount is not None:
        return f"price fixed at {money.money(discount.fixed_amount, currency)}"
    if kind in (None, "UNIT") and discount.unit_off is not None:
        units = "unit" if discount.unit_off == 1 else "units"
        return f"{discount.unit_off:g} {units} off"
    return "—"


class RedeemablesTab(PagedTab):
    what: ClassVar[str] = "redeemables"
    columns: ClassVar[tuple[str, ...]] = ("Code", "Type", "Campaign", "Status", "Balance", "Role")
    wide: ClassVar[str] = "Campaign"
    empty_text: ClassVar[str] = "No redeemables."

    def compose_filters(self) -> ComposeResult:
        with Horizontal(classes="tab-filters"):
            yield Select[str](
                VOUCHER_TYPES, prompt="all types", id="redeemables-type", compact=True
            )

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.loaded:
            self.reload()

    def filters(self) -> dict[str, Any] | None:
        value = self.query_one("#redeemables-type", Select).value
        if not isinstance(value, str):
            return None
        return {"voucher_type": {"conditions": {"$in": [value]}}}

    async def fetch_page(self, client: VoucherifyClient, after: str | None) -> RedeemablePage:
        kwargs: dict[str, Any] = {"limit": self.page_size}
        if after:
            kwargs["starting_after_id"] = after
        filters = self.filters()
        if filters:
            kwargs["filters"] = filters
        page: RedeemablePage = await client.customers.list_redeemables(self.customer_id, **kwargs)
        return page

    def rows(self, page: RedeemablePage) -> Iterable[tuple[str, tuple[Text, ...]]]:
        for item in page.data:
            detail = item.redeemable
            voucher = detail.voucher if detail is not None else None
            yield (
                item.id,
                (
                    cell((voucher.code if voucher else None) or item.redeemable_id or "—"),
                    cell(item.voucher_type or (voucher.type if voucher else None) or "—"),
                    cell((voucher.campaign if voucher else None) or item.campaign_type or "—"),
                    cell((detail.status if detail else None) or "—"),
                    cell(balance(item, context(self).currency)),
                    cell(item.holder_role or "—"),
                ),
            )
