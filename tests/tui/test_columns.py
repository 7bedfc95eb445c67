"""The list's columns: from config.toml, from the column picker (remembered per profile, and
winning over the config), in the first frame, and metadata columns of mixed types."""

from __future__ import annotations

import io

import httpx
import pytest
from rich.console import Console
from textual.widgets._data_table import ColumnKey

from tests.tui.harness import SIZE, settle, until
from tests.tui.test_first_frame import ReadyPage, as_text, spy_frames
from vtui.api import VoucherifyClient
from vtui.config.list_columns import DEFAULT_COLUMNS, ColumnError
from vtui.config.resolve import resolve_profile
from vtui.tui.prefetch import fetch_first_page
from vtui.tui.screens.column_picker import ColumnPickerScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.session import MemoryUiState
from vtui.tui.widgets.customer_table import CustomerTable

CHOSEN = ("name", "email", "metadata.tier", "updated")


def list_of(app) -> CustomerListScreen:
    screen = app.screen
    assert isinstance(screen, CustomerListScreen)
    return screen


def header(screen: CustomerListScreen) -> list[str]:
    return [str(column.label) for column in screen.query_one(CustomerTable).columns.values()]


def write_config(folder, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text)


ENV = {"VOUCHERIFY_APP_ID": "app", "VOUCHERIFY_APP_TOKEN": "tok-0000000000"}


async def test_columns_from_the_profiles_config_show_in_their_order(harness, private_state):
    write_config(
        private_state,
        '[profiles.work]\napp_id = "app"\n\n[profiles.work.list]\n'
        'columns = ["name", "email", "metadata.tier", "updated"]\n',
    )
    profile = resolve_profile("work", env={**ENV, "VTUI_CONFIG_DIR": str(private_state)})
    assert profile is not None and profile.columns == CHOSEN and profile.problems == ()
    h = await harness(customers=200, columns=profile.columns)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        # Sorted newest first, so Created shows too (the sorted-by column always does).
        assert screen.column_ids() == [*CHOSEN, "created"]
        assert header(screen) == ["Name", "Email", "tier", "Updated", "Created"]
        first = screen.customers.values()[0]
        assert len(screen.query_one(CustomerTable).cells_of(first.id)) == 5


async def test_a_bad_column_in_config_gets_one_line_naming_file_and_key_and_defaults_are_used(
    harness, private_state
):
    write_config(
        private_state,
        '[profiles.work]\napp_id = "app"\n\n[profiles.work.list]\ncolumns = ["name", "emial"]\n',
    )
    profile = resolve_profile(
        "work", env={**ENV, "VTUI_CONFIG_DIR": str(private_state)}
    )  # not fatal: vtui still starts
    assert profile is not None and profile.columns is None
    (line,) = profile.problems
    assert str(private_state / "config.toml") in line
    assert "[profiles.work.list] columns" in line and "'emial'" in line
    assert "using the default columns" in line and "\n" not in line
    h = await harness(customers=200, columns=profile.columns, problems=profile.problems)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert list_of(h.app).column_ids() == list(DEFAULT_COLUMNS)
        assert h.notes.count(line) == 1


async def test_the_picker_adds_removes_and_reorders_and_the_choice_survives_a_restart(harness):
    state = MemoryUiState()
    h = await harness(customers=200, state=state)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Columns", "enter")
        await until(pilot, lambda: isinstance(h.app.screen, ColumnPickerScreen))
        await settle(pilot)
        # rows: name email source_id city country created phone updated
        await pilot.press("down", "down", "space")  # hide source_id
        await pilot.press("down", "down", "down", "down", "space")  # show phone
        await pilot.press("K", "K", "K", "K", "K")  # phone moves up to the 2nd row
        await pilot.press("tab", *"tier", "enter")  # add metadata.tier
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(h.app.screen, CustomerListScreen))
        await settle(pilot)
        chosen = ["name", "phone", "email", "city", "country", "created", "metadata.tier"]
        assert list_of(h.app).column_ids() == chosen
        assert header(list_of(h.app)) == [
            "Name",
            "Phone",
            "Email",
            "City",
            "Country",
            "Created",
            "tier",
        ]
        assert state.load()["columns"] == chosen
    again = await harness(customers=200, state=state)
    async with again.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert list_of(again.app).column_ids() == chosen


