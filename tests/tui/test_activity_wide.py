"""On a wide terminal the Activity tab's Type column is as wide as its longest type: a
type is folded onto two lines only when the width is short (80 columns), never at 200."""

from __future__ import annotations

from tests.svg_text import svg_lines
from tests.tui.harness import settle, until
from vtui.tui.widgets.detail.activity import ActivityTab

LONG_TYPE = "customer.voucher.gift.balance_added"
RETYPE = "UPDATE events SET type = ? WHERE customer_id = ?"


async def test_a_long_activity_type_shows_whole_on_one_line_at_200_columns(harness):
    h = await harness(customers=20)
    first = (await h.client.customers.list(limit=1)).customers[0]
    h.sandbox.conn.execute(RETYPE, (LONG_TYPE, first.id))
    h.sandbox.conn.commit()
    async with h.app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        tab = h.app.screen.query_one(ActivityTab)
        await until(pilot, lambda: tab.table.row_count > 0)
        await settle(pilot)
        type_column = tab.table.columns["Type"]
        assert type_column.width >= len("voucher.gift.balance_added")
        region = tab.table.region
        lines = svg_lines(h.app.export_screenshot())[region.y : region.bottom]
        typed = [line for line in lines if "voucher.gift" in line]
        assert typed and all("voucher.gift.balance_added" in line for line in typed)
        assert all(len(line.strip()) > 2 for line in lines if line.strip())  # no "ed" lines


async def test_at_80_columns_the_type_is_still_capped_so_details_keep_room(harness):
    h = await harness(customers=20)
    first = (await h.client.customers.list(limit=1)).customers[0]
    h.sandbox.conn.execute(RETYPE, (LONG_TYPE, first.id))
    h.sandbox.conn.commit()
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        tab = h.app.screen.query_one(ActivityTab)
        await until(pilot, lambda: tab.table.row_count > 0)
        await settle(pilot)
        table = tab.table
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.scrollable_content_region.width
        assert table.columns["Details"].width >= len("Details")
