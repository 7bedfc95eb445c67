"""Redeemables: the rh_ id cursor, order, and deepObject filters in every client's spelling."""

from __future__ import annotations

import pytest

from tests.sandbox.sandbox_rows import insert_redeemable, make_customer


@pytest.fixture
async def wallet(sandbox, sandbox_http):
    made = await make_customer(sandbox_http, source_id="s1")
    kinds = [
        ("OWNER", "DISCOUNT_COUPONS", "DISCOUNT_VOUCHER"),
        ("OWNER", "GIFT_VOUCHERS", "GIFT_VOUCHER"),
        ("OWNER", "LOYALTY_PROGRAM", "LOYALTY_CARD"),
        ("REFERRER", "REFERRAL_PROGRAM", "DISCOUNT_VOUCHER"),
        ("REFEREE", "REFERRAL_PROGRAM", "DISCOUNT_VOUCHER"),
    ]
    for i, (role, campaign_type, voucher_type) in enumerate(kinds):
        insert_redeemable(
            sandbox,
            f"rh_{i:018x}",
            made["id"],
            role=role,
            campaign_type=campaign_type,
            voucher_type=voucher_type,
        )
    return made


def ids(response):
    assert response.status_code == 200, response.text
    return [int(item["id"][3:], 16) for item in response.json()["data"]]


async def test_items_have_the_reference_shape(wallet, sandbox_http):
    body = (await sandbox_http.get("/v1/customers/s1/redeemables")).json()
    assert body["object"] == "list" and body["data_ref"] == "data"
    assert body["total"] == 5 and body["has_more"] is False
    item = body["data"][0]
    assert item["customer_id"] == wallet["id"] and item["redeemable_object"] == "voucher"
    assert item["redeemable"]["type"] == "voucher" and item["redeemable"]["status"] == "ACTIVE"
    assert item["redeemable"]["voucher"]["object"] == "voucher"


async def test_cursor_and_order(wallet, sandbox_http):
    first = await sandbox_http.get("/v1/customers/s1/redeemables", params={"limit": 2})
    assert ids(first) == [0, 1]
    body = first.json()
    assert body["has_more"] is True and body["more_starting_after"] == body["data"][-1]["id"]
    rest = await sandbox_http.get(
        "/v1/customers/s1/redeemables",
        params={"limit": 10, "starting_after_id": body["more_starting_after"]},
    )
    assert ids(rest) == [2, 3, 4] and "more_starting_after" not in rest.json()
    desc = await sandbox_http.get("/v1/customers/s1/redeemables", params={"order": "-id"})
    assert ids(desc) == [4, 3, 2, 1, 0]


async def test_deep_object_filters(wallet, sandbox_http):
    url = "/v1/customers/s1/redeemables"
    indexed = await sandbox_http.get(
        url,
        params={
            "filters[voucher_type][conditions][$in][0]": "GIFT_VOUCHER",
            "filters[voucher_type][conditions][$in][1]": "LOYALTY_CARD",
        },
    )
    assert ids(indexed) == [1, 2]
    is_one = await sandbox_http.get(
        url, params={"filters[holder_role][conditions][$is]": "REFEREE"}
    )
    assert ids(is_one) == [4]
    either = await sandbox_http.get(
        url,
        params={
            "filters[holder_role][conditions][$is]": "REFERRER",
            "filters[campaign_type][conditions][$is]": "GIFT_VOUCHERS",
            "filters[junction]": "or",
        },
    )
    assert ids(either) == [1, 3]
    assert either.json()["total"] == 2
    prefix = await sandbox_http.get(
        url, params={"filters[campaign_type][conditions][$starts_with]": "REF"}
    )
    assert ids(prefix) == [3, 4]


async def test_the_official_sdks_python_repr_lists_and_none_are_understood(wallet, sandbox_http):
    query = (
        "filters[voucher_type][conditions][$in]=%5B%27GIFT_VOUCHER%27%2C%20%27LOYALTY_CARD%27%5D"
        "&filters[id]=None&filters[junction]=None&filters[created_at]=None"
    )
    response = await sandbox_http.get(f"/v1/customers/s1/redeemables?{query}")
    assert ids(response) == [1, 2]


async def test_bad_filters_are_400_and_unknown_customer_404(wallet, sandbox_http):
    url = "/v1/customers/s1/redeemables"
    for params in (
        {"filters[colour][conditions][$is]": "red"},
        {"filters[holder_role][conditions][$after]": "x"},
        {"filters[junction]": "xor"},
        {"order": "name"},
    ):
        response = await sandbox_http.get(url, params=params)
        assert response.status_code == 400, params
        assert response.json()["key"] == "invalid_query_params"
    assert (await sandbox_http.get("/v1/customers/ghost/redeemables")).status_code == 404
