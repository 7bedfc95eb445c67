"""Waits for Pilot tests: let workers finish and paint, or poll until a condition holds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


async def settle(pilot: Any) -> None:
    """Let running workers finish and their results paint."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Any, condition: Callable[[], object], timeout: float = 15.0) -> None:
    """Pause until `condition()` is true; fail the test after `timeout` seconds."""
    end = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < end, "condition not reached in time"
        await pilot.pause(0.02)
