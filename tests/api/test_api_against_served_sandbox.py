"""The client against the sandbox served by uvicorn on 127.0.0.1: real timeouts and drops."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from tests.api.api_fakes import CANARY_TOKEN, Sleeps
from vtui.api import APIConnectionError, APITimeoutError, RetryPolicy, VoucherifyClient


@pytest.fixture
async def served(sandbox) -> AsyncIterator[str]:
    """The `sandbox` fixture behind uvicorn on a free loopback port; yields its base URL."""
    server = uvicorn.Server(
        uvicorn.Config(sandbox.app, host="127.0.0.1", port=0, log_level="critical", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn did not start"
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=10)


async def fault(url: str, **spec: object) -> None:
    async with httpx.AsyncClient(base_url=url) as c:
        assert (await c.post("/_sandbox/faults", json=spec)).status_code == 201


async def count(url: str, operation: str) -> int:
    async with httpx.AsyncClient(base_url=url) as c:
        return int((await c.get("/_sandbox/stats")).json()["requests"].get(operation, 0))


def connect(url: str, timeout: float = 5.0) -> VoucherifyClient:
    return VoucherifyClient(
        "app-id",
        CANARY_TOKEN,
        url,
        timeout=timeout,
        retry_policy=RetryPolicy(max_retries=2, sleep=Sleeps()),
    )


async def test_slow_answers_time_out_and_a_get_is_tried_three_times(served):
    await fault(served, kind="latency", latency_ms=700, path="/v1/customers")
    async with connect(served, timeout=0.2) as vf:
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="timed out"):
            await vf.customers.list()
        elapsed = time.monotonic() - started
    assert 0.6 <= elapsed < 3
    assert await count(served, "list-customers") == 3


async def test_one_slow_answer_is_survived_by_the_retry(served):
    await fault(served, kind="latency", latency_ms=700, count=1, path="/v1/customers")
    async with connect(served, timeout=0.4) as vf:
        page = await vf.customers.list()
    assert page.total == 0


async def test_a_dropped_connection_is_retried_for_a_get(served):
    await fault(served, kind="drop", count=1, path="/v1/customers")
    async with connect(served) as vf:
        page = await vf.customers.list(limit=5)
    assert page.customers == []
    assert await count(served, "list-customers") == 2


async def test_a_dropped_bulk_post_is_not_resent(served):
    await fault(served, kind="drop", count=1, path="/v1/customers/bulk")
    async with connect(served) as vf:
        with pytest.raises(APIConnectionError):
            await vf.customers.update_in_bulk([{"source_id": "x"}])
        assert (await vf.async_actions.list()).async_actions == []
    assert await count(served, "update-customers-in-bulk") == 1
