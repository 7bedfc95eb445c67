"""Auth, secrets, rate-limit headers, request ids, faults, stats and reset."""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import threading
import time

import httpx
import pytest
import uvicorn

from tests.conftest import client_for
from tests.sandbox.sandbox_rows import make_customer

CANARY = "canary-secret-7f3a9c"


async def test_missing_or_empty_keys_get_401_without_echoing_them(sandbox):
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox.app), base_url="http://sandbox.test"
    ) as bare:
        for headers in ({}, {"X-App-Id": "id-only"}, {"X-App-Id": "x", "X-App-Token": " "}):
            response = await bare.get("/v1/customers", headers=headers)
            assert response.status_code == 401
            assert response.json()["code"] == 401 and response.json()["key"] == "unauthorized"
            assert "id-only" not in response.text


async def test_any_non_empty_pair_works_unless_keys_are_configured(sandbox_factory):
    open_sb = await sandbox_factory()
    async with client_for(open_sb, app_id="whatever", app_token="anything") as client:
        assert (await client.get("/v1/customers")).status_code == 200
    locked = await sandbox_factory(app_id="real-id", app_token=CANARY)
    async with client_for(locked, app_id="real-id", app_token=CANARY) as client:
        assert (await client.get("/v1/customers")).status_code == 200
    async with client_for(locked, app_id="real-id", app_token=CANARY + "x") as client:
        response = await client.get("/v1/customers")
        assert response.status_code == 401
        assert CANARY not in response.text


async def test_the_token_never_shows_in_errors_reprs_or_logs(sandbox_factory, caplog):
    caplog.set_level(logging.DEBUG)
    sb = await sandbox_factory(app_id="real-id", app_token=CANARY)
    assert CANARY not in repr(sb) and CANARY not in str(vars(sb).get("app"))
    async with client_for(sb, app_id="real-id", app_token=CANARY) as client:
        texts = [
            (await client.get("/v1/customers/ghost")).text,
            (await client.post("/v1/customers", json={"name": 1})).text,
            (await client.get("/v1/customers", params={"limit": 0})).text,
            (await client.post("/v1/customers/bulk/async", json=[{"source_id": "a"}])).text,
        ]
        await sb.jobs.wait_idle()
        events = (await client.get("/v1/customers/a/activity")).text
    assert not any(CANARY in text for text in [*texts, events])
    assert CANARY not in caplog.text


async def test_every_response_has_rate_limit_headers_and_a_request_id(sandbox_http):
    ok = await sandbox_http.get("/v1/customers")
    missing = await sandbox_http.get("/v1/customers/ghost")
    for response in (ok, missing):
        assert int(response.headers["x-rate-limit-limit"]) > 0
        assert int(response.headers["x-rate-limit-retry"]) > time.time() - 1
        assert re.fullmatch(r"v-[0-9a-f]{18}", response.headers["x-request-id"])
    assert (
        int(missing.headers["x-rate-limit-remaining"])
        == int(ok.headers["x-rate-limit-remaining"]) - 1
    )
    assert missing.json()["request_id"] == missing.headers["x-request-id"]


