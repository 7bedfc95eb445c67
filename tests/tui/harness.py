"""The one harness of the TUI tests: the app as `vtui` builds it (`startup.build_app`), on a
real in-process sandbox, with every request recorded (and some held back when asked).

Tests wait with tests/pilot_waits.py; `notes` holds every notification the app showed.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import TUI_SEED
from tests.pilot_waits import settle as settle
from tests.pilot_waits import until as until
from vtui.api import Customer, VoucherifyClient
from vtui.changes.journal import Journal
from vtui.sandbox import Sandbox
from vtui.tui.app import VtuiApp
from vtui.tui.session import MemoryUiState

FIXED_NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
"""The app's clock in tests: the seeder's data is "as of" 2026-01-01."""
SEED = TUI_SEED  # the seed of the shared seeded_files fixture
CANARY_TOKEN = "canary-token-7f3a9c2e51"
SIZE = (110, 34)


@dataclass
class Sent:
    method: str
    path: str
    params: dict[str, str]
    body: Any


@dataclass
class Recorder(httpx.AsyncBaseTransport):
    """The real ASGI transport, plus a log of requests and optional gates to hold some back."""

    inner: httpx.AsyncBaseTransport
    sent: list[Sent] = field(default_factory=list)
    gates: list[tuple[Callable[[httpx.Request], bool], asyncio.Event]] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raw = await request.aread()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        self.sent.append(
            Sent(request.method, request.url.path, dict(request.url.params.multi_items()), body)
        )
        for matches, event in list(self.gates):
            if matches(request):
                await event.wait()
        return await self.inner.handle_async_request(request)

    @property
    def requests(self) -> list[Sent]:
        return self.sent

    def hold(self, matches: Callable[[httpx.Request], bool]) -> asyncio.Event:
        event = asyncio.Event()
        self.gates.append((matches, event))
        return event

    def api_requests(self, path_part: str = "/v1/") -> list[Sent]:
        return [r for r in self.sent if path_part in r.path]

    def writes(self) -> list[Sent]:
        return [s for s in self.sent if s.method != "GET"]

    def clear(self) -> None:
        self.sent.clear()


@dataclass
class Harness:
    """An app on a sandbox: `recorder` holds every request the app made."""

    app: VtuiApp
    sandbox: Sandbox
    recorder: Recorder
    client: VoucherifyClient
    state: MemoryUiState
    tmp: Path
    notes: list[str] = field(default_factory=list)

    @property
    def journal(self) -> Journal:
        return Journal()

    async def control(self, method: str, path: str, body: Any = None) -> httpx.Response:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.sandbox.app), base_url="http://sb.test"
        ) as http:
            return await http.request(method, path, json=body)

    async def stats(self) -> dict[str, Any]:
        body: dict[str, Any] = (await self.control("GET", "/_sandbox/stats")).json()
        return body

    async def get(self, ident: str) -> Customer | None:
        from vtui.api import NotFoundError

        try:
            return await self.client.customers.get(ident)
        except NotFoundError:
            return None


def text_of(widget: Any, width: int = 120) -> str:
    """The plain text a Static shows (rich renderables rendered at `width`)."""
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


def footer_text(screen: Any) -> str:
    """The footer's keys as shown: "key label" pairs."""
    from vtui.tui.widgets.key_bar import KeyBar

    return "  ".join(f"{key} {label}" for key, label in screen.query_one(KeyBar).pairs)
