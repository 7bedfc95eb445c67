"""Fixtures for the client's tests (helpers live in api_fakes.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.api.api_fakes import APP_ID, BASE_URL, CANARY_TOKEN, Recorder, Sleeps, ok
from vtui.api import RetryPolicy, VoucherifyClient


@pytest.fixture
def recorder() -> Recorder:
    return Recorder([ok({})])


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def client(recorder: Recorder, sleeps: Sleeps) -> AsyncIterator[VoucherifyClient]:
    policy = RetryPolicy(max_retries=2, sleep=sleeps, jitter=lambda: 1.0)
    async with VoucherifyClient(
        APP_ID,
        CANARY_TOKEN,
        BASE_URL,
        transport=httpx.MockTransport(recorder),
        retry_policy=policy,
    ) as vf:
        yield vf
