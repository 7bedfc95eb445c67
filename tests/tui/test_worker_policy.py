"""One policy for failures: an exception inside a worker is shown and the app runs on; a real
crash ends vtui with a non-zero exit status."""

from __future__ import annotations

import pytest

from tests.tui.harness import SIZE, settle, until
from vtui.tui.startup import exit_status


async def test_an_exception_inside_a_worker_is_shown_and_the_app_keeps_running(harness):
    h = await harness(customers=200)

    async def broken() -> None:
        raise RuntimeError("the tab parser tripped over a field")

    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.app.screen.run_worker(broken(), group="tab")
        await until(pilot, lambda: any("tripped over" in note for note in h.notes))
        await pilot.press("j", "enter")  # still answering keys
        await settle(pilot)
        assert h.app.is_running
        assert type(h.app.screen).__name__ == "CustomerDetailScreen"
    assert exit_status(h.app.return_code) == 0
    note = next(note for note in h.notes if "tripped over" in note)
    assert "RuntimeError" in note and "vtui carries on" in note


async def test_a_failing_request_in_the_lists_own_worker_leaves_the_app_running(harness):
    h = await harness(customers=200)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = h.app.screen
        original = h.client.customers.list_rows

        async def explode(**kwargs):
            raise KeyError("surprise")

        h.client.customers.list_rows = explode  # type: ignore[method-assign]
        await pilot.press("s")  # sort: the list asks again, and that worker fails
        await until(pilot, lambda: any("KeyError" in note for note in h.notes))
        h.client.customers.list_rows = original  # type: ignore[method-assign]
        await pilot.press("r")
        await settle(pilot)
        assert h.app.is_running and h.app.screen is screen
        assert screen.query_one("CustomerTable").row_count == 100


async def test_a_real_crash_ends_vtui_with_a_non_zero_status(harness):
    h = await harness(customers=200)

    def crash() -> None:
        raise RuntimeError("a bug outside any worker")

    with pytest.raises(RuntimeError, match="outside any worker"):  # Pilot re-raises it
        async with h.app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            h.app.call_later(crash)
            await pilot.pause(0.2)
    assert not h.app.is_running
    assert exit_status(h.app.return_code) == 1
