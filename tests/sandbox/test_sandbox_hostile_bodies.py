"""Bodies the sandbox cannot store faithfully get Voucherify's 400, never a 500, and
change nothing: NaN, infinities, overflowing numbers, lone surrogates, deep nesting.

Every JSON route reads its body through one strict parser (vtui.sandbox.request_body), so
bulk jobs refuse such rows at submit (no job is queued) and nothing stored can make a
later read fail."""

from __future__ import annotations

import json

import httpx
import pytest

from vtui.sandbox.request_body import MAX_DEPTH

JSON = {"Content-Type": "application/json"}


def nested(levels: int) -> str:
    """A metadata value that nests `levels` objects (metadata itself is level 2 of a body)."""
    return '{"k":' * levels + "1" + "}" * levels


HOSTILE_VALUES = {
    "nan": "NaN",
    "infinity": "Infinity",
    "minus-infinity": "-Infinity",
    "overflow": "1e400",
    "minus-overflow": "-1e400",
    "lone-surrogate": '"a\\ud800b"',
    "lone-low-surrogate": '"\\udc00"',
    "nested-1000": nested(1000),
    "nested-100000": nested(100_000),
    "nested-one-past-the-limit": nested(MAX_DEPTH - 1),  # body 1 + metadata 1 + 31 = 33
}
SINGLE = {
    "create": ("POST", "/v1/customers", '{"source_id":"s1","metadata":{"v":%s}}'),
    "update": ("PUT", "/v1/customers/known", '{"metadata":{"v":%s}}'),
    "bulk": ("POST", "/v1/customers/bulk/async", '[{"source_id":"known","metadata":{"v":%s}}]'),
    "metadata-bulk": (
        "POST",
        "/v1/customers/metadata/async",
        '{"source_ids":["known"],"metadata":{"v":%s}}',
    ),
}


async def _state(client: httpx.AsyncClient) -> tuple[str, str, str]:
    customers = await client.get("/v1/customers", params={"limit": 100})
    actions = await client.get("/v1/async-actions")
    one = await client.get("/v1/customers/known")
    assert customers.status_code == actions.status_code == one.status_code == 200
    return customers.text, actions.text, one.text


@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=list(HOSTILE_VALUES))
@pytest.mark.parametrize("route", SINGLE.values(), ids=list(SINGLE))
async def test_a_body_json_cannot_carry_is_a_400_that_changes_nothing(
    sandbox_http: httpx.AsyncClient, route: tuple[str, str, str], value: str
) -> None:
    created = await sandbox_http.post("/v1/customers", json={"source_id": "known", "name": "K"})
    assert created.status_code == 200
    before = await _state(sandbox_http)
    method, path, template = route
    response = await sandbox_http.request(method, path, content=template % value, headers=JSON)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["key"] == "invalid_payload" and body["code"] == 400
    assert body["request_id"]
    assert await _state(sandbox_http) == before


async def test_the_refusal_names_the_property_and_the_problem(sandbox_http: httpx.AsyncClient):
    cases = {
        '{"metadata":{"score":NaN}}': "NaN is not a JSON number",
        '{"metadata":{"score":1e400}}': "The number 1e400 is too large",
        '{"name":"\\ud83d"}': "Property .name holds a lone surrogate",
        '{"metadata":{"\\udfff":1}}': "A key in .metadata holds a lone surrogate",
        '{"metadata":' + nested(40) + "}": f"nested deeper than {MAX_DEPTH} levels",
    }
    for raw, expected in cases.items():
        response = await sandbox_http.post("/v1/customers", content=raw, headers=JSON)
        assert response.status_code == 400
        assert expected in response.json()["details"], raw


async def test_metadata_at_the_depth_limit_is_stored_and_reads_back(
    sandbox_http: httpx.AsyncClient,
) -> None:
    deepest = json.loads(nested(MAX_DEPTH - 2))  # body 1 + metadata 1 + 30 = 32
    response = await sandbox_http.post(
        "/v1/customers", json={"source_id": "deep", "metadata": {"v": deepest}}
    )
    assert response.status_code == 200, response.text
    read = await sandbox_http.get("/v1/customers/deep")
    assert read.json()["metadata"] == {"v": deepest}
    assert (await sandbox_http.get("/v1/customers")).status_code == 200


async def test_a_bulk_job_with_nan_is_refused_at_submit_and_reads_stay_json(
    sandbox_http: httpx.AsyncClient,
) -> None:
    """The probe's case: once a 202 that stored NaN, then a 500 on every read."""
    rows = '[{"source_id":"ok-1","name":"Fine"},{"source_id":"bad","metadata":{"x":NaN}}]'
    response = await sandbox_http.post("/v1/customers/bulk/async", content=rows, headers=JSON)
    assert response.status_code == 400
    assert (await sandbox_http.get("/v1/async-actions")).json()["async_actions"] == []
    listing = await sandbox_http.get("/v1/customers")
    assert listing.status_code == 200 and listing.json()["customers"] == []
    assert (await sandbox_http.get("/v1/customers/bad")).status_code == 404


async def test_a_csv_that_is_not_utf8_is_refused_at_submit(sandbox_http: httpx.AsyncClient):
    # A surrogate encoded as bytes (CESU-8): never valid UTF-8.
    csv = b"source_id,name\nc1,Ann\xed\xa0\x80\n"
    response = await sandbox_http.post(
        "/v1/customers/importCSV", files={"file": ("x.csv", csv, "text/csv")}
    )
    assert response.status_code == 400
    assert response.json()["key"] == "invalid_payload"
    assert (await sandbox_http.get("/v1/async-actions")).json()["async_actions"] == []


async def test_control_routes_read_bodies_just_as_strictly(sandbox_http: httpx.AsyncClient):
    response = await sandbox_http.post(
        "/_sandbox/faults", content='{"kind":"latency","latency_ms":NaN}', headers=JSON
    )
    assert response.status_code == 400
    assert (await sandbox_http.get("/_sandbox/faults")).json() == {"faults": []}


async def test_a_surrogate_encoded_as_utf8_bytes_is_a_400(sandbox_http: httpx.AsyncClient):
    raw = b'{"source_id":"cesu","name":"Ann\xed\xa0\x80"}'  # CESU-8, never valid UTF-8
    response = await sandbox_http.post("/v1/customers", content=raw, headers=JSON)
    assert response.status_code == 400
    assert response.json()["details"] == "The request body is not valid UTF-8"
    assert (await sandbox_http.get("/v1/customers/cesu")).status_code == 404
