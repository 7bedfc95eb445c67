"""The Redeemables tab's Balance column: one wording per kind of balance."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from vtui.api import CustomerRedeemable, VoucherifyClient
from vtui.tui.widgets.detail.redeemables import balance

DISCOUNT = re.compile(
    r"(\d+(\.\d+)?% off|€\d[\d,]*\.\d\d off|price fixed at €\d[\d,]*\.\d\d|\d+(\.\d+)? units? off)"
)


def holding(voucher: dict[str, Any]) -> CustomerRedeemable:
    """A holder record as GET /v1/customers/{id}/redeemables sends it (trimmed)."""
    return CustomerRedeemable.model_validate(
        {
            "id": "rh_0e7b8db4700106a852",
            "holder_role": "OWNER",
            "voucher_type": voucher.get("type"),
            "redeemable": {"type": "voucher", "status": "ACTIVE", "voucher": voucher},
        }
    )


def discount(**fields: Any) -> CustomerRedeemable:
    return holding({"code": "3xRUnMVG", "type": "DISCOUNT_VOUCHER", "discount": fields})


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"type": "AMOUNT", "amount_off": 1000}, "10.00 zł off"),
        ({"type": "PERCENT", "percent_off": 15, "amount_limit": 5000}, "15% off"),
        ({"type": "PERCENT", "percent_off": 12.5}, "12.5% off"),
        ({"type": "FIXED", "fixed_amount": 9900}, "price fixed at 99.00 zł"),
        ({"type": "UNIT", "unit_off": 3, "unit_type": "prod_0a1b2c"}, "3 units off"),
        ({"type": "UNIT", "unit_off": 1, "unit_type": "prod_0a1b2c"}, "1 unit off"),
        ({"amount_off": 499}, "4.99 zł off"),  # no type: the field says it
        ({"type": "PERCENT", "amount_off": 499}, "—"),  # type and field disagree
    ],
)
def test_each_discount_type_reads_as_what_it_takes_off(fields: dict[str, Any], shown: str) -> None:
    assert balance(discount(**fields), "PLN") == shown


def test_gift_cards_show_money_left_and_loyalty_cards_points_left() -> None:
    gift = holding({"type": "GIFT_VOUCHER", "gift": {"amount": 10000, "balance": 2550}})
    card = holding({"type": "LOYALTY_CARD", "loyalty_card": {"points": 500, "balance": 1}})
    assert balance(gift, "PLN") == "25.50 zł of 100.00 zł"
    assert balance(card, "PLN") == "1 pt of 500 pts"


def test_a_holding_without_a_voucher_or_discount_shows_a_dash() -> None:
    assert balance(CustomerRedeemable.model_validate({"id": "rh_1"})) == "—"
    assert balance(holding({"type": "DISCOUNT_VOUCHER", "discount": None})) == "—"


async def test_every_seeded_discount_reads_one_way(
    sandbox_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sb = await sandbox_factory(customers=60, seed=7)
    seen: set[str] = set()
    async with VoucherifyClient(
        "app-id", "app-token", "http://sandbox.test", transport=httpx.ASGITransport(app=sb.app)
    ) as vf:
        async for customer in vf.customers.iterate(limit=100):
            page = await vf.customers.list_redeemables(customer.id, limit=100)
            for item in page.data:
                voucher = item.redeemable.voucher if item.redeemable else None
                if voucher is not None and voucher.discount is not None:
                    shown = balance(item, "EUR")
                    assert DISCOUNT.fullmatch(shown), shown
                    seen.add(voucher.discount.type or "")
    assert {"AMOUNT", "PERCENT", "FIXED"} <= seen
