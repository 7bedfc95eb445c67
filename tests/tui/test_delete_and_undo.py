"""Deletes (confirm, type-to-confirm), undo after an update and after a delete, read-only."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.harness import SIZE, settle, until
from vtui.tui.screens.confirm import ConfirmScreen, TypeToConfirmScreen
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.customer_table import CustomerTable


async def highlighted(h, app):
    """The highlighted customer as the API has it (the list keeps only rows)."""
    screen = app.screen
    assert isinstance(screen, CustomerListScreen)
    return await h.get(screen.target_customer().id)


async def delete_highlighted(pilot, h):
    """Delete the highlighted customer (ctrl+d, yes) and check it is gone; returns it."""
    await settle(pilot)
    victim = await highlighted(h, pilot.app)
    await pilot.press("ctrl+d")
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)
    assert await h.get(victim.id) is None
    return victim


async def undo_asked(pilot, answer: str = "y") -> str:
    """Press u where it must ask first (the change is not the customer on screen); returns
    the question asked."""
    from tests.tui.harness import text_of

    await pilot.press("u")
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    asked = text_of(pilot.app.screen.query_one(".confirm-body"))
    await pilot.press(answer)
    await settle(pilot)
    return asked


def row_ids(app) -> list[str]:
    return [str(k.value) for k in app.screen.query_one(CustomerTable).rows]


async def test_delete_asks_then_removes_the_row_without_reloading_the_list(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        victim = await highlighted(h, pilot.app)
        rows_before = len(row_ids(pilot.app))
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert await h.get(victim.id) is not None
        h.recorder.sent.clear()
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert await h.get(victim.id) is None
        assert victim.id not in row_ids(pilot.app)
        assert len(row_ids(pilot.app)) == rows_before - 1
        lists = [s for s in h.recorder.sent if s.method == "GET" and s.path == "/v1/customers"]
        assert lists == []  # the list changed in place, no reload
        assert any("Deleted" in n for n in h.notes)


async def test_permanent_delete_needs_the_source_id_typed_and_says_it_cannot_be_undone(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        victim = await highlighted(h, pilot.app)
        assert victim.source_id
        await pilot.press("D")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TypeToConfirmScreen)
        assert "cannot be undone" in str(dialog.query_one(".confirm-body").render())
        await pilot.press(*"wrong", "enter")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "not the source_id" in str(dialog.query_one("#confirm-problem").render())
        assert await h.get(victim.id) is not None
        dialog.query_one(Input).value = victim.source_id
        await pilot.press("enter")
        await settle(pilot)
        assert await h.get(victim.id) is None
        assert victim.id not in row_ids(pilot.app)
        (entry,) = h.journal.entries("test")
        assert entry.action == "delete_permanently" and not entry.undoable


async def test_delete_from_the_detail_goes_back_to_a_list_without_that_row(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        victim = await highlighted(h, pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerDetailScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerListScreen)
        assert victim.id not in row_ids(pilot.app)


async def test_undo_after_an_update_restores_the_previous_fields(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        customer = await highlighted(h, pilot.app)
        await pilot.press("e")
        await settle(pilot)
        name = pilot.app.screen.query_one("#f-name", Input)
        name.value = "Temporarily Renamed"
        phone = pilot.app.screen.query_one("#f-phone", Input)
        phone.value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        changed = await h.get(customer.id)
        assert changed.name == "Temporarily Renamed" and changed.phone is None
        await pilot.press("u")
        await settle(pilot)
        restored = await h.get(customer.id)
        assert restored.name == customer.name
        assert restored.phone == customer.phone
        assert restored.metadata == customer.metadata
        assert any("previous fields restored" in n for n in h.notes)
        # Nothing is left to undo afterwards.
        await pilot.press("u")
        await settle(pilot)
        assert any("Nothing to undo" in n for n in h.notes)


async def test_undo_after_a_delete_recreates_the_customer_and_says_the_id_changed(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        victim = await delete_highlighted(pilot, h)
        asked = await undo_asked(pilot)  # the row highlighted now is another customer
        assert victim.name in asked and "Deleted" in asked
        back = await h.get(victim.source_id)
        assert back is not None and back.id != victim.id
        assert (back.name, back.email, back.phone) == (victim.name, victim.email, victim.phone)
        assert back.address == victim.address and back.metadata == victim.metadata
        message = next(n for n in h.notes if n.startswith("Undone"))
        assert back.id in message and victim.id in message and "new id" in message
        await until(pilot, lambda: back.id in row_ids(pilot.app))


async def test_read_only_refuses_every_change_key_with_a_clear_message(harness):
    h = await harness(read_only=True)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("n", "e", "E", "ctrl+d", "D", "space", "m", "i", "u"):
            h.notes.clear()
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, CustomerListScreen), key
            assert any("Read-only mode" in n for n in h.notes), (key, h.notes)
        await pilot.press("enter")
        await settle(pilot)
        for key in ("e", "E", "ctrl+d", "D", "u"):
            h.notes.clear()
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, CustomerDetailScreen), key
            assert any("Read-only mode" in n for n in h.notes), (key, h.notes)
        assert h.recorder.writes() == []
        active = pilot.app.screen.active_bindings
        assert "ctrl+d" not in active or active["ctrl+d"].node is pilot.app  # hidden here


async def test_u_undoes_from_a_screen_without_rows_and_the_list_below_reloads(harness):
    from vtui.tui.screens.async_actions import AsyncActionsScreen

    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        victim = await delete_highlighted(pilot, h)
        await pilot.press("a")  # the jobs screen: no rows, no `u` of its own
        await settle(pilot)
        assert isinstance(pilot.app.screen, AsyncActionsScreen)
        await undo_asked(pilot)
        back = await h.get(victim.source_id)
        assert back is not None and back.email == victim.email
        assert any(n.startswith("Undone") for n in h.notes)
        assert not any("not available" in n for n in h.notes)
        await pilot.press("escape")
        await settle(pilot)
        await until(pilot, lambda: back.id in row_ids(pilot.app))
