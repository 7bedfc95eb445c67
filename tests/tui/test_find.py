"""`f` on the list: find as you type over the loaded rows, open a match, leave the list as it
was, load the rest, and keep the index in step with the rows."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.tui.harness import SIZE, footer_text, settle, until
from vtui.api import Address, CustomerCreate, CustomerUpdate
from vtui.tui.messages import CustomerDeleted, CustomerSaved
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.find import FindScreen
from vtui.tui.widgets.customer_table import CustomerTable
from vtui.tui.widgets.find_results import FindResults, FindStatus


async def lucia(h) -> str:
    """Two customers a support agent could mean; returns Lucía Rodríguez's id."""
    await h.client.customers.create(
        CustomerCreate(source_id="find-2", name="Lucas Rodrigues", email="lucas@example.pt")
    )
    made = await h.client.customers.create(
        CustomerCreate(
            source_id="find-1",
            name="Lucía Rodríguez",
            email="l.rodriguez@example.es",
            address=Address(city="Sevilla"),
        )
    )
    return made.id


def results(app) -> FindResults:
    return app.screen.query_one(FindResults)


def lit(widget: FindResults, row: int) -> list[str]:
    """The pieces of a drawn line in the match style (bold and underlined)."""
    strip = widget.render_line(row - widget.top)
    return [s.text for s in strip if s.style is not None and s.style.underline and s.style.bold]


def the_list(app) -> CustomerListScreen:
    return next(s for s in app.screen_stack if isinstance(s, CustomerListScreen))


def keys_line(app) -> str:
    return str(app.screen.query_one("#find-keys", Static).render())


def status(app) -> str:
    return app.screen.query_one(FindStatus).text.plain


async def test_typing_part_of_a_name_finds_it_ignoring_case_and_accents(harness):
    h = await harness(customers=150)
    target = await lucia(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"lucia rodr")
        await settle(pilot)
        found = results(h.app)
        assert isinstance(h.app.screen, FindScreen)
        assert found.result is not None and found.result.ids[0] == target
        assert found.highlighted == target
        assert lit(found, 0) == ["Lucía", "Rodr"]  # the original letters, accents and all
        assert status(h.app).startswith("1 match")


async def test_each_keystroke_narrows_the_matches(harness):
    h = await harness(customers=150)
    target = await lucia(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"luc")
        await settle(pilot)
        broad = results(h.app).count
        await pilot.press(*"ia rod")
        await settle(pilot)
        assert results(h.app).result.ids == (target,)
        assert broad > 1
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await settle(pilot)
        assert results(h.app).count > 1


async def test_enter_opens_the_highlighted_match_on_its_overview(harness):
    h = await harness(customers=150)
    await lucia(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"rodr")
        await settle(pilot)
        second = results(h.app).result.ids[1]
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerDetailScreen)
        assert screen.customer_id == second and screen.active_tab == "overview"
        await pilot.press("escape")
        await settle(pilot)
        assert h.app.screen.highlighted_id() == second  # the list shows where it came from


async def test_down_and_up_move_among_the_matches_while_typing(harness):
    h = await harness(customers=150)
    await lucia(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"rodr")
        await settle(pilot)
        ids = results(h.app).result.ids
        await pilot.press("down", "down")
        await settle(pilot)
        assert results(h.app).highlighted == ids[2]
        await pilot.press("up")
        await settle(pilot)
        assert isinstance(h.app.screen, FindScreen)
        assert results(h.app).highlighted == ids[1]


async def test_escape_leaves_the_list_as_it_was(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = h.app.screen.query_one(CustomerTable)
        table.move_cursor(row=40)
        await settle(pilot)
        before = (table.cursor_row, table.scroll_offset, h.app.screen.query_state)
        h.recorder.clear()
        await pilot.press("f", *"smith", "down", "down", "escape")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerListScreen)
        assert (table.cursor_row, table.scroll_offset, h.app.screen.query_state) == before
        assert h.recorder.api_requests() == []
        assert h.app.focused is table


async def test_letters_typed_in_find_never_fire_list_or_app_keys(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        order = h.app.screen.query_state.order
        h.recorder.clear()
        await pilot.press("f", *"sxyrem/n:aiq?u", "space")
        await settle(pilot)
        assert isinstance(h.app.screen, FindScreen)
        assert h.app.screen.query_one(Input).value == "sxyrem/n:aiq?u "
        assert h.recorder.api_requests() == []  # no refresh, no jump, no export
        assert h.app.screen_stack[-2:] == [the_list(h.app), h.app.screen]  # no help, form or dialog
        assert the_list(h.app).query_state.order == order
        assert h.notes == []


async def test_find_typed_before_the_first_page_arrives_shows_the_match_once_it_does(harness):
    h = await harness(customers=150)
    target = await lucia(h)
    gate = h.recorder.hold(lambda request: request.url.path == "/v1/customers")
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"lucia rodr")
        await until(pilot, lambda: isinstance(h.app.screen, FindScreen))
        assert results(h.app).count == 0
        gate.set()
        await until(pilot, lambda: results(h.app).highlighted == target)
        assert h.app.screen.query_one(Input).value == "lucia rodr"


