"""Start-up paints the rows shown last time, then swaps in the live first page."""

from __future__ import annotations

import asyncio
import stat

from tests.tui.tui_harness import SIZE, settle, until
from vtui.tui.first_page import FirstPage, FirstPageCache
from vtui.tui.list_query import ListQuery
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.customer_table import CustomerTable

OLD_ROW = (
    "cust_fromlasttime",
    ("Old Name", "old@example.com", "crm-old", "Oslo", "Norway", "2020-01-01"),
)


async def test_last_times_rows_paint_before_connecting_and_the_live_page_replaces_them(
    harness, tmp_path
):
    cache = FirstPageCache("test", folder=tmp_path)
    cache.save(FirstPage(query=ListQuery().to_state(), total=123, rows=[OLD_ROW]))
    h = await harness(customers=200)
    h.app.first_page_cache = cache
    gate = asyncio.Event()
    connect = h.app._connect

    async def slow_connect(progress):
        await gate.wait()
        return await connect(progress)

    h.app._connect = slow_connect
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(h.app.screen, CustomerListScreen))
        screen = h.app.screen
        table = screen.query_one(CustomerTable)
        await until(pilot, lambda: table.row_count == 1)
        assert str(table.get_row_at(0)[0]) == "Old Name"
        assert "as last shown" in str(screen.query_one("#list-count").render())
        await pilot.press("enter", "s")  # nothing to open or sort until connected
        await pilot.pause()
        assert h.app.screen is screen and h.recorder.requests == []
        gate.set()
        await until(pilot, lambda: bool(screen.customers))
        await settle(pilot)
        assert h.app.screen is screen
        assert "cust_fromlasttime" not in [k.value for k in table.rows]
        assert table.row_count == 100
        assert "100 of 200 loaded" in str(screen.query_one("#list-count").render())
    saved = cache.load()
    assert saved is not None and saved.total == 200 and len(saved.rows) == 60
    assert saved.rows[0][0] == next(iter(screen.customers))
    assert stat.S_IMODE(cache.path.stat().st_mode) == 0o600


def test_a_damaged_cache_reads_as_nothing(tmp_path):
    cache = FirstPageCache("../evil name", folder=tmp_path)
    assert cache.path.parent == tmp_path  # the profile name cannot escape the folder
    cache.path.write_text("{not json")
    assert cache.load() is None
