"""Customer detail: Overview without a request, tabs loaded once each, escape back intact."""

from __future__ import annotations

from textual.widgets import DataTable, Select, TabbedContent

from tests.tui.harness import SIZE, settle, text_of
from vtui.tui.list_query import ListQuery
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.customer_table import CustomerTable


async def open_first(pilot, h, row: int = 0) -> CustomerDetailScreen:
    await settle(pilot)
    table = h.app.screen.query_one(CustomerTable)
    table.move_cursor(row=row)
    await pilot.press("enter")
    await settle(pilot)
    screen = h.app.screen
    assert isinstance(screen, CustomerDetailScreen)
    return screen


def tab_rows(screen: CustomerDetailScreen, tab: str) -> int:
    return screen.query_one(f"#tab-{tab}").query_one(DataTable).row_count


async def test_opening_a_customer_reads_it_once_and_paints_header_and_overview(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.recorder.clear()
        screen = await open_first(pilot, h)
        customer = screen.customer  # the list keeps rows, not customers: read on opening
        assert [(r.method, r.path) for r in h.recorder.api_requests()] == [
            ("GET", f"/v1/customers/{customer.id}")
        ]
        header = text_of(screen.query_one("#detail-header"))
        assert customer.id in header
        assert "created" in header and "ago" in header and "UTC" in header
        overview = text_of(screen.query_one("#overview-body"))
        assert "Contact" in overview and "Summary" in overview and "Metadata" in overview


async def test_each_tab_loads_on_first_visit_once_and_again_only_on_r(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, h)
        h.recorder.clear()
        for key in ("2", "3", "4", "5", "1", "2", "3", "4"):
            await pilot.press(key)
            await settle(pilot)
        paths = [r.path.rsplit("/", 1)[-1] for r in h.recorder.api_requests()]
        assert paths == ["activity", "redeemables", "segments"]
        assert tab_rows(screen, "activity") > 0
        await pilot.press("r")  # on Segments
        await settle(pilot)
        assert [r.path.rsplit("/", 1)[-1] for r in h.recorder.api_requests()][-1] == "segments"
        assert len(h.recorder.api_requests()) == 4


async def test_brackets_and_numbers_move_between_tabs(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, h)
        tabs = screen.query_one(TabbedContent)
        seen = []
        for key in ("right_square_bracket",) * 5 + ("left_square_bracket", "4"):
            await pilot.press(key)
            await settle(pilot)
            seen.append(tabs.active)
        assert seen == [
            "activity",
            "redeemables",
            "segments",
            "json",
            "overview",
            "json",
            "segments",
        ]


async def test_escape_returns_to_the_list_as_it_was_without_a_request(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lst = h.app.screen
        assert isinstance(lst, CustomerListScreen)
        lst.set_query(ListQuery(order="created_at"))
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        table = lst.query_one(CustomerTable)
        rows_before = [k.value for k in table.rows]
        table.move_cursor(row=137)
        await pilot.pause()
        detail = await open_first(pilot, h, row=137)
        opened = detail.customer.id
        await pilot.press("3")
        await settle(pilot)
        h.recorder.clear()
        await pilot.press("escape")
        await settle(pilot)
        assert h.app.screen is lst
        assert h.recorder.requests == []
        assert [k.value for k in table.rows] == rows_before
        assert table.cursor_row == 137
        assert lst.target_customer().id == opened
        assert lst.query_state == ListQuery(order="created_at")


async def test_json_tab_shows_the_raw_object(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, h)
        await pilot.press("5")
        await settle(pilot)
        body = text_of(screen.query_one("#json-body"))
        assert f'"id": "{screen.customer.id}"' in body
        assert '"object": "customer"' in body


async def test_redeemables_type_filter_asks_the_api_with_a_deep_object_filter(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, h)
        await pilot.press("3")
        await settle(pilot)
        h.recorder.clear()
        screen.query_one("#redeemables-type", Select).value = "LOYALTY_CARD"
        await settle(pilot)
        (call,) = h.recorder.api_requests()
        assert call.params["filters[voucher_type][conditions][$in][0]"] == "LOYALTY_CARD"
        table = screen.query_one("#tab-redeemables").query_one(DataTable)
        types = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert types <= {"LOYALTY_CARD"}


async def test_activity_filters_reach_the_api(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, h)
        await pilot.press("2")
        await settle(pilot)
        h.recorder.clear()
        screen.query_one("#activity-category", Select).value = "ACTION"
        await settle(pilot)
        start = screen.query_one("#activity-start")
        start.value = "2020-01-01"
        start.focus()
        await pilot.press("enter")
        await settle(pilot)
        calls = h.recorder.api_requests()
        assert calls[0].params["category"] == "ACTION"
        assert calls[-1].params["category"] == "ACTION"
        assert calls[-1].params["start_date"].startswith("2020-01-01T00:00:00")


async def test_a_failing_tab_shows_the_error_and_r_retries(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, h)
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "error", "status": 502, "count": 1, "method": "GET"},
        )
        await pilot.press("4")
        await settle(pilot)
        state = screen.query_one("#tab-segments").query_one("ListState")
        assert "502" in str(state.render()) and "-error" in state.classes
        await pilot.press("r")
        await settle(pilot)
        assert not state.display


async def test_segments_seen_are_offered_by_the_list_filter(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = None
        for row in range(20):  # find a customer with segments
            screen = await open_first(pilot, h, row=row)
            await pilot.press("4")
            await settle(pilot)
            if tab_rows(screen, "segments"):
                break
            await pilot.press("escape")
            await settle(pilot)
        assert screen is not None and tab_rows(screen, "segments")
        known = dict(h.app.context.known_segments)
        assert known
        await pilot.press("escape")
        await pilot.press("slash")
        await settle(pilot)
        lst = h.app.screen
        select = lst.query_one("#filter-segment_id", Select)
        seg_id = next(iter(known))
        h.recorder.clear()
        select.value = seg_id
        await settle(pilot)
        (call,) = h.recorder.api_requests()
        assert call.params["segment_id"] == seg_id
        assert h.state.load()["segments"] == known
