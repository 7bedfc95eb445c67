"""Journal fixtures: a private state folder and a client on an in-process sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from vtui.api import VoucherifyClient
from vtui.sandbox import Sandbox

CANARY = "canary-secret-4b2e9f7d13"


@pytest.fixture
def canary() -> str:
    """The app token of `client`: it must never reach the journal."""
    return CANARY


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(folder))
    return folder / "state"


@pytest.fixture
async def seeded() -> AsyncIterator[Sandbox]:
    async with Sandbox(":memory:", customers=40, seed=3) as sb:
        yield sb


@pytest.fixture
async def client(seeded: Sandbox) -> AsyncIterator[VoucherifyClient]:
    async with VoucherifyClient(
        "journal-app",
        CANARY,
        "http://sandbox.test",
        transport=httpx.ASGITransport(app=seeded.app),
        max_retries=0,
    ) as vf:
        yield vf
