"""What every request carries, and client-wide behaviour (base URL, redirects, limits)."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.api_fakes import APP_ID, BASE_URL, CANARY_TOKEN, ok
from vtui.api import (
    VoucherifyClient,
)

CUSTOMER = {
    "id": "cust_1",
    "source_id": "crm-42",
    "object": "customer",
    "created_at": "2022-08-30T06:32:07.380Z",
}


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
