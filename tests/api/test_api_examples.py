"""Every example response of the reference parses through the models and dumps back whole."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from pydantic import BaseModel

from tests.specs import SPEC_DIR
from vtui.api.models import (
    AsyncAction,
    AsyncActionList,
    AsyncActionRef,
    Customer,
    CustomerPage,
    ErrorBody,
    PermanentDeletion,
    RedeemablePage,
    SegmentList,
)

SUCCESS_MODELS: dict[tuple[str, str], type[BaseModel]] = {
    ("get", "/v1/customers"): CustomerPage,
    ("post", "/v1/customers"): Customer,
    ("get", "/v1/customers/{customerId}"): Customer,
    ("put", "/v1/customers/{customerId}"): Customer,
    ("post", "/v1/customers/{customerId}/permanent-deletion"): PermanentDeletion,
    ("post", "/v1/customers/importCSV"): AsyncActionRef,
    ("post", "/v1/customers/bulk/async"): AsyncActionRef,
    ("post", "/v1/customers/metadata/async"): AsyncActionRef,
    ("get", "/v1/customers/{customerId}/segments"): SegmentList,
    ("get", "/v1/customers/{customerId}/redeemables"): RedeemablePage,
    ("get", "/v1/async-actions"): AsyncActionList,
    ("get", "/v1/async-actions/{asyncActionId}"): AsyncAction,
}


def _examples() -> list[Any]:
    cases = []
    for name in ("customers.docs-openapi.json", "async-actions.docs-openapi.json"):
        spec = json.loads((SPEC_DIR / name).read_text())
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                if not isinstance(operation, dict):
                    continue
                for status, response in operation.get("responses", {}).items():
                    for media in response.get("content", {}).values():
                        for title, example in (media.get("examples") or {}).items():
                            model = (
                                SUCCESS_MODELS[(method, path)]
                                if status.startswith("2")
                                else ErrorBody
                            )
                            cases.append(
                                pytest.param(
                                    model, example["value"], id=f"{method} {path} {status} {title}"
                                )
                            )
    return cases


EXAMPLES = _examples()


def _same(dumped: Any, original: Any, where: str = "$") -> None:
    """Equal, except that timestamps may be re-rendered (`+00:00` -> `Z`, fraction digits)."""
    if isinstance(original, dict):
        assert isinstance(dumped, dict), where
        assert dumped.keys() == original.keys(), f"{where}: keys differ"
        for key in original:
            _same(dumped[key], original[key], f"{where}.{key}")
    elif isinstance(original, list):
        assert isinstance(dumped, list) and len(dumped) == len(original), where
        for index, (a, b) in enumerate(zip(dumped, original, strict=True)):
            _same(a, b, f"{where}[{index}]")
    elif isinstance(original, str) and dumped != original and "T" in original:
        parsed = datetime.fromisoformat(original.replace("Z", "+00:00"))
        assert datetime.fromisoformat(dumped.replace("Z", "+00:00")) == parsed, where
    else:
        assert dumped == original and type(dumped) is type(original), where


def test_the_reference_has_the_examples_this_test_relies_on():
    assert len(EXAMPLES) >= 35


@pytest.mark.parametrize(("model", "example"), EXAMPLES)
def test_example_parses_and_dumps_back_without_losing_a_field(model, example):
    parsed = model.model_validate(example)
    dumped = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    _same(dumped, example)


def test_customer_timestamps_dump_in_the_api_form():
    customer = Customer.model_validate({"id": "c", "created_at": "2022-08-30T06:32:07.380Z"})
    assert customer.model_dump(mode="json")["created_at"] == "2022-08-30T06:32:07.380Z"


def test_voucher_timestamps_with_offsets_parse_to_aware_datetimes():
    page = RedeemablePage.model_validate(EXAMPLES_BY_ID["redeemables"])
    voucher = page.redeemables[0].redeemable.voucher  # type: ignore[union-attr]
    assert voucher is not None and voucher.created_at is not None
    assert voucher.created_at.utcoffset() is not None
    assert voucher.created_at.microsecond == 570000


EXAMPLES_BY_ID = {
    "redeemables": next(
        p.values[1]
        for p in EXAMPLES
        if p.id == "get /v1/customers/{customerId}/redeemables 200 Example"
    )
}


def test_async_action_results_get_the_model_of_their_job_type():
    from vtui.api.models import (
        CustomersBulkUpdateResult,
        CustomersImportResult,
        CustomersMetadataUpdateResult,
    )

    by_type = {}
    for param in EXAMPLES:
        model, example = param.values
        if model is AsyncAction:
            by_type[example["type"]] = AsyncAction.model_validate(example).result
    assert isinstance(by_type["CUSTOMERS.IMPORT_CSV"], CustomersImportResult)
    assert isinstance(by_type["CUSTOMERS.BULK_UPDATE"], CustomersBulkUpdateResult)
    assert isinstance(by_type["CUSTOMERS.METADATA_UPDATE"], CustomersMetadataUpdateResult)
    assert by_type["CUSTOMERS.IMPORT_CSV"].failed[1].row == 2  # type: ignore[union-attr]
