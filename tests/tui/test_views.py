"""Saved views: save from the palette, switch with `v` and the palette, delete, and the last
view back on the first frame of the next start (rows, columns and title)."""

from __future__ import annotations

import httpx
from textual.widgets import Input, OptionList

from tests.tui.harness import SIZE, settle, text_of, until
from tests.tui.test_first_frame import ReadyPage, as_text, spy_frames
from vtui.api import VoucherifyClient
from vtui.tui.list_query import ListQuery
from vtui.tui.prefetch import fetch_first_page
from vtui.tui.screens.confirm import ConfirmScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.views import SaveViewScreen, ViewsScreen
from vtui.tui.session import MemoryUiState
from vtui.tui.views import views_in

WARSAW = ListQuery(city="Warsaw")
BERLIN = ListQuery(city="Berlin", order="created_at")


def the_list(app) -> CustomerListScreen:
    return next(s for s in app.screen_stack if isinstance(s, CustomerListScreen))


def title(app) -> str:
    return text_of(the_list(app).query_one("#list-title")).strip()


async def palette(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*command)
    await pilot.pause(0.3)  # the palette searches on a timer
    await pilot.press("enter")
    await settle(pilot)


async def save_view(pilot, name: str) -> None:
    await palette(pilot, "Save view")
    assert isinstance(pilot.app.screen, SaveViewScreen)
    pilot.app.screen.query_one(Input).value = name
    await pilot.press("enter")
    await settle(pilot)


async def show(pilot, query: ListQuery) -> None:
    the_list(pilot.app).set_query(query)
    await settle(pilot)


async def test_save_a_view_from_the_palette_keeps_filter_sort_and_columns(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, WARSAW)
        columns = the_list(h.app).column_ids()
        await save_view(pilot, "  VIP in   Warsaw ")
        assert isinstance(h.app.screen, CustomerListScreen)
        assert title(h.app).startswith("Customers › VIP in Warsaw · newest first")
    (view,) = views_in(h.state.load()).values()
    assert (view.name, view.query, list(view.columns or ())) == ("VIP in Warsaw", WARSAW, columns)


async def test_a_view_needs_a_printable_name(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await save_view(pilot, "   ")
        assert isinstance(h.app.screen, SaveViewScreen)
        assert "Give the view a name." in text_of(h.app.screen.query_one("#view-problem"))
        h.app.screen.query_one(Input).value = "bad\x1b[31mname"
        await pilot.press("enter")
        await settle(pilot)
        assert "control characters" in text_of(h.app.screen.query_one("#view-problem"))
    assert views_in(h.state.load()) == {}


async def test_saving_over_a_name_asks_first(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, WARSAW)
        await save_view(pilot, "Mine")
        await show(pilot, BERLIN)
        await save_view(pilot, "Mine")
        assert isinstance(h.app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert views_in(h.state.load())["Mine"].query == WARSAW  # kept as it was
        assert isinstance(h.app.screen, SaveViewScreen)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerListScreen)
    assert views_in(h.state.load())["Mine"].query == BERLIN


async def test_v_switches_views_and_the_title_follows(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, BERLIN)
        await save_view(pilot, "Berlin, oldest")
        await show(pilot, WARSAW)
        await save_view(pilot, "Warsaw")
        await show(pilot, ListQuery())
        assert title(h.app) == "Customers · newest first"
        h.recorder.clear()
        await pilot.press("v")
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, ViewsScreen)
        options = screen.query_one(OptionList)
        assert [options.get_option_at_index(i).id for i in range(2)] == ["Berlin, oldest", "Warsaw"]
        await pilot.press("down", "enter")
        await settle(pilot)
        listing = the_list(h.app)
        assert h.app.screen is listing and listing.query_state == WARSAW
        assert title(h.app).startswith("Customers › Warsaw · newest first")
        (call,) = h.recorder.api_requests("/v1/customers")
        assert call.params["city"] == "Warsaw"  # one request, with the view's filter
        assert h.state.load()["list"] == WARSAW.to_state()  # where the first page reads it
        await pilot.press("s")  # the view changed: no longer that view
        await settle(pilot)
        assert title(h.app).startswith("Customers · oldest first")


async def test_each_view_is_a_palette_command(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, BERLIN)
        await save_view(pilot, "Berlin, oldest")
        await show(pilot, ListQuery())
        await palette(pilot, "View: Berlin")
        assert the_list(h.app).query_state == BERLIN
        assert title(h.app).startswith("Customers › Berlin, oldest")


