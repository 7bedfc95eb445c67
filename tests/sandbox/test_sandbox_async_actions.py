"""importCSV, bulk and metadata updates as async actions, and the job lifecycle."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta

import pytest

from tests.sandbox.sandbox_rows import make_customer

SPEC_HEADERS = (
    "Id,Name,Email,Phone,Birthdate,Source_id,Address_line_1,Address_line_2,"
    "Address_Postal_Code,Address_City,Address_State,Address_Country,Description,tier\n"
)
TEMPLATE = (
    "Name,Source_id,Description,Email,Phone,Address_line_1,Address_line_2,City,Postal_Code,"
    "State,Country,Birthdate,favorite_brands,CRM_created_date\n"
    "John Smith,test-user@voucherify.io,A good customer.,test-user@voucherify.io,"
    "+1 (989) 123-4632,100 Main St,Blg 2 Apt 3,New York,12345,New York,United States,2022-07-03,"
    '"Nike,Fenty,Reebok",2022-05-18T10:00:00.000Z\n'
)


async def run_job(sandbox, client, response):
    assert response.status_code == 202, response.text
    action_id = response.json()["async_action_id"]
    assert set(response.json()) == {"async_action_id"}
    await sandbox.jobs.wait_idle()
    action = await client.get(f"/v1/async-actions/{action_id}")
    assert action.status_code == 200
    return action.json()


def csv_file(text: str | bytes):
    return {
        "file": (
            "file",
            text if isinstance(text, bytes) else text.encode(),
            "application/octet-stream",
        )
    }


async def test_import_with_the_official_template_maps_address_and_metadata(sandbox, sandbox_http):
    response = await sandbox_http.post("/v1/customers/importCSV", files=csv_file(TEMPLATE))
    action = await run_job(sandbox, sandbox_http, response)
    assert action["type"] == "CUSTOMERS.IMPORT_CSV" and action["status"] == "DONE"
    assert action["progress"] == 100 and "operation_status" not in action
    assert action["result"] == {
        "message": "1 customer(s) imported successfully, 0 failed.",
        "failed": [],
        "done_count": 1,
        "failed_count": 0,
    }
    body = (await sandbox_http.get("/v1/customers/test-user%40voucherify.io")).json()
    assert body["address"] == {
        "line_1": "100 Main St",
        "line_2": "Blg 2 Apt 3",
        "city": "New York",
        "postal_code": "12345",
        "state": "New York",
        "country": "United States",
    }
    assert body["metadata"] == {
        "favorite_brands": "Nike,Fenty,Reebok",
        "CRM_created_date": "2022-05-18T10:00:00.000Z",
    }
    assert body["birthdate"] == "2022-07-03"


async def test_import_with_spec_headers_any_case_overwrites_by_source_id(sandbox, sandbox_http):
    await make_customer(
        sandbox_http, source_id="crm-1", name="Old", phone="+1", metadata={"keep": "no"}
    )
    text = (
        SPEC_HEADERS.lower() + ",New Name,n@x.io,,1990-05-01,crm-1,,,00-001,Warsaw,,Poland,,gold\n"
    )
    action = await run_job(
        sandbox,
        sandbox_http,
        await sandbox_http.post("/v1/customers/importCSV", files=csv_file(text)),
    )
    assert action["result"]["done_count"] == 1
    body = (await sandbox_http.get("/v1/customers/crm-1")).json()
    assert body["name"] == "New Name" and "phone" not in body  # fully overwritten
    assert body["metadata"] == {"tier": "gold"}
    assert body["address"] == {"postal_code": "00-001", "city": "Warsaw", "country": "Poland"}


async def test_import_reports_bad_rows_by_number_and_keeps_the_good_ones(sandbox, sandbox_http):
    text = (
        "Source_id,Name,Birthdate,Id\n"
        "ok-1,Ann,,\n"
        "bad-date,Bob,31/12/1990,\n"
        "short-row\n"
        "bad-id,Cid,,cust_missing\n"
        "ok-2,Dee,2001-02-03T00:00:00.000Z,\n"
    )
    action = await run_job(
        sandbox,
        sandbox_http,
        await sandbox_http.post("/v1/customers/importCSV", files=csv_file(text)),
    )
    result = action["result"]
    assert result["done_count"] == 2 and result["failed_count"] == 3
    assert result["message"] == "2 customer(s) imported successfully, 3 failed."
    assert [(f["row"], f["source_id"]) for f in result["failed"]] == [
        (2, "bad-date"),
        (3, ""),
        (4, "bad-id"),
    ]
    assert "birthdate" in result["failed"][0]["reason"]
    assert "columns" in result["failed"][1]["reason"]
    assert "cust_missing" in result["failed"][2]["reason"]
    assert (await sandbox_http.get("/v1/customers/bad-date")).status_code == 404
    assert (await sandbox_http.get("/v1/customers/ok-2")).json()["birthdate"] == "2001-02-03"


async def test_import_of_an_empty_file_fails_the_action(sandbox, sandbox_http):
    action = await run_job(
        sandbox,
        sandbox_http,
        await sandbox_http.post("/v1/customers/importCSV", files=csv_file("")),
    )
    assert action["status"] == "FAILED" and "empty" in action["result"]["message"]


async def test_import_over_10_mb_is_413_in_the_bad_request_shape(sandbox_http):
    big = b"Source_id,Name\n" + b"x" * (10 * 1024 * 1024)
    response = await sandbox_http.post("/v1/customers/importCSV", files=csv_file(big))
    assert response.status_code == 413
    assert response.json() == {
        "statusCode": 413,
        "error": "Request Entity Too Large",
        "message": "Payload content length greater than maximum allowed: 10485760",
    }
    assert (await sandbox_http.get("/v1/async-actions")).json()["async_actions"] == []


async def test_import_without_a_file_part_is_400(sandbox_http):
    response = await sandbox_http.post("/v1/customers/importCSV", files={"other": ("f", b"x")})
    assert response.status_code == 400 and "file" in response.json()["details"]
    plain = await sandbox_http.post("/v1/customers/importCSV", json={"file": "x"})
    assert plain.status_code == 400


async def test_bulk_update_upserts_and_reports(sandbox, sandbox_http):
    await make_customer(sandbox_http, source_id="a", name="A", email="a@x.io")
    payload = [
        {"source_id": "a", "name": "A2"},
        {"source_id": "b", "name": "B"},
        {"source_id": "c", "birthdate": "bad"},
        {"name": "no source"},
    ]
    action = await run_job(
        sandbox, sandbox_http, await sandbox_http.post("/v1/customers/bulk/async", json=payload)
    )
    assert action["type"] == "CUSTOMERS.BULK_UPDATE" and action["status"] == "DONE"
    assert action["operation_status"] == "SUCCESS"
    result = action["result"]
    assert (result["done_count"], result["failed_count"]) == (2, 2)
    assert [e["source_id"] for e in result["errors"]] == ["c", ""]
    assert set(result["errors"][0]) == {"message", "details", "key", "source_id"}
    assert result["reports_available_till"].endswith("Z")
    a = (await sandbox_http.get("/v1/customers/a")).json()
    assert (a["name"], a["email"]) == ("A2", "a@x.io")  # partial update
    assert (await sandbox_http.get("/v1/customers/b")).json()["name"] == "B"
    report = await sandbox_http.get(result["reports"][0].removeprefix("http://sandbox.test"))
    lines = report.text.splitlines()
    assert lines[0] == "source_id,found,updated,error"
    assert lines[1].startswith('"a",true,true') and lines[2].startswith('"b",false,true')


async def test_bulk_update_validates_the_envelope_and_size(sandbox_http):
    for body in ({"source_id": "a"}, [], ["x"]):
        response = await sandbox_http.post("/v1/customers/bulk/async", json=body)
        assert response.status_code == 400, body
    big = [{"source_id": f"s{i}", "description": "x" * 1000} for i in range(11_000)]
    response = await sandbox_http.post("/v1/customers/bulk/async", json=big)
    assert response.status_code == 413 and response.json()["statusCode"] == 413


async def test_metadata_update_merges_keys_and_upserts(sandbox, sandbox_http):
    await make_customer(sandbox_http, source_id="a", metadata={"keep": 1, "lang": "pl"})
    payload = {"source_ids": ["a", "new"], "metadata": {"lang": "en", "test": False}}
    action = await run_job(
        sandbox, sandbox_http, await sandbox_http.post("/v1/customers/metadata/async", json=payload)
    )
    assert action["type"] == "CUSTOMERS.METADATA_UPDATE" and action["operation_status"] == "SUCCESS"
    assert action["result"]["done_count"] == 2 and action["result"]["errors"] == []
    a = (await sandbox_http.get("/v1/customers/a")).json()
    assert a["metadata"] == {"keep": 1, "lang": "en", "test": False}
    assert (await sandbox_http.get("/v1/customers/new")).json()["metadata"] == {
        "lang": "en",
        "test": False,
    }
    for bad in (
        {"source_ids": [], "metadata": {}},
        {"source_ids": ["a"]},
        {"source_ids": [1], "metadata": {}},
    ):
        assert (
            await sandbox_http.post("/v1/customers/metadata/async", json=bad)
        ).status_code == 400


async def test_jobs_run_in_order_through_enqueued_in_progress_done(sandbox, sandbox_http):
    sandbox.jobs.pause()
    first = (
        await sandbox_http.post(
            "/v1/customers/bulk/async", json=[{"source_id": f"s{i}"} for i in range(600)]
        )
    ).json()
    second = (
        await sandbox_http.post(
            "/v1/customers/metadata/async", json={"source_ids": ["s1"], "metadata": {"n": 2}}
        )
    ).json()
    for ref in (first, second):
        action = (await sandbox_http.get(f"/v1/async-actions/{ref['async_action_id']}")).json()
        assert action["status"] == "ENQUEUED" and action["progress"] == 0 and "result" not in action
    sandbox.jobs.chunk_delay = 0.05
    sandbox.jobs.resume()
    seen: list[tuple[str, str, int]] = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for ref in (first, second):
            body = (await sandbox_http.get(f"/v1/async-actions/{ref['async_action_id']}")).json()
            seen.append((ref["async_action_id"], body["status"], body["progress"]))
        if seen[-1][1] == "DONE":
            break
        await asyncio.sleep(0.01)
    first_states = [s for a, s, _ in seen if a == first["async_action_id"]]
    assert "IN_PROGRESS" in first_states
    order = ["ENQUEUED", "IN_PROGRESS", "DONE"]
    assert [order.index(s) for s in first_states] == sorted(order.index(s) for s in first_states)
    assert any(0 < p < 100 for a, s, p in seen if s == "IN_PROGRESS")
    # The second job started only after the first had finished (server-side times).
    await sandbox.jobs.wait_idle()
    one, two = [
        (await sandbox_http.get(f"/v1/async-actions/{ref['async_action_id']}")).json()
        for ref in (first, second)
    ]
    second_started = datetime.fromisoformat(two["updated_at"]) - timedelta(
        milliseconds=two["processing_time"]
    )
    assert datetime.fromisoformat(one["updated_at"]) <= second_started
    assert (await sandbox_http.get("/v1/customers/s1")).json()["metadata"] == {"n": 2}


async def test_async_action_list_is_newest_first_without_result(sandbox, sandbox_http):
    made = []
    for i in range(3):
        response = await sandbox_http.post("/v1/customers/bulk/async", json=[{"source_id": f"{i}"}])
        made.append(response.json()["async_action_id"])
        await asyncio.sleep(0.002)
    await sandbox.jobs.wait_idle()
    body = (await sandbox_http.get("/v1/async-actions", params={"limit": 2})).json()
    assert body["object"] == "list" and body["data_ref"] == "async_actions"
    assert [a["id"] for a in body["async_actions"]] == made[::-1][:2]
    assert body["has_more"] is True
    assert all("result" not in a and a["status"] == "DONE" for a in body["async_actions"])
    older = await sandbox_http.get(
        "/v1/async-actions", params={"end_date": body["async_actions"][-1]["created_at"]}
    )
    assert [a["id"] for a in older.json()["async_actions"]] == [made[0]]


async def test_async_action_errors(sandbox_http):
    missing = await sandbox_http.get("/v1/async-actions/aa_0aeb82bd55d5beffb")
    assert missing.status_code == 404
    assert missing.json()["details"] == "Cannot find async_action with id aa_0aeb82bd55d5beffb"
    assert missing.json()["resource_type"] == "async_action"
    bad = await sandbox_http.get("/v1/async-actions", params={"end_date": "soon"})
    assert bad.status_code == 400
    assert (
        bad.json()["details"]
        == "Property .end_date cannot be recognized as a ISO-8601 compliant date"
    )


@pytest.mark.slow
async def test_a_large_job_does_not_stall_other_requests(sandbox, sandbox_http):
    rows = [{"source_id": f"big-{i}", "name": f"N{i}"} for i in range(8_000)]
    ref = (await sandbox_http.post("/v1/customers/bulk/async", json=rows)).json()
    worst = 0.0
    while True:
        started = time.perf_counter()
        body = (await sandbox_http.get(f"/v1/async-actions/{ref['async_action_id']}")).json()
        await sandbox_http.get("/v1/customers", params={"limit": 100})
        worst = max(worst, time.perf_counter() - started)
        if body["status"] == "DONE":
            break
        await asyncio.sleep(0.005)
    assert body["result"]["done_count"] == 8_000
    assert worst < 1.0, f"a request waited {worst:.3f}s behind the job"


async def test_reset_mid_job_abandons_it_and_writes_nothing_after(sandbox, sandbox_http):
    sandbox.jobs.chunk_delay = 0.02
    rows = [{"source_id": f"r{i}"} for i in range(3000)]
    await sandbox_http.post("/v1/customers/bulk/async", json=rows)
    await asyncio.sleep(0.15)
    await sandbox_http.post("/_sandbox/reset", json={"customers": 0})
    sandbox.jobs.chunk_delay = 0
    await asyncio.sleep(0.3)
    await sandbox.jobs.wait_idle()
    assert (await sandbox_http.get("/v1/customers")).json()["total"] == 0
    assert (await sandbox_http.get("/v1/async-actions")).json()["async_actions"] == []
