"""Customer operations: each request (method, path, query, body) and the parsed response."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import httpx
import pytest

from tests.api.api_fakes import ok
from vtui.api import (
    CustomerCreate,
    CustomerUpdate,
)

CUSTOMER = {
    "id": "cust_1",
    "source_id": "crm-42",
    "object": "customer",
    "created_at": "2022-08-30T06:32:07.380Z",
}


def query(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())


async def test_list_sends_every_filter_with_literal_bracket_keys(client, recorder):
    recorder.reply(
        ok({"object": "list", "data_ref": "customers", "customers": [CUSTOMER], "total": 1})
    )
    page = await client.customers.list(
        limit=25,
        page=3,
        order="-updated_at",
        email="jane@example.com",
        city="Warsaw",
        name="Jane Doe",
        segment_id="seg_1",
        created_at_before=datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        created_at_after=date(2023, 1, 1),
        updated_at_before=datetime(2024, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=1))),
        updated_at_after="2023-06-01T12:00:00Z",
        starting_after=datetime(2024, 5, 24, 13, 43, 9, 24000),
    )
    request = recorder.last
    assert request.method == "GET" and request.url.path == "/v1/customers"
    assert query(request) == [
        ("limit", "25"),
        ("page", "3"),
        ("order", "-updated_at"),
        ("email", "jane@example.com"),
        ("city", "Warsaw"),
        ("name", "Jane Doe"),
        ("segment_id", "seg_1"),
        ("created_at[before]", "2024-01-02T03:04:05.678Z"),
        ("created_at[after]", "2023-01-01T00:00:00.000Z"),
        ("updated_at[before]", "2024-01-01T00:00:00.000Z"),
        ("updated_at[after]", "2023-06-01T12:00:00.000Z"),
        ("starting_after", "2024-05-24T13:43:09.024Z"),
    ]
    assert request.content == b""
    assert [c.id for c in page.customers] == ["cust_1"]
    assert page.total == 1 and page.has_more is None


@pytest.mark.parametrize("limit", [0, 101, -1, 10.0, "10", True])
async def test_list_rejects_limit_outside_1_to_100_before_sending(client, recorder, limit):
    with pytest.raises(ValueError, match="limit must be an integer from 1 to 100"):
        await client.customers.list(limit=limit)
    assert recorder.requests == []


async def test_list_rejects_page_100_before_sending(client, recorder):
    with pytest.raises(ValueError, match="page must be an integer from 1 to 99"):
        await client.customers.list(page=100)
    assert recorder.requests == []


async def test_list_rejects_a_malformed_date_string(client, recorder):
    with pytest.raises(ValueError, match="not an ISO-8601"):
        await client.customers.list(created_at_before="yesterday")
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("identifier", "raw_path"),
    [
        ("cust_CSnYd37MXmrbS19XCrghjBsv", b"/v1/customers/cust_CSnYd37MXmrbS19XCrghjBsv"),
        ("alice.morgan@email.com", b"/v1/customers/alice.morgan%40email.com"),
        ("crm/42", b"/v1/customers/crm%2F42"),
        ("a b+c?d#e%f&g", b"/v1/customers/a%20b%2Bc%3Fd%23e%25f%26g"),
        ("..", b"/v1/customers/%2E%2E"),
        ("zażółć", b"/v1/customers/za%C5%BC%C3%B3%C5%82%C4%87"),
    ],
)
async def test_get_escapes_the_whole_id_in_the_path(client, recorder, identifier, raw_path):
    recorder.reply(ok(CUSTOMER))
    customer = await client.customers.get(identifier)
    assert recorder.last.method == "GET"
    assert recorder.last.url.raw_path == raw_path
    assert customer.id == "cust_1"


async def test_empty_customer_id_is_refused_before_sending(client, recorder):
    with pytest.raises(ValueError, match="non-empty"):
        await client.customers.get("")
    assert recorder.requests == []


async def test_create_posts_only_the_fields_set(client, recorder):
    recorder.reply(ok(CUSTOMER))
    customer = await client.customers.create(
        CustomerCreate(
            source_id="crm-42",
            name="Bob",
            birthdate=date(2022, 1, 1),
            address={"city": "New York"},
            metadata={"lang": "en", "test": True},
        )
    )
    assert recorder.last.method == "POST" and recorder.last.url.path == "/v1/customers"
    assert recorder.last.headers["content-type"] == "application/json"
    assert recorder.body() == {
        "source_id": "crm-42",
        "name": "Bob",
        "birthdate": "2022-01-01",
        "address": {"city": "New York"},
        "metadata": {"lang": "en", "test": True},
    }
    assert customer.source_id == "crm-42"


async def test_create_accepts_a_plain_dict(client, recorder):
    recorder.reply(ok(CUSTOMER))
    await client.customers.create({"source_id": "crm-42", "email": "bob@example.com"})
    assert recorder.body() == {"source_id": "crm-42", "email": "bob@example.com"}


async def test_update_sends_set_fields_and_explicit_nulls_only(client, recorder):
    recorder.reply(ok(CUSTOMER))
    await client.customers.update("crm/42", CustomerUpdate(phone="+48 123", description=None))
    assert recorder.last.method == "PUT"
    assert recorder.last.url.raw_path == b"/v1/customers/crm%2F42"
    assert recorder.body() == {"phone": "+48 123", "description": None}


async def test_delete_sends_delete_and_accepts_204(client, recorder):
    recorder.reply(httpx.Response(204))
    assert await client.customers.delete("crm-42") is None
    assert recorder.last.method == "DELETE"
    assert recorder.last.url.path == "/v1/customers/crm-42"


async def test_delete_permanently_posts_and_parses_the_deletion(client, recorder):
    recorder.reply(
        ok(
            {
                "id": "del_1",
                "created_at": "2022-09-02T17:50:29.302Z",
                "related_object_id": "cust_1",
                "related_object": "customer",
                "status": "DONE",
                "data_json": {"events": 16, "customer": 1},
                "object": "pernament_deletion",
            }
        )
    )
    deletion = await client.customers.delete_permanently("a@b.c")
    assert recorder.last.method == "POST"
    assert recorder.last.url.raw_path == b"/v1/customers/a%40b.c/permanent-deletion"
    assert recorder.body() == {}
    assert deletion.status == "DONE" and deletion.data_json and deletion.data_json.events == 16


async def test_list_activity_sends_every_filter(client, recorder):
    recorder.reply(
        ok(
            {
                "object": "list",
                "data_ref": "data",
                "has_more": True,
                "more_starting_after": "evcus_2",
                "data": [
                    {
                        "id": "evcus_1",
                        "type": "customer.created",
                        "data": {
                            "data": {"customer": {"id": "cust_1"}},
                            "event_source": {"channel": "API"},
                        },
                        "created_at": "2022-08-30T09:14:07.660Z",
                        "group_id": "v-1",
                    }
                ],
            }
        )
    )
    page = await client.customers.list_activity(
        "crm-42",
        limit=50,
        order="-created_at",
        starting_after_id="evcus_0",
        start_date=date(2024, 1, 1),
        end_date=datetime(2024, 2, 1, tzinfo=UTC),
        campaign_id="camp_1",
        campaign_type="LOYALTY_PROGRAM",
        category="ACTION",
        type="customer.created",
    )
    assert recorder.last.url.path == "/v1/customers/crm-42/activity"
    assert query(recorder.last) == [
        ("limit", "50"),
        ("order", "-created_at"),
        ("starting_after_id", "evcus_0"),
        ("start_date", "2024-01-01T00:00:00.000Z"),
        ("end_date", "2024-02-01T00:00:00.000Z"),
        ("campaign_id", "camp_1"),
        ("campaign_type", "LOYALTY_PROGRAM"),
        ("category", "ACTION"),
        ("type", "customer.created"),
    ]
    assert page.has_more and page.more_starting_after == "evcus_2"
    event = page.activities[0]
    assert event.data and event.data.event_source and event.data.event_source.channel == "API"


async def test_list_redeemables_sends_filters_in_deep_object_form(client, recorder):
    recorder.reply(
        ok({"object": "list", "data_ref": "data", "data": [], "total": 0, "has_more": False})
    )
    await client.customers.list_redeemables(
        "crm-42",
        limit=10,
        order="-id",
        starting_after_id="rh_1",
        filters={
            "voucher_type": {"conditions": {"$in": ["LOYALTY_CARD", "GIFT_VOUCHER"]}},
            "holder_role": {"conditions": {"$is": "OWNER"}},
            "created_at": {"conditions": {"$after": datetime(2024, 1, 1, tzinfo=UTC)}},
            "junction": "and",
        },
    )
    assert recorder.last.url.path == "/v1/customers/crm-42/redeemables"
    assert query(recorder.last) == [
        ("limit", "10"),
        ("order", "-id"),
        ("starting_after_id", "rh_1"),
        ("filters[voucher_type][conditions][$in][0]", "LOYALTY_CARD"),
        ("filters[voucher_type][conditions][$in][1]", "GIFT_VOUCHER"),
        ("filters[holder_role][conditions][$is]", "OWNER"),
        ("filters[created_at][conditions][$after]", "2024-01-01T00:00:00.000Z"),
        ("filters[junction]", "and"),
    ]


async def test_list_segments_gets_and_parses(client, recorder):
    recorder.reply(
        ok(
            {
                "object": "list",
                "data_ref": "data",
                "total": 1,
                "data": [{"id": "seg_1", "name": "VIP", "object": "segment"}],
            }
        )
    )
    segments = await client.customers.list_segments("crm-42")
    assert recorder.last.method == "GET"
    assert recorder.last.url.path == "/v1/customers/crm-42/segments"
    assert [s.name for s in segments.segments] == ["VIP"] and segments.total == 1
