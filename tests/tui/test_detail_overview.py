"""The Overview as a new user meets it: whole headings, plain words for what is missing, and
keys that scroll it (and each tab) the moment it opens, at 80x24."""

from __future__ import annotations

from tests.svg_text import svg_lines
from tests.tui.harness import settle, text_of
from vtui.tui.messages import OpenCustomer
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.widgets.detail.overview import OverviewTab

SMALL = (80, 24)


async def open_bare(pilot, h) -> CustomerDetailScreen:
    """A customer with no address and no metadata, opened as `:` would open it."""
    bare = await h.client.customers.create({"source_id": "bare-1", "name": "Bare Customer"})
    await settle(pilot)
    h.app.post_message(OpenCustomer(bare))
    await settle(pilot)
    screen = h.app.screen
    assert isinstance(screen, CustomerDetailScreen) and screen.customer_id == bare.id
    return screen


async def test_missing_address_and_metadata_read_as_words_under_whole_headings(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=SMALL) as pilot:
        screen = await open_bare(pilot, h)
        body = text_of(screen.query_one("#overview-body"), width=76)
        assert "Address" in body and "Addre…" not in body
        assert "No address" in body
        assert "No metadata" in body
        assert "│" not in body  # no one-row table standing for nothing
        shown = "\n".join(svg_lines(h.app.export_screenshot()))
        assert "Address" in shown and "No address" in shown


async def test_keys_typed_right_after_open_scroll_the_overview(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter", "j", "j", "j")  # typed at once, before the detail painted
        await settle(pilot)
        overview = h.app.screen.query_one(OverviewTab)
        assert overview.max_scroll_y > 3  # there is something to scroll at 80x24
        assert overview.scroll_y == 3
        await pilot.press("G")
        await settle(pilot)
        assert overview.scroll_y == overview.max_scroll_y
        await pilot.press("g", "pagedown")
        await settle(pilot)
        assert 0 < overview.scroll_y <= overview.max_scroll_y


async def test_each_tab_takes_the_focus_so_its_keys_work_at_once(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerDetailScreen)
        focused = []
        for key in ("5", "2", "3", "1"):
            await pilot.press(key)
            await settle(pilot)
            assert h.app.focused is not None
            pane = screen.query_one(f"#{screen.active_tab}")
            assert pane in h.app.focused.ancestors_with_self
            focused.append(type(h.app.focused).__name__)
        assert focused == ["JsonTab", "DataTable", "DataTable", "OverviewTab"]
        await pilot.press("5", "j", "j")
        await settle(pilot)
        assert screen.query_one("#tab-json").scroll_y == 2
