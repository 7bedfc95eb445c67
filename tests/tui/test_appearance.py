"""The theme chosen in the palette is remembered per profile and back on the first frame of
the next start; NO_COLOR sends no colour at all."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from tests.tui.harness import SIZE, settle
from vtui.config import load_ui_state
from vtui.tui.profiles import ConfigUiState
from vtui.tui.screens.customer_list import CustomerListScreen

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
