"""Laid out for 80x24 first: what a new user saw cut or covered there now shows whole."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input
from textual.widgets._toast import Toast

from tests.svg_text import svg_lines
from tests.tui.harness import FIXED_NOW, settle, until
from tests.tui.test_first_frame import as_text
from tests.tui.test_jobs import HEADER, open_import, through_preview, write_csv
from vtui.tui.app import VtuiApp
from vtui.tui.screens.async_actions import AsyncActionsScreen
from vtui.tui.screens.connecting import ConnectingScreen
from vtui.tui.screens.job_progress import JobProgressScreen
from vtui.tui.widgets.detail.activity import ActivityTab
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.status_bar import StatusBar

SMALL = (80, 24)


async def test_seeding_progress_ends_at_a_whole_100_percent_at_80_columns():
    release = asyncio.Event()

    async def seeding(progress):
        progress(2000, 2000)
        await release.wait()
        raise RuntimeError("stop here")

    app = VtuiApp(seeding, now=lambda: FIXED_NOW)
    async with app.run_test(size=SMALL) as pilot:
        try:
            await until(pilot, lambda: isinstance(app.screen, ConnectingScreen))
            # Pushed is not yet composed: under load the bar can be a frame away.
            await until(pilot, lambda: app.screen.query("#connecting-progress"))
            await until(pilot, lambda: app.screen.query_one("#connecting-progress").display)
            await pilot.pause(0.3)  # (settle would wait for the held connection)
            lines = svg_lines(app.export_screenshot())
        finally:
            release.set()
    (bar,) = [line for line in lines if "━" in line]
    assert bar.rstrip().endswith("━ 100%")
    assert len(bar) <= SMALL[0]
    assert any("2,000 customers" in line for line in lines)


async def test_a_toast_sits_above_the_status_bar_flush_with_the_right_edge(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        h.app.notify("Copied something rather long to see it wrap", timeout=30)
        await until(pilot, lambda: h.app.screen.query(Toast))
        await settle(pilot)
        (toast,) = h.app.screen.query(Toast)
        status = h.app.screen.query_one(StatusBar).region
        footer = h.app.screen.query_one(KeyBar).region
        assert toast.region.bottom <= status.y < footer.y
        assert toast.region.right == SMALL[0]  # no columns of what is under it show through
        lines = svg_lines(h.app.export_screenshot())
        assert lines[status.y].rstrip().endswith("? all keys · ctrl+p commands")


async def test_the_filter_bar_gives_email_room_at_80_columns(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        bar = h.app.screen
        email = bar.query_one("#filter-email", Input)
        assert email.region.width >= 25
        for field in bar.query(".filter-field"):
            assert field.region.right <= SMALL[0]
            assert field.region.width >= 12  # a whole "≥ YYYY-MM-DD"


async def test_the_jobs_list_shows_every_column_whole_at_80_columns(harness, tmp_path):
    path = write_csv(tmp_path / "two.csv", [HEADER, ["two-1", "Two One", "", "", "", ""]])
    h = await harness(customers=20)
    async with h.app.run_test(size=SMALL) as pilot:
        await open_import(pilot, path)
        await through_preview(pilot, "c")
        await until(pilot, lambda: isinstance(pilot.app.screen, JobProgressScreen))
        job = pilot.app.screen.job
        await until(pilot, lambda: job.finished, timeout=20)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(h.app.screen, AsyncActionsScreen)
        table = h.app.screen.query_one(DataTable)
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.scrollable_content_region.width
        lines = svg_lines(h.app.export_screenshot())
        (row,) = [line for line in lines if job.async_action_id in line]
        assert "this run · CSV import of 1 row" in row


async def test_activity_columns_fit_80_columns_and_details_wrap(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        tab = h.app.screen.query_one(ActivityTab)
        table = tab.table
        assert table.row_count > 0
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.scrollable_content_region.width
        for widget in tab.query(".tab-filters > *"):
            assert widget.region.right <= SMALL[0]
        region = table.region
        lines = svg_lines(h.app.export_screenshot())[region.y : region.bottom]
        assert not any("…" in line for line in lines)  # wrapped, never cut
        assert any("loyalty_card" in line for line in lines)  # a long type, folded


async def test_a_10000_character_name_leaves_the_tabs_and_the_form_in_view(harness):
    from vtui.tui.screens.customer_detail import CustomerDetailScreen
    from vtui.tui.screens.customer_form import CustomerFormScreen

    h = await harness(customers=20)
    first = (await h.client.customers.list(limit=1)).customers[0]
    await h.client.customers.update(first.id, {"name": "L" * 10_000})
    async with h.app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerDetailScreen)
        header = h.app.screen.query_one("#detail-header")
        assert header.size.height <= 4 and header.region.bottom < SMALL[1]
        shown = as_text(h.app.screen._compositor.render_full_update())
        assert "1 Overview" in shown and "Contact" in shown
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerFormScreen)
        assert h.app.screen.query_one("#form-title").size.height <= 2
        shown = as_text(h.app.screen._compositor.render_full_update())
        assert "Email" in shown and "Phone" in shown
