"""Export fixtures: a seeded in-process sandbox and a client on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from vtui.api import VoucherifyClient
from vtui.sandbox import Sandbox


@pytest.fixture
async def seeded() -> AsyncIterator[Sandbox]:
    async with Sandbox(":memory:", customers=250, seed=11) as sb:
        yield sb


@pytest.fixture
async def client(seeded: Sandbox) -> AsyncIterator[VoucherifyClient]:
    async with VoucherifyClient(
        "export-app",
        "export-token",
        "http://sandbox.test",
        transport=httpx.ASGITransport(app=seeded.app),
        max_retries=0,
    ) as vf:
        yield vf
