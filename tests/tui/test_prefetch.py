"""Start-up paints the prefetched first page, then the session adopts it without asking again.

The page here is fetched by the same code the forked child runs (`fetch_first_page` on a
client of the same sandbox); only the fork is left out (tests/tui/test_prefetch_fork.py
covers it in a fresh interpreter).
"""

from __future__ import annotations

import asyncio

import httpx

from tests.tui.harness import SIZE, settle, until
from vtui.api import VoucherifyClient
from vtui.tui.list_query import ListQuery
from vtui.tui.prefetch import FirstPage, fetch_first_page
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.customer_table import CustomerTable


class HeldPage:
    """A first-page source answering with `page` once `release` is set (None: it failed)."""

    def __init__(self, page: FirstPage | None) -> None:
        self.page = page
        self.release = asyncio.Event()
        self.cancelled = False

    async def get(self, timeout: float) -> FirstPage | None:
        await self.release.wait()
        return self.page

    def cancel(self) -> None:
        self.cancelled = True


async def prefetched(h, state: dict | None = None) -> FirstPage:
    """What the forked child would send: the first page for `state`, via its own client."""
    transport = httpx.ASGITransport(app=h.sandbox.app)
    async with VoucherifyClient("id", "token", "http://sb.test", transport=transport) as client:
        return await fetch_first_page(client, state or {})


def count_text(screen) -> str:
    return str(screen.query_one("#list-count").render())


async def test_prefetched_rows_paint_before_the_session_and_are_adopted_without_a_request(
    harness,
):
    h = await harness(customers=200)
    source = HeldPage(await prefetched(h))
    gate = asyncio.Event()
    connect = h.app._connect

    async def slow_connect(progress):
        await gate.wait()
        return await connect(progress)

    h.app._connect = slow_connect
    h.app.prefetch = source
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(h.app.screen, CustomerListScreen))
        screen = h.app.screen
        table = screen.query_one(CustomerTable)
        await pilot.pause()
        assert table.row_count == 0  # nothing to show until the page is there
        source.release.set()
        await until(pilot, lambda: table.row_count == 100)
        assert "100 of 200 loaded" in count_text(screen)
        assert str(table.get_row_at(0)[0]) == source.page.rows[0][1][0]
        await pilot.press("enter")  # opens at once; the customer is read once connected
        await until(pilot, lambda: isinstance(h.app.screen, CustomerDetailScreen))
        detail = h.app.screen
        assert h.app.session is None and detail.customer is None
        gate.set()
        await until(pilot, lambda: detail.customer is not None)
        assert detail.customer.id == source.page.rows[0][0]
        await pilot.press("escape")
        await until(pilot, lambda: len(screen.customers) == 100)
        await settle(pilot)
        assert h.app.screen is screen
        listed = [c for c in h.recorder.api_requests("/v1/customers") if c.path == "/v1/customers"]
        assert listed == []  # adopted, not asked again
        assert list(screen.customers) == [key for key, _ in source.page.rows]
        assert [row.value for row in table.rows] == list(screen.customers)
        # Paging goes on from the adopted page by cursor (a created_at tie at the page
        # boundary can leave a few rows for one more page).
        for _ in range(5):
            await pilot.press("G")
            await settle(pilot)
            if table.row_count == 200:
                break
        calls = [c for c in h.recorder.api_requests("/v1/customers") if c.path == "/v1/customers"]
        assert calls and "starting_after" in calls[0].params
        assert table.row_count == 200 and len({row.value for row in table.rows}) == 200
        await pilot.press("enter")
        await settle(pilot)
        assert h.app.screen is not screen  # the adopted customers open like any other
    assert source.cancelled  # the app lets go of the source when it ends


async def test_a_prefetched_page_for_another_query_is_replaced_by_the_sessions_own(harness):
    h = await harness(customers=200)
    by_name = ListQuery().with_next_order()
    h.state.save({"list": by_name.to_state()})
    source = HeldPage(await prefetched(h))  # made for the default order, not the saved one
    source.release.set()
    h.app.prefetch = source
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: h.app.session is not None)
        await settle(pilot)
        screen = h.app.screen
        calls = h.recorder.api_requests("/v1/customers")
        assert len(calls) == 1 and calls[0].params["order"] == by_name.api_filters()["order"]
        assert screen.query_one(CustomerTable).row_count == 100
        assert list(screen.customers) == [row.value for row in screen.query_one(CustomerTable).rows]


async def test_a_failed_prefetch_falls_back_to_the_ordinary_load(harness):
    h = await harness(customers=200)
    source = HeldPage(None)
    source.release.set()
    h.app.prefetch = source
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: h.app.session is not None)
        await settle(pilot)
        screen = h.app.screen
        assert len(h.recorder.api_requests("/v1/customers")) == 1
        assert screen.query_one(CustomerTable).row_count == 100
        assert "100 of 200 loaded" in count_text(screen)


async def test_the_garbage_collector_paused_for_start_up_comes_back(harness, monkeypatch):
    import gc

    import vtui.tui.app

    monkeypatch.setattr(vtui.tui.app, "GC_PAUSE_AT_START", 0.5)
    h = await harness(customers=200)
    gc.disable()
    try:
        async with h.app.run_test(size=SIZE) as pilot:
            assert not gc.isenabled()
            await until(pilot, gc.isenabled)
    finally:
        gc.enable()


async def test_the_garbage_collector_comes_back_when_the_app_ends_early(harness):
    import gc

    h = await harness(customers=200)
    gc.disable()
    try:
        async with h.app.run_test(size=SIZE) as pilot:
            await pilot.press("q")
        assert gc.isenabled()
    finally:
        gc.enable()


async def test_a_session_open_before_the_first_page_arrives_leaves_one_list(harness):
    """On a slow network the session can open while the start still waits for the
    prefetched page: the list that comes up goes live; no second list is stacked."""
    h = await harness(customers=200)
    source = HeldPage(await prefetched(h))
    h.app.prefetch = source
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: h.app.session is not None)
        source.release.set()  # the page arrives after the session opened
        await until(pilot, lambda: isinstance(h.app.screen, CustomerListScreen))
        await settle(pilot)
        lists = [s for s in h.app.screen_stack if isinstance(s, CustomerListScreen)]
        assert len(lists) == 1
        assert lists[0].live and len(lists[0].customers) == 100
        listed = [c for c in h.recorder.api_requests("/v1/customers") if c.path == "/v1/customers"]
        assert listed == []  # the prefetched page was adopted
