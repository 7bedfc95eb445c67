"""What a reload keeps, under races: a hunt for the cursor's customer and the marks, and the
rows a hunt has accepted but not painted yet."""

from __future__ import annotations

from tests.tui.harness import SIZE, settle, until
from tests.tui.test_columns import list_of, load_pages
from vtui.tui.messages import CustomerDeleted, CustomerSaved
from vtui.tui.widgets.customer_table import CustomerTable

FOUR = ["email", "name", "source_id", "city"]


async def g_with_a_page_on_its_way(h, pilot, screen, table: CustomerTable):
    """`G` with page 3 held: page 2 is accepted but not painted yet. The held request's gate,
    and the id of a customer of page 2."""
    gate = h.recorder.hold(nth_later_page(2))
    await pilot.press("G")
    await until(pilot, lambda: len(screen.customers) > 150)
    assert table.row_count == 100
    return gate, screen.customers.keys()[150]


def nth_later_page(n: int):
    """A request matcher for the `n`th page request after the first (1-based)."""
    seen = [0]

    def matches(request) -> bool:
        if "starting_after" not in request.url.params:
            return False
        seen[0] += 1
        return seen[0] == n

    return matches


async def test_a_column_change_brings_back_a_second_page_mark_when_the_cursor_is_on_the_first(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await load_pages(pilot, table, 2)
        table.move_cursor(row=160)
        await settle(pilot)
        await pilot.press("space")
        table.move_cursor(row=5)  # the cursor's customer is on the first page
        await settle(pilot)
        target, marked = screen.highlighted_id(), set(screen.marked)
        screen.set_columns(["email", "name"])
        await settle(pilot)
        await until(pilot, lambda: not screen.to_end)
        await settle(pilot)
        assert screen.highlighted_id() == target
        assert not any("did not come back" in n for n in h.notes), h.notes
        assert screen.marked == marked


async def test_a_second_column_change_during_the_hunt_keeps_the_cursors_customer(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await load_pages(pilot, table, 2)
        table.move_cursor(row=170)
        await settle(pilot)
        target = screen.highlighted_id()
        gate = h.recorder.hold(nth_later_page(1))
        screen.set_columns(["email", "name"])
        await until(pilot, lambda: screen.to_end)  # hunting for row 171 on page 2
        screen.set_columns(["name", "email"])  # changed again before it is back
        gate.set()
        await settle(pilot)
        await until(pilot, lambda: not screen.to_end)
        await settle(pilot)
        assert screen.highlighted_id() == target


async def test_metadata_during_a_hunt_with_a_mark_accepted_but_not_painted_does_not_crash(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await load_pages(pilot, table, 3)
        table.move_cursor(row=160)
        await settle(pilot)
        await pilot.press("space")
        table.move_cursor(row=260)
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        gate = h.recorder.hold(nth_later_page(2))  # page 3 held: page 2 is accepted only
        screen.set_columns(FOUR)
        await until(pilot, lambda: len(screen.customers) > 150)
        assert table.row_count == 100  # page 2 accepted, not painted yet
        screen.action_metadata()  # what the metadata key does
        gate.set()
        await settle(pilot)


async def test_a_customer_deleted_elsewhere_while_its_page_waits_to_be_painted_is_not_shown(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        gate, pending = await g_with_a_page_on_its_way(h, pilot, screen, table)
        await h.client.customers.delete(pending)
        screen.post_message(CustomerDeleted(pending))
        await pilot.pause(0.1)  # handled while page 3 is held (settle would wait for it)
        assert pending not in screen.customers
        gate.set()
        await settle(pilot)
        assert pending not in table.rows and len(screen.customers) == table.row_count


async def test_creating_a_customer_keeps_the_columns_widths(harness, private_state):
    h = await harness(customers=150)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        before = {str(k.value): c.width for k, c in table.columns.items()}
        made = await h.client.customers.create(
            {"name": "Al " + "x" * 80, "email": "a@b.co", "source_id": "al-1"}
        )
        screen.post_message(CustomerSaved(made, created=True))
        await settle(pilot)
        assert table.row_count == 101
        after = {str(k.value): c.width for k, c in table.columns.items()}
        assert after["email"] >= before["email"], (before, after)  # other rows' emails not cut


async def test_a_customer_saved_elsewhere_while_its_page_waits_to_be_painted_shows_the_save(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        gate, pending = await g_with_a_page_on_its_way(h, pilot, screen, table)
        saved = await h.client.customers.update(pending, {"name": "Renamed Elsewhere"})
        screen.post_message(CustomerSaved(saved))
        await pilot.pause(0.1)  # handled while page 3 is held (settle would wait for it)
        assert screen.customers[pending].name == "Renamed Elsewhere"  # read while on its way
        gate.set()
        await settle(pilot)
        row = screen.customers.get(pending)
        assert row is not None and row.name == "Renamed Elsewhere"
        at = screen.column_ids().index("name")
        assert table.cells_of(pending)[at] == "Renamed Elsewhere"  # painted as saved


async def test_a_failed_page_during_the_hunt_does_not_say_the_marks_did_not_come_back(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await load_pages(pilot, table, 2)
        table.move_cursor(row=160)
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        gate = h.recorder.hold(nth_later_page(1))
        screen.set_columns(["email", "name"])
        await until(pilot, lambda: screen.to_end)
        fault = {"kind": "error", "status": 503, "count": 1, "operation": "list-customers"}
        await h.control("POST", "/_sandbox/faults", fault)
        gate.set()
        await until(pilot, lambda: screen.error is not None)
        await settle(pilot)
        assert not any("did not come back" in n for n in h.notes), h.notes


async def test_g_pressed_while_a_reload_looks_for_the_cursors_customer_goes_to_the_end(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await load_pages(pilot, table, 2)
        table.move_cursor(row=170)
        await settle(pilot)
        gate = h.recorder.hold(nth_later_page(1))
        screen.set_columns(["email", "name"])
        await until(pilot, lambda: screen.to_end)  # looking for row 171 on page 2
        await pilot.press("G")
        gate.set()
        await settle(pilot)
        await until(pilot, lambda: not screen.to_end)
        await settle(pilot)
        assert table.row_count == len(screen.customers) and not screen.cursor.has_more
        assert table.cursor_row == table.row_count - 1


async def test_a_column_change_brings_back_a_later_mark_when_the_cursor_is_near_the_first_pages_end(
    harness, private_state
):
    h = await harness(customers=400)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = list_of(h.app)
        table = screen.query_one(CustomerTable)
        await load_pages(pilot, table, 3)
        table.move_cursor(row=260)
        await settle(pilot)
        await pilot.press("space")
        table.move_cursor(row=90)  # in the first page, within its prefetch distance
        await settle(pilot)
        target, marked = screen.highlighted_id(), set(screen.marked)
        screen.set_columns(["email", "name"])
        await settle(pilot)
        await until(pilot, lambda: not screen.to_end)
        await settle(pilot)
        assert not any("did not come back" in n for n in h.notes), h.notes
        assert screen.marked == marked and screen.highlighted_id() == target
