"""The list says where it stands: row N of M, loading… while a page is in flight (the
sandbox's latency fault makes it slow), G to the true end (esc or a move stops it), counts
right after an import, and the sorted-by column always shown."""

from __future__ import annotations

from tests.tui.harness import SIZE, settle, until
from tests.tui.test_jobs import HEADER, open_import, through_preview, write_csv
from vtui.tui.context import context
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.job_progress import JobProgressScreen
from vtui.tui.widgets.customer_table import CustomerTable


def count_of(screen: CustomerListScreen) -> str:
    return str(screen.query_one("#list-count").render())


def list_of(app) -> CustomerListScreen:
    screen = app.screen
    assert isinstance(screen, CustomerListScreen)
    return screen


async def slow_pages(h, ms: int) -> None:
    """Every list page answers `ms` late (the sandbox's latency fault)."""
    answer = await h.control(
        "POST",
        "/_sandbox/faults",
        {"kind": "latency", "latency_ms": ms, "operation": "list-customers"},
    )
    assert answer.status_code == 201


async def test_the_count_line_says_which_row_of_how_many_and_follows_the_cursor(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        assert count_of(screen).startswith("row 1 of 200 · 100 of 200 loaded")
        await pilot.press("j", "j", "down")
        await settle(pilot)
        assert count_of(screen).startswith("row 4 of 200")
        await pilot.press("g")
        await settle(pilot)
        assert count_of(screen).startswith("row 1 of 200")


async def test_loading_shows_while_the_first_page_takes_two_seconds(harness):
    h = await harness(customers=200)
    await slow_pages(h, 2000)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await wait_for_list(pilot)
        await pilot.pause(0.5)  # the answer is still 1.5 s away
        assert screen.query_one(CustomerTable).row_count == 0
        assert "loading…" in count_of(screen)
        await until(pilot, lambda: screen.query_one(CustomerTable).row_count == 100, timeout=10)
        await settle(pilot)
        assert "loading…" not in count_of(screen)
        assert count_of(screen).startswith("row 1 of 200")


async def wait_for_list(pilot) -> CustomerListScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
    return list_of(pilot.app)


async def test_loading_shows_while_a_next_page_takes_two_seconds(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        await slow_pages(h, 2000)
        screen.query_one(CustomerTable).move_cursor(row=90)  # near the end: the next page
        await pilot.pause(0.5)
        assert screen.fetching
        assert "loading…" in count_of(screen) and "row 91 of 200" in count_of(screen)
        await until(pilot, lambda: not screen.fetching, timeout=10)
        await settle(pilot)
        loaded = screen.query_one(CustomerTable).row_count
        assert loaded > 100  # (a created_at tie at the page's edge can leave one for later)
        assert "loading…" not in count_of(screen)
        assert f"{loaded} of 200 loaded" in count_of(screen)


async def test_G_loads_every_page_and_puts_the_cursor_on_the_last_customer(harness):
    h = await harness(customers=1000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        h.recorder.clear()
        await pilot.press("G")
        await until(pilot, lambda: not screen.to_end, timeout=30)
        await settle(pilot)
        assert table.row_count == len(screen.customers) == 1000
        assert table.cursor_row == 999
        assert count_of(screen).startswith("row 1,000 of 1,000 · 1,000 of 1,000 loaded")
        pages = h.recorder.api_requests("/v1/customers")
        assert len(pages) >= 9 and all("starting_after" in p.params for p in pages)
        oldest = (await h.client.customers.list(limit=1, order="created_at")).customers[0]
        assert screen.highlighted_id() == oldest.id  # the true end: the oldest customer


async def test_G_says_loading_N_of_M_and_esc_stops_it_keeping_what_came(harness):
    h = await harness(customers=1000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await slow_pages(h, 150)
        await pilot.press("G")
        await until(pilot, lambda: len(screen.customers) >= 300, timeout=20)
        await pilot.pause(0.3)  # a batch painted
        assert "loading… " in count_of(screen) and "of 1,000 · esc stops" in count_of(screen)
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.to_end
        loaded = len(screen.customers)
        assert 300 <= loaded < 1000 and table.row_count == loaded
        assert "loading" not in count_of(screen)
        assert count_of(screen).startswith(f"row 1 of 1,000 · {loaded:,} of 1,000 loaded")
        assert table.cursor_row == 0  # stopped: the cursor stays where it was


async def test_a_cursor_move_stops_G(harness):
    h = await harness(customers=1000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        await slow_pages(h, 150)
        await pilot.press("G")
        await until(pilot, lambda: len(screen.customers) >= 200, timeout=20)
        await pilot.press("j")
        await settle(pilot)
        assert not screen.to_end
        assert len(screen.customers) < 1000
        assert count_of(screen).startswith("row 2 of 1,000")


async def test_counts_are_right_after_an_import_finishes_without_r(harness, tmp_path):
    rows = [
        [f"imp-{n}", f"Person {n}", f"p{n}@example.com", "1990-01-02", "Oslo", "Nike"]
        for n in range(5)
    ]
    path = write_csv(tmp_path / "five.csv", [HEADER, *rows])
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        assert "of 200 loaded" in count_of(screen)
        first = screen.highlighted_id()
        await open_import(pilot, path)
        await through_preview(pilot, "c")  # 5 new customers: c confirms
        await until(pilot, lambda: isinstance(pilot.app.screen, JobProgressScreen))
        board = context(pilot.app).jobs
        await until(pilot, lambda: all(job.finished for job in board.jobs.values()), timeout=20)
        await until(pilot, lambda: "of 205 loaded" in count_of(screen), timeout=10)
        # The five are newest: on top; the cursor stays on the customer it was on.
        assert count_of(screen).startswith("row 6 of 205 · 100 of 205 loaded")
        assert screen.highlighted_id() == first


async def test_sorting_by_updated_shows_the_updated_column(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        assert "updated" not in screen.column_ids()
        await pilot.press("s", "s")  # oldest first, then recently updated first
        await settle(pilot)
        assert screen.query_state.order == "-updated_at"
        assert screen.column_ids()[-1] == "updated"
        table = screen.query_one(CustomerTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[-1] == "Updated"
        updated = screen.column_ids().index("updated")
        first = (await h.client.customers.list(limit=1, order="-updated_at")).customers[0]
        assert first.updated_at is not None
        shown = screen.query_one(CustomerTable).cells_of(first.id)[updated]
        assert shown == first.updated_at.strftime("%Y-%m-%d")
        await pilot.press("s", "s")  # source_id A→Z: its column is a default one
        await settle(pilot)
        assert "updated" not in screen.column_ids() and "source_id" in screen.column_ids()


async def test_G_says_so_when_the_api_stops_paging_an_order_before_the_end(harness, monkeypatch):
    monkeypatch.setattr("vtui.tui.list_cursor.MAX_PAGE", 3)  # the API's page 99, sooner
    h = await harness(customers=1000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        await pilot.press(*"ssss")  # source_id A→Z: paged by number, not by cursor
        await settle(pilot)
        assert screen.query_state.order == "source_id"
        await pilot.press("G")
        await until(pilot, lambda: not screen.to_end, timeout=30)
        await settle(pilot)
        assert len(screen.customers) == 300 and screen.cursor.capped
        assert any("lists only the first 300 customers in this order" in n for n in h.notes)
        assert "only to page 99" in count_of(screen)
        assert count_of(screen).startswith("row 300 of 1,000 · 300 of 1,000 loaded")


async def test_a_new_sort_during_G_drops_the_old_orders_rows(harness):
    h = await harness(customers=1000)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        await slow_pages(h, 150)
        await pilot.press("G")
        await until(pilot, lambda: len(screen.customers) >= 200, timeout=20)
        await pilot.press("s")  # oldest first: the list starts over
        await until(pilot, lambda: not screen.fetching, timeout=20)
        await settle(pilot)
        table = screen.query_one(CustomerTable)
        assert screen.query_state.order == "created_at" and not screen.to_end
        assert table.row_count == len(screen.customers) == 100
        oldest = (await h.client.customers.list(limit=1, order="created_at")).customers[0]
        assert screen.customers.ids()[0] == oldest.id
        assert count_of(screen).startswith("row 1 of 1,000 · 100 of 1,000 loaded")
