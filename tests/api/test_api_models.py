"""Models tolerate what the API may add, and request bodies send exactly what was set."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from vtui.api.models import (
    AsyncAction,
    AsyncActionStatus,
    Customer,
    CustomerBulkUpdate,
    CustomerCreate,
    CustomerUpdate,
    RedeemablePage,
)


def test_unknown_fields_are_kept_and_dumped_back():
    customer = Customer.model_validate(
        {"id": "c", "loyalty_tier": "gold", "summary": {"orders": {"total_amount": 5, "new": 1}}}
    )
    dumped = customer.model_dump(mode="json", exclude_unset=True)
    assert dumped["loyalty_tier"] == "gold"
    assert dumped["summary"]["orders"]["new"] == 1


def test_unknown_enum_values_parse_as_plain_strings():
    action = AsyncAction.model_validate(
        {
            "id": "aa_1",
            "status": "PAUSED",
            "type": "CUSTOMERS.SOMETHING_NEW",
            "operation_status": "PARTIAL",
            "result": {"whatever": [1, 2]},
        }
    )
    assert action.status == "PAUSED" and not action.finished
    assert action.result is not None
    page = RedeemablePage.model_validate(
        {
            "data": [
                {
                    "id": "rh_1",
                    "holder_role": "GUARDIAN",
                    "voucher_type": "STAMP_CARD",
                    "redeemable": {"status": "FROZEN", "voucher": {}},
                }
            ]
        }
    )
    assert page.redeemables[0].holder_role == "GUARDIAN"


def test_known_enum_values_compare_equal_to_the_enum():
    action = AsyncAction.model_validate({"id": "aa_1", "status": "DONE"})
    assert action.status == AsyncActionStatus.DONE and action.finished


def test_money_is_integer_cents():
    customer = Customer.model_validate(
        {"id": "c", "summary": {"orders": {"total_amount": 203900, "average_amount": 101950}}}
    )
    assert customer.summary and customer.summary.orders
    assert customer.summary.orders.total_amount == 203900
    assert isinstance(customer.summary.orders.total_amount, int)


def test_nulls_and_missing_keys_are_both_accepted():
    customer = Customer.model_validate(
        {"id": "c", "address": None, "summary": None, "loyalty": None, "referrals": None}
    )
    assert customer.address is None and customer.email is None


def test_update_dumps_only_fields_the_caller_set():
    assert CustomerUpdate(name="Ann").to_body() == {"name": "Ann"}
    assert CustomerUpdate().to_body() == {}


def test_update_sends_explicit_none_as_null_to_clear_a_field():
    assert CustomerUpdate(phone=None, address=None).to_body() == {"phone": None, "address": None}


def test_update_of_nested_address_sends_only_the_set_lines():
    body = CustomerUpdate(address={"city": "Kraków"}).to_body()  # type: ignore[arg-type]
    assert body == {"address": {"city": "Kraków"}}


def test_dates_are_sent_as_yyyy_mm_dd():
    assert CustomerCreate(birthdate=date(1990, 5, 17)).to_body() == {"birthdate": "1990-05-17"}


def test_a_bad_birthdate_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="birthdate"):
        CustomerCreate(birthdate="17/05/1990")  # type: ignore[arg-type]


def test_bulk_item_requires_a_source_id():
    with pytest.raises(ValidationError, match="source_id"):
        CustomerBulkUpdate.model_validate({"name": "x"})
    with pytest.raises(ValidationError, match="source_id"):
        CustomerBulkUpdate(source_id="")
    assert CustomerBulkUpdate(source_id="a").to_body() == {"source_id": "a"}
