"""Waits for Pilot tests: let workers finish and paint, or poll until a condition holds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

LONG_LIVED = ("type-ahead", "job-")
"""Groups of workers that run for the app's life (the keyboard, job watchers): not awaited."""


async def settle(pilot: Any) -> None:
    """Let running workers finish and their results paint."""
    app = pilot.app
    keys = getattr(app, "type_ahead", None)
    for _ in range(3):
        await pilot.pause()
        if keys is not None:  # keys still queued or being handled
            await asyncio.wait_for(keys.idle.wait(), 10)
        busy = [w for w in app.workers if not str(w.group).startswith(LONG_LIVED)]
        if busy:  # (an empty list would mean every worker, the keyboard's included)
            await app.workers.wait_for_complete(busy)
    await pilot.pause()


async def until(pilot: Any, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Pause until `condition()` is true; fail the test after `timeout` seconds. A widget the
    condition queries that is not there yet (a screen pushed but not composed, which under
    load can be a frame away) makes it not true yet, rather than failing the test."""
    from textual.css.query import NoMatches

    def holds() -> object:
        try:
            return condition()
        except NoMatches:
            return False

    end = asyncio.get_running_loop().time() + timeout
    while not holds():
        if asyncio.get_running_loop().time() > end:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.02)
