"""Segment rules, membership that follows writes, and /segments that never 404s."""

from __future__ import annotations

import pytest

from tests.sandbox.sandbox_rows import insert_segment, make_customer
from vtui.sandbox.segments import matches

CUSTOMER = {
    "email": "a@x.io",
    "address": {"country": "Poland"},
    "metadata": {"tier": "gold", "orders": 12, "tags": ["vip"]},
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"field": "address.country", "op": "eq", "value": "Poland"}, True),
        ({"field": "address.country", "op": "ne", "value": "Poland"}, False),
        ({"field": "metadata.tier", "op": "in", "value": ["gold", "platinum"]}, True),
        ({"field": "phone", "op": "missing"}, True),
        ({"field": "email", "op": "exists"}, True),
        ({"field": "metadata.orders", "op": "gte", "value": 10}, True),
        ({"field": "metadata.orders", "op": "lte", "value": 10}, False),
        ({"field": "metadata.orders", "op": "gte", "value": "10"}, False),
        ({"field": "email", "op": "contains", "value": "@x."}, True),
        ({"field": "metadata.tags", "op": "contains", "value": "vip"}, True),
        ({"field": "email", "op": "regex", "value": ".*"}, False),
    ],
)
def test_rule_conditions(condition, expected):
    assert matches({"all": [condition]}, CUSTOMER) is expected


def test_unreadable_rules_match_nobody():
    assert matches("not json", CUSTOMER) is False
    assert matches({"any": []}, CUSTOMER) is False
    assert matches({"all": []}, CUSTOMER) is True


async def test_membership_follows_creates_and_updates_with_events(sandbox, sandbox_http):
    insert_segment(
        sandbox,
        "seg_pl",
        "Poles",
        {"all": [{"field": "address.country", "op": "eq", "value": "Poland"}]},
    )
    insert_segment(sandbox, "seg_static", "Hand-picked", None)
    await make_customer(sandbox_http, source_id="s1", address={"country": "Poland"})
    body = (await sandbox_http.get("/v1/customers/s1/segments")).json()
    assert body == {
        "object": "list",
        "data_ref": "data",
        "total": 1,
        "data": [{"id": "seg_pl", "name": "Poles", "object": "segment"}],
    }
    await sandbox_http.put("/v1/customers/s1", json={"address": {"country": "Norway"}})
    assert (await sandbox_http.get("/v1/customers/s1/segments")).json()["total"] == 0
    events = (await sandbox_http.get("/v1/customers/s1/activity")).json()["data"]
    kinds = [e["type"] for e in events]
    assert kinds.index("customer.segment.left") < kinds.index("customer.segment.entered")
    left = events[kinds.index("customer.segment.left")]["data"]["data"]
    assert left["segment"] == {"id": "seg_pl", "name": "Poles", "object": "segment"}
    members = await sandbox_http.get("/v1/customers", params={"segment_id": "seg_pl"})
    assert members.json()["total"] == 0


async def test_unknown_customer_gets_the_segments_an_empty_profile_qualifies_for(
    sandbox, sandbox_http
):
    insert_segment(
        sandbox, "seg_noemail", "No email", {"all": [{"field": "email", "op": "missing"}]}
    )
    insert_segment(sandbox, "seg_email", "Email", {"all": [{"field": "email", "op": "exists"}]})
    response = await sandbox_http.get("/v1/customers/nobody%40x.io/segments")
    assert response.status_code == 200
    assert [s["id"] for s in response.json()["data"]] == ["seg_noemail"]


async def test_deleting_a_customer_removes_their_memberships(sandbox, sandbox_http):
    insert_segment(sandbox, "seg_all", "All", {"all": []})
    await make_customer(sandbox_http, source_id="s1")
    await sandbox_http.delete("/v1/customers/s1")
    members = await sandbox_http.get("/v1/customers", params={"segment_id": "seg_all"})
    assert members.json()["total"] == 0
