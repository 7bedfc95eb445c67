"""Test doubles for the client: a recording MockTransport and an instant sleep."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

CANARY_TOKEN = "canary-tok-7f3a9c1e-DO-NOT-LEAK"
APP_ID = "app-id-1234"
BASE_URL = "http://vf.test"

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class Recorder:
    """Serves scripted responses in order (the last one repeats) and keeps every request."""

    responses: list[httpx.Response | Handler | Exception] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        item = self.responses[min(len(self.requests), len(self.responses)) - 1]
        if isinstance(item, Exception):
            raise item
        if callable(item) and not isinstance(item, httpx.Response):
            return item(request)
        return item

    def reply(self, *items: httpx.Response | Handler | Exception) -> Recorder:
        self.responses = list(items)
        self.requests = []
        return self

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


@dataclass
class Sleeps:
    """Stands in for asyncio.sleep: records the delays, waits for none."""

    delays: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def ok(payload: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=payload, headers=headers)
