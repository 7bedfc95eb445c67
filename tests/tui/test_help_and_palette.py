"""Help: one row per action with all its keys, headings a user would say, g/G listed.
The palette: vtui's commands only (no cursor or copy entries), and "Add a profile…" that
really logs in, saves the profile and switches to it."""

from __future__ import annotations

import keyring
from keyring.backends import fail
from textual.widgets import Input, Select

from tests.tui.harness import SIZE, settle, text_of, until
from vtui.tui.commands import ADD_PROFILE
from vtui.tui.profiles import ConfigProfiles
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.help import HelpScreen
from vtui.tui.screens.welcome import WelcomeScreen


async def test_help_lists_each_action_once_with_all_its_keys(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(h.app.screen, HelpScreen)
        lines = text_of(h.app.screen.query_one("#help-body")).splitlines()
        words = [line.strip() for line in lines]
        assert sum("Quit —" in line for line in words) == 1
        assert any(line.startswith("q  ^q  Quit") for line in words)
        assert sum("Command palette" in line for line in words) == 1
        assert any(line.startswith("g  ^home  Top") for line in words)
        assert any(line.startswith("G  ^end  Bottom") for line in words)
        await pilot.press("escape", "enter")  # a customer, focus in its tabs
        await settle(pilot)
        h.app.screen.query_one("ContentTabs").focus()
        await pilot.press("f1")
        await settle(pilot)
        text = text_of(h.app.screen.query_one("#help-body"))
        assert "ContentTabs" not in text and "Tabs" in text


async def test_the_palette_holds_vtui_commands_not_textual_internals(harness):
    h = await harness(customers=20, profiles=ConfigProfiles())
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in h.app.get_system_commands(h.app.screen)]
        for clutter in ("Keys", "Screenshot", "Maximize", "Quit"):  # Textual's own
            assert clutter not in titles
        for clutter in ("Cursor up", "Cursor down", "Page up", "Copy selected text", "Focus"):
            assert not any(t.startswith(clutter) for t in titles), clutter
        assert "Quit (q)" in titles and "Theme" in titles and "Jump (:)" in titles
        assert ADD_PROFILE in titles
        assert not any(t.startswith("Commands") for t in titles)


async def test_add_a_profile_logs_in_saves_and_switches(harness, private_state, monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        h = await harness(customers=20)
        h.app.context.profiles = ConfigProfiles(transport=h.recorder)
        async with h.app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            command = next(
                c for c in h.app.get_system_commands(h.app.screen) if c.title == ADD_PROFILE
            )
            command.callback()
            await until(pilot, lambda: isinstance(h.app.screen, WelcomeScreen))
            await settle(pilot)
            form = h.app.screen
            assert not form.query("#demo-button")
            await pilot.press("escape")  # changed my mind: back where I was
            await settle(pilot)
            assert isinstance(h.app.screen, CustomerListScreen)
            command.callback()
            await until(pilot, lambda: isinstance(h.app.screen, WelcomeScreen))
            await settle(pilot)
            form = h.app.screen
            form.query_one("#login-name", Input).value = "acme"
            form.query_one("#login-region", Select).value = "custom"
            form.query_one("#login-url", Input).value = "http://127.0.0.1:9"
            form.query_one("#login-app-id", Input).value = "acme-app"
            form.query_one("#login-token", Input).value = "acme-token-5b1"
            await pilot.press("ctrl+l")
            await until(pilot, lambda: isinstance(h.app.screen, CustomerListScreen))
            await settle(pilot)
            assert h.app.session is not None and h.app.session.profile == "acme"
            assert "[profiles.acme]" in (private_state / "config.toml").read_text()
            titles = [c.title for c in h.app.get_system_commands(h.app.screen)]
            assert "Switch profile: acme" not in titles  # it is the current one now
    finally:
        keyring.set_keyring(previous)
