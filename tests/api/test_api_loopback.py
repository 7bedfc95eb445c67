"""Timeouts and dropped connections over real sockets on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.api.api_fakes import APP_ID, CANARY_TOKEN, Sleeps
from tests.api.api_loopback_server import loopback
from vtui.api import APIConnectionError, APITimeoutError, RetryPolicy, VoucherifyClient

CUSTOMER = {"id": "cust_1", "object": "customer"}


def client_for(base_url: str, timeout: float = 5.0) -> VoucherifyClient:
    return VoucherifyClient(
        APP_ID,
        CANARY_TOKEN,
        base_url,
        timeout=timeout,
        retry_policy=RetryPolicy(max_retries=2, sleep=Sleeps()),
    )


async def test_a_reset_connection_is_retried_for_a_get_over_a_real_socket():
    async with (
        loopback(("reset",), ("json", 200, CUSTOMER)) as server,
        client_for(server.base_url) as vf,
    ):
        customer = await vf.customers.get("a@b.c")

    assert customer.id == "cust_1"
    assert len(server.received) == 2
    assert server.received[1].startswith(b"GET /v1/customers/a%40b.c HTTP/1.1")


async def test_a_bulk_post_whose_connection_drops_is_not_resent():
    async with (
        loopback(("reset",), ("json", 202, {"async_action_id": "aa_1"})) as server,
        client_for(server.base_url) as vf,
    ):
        with pytest.raises(APIConnectionError):
            await vf.customers.update_in_bulk([{"source_id": "a"}])

    assert len(server.received) == 1


async def test_a_silent_server_times_out_within_the_client_timeout():
    async with loopback(("hang",)) as server, client_for(server.base_url, timeout=0.2) as vf:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as info:
            await vf.customers.get("a")
        elapsed = time.monotonic() - started
    assert len(server.received) == 3  # a GET is tried 1 + max_retries times
    assert 0.5 <= elapsed < 3
    assert "GET /v1/customers/a" in str(info.value)


async def test_a_silent_server_gets_an_import_once():
    async with loopback(("hang",)) as server, client_for(server.base_url, timeout=0.2) as vf:
        with pytest.raises(APITimeoutError):
            await vf.customers.import_csv(b"source_id\na\n")
    assert len(server.received) == 1


async def test_a_refused_connection_is_reported_plainly():
    async with loopback(("json", 200, CUSTOMER)) as server:
        url = server.base_url
    async with client_for(url) as vf:
        with pytest.raises(APIConnectionError, match="could not reach the API") as info:
            await vf.customers.get("a")
    assert not isinstance(info.value, APITimeoutError)


async def test_closing_the_client_closes_its_connections():
    async with loopback(("json", 200, CUSTOMER)) as server:
        async with client_for(server.base_url) as vf:
            await vf.customers.get("a")
            await vf.customers.get("b")
            assert server.open_connections == 1  # kept alive and reused
        for _ in range(100):
            if server.open_connections == 0:
                break
            await asyncio.sleep(0.01)
        assert server.open_connections == 0
