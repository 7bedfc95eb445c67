"""`u` names its target: it asks before undoing a change to a customer not on screen, and
never restores over a change made elsewhere since (the user may pass the entry over)."""

from __future__ import annotations

from tests.tui.harness import SIZE, settle, text_of, until
from vtui.tui.context import context
from vtui.tui.screens.confirm import ConfirmScreen
from vtui.tui.screens.conflict import ChoiceScreen
from vtui.tui.screens.customer_list import CustomerListScreen


async def rename_other(pilot, h, name: str):
    """Rename (through the journaled core) a customer that is not the highlighted one."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CustomerListScreen)
    shown = await h.get(screen.target_customer().id)
    other = await h.get(next(c.id for c in screen.customers.values() if c.id != shown.id))
    await context(pilot.app).changes().update(other, {"name": name})
    return shown, other


async def test_u_asks_before_undoing_a_change_to_a_customer_not_on_screen(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        shown, other = await rename_other(pilot, h, "Renamed Out Of Sight")
        h.recorder.clear()
        await pilot.press("u")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        asked = text_of(pilot.app.screen.query_one(".confirm-body"))
        assert "Renamed Out Of Sight" in asked  # names the customer it would change
        assert (shown.name or shown.id) in asked  # and the one on screen
        await pilot.press("n")
        await settle(pilot)
        assert h.recorder.writes() == []
        assert (await h.get(other.id)).name == "Renamed Out Of Sight"
        assert any("Not undone" in n for n in h.notes)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert (await h.get(other.id)).name == other.name


async def test_u_on_the_customer_on_screen_goes_ahead_without_asking(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = await h.get(pilot.app.screen.target_customer().id)
        await context(pilot.app).changes().update(shown, {"name": "On Screen Rename"})
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert (await h.get(shown.id)).name == shown.name


async def test_undo_over_an_outside_change_is_refused_and_can_be_passed_over(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = await h.get(pilot.app.screen.target_customer().id)
        await context(pilot.app).changes().update(shown, {"name": "Ours"})
        await h.client.customers.update(shown.id, {"name": "Theirs Since"})
        h.recorder.clear()
        await pilot.press("u")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        body = text_of(pilot.app.screen.query_one(".confirm-body"))
        assert "Theirs Since" in body and "Not undone" in body
        assert h.recorder.writes() == []
        await pilot.press("p")
        await settle(pilot)
        assert (await h.get(shown.id)).name == "Theirs Since"
        assert any(n.startswith("Passed over") for n in h.notes)
        await pilot.press("u")  # the passed-over entry is not offered again
        await settle(pilot)
        assert any("Nothing to undo" in n for n in h.notes)


async def test_an_interrupted_change_is_checked_on_the_server_before_u_acts(harness):
    """vtui stopped mid-save (the intent is journaled, no outcome): `u` checks the server;
    the change never landed, so nothing is sent and the entry is resolved."""
    from vtui.changes import fields as cf
    from vtui.changes.writes import _pair

    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = await h.get(pilot.app.screen.target_customer().id)
        before = cf.snapshot(await h.get(shown.id))
        ctx = context(pilot.app)
        ctx.journal.begin(
            profile=ctx.profile,
            action="update",
            summary=f"Updated {cf.label(before)}: name",
            customers=[_pair(before, cf.apply(before, {"name": "Never Sent"}) | {"id": shown.id})],
        )
        h.recorder.clear()
        await pilot.press("u")
        await settle(pilot)
        assert h.recorder.writes() == []
        assert any("never reached the server" in n for n in h.notes)
        assert (await h.get(shown.id)).name == shown.name
