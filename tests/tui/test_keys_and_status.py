"""Help from the bindings, the command palette's entries, copy id, status bar, read-only."""

from __future__ import annotations

from tests.tui.harness import CANARY_TOKEN, SIZE, settle, text_of
from vtui.tui.app import VtuiApp
from vtui.tui.commands import system_commands
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.help import HelpScreen
from vtui.tui.widgets.status_bar import StatusBar


async def test_help_lists_the_keys_of_the_screen_it_was_opened_from(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(h.app.screen, HelpScreen)
        text = text_of(h.app.screen.query_one("#help-body"))
        for needle in ("Filter", "Sort", "Copy", "Refresh", "Open", "Jump", "Quit", "ctrl+p"):
            assert needle in text
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = text_of(h.app.screen.query_one("#help-body"))
        assert "Prev" in text and "Next" in text and "Back" in text
        assert "Filter" not in text


async def test_palette_offers_the_screen_actions_and_other_profiles(harness):
    class Profiles:
        def names(self) -> list[str]:
            return ["test", "staging"]

    h = await harness(customers=200)
    h.app.context.profiles = Profiles()  # type: ignore[assignment]
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in system_commands(h.app, h.app.screen)]
        assert any(t.startswith("Filter") for t in titles)
        assert any(t.startswith("Sort") for t in titles)
        assert "Switch profile: staging" in titles
        assert "Switch profile: test" not in titles
        all_titles = [c.title for c in h.app.get_system_commands(h.app.screen)]
        assert "Theme" in all_titles


async def test_y_copies_the_customer_id(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerListScreen)
        await pilot.press("y")
        assert h.app.clipboard == screen.target_customer().id
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "y")
        assert h.app.clipboard == h.app.screen.customer.id


async def test_status_bar_shows_profile_region_and_rate_limit_never_the_token(harness):
    h = await harness(customers=200, profile="acme")
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = text_of(h.app.screen.query_one(StatusBar))
        assert "acme" in text and "local sandbox" in text
        limit = h.client.rate_limit
        assert f"rate limit {limit.remaining}/{limit.limit} left" in text
        assert "READ-ONLY" not in text
        assert "? all keys" in text  # help stays reachable however full the footer is
        assert CANARY_TOKEN not in h.app.export_screenshot()


async def test_read_only_shows_in_the_status_bar_and_refuses_changes(harness):
    h = await harness(customers=200, read_only=True)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in text_of(h.app.screen.query_one(StatusBar))
        h.recorder.clear()
        await pilot.press("n")
        await settle(pilot)
        messages = [n.message for n in h.app._notifications]
        assert any("Read-only mode: creating customers is turned off" in m for m in messages)
        assert h.recorder.requests == []


def test_importing_the_tui_does_not_import_the_sandbox():
    import subprocess
    import sys

    code = (
        "import sys; import vtui.tui, vtui.tui.app, vtui.tui.screens.customer_list;"
        "import vtui.tui.screens.welcome;"
        "assert 'vtui.sandbox' not in sys.modules, 'sandbox imported';"
        "assert 'starlette' not in sys.modules, 'starlette imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_session_repr_hides_the_client():
    from vtui.tui.session import Session

    session = Session(client=object(), profile="p", region="EU")  # type: ignore[arg-type]
    assert repr(session) == "Session(profile='p', region='EU', read_only=False)"
    assert VtuiApp  # the app module imports without a session
