"""`x`: the export dialog writes the list's filtered customers to the path the user picks."""

from __future__ import annotations

import csv
import json

from textual.widgets import Input

from tests.tui.harness import SIZE, settle, until
from vtui.tui.list_query import ListQuery
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.export_dialog import ExportScreen


async def test_export_writes_every_customer_of_the_filter_by_cursor(harness, tmp_path):
    h = await harness()
    target = tmp_path / "out.csv"
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one(Input).value = str(target)
        h.recorder.sent.clear()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
        with target.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][:3] == ["Id", "Source_id", "Name"]
        assert len(rows) == 61  # the header and all 60 customers
        assert any(n.startswith("Exported 60 customers") for n in h.notes)
        listing = [s for s in h.recorder.sent if s.path == "/v1/customers"]
        assert listing  # every page came from the API, not from the rows on screen


async def test_export_as_json_keeps_the_current_filter(harness, tmp_path):
    h = await harness()
    target = tmp_path / "out.json"
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        city = next(
            c.address.city for c in screen.customers.values() if c.address and c.address.city
        )
        screen.set_query(ListQuery(city=city))
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        dialog.query_one("#export-format").value = "json"
        dialog.query_one(Input).value = str(target)
        dialog.query_one(Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
        exported = json.loads(target.read_text())
        assert exported and {c["address"]["city"] for c in exported} == {city}
        assert len(exported) == len(screen.customers)


async def test_export_to_a_missing_folder_says_so_and_stays_open(harness, tmp_path):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        dialog.query_one(Input).value = str(tmp_path / "nope" / "x.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "does not exist" in str(dialog.query_one("#export-status").render())
