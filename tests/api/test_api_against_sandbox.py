"""The client end to end against the in-process sandbox (real ASGI request/response cycle)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.api.api_fakes import CANARY_TOKEN, Sleeps
from vtui.api import (
    AuthenticationError,
    CustomerBulkUpdate,
    CustomerCreate,
    CustomerUpdate,
    NotFoundError,
    RetryPolicy,
    ServerError,
    VoucherifyClient,
)
from vtui.api.models import CustomersBulkUpdateResult, CustomersImportResult

SANDBOX_URL = "http://sandbox.test"


def connect(sb, token: str = CANARY_TOKEN, app_id: str = "app-id") -> VoucherifyClient:
    return VoucherifyClient(
        app_id,
        token,
        SANDBOX_URL,
        transport=httpx.ASGITransport(app=sb.app),
        retry_policy=RetryPolicy(max_retries=2, sleep=Sleeps()),
    )


def control(sb) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sb.app), base_url=SANDBOX_URL)


async def requests_made(sb, operation: str) -> int:
    async with control(sb) as c:
        return int((await c.get("/_sandbox/stats")).json()["requests"].get(operation, 0))


async def add_fault(sb, **fault: object) -> None:
    async with control(sb) as c:
        response = await c.post("/_sandbox/faults", json=fault)
        assert response.status_code == 201, response.text


@pytest.fixture
async def seeded(sandbox_factory):
    return await sandbox_factory(customers=400, seed=3)


@pytest.fixture
async def vf(sandbox) -> AsyncIterator[VoucherifyClient]:
    async with connect(sandbox) as client:
        yield client


async def test_customer_lifecycle_with_an_awkward_source_id(vf):
    source_id = "ann/o'neil+1@example.com"
    created = await vf.customers.create(
        CustomerCreate(
            source_id=source_id,
            name="Ann",
            phone="+48 1",
            address={"city": "Kraków"},
            metadata={"tier": "gold"},
        )  # type: ignore[arg-type]
    )
    assert created.id.startswith("cust_") and created.source_id == source_id
    fetched = await vf.customers.get(source_id)
    assert fetched.id == created.id and fetched.address and fetched.address.city == "Kraków"
    updated = await vf.customers.update(source_id, CustomerUpdate(name="Ann O.", phone=None))
    assert updated.name == "Ann O." and updated.phone is None
    assert updated.metadata == {"tier": "gold"}  # untouched fields stay
    again = await vf.customers.create({"source_id": source_id, "email": "ann@example.com"})
    assert again.id == created.id  # create upserts
    page = await vf.customers.list(email="ann@example.com")
    assert [c.id for c in page.customers] == [created.id] and page.total == 1
    await vf.customers.delete(source_id)
    with pytest.raises(NotFoundError) as info:
        await vf.customers.get(source_id)
    assert info.value.key == "not_found" and info.value.request_id
    assert str(info.value).startswith("[404 not_found] ")


async def test_permanent_deletion_reports_what_was_removed(vf):
    await vf.customers.create({"source_id": "gone"})
    deletion = await vf.customers.delete_permanently("gone")
    assert deletion.status == "DONE" and deletion.object == "pernament_deletion"
    with pytest.raises(NotFoundError):
        await vf.customers.get("gone")


@pytest.mark.parametrize("order", [None, "created_at", "updated_at"])
async def test_iterate_walks_every_seeded_customer_once(seeded, order):
    async with connect(seeded) as vf:
        everyone = set()
        for page_number in range(1, 5):
            page = await vf.customers.list(limit=100, page=page_number)
            everyone |= {c.id for c in page.customers}
        assert len(everyone) == 400
        created = [c.created_at for c in (await vf.customers.list(limit=100)).customers]
        assert len(created) != len(set(created))  # the seed really has ties
        ids = [c.id async for c in vf.customers.iterate(limit=7, order=order)]
    assert len(ids) == len(set(ids)) == 400
    assert set(ids) == everyone


async def test_iterate_with_a_filter_matches_the_filtered_list(seeded):
    async with connect(seeded) as vf:
        city = next(
            c.address.city
            for c in (await vf.customers.list(limit=50)).customers
            if c.address and c.address.city
        )
        page = await vf.customers.list(city=city, limit=100)
        walked = [c.id async for c in vf.customers.iterate(city=city, limit=3)]
    assert sorted(walked) == sorted(c.id for c in page.customers)


async def test_activity_redeemables_and_segments_of_a_seeded_customer(seeded):
    async with connect(seeded) as vf:
        busiest = None
        async for customer in vf.customers.iterate(limit=100):
            orders = (
                customer.summary.orders.total_count
                if customer.summary and customer.summary.orders
                else 0
            )
            if orders and orders > 1:
                busiest = customer
                break
        assert busiest is not None
        whole = await vf.customers.list_activity(busiest.id, limit=100)
        walked = [a.id async for a in vf.customers.iterate_activity(busiest.id, limit=2)]
        assert walked == [a.id for a in whole.data][: len(walked)]
        assert len(walked) >= len(whole.data) and len(walked) == len(set(walked))
        redeemables = [r.id async for r in vf.customers.iterate_redeemables(busiest.id, limit=1)]
        assert len(redeemables) == len(set(redeemables))
        assert redeemables == [
            r.id for r in (await vf.customers.list_redeemables(busiest.id, limit=100)).data
        ]
        segments = await vf.customers.list_segments(busiest.id)
        assert segments.total == len(segments.data)


async def test_redeemables_filters_reach_the_sandbox_in_deep_object_form(seeded):
    async with connect(seeded) as vf:
        holder = None
        async for customer in vf.customers.iterate(limit=100):
            page = await vf.customers.list_redeemables(customer.id, limit=100)
            kinds = {r.voucher_type for r in page.data}
            if len(kinds) > 1:
                holder = customer
                break
        assert holder is not None
        only = await vf.customers.list_redeemables(
            holder.id,
            limit=100,
            filters={"voucher_type": {"conditions": {"$in": ["LOYALTY_CARD"]}}},
        )
    assert only.data and {r.voucher_type for r in only.data} == {"LOYALTY_CARD"}


async def test_bulk_update_runs_to_done_and_its_result_parses(vf):
    ref = await vf.customers.update_in_bulk(
        [CustomerBulkUpdate(source_id="b1", name="One"), {"source_id": "b2", "name": "Two"}]
    )
    states = [a async for a in vf.async_actions.watch(ref.async_action_id, interval=0.01)]
    final = states[-1]
    assert final.status == "DONE" and all(not s.finished for s in states[:-1])
    assert isinstance(final.result, CustomersBulkUpdateResult)
    assert final.result.done_count == 2
    assert (await vf.customers.get("b2")).name == "Two"


async def test_metadata_update_and_csv_import_run_to_done(vf):
    meta = await vf.customers.update_metadata_in_bulk(["m1", "m2"], {"vip": True})
    imported = await vf.customers.import_csv(b"Source_id,Name,Email\ncsv-1,Cee,cee@example.com\n")
    for ref in (meta, imported):
        async for action in vf.async_actions.watch(ref.async_action_id, interval=0.01):
            last = action
        assert last.status == "DONE", last
    assert isinstance(last.result, CustomersImportResult)
    assert (await vf.customers.get("csv-1")).email == "cee@example.com"
    assert ((await vf.customers.get("m2")).metadata or {}).get("vip") is True
    listed = await vf.async_actions.list(limit=10)
    assert {meta.async_action_id, imported.async_action_id} <= {a.id for a in listed.async_actions}


async def test_a_503_is_retried_and_then_succeeds(sandbox, vf):
    await vf.customers.create({"source_id": "r1"})
    await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers/r1")
    assert (await vf.customers.get("r1")).source_id == "r1"
    assert await requests_made(sandbox, "get-customer") == 2


async def test_a_429_with_retry_after_is_waited_out(sandbox):
    sleeps = Sleeps()
    async with VoucherifyClient(
        "app-id",
        CANARY_TOKEN,
        SANDBOX_URL,
        transport=httpx.ASGITransport(app=sandbox.app),
        retry_policy=RetryPolicy(sleep=sleeps),
    ) as vf:
        await add_fault(sandbox, kind="rate_limit", retry_after=2, count=1)
        await vf.customers.list()
    assert sleeps.delays == [2.0]
    assert vf.rate_limit.limit is not None and vf.rate_limit.remaining is not None


async def test_a_dropped_connection_is_retried_for_a_get(sandbox, vf):
    await add_fault(sandbox, kind="drop", count=1, path="/v1/customers")
    page = await vf.customers.list()
    assert page.total == 0
    assert await requests_made(sandbox, "list-customers") == 2


async def test_a_bulk_post_hit_by_a_503_is_not_resent(sandbox, vf):
    await add_fault(sandbox, kind="error", status=503, count=1, path="/v1/customers/bulk")
    with pytest.raises(ServerError):
        await vf.customers.update_in_bulk([{"source_id": "x"}])
    async with control(sandbox) as c:
        stats = (await c.get("/_sandbox/stats")).json()
    assert stats["faults_injected"] == 1
    assert stats["requests"]["update-customers-in-bulk"] == 1
    assert (await vf.async_actions.list()).async_actions == []


async def test_wrong_keys_raise_authentication_error_without_the_token(sandbox_factory):
    locked = await sandbox_factory(app_id="real-id", app_token="real-token")
    async with connect(locked, token=CANARY_TOKEN, app_id="real-id") as vf:
        with pytest.raises(AuthenticationError) as info:
            await vf.customers.list()
    assert info.value.status == 401
    assert CANARY_TOKEN not in str(info.value) and CANARY_TOKEN not in repr(info.value)


async def test_refused_keys_are_reported_to_auth_listeners_once_per_refusal(sandbox_factory):
    locked = await sandbox_factory(app_id="real-id", app_token="real-token")
    refused: list[AuthenticationError] = []
    async with connect(locked, token="real-token", app_id="real-id") as vf:
        vf.on_auth_failure(refused.append)
        await vf.customers.list()  # the keys work: nobody is told anything
        assert refused == []
    async with connect(locked, token=CANARY_TOKEN, app_id="real-id") as vf:
        vf.on_auth_failure(refused.append)
        with pytest.raises(AuthenticationError):
            await vf.customers.get("anyone")
    assert [error.status for error in refused] == [401]
