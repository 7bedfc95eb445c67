"""The client refuses values JSON cannot carry before sending anything, naming the field:
NaN and infinities (once sent as null), lone surrogates (once a raw UnicodeEncodeError)
and nesting past the API's depth (once pydantic's "Maximum serialization depth")."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.api.api_fakes import CANARY_TOKEN, Sleeps
from vtui.api import (
    CustomerCreate,
    RetryPolicy,
    UnsendableValueError,
    VoucherifyClient,
    VoucherifyError,
)
from vtui.api.json_check import MAX_DEPTH
from vtui.sandbox import Sandbox

URL = "http://sandbox.test"


def nested(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels - 1):
        value = {"k": value}
    return value


@pytest.fixture
async def vf(sandbox: Sandbox) -> AsyncIterator[VoucherifyClient]:
    async with VoucherifyClient(
        "app-id",
        CANARY_TOKEN,
        URL,
        transport=httpx.ASGITransport(app=sandbox.app),
        retry_policy=RetryPolicy(max_retries=0, sleep=Sleeps()),
    ) as client:
        yield client


async def total_requests(sandbox: Sandbox) -> int:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app), base_url=URL) as c:
        return int((await c.get("/_sandbox/stats")).json()["total"])


CASES = [
    ({"metadata": {"score": math.nan}}, "metadata.score: NaN cannot be sent as JSON"),
    ({"metadata": {"n": [1, math.inf]}}, "metadata.n[1]: Infinity cannot be sent as JSON"),
    ({"metadata": {"n": -math.inf}}, "metadata.n: -Infinity cannot be sent as JSON"),
    ({"name": "Ann\ud800"}, "name: a lone surrogate U+D800 cannot be sent as JSON"),
    ({"metadata": {"bad\udc00key": 1}}, "metadata.bad\\udc00key: the key holds a lone surrogate"),
    ({"address": {"city": "\udfff"}}, "address.city: a lone surrogate U+DFFF"),
    ({"metadata": nested(1000)}, f"nested deeper than {MAX_DEPTH} levels"),
]


@pytest.mark.parametrize(("fields", "message"), CASES)
async def test_create_and_update_refuse_before_sending_and_name_the_field(
    vf: VoucherifyClient, sandbox: Sandbox, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(UnsendableValueError) as create:
        await vf.customers.create({"source_id": "s", **fields})
    with pytest.raises(UnsendableValueError) as update:
        await vf.customers.update("s", fields)
    with pytest.raises(UnsendableValueError):
        await vf.customers.create(CustomerCreate(source_id="s", **fields))
    for caught in (create, update):
        text = str(caught.value)
        assert message in text
        assert "\n" not in text and len(text) < 600  # reads well as one line
        assert isinstance(caught.value, ValueError) and isinstance(caught.value, VoucherifyError)
        text.encode("utf-8")  # the message itself is always printable
    assert await total_requests(sandbox) == 0


async def test_deep_nesting_names_the_path_down_to_the_limit(vf: VoucherifyClient) -> None:
    with pytest.raises(UnsendableValueError) as caught:
        await vf.customers.update("s", {"metadata": {"a": {"b": nested(100)}}})
    assert caught.value.path.startswith("metadata.a.b.k.k")
    assert caught.value.path.count(".") == MAX_DEPTH - 1  # the first level past the limit


async def test_bulk_and_metadata_bulk_refuse_naming_the_item(
    vf: VoucherifyClient, sandbox: Sandbox
) -> None:
    items = [{"source_id": "a"}, {"source_id": "b", "metadata": {"x": math.nan}}]
    with pytest.raises(UnsendableValueError, match=r"^\[1\]\.metadata\.x: NaN"):
        await vf.customers.update_in_bulk(items)
    with pytest.raises(UnsendableValueError, match=r"^metadata\.x: Infinity"):
        await vf.customers.update_metadata_in_bulk(["a"], {"x": math.inf})
    with pytest.raises(UnsendableValueError, match=r"^source_ids\[0\]: a lone surrogate"):
        await vf.customers.update_metadata_in_bulk(["\ud800"], {"x": 1})
    # A bulk item sits one level deeper than a single body: the same limit counts it.
    with pytest.raises(UnsendableValueError, match=r"^\[0\]\.metadata"):
        await vf.customers.update_in_bulk([{"source_id": "a", "metadata": nested(MAX_DEPTH - 1)}])
    assert await total_requests(sandbox) == 0


async def test_the_deepest_sendable_metadata_is_sent_and_reads_back(vf: VoucherifyClient) -> None:
    deepest = nested(MAX_DEPTH - 1)  # body 1 + metadata 31 = 32 levels
    created = await vf.customers.create({"source_id": "deep", "metadata": deepest})
    assert created.metadata == deepest
    assert (await vf.customers.get("deep")).metadata == deepest
