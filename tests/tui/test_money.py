"""Amounts in the project's currency: a symbol for four well-known ones, else the code."""

from __future__ import annotations

import pytest

from vtui.demo import demo_currency
from vtui.sandbox.seed_campaigns import SEED_CURRENCY
from vtui.tui import money


@pytest.mark.parametrize(
    ("currency", "shown"),
    [
        ("USD", "$1,234.50"),
        ("EUR", "€1,234.50"),
        ("GBP", "£1,234.50"),
        ("PLN", "1,234.50 zł"),
        ("CHF", "1,234.50 CHF"),
        (None, "1,234.50"),
    ],
)
def test_amounts_show_in_the_given_currency(currency: str | None, shown: str) -> None:
    assert money.money(123450, currency) == shown


def test_negative_amounts_put_the_sign_first() -> None:
    assert money.money(-5, "USD") == "-$0.05"
    assert money.money(-123450, "PLN") == "-1,234.50 zł"
    assert money.money(-5, None) == "-0.05"


def test_no_amount_is_a_dash_in_any_currency() -> None:
    assert money.money(None, "PLN") == "—"


async def test_amounts_on_screen_are_in_the_sessions_currency(harness) -> None:
    from tests.tui.harness import SIZE, settle, text_of
    from vtui.tui.widgets.detail.overview import OverviewTab

    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.app.context.session.currency = "PLN"
        await pilot.press("enter")
        await settle(pilot)
        text = text_of(h.app.screen.query_one(OverviewTab).query_one("#overview-body"))
    assert "zł" in text and "$" not in text


def test_the_demo_shows_amounts_in_its_seeds_currency() -> None:
    assert demo_currency() == SEED_CURRENCY == "EUR"
    assert money.money(9900, demo_currency()) == "€99.00"
