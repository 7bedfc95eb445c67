"""GET /v1/customers: bounds, filters, orders, the starting_after cursor, total and has_more."""

from __future__ import annotations

import pytest

from tests.sandbox.sandbox_rows import insert_customer, insert_segment, make_customer

T0 = 1_700_000_000_000  # 2023-11-14T22:13:20.000Z


@pytest.fixture
async def ten(sandbox):
    """Ten customers c0..c9 created one second apart, with c4 and c5 tied to the ms."""
    for i in range(10):
        created = T0 + (4 if i == 5 else i) * 1000
        insert_customer(
            sandbox,
            f"cust_c{i}",
            created,
            source_id=f"s{9 - i}",
            email=f"p{i % 3}@x.io",
            name=f"Person {i % 2}",
            city="Warsaw" if i < 3 else "Oslo",
            touched_at=created + (100_000 if i == 0 else 0),
            updated_at=created + 100_000 if i == 0 else None,
        )
    return sandbox


def ids(body):
    return [c["id"].removeprefix("cust_") for c in body["customers"]]


async def test_default_page_is_ten_newest_first_with_total(ten, sandbox_http):
    body = (await sandbox_http.get("/v1/customers")).json()
    assert body["object"] == "list" and body["data_ref"] == "customers"
    assert ids(body) == ["c9", "c8", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0"]
    assert body["total"] == 10 and body["has_more"] is False


async def test_limit_and_page_slice_with_has_more(ten, sandbox_http):
    body = (await sandbox_http.get("/v1/customers", params={"limit": 3, "page": 2})).json()
    assert ids(body) == ["c6", "c5", "c4"]
    assert body["has_more"] is True and body["total"] == 10
    last = (await sandbox_http.get("/v1/customers", params={"limit": 3, "page": 4})).json()
    assert ids(last) == ["c0"] and last["has_more"] is False


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "x"}, "limit"),
        ({"page": 0}, "page"),
        ({"page": 100}, "page"),
        ({"order": "name"}, "order"),
        ({"created_at[before]": "yesterday"}, "created_at[before]"),
        ({"starting_after": "2020-13-45"}, "starting_after"),
    ],
)
async def test_bad_query_params_get_voucherifys_400(sandbox_http, params, word):
    response = await sandbox_http.get("/v1/customers", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["key"] == "invalid_query_params" and body["message"] == "Invalid query params"
    assert word in body["details"] and "resource_id" not in body


async def test_email_name_and_city_filters_are_case_insensitive_equality(ten, sandbox_http):
    by_email = (await sandbox_http.get("/v1/customers", params={"email": "P1@X.IO"})).json()
    assert ids(by_email) == ["c7", "c4", "c1"] and by_email["total"] == 3
    by_name = (await sandbox_http.get("/v1/customers", params={"name": "person 1"})).json()
    assert by_name["total"] == 5
    by_city = (await sandbox_http.get("/v1/customers", params={"city": "warsaw"})).json()
    assert ids(by_city) == ["c2", "c1", "c0"]
    partial = (await sandbox_http.get("/v1/customers", params={"city": "Wars"})).json()
    assert partial["total"] == 0


async def test_created_and_updated_ranges_are_exclusive(ten, sandbox_http):
    params = {
        "created_at[after]": "2023-11-14T22:13:21.000Z",
        "created_at[before]": "2023-11-14T22:13:24.000Z",
    }
    body = (await sandbox_http.get("/v1/customers", params=params)).json()
    assert ids(body) == ["c3", "c2"]
    # updated_at ranges read "last touched": updated_at, else created_at (never updated).
    after = {"updated_at[after]": "2023-11-14T22:13:25.000Z"}
    assert ids((await sandbox_http.get("/v1/customers", params=after)).json()) == [
        "c9",
        "c8",
        "c7",
        "c6",
        "c0",
    ]
    late = {"updated_at[after]": "2023-11-14T22:14:00.000Z"}
    assert ids((await sandbox_http.get("/v1/customers", params=late)).json()) == ["c0"]


@pytest.mark.parametrize(
    "moment",
    [
        "2023-11-14T22:13:23.000Z",
        "2023-11-14T22:13:23Z",
        "2023-11-14T22:13:23.000000+0000",
        "2023-11-14T22:13:23",
        "2023-11-14T23:13:23+01:00",
    ],
)
async def test_query_datetimes_accept_every_documented_form(ten, sandbox_http, moment):
    body = (await sandbox_http.get("/v1/customers", params={"created_at[before]": moment})).json()
    assert ids(body) == ["c2", "c1", "c0"]


async def test_date_only_query_means_midnight_utc(ten, sandbox_http):
    body = await sandbox_http.get("/v1/customers", params={"created_at[before]": "2023-11-15"})
    assert body.json()["total"] == 10


async def test_orders_by_source_id_and_updated_at(ten, sandbox_http):
    by_source = (await sandbox_http.get("/v1/customers", params={"order": "source_id"})).json()
    assert ids(by_source) == ["c9", "c8", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0"]
    desc = (await sandbox_http.get("/v1/customers", params={"order": "-source_id"})).json()
    assert ids(desc)[0] == "c0"
    by_updated = (await sandbox_http.get("/v1/customers", params={"order": "-updated_at"})).json()
    assert ids(by_updated)[0] == "c0"  # updated last, so first
    asc = (await sandbox_http.get("/v1/customers", params={"order": "created_at"})).json()
    assert ids(asc) == ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"]


async def test_ties_keep_insertion_order_and_are_stable_across_pages(ten, sandbox_http):
    pages = []
    for page in (1, 2, 3, 4, 5):
        body = await sandbox_http.get("/v1/customers", params={"limit": 2, "page": page})
        pages += ids(body.json())
    assert pages == ["c9", "c8", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0"]


async def test_starting_after_is_a_descending_date_cursor_by_default(ten, sandbox_http):
    params = {"limit": 3, "starting_after": "2023-11-14T22:13:26.000Z"}  # c6's created_at
    body = (await sandbox_http.get("/v1/customers", params=params)).json()
    assert ids(body) == ["c5", "c4", "c3"] and body["has_more"] is True


async def test_starting_after_is_exclusive_so_a_tie_at_the_boundary_is_not_repeated(
    ten, sandbox_http
):
    params = {"limit": 3, "starting_after": "2023-11-14T22:13:24.000Z"}  # c4 and c5
    body = (await sandbox_http.get("/v1/customers", params=params)).json()
    assert ids(body) == ["c3", "c2", "c1"]


async def test_starting_after_ascends_with_order_created_at(ten, sandbox_http):
    params = {"order": "created_at", "starting_after": "2023-11-14T22:13:23.000Z", "limit": 3}
    body = (await sandbox_http.get("/v1/customers", params=params)).json()
    assert ids(body) == ["c4", "c5", "c6"]


async def test_walking_by_cursor_reaches_every_customer_past_page_99(sandbox, sandbox_http):
    for i in range(250):
        insert_customer(sandbox, f"cust_w{i:03d}", T0 + i)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 1} | ({"starting_after": cursor} if cursor else {})
        body = (await sandbox_http.get("/v1/customers", params=params)).json()
        seen += [c["id"] for c in body["customers"]]
        if not body["has_more"]:
            break
        cursor = body["customers"][-1]["created_at"]
    assert len(seen) == 250 == len(set(seen))


async def test_segment_filter_lists_members_newest_first(ten, sandbox, sandbox_http):
    insert_segment(sandbox, "seg_oslo", "Oslo", {"all": [{"field": "email", "op": "exists"}]})
    with sandbox.db.writing(sandbox.conn):
        for i in (2, 5, 8):
            seq, created = sandbox.conn.execute(
                "SELECT seq, created_at FROM customers WHERE id = ?", (f"cust_c{i}",)
            ).fetchone()
            sandbox.conn.execute(
                "INSERT INTO segment_members VALUES ('seg_oslo', ?, ?)", (created, seq)
            )
    body = (await sandbox_http.get("/v1/customers", params={"segment_id": "seg_oslo"})).json()
    assert ids(body) == ["c8", "c5", "c2"] and body["total"] == 3
    both = {"segment_id": "seg_oslo", "city": "Oslo"}
    assert ids((await sandbox_http.get("/v1/customers", params=both)).json()) == ["c8", "c5"]


async def test_total_follows_writes(sandbox_http):
    await make_customer(sandbox_http, email="a@x.io")
    assert (await sandbox_http.get("/v1/customers")).json()["total"] == 1
    await make_customer(sandbox_http, email="b@x.io")
    assert (await sandbox_http.get("/v1/customers")).json()["total"] == 2
