"""Helpers of the part-2 TUI tests: the kit (app + sandbox + client) and waits."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from tests import pilot_waits as waits
from tests.conftest import TUI_SEED
from tests.pilot_waits import until as until
from vtui.api import Customer, VoucherifyClient
from vtui.changes.journal import Journal
from vtui.sandbox import Sandbox
from vtui.tui.app import VtuiApp

FIXED_NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
SEED = TUI_SEED  # the seed of the shared seeded_files fixture
CANARY_TOKEN = "canary-token-5e1d0c77aa"
SIZE = (110, 34)


@dataclass
class Sent:
    method: str
    path: str
    body: Any


@dataclass
class Recorder(httpx.AsyncBaseTransport):
    """The real ASGI transport, plus a log of every request and its JSON body."""

    inner: httpx.AsyncBaseTransport
    sent: list[Sent] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raw = await request.aread()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        self.sent.append(Sent(request.method, request.url.path, body))
        return await self.inner.handle_async_request(request)

    def writes(self) -> list[Sent]:
        return [s for s in self.sent if s.method != "GET"]


@dataclass
class Kit:
    app: VtuiApp
    sandbox: Sandbox
    client: VoucherifyClient
    tmp: Path
    recorder: Recorder
    notes: list[str] = field(default_factory=list)
    """Every notification the app showed."""

    @property
    def journal(self) -> Journal:
        return Journal()

    async def control(self, method: str, path: str, body: Any = None) -> httpx.Response:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.sandbox.app), base_url="http://sb.test"
        ) as http:
            return await http.request(method, path, json=body)

    async def get(self, ident: str) -> Customer | None:
        from vtui.api import NotFoundError

        try:
            return await self.client.customers.get(ident)
        except NotFoundError:
            return None


async def settle(pilot: Any) -> None:
    """Let workers finish and paint; job watchers (app-level, long-lived) are not waited for."""
    await waits.settle(pilot, skip_groups="job-")