async def test_going_over_the_rate_limit_gets_429_with_retry_after(sandbox_factory):
    from vtui.sandbox import Sandbox

    async with Sandbox(rate_limit=3) as sb, client_for(sb) as client:
        codes = [(await client.get("/v1/customers")).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = await client.get("/v1/customers")
        assert limited.json() == {
            "code": "429",
            "message": "Too many requests hit the API too quickly.",
        }
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.headers["x-rate-limit-remaining"] == "0"
    assert sandbox_factory is not None


async def test_406_for_a_non_json_accept_header(sandbox_http):
    response = await sandbox_http.get("/v1/customers", headers={"Accept": "text/html"})
    assert response.status_code == 406


async def add_fault(client, **spec):
    response = await client.post("/_sandbox/faults", json=spec)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def test_error_fault_for_the_next_n_requests_on_one_path(sandbox_http):
    await add_fault(
        sandbox_http, kind="error", status=503, count=2, path="/v1/customers", method="GET"
    )
    assert (await sandbox_http.post("/v1/customers", json={})).status_code == 200
    first = await sandbox_http.get("/v1/customers")
    assert first.status_code == 503 and first.json()["code"] == 503
    assert first.json()["request_id"] == first.headers["x-request-id"]
    assert (await sandbox_http.get("/v1/customers")).status_code == 503
    assert (await sandbox_http.get("/v1/customers")).status_code == 200
    assert (await sandbox_http.get("/_sandbox/faults")).json()["faults"] == []


async def test_fault_limited_to_one_operation(sandbox_http):
    await add_fault(sandbox_http, kind="error", operation="get-customer")
    assert (await sandbox_http.get("/v1/customers")).status_code == 200
    assert (await sandbox_http.get("/v1/customers/anyone")).status_code == 500


async def test_rate_limit_fault_sends_retry_after(sandbox_http):
    await add_fault(sandbox_http, kind="rate_limit", retry_after=7, count=1)
    response = await sandbox_http.get("/v1/customers")
    assert response.status_code == 429 and response.headers["retry-after"] == "7"
    assert response.json()["message"] == "Too many requests hit the API too quickly."


async def test_latency_fault_delays_the_answer(sandbox_http):
    await add_fault(sandbox_http, kind="latency", latency_ms=150, count=1)
    started = time.perf_counter()
    assert (await sandbox_http.get("/v1/customers")).status_code == 200
    assert time.perf_counter() - started >= 0.15


async def test_fraction_faults_hit_about_that_fraction(sandbox_http):
    await add_fault(sandbox_http, kind="error", rate=0.3)
    codes = [(await sandbox_http.get("/v1/customers")).status_code for _ in range(200)]
    assert 30 <= codes.count(500) <= 90
    await sandbox_http.delete("/_sandbox/faults")
    assert (await sandbox_http.get("/v1/customers")).status_code == 200


async def test_drop_fault_is_a_connection_error_in_process(sandbox_http):
    await add_fault(sandbox_http, kind="drop", count=1)
    with pytest.raises(httpx.TransportError):
        await sandbox_http.get("/v1/customers")
    assert (await sandbox_http.get("/v1/customers")).status_code == 200


async def test_bad_fault_specs_are_400_with_the_reason(sandbox_http):
    for spec, word in (
        ({"kind": "meteor"}, "kind"),
        ({"kind": "error", "rate": 2}, "rate"),
        ({"kind": "latency"}, "latency_ms"),
        ({"kind": "error", "x": 1}, "x"),
    ):
        response = await sandbox_http.post("/_sandbox/faults", json=spec)
        assert response.status_code == 400 and word in response.json()["details"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_drop_fault_closes_the_socket_under_uvicorn(sandbox):
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            sandbox.app, host="127.0.0.1", port=port, log_level="critical", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            await asyncio.sleep(0.01)
        headers = {"X-App-Id": "a", "X-App-Token": "b"}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers) as c:
            await c.post("/_sandbox/faults", json={"kind": "drop", "count": 1})
            with pytest.raises(httpx.RemoteProtocolError):
                await c.get("/v1/customers")
            assert (await c.get("/v1/customers")).status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=10)


async def test_stats_count_requests_by_operation_id(sandbox_http):
    await make_customer(sandbox_http, source_id="s1")
    await sandbox_http.get("/v1/customers/s1")
    await sandbox_http.get("/v1/customers/s1")
    await sandbox_http.get("/v1/customers", params={"limit": 5})
    await sandbox_http.get("/v1/async-actions")
    stats = (await sandbox_http.get("/_sandbox/stats")).json()
    assert stats["requests"] == {
        "create-customer": 1,
        "get-customer": 2,
        "list-customers": 1,
        "list-async-actions": 1,
    }
    assert stats["total"] == 5
    await sandbox_http.delete("/_sandbox/stats")
    assert (await sandbox_http.get("/_sandbox/stats")).json()["total"] == 0


async def test_reset_wipes_data_faults_and_stats(sandbox_http):
    await make_customer(sandbox_http, source_id="s1")
    await add_fault(sandbox_http, kind="error", rate=0.0)
    response = await sandbox_http.post("/_sandbox/reset", json={"customers": 0})
    assert response.status_code == 200 and response.json()["customers"] == 0
    assert (await sandbox_http.get("/v1/customers")).json()["total"] == 0
    assert (await sandbox_http.get("/_sandbox/faults")).json()["faults"] == []
    bad = await sandbox_http.post("/_sandbox/reset", json={"customers": -1})
    assert bad.status_code == 400


async def test_control_routes_need_no_keys_and_jobs_can_be_paused(sandbox):
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox.app), base_url="http://sandbox.test"
    ) as bare:
        body = (
            await bare.post("/_sandbox/jobs", json={"paused": True, "chunk_delay_ms": 5})
        ).json()
        assert body == {"paused": True, "chunk_delay_ms": 5}
        assert sandbox.jobs.paused
        await bare.post("/_sandbox/jobs", json={"paused": False})
        assert not sandbox.jobs.paused


async def test_reset_reseeds_deterministically(sandbox_http):
    await sandbox_http.post("/_sandbox/reset", json={"customers": 25, "seed": 4})
    first = (await sandbox_http.get("/v1/customers", params={"limit": 100})).json()
    await sandbox_http.post("/_sandbox/reset", json={"customers": 25, "seed": 4})
    again = (await sandbox_http.get("/v1/customers", params={"limit": 100})).json()
    assert first["total"] == again["total"] == 25
    assert [c["id"] for c in first["customers"]] == [c["id"] for c in again["customers"]]
