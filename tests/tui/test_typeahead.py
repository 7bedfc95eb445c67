"""Type-ahead: every key typed from launch is handled, in order, once the screen it targets
can take it; keys needing the session wait for it; letters typed into fields stay text."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import Input, Select

from tests.tui.harness import SIZE, settle, until
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.jump import JumpScreen


def burst(app, text: str, *, enter: bool = True) -> None:
    """Keys as one burst (a paste, or keys queued before the app reads them): all posted
    at once, none waits for the one before, as the terminal driver delivers them."""
    for ch in text:
        key = {":": "colon", "@": "at", ".": "full_stop", "_": "underscore", "-": "minus"}.get(
            ch, ch
        )
        app.post_message(events.Key(key, ch))
    if enter:
        app.post_message(events.Key("enter", "\r"))


async def some_email(h) -> tuple[str, str]:
    page = await h.client.customers.list(limit=50)
    customer = next(c for c in page.customers if c.email and "+" not in c.email)
    return customer.id, customer.email


async def test_a_jump_typed_before_the_session_opens_opens_that_customer(harness):
    h = await harness(customers=200)
    customer_id, email = await some_email(h)
    gate = asyncio.Event()
    connect = h.app._connect

    async def slow_connect(progress):
        await gate.wait()
        return await connect(progress)

    h.app._connect = slow_connect
    async with h.app.run_test(size=SIZE) as pilot:
        burst(h.app, ":" + email)  # typed at launch, before any screen is up
        await until(pilot, lambda: isinstance(h.app.screen, JumpScreen))
        await pilot.pause(0.2)
        assert h.app.session is None  # the look-up waits for the session, keys kept
        gate.set()
        await until(pilot, lambda: isinstance(h.app.screen, CustomerDetailScreen))
        await settle(pilot)
        screen = h.app.screen
        assert screen.customer_id == customer_id
        assert screen.query_one("#detail-tabs").active == "overview"
        assert h.notes == []  # nothing refused, nothing "still connecting"


async def test_keys_in_the_same_burst_as_the_one_opening_a_dialog_go_to_the_dialog(harness):
    h = await harness(customers=200)
    customer_id, email = await some_email(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        list_screen = h.app.screen
        burst(h.app, ":" + email)
        await until(pilot, lambda: isinstance(h.app.screen, CustomerDetailScreen), timeout=15)
        await settle(pilot)
        assert h.app.screen.customer_id == customer_id
        # None of the letters reached the list as shortcuts (a: jobs, m: metadata, i: import…)
        assert [type(s).__name__ for s in h.app.screen_stack[1:]] == [
            "CustomerListScreen",
            "CustomerDetailScreen",
        ]
        assert list_screen.query_state.order == "-created_at"


async def test_a_burst_of_letters_lands_in_a_field_in_order_around_the_keys_between(harness):
    """Letters queued behind each other go into an input as one insertion; a key between
    them (a cursor move, a backspace) still acts at its place in the order."""
    h = await harness(customers=5)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(h.app, ":abc", enter=False)
        for key, ch in (("left", None), ("left", None), ("X", "X"), ("end", None)):
            h.app.post_message(events.Key(key, ch))
        burst(h.app, "de", enter=False)
        h.app.post_message(events.Key("backspace", None))
        burst(h.app, "fg", enter=False)
        await until(pilot, lambda: isinstance(h.app.screen, JumpScreen))
        await settle(pilot)
        assert h.app.screen.query_one(Input).value == "aXbcdfg"


async def test_keys_typed_after_enter_wait_for_the_customer_and_then_act_on_it(harness):
    h = await harness(customers=200)
    _, email = await some_email(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(h.app, ":" + email)
        h.app.post_message(events.Key("3", "3"))  # the Redeemables tab, typed ahead
        await until(pilot, lambda: isinstance(h.app.screen, CustomerDetailScreen), timeout=15)
        await settle(pilot)
        assert h.app.screen.query_one("#detail-tabs").active == "redeemables"


async def test_an_enter_typed_before_vtui_took_the_terminal_still_submits(harness):
    """Typed in cooked mode, Enter arrives as a newline (ctrl+j): it still means enter."""
    h = await harness(customers=200)
    customer_id, email = await some_email(h)
    async with h.app.run_test(size=SIZE) as pilot:
        burst(h.app, ":" + email, enter=False)
        h.app.post_message(events.Key("ctrl+j", "\n"))
        await until(pilot, lambda: isinstance(h.app.screen, CustomerDetailScreen), timeout=15)
        await settle(pilot)
        assert h.app.screen.customer_id == customer_id


async def test_letters_typed_into_the_filter_bar_fields_never_fire_shortcuts(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = h.app.screen
        email = screen.query_one("#filter-email", Input)
        assert email.has_focus
        await pilot.press(*"miaq")
        await settle(pilot)
        assert email.value == "miaq" and h.app.screen is screen and h.app.is_running
        screen.query_one("#filter-segment_id", Select).focus()
        await pilot.pause()
        await pilot.press("m", "i", "a", "x", "q", "n")
        await settle(pilot)
        assert h.app.screen is screen and h.app.is_running
        assert isinstance(screen, CustomerListScreen)


async def test_ctrl_c_quits_and_exits_zero(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert not h.app.is_running and h.app.return_code == 0


async def test_ctrl_c_copies_the_selected_text_of_a_field_instead_of_quitting(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"berlin")
        await settle(pilot)
        field = h.app.screen.query_one("#filter-email", Input)
        field.select_all()
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert h.app.is_running and h.app.clipboard == "berlin"


async def test_q_quits_from_the_list_but_is_a_letter_in_the_jump_field(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("colon", "q")
        await settle(pilot)
        assert h.app.is_running
        assert h.app.screen.query_one(Input).value == "q"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert not h.app.is_running
