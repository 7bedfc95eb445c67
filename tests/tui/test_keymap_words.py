"""Sentences that name a key (the list's empty and error lines, its count line, the form's
banner and buttons) name it as `[keys]` remapped it, not the default."""

from __future__ import annotations

from textual.widgets import Button

from tests.tui.harness import SIZE, settle, text_of, until
from tests.tui.test_form import open_form, type_into
from tests.tui.test_keymap import write_keys
from vtui.tui.list_query import ListQuery
from vtui.tui.screens.conflict import ChoiceScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.diff_view import DiffScreen


def list_of(app) -> CustomerListScreen:
    screen = app.screen
    assert isinstance(screen, CustomerListScreen)
    return screen


async def test_the_lists_sentences_name_the_remapped_keys(harness, private_state):
    write_keys(private_state, 'filter = "F"\nrefresh = "R"\nback = "ctrl+b"\nmetadata = "M"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        await pilot.press("space")  # one marked row: the count line says what sets metadata
        await settle(pilot)
        count = text_of(screen.query_one("#list-count"), 300)
        assert "(M sets metadata)" in count and "(m sets" not in count
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "error", "status": 500, "count": 1, "path": "/v1/customers"},
        )
        await pilot.press("G")
        await settle(pilot)
        count = text_of(screen.query_one("#list-count"), 300)
        assert "next page failed: R to retry" in count
        assert any("Press R to retry." in note for note in h.notes)
        assert not any("Press r to retry" in note for note in h.notes)
        screen.set_query(ListQuery(email="nobody@nowhere.invalid"))
        await settle(pilot)
        state = text_of(screen.query_one("#list-state"), 300)
        assert "Press F to change the filters." in state and "Press /" not in state
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "error", "status": 503, "count": 1, "path": "/v1/customers"},
        )
        await pilot.press("R")
        await settle(pilot)
        state = text_of(screen.query_one("#list-state"), 300)
        assert "503" in state and "Press R to retry." in state and "Press r " not in state


async def test_the_lists_G_line_names_the_remapped_stop_key(harness, private_state):
    write_keys(private_state, 'back = "ctrl+b"')
    h = await harness(customers=1000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "latency", "latency_ms": 150, "operation": "list-customers"},
        )
        await pilot.press("G")
        await until(pilot, lambda: len(screen.customers) >= 200, timeout=20)
        await pilot.pause(0.3)
        count = text_of(screen.query_one("#list-count"), 300)
        assert "ctrl+b stops" in count and "esc stops" not in count
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not screen.to_end


async def test_the_forms_sentences_and_buttons_name_the_remapped_keys(harness, private_state):
    write_keys(private_state, 'save = "f9"\nadd_metadata = "ctrl+y"')
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert str(form.query_one("#meta-add", Button).label) == "+ metadata key (ctrl+y)"
        cid = form.customer.id
        await type_into(pilot, "city", "Typed City")
        await h.client.customers.update(cid, {"description": "from elsewhere"})
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DiffScreen)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("r")  # load their version
        await settle(pilot)
        assert pilot.app.screen is form
        banner = text_of(form.query_one("#form-error"), 300)
        assert banner.strip().endswith("Review, then f9.") and "ctrl+s" not in banner


async def test_the_bulk_previews_sentences_and_buttons_name_the_remapped_keys(
    harness, private_state, tmp_path
):
    import json

    from tests.tui.test_jobs import open_import
    from vtui.tui.screens.bulk_preview import BulkPreviewScreen

    write_keys(private_state, 'send_creating = "C"\nback = "ctrl+b"')
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        path = tmp_path / "bulk.json"
        path.write_text(json.dumps([{"source_id": "nobody-12", "name": "Nobody"}]))
        await open_import(pilot, path, mode="bulk")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, BulkPreviewScreen))
        preview = pilot.app.screen
        summary = text_of(preview.query_one("#preview-summary"), 200)
        assert "Press C to send anyway; ctrl+b goes back." in summary
        assert str(preview.query_one("#preview-back", Button).label) == "Back (ctrl+b)"
        assert str(preview.query_one("#preview-c", Button).label) == "Send, creating 1 (C)"
        await pilot.press("ctrl+s")  # the ordinary key does not create: it says which does
        await pilot.pause(0.2)
        assert h.notes[-1].endswith("press C to confirm.")


async def test_the_not_the_true_end_warning_names_the_remapped_keys(
    harness, private_state, monkeypatch
):
    monkeypatch.setattr("vtui.tui.list_cursor.MAX_PAGE", 3)  # the API's page 99, sooner
    write_keys(private_state, 'sort = "o"\nfilter = "F"')
    h = await harness(customers=1000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        await pilot.press(*"oooo")  # source_id A→Z: paged by number
        await settle(pilot)
        assert screen.query_state.order == "source_id"
        await pilot.press("G")
        await until(pilot, lambda: not screen.to_end, timeout=30)
        await settle(pilot)
        assert any("Press o to sort by created, or F to filter, to reach" in n for n in h.notes)
