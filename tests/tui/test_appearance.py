"""The theme chosen in the palette is remembered per profile and back on the first frame of
the next start; NO_COLOR sends no colour at all; the palette holds vtui's commands only,
and "Add a profile…" really logs in, saves and switches."""

from __future__ import annotations

import io
import re

import keyring
import pytest
from keyring.backends import fail
from rich.console import Console
from textual.widgets import Input, Select

from tests.tui.harness import SIZE, settle, until
from vtui.config import load_ui_state
from vtui.tui.commands import ADD_PROFILE
from vtui.tui.profiles import ConfigProfiles, ConfigUiState
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.welcome import WelcomeScreen

COLOUR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(app) -> set[str]:
    """SGR colour parameters in what the screen sends (filters applied, as the driver gets)."""
    update = app.screen._compositor.render_update(full=True)
    out = io.StringIO()
    Console(
        file=out, force_terminal=True, color_system="truecolor", width=SIZE[0], no_color=False
    ).print(update)
    found: set[str] = set()
    for params in COLOUR.findall(out.getvalue()):
        codes = [int(code) for code in params.split(";") if code]
        while codes:
            code = codes.pop(0)
            if code in (38, 48):  # 38;5;n or 38;2;r;g;b
                found.add(str(code))
                del codes[: 2 if codes[:1] == [5] else 4]
            elif 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.add(str(code))
    return found


async def pick_theme_in_palette(pilot, name: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"theme")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.5)
    await pilot.press(*name)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_theme_picked_in_the_palette_comes_back_on_the_next_start(harness):
    first = await harness(customers=20, state=ConfigUiState("test"))
    assert first.app.theme == "textual-dark"
    async with first.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick_theme_in_palette(pilot, "nord")
        assert first.app.theme == "nord"
    assert load_ui_state("test")["theme"] == "nord"
    assert load_ui_state("other") == {}  # per profile
    again = await harness(customers=20, state=ConfigUiState("test"))
    assert again.app.theme == "nord"  # set before the first frame is drawn
    seen: list[str] = []
    async with again.app.run_test(size=SIZE) as pilot:
        seen.append(again.app.current_theme.name)
        await settle(pilot)
        assert isinstance(again.app.screen, CustomerListScreen)
        background = again.app.screen.styles.background
        assert background == again.app.get_theme("nord").to_color_system().background
    assert seen == ["nord"]


async def test_a_theme_that_no_longer_exists_falls_back_to_the_default(harness):
    state = ConfigUiState("test")
    state.save({"theme": "no-such-theme"})
    h = await harness(customers=20, state=state)
    assert h.app.theme == "textual-dark"


async def test_no_color_sends_no_colour(harness, monkeypatch: pytest.MonkeyPatch):
    coloured = await harness(customers=20)
    async with coloured.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert colour_codes(coloured.app)  # the check can see colours when there are some
    monkeypatch.setenv("NO_COLOR", "1")
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert h.app.no_color
        assert colour_codes(h.app) == set()
        await pilot.press("slash")  # a field with its caret, a select
        await settle(pilot)
        assert colour_codes(h.app) == set()
        await pilot.press("escape", "enter")  # a customer: tabs, tables
        await settle(pilot)
        assert colour_codes(h.app) == set()


async def test_the_table_cursor_still_shows_without_colour(harness, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = h.app.screen.query_one("CustomerTable")
        style = table.get_component_rich_style("datatable--cursor")
        assert style.reverse


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
