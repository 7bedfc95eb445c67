"""The customer list against the in-process sandbox: paging, filters, sort, errors, state."""

from __future__ import annotations

import asyncio

from tests.tui.harness import SIZE, settle, until
from vtui.tui.list_query import ListQuery
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.session import MemoryUiState
from vtui.tui.widgets.customer_table import CustomerTable


def list_screen(app) -> CustomerListScreen:
    screen = app.screen
    assert isinstance(screen, CustomerListScreen)
    return screen


def table_of(app) -> CustomerTable:
    return list_screen(app).query_one(CustomerTable)


def count_text(app) -> str:
    return str(list_screen(app).query_one("#list-count").render())


async def test_list_paints_first_page_and_says_how_many_of_how_many(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_of(h.app).row_count == 100
        assert "100 of 200 loaded" in count_text(h.app)
        calls = h.recorder.api_requests("/v1/customers")
        assert [(c.method, c.path) for c in calls] == [("GET", "/v1/customers")]
        assert calls[0].params["limit"] == "100"
        assert calls[0].params["order"] == "-created_at"


async def test_next_page_is_appended_by_created_at_cursor_as_the_cursor_nears_the_end(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.recorder.clear()
        # created_at ties at a page boundary come again and are skipped by id, so a page
        # may add fewer than 100; each arrival at the end asks for the rest.
        for _ in range(5):
            await pilot.press("G")
            await settle(pilot)
            if table_of(h.app).row_count == 200:
                break
        assert table_of(h.app).row_count == 200
        assert "200 of 200 loaded" in count_text(h.app)
        calls = h.recorder.api_requests("/v1/customers")
        assert calls and all("starting_after" in c.params for c in calls)
        assert all("page" not in c.params for c in calls)
        ids = [str(k.value) for k in table_of(h.app).rows]
        assert len(set(ids)) == 200


async def test_filter_bar_sends_the_filters_the_api_understands(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.recorder.clear()
        await pilot.press("slash")
        screen = list_screen(h.app)
        screen.query_one("#filter-city").value = "Warsaw"
        screen.query_one("#filter-created_after").value = "2024-01-01"
        screen.query_one("#filter-updated_before").value = "2025-12-31"
        screen.query_one("#filter-email").focus()
        await pilot.press("enter")
        await settle(pilot)
        (call,) = h.recorder.api_requests("/v1/customers")
        assert call.params["city"] == "Warsaw"
        assert call.params["created_at[after]"].startswith("2024-01-01T00:00:00")
        assert call.params["updated_at[before]"].startswith("2025-12-31T00:00:00")
        shown = list(screen.customers.values())
        assert shown, "the seeded data has customers in Warsaw"
        assert all(c.city == "Warsaw" for c in shown)
        assert "city=Warsaw" in str(screen.query_one("#list-title").render())


async def test_a_bad_date_is_reported_and_the_list_keeps_its_query(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.recorder.clear()
        await pilot.press("slash")
        screen = list_screen(h.app)
        screen.query_one("#filter-created_after").value = "31/12/2024"
        screen.query_one("#filter-created_after").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "not a date like" in str(screen.query_one("#filter-problem").render())
        assert h.recorder.api_requests() == []
        assert screen.query_state == ListQuery()
        assert table_of(h.app).row_count == 100


async def test_sort_cycles_through_the_api_orders(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.recorder.clear()
        orders = []
        for _ in range(6):
            await pilot.press("s")
            await settle(pilot)
            orders.append(h.recorder.api_requests()[-1].params["order"])
        assert orders == [
            "created_at",
            "-updated_at",
            "updated_at",
            "source_id",
            "-source_id",
            "-created_at",
        ]
        # the page-numbered orders ask for page 1, the cursor orders for no page
        assert list_screen(h.app).query_state.order == "-created_at"


async def test_empty_state_says_nothing_matches(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        list_screen(h.app).set_query(ListQuery(email="nobody@nowhere.invalid"))
        await settle(pilot)
        state = list_screen(h.app).query_one("#list-state")
        assert state.display
        assert "No customers match email=nobody@nowhere.invalid" in str(state.render())
        assert table_of(h.app).row_count == 0


async def test_an_injected_5xx_shows_the_api_error_and_retry_recovers(harness):
    h = await harness(customers=200)
    response = await h.control(
        "POST",
        "/_sandbox/faults",
        {"kind": "error", "status": 503, "count": 1, "path": "/v1/customers", "method": "GET"},
    )
    assert response.status_code == 201
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_screen(h.app)
        state = screen.query_one("#list-state")
        assert state.display and "-error" in state.classes
        text = str(state.render())
        assert "503" in text and "Press r to retry" in text
        assert table_of(h.app).row_count == 0
        await pilot.press("r")
        await settle(pilot)
        assert not state.display
        assert table_of(h.app).row_count == 100


async def test_a_failed_next_page_keeps_the_rows_and_r_retries_it(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "error", "status": 500, "count": 1, "path": "/v1/customers"},
        )
        await pilot.press("G")
        await settle(pilot)
        assert table_of(h.app).row_count == 100
        assert "next page failed" in count_text(h.app)
        await pilot.press("r")
        await settle(pilot)
        assert table_of(h.app).row_count > 100  # the retried page arrived and was appended
        assert "failed" not in count_text(h.app)


async def test_a_late_response_for_an_old_filter_never_overwrites_a_newer_one(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        release_old = h.recorder.hold(lambda r: r.url.params.get("city") == "Warsaw")
        screen = list_screen(h.app)
        screen.set_query(ListQuery(city="Warsaw"))
        await until(
            pilot, lambda: any(r.params.get("city") == "Warsaw" for r in h.recorder.requests)
        )
        screen.set_query(ListQuery(city="Berlin"))
        await settle(pilot)
        berlin = dict(screen.customers)
        assert berlin and all(c.city == "Berlin" for c in berlin.values())
        release_old.set()  # the old answer arrives now, after the newer one painted
        await asyncio.sleep(0.05)
        await settle(pilot)
        assert dict(screen.customers) == berlin
        cities = {str(table_of(h.app).get_row_at(i)[3]) for i in range(table_of(h.app).row_count)}
        assert cities == {"Berlin"}


async def test_filters_and_sort_are_remembered_per_profile(harness):
    state = MemoryUiState()
    h = await harness(customers=200, state=state)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        list_screen(h.app).set_query(ListQuery(city="Warsaw"))
        await pilot.press("s")
        await settle(pilot)
    h2 = await harness(customers=200, state=state)
    async with h2.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        query = list_screen(h2.app).query_state
        assert query == ListQuery(city="Warsaw", order="created_at")
        (call,) = h2.recorder.api_requests()
        assert call.params["city"] == "Warsaw" and call.params["order"] == "created_at"