async def test_a_view_named_or_filtered_like_markup_is_a_palette_command_as_typed(harness):
    from textual.command import CommandPalette

    h = await harness(customers=150)
    name = "[link=https://e.x]L[/] [reverse]V"
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, ListQuery(city="[bold]Nowhere"))
        await save_view(pilot, name)
        await show(pilot, ListQuery())
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"View: [link")
        await pilot.pause(0.3)
        palette_screen = h.app.screen
        assert isinstance(palette_screen, CommandPalette)
        shown = as_text(palette_screen._compositor.render_full_update())
        assert f"View: {name}" in shown and "[bold]Nowhere" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert the_list(h.app).query_state == ListQuery(city="[bold]Nowhere")
        assert not any("wrong" in note or "Markup" in note for note in h.notes)


async def test_a_view_brings_back_its_columns(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = the_list(h.app)
        listing.set_columns(["name", "email", "city", "created"])
        await settle(pilot)
        await save_view(pilot, "Narrow")
        listing.set_columns(["name", "email", "source_id", "city", "country", "phone", "created"])
        await settle(pilot)
        assert title(h.app) == "Customers · newest first"  # other columns: not that view
        await palette(pilot, "View: Narrow")
        assert listing.column_ids() == ["name", "email", "city", "created"]
        assert title(h.app).startswith("Customers › Narrow")


async def test_d_deletes_a_view_once_confirmed(harness):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, WARSAW)
        await save_view(pilot, "Warsaw")
        await pilot.press("v", "d")
        await settle(pilot)
        assert isinstance(h.app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert "Warsaw" in views_in(h.state.load())
        await pilot.press("delete", "y")
        await settle(pilot)
        assert isinstance(h.app.screen, ViewsScreen)
        assert "No saved views yet" in text_of(h.app.screen.query_one("#views-empty"))
        await pilot.press("escape")
        await settle(pilot)
        assert title(h.app).startswith("Customers · newest first")
    assert views_in(h.state.load()) == {}
    assert "view" not in h.state.load()


async def test_the_last_view_is_back_on_the_first_frame_of_the_next_start(harness):
    state = MemoryUiState()
    h = await harness(customers=300, state=state)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, WARSAW)
        the_list(h.app).set_columns(["name", "city", "email", "created"])
        await settle(pilot)
        await save_view(pilot, "Warsaw")
        await show(pilot, BERLIN)
        await palette(pilot, "View: Warsaw")
    warsaw = (await h.client.customers.list(city="Warsaw", limit=1)).customers[0]

    # The next start: the same UI state; the first page fetched as the forked child does.
    again = await harness(customers=300, state=state)
    transport = httpx.ASGITransport(app=again.sandbox.app)
    async with VoucherifyClient("id", "t", "http://sb.test", transport=transport) as client:
        page = await fetch_first_page(client, state.load())
    again.app.prefetch = ReadyPage(page)
    frames = spy_frames(again.app)
    async with again.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any(name == "CustomerListScreen" for name, _ in frames))
    first = next(text for name, text in frames if name == "CustomerListScreen")
    lines = first.splitlines()
    assert lines[0].strip().startswith("Customers › Warsaw · newest first · filter: city=Warsaw")
    assert lines[1].split() == ["Name", "City", "Email", "Created"]
    assert warsaw.name in first and "Warsaw" in lines[2]


async def test_a_view_without_the_sorted_by_column_still_names_itself(harness):
    """The list adds the column it is sorted by; the view is still the one shown."""
    from vtui.tui.views import View, applied, with_view

    view = View("Londoners", ListQuery(city="London"), ("email", "name", "city"))
    state = MemoryUiState()
    state.save(applied(with_view({}, view), view))
    h = await harness(customers=150, state=state)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert the_list(h.app).column_ids() == ["email", "name", "city", "created"]
        assert title(h.app).startswith("Customers › Londoners")


async def test_a_view_of_other_columns_keeps_the_marks_and_one_of_another_list_says_it_drops_them(
    harness,
):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = the_list(h.app)
        listing.set_columns(["name", "email", "created"])
        await settle(pilot)
        await save_view(pilot, "Narrow")  # the same list (newest first), other columns
        await show(pilot, WARSAW)
        await save_view(pilot, "Warsaw")
        await show(pilot, ListQuery())
        listing.set_columns(["name", "city", "created"])
        await settle(pilot)
        await pilot.press("space", "j", "space")
        await settle(pilot)
        marked = set(listing.marked)
        assert len(marked) == 2
        await palette(pilot, "View: Narrow")
        assert listing.column_ids() == ["name", "email", "created"]
        assert listing.marked == marked  # the same customers, shown otherwise
        await palette(pilot, "View: Warsaw")
        assert not listing.marked
        assert "2 marks cleared: the filter or sort changed." in h.notes
