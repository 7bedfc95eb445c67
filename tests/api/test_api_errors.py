"""The error hierarchy, the three error shapes, and messages free of secrets and queries."""

from __future__ import annotations

import traceback

import httpx
import pytest

from tests.api.api_fakes import CANARY_TOKEN, ok
from vtui.api import (
    APIStatusError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitError,
    ServerError,
    ValidationError,
    VoucherifyError,
)

NOT_FOUND = {
    "code": 404,
    "key": "not_found",
    "message": "Resource not found",
    "details": "Cannot find customer with id x",
    "request_id": "v-0a1b2c",
    "resource_id": "x",
    "resource_type": "customer",
}


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, ValidationError),
        (401, AuthenticationError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, PayloadTooLargeError),
        (422, ValidationError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (402, APIStatusError),
    ],
)
async def test_each_status_raises_its_class(client, recorder, status, error_class):
    recorder.reply(ok({"code": status, "message": "m"}, status))
    with pytest.raises(error_class) as info:
        await client.customers.get("x")
    assert isinstance(info.value, APIStatusError) and isinstance(info.value, VoucherifyError)
    assert info.value.status == status


async def test_standard_error_reads_like_the_design(client, recorder):
    recorder.reply(ok(NOT_FOUND, 404))
    with pytest.raises(NotFoundError) as info:
        await client.customers.get("x")
    error = info.value
    assert str(error) == "[404 not_found] Cannot find customer with id x (request v-0a1b2c)"
    assert (error.key, error.message, error.request_id, error.resource_id) == (
        "not_found",
        "Resource not found",
        "v-0a1b2c",
        "x",
    )


async def test_413_framework_shape_is_understood(client, recorder):
    recorder.reply(
        ok(
            {
                "statusCode": 413,
                "error": "Request Entity Too Large",
                "message": "Payload content length greater than maximum allowed: 10485760",
            },
            413,
        )
    )
    with pytest.raises(PayloadTooLargeError) as info:
        await client.customers.update_in_bulk([{"source_id": "a"}])
    assert str(info.value) == (
        "[413] Payload content length greater than maximum allowed: 10485760"
    )


async def test_429_string_code_shape_is_understood_with_retry_after(client, recorder):
    recorder.reply(
        ok(
            {"code": "429", "message": "Too many requests hit the API too quickly."},
            429,
            **{"Retry-After": "7"},
        )
    )
    with pytest.raises(RateLimitError) as info:
        await client.customers.update_in_bulk([{"source_id": "a"}])
    assert str(info.value) == "[429] Too many requests hit the API too quickly."
    assert info.value.retry_after == 7


async def test_a_non_json_error_body_still_gives_a_clear_message(client, recorder):
    recorder.reply(httpx.Response(502, text="<html>Bad gateway</html>"))
    client.retry_policy.max_retries = 0
    with pytest.raises(ServerError) as info:
        await client.customers.get("x")
    assert str(info.value) == "[502] Bad Gateway"


async def test_error_text_never_holds_the_query_string_or_token(client, recorder):
    echo = {
        "code": 400,
        "key": "invalid_query_params",
        "message": "Invalid query params",
        "details": f"bad token {CANARY_TOKEN}",
        "request_id": "v-1",
    }
    recorder.reply(ok(echo, 400))
    with pytest.raises(ValidationError) as info:
        await client.customers.list(email="secret.person@example.com", limit=5)
    rendered = "".join(traceback.format_exception(info.value))
    assert CANARY_TOKEN not in rendered  # the traceback quotes this test's own source
    for text in (str(info.value), repr(info.value)):
        assert CANARY_TOKEN not in text
        assert "secret.person" not in text and "limit=5" not in text
    assert info.value.__cause__ is None and info.value.__context__ is None


async def test_a_short_token_does_not_mangle_error_messages(recorder):
    import httpx

    from vtui.api import VoucherifyClient

    recorder.reply(ok({"code": 400, "key": "invalid_payload", "message": "bad body"}, 400))
    async with VoucherifyClient(
        "id", "b", "http://vf.test", transport=httpx.MockTransport(recorder)
    ) as vf:
        with pytest.raises(ValidationError) as info:
            await vf.customers.get("x")
    assert str(info.value) == "[400 invalid_payload] bad body"
