"""Control routes under /_sandbox/ (no auth, never faulted, not counted in stats).

POST   /_sandbox/reset          {"customers": N, "seed": S}  wipe and reseed (both optional)
GET    /_sandbox/faults         the active faults
POST   /_sandbox/faults         add one: {"kind": "latency"|"error"|"rate_limit"|"drop",
                                 "status": 503, "latency_ms": 300, "retry_after": 2,
                                 "rate": 0.5 | "count": 3, "path": "/v1/customers",
                                 "method": "GET", "operation": "get-customer"}
DELETE /_sandbox/faults         clear all faults
GET    /_sandbox/stats          {"requests": {operationId: n}, "total": n, "faults_injected": n}
DELETE /_sandbox/stats          zero the counters
GET    /_sandbox/jobs           {"paused": bool, "chunk_delay_ms": n}
POST   /_sandbox/jobs           {"paused": bool, "chunk_delay_ms": n}  hold or slow the job runner
GET    /_sandbox/keys           {"app_id": str | null, "app_token_set": bool}  (never the token)
POST   /_sandbox/keys           {"app_id": "...", "app_token": "..."}  require exactly this pair;
                                 both null (or both absent) accepts any non-empty pair again
DELETE /_sandbox/keys           accept any non-empty pair again
GET    /_sandbox/async-actions/{id}/report   the CSV report of a finished bulk job
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from vtui.sandbox import async_actions
from vtui.sandbox.errors import invalid_payload, not_found
from vtui.sandbox.request_body import read_json
from vtui.sandbox.routes import sandbox_of


async def _object(request: Request) -> dict[str, Any]:
    body = await read_json(request, empty={})
    if not isinstance(body, dict):
        raise invalid_payload("The request body must be a JSON object")
    return body


async def reset(request: Request) -> Response:
    body = await _object(request)
    sb = sandbox_of(request)
    size, seed = body.get("customers", sb.customers), body.get("seed", sb.seed)
    for key, value in (("customers", size), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise invalid_payload(f"Property .{key} must be a non-negative integer")
    await sb.reset(customers=size, seed=seed)
    return JSONResponse({"customers": size, "seed": seed})


async def faults(request: Request) -> Response:
    board = sandbox_of(request).faults
    if request.method == "POST":
        try:
            fault = board.add(await _object(request))
        except ValueError as exc:
            raise invalid_payload(str(exc)) from None
        return JSONResponse({"id": fault.id, "faults": board.describe()}, status_code=201)
    if request.method == "DELETE":
        board.clear()
    return JSONResponse({"faults": board.describe()})


async def stats(request: Request) -> Response:
    sb = sandbox_of(request)
    if request.method == "DELETE":
        sb.stats.requests.clear()
    return JSONResponse(sb.stats.snapshot(sb.faults.injected))


async def jobs(request: Request) -> Response:
    runner = sandbox_of(request).jobs
    if request.method == "POST":
        body = await _object(request)
        paused = body.get("paused")
        if paused is not None:
            if not isinstance(paused, bool):
                raise invalid_payload("Property .paused must be a boolean")
            if paused:
                runner.pause()
            else:
                runner.resume()
        delay = body.get("chunk_delay_ms")
        if delay is not None:
            if isinstance(delay, bool) or not isinstance(delay, int) or not 0 <= delay <= 10_000:
                raise invalid_payload("Property .chunk_delay_ms must be an integer 0-10000")
            runner.chunk_delay = delay / 1000
    return JSONResponse(
        {"paused": runner.paused, "chunk_delay_ms": round(runner.chunk_delay * 1000)}
    )


KEY_FIELDS = ("app_id", "app_token")
KEY_CHARS = frozenset(chr(c) for c in range(0x21, 0x7F)) | {" "}
MAX_KEY_LENGTH = 1024


def _key(body: dict[str, Any], name: str) -> str | None:
    """One key from the body, checked; the message names the property, never its value."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise invalid_payload(f"Property .{name} must be a non-empty string or null")
    if value != value.strip() or not set(value) <= KEY_CHARS or len(value) > MAX_KEY_LENGTH:
        # Sent back as an HTTP header: printable ASCII, no surrounding spaces, a sane length.
        raise invalid_payload(
            f"Property .{name} must be printable ASCII without surrounding spaces, "
            f"at most {MAX_KEY_LENGTH} characters"
        )
    return value


async def keys(request: Request) -> Response:
    """Rotate or drop the keys /v1 requires, so a test can revoke them mid-session."""
    sb = sandbox_of(request)
    if request.method == "POST":
        body = await _object(request)
        unknown = sorted(set(body) - set(KEY_FIELDS))
        if unknown:
            raise invalid_payload(f"Unknown properties: {', '.join(unknown)}")
        app_id, app_token = (_key(body, name) for name in KEY_FIELDS)
        if app_id is not None and app_token is not None:
            sb.set_keys(app_id, app_token)
        elif app_id is None and app_token is None:
            sb.clear_keys()
        else:
            raise invalid_payload(
                "Give both .app_id and .app_token, or neither (null) to accept any keys"
            )
    elif request.method == "DELETE":
        sb.clear_keys()
    current = sb.keys
    return JSONResponse(
        {"app_id": None if current is None else current[0], "app_token_set": current is not None}
    )


async def report(request: Request) -> Response:
    sb = sandbox_of(request)
    ident = request.path_params["asyncActionId"]
    with sb.db.reading(sb.conn):
        content = async_actions.report(sb.conn, ident)
    if content is None:
        raise not_found("async_action", ident)
    return Response(content, media_type="text/csv")


ROUTES = [
    Route("/_sandbox/reset", reset, methods=["POST"], name="sandbox-reset"),
    Route("/_sandbox/faults", faults, methods=["GET", "POST", "DELETE"], name="sandbox-faults"),
    Route("/_sandbox/stats", stats, methods=["GET", "DELETE"], name="sandbox-stats"),
    Route("/_sandbox/jobs", jobs, methods=["GET", "POST"], name="sandbox-jobs"),
    Route("/_sandbox/keys", keys, methods=["GET", "POST", "DELETE"], name="sandbox-keys"),
    Route(
        "/_sandbox/async-actions/{asyncActionId}/report",
        report,
        methods=["GET"],
        name="sandbox-report",
    ),
]
