"""Each operation's request (method, path, query, body, headers) and the parsed response."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from api_fakes import APP_ID, BASE_URL, CANARY_TOKEN, ok

from vtui.api import (
    AsyncAction,
    CustomerBulkUpdate,
    CustomerCreate,
    CustomerUpdate,
    VoucherifyClient,
)

CUSTOMER = {
    "id": "cust_1",
    "source_id": "crm-42",
    "object": "customer",
    "created_at": "2022-08-30T06:32:07.380Z",
}
JOB = {"async_action_id": "aa_0a875d56c805df6601"}


def query(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())


async def test_every_request_carries_keys_channel_and_json_accept(client, recorder):
    recorder.reply(ok(CUSTOMER))
    await client.customers.get("crm-42")
    headers = recorder.last.headers
    assert headers["x-app-id"] == APP_ID
    assert headers["x-app-token"] == CANARY_TOKEN
    assert headers["x-voucherify-channel"] == "vtui"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith("vtui/")


async def test_channel_header_is_configurable(recorder):
    recorder.reply(ok(CUSTOMER))
    async with VoucherifyClient(
        APP_ID, CANARY_TOKEN, BASE_URL, transport=httpx.MockTransport(recorder), channel="demo"
    ) as vf:
        await vf.customers.get("x")
    assert recorder.last.headers["x-voucherify-channel"] == "demo"


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


async def test_import_csv_sends_bytes_as_multipart_file(client, recorder):
    recorder.reply(ok(JOB, 202))
    csv = b"source_id,name\ncrm-43,Ann\n"
    ref = await client.customers.import_csv(csv)
    request = recorder.last
    assert request.method == "POST" and request.url.path == "/v1/customers/importCSV"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'Content-Disposition: form-data; name="file"; filename="customers.csv"' in (
        request.content
    )
    assert csv in request.content
    assert ref.async_action_id == "aa_0a875d56c805df6601"


async def test_import_csv_reads_a_path(client, recorder, tmp_path: Path):
    recorder.reply(ok(JOB, 202))
    path = tmp_path / "people.csv"
    path.write_bytes(b"source_id\nx\n")
    await client.customers.import_csv(path)
    assert b'filename="people.csv"' in recorder.last.content
    assert b"source_id\nx\n" in recorder.last.content


async def test_import_csv_of_missing_file_says_so_without_sending(client, recorder, tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        await client.customers.import_csv(tmp_path / "nope.csv")
    assert recorder.requests == []


async def test_update_in_bulk_posts_a_json_array(client, recorder):
    recorder.reply(ok(JOB, 202))
    ref = await client.customers.update_in_bulk(
        [CustomerBulkUpdate(source_id="a", name="A"), {"source_id": "b", "metadata": {"x": 1}}]
    )
    assert recorder.last.method == "POST"
    assert recorder.last.url.path == "/v1/customers/bulk/async"
    assert recorder.body() == [
        {"source_id": "a", "name": "A"},
        {"source_id": "b", "metadata": {"x": 1}},
    ]
    assert ref.async_action_id.startswith("aa_")


@pytest.mark.parametrize(
    "bad", [{"name": "no id"}, {"source_id": ""}, {"source_id": "  "}, {"source_id": None}]
)
async def test_update_in_bulk_refuses_an_item_without_source_id(client, recorder, bad):
    with pytest.raises(ValueError, match="item 1 has no source_id"):
        await client.customers.update_in_bulk([{"source_id": "ok"}, bad])
    assert recorder.requests == []


async def test_update_in_bulk_refuses_a_body_over_10_mb_before_sending(client, recorder):
    items = [{"source_id": f"s{i}", "description": "x" * 1000} for i in range(10_500)]
    with pytest.raises(ValueError, match="at most 10485760 bytes"):
        await client.customers.update_in_bulk(items)
    assert recorder.requests == []


async def test_update_in_bulk_sends_a_body_of_exactly_10_mb(client, recorder):
    recorder.reply(ok(JOB, 202))
    overhead = len(json.dumps([{"source_id": "s", "description": ""}], separators=(",", ":")))
    items = [{"source_id": "s", "description": "x" * (10_485_760 - overhead)}]
    await client.customers.update_in_bulk(items)
    assert len(recorder.last.content) == 10_485_760


async def test_update_metadata_in_bulk_posts_ids_and_metadata(client, recorder):
    recorder.reply(ok(JOB, 202))
    await client.customers.update_metadata_in_bulk(["a", "b@c"], {"lang": "en", "vip": False})
    assert recorder.last.url.path == "/v1/customers/metadata/async"
    assert recorder.body() == {"source_ids": ["a", "b@c"], "metadata": {"lang": "en", "vip": False}}


async def test_update_metadata_in_bulk_refuses_a_body_over_10_mb(client, recorder):
    ids = [f"source-{i:08d}-" + "y" * 100 for i in range(100_000)]
    with pytest.raises(ValueError, match="10 MB"):
        await client.customers.update_metadata_in_bulk(ids, {"k": "v"})
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("ids", "meta"), [([], {"a": 1}), (["a", ""], {"a": 1}), (["a"], {}), ("abc", {"a": 1})]
)
async def test_update_metadata_in_bulk_refuses_bad_input(client, recorder, ids, meta):
    with pytest.raises(ValueError):
        await client.customers.update_metadata_in_bulk(ids, meta)
    assert recorder.requests == []


async def test_async_action_get_and_list(client, recorder):
    recorder.reply(
        ok(
            {
                "id": "aa_1",
                "type": "CUSTOMERS.IMPORT_CSV",
                "status": "DONE",
                "result": {
                    "message": "1 ok",
                    "failed": [{"source_id": "x", "row": 2, "reason": "bad"}],
                    "done_count": 1,
                    "failed_count": 1,
                },
                "object": "async_action",
            }
        ),
        ok(
            {
                "object": "list",
                "data_ref": "async_actions",
                "async_actions": [{"id": "aa_1", "status": "DONE", "object": "async_action"}],
                "has_more": False,
            }
        ),
    )
    action = await client.async_actions.get("aa_1")
    assert recorder.last.url.path == "/v1/async-actions/aa_1"
    assert action.finished and action.result is not None
    assert action.result.failed[0].row == 2  # type: ignore[attr-defined]
    actions = await client.async_actions.list(limit=20, end_date=date(2024, 1, 1))
    assert recorder.last.url.path == "/v1/async-actions"
    assert query(recorder.last) == [("limit", "20"), ("end_date", "2024-01-01T00:00:00.000Z")]
    assert [a.id for a in actions.async_actions] == ["aa_1"]


async def test_watch_polls_with_growing_delay_until_done(client, recorder, sleeps):
    states = ["ENQUEUED", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "DONE"]
    recorder.reply(
        *[ok({"id": "aa_1", "status": s, "progress": i * 20}) for i, s in enumerate(states)]
    )
    seen: list[AsyncAction] = [a async for a in client.async_actions.watch("aa_1")]
    assert [a.status for a in seen] == states
    assert len(recorder.requests) == len(states)
    assert sleeps.delays[0] == 0.25
    assert sleeps.delays == sorted(sleeps.delays) and max(sleeps.delays) <= 2.0


async def test_watch_stops_at_failed(client, recorder):
    recorder.reply(
        ok({"id": "aa_1", "status": "ENQUEUED"}),
        ok({"id": "aa_1", "status": "FAILED"}),
        ok({"id": "aa_1", "status": "DONE"}),
    )
    seen = [a.status async for a in client.async_actions.watch("aa_1")]
    assert seen == ["ENQUEUED", "FAILED"]


async def test_rate_limit_state_follows_every_response(client, recorder):
    recorder.reply(
        ok(CUSTOMER, **{"X-Rate-Limit-Limit": "100", "X-Rate-Limit-Remaining": "99"}),
        ok(CUSTOMER, **{"X-Rate-Limit-Remaining": "98"}),
    )
    assert client.rate_limit.limit is None
    await client.customers.get("a")
    assert (client.rate_limit.limit, client.rate_limit.remaining) == (100, 99)
    await client.customers.get("a")
    assert (client.rate_limit.limit, client.rate_limit.remaining) == (100, 98)


async def test_redirect_is_not_followed(client, recorder):
    recorder.reply(httpx.Response(301, headers={"Location": "http://evil.test/v1/customers/a"}))
    with pytest.raises(Exception, match="redirect") as info:
        await client.customers.get("a")
    assert len(recorder.requests) == 1
    assert "evil" not in str(info.value)


async def test_client_closes_its_pool_on_exit(recorder):
    vf = VoucherifyClient(APP_ID, CANARY_TOKEN, BASE_URL, transport=httpx.MockTransport(recorder))
    async with vf:
        assert not vf.closed
    assert vf.closed


@pytest.mark.parametrize("url", ["ftp://x", "api.voucherify.io", "http://x/?q=1", "", "https://"])
def test_client_refuses_a_bad_base_url(url):
    with pytest.raises(ValueError, match="base_url"):
        VoucherifyClient(APP_ID, CANARY_TOKEN, url)


async def test_base_url_trailing_slash_and_prefix_are_kept_right(recorder):
    recorder.reply(ok(CUSTOMER))
    async with VoucherifyClient(
        APP_ID, CANARY_TOKEN, "http://vf.test/proxy/", transport=httpx.MockTransport(recorder)
    ) as vf:
        await vf.customers.get("a")
    assert recorder.last.url.raw_path == b"/proxy/v1/customers/a"


async def test_a_2xx_that_is_not_json_raises_a_format_error(client, recorder):
    from vtui.api import ResponseFormatError

    recorder.reply(httpx.Response(200, text="<html>proxy</html>"))
    with pytest.raises(ResponseFormatError, match="GET /v1/customers/a"):
        await client.customers.get("a")


async def test_import_csv_refuses_csv_text_passed_as_a_path(client, recorder):
    with pytest.raises(ValueError, match="not CSV text"):
        await client.customers.import_csv("source_id,name\ncrm-1,Ann\n")
    assert recorder.requests == []


async def test_a_response_that_fails_to_decode_is_a_connection_error(client, recorder):
    from vtui.api import APIConnectionError

    recorder.reply(httpx.DecodingError("bad gzip"))
    with pytest.raises(APIConnectionError, match="bad gzip"):
        await client.customers.get("a")


OPERATIONS = [
    ("create", "POST", "/v1/customers", lambda vf: vf.customers.create({"source_id": "s"})),
    ("list", "GET", "/v1/customers", lambda vf: vf.customers.list()),
    ("get", "GET", "/v1/customers/s", lambda vf: vf.customers.get("s")),
    ("update", "PUT", "/v1/customers/s", lambda vf: vf.customers.update("s", {"name": "n"})),
    ("delete", "DELETE", "/v1/customers/s", lambda vf: vf.customers.delete("s")),
    (
        "delete-permanently",
        "POST",
        "/v1/customers/s/permanent-deletion",
        lambda vf: vf.customers.delete_permanently("s"),
    ),
    (
        "import",
        "POST",
        "/v1/customers/importCSV",
        lambda vf: vf.customers.import_csv(b"source_id\ns\n"),
    ),
    ("activity", "GET", "/v1/customers/s/activity", lambda vf: vf.customers.list_activity("s")),
    (
        "redeemables",
        "GET",
        "/v1/customers/s/redeemables",
        lambda vf: vf.customers.list_redeemables("s"),
    ),
    ("segments", "GET", "/v1/customers/s/segments", lambda vf: vf.customers.list_segments("s")),
    (
        "bulk",
        "POST",
        "/v1/customers/bulk/async",
        lambda vf: vf.customers.update_in_bulk([{"source_id": "s"}]),
    ),
    (
        "metadata",
        "POST",
        "/v1/customers/metadata/async",
        lambda vf: vf.customers.update_metadata_in_bulk(["s"], {"k": 1}),
    ),
    ("async-get", "GET", "/v1/async-actions/aa_1", lambda vf: vf.async_actions.get("aa_1")),
    ("async-list", "GET", "/v1/async-actions", lambda vf: vf.async_actions.list()),
]

ANY_ANSWER = {
    "id": "x_1",
    "object": "x",
    "async_action_id": "aa_1",
    "data": [],
    "customers": [],
    "async_actions": [],
}


@pytest.mark.parametrize(
    ("method", "path", "call"), [o[1:] for o in OPERATIONS], ids=[o[0] for o in OPERATIONS]
)
async def test_each_of_the_14_operations_sends_its_method_path_and_headers(
    client, recorder, method, path, call
):
    recorder.reply(ok(ANY_ANSWER) if method != "DELETE" else httpx.Response(204))
    await call(client)
    request = recorder.last
    assert (request.method, request.url.path) == (method, path)
    assert request.headers["x-app-id"] == APP_ID
    assert request.headers["x-app-token"] == CANARY_TOKEN
    assert request.headers["x-voucherify-channel"] == "vtui"
    assert request.headers["accept"] == "application/json"
    if method in ("POST", "PUT") and "importCSV" not in path:
        assert request.headers["content-type"] == "application/json"
        json.loads(request.content)
    if method in ("GET", "DELETE"):
        assert request.content == b""
