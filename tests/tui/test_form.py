"""The customer form against the in-process sandbox: diff, partial saves, checks, failures."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.harness import SIZE, settle, until
from vtui.tui.screens.confirm import ConfirmScreen
from vtui.tui.screens.customer_form import CustomerFormScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.diff_view import DiffScreen
from vtui.tui.widgets.customer_table import CustomerTable
from vtui.tui.widgets.metadata_rows import MetadataRow, MetadataRows


def field(app, name: str) -> Input:
    return app.screen.query_one(f"#f-{name}", Input)


def note(app, name: str) -> str:
    return str(app.screen.query_one(f"#note-{name}").render())


async def open_form(pilot, key: str = "e") -> CustomerFormScreen:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CustomerFormScreen)
    return screen


async def type_into(pilot, name: str, text: str) -> None:
    widget = field(pilot.app, name)
    widget.value = ""
    widget.focus()
    await pilot.press(*text) if text else None
    await pilot.pause()


async def test_edit_shows_the_diff_and_sends_only_the_changed_field(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        customer = form.customer
        await type_into(pilot, "city", "Gdansk")
        h.recorder.sent.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        diff = pilot.app.screen
        assert isinstance(diff, DiffScreen)
        assert [c.path for c in diff.changes] == ["address.city"]
        assert h.recorder.writes() == []  # nothing is sent before the diff is confirmed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerListScreen)
        (put,) = h.recorder.writes()
        assert put.method == "PUT" and put.path.endswith(customer.id)
        assert set(put.body) == {"address"}  # the address goes whole: the API replaces it
        assert put.body["address"]["city"] == "Gdansk"
        assert put.body["address"]["line_1"] == customer.address.line_1
        fresh = await h.get(customer.id)
        assert fresh.address.city == "Gdansk" and fresh.name == customer.name
        table = pilot.app.screen.query_one(CustomerTable)
        assert str(table.get_cell(customer.id, "city")) == "Gdansk"


async def test_invalid_email_is_flagged_as_you_type_and_nothing_is_sent(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await type_into(pilot, "email", "jane@nowhere")
        assert "Email must look like" in note(pilot.app, "email")
        h.recorder.sent.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerFormScreen)
        assert "Email must look like" in str(pilot.app.screen.query_one("#form-error").render())
        assert h.recorder.writes() == []
        await type_into(pilot, "phone", "+48 12a")
        assert "Phone may hold" in note(pilot.app, "phone")
        await type_into(pilot, "birthdate", "2020-02-30")
        assert "not a calendar date" in note(pilot.app, "birthdate")


async def test_injected_5xx_on_save_keeps_the_form_filled_and_shows_the_api_message(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        before = await h.get(form.customer.id)
        await type_into(pilot, "name", "Renamed Person")
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "error", "status": 503, "count": 1, "method": "PUT"},
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        assert field(pilot.app, "name").value == "Renamed Person"
        error = str(form.query_one("#form-error").render())
        assert "Not saved" in error and "503" in error
        assert (await h.get(form.customer.id)).name == before.name
        # The same form saves once the API is back.
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerListScreen)
        assert (await h.get(form.customer.id)).name == "Renamed Person"


async def test_emptying_a_field_says_it_will_be_cleared_and_sends_null(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert form.customer.address and form.customer.address.line_1
        await type_into(pilot, "description", "")
        if form.customer.description:
            assert "will be cleared" in note(pilot.app, "description")
        await type_into(pilot, "name", "")
        assert "will be cleared" in note(pilot.app, "name")
        h.recorder.sent.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        diff = pilot.app.screen
        assert isinstance(diff, DiffScreen)
        assert any(c.path == "name" and c.cleared for c in diff.changes)
        await pilot.press("ctrl+s")
        await settle(pilot)
        (put,) = h.recorder.writes()
        assert put.body["name"] is None
        assert (await h.get(form.customer.id)).name is None


async def test_new_customer_with_typed_metadata_is_created_and_shown_first(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "n")
        await type_into(pilot, "source_id", "crm-new-1")
        await type_into(pilot, "name", "Nina New")
        await type_into(pilot, "email", "nina@example.com")
        await pilot.press("ctrl+t")
        await settle(pilot)
        rows = list(pilot.app.screen.query(MetadataRow))
        row = rows[-1]
        row.query_one(".meta-key", Input).value = "visits"
        row.kind = "number"
        row.query_one(".meta-value", Input).value = "12"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DiffScreen)
        title = str(pilot.app.screen.query_one("#diff-title").render())
        assert title == "New customer: 4 fields will be set"  # nothing changes: it is new
        await pilot.press("ctrl+s")
        await settle(pilot)
        created = await h.get("crm-new-1")
        assert created is not None and created.name == "Nina New"
        assert created.metadata == {"visits": 12}
        table = pilot.app.screen.query_one(CustomerTable)
        assert str(table.coordinate_to_cell_key((0, 0)).row_key.value) == created.id


async def test_metadata_rows_check_keys_and_json_as_you_type(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "n")
        await pilot.press("ctrl+t")
        await settle(pilot)
        row = list(pilot.app.screen.query(MetadataRow))[-1]
        row.query_one(".meta-key", Input).value = "bad key"
        await pilot.pause()
        assert "must not contain spaces" in str(row.query_one(".meta-problem").render())
        row.query_one(".meta-key", Input).value = "prefs"
        row.kind = "json"
        row.query_one(".meta-value", Input).value = '{"a": 1'
        await pilot.pause()
        assert "Invalid JSON" in str(row.query_one(".meta-problem").render())
        _, problems = pilot.app.screen.query_one(MetadataRows).collect()
        assert problems


async def test_leaving_a_changed_form_asks_first_and_keeps_it_on_no(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, "name", "Half typed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is form
        assert field(pilot.app, "name").value == "Half typed"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerListScreen)
        assert h.recorder.writes() == []


async def test_unchanged_form_leaves_without_asking(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
