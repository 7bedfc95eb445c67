"""Text typed by a user or held by a customer is shown as typed wherever it lands in a
Static or Label (which read plain strings as markup): never styled, never a hyperlink,
never a MarkupError that stops vtui."""

from __future__ import annotations

from tests.tui.harness import SIZE, settle, text_of
from tests.tui.test_detail import open_first
from vtui.tui.screens.customer_form import CustomerFormScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.metadata_bulk import MetadataBulkScreen

BAD = "[link=https://e.x]"
NAME = "[link=https://e.x]N[/link] [bold]B"


async def test_markup_typed_into_a_filter_date_is_reported_as_typed(harness):
    h = await harness(customers=50)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = h.app.screen
        assert isinstance(screen, CustomerListScreen)
        field = screen.query_one("#filter-created_after")
        field.value = BAD
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert h.app.is_running and h.app.return_code is None
        problem = text_of(screen.query_one("#filter-problem"), 200)
        assert f"'{BAD}' is not a date" in problem


async def test_markup_typed_into_an_activity_date_is_reported_as_typed(harness):
    h = await harness(customers=50)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, h)
        await pilot.press("2")
        await settle(pilot)
        start = screen.query_one("#activity-start")
        start.value = BAD
        start.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert h.app.is_running and h.app.return_code is None
        assert BAD in text_of(screen.query_one("#activity-problem"), 200)


async def test_a_customer_named_like_markup_heads_the_form_and_the_metadata_targets(harness):
    h = await harness(customers=50)
    page = await h.client.customers.list(limit=1)
    first = page.customers[0]
    await h.client.customers.update(first.id, {"name": NAME})
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = h.app.screen
        assert isinstance(form, CustomerFormScreen)
        assert text_of(form.query_one("#form-title"), 200).startswith(f"Edit {NAME}")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("space", "m")
        await settle(pilot)
        bulk = h.app.screen
        assert isinstance(bulk, MetadataBulkScreen)
        assert f"Targets: {NAME}" in text_of(bulk.query_one("#meta-targets"), 200)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g", "enter", "5")  # the customer (space moved down), its JSON
        await settle(pilot)
        assert NAME in text_of(h.app.screen.query_one("#detail-header"), 200)
        assert h.app.is_running and not any("Markup" in note for note in h.notes)


async def test_a_segment_named_like_markup_is_offered_by_the_filter_as_named(harness):
    from textual.widgets import Select

    h = await harness(customers=50)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.app.context.learn_segments([("seg_x", NAME)])
        await pilot.press("slash")
        await settle(pilot)
        select = h.app.screen.query_one("#filter-segment_id", Select)
        select.value = "seg_x"
        await settle(pilot)
        assert h.app.is_running
        assert NAME in text_of(select.query_one("SelectCurrent #label"), 200)


async def test_a_csv_header_like_markup_is_previewed_as_written(harness, tmp_path):
    from textual.widgets import DataTable
    from textual.widgets._data_table import ColumnKey

    from tests.tui.test_jobs import open_import, write_csv

    header = "[link=https://e.x]tier"
    path = write_csv(tmp_path / "in.csv", [["source_id", "name", header], ["s-1", "Ann", "x"]])
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, path)
        assert h.app.is_running
        table = screen.query_one("#imp-preview", DataTable)
        assert table.columns[ColumnKey("c2")].label.plain == header