async def test_the_pickers_choice_wins_over_the_config_and_is_in_the_first_frame(harness):
    state = MemoryUiState({"columns": ["email", "name"]})
    h = await harness(customers=200, state=state, columns=CHOSEN)
    transport = httpx.ASGITransport(app=h.sandbox.app)
    async with VoucherifyClient("id", "t", "http://sb.test", transport=transport) as client:
        page = await fetch_first_page(client, state.load(), list(CHOSEN))
    assert page.columns == ("email", "name", "created")  # sorted newest first: Created too
    h.app.prefetch = ReadyPage(page)
    frames = spy_frames(h.app)
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any(name == "CustomerListScreen" for name, _ in frames))
        await settle(pilot)
        screen = list_of(h.app)
        assert screen.column_ids() == ["email", "name", "created"]
        listed = [r for r in h.recorder.api_requests("/v1/customers") if r.path == "/v1/customers"]
        assert listed == []  # the prefetched page was adopted: its columns were right
    first = next(text for name, text in frames if name == "CustomerListScreen")
    head = first.splitlines()[1].split()
    assert head == ["Email", "Name", "Created"]
    assert page.rows[0][1][0] in first  # the first row's email, whole


async def test_a_metadata_column_shows_mixed_types_plainly_and_inertly(harness):
    h = await harness(customers=20)
    values = [3, 2.5, True, None, "gold", {"level": [1, 2]}, "\x1b[31mred"]
    page = await h.client.customers.list(limit=len(values) + 1)
    for customer, value in zip(page.customers, values, strict=False):
        await h.client.customers.update(customer.id, {"metadata": {"tier": value}})
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        screen.set_columns(["name", "metadata.tier"])
        await settle(pilot)
        tier = screen.column_ids().index("metadata.tier")
        table = screen.query_one(CustomerTable)
        shown = [table.cells_of(c.id)[tier] for c in page.customers]
        assert shown == [
            "3",
            "2.5",
            "true",
            "null",
            "gold",
            '{"level": [1, 2]}',
            "\\x1b[31mred",
            "—",  # no tier at all
        ]
        table = screen.query_one(CustomerTable)
        rendered = as_text(h.app.screen._compositor.render_full_update())
        assert "\x1b" not in rendered and "\\x1b[31mred" in rendered
        assert table.row_count == 20


async def test_a_metadata_key_that_looks_like_markup_heads_its_column_as_typed(harness):
    h = await harness(customers=20)
    keys = ["[bold]x y", "[link=https://evil.example]click[/link]"]
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        screen.set_columns(["name", *(f"metadata.{key}" for key in keys)])
        await settle(pilot)
        table = screen.query_one(CustomerTable)
        for key in keys:
            label = table.columns[ColumnKey(f"metadata.{key}")].label
            assert label.plain == key and not label.spans  # no bold, no hyperlink
        sent = io.StringIO()
        Console(file=sent, width=SIZE[0], force_terminal=True, color_system="truecolor").print(
            h.app.screen._compositor.render_full_update()
        )
        assert "\x1b]8;" not in sent.getvalue()  # no OSC 8 hyperlink reaches the terminal