async def test_load_the_rest_shows_progress_and_finds_rows_of_later_pages(harness):
    h = await harness(customers=350)
    oldest = (await h.client.customers.list(limit=1, order="created_at")).customers[0]
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *oldest.email)
        await settle(pilot)
        assert oldest.id not in results(h.app).result.ids
        assert "100 of 350 customers loaded · ^l loads the rest" in status(h.app)
        assert "load the rest" in keys_line(h.app)
        gate = h.recorder.hold(
            lambda r: r.url.path == "/v1/customers" and "starting_after" in r.url.params
        )
        await pilot.press("ctrl+l")
        await until(pilot, lambda: "loading… 100 of 350" in status(h.app))
        gate.set()
        await until(pilot, lambda: results(h.app).highlighted == oldest.id)
        await settle(pilot)
        assert "in all 350 customers" in status(h.app)
        assert the_list(h.app).cursor.loaded == 350
        assert "load the rest" not in keys_line(h.app)  # nothing left to load: not offered
        assert "esc close" in keys_line(h.app)


async def test_escape_stops_loading_the_rest_and_a_second_escape_closes(harness):
    h = await harness(customers=450)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        gate = h.recorder.hold(lambda r: "starting_after" in r.url.params)
        await pilot.press("f", "ctrl+l")
        await until(pilot, lambda: "loading…" in status(h.app))
        await pilot.press("escape")
        await until(pilot, lambda: "loading…" not in status(h.app))
        assert isinstance(h.app.screen, FindScreen)
        gate.set()  # the page in flight may land; no page is asked for after it
        await settle(pilot)
        pages = len(h.recorder.api_requests("/v1/customers"))
        await pilot.pause(0.3)
        assert len(h.recorder.api_requests("/v1/customers")) == pages  # no page after that
        assert the_list(h.app).cursor.loaded < 450
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerListScreen)


async def test_a_saved_customer_is_found_by_its_new_name_and_a_deleted_one_is_gone(harness):
    h = await harness(customers=150)
    target = await lucia(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"rodr")
        await settle(pilot)
        lucas = next(i for i in results(h.app).result.ids if i != target)
        renamed = await h.client.customers.update(target, CustomerUpdate(name="Lucía Zamora"))
        h.app.post_message(CustomerSaved(renamed))
        await h.client.customers.delete(lucas)
        h.app.post_message(CustomerDeleted(lucas))
        await until(pilot, lambda: lucas not in results(h.app).result.ids)
        assert target in results(h.app).result.ids  # still found by her email
        input_ = h.app.screen.query_one(Input)
        input_.value = "zamora"
        await settle(pilot)
        assert results(h.app).result.ids == (target,)
        input_.value = "lucas"
        await settle(pilot)
        assert lucas not in results(h.app).result.ids


async def test_the_footer_offers_find(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "f Find" in footer_text(h.app.screen)


async def test_a_failed_page_while_loading_the_rest_says_so_and_the_load_key_retries(harness):
    h = await harness(customers=350)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "error", "status": 503, "count": 1, "operation": "list-customers"},
        )
        await pilot.press("ctrl+l")
        await until(pilot, lambda: the_list(h.app).error is not None)
        await until(pilot, lambda: "next page failed: ^l tries again" in status(h.app))
        assert "loads the rest" not in status(h.app)
        await pilot.press("ctrl+l")  # r would be typed into find's box: ^l is the retry
        await until(pilot, lambda: "in all 350 customers" in status(h.app), timeout=10)
        assert the_list(h.app).cursor.loaded == 350 and the_list(h.app).error is None
        assert isinstance(h.app.screen, FindScreen)


async def test_rows_read_from_the_tables_cells_give_the_values_the_api_gave(harness):
    """The list keeps no copy of a row's texts: they are its cells. A name made inert for the
    screen is kept as the API gave it, so find lights the real letters and a change names the
    real customer; with the city column hidden, find still searches the city."""
    h = await harness(customers=150, columns=("name", "email", "source_id"))
    hostile = await h.client.customers.create(
        CustomerCreate(
            source_id="find-hostile",
            name="Zoë \x1b]0;pwned\x07Quartz",
            email="zq@example.com",
            address=Address(city="Třebíč"),
        )
    )
    target = await lucia(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = the_list(h.app)
        table = screen.query_one(CustomerTable)
        assert "Zoë \\x1b]0;pwned\\x07Quartz" in table.cells_of(hostile.id)  # shown inert
        assert screen.customers[hostile.id].name == hostile.name  # the value, not the cell
        assert screen.customers[target].city == "Sevilla"  # no column shows it: kept
        assert screen.customers[target].name == "Lucía Rodríguez"  # read from the cells
        table.move_cursor(row=table.get_row_index(hostile.id))
        await pilot.press("space")
        await settle(pilot)
        assert screen.customers.marked_ids() == [hostile.id]
        assert screen.customers[hostile.id].name == hostile.name  # the marked cell's dot left out
        await pilot.press("f", *"trebic")
        await settle(pilot)
        assert results(h.app).result.ids == (hostile.id,)
        line = "".join(s.text for s in results(h.app).render_line(0))
        assert "\x1b" not in line and "Zoë" in line
