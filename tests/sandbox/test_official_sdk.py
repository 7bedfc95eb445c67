"""The official Python SDK (voucherify 6.1.1), as an outside client of `vtui sandbox serve`.

The sandbox runs as its own process on a free loopback port, seeded; the SDK talks to it
over real HTTP (urllib3) and parses every response with its strict pydantic models.
The SDK types every response field Optional; a None where a value is expected fails these
tests all the same, so mypy's Optional checks are switched off for this file only.
"""

# mypy: disable-error-code="union-attr, arg-type, index, operator, type-var, misc"

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

voucherify = pytest.importorskip("voucherify")

from voucherify.api.async_actions_api import AsyncActionsApi  # noqa: E402
from voucherify.api.customers_api import CustomersApi  # noqa: E402
from voucherify.api_client import ApiClient  # noqa: E402
from voucherify.configuration import Configuration  # noqa: E402
from voucherify.exceptions import ApiException, NotFoundException  # noqa: E402
from voucherify.models.customers_create_request_body import (  # noqa: E402
    CustomersCreateRequestBody,
)
from voucherify.models.customers_metadata_update_in_bulk_request_body import (  # noqa: E402
    CustomersMetadataUpdateInBulkRequestBody,
)
from voucherify.models.customers_update_in_bulk_request_body import (  # noqa: E402
    CustomersUpdateInBulkRequestBody,
)
from voucherify.models.customers_update_request_body import (  # noqa: E402
    CustomersUpdateRequestBody,
)
from voucherify.models.parameter_filters_list_customer_redeemables import (  # noqa: E402
    ParameterFiltersListCustomerRedeemables,
)

APP_ID = "sdk-app-id"
CANARY_TOKEN = "canary-sdk-token-7f3a9c"  # must never show up in the server's output
SEEDED = 300


class Server:
    def __init__(self, process: subprocess.Popen[str], url: str, banner: str) -> None:
        self.process = process
        self.url = url
        self.banner = banner


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """`vtui sandbox serve` in its own process, on a free port, seeded with SEEDED customers."""
    argv = [sys.executable, "-m", "vtui", "sandbox", "serve", "--memory", "--port", "0"]
    argv += ["--customers", str(SEEDED), "--seed", "21"]
    argv += ["--app-id", APP_ID]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "VTUI_SANDBOX_APP_TOKEN": CANARY_TOKEN}
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    banner: list[str] = []
    deadline = time.monotonic() + 120
    url = None
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        banner.append(line)
        found = re.search(r"(http://127\.0\.0\.1:\d+)", line)
        if found:
            url = found.group(1)
            break
    if url is None:
        process.kill()
        pytest.fail("the sandbox did not start:\n" + "".join(banner))
    try:
        yield Server(process, url, "".join(banner))
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        assert CANARY_TOKEN not in "".join(banner) + output


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[ApiClient]:
    config = Configuration(
        host=server.url, api_key={"X-App-Id": APP_ID, "X-App-Token": CANARY_TOKEN}
    )
    with ApiClient(config) as api_client:
        yield api_client


@pytest.fixture(scope="module")
def customers(client: ApiClient) -> CustomersApi:
    return CustomersApi(client)


@pytest.fixture(scope="module")
def async_actions(client: ApiClient) -> AsyncActionsApi:
    return AsyncActionsApi(client)


