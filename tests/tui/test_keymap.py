"""`[keys]` in config.toml: a remapped key works (typed at launch too), and the footer,
help, status bar and palette show it; bad entries get one line each and keep defaults."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from tests.tui.harness import SIZE, footer_text, settle, text_of, until
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.help import HelpScreen
from vtui.tui.screens.jump import JumpScreen
from vtui.tui.widgets.status_bar import StatusBar


def write_keys(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(f"[keys]\n{body}\n")
    return path


async def test_a_remapped_key_works_and_footer_help_and_palette_show_it(harness, private_state):
    write_keys(private_state, 'jump = "ctrl+g"\nhelp = "h"\nfilter = "F"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = h.app.screen
        footer = footer_text(screen)
        assert footer.startswith("^g Jump  f Find  F Filter")
        assert ": Jump" not in footer and "/ Filter" not in footer
        assert "h all keys" in text_of(screen.query_one(StatusBar), 200)
        titles = [c.title for c in h.app.get_system_commands(screen)]
        assert "Jump (^g)" in titles and "Filter (F)" in titles
        await pilot.press("colon")  # the old key does nothing now
        await settle(pilot)
        assert h.app.screen is screen
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(h.app.screen, HelpScreen)
        help_text = text_of(h.app.screen.query_one("#help-body"))
        assert "^g  Jump" in help_text and "F  Filter" in help_text
        assert ":  Jump" not in help_text
        await pilot.press("escape")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(h.app.screen, JumpScreen)
        assert h.notes == []


async def test_a_remapped_key_typed_at_launch_works(harness, private_state):
    write_keys(private_state, 'jump = "ctrl+g"')
    h = await harness(customers=200)
    page = await h.client.customers.list(limit=5)
    email = next(c.email for c in page.customers if c.email and "+" not in c.email)
    async with h.app.run_test(size=SIZE) as pilot:
        # Queued before any screen is up: the type-ahead dispatches it with the keymap.
        h.app.post_message(events.Key("ctrl+g", None))
        for ch in email:
            key = {"@": "at", ".": "full_stop", "-": "minus", "_": "underscore"}.get(ch, ch)
            h.app.post_message(events.Key(key, ch))
        await until(pilot, lambda: isinstance(h.app.screen, JumpScreen))
        await settle(pilot)
        assert h.app.screen.query_one(Input).value == email


async def test_a_remapped_letter_typed_into_a_field_stays_text(harness, private_state):
    write_keys(private_state, 'jump = "j"\ndown = "ctrl+n"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # the filter bar, focus in its first field
        await settle(pilot)
        assert isinstance(h.app.focused, Input)
        await pilot.press("j", "o")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerListScreen)
        assert h.app.focused.value == "jo"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(h.app.screen, JumpScreen)


async def test_an_unknown_id_is_named_with_a_suggestion_and_the_rest_apply(harness, private_state):
    path = write_keys(private_state, 'jmp = "ctrl+g"\nsort = "o"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert h.notes == [
            f"{path}: [keys] jmp: unknown binding id 'jmp' (did you mean 'jump'?); ignored"
        ]
        footer = footer_text(h.app.screen)
        assert ": Jump" in footer and "o Sort" in footer


async def test_a_key_bound_twice_is_named_and_both_keep_working(harness, private_state):
    path = write_keys(private_state, 'jump = "r"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert h.notes == [
            f"{path}: [keys] jump: 'r' is also Refresh (refresh) on the customer list; "
            "jump stays on ':'"
        ]
        await pilot.press("colon")
        await settle(pilot)
        assert isinstance(h.app.screen, JumpScreen)


async def test_a_malformed_key_and_a_wrong_shape_are_named(harness, private_state):
    path = write_keys(private_state, 'jump = "ctrl+"\nquit = 5\nhelp = "Ctrl+H"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # One notice, a line per entry: several toasts would not all fit a small terminal.
        assert h.notes == [
            "\n".join(
                [
                    f'{path}: [keys] quit: must be a key in quotes (like "ctrl+g"), not 5; ignored',
                    f"{path}: [keys] jump: 'ctrl+' is not a key (write keys like 'g', 'G', "
                    "'ctrl+g', 'f5', 'question_mark'; modifiers are ctrl, alt, shift, meta); "
                    "jump stays on ':'",
                    f"{path}: [keys] help: 'Ctrl+H' is not a key (write keys like 'g', 'G', "
                    "'ctrl+g', 'f5', 'question_mark'; modifiers are ctrl, alt, shift, meta); "
                    "help stays on '?,f1'",
                ]
            )
        ]


async def test_swapping_two_keys_is_no_clash(harness, private_state):
    write_keys(private_state, 'jump = "r"\nrefresh = ":"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert h.notes == []
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(h.app.screen, JumpScreen)


async def test_a_key_of_the_list_pressed_elsewhere_names_its_remapped_key(harness, private_state):
    write_keys(private_state, 'sort = "o"')
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # a customer: sort is the list's
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert h.notes[-1] == "o sorts the customer list."
        await pilot.press("s")
        await settle(pilot)
        assert h.notes[-1] == "o sorts the customer list."  # s is nothing now


async def test_a_remapped_palette_key_opens_it_and_the_status_bar_says_so(harness, private_state):
    from textual.command import CommandPalette

    write_keys(private_state, 'palette = "ctrl+k"')
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "^k commands" in text_of(h.app.screen.query_one(StatusBar), 200)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert not CommandPalette.is_open(h.app)
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert CommandPalette.is_open(h.app)


async def test_buttons_that_name_a_key_name_the_remapped_one(harness, private_state):
    from textual.widgets import Button

    from vtui.tui.screens.welcome import WelcomeScreen

    write_keys(private_state, 'log_in = "ctrl+o"')
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await h.app.push_screen(WelcomeScreen(adding=True))
        await settle(pilot)
        assert str(h.app.screen.query_one("#login-button", Button).label) == "Log in (ctrl+o)"
