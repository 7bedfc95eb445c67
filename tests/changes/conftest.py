"""Fixtures of the change tests: a private state folder (the journal lands in tmp_path) and
clients on in-process sandboxes (40 customers for the journal, 250 for export's paging)."""

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


def _client(sb: Sandbox, token: str) -> VoucherifyClient:
    return VoucherifyClient(
        "changes-app",
        token,
        "http://sandbox.test",
        transport=httpx.ASGITransport(app=sb.app),
        max_retries=0,
    )


@pytest.fixture
async def seeded() -> AsyncIterator[Sandbox]:
    async with Sandbox(":memory:", customers=40, seed=3) as sb:
        yield sb


@pytest.fixture
async def client(seeded: Sandbox) -> AsyncIterator[VoucherifyClient]:
    async with _client(seeded, CANARY) as vf:
        yield vf


@pytest.fixture
async def export_client() -> AsyncIterator[VoucherifyClient]:
    """A client on 250 customers: more than two pages of 100."""
    async with Sandbox(":memory:", customers=250, seed=11) as sb, _client(sb, "export-token") as vf:
        yield vf