def wait_done(async_actions: AsyncActionsApi, action_id: str) -> Any:
    """Poll the async action until it finishes, as a client would."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        action = async_actions.get_async_action(action_id)
        if action.status in ("DONE", "FAILED"):
            return action
        time.sleep(0.1)
    pytest.fail(f"async action {action_id} did not finish")


# --- one customer's life -----------------------------------------------------------------


def test_create_then_get_by_id_and_by_source_id(customers: CustomersApi) -> None:
    created = customers.create_customer(
        CustomersCreateRequestBody(
            source_id="sdk/eu@42",
            name="Ada Lovelace",
            email="ada@example.com",
            phone="+44 20 7946 0000",
            birthdate=date(1815, 12, 10),
            address={"city": "London", "country": "United Kingdom", "postal_code": "W1 1AA"},
            metadata={"tier": "gold", "vip": True, "visits": 3},
        )
    )
    assert created.id.startswith("cust_") and created.object == "customer"
    assert created.summary.orders.total_count == 0
    by_id = customers.get_customer(created.id)
    by_source = customers.get_customer("sdk/eu@42")  # the SDK percent-encodes / and @
    assert by_id.id == by_source.id == created.id
    assert by_source.birthdate == date(1815, 12, 10)
    assert by_source.metadata == {"tier": "gold", "vip": True, "visits": 3}


def test_update_is_partial_and_create_upserts(customers: CustomersApi) -> None:
    created = customers.create_customer(
        CustomersCreateRequestBody(source_id="sdk-upsert", name="Bob", email="bob@example.com")
    )
    updated = customers.update_customer("sdk-upsert", CustomersUpdateRequestBody(phone="+48 123"))
    assert (updated.phone, updated.name, updated.email) == ("+48 123", "Bob", "bob@example.com")
    assert updated.updated_at is not None
    upserted = customers.create_customer(
        CustomersCreateRequestBody(source_id="sdk-upsert", name="Robert")
    )
    assert upserted.id == created.id and upserted.name == "Robert"


def test_delete_then_get_is_a_404_then_permanent_deletion(customers: CustomersApi) -> None:
    doomed = customers.create_customer(CustomersCreateRequestBody(source_id="sdk-doomed"))
    assert customers.delete_customer("sdk-doomed") is None
    with pytest.raises(NotFoundException) as caught:
        customers.get_customer(doomed.id)
    assert caught.value.status == 404 and "not_found" in caught.value.body
    forgotten = customers.create_customer(CustomersCreateRequestBody(source_id="sdk-forgotten"))
    deletion = customers.customer_permanently_deletion(forgotten.id)
    assert deletion.related_object_id == forgotten.id
    assert (deletion.object, deletion.status) == ("pernament_deletion", "DONE")
    with pytest.raises(NotFoundException):
        customers.get_customer("sdk-forgotten")


def test_a_wrong_token_is_refused_without_echoing_it(server: Server) -> None:
    config = Configuration(
        host=server.url, api_key={"X-App-Id": APP_ID, "X-App-Token": CANARY_TOKEN + "-wrong"}
    )
    with ApiClient(config) as api_client, pytest.raises(ApiException) as caught:
        CustomersApi(api_client).list_customers(limit=1)
    assert caught.value.status == 401
    assert CANARY_TOKEN not in (caught.value.body or "") + str(caught.value.headers)


# --- lists -------------------------------------------------------------------------------


def test_list_parses_and_filters(customers: CustomersApi) -> None:
    page = customers.list_customers(limit=100, page=1, order="-created_at")
    assert page.object == "list" and page.data_ref == "customers"
    assert page.total >= SEEDED and len(page.customers) == 100
    created = [c.created_at for c in page.customers]
    assert created == sorted(created, reverse=True)
    someone = next(c for c in page.customers if c.email and c.address and c.address.city)
    by_email = customers.list_customers(email=someone.email)
    assert someone.id in {c.id for c in by_email.customers}
    by_city = customers.list_customers(limit=100, city=someone.address.city)
    assert by_city.customers and {c.address.city for c in by_city.customers} == {
        someone.address.city
    }
    by_name = customers.list_customers(name=someone.name)
    assert someone.id in {c.id for c in by_name.customers}
    cutoff = someone.created_at
    older = customers.list_customers(limit=100, created_at_before=cutoff)
    assert older.customers and all(c.created_at < cutoff for c in older.customers)
    newer = customers.list_customers(limit=100, created_at_after=cutoff - timedelta(days=30))
    assert all(c.created_at > cutoff - timedelta(days=30) for c in newer.customers)
    since = cutoff - timedelta(days=60)
    touched = customers.list_customers(limit=100, updated_at_after=since)
    # The store filters on updated_at, or created_at for a never-updated customer.
    assert touched.customers
    assert all((c.updated_at or c.created_at) > since for c in touched.customers)


def test_list_pages_with_the_starting_after_cursor(customers: CustomersApi) -> None:
    seen: list[Any] = []
    cursor = None
    for _ in range(4):
        page = customers.list_customers(limit=50, starting_after=cursor)
        if not page.customers:
            break
        if seen:
            assert all(c.created_at < seen[-1].created_at for c in page.customers)
        seen += page.customers
        cursor = page.customers[-1].created_at
    assert len(seen) == 200 and len({c.id for c in seen}) == 200
    ascending = customers.list_customers(
        limit=50, order="created_at", starting_after=datetime(2000, 1, 1, tzinfo=UTC)
    )
    dates = [c.created_at for c in ascending.customers]
    assert dates == sorted(dates) and len(dates) == 50


def test_segments_list_and_filter(customers: CustomersApi) -> None:
    unknown = customers.list_customer_segments("nobody-has-this-id")
    assert unknown.object == "list" and unknown.total == len(unknown.data) >= 1
    page = customers.list_customers(limit=100)
    for customer in page.customers:
        segments = customers.list_customer_segments(customer.id)
        if segments.data:
            segment = segments.data[0]
            assert segment.id.startswith("seg_") and segment.object == "segment"
            members = customers.list_customers(limit=100, segment_id=segment.id)
            assert members.total >= 1
            return
    pytest.fail("no seeded customer belongs to any segment")


# --- activity and redeemables of seeded customers ----------------------------------------


def test_activity_pages_and_filters(customers: CustomersApi) -> None:
    page = customers.list_customers(limit=100)
    busiest = max(
        page.customers[:40],
        key=lambda c: len(customers.list_customer_activity(c.id, limit=100).data),
    )
    first = customers.list_customer_activity(busiest.id, limit=2, order="created_at")
    assert first.object == "list" and first.data_ref == "data"
    assert first.data[0].type == "customer.created"
    assert first.has_more and first.more_starting_after
    second = customers.list_customer_activity(
        busiest.id, limit=2, order="created_at", starting_after_id=first.more_starting_after
    )
    assert second.data and not {e.id for e in second.data} & {e.id for e in first.data}
    actions = customers.list_customer_activity(busiest.id, limit=100, category="ACTION")
    assert actions.data and "customer.created" in {e.type for e in actions.data}
    created = customers.list_customer_activity(busiest.id, type="customer.created")
    assert [e.type for e in created.data] == ["customer.created"]
    assert created.data[0].data["data"]["customer"]["id"] == busiest.id


def test_redeemables_parse_and_filter_by_voucher_type(customers: CustomersApi) -> None:
    page = customers.list_customers(limit=100)
    holder = next(c for c in page.customers if c.loyalty and c.loyalty.points)
    everything = customers.list_customer_redeemables(holder.id, limit=100)
    assert everything.object == "list" and everything.total == len(everything.data) >= 1
    # from_dict, as SDK users write it (it also sends every unset filter as "None").
    cards_only = ParameterFiltersListCustomerRedeemables.from_dict(
        {"voucher_type": {"conditions": {"$in": ["LOYALTY_CARD"]}}}
    )
    cards = customers.list_customer_redeemables(holder.id, limit=100, filters=cards_only)
    assert cards.data and {r.voucher_type for r in cards.data} == {"LOYALTY_CARD"}
    balance = sum(r.redeemable.voucher.loyalty_card.balance for r in cards.data)
    assert balance == holder.loyalty.points == holder.summary.redemptions.loyalty_card.points_to_go
    one = customers.list_customer_redeemables(holder.source_id or holder.id, limit=1)
    assert len(one.data) == 1 and one.data[0].id.startswith("rh_")


# --- async actions -----------------------------------------------------------------------


def test_csv_import_runs_to_done(customers: CustomersApi, async_actions: AsyncActionsApi) -> None:
    csv = (
        "Name,Source_id,Email,City,Country,Birthdate,favorite_brands\n"
        "Jan Kowalski,sdk-csv-1,jan@example.pl,Kraków,Poland,1990-05-01,Nike\n"
        "Eva Novak,sdk-csv-2,eva@example.cz,Praha,Czechia,,\n"
    ).encode()
    accepted = customers.import_customers_using_csv(file=csv)
    action = wait_done(async_actions, accepted.async_action_id)
    assert action.status == "DONE" and action.type == "CUSTOMERS.IMPORT_CSV"
    assert action.result["done_count"] == 2
    jan = customers.get_customer("sdk-csv-1")
    assert (jan.name, jan.address.city) == ("Jan Kowalski", "Kraków")


def test_bulk_update_and_metadata_update_upsert(
    customers: CustomersApi, async_actions: AsyncActionsApi
) -> None:
    accepted = customers.update_customers_in_bulk(
        [
            CustomersUpdateInBulkRequestBody(source_id="sdk-bulk-1", name="Bulk One"),
            CustomersUpdateInBulkRequestBody(source_id="sdk-bulk-2", email="two@example.com"),
        ]
    )
    action = wait_done(async_actions, accepted.async_action_id)
    assert (action.status, action.operation_status) == ("DONE", "SUCCESS")
    assert customers.get_customer("sdk-bulk-1").name == "Bulk One"
    metadata_job = customers.update_customers_metadata_in_bulk(
        CustomersMetadataUpdateInBulkRequestBody(
            source_ids=["sdk-bulk-1", "sdk-bulk-2"], metadata={"campaign": "spring", "score": 7}
        )
    )
    action = wait_done(async_actions, metadata_job.async_action_id)
    assert action.status == "DONE" and action.type == "CUSTOMERS.METADATA_UPDATE"
    assert customers.get_customer("sdk-bulk-2").metadata == {"campaign": "spring", "score": 7}
    listed = async_actions.list_async_actions(limit=10)
    assert metadata_job.async_action_id in {a.id for a in listed.async_actions}