async def test_set_columns_refuses_an_unknown_column_and_changes_nothing(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        before = screen.column_ids()
        with pytest.raises(ColumnError, match="unknown column 'nmae'"):
            screen.set_columns(["nmae"])
        assert screen.column_ids() == before
        assert "columns" not in h.state.load()


async def test_r_in_the_picker_goes_back_to_the_configs_columns_and_forgets_the_choice(harness):
    state = MemoryUiState({"columns": ["email", "name"]})
    h = await harness(customers=200, state=state, columns=CHOSEN)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        assert screen.column_ids() == ["email", "name", "created"]
        screen.action_columns()
        await until(pilot, lambda: isinstance(h.app.screen, ColumnPickerScreen))
        await settle(pilot)
        await pilot.press("r", "enter")
        await until(pilot, lambda: h.app.screen is screen)
        await settle(pilot)
        assert screen.column_ids() == [*CHOSEN, "created"]
        assert "columns" not in state.load()


async def test_a_view_applies_filter_sort_and_columns_with_one_request(harness):
    from vtui.tui.list_query import ListQuery
    from vtui.tui.views import View, with_view

    h = await harness(customers=200)
    view = View("Warsaw", ListQuery(city="Warsaw", order="-updated_at"), ("name", "city"))
    h.state.save(with_view(h.state.load(), view))
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        h.recorder.clear()
        screen.apply_view("Warsaw")
        await settle(pilot)
        (call,) = h.recorder.api_requests("/v1/customers")
        assert call.params["city"] == "Warsaw" and call.params["order"] == "-updated_at"
        assert screen.column_ids() == ["name", "city", "updated"]
        assert h.state.load()["columns"] == ["name", "city"]
        assert h.state.load()["list"]["city"] == "Warsaw"
        assert all(row.city == "Warsaw" for row in screen.customers.values())


async def test_changing_the_columns_keeps_the_cursor_on_its_customer(harness, private_state):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await pilot.press(*"jjjjjj")  # row 7
        await settle(pilot)
        seventh = screen.highlighted_id()
        assert table.cursor_row == 6 and seventh is not None
        screen.set_columns(["email", "name"])
        await settle(pilot)
        assert screen.column_ids()[:2] == ["email", "name"]
        assert screen.highlighted_id() == seventh and table.cursor_row == 6
        assert "row 7 of 200" in str(screen.query_one("#list-count").render())
        screen.forget_columns()  # back to the defaults: still on the same customer
        await settle(pilot)
        assert screen.column_ids()[0] == "name" and screen.highlighted_id() == seventh


async def load_pages(pilot, table: CustomerTable, pages: int) -> None:
    """Hold the cursor near the end until `pages` pages are in (each comes as the cursor
    nears the last loaded row; a page can repeat a row the previous one had)."""
    while table.row_count <= (pages - 1) * 100 + 90:
        before = table.row_count
        table.move_cursor(row=before - 1)
        await until(pilot, lambda b=before: table.row_count > b)
        await settle(pilot)


async def mark_on_the_second_page(pilot, table: CustomerTable, row: int) -> None:
    """Load the second page, then mark `row` (0-based); the cursor moves to the next row,
    as space does."""
    await load_pages(pilot, table, 2)
    table.move_cursor(row=row)
    await settle(pilot)
    await pilot.press("space")
    await settle(pilot)


async def test_changing_the_columns_brings_back_marks_and_cursor_beyond_the_first_page(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await pilot.press("space")  # row 1 marked
        await mark_on_the_second_page(pilot, table, 160)  # the cursor moves to row 162
        target, marked = screen.highlighted_id(), set(screen.marked)
        assert len(marked) == 2 and table.cursor_row == 161
        loaded = len(screen.customers)
        screen.set_columns(["email", "name"])
        await until(pilot, lambda: screen.highlighted_id() == target and not screen.to_end)
        await settle(pilot)
        assert screen.marked == marked  # both marks back, one from the second page
        assert table.cursor_row == 161 and len(screen.customers) <= loaded
        assert "2 marked" in str(screen.query_one("#list-count").render())
        assert all(str(table.get_cell(i, "email")).startswith("● ") for i in marked)


async def test_refresh_keeps_the_cursor_on_its_customer_and_clears_the_marks(harness):
    h = await harness(customers=300)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await pilot.press("space", *"jjjj")
        await settle(pilot)
        target = screen.highlighted_id()
        assert table.cursor_row == 5 and len(screen.marked) == 1
        await pilot.press("r")
        await settle(pilot)
        assert screen.highlighted_id() == target and table.cursor_row == 5
        assert not screen.marked  # r is how the marks are cleared
        await pilot.press("space", "s")  # a new sort: another list, whose marks go, said
        await settle(pilot)
        assert not screen.marked
        assert any(n == "1 mark cleared: the filter or sort changed." for n in h.notes)


async def test_marks_a_stopped_reload_did_not_bring_back_are_unmarked_and_said(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await mark_on_the_second_page(pilot, table, 180)
        gate = h.recorder.hold(lambda r: "starting_after" in r.url.params)
        screen.set_columns(["email", "name"])
        await until(pilot, lambda: screen.to_end)  # looking for the mark on the second page
        await pilot.press("escape")
        gate.set()
        await settle(pilot)
        assert not screen.to_end and not screen.marked
        assert any("1 marked customer did not come back" in n for n in h.notes)
        assert "marked" not in str(screen.query_one("#list-count").render())
