"""Walking every customer by cursor: no duplicate and no gap, however timestamps tie."""

from __future__ import annotations

import random

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.api.api_customer_list_fake import CustomerListFake, Row
from tests.api.api_fakes import APP_ID, BASE_URL, CANARY_TOKEN, ok
from vtui.api import VoucherifyClient


def tied_rows(count: int = 320, seed: int = 7) -> list[Row]:
    """Few distinct timestamps, one tie group far bigger than a page (and than 100)."""
    rng = random.Random(seed)
    stamps = [rng.randrange(0, 5_000) * 1000 for _ in range(40)]
    rows = [Row(f"cust_{i:04d}", 3_000_000) for i in range(130)]
    rows += [Row(f"cust_{i:04d}", rng.choice(stamps)) for i in range(130, count)]
    for row in rows[::3]:
        row.updated = rng.choice(stamps) + 10_000_000
    return rows


async def walk(fake: CustomerListFake, **kwargs: object) -> list[str]:
    async with VoucherifyClient(
        APP_ID, CANARY_TOKEN, BASE_URL, transport=httpx.MockTransport(fake)
    ) as vf:
        return [c.id async for c in vf.customers.iterate(**kwargs)]  # type: ignore[arg-type]


def expected(rows: list[Row], order: str | None) -> list[str]:
    key = (lambda r: r.touched) if order == "updated_at" else (lambda r: r.created)
    return [r.id for r in sorted(rows, key=key, reverse=order in (None, "-created_at"))]


@pytest.mark.parametrize("order", [None, "-created_at", "created_at", "updated_at"])
@pytest.mark.parametrize("limit", [1, 7, 100])
async def test_iterate_yields_every_customer_once_despite_ties(order, limit):
    rows = tied_rows()
    fake = CustomerListFake(rows)
    ids = await walk(fake, limit=limit, order=order)
    assert len(ids) == len(set(ids)) == len(rows) >= 250
    assert set(ids) == {r.id for r in rows}
    # Monotonic in the walk's order (ids within a tie may come in any order).
    by_id = {r.id: r for r in rows}
    key = (lambda r: r.touched) if order == "updated_at" else (lambda r: r.created)
    keys = [key(by_id[i]) for i in ids]
    ascending = order in ("created_at", "updated_at")
    assert keys == sorted(keys, reverse=not ascending)
    assert len(fake.requests) < 4 * (len(rows) // limit + 1) + 20


async def test_a_page_that_is_one_tie_group_is_walked_by_window_pages():
    rows = [Row(f"cust_{i:04d}", 42) for i in range(250)]
    fake = CustomerListFake(rows)
    ids = await walk(fake, limit=10)
    assert sorted(ids) == sorted(r.id for r in rows)
    window = [r for r in fake.requests if "created_at[after]" in r.url.params]
    assert [r.url.params["page"] for r in window] == ["1", "2", "3"]
    assert window[0].url.params["created_at[after]"] == "2024-01-01T00:00:00.041Z"
    assert window[0].url.params["created_at[before]"] == "2024-01-01T00:00:00.043Z"


async def test_the_cursor_steps_one_ms_past_the_boundary_so_ties_come_again():
    rows = [Row("a", 5000), Row("b", 4000), Row("c", 4000), Row("d", 3000)]
    fake = CustomerListFake(rows)
    ids = await walk(fake, limit=2)
    assert sorted(ids) == ["a", "b", "c", "d"]
    cursors = [r.url.params.get("starting_after") for r in fake.requests]
    assert cursors[0] is None
    assert cursors[1] == "2024-01-01T00:00:04.001Z"


async def test_filters_go_with_every_request_of_the_walk():
    rows = [Row(f"c{i}", i * 10, city="Warsaw" if i % 2 else "Oslo") for i in range(60)]
    fake = CustomerListFake(rows)
    ids = await walk(fake, limit=5, city="Warsaw")
    assert sorted(ids) == sorted(r.id for r in rows if r.city == "Warsaw")
    assert all(r.url.params["city"] == "Warsaw" for r in fake.requests)


async def test_descending_default_sends_no_order_and_ascending_sends_it():
    fake = CustomerListFake([Row("a", 1)])
    await walk(fake)
    await walk(fake, order="created_at")
    assert "order" not in fake.requests[0].url.params
    assert fake.requests[1].url.params["order"] == "created_at"


@pytest.mark.parametrize("order", ["source_id", "-source_id", "-updated_at", "name"])
def test_iterate_refuses_orders_the_cursor_cannot_walk(order):
    vf = VoucherifyClient(APP_ID, CANARY_TOKEN, BASE_URL)
    with pytest.raises(ValueError, match="starting_after"):
        vf.customers.iterate(order=order)


@settings(max_examples=40, deadline=None)
@given(
    created=st.lists(st.integers(0, 6), min_size=0, max_size=60),
    limit=st.integers(1, 6),
    order=st.sampled_from([None, "created_at", "updated_at"]),
    data=st.data(),
)
async def test_any_pattern_of_ties_gives_no_duplicate_and_no_gap(created, limit, order, data):
    rows = [Row(f"c{i}", ms) for i, ms in enumerate(created)]
    for row in rows:
        row.updated = data.draw(st.one_of(st.none(), st.integers(0, 6)))
    ids = await walk(CustomerListFake(rows), limit=limit, order=order)
    assert sorted(ids) == sorted(r.id for r in rows)


async def test_activity_walk_follows_more_starting_after(client, recorder):
    events = [{"id": f"evcus_{i:03d}", "type": "customer.updated"} for i in range(253)]

    def handler(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("starting_after_id")
        start = 0 if after is None else int(after.split("_")[1]) + 1
        limit = int(request.url.params["limit"])
        chunk = events[start : start + limit]
        more = start + limit < len(events)
        body = {"object": "list", "data_ref": "data", "data": chunk, "has_more": more}
        if more:
            body["more_starting_after"] = chunk[-1]["id"]
        return httpx.Response(200, json=body)

    recorder.reply(handler)
    ids = [a.id async for a in client.customers.iterate_activity("crm-42", limit=20)]
    assert ids == [e["id"] for e in events]
    assert all(r.url.path == "/v1/customers/crm-42/activity" for r in recorder.requests)
    assert len(recorder.requests) == 13


async def test_redeemables_walk_uses_the_last_id_when_no_cursor_is_given(client, recorder):
    pages = [
        ok({"data": [{"id": "rh_1"}, {"id": "rh_2"}], "has_more": True}),
        ok({"data": [{"id": "rh_3"}], "has_more": False}),
    ]
    recorder.reply(*pages)
    ids = [
        r.id
        async for r in client.customers.iterate_redeemables(
            "crm-42", limit=2, filters={"holder_role": {"conditions": {"$in": ["OWNER"]}}}
        )
    ]
    assert ids == ["rh_1", "rh_2", "rh_3"]
    assert recorder.requests[1].url.params["starting_after_id"] == "rh_2"
    assert recorder.requests[1].url.params["filters[holder_role][conditions][$in][0]"] == "OWNER"


async def test_an_id_walk_that_repeats_its_cursor_stops_with_an_error(client, recorder):
    from vtui.api import ResponseFormatError

    recorder.reply(
        ok({"data": [{"id": "evcus_1"}], "has_more": True, "more_starting_after": "evcus_1"})
    )
    with pytest.raises(ResponseFormatError, match="same cursor"):
        async for _ in client.customers.iterate_activity("a"):
            pass
