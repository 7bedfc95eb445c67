"""The list goes past the API's page 99 by created_at cursor (20,000 customers)."""

from __future__ import annotations

import pytest

from tests.tui.harness import SIZE, settle, until
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.customer_table import CustomerTable


@pytest.mark.slow
async def test_list_follows_the_cursor_past_page_99_at_20000_customers(harness):
    h = await harness(customers=20_000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerListScreen)
        table = screen.query_one(CustomerTable)
        while table.row_count <= 10_050:
            before = table.row_count
            table.move_cursor(row=before - 1)  # as if the user held `j` to the end
            await until(
                pilot, lambda b=before: table.row_count > b or screen.error is not None, timeout=30
            )
            assert screen.error is None
        calls = h.recorder.api_requests("/v1/customers")
        assert len(calls) > 99
        assert all("page" not in c.params for c in calls)
        assert all("starting_after" in c.params for c in calls[1:])
        customers = list(screen.customers.values())
        assert len({c.id for c in customers}) == len(customers) == table.row_count
        created = screen.column_ids().index("created")
        days = [table.cells_of(c.id)[created] for c in customers]  # rows, not models
        assert days == sorted(days, reverse=True)
        assert f"of {20_000:,} loaded" in str(screen.query_one("#list-count").render())
