"""Jump (`:`): by id, source_id or email; several matches give a pick list; none says so."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.harness import SIZE, settle
from vtui.api import CustomerCreate
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.jump import JumpScreen
from vtui.tui.screens.pick_customer import PickCustomerScreen
from vtui.tui.widgets.customer_table import CustomerTable


async def jump(pilot, text: str) -> None:
    await pilot.press("colon")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JumpScreen)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_jump_by_id_opens_the_customer(harness):
    h = await harness(customers=200)
    page = await h.client.customers.list(limit=5, order="created_at")
    target = page.customers[3]
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.recorder.clear()
        await jump(pilot, target.id)
        screen = h.app.screen
        assert isinstance(screen, CustomerDetailScreen)
        assert screen.customer.id == target.id
        assert [r.path for r in h.recorder.api_requests()] == [f"/v1/customers/{target.id}"]


async def test_jump_by_source_id_opens_the_customer(harness):
    h = await harness(customers=200)
    page = await h.client.customers.list(limit=100)
    target = next(c for c in page.customers if c.source_id and "@" not in c.source_id)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, target.source_id)
        assert isinstance(h.app.screen, CustomerDetailScreen)
        assert h.app.screen.customer.id == target.id


async def test_jump_by_email_with_one_match_goes_through_the_list_filter(harness):
    h = await harness(customers=200)
    page = await h.client.customers.list(limit=100)
    target = next(c for c in page.customers if c.email)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.recorder.clear()
        await jump(pilot, target.email.upper())
        assert isinstance(h.app.screen, CustomerDetailScreen)
        assert h.app.screen.customer.id == target.id
        (call,) = h.recorder.api_requests()
        assert call.path == "/v1/customers" and call.params["email"] == target.email.upper()


async def test_jump_by_email_with_several_matches_gives_a_pick_list(harness):
    h = await harness(customers=0)
    for n in range(3):
        await h.client.customers.create(
            CustomerCreate(source_id=f"twin-{n}", name=f"Twin {n}", email="twin@example.com")
        )
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "twin@example.com")
        screen = h.app.screen
        assert isinstance(screen, PickCustomerScreen)
        table = screen.query_one(CustomerTable)
        assert table.row_count == 3
        table.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerDetailScreen)
        assert h.app.screen.customer.name.startswith("Twin")


async def test_jump_to_nothing_says_so_and_stays_open(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "nobody-at-all")
        screen = h.app.screen
        assert isinstance(screen, JumpScreen)
        assert "No customer has the id, source_id or email 'nobody-at-all'" in str(
            screen.query_one("#jump-result").render()
        )
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerListScreen)


async def test_the_no_match_message_wraps_whole_inside_the_box_at_80_columns(harness):
    from tests.svg_text import svg_lines

    h = await harness(customers=20)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "someone.not.here@example.com")
        assert isinstance(h.app.screen, JumpScreen)
        result = h.app.screen.query_one("#jump-result")
        box = h.app.screen.query_one("#jump-box").content_region
        assert result.region.right <= box.right
        lines = svg_lines(h.app.export_screenshot())[result.region.y : result.region.bottom]
        shown = " ".join(line[result.region.x : result.region.right].strip() for line in lines)
        assert shown == "No customer has the id, source_id or email 'someone.not.here@example.com'."
