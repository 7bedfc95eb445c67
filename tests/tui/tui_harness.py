"""Helpers of the TUI tests: a transport that records (and can hold back) real requests,
the harness that ties an app to a sandbox, and the waits of tests/pilot_waits.py."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from tests.conftest import TUI_SEED
from tests.pilot_waits import settle as settle
from tests.pilot_waits import until as until
from vtui.api import VoucherifyClient
from vtui.sandbox import Sandbox
from vtui.tui.app import VtuiApp
from vtui.tui.session import MemoryUiState

FIXED_NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
"""The app's clock in tests: the seeder's data is "as of" 2026-01-01."""
SEED = TUI_SEED  # the seed of the shared seeded_files fixture
CANARY_TOKEN = "canary-token-7f3a9c2e51"
SIZE = (100, 30)


@dataclass
class Recorded:
    method: str
    path: str
    params: dict[str, str]


@dataclass
class RecordingTransport(httpx.AsyncBaseTransport):
    """The real ASGI transport, plus a log of requests and optional gates to hold some back."""

    inner: httpx.AsyncBaseTransport
    requests: list[Recorded] = field(default_factory=list)
    gates: list[tuple[Callable[[httpx.Request], bool], asyncio.Event]] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(
            Recorded(request.method, request.url.path, dict(request.url.params.multi_items()))
        )
        for matches, event in list(self.gates):
            if matches(request):
                await event.wait()
        return await self.inner.handle_async_request(request)

    def hold(self, matches: Callable[[httpx.Request], bool]) -> asyncio.Event:
        event = asyncio.Event()
        self.gates.append((matches, event))
        return event

    def api_requests(self, path_part: str = "/v1/") -> list[Recorded]:
        return [r for r in self.requests if path_part in r.path]

    def clear(self) -> None:
        self.requests.clear()


@dataclass
class Harness:
    """An app on a sandbox; `recorder` holds every request the app made."""

    app: VtuiApp
    sandbox: Sandbox
    recorder: RecordingTransport
    client: VoucherifyClient
    state: MemoryUiState

    async def stats(self) -> dict[str, Any]:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.sandbox.app), base_url="http://sb.test"
        ) as http:
            body: dict[str, Any] = (await http.get("/_sandbox/stats")).json()
            return body

    async def control(self, method: str, path: str, body: Any = None) -> httpx.Response:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.sandbox.app), base_url="http://sb.test"
        ) as http:
            return await http.request(method, path, json=body)


def text_of(widget: Any, width: int = 120) -> str:
    """The plain text a Static shows (rich renderables rendered at `width`)."""
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()
