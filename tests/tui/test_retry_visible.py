"""A retried request shows in the status bar while it is pending, and not after (issue 6)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from tests.tui.harness import CANARY_TOKEN, SIZE, Harness, settle, text_of, until
from vtui.tui.retry_notice import PendingRetries
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.status_bar import StatusBar


def hold_retries(h: Harness) -> tuple[asyncio.Event, asyncio.Event]:
    """Make the client's wait before a retry last until the test opens the gate."""
    waiting, gate = asyncio.Event(), asyncio.Event()

    async def sleep(seconds: float) -> None:
        waiting.set()
        await gate.wait()

    h.client.retry_policy.sleep = sleep
    h.client.retry_policy.jitter = lambda: 1.0
    return waiting, gate


async def fault(h: Harness, **spec: Any) -> None:
    response = await h.control("POST", "/_sandbox/faults", spec)
    assert response.status_code == 201, response.text


def bar(pilot: Any) -> str:
    return text_of(pilot.app.screen.query_one(StatusBar), width=200)


async def test_status_bar_says_it_is_retrying_the_list_while_pending_and_not_after(harness):
    h = await harness(customers=200, max_retries=2)
    _, gate = hold_retries(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "retrying" not in bar(pilot)
        await fault(h, kind="error", status=503, count=1, path="/v1/customers", method="GET")
        await pilot.press("r")
        await until(pilot, lambda: "retrying" in bar(pilot))
        assert "retrying GET customers (2/3) after 503" in bar(pilot)
        assert "test · local sandbox" in bar(pilot)  # the usual status stays beside it
        assert CANARY_TOKEN not in h.app.export_screenshot()
        gate.set()
        await settle(pilot)
        assert "retrying" not in bar(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerListScreen) and screen.target_customer() is not None


async def test_the_first_page_retrying_at_start_up_shows_with_a_countdown(harness):
    h = await harness(customers=200, max_retries=2)
    await fault(h, kind="rate_limit", retry_after=30, count=1, path="/v1/customers")
    h.client.retry_policy.max_retry_after = 60
    async with h.app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "retrying" in bar(pilot))
        first = re.search(r"after 429 rate limited in (\d+\.\d) s…", bar(pilot))
        assert first is not None, bar(pilot)
        await pilot.pause(0.5)  # the countdown repaints on its own
        later = re.search(r"after 429 rate limited in (\d+\.\d) s…", bar(pilot))
        assert later is not None and float(later[1]) < float(first[1]) <= 30.0
        await pilot.press("q")  # leaving while a retry waits must not hang


async def test_a_request_that_gives_up_clears_the_line_and_shows_its_error(harness):
    h = await harness(customers=200, max_retries=1)
    _, gate = hold_retries(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fault(h, kind="error", status=502, count=2, path="/v1/customers", method="GET")
        await pilot.press("r")
        await until(pilot, lambda: "retrying GET customers (2/2) after 502" in bar(pilot))
        gate.set()
        await settle(pilot)
        assert "retrying" not in bar(pilot)
        assert "502" in h.app.export_screenshot()


async def test_a_broken_connection_says_connection_dropped(harness):
    h = await harness(customers=200, max_retries=2)
    _, gate = hold_retries(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fault(h, kind="drop", count=1, path="/v1/customers", method="GET")
        await pilot.press("r")
        await until(pilot, lambda: "after a dropped connection" in bar(pilot))
        gate.set()
        await settle(pilot)
        assert "retrying" not in bar(pilot)


def test_pending_retries_show_the_newest_and_count_the_others():
    from vtui.api import RetryNotice, RetrySettled

    now = [100.0]
    pending = PendingRetries(clock=lambda: now[0])
    pending.hear(RetryNotice(1, "GET", "/v1/customers/ann%40x.com", 2, 3, "503", 1.25))
    assert pending.line() == "retrying GET customers/ann@x.com (2/3) after 503 in 1.2 s…"
    pending.hear(RetryNotice(2, "PUT", "/v1/customers/b", 2, 3, "429 rate limited", 4.0))
    assert pending.line() == (
        "retrying PUT customers/b (2/3) after 429 rate limited in 4.0 s… (+1 more)"
    )
    now[0] = 105.0  # the try went out; its answer is awaited
    assert pending.line() == "retrying PUT customers/b (2/3) after 429 rate limited… (+1 more)"
    pending.hear(RetrySettled(2, "PUT", "/v1/customers/b", 2, "succeeded"))
    pending.hear(RetrySettled(1, "GET", "/v1/customers/ann%40x.com", 2, "gave up"))
    assert not pending and pending.line() is None


async def test_a_retry_cancelled_by_a_newer_list_request_leaves_no_line(harness):
    h = await harness(customers=200, max_retries=2)
    hold_retries(h)  # the gate stays shut: only cancelling ends the old request
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fault(h, kind="error", status=503, count=1, path="/v1/customers", method="GET")
        await pilot.press("r")
        await until(pilot, lambda: "retrying" in bar(pilot))
        await pilot.press("s")  # a new sort order replaces the list request
        await settle(pilot)
        assert "retrying" not in bar(pilot)
