"""API strings in the change dialogs are inert: escapes show as text, never act."""

from __future__ import annotations

from tests.tui.harness import SIZE, settle, text_of
from tests.tui.test_form import open_form, type_into
from vtui.tui.screens.confirm import ConfirmScreen
from vtui.tui.screens.diff_view import DiffScreen

EVIL = "Evil\x1b]0;pwned\x07\u202eName"


async def test_delete_confirmation_and_diff_show_escapes_as_text(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        victim = pilot.app.screen.target_customer()
        await h.client.customers.update(victim.id, {"name": EVIL})
        form = await open_form(pilot)
        await settle(pilot)
        assert not form.reading
        assert "\\x1b" in text_of(form.query_one("#form-title"))
        await type_into(pilot, "name", "Plain")
        await pilot.press("ctrl+s")
        await settle(pilot)
        diff = pilot.app.screen
        assert isinstance(diff, DiffScreen)
        cells = [str(c) for c in diff.query_one("DataTable").get_row_at(0)]
        assert cells[1] == "Evil\\x1b]0;pwned\\x07\\u202eName"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # discard
        await settle(pilot)
        # ctrl+d reads the customer from the API: the confirmation names it as it is now.
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        body = text_of(pilot.app.screen.query_one(".confirm-body"))
        assert "\\x1b" in body and "\x1b" not in body and "\u202e" not in body
