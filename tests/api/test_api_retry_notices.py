"""Retries are visible: listeners hear each retry and how the request settled (issue 6).

Against the in-process sandbox with faults injected through `/_sandbox/faults`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.api.api_fakes import CANARY_TOKEN, Sleeps
from vtui.api import (
    NotFoundError,
    RetryEvent,
    RetryNotice,
    RetryPolicy,
    RetrySettled,
    ServerError,
    VoucherifyClient,
)

SANDBOX_URL = "http://sandbox.test"


async def add_fault(sb, **fault: object) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sb.app), base_url=SANDBOX_URL
    ) as control:
        response = await control.post("/_sandbox/faults", json=fault)
        assert response.status_code == 201, response.text


def connect(sb, sleep=None) -> VoucherifyClient:
    return VoucherifyClient(
        "app-id",
        CANARY_TOKEN,
        SANDBOX_URL,
        transport=httpx.ASGITransport(app=sb.app),
        retry_policy=RetryPolicy(max_retries=2, sleep=sleep or Sleeps(), jitter=lambda: 1.0),
    )


@pytest.fixture
async def vf(sandbox) -> AsyncIterator[VoucherifyClient]:
    async with connect(sandbox) as client:
        yield client


@pytest.fixture
def heard(vf) -> list[RetryEvent]:
    events: list[RetryEvent] = []
    vf.on_retry(events.append)
    return events


async def test_503_then_200_tells_each_retry_with_its_attempt_then_that_it_succeeded(
    sandbox, vf, heard
):
    await add_fault(sandbox, kind="error", status=503, count=2, path="/v1/customers")
    await vf.customers.list(limit=5)
    assert heard == [
        RetryNotice(1, "GET", "/v1/customers", 2, 3, "503", 0.5),
        RetryNotice(1, "GET", "/v1/customers", 3, 3, "503", 1.0),
        RetrySettled(1, "GET", "/v1/customers", 3, "succeeded"),
    ]


async def test_a_429_says_rate_limited_and_waits_what_the_server_asked(sandbox, vf, heard):
    await add_fault(sandbox, kind="rate_limit", retry_after=2, count=1)
    await vf.customers.list()
    notice, settled = heard
    assert isinstance(notice, RetryNotice)
    assert (notice.reason, notice.delay, notice.attempt) == ("429 rate limited", 2.0, 2)
    assert isinstance(settled, RetrySettled) and settled.outcome == "succeeded"


async def test_a_dropped_connection_is_told_as_connection_dropped(sandbox, vf, heard):
    await add_fault(sandbox, kind="drop", count=1, path="/v1/customers")
    await vf.customers.list()
    assert [e.reason for e in heard if isinstance(e, RetryNotice)] == ["a dropped connection"]
    assert isinstance(heard[-1], RetrySettled) and heard[-1].outcome == "succeeded"


async def test_running_out_of_retries_settles_as_gave_up(sandbox, vf, heard):
    await add_fault(sandbox, kind="error", status=500, path="/v1/customers")
    with pytest.raises(ServerError):
        await vf.customers.list()
    assert [e.attempt for e in heard if isinstance(e, RetryNotice)] == [2, 3]
    assert heard[-1] == RetrySettled(1, "GET", "/v1/customers", 3, "gave up")


async def test_a_different_error_after_a_retry_also_settles_as_gave_up(sandbox, vf, heard):
    await add_fault(sandbox, kind="error", status=502, count=1, path="/v1/customers/nobody")
    with pytest.raises(NotFoundError):
        await vf.customers.get("nobody")
    assert heard[-1] == RetrySettled(1, "GET", "/v1/customers/nobody", 2, "gave up")


async def test_a_request_cancelled_while_waiting_to_retry_settles_as_cancelled(sandbox):
    never = asyncio.Event()
    waiting = asyncio.Event()

    async def sleep(seconds: float) -> None:
        waiting.set()
        await never.wait()

    heard: list[RetryEvent] = []
    async with connect(sandbox, sleep=sleep) as vf:
        vf.on_retry(heard.append)
        await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers")
        task = asyncio.create_task(vf.customers.list())
        await asyncio.wait_for(waiting.wait(), 5)
        assert [type(e) for e in heard] == [RetryNotice]
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert heard[-1] == RetrySettled(1, "GET", "/v1/customers", 2, "cancelled")


async def test_a_request_that_needs_no_retry_tells_nothing(sandbox, vf, heard):
    await vf.customers.list()
    await vf.customers.create({"source_id": "quiet"})
    assert heard == []


async def test_each_retried_request_gets_its_own_number(sandbox, vf, heard):
    await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers")
    await vf.customers.list()
    await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers")
    await vf.customers.list()
    assert [e.request for e in heard] == [1, 1, 2, 2]


async def test_no_notice_carries_the_token_a_query_value_or_a_header(sandbox, vf, heard):
    await vf.customers.create({"source_id": "jane", "email": "jane.secret@example.com"})
    faults = [
        {"kind": "error", "status": 503},
        {"kind": "rate_limit", "retry_after": 1},
        {"kind": "drop"},
    ]
    for fault in faults:  # one at a time: faults on the same request fire together
        await add_fault(sandbox, count=1, path="/v1/customers", **fault)
        page = await vf.customers.list(email="jane.secret@example.com")
        assert page.total == 1
    assert len(heard) == 6
    for event in heard:
        for text in (repr(event), str(event), str(dataclasses.asdict(event))):
            assert CANARY_TOKEN not in text
            assert "jane.secret" not in text and "?" not in text
            assert "X-App" not in text and "app-id" not in text


async def test_a_bulk_post_that_is_not_replayable_tells_no_retry(sandbox, vf, heard):
    await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers/bulk")
    with pytest.raises(ServerError):
        await vf.customers.update_in_bulk([{"source_id": "x"}])
    assert heard == []


async def test_a_listener_that_raises_breaks_neither_the_request_nor_other_listeners(
    sandbox, vf, caplog
):
    def broken(event: RetryEvent) -> None:
        raise RuntimeError(f"listener bug {CANARY_TOKEN}")

    heard: list[RetryEvent] = []
    vf.on_retry(broken)
    vf.on_retry(heard.append)
    await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers")
    with caplog.at_level("WARNING", logger="vtui.api"):
        page = await vf.customers.list()
    assert page.total == 0
    assert [type(e) for e in heard] == [RetryNotice, RetrySettled]
    assert "retry listener failed (RuntimeError)" in caplog.text
    assert CANARY_TOKEN not in caplog.text


async def test_an_unsubscribed_listener_hears_nothing_more(sandbox, vf):
    heard: list[RetryEvent] = []
    stop = vf.on_retry(heard.append)
    stop()
    stop()  # twice is harmless
    await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers")
    await vf.customers.list()
    assert heard == []


def test_notices_are_frozen_and_exported_by_vtui_api():
    import vtui.api
    from vtui.api import retry_notice

    assert vtui.api.RetryNotice is retry_notice.RetryNotice
    assert vtui.api.RetrySettled is retry_notice.RetrySettled
    notice = RetryNotice(1, "GET", "/v1/customers", 2, 3, "503", 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        notice.attempt = 3  # type: ignore[misc]
