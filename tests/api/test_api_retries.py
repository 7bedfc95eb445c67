"""Which requests are sent again after a failure, and how long the client waits first."""

from __future__ import annotations

import httpx
import pytest

from tests.api.api_fakes import ok
from vtui.api import (
    APIConnectionError,
    APITimeoutError,
    RateLimitError,
    RetryPolicy,
    ServerError,
)

CUSTOMER = {"id": "cust_1", "object": "customer"}
JOB = {"async_action_id": "aa_1"}
BUSY = {"code": "429", "message": "Too many requests hit the API too quickly."}


def reset() -> httpx.ReadError:
    return httpx.ReadError("Connection reset by peer")


async def test_429_with_retry_after_waits_that_long_then_succeeds(client, recorder, sleeps):
    recorder.reply(ok(BUSY, 429, **{"Retry-After": "3"}), ok(CUSTOMER))
    customer = await client.customers.get("a")
    assert customer.id == "cust_1"
    assert len(recorder.requests) == 2
    assert sleeps.delays == [3.0]


async def test_retry_after_over_60_seconds_is_not_waited_for(client, recorder, sleeps):
    recorder.reply(ok(BUSY, 429, **{"Retry-After": "61"}), ok(CUSTOMER))
    with pytest.raises(RateLimitError) as info:
        await client.customers.get("a")
    assert info.value.retry_after == 61
    assert len(recorder.requests) == 1 and sleeps.delays == []


async def test_503_then_200_succeeds_after_a_backoff(client, recorder, sleeps):
    recorder.reply(ok({"code": 503, "message": "busy"}, 503), ok(CUSTOMER))
    await client.customers.update("a", {"name": "x"})
    assert [r.method for r in recorder.requests] == ["PUT", "PUT"]
    assert recorder.requests[0].content == recorder.requests[1].content
    assert sleeps.delays == [0.5]


async def test_backoff_grows_exponentially_and_gives_up_after_max_retries(client, recorder, sleeps):
    recorder.reply(ok({"code": 500, "message": "boom"}, 500))
    with pytest.raises(ServerError):
        await client.customers.get("a")
    assert len(recorder.requests) == 3  # one try + max_retries=2
    assert sleeps.delays == [0.5, 1.0]


def test_jitter_keeps_the_delay_between_half_and_all_of_the_cap():
    low = RetryPolicy(jitter=lambda: 0.0)
    high = RetryPolicy(jitter=lambda: 1.0)
    assert (low.backoff(0), high.backoff(0)) == (0.25, 0.5)
    assert (low.backoff(10), high.backoff(10)) == (4.0, 8.0)


async def test_a_reset_connection_is_retried_for_a_get(client, recorder):
    recorder.reply(reset(), ok(CUSTOMER))
    assert (await client.customers.get("a")).id == "cust_1"
    assert len(recorder.requests) == 2


async def test_a_read_timeout_is_retried_then_reported_as_timeout(client, recorder):
    recorder.reply(httpx.ReadTimeout("read timed out"))
    with pytest.raises(APITimeoutError, match=r"timed out.*GET /v1/customers/a"):
        await client.customers.get("a")
    assert len(recorder.requests) == 3


async def test_4xx_other_than_408_and_429_is_not_retried(client, recorder):
    recorder.reply(ok({"code": 404, "message": "no"}, 404))
    with pytest.raises(Exception, match="404"):
        await client.customers.get("a")
    assert len(recorder.requests) == 1


async def test_408_is_retried(client, recorder):
    recorder.reply(ok({"code": 408, "message": "slow"}, 408), ok(CUSTOMER))
    await client.customers.get("a")
    assert len(recorder.requests) == 2


@pytest.mark.parametrize(
    "failure",
    [
        lambda: ok({"code": 503, "message": "busy"}, 503),
        lambda: ok(BUSY, 429, **{"Retry-After": "1"}),
        reset,
        lambda: httpx.ReadTimeout("timed out"),
        lambda: httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
    ids=["503", "429", "reset", "read-timeout", "disconnected"],
)
@pytest.mark.parametrize(
    "send",
    [
        lambda vf: vf.customers.update_in_bulk([{"source_id": "a"}]),
        lambda vf: vf.customers.update_metadata_in_bulk(["a"], {"k": 1}),
        lambda vf: vf.customers.import_csv(b"source_id\na\n"),
        lambda vf: vf.customers.delete_permanently("a"),
        lambda vf: vf.customers.create({"name": "no ids, so not an upsert"}),
    ],
    ids=["bulk", "metadata", "import", "permanent-deletion", "create-without-ids"],
)
async def test_a_post_that_may_have_arrived_is_never_resent(client, recorder, failure, send):
    recorder.reply(failure(), ok(JOB, 202))
    with pytest.raises((RateLimitError, ServerError, APIConnectionError)):
        await send(client)
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(
    "send",
    [
        lambda vf: vf.customers.update_in_bulk([{"source_id": "a"}]),
        lambda vf: vf.customers.import_csv(b"source_id\na\n"),
    ],
    ids=["bulk", "import"],
)
async def test_a_post_whose_connection_never_opened_is_sent_again(client, recorder, send):
    recorder.reply(httpx.ConnectError("Connection refused"), ok(JOB, 202))
    ref = await send(client)
    assert ref.async_action_id == "aa_1"
    assert len(recorder.requests) == 2
    assert recorder.requests[1].url == recorder.requests[0].url
    assert (
        b'"source_id":"a"' in recorder.requests[1].content
        or b"source_id\na\n" in recorder.requests[1].content
    )


async def test_the_upsert_create_is_retried_like_a_put(client, recorder):
    recorder.reply(ok({"code": 502, "message": "x"}, 502), ok(CUSTOMER))
    await client.customers.create({"source_id": "crm-42", "name": "Bob"})
    assert len(recorder.requests) == 2


async def test_max_retries_zero_sends_once(recorder, sleeps):
    from tests.api.api_fakes import APP_ID, BASE_URL, CANARY_TOKEN
    from vtui.api import VoucherifyClient

    recorder.reply(ok({"code": 503, "message": "x"}, 503), ok(CUSTOMER))
    async with VoucherifyClient(
        APP_ID, CANARY_TOKEN, BASE_URL, max_retries=0, transport=httpx.MockTransport(recorder)
    ) as vf:
        with pytest.raises(ServerError):
            await vf.customers.get("a")
    assert len(recorder.requests) == 1


async def test_rate_limit_state_records_when_to_retry(client, recorder):
    recorder.reply(ok(BUSY, 429, **{"Retry-After": "120", "X-Rate-Limit-Remaining": "0"}))
    with pytest.raises(RateLimitError):
        await client.customers.get("a")
    assert client.rate_limit.remaining == 0
    assert client.rate_limit.retry_at is not None


async def test_a_503_is_retried_even_though_the_rate_window_resets_later(client, recorder, sleeps):
    import time

    later = str(int(time.time()) + 3000)
    recorder.reply(
        ok({"code": 503, "message": "x"}, 503, **{"X-Rate-Limit-Retry": later}), ok(CUSTOMER)
    )
    await client.customers.get("a")
    assert len(recorder.requests) == 2 and sleeps.delays == [0.5]


async def test_a_429_without_retry_after_waits_for_the_rate_window(client, recorder, sleeps):
    import time

    soon = str(int(time.time()) + 5)
    recorder.reply(ok(BUSY, 429, **{"X-Rate-Limit-Retry": soon}), ok(CUSTOMER))
    await client.customers.get("a")
    assert len(recorder.requests) == 2
    assert 3.0 <= sleeps.delays[0] <= 5.0
