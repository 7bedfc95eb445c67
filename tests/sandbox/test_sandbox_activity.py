"""Activity recorded for API changes, and the activity list's cursor and filters."""

from __future__ import annotations

import re

from tests.sandbox.sandbox_rows import insert_segment, make_customer


async def test_changes_record_events_in_the_reference_shape(sandbox_http):
    made = await make_customer(sandbox_http, source_id="s1", name="Ann")
    update = await sandbox_http.put("/v1/customers/s1", json={"name": "Bea"})
    body = (await sandbox_http.get("/v1/customers/s1/activity")).json()
    assert body["object"] == "list" and body["data_ref"] == "data" and body["has_more"] is False
    updated, created = body["data"]
    assert (updated["type"], created["type"]) == ("customer.updated", "customer.created")
    assert re.fullmatch(r"evcus_[0-9a-f]{18}", created["id"])
    assert created["data"]["data"]["customer"]["id"] == made["id"]
    assert created["data"]["event_source"] == {
        "channel": "API",
        "api_key": {"name": "API", "app_id": "test-app-id"},
    }
    assert updated["data"]["data"]["customer"]["name"] == "Bea"
    assert updated["group_id"] == update.headers["x-request-id"]
    assert set(created) == {"id", "type", "data", "created_at", "group_id"}


async def test_activity_pages_by_starting_after_id(sandbox_http):
    await make_customer(sandbox_http, source_id="s1")
    for i in range(4):
        await sandbox_http.put("/v1/customers/s1", json={"name": f"N{i}"})
    first = (await sandbox_http.get("/v1/customers/s1/activity", params={"limit": 2})).json()
    assert first["has_more"] is True
    assert first["more_starting_after"] == first["data"][-1]["id"]
    seen = [e["id"] for e in first["data"]]
    cursor = first["more_starting_after"]
    while cursor:
        page = (
            await sandbox_http.get(
                "/v1/customers/s1/activity", params={"limit": 2, "starting_after_id": cursor}
            )
        ).json()
        seen += [e["id"] for e in page["data"]]
        cursor = page.get("more_starting_after")
    assert len(seen) == len(set(seen)) == 5


async def test_activity_ascending_and_filters(sandbox, sandbox_http):
    insert_segment(
        sandbox,
        "seg_gold",
        "Gold",
        {"all": [{"field": "metadata.tier", "op": "eq", "value": "gold"}]},
    )
    await make_customer(sandbox_http, source_id="s1")
    await sandbox_http.put("/v1/customers/s1", json={"metadata": {"tier": "gold"}})
    asc = await sandbox_http.get("/v1/customers/s1/activity", params={"order": "created_at"})
    assert asc.json()["data"][0]["type"] == "customer.created"
    effects = await sandbox_http.get("/v1/customers/s1/activity", params={"category": "EFFECT"})
    assert [e["type"] for e in effects.json()["data"]] == ["customer.segment.entered"]
    by_type = await sandbox_http.get(
        "/v1/customers/s1/activity", params={"type": "customer.created"}
    )
    assert [e["type"] for e in by_type.json()["data"]] == ["customer.created"]
    later = await sandbox_http.get("/v1/customers/s1/activity", params={"start_date": "2999-01-01"})
    assert later.json()["data"] == []
    earlier = await sandbox_http.get(
        "/v1/customers/s1/activity", params={"end_date": "2000-01-01T00:00:00.000000+0000"}
    )
    assert earlier.json()["data"] == []


async def test_activity_errors(sandbox_http):
    assert (await sandbox_http.get("/v1/customers/ghost/activity")).status_code == 404
    await make_customer(sandbox_http, source_id="s1")
    for params in (
        {"category": "OTHER"},
        {"limit": 101},
        {"order": "type"},
        {"start_date": "nope"},
        {"starting_after_id": "evcus_unknown"},
    ):
        response = await sandbox_http.get("/v1/customers/s1/activity", params=params)
        assert response.status_code == 400, params
        assert response.json()["key"] == "invalid_query_params"
