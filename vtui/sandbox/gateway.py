"""The ASGI layer in front of every route: request id, stats, faults, auth, rate limits.

It also keeps `{customerId}` exact: routes match on the raw (still percent-encoded) path,
so a source_id holding `/` (sent as `%2F`) stays one path segment, and handlers decode it
once.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vtui.sandbox.control_guard import check_control
from vtui.sandbox.errors import ApiError, plain, rate_limited
from vtui.sandbox.identifiers import request_id as new_request_id

if TYPE_CHECKING:
    from vtui.sandbox.app import Sandbox

CONTROL_PREFIX = "/_sandbox"


class Stats:
    """Requests counted by operation id, plus faults injected."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()

    def snapshot(self, faults_injected: int) -> dict[str, Any]:
        return {
            "requests": dict(sorted(self.requests.items())),
            "total": sum(self.requests.values()),
            "faults_injected": faults_injected,
        }


def _dropped() -> Exception:
    """What a client sees when the server goes away mid-response (httpx's own error type)."""
    import httpx

    return httpx.RemoteProtocolError("Server disconnected without sending a complete response")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class Gateway:
    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    def operation(self, scope: Scope) -> str:
        """The operationId of the route this request reaches (stats are counted by it)."""
        for route in self.sandbox.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return str(getattr(route, "name", "unknown"))
        return "unknown"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path")
        if raw:
            scope["path"] = raw.split(b"?", 1)[0].decode("latin-1")
        rid = new_request_id()
        scope.setdefault("state", {})["request_id"] = rid
        sb = self.sandbox
        path = scope["path"]
        if path.startswith(CONTROL_PREFIX):
            send = _adding(send, {"X-Request-Id": rid})
            try:
                check_control(scope, sb.allowed_hosts)
            except ApiError as error:
                await respond(send, error, rid)
                return
            await self.app(scope, receive, send)
            return
        wait, extra = sb.rate_limit.take()
        extra["X-Request-Id"] = rid
        operation = self.operation(scope)
        sb.stats.requests[operation] += 1
        send = _adding(send, extra)
        try:
            for fault in sb.faults.draw(scope["method"], path, operation):
                if fault.kind == "latency":
                    await asyncio.sleep(fault.latency_ms / 1000)
                elif fault.kind == "rate_limit":
                    raise rate_limited(fault.retry_after)
                elif fault.kind == "error":
                    raise plain(
                        fault.status,
                        "internal_error",
                        "Internal Server Error",
                        "Injected by the sandbox's fault board",
                    )
                elif fault.kind == "drop":
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 200,
                            "headers": [(b"content-length", b"1000")],
                        }
                    )
                    raise _dropped()
            self._authenticate(scope)
            accept = _header(scope, b"accept")
            if accept and not any(
                kind in accept for kind in ("application/json", "*/*", "application/*")
            ):
                raise plain(
                    406, "not_acceptable", "Not Acceptable", "Responses are application/json only"
                )
            if wait is not None:
                raise rate_limited(wait)
            if sb.read_only and scope["method"] not in ("GET", "HEAD"):
                raise plain(
                    405,
                    "read_only",
                    "Method Not Allowed",
                    "This sandbox was opened read-only: it serves reads only",
                )
        except ApiError as error:
            await respond(send, error, rid)
            return
        await self.app(scope, receive, send)

    def _authenticate(self, scope: Scope) -> None:
        app_id = _header(scope, b"x-app-id") or ""
        token = _header(scope, b"x-app-token") or ""
        keys = self.sandbox.keys
        ok = bool(app_id.strip()) and bool(token.strip())
        if ok and keys is not None:
            ok = hmac.compare_digest(app_id.encode(), keys[0].encode()) and hmac.compare_digest(
                token.encode(), keys[1].encode()
            )
        if not ok:
            raise plain(
                401,
                "unauthorized",
                "Unauthorized",
                "Missing or invalid X-App-Id and X-App-Token headers",
            )


def _adding(send: Send, headers: dict[str, str]) -> Send:
    encoded = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = dict(message)
            message["headers"] = [*message.get("headers", []), *encoded]
        await send(message)

    return wrapped


def error_body(error: ApiError, rid: str) -> dict[str, Any]:
    """The error body with the request id, where Voucherify's shape has one."""
    body = dict(error.body)
    if "code" in body and error.status != 429:
        body["request_id"] = rid
    return body


async def respond(send: Send, error: ApiError, rid: str) -> None:
    payload = json.dumps(error_body(error, rid)).encode()
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(payload)).encode()),
    ]
    headers += [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
