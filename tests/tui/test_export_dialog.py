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
        assert len(rows) == 201  # the header and all 200 customers
        assert f"Exported 200 customers to {target}" in h.notes  # the full path
        listing = [s for s in h.recorder.sent if s.path == "/v1/customers"]
        assert listing  # every page came from the API, not from the rows on screen


async def test_export_as_json_keeps_the_current_filter(harness, tmp_path):
    h = await harness()
    target = tmp_path / "out.json"
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        city = next(c.city for c in screen.customers.values() if c.city)
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


async def export_to(pilot, path: str, *, raw: bool = False) -> ExportScreen:
    from textual.widgets import Checkbox

    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportScreen)
    dialog.query_one("#export-raw", Checkbox).value = raw
    dialog.query_one(Input).value = path
    dialog.query_one(Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    return dialog


async def test_an_existing_file_is_replaced_only_after_asking(harness, tmp_path):
    from vtui.tui.screens.confirm import ConfirmScreen

    h = await harness(customers=20)
    target = tmp_path / "taken.csv"
    target.write_text("precious\n")
    async with h.app.run_test(size=SIZE) as pilot:
        dialog = await export_to(pilot, str(target))
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert str(target) in str(pilot.app.screen.query_one(".confirm-body").render())
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is dialog and target.read_text() == "precious\n"
        dialog.query_one(Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
        assert target.read_text().startswith("Id,Source_id")


async def test_formula_cells_are_neutralised_unless_exported_for_re_import(harness, tmp_path):
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        victim = pilot.app.screen.target_customer()
        await h.client.customers.update(victim.id, {"name": "=HYPERLINK(1)", "phone": "+48 1"})
        safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
        await export_to(pilot, str(safe))
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
        await export_to(pilot, str(raw), raw=True)
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))

        def row(path):
            with path.open(newline="", encoding="utf-8") as handle:
                return next(r for r in csv.reader(handle) if r[0] == victim.id)

        assert row(safe)[2:5:2] == ["'=HYPERLINK(1)", "'+48 1"]
        assert row(raw)[2:5:2] == ["=HYPERLINK(1)", "+48 1"]


async def test_a_bare_file_name_goes_to_the_downloads_folder_the_dialog_names(
    harness, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        assert str(home / "Downloads") in str(dialog.query_one("#export-folder").render())
        assert dialog.query_one(Input).value.startswith(str(home / "Downloads"))
        dialog.query_one(Input).value = "bare.csv"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
        assert (home / "Downloads" / "bare.csv").exists()
        assert any(str(home / "Downloads" / "bare.csv") in n for n in h.notes)
