"""The first frame a user sees of the list and of a customer is the real screen: rows, status
and the footer's keys together (no footer added later, no re-layout), and the footer puts the
look-up keys first."""

from __future__ import annotations

import io

import httpx
from rich.console import Console

from tests.tui.harness import SIZE, footer_text, settle, until
from vtui.api import VoucherifyClient
from vtui.tui.prefetch import FirstPage, fetch_first_page
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen


class ReadyPage:
    """The start-up's first page, already fetched (as the forked child hands it over)."""

    def __init__(self, page: FirstPage) -> None:
        self.page = page

    async def get(self, timeout: float) -> FirstPage | None:
        return self.page

    def cancel(self) -> None:
        return None


def as_text(renderable) -> str:
    console = Console(file=io.StringIO(), width=SIZE[0], record=True, color_system=None)
    console.print(renderable, end="")
    return console.export_text()


def spy_frames(app) -> list[tuple[str, str]]:
    """Every frame the app sends to the terminal, as (screen class, plain text)."""
    frames: list[tuple[str, str]] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None:
            frames.append((type(screen).__name__, as_text(renderable)))
        original(screen, renderable)

    app._display = display
    return frames


async def test_the_lists_first_frame_has_the_rows_the_status_and_the_footer_keys(harness):
    h = await harness(customers=200)
    transport = httpx.ASGITransport(app=h.sandbox.app)
    async with VoucherifyClient("id", "t", "http://sb.test", transport=transport) as client:
        page = await fetch_first_page(client, {})
    h.app.prefetch = ReadyPage(page)
    frames = spy_frames(h.app)
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any(name == "CustomerListScreen" for name, _ in frames))
        await settle(pilot)
        later = as_text(h.app.screen._compositor.render_full_update())
    first = next(text for name, text in frames if name == "CustomerListScreen")
    name_of_first_row = page.rows[0][1][0]
    assert name_of_first_row in first  # whole: the columns have their final widths
    assert first.splitlines()[:3] == later.splitlines()[:3]  # nothing re-laid out after
    assert "100 of 200 loaded" in first
    assert ": Jump" in first and "/ Filter" in first and "⏎ Open" in first
    assert "test · local sandbox" in first  # the status bar


async def test_the_first_frame_of_a_customer_has_the_overview_and_the_footer(harness):
    h = await harness(customers=200)
    frames = spy_frames(h.app)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        frames.clear()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(h.app.screen, CustomerDetailScreen))
        await settle(pilot)
        customer = h.app.screen.customer
    first = next(text for name, text in frames if name == "CustomerDetailScreen")
    assert "Overview" in first and "Contact" in first and customer.id in first
    assert ": Jump" in first and "esc Back" in first


async def test_the_footer_shows_look_ups_first_on_the_list_and_the_detail_at_80_columns(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerListScreen)
        assert footer_text(h.app.screen).startswith(": Jump  f Find  / Filter  ⏎ Open  ? Help")
        await pilot.press("enter")
        await settle(pilot)
        assert footer_text(h.app.screen).startswith(": Jump  esc Back  ? Help")


async def test_keys_that_need_a_row_show_once_the_rows_arrive(harness):
    h = await harness(customers=200)
    gate = h.recorder.hold(lambda request: request.url.path == "/v1/customers")
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(h.app.screen, CustomerListScreen))
        await pilot.pause(0.2)
        before = footer_text(h.app.screen)
        gate.set()
        await settle(pilot)
        after = footer_text(h.app.screen)
    assert "y Copy id" not in before  # nothing to copy yet
    assert "⏎ Open" in after and "y Copy id" in after
