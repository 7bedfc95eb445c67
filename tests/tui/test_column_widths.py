"""The list's text columns share the width by weight, and once rows are loaded a column
wider than its texts lends the rest to the columns whose texts are cut."""

from __future__ import annotations

from tests.tui.harness import settle
from vtui.tui.column_widths import MIN_SHARE, share_widths
from vtui.tui.columns import CATALOGUE, shown_columns
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.customer_table import CustomerTable

EIGHT = shown_columns(
    ["name", "email", "source_id", "city", "country", "phone", "created", "updated"], ""
)


def test_without_rows_the_text_columns_share_by_weight_and_dates_keep_their_width() -> None:
    widths = share_widths(EIGHT, 120)
    assert widths["created"] == widths["updated"] == 10
    assert widths["email"] > widths["name"] > widths["source_id"] > widths["city"]
    assert sum(w for k, w in widths.items() if k not in ("created", "updated")) <= 120


def test_a_column_wider_than_its_texts_lends_the_rest_to_the_cut_ones() -> None:
    needs = {"name": 12, "email": 20, "source_id": 40, "city": 8, "country": 8, "phone": 12}
    before = share_widths(EIGHT, 140)
    after = share_widths(EIGHT, 140, needs)
    assert before["source_id"] < 40 and before["phone"] > 12  # cut, and spare, by weight
    assert after["source_id"] >= 40  # whole now
    assert all(after[k] >= need for k, need in needs.items())  # every text whole
    text = [c.id for c in EIGHT if not c.fixed]
    assert sum(after[k] for k in text) == sum(before[k] for k in text)  # the same width


def test_one_very_long_text_does_not_starve_the_other_cut_columns() -> None:
    needs = {"name": 2_000, "email": 20, "source_id": 30, "city": 8, "country": 8, "phone": 12}
    widths = share_widths(EIGHT, 140, needs)
    assert widths["source_id"] >= 30 and widths["email"] >= 20  # whole
    assert widths["name"] > share_widths(EIGHT, 140)["name"]  # the rest goes to the long one
    text = [c.id for c in EIGHT if not c.fixed]
    assert sum(widths[k] for k in text) == sum(share_widths(EIGHT, 140)[k] for k in text)


def test_when_nothing_is_cut_the_spare_width_is_shared_and_when_all_are_cut_nothing_moves() -> None:
    small = {c.id: 3 for c in EIGHT}
    widths = share_widths(EIGHT, 140, small)
    assert all(widths[c.id] >= c.minimum for c in EIGHT)
    huge = {c.id: 500 for c in EIGHT}
    assert share_widths(EIGHT, 140, huge) == share_widths(EIGHT, 140)
    narrow = share_widths(EIGHT, 20, huge)  # too narrow for the minimums: shares only
    assert all(narrow[c.id] >= MIN_SHARE for c in EIGHT if not c.fixed)
    assert share_widths([CATALOGUE["created"]], 50, {"created": 99}) == {"created": 10}


async def test_at_200_columns_the_lists_source_ids_show_whole(harness):
    h = await harness(customers=300)
    async with h.app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerListScreen)
        table = screen.query_one(CustomerTable)
        at = screen.column_ids().index("source_id")
        longest = max(len(table.cells_of(k.value)[at]) for k in list(table.rows)[:50])
        assert longest > 20  # the demo's shopify/customers/… ids
        assert table.columns["source_id"].width >= longest  # type: ignore[index]


def test_the_text_columns_never_take_more_than_the_free_width_when_their_minimums_fit():
    columns = [CATALOGUE[i] for i in ("name", "email", "source_id", "city", "country")]
    assert sum(c.minimum for c in columns) == 46
    for free in range(46, 120):
        widths = share_widths(columns, free)
        assert sum(widths.values()) <= free, (free, widths)
