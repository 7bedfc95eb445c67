"""Waits for Pilot tests: let workers finish and paint, or poll until a condition holds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


async def settle(pilot: Any, *, skip_groups: str | None = None) -> None:
    """Let running workers finish and their results paint. `skip_groups`: a group-name prefix
    of long-lived workers not to wait for (the job watchers, "job-")."""
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        if skip_groups is None:
            await app.workers.wait_for_complete()
        else:
            busy = [w for w in app.workers if not str(w.group).startswith(skip_groups)]
            await app.workers.wait_for_complete(busy)
    await pilot.pause()


async def until(pilot: Any, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Pause until `condition()` is true; fail the test after `timeout` seconds."""
    end = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > end:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.02)
