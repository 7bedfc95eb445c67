"""Every operation, success and error, validated against Voucherify's own OpenAPI schemas.

Bodies are checked against the response schema of the production spec (`openapi.json`,
OAS 3.0, every property nullable) and, where the docs splits define the response, against
those too (they keep `required`, so missing fields fail there).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from jsonschema.validators import extend
from openapi_schema_validator import OAS30Validator

from tests.specs import CUSTOMERS_OPERATIONS, SPEC_DIR

SPECS = SPEC_DIR
PRODUCTION = "openapi.json"
DOCS = ("customers.docs-openapi.json", "async-actions.docs-openapi.json")
OPERATIONS = set(CUSTOMERS_OPERATIONS)


def _one_of(validator: Any, one_of: Any, instance: Any, schema: Any) -> Any:
    """`oneOf` as these specs mean it. A null where the schema is nullable is fine. Without a
    discriminator the branches overlap (the 74 activity payloads, the async results: every
    property optional), so "exactly one" can never hold: read it as "at least one"."""
    if instance is None and schema.get("nullable") is True:
        return
    keyword = "oneOf" if "discriminator" in schema else "anyOf"
    yield from OAS30Validator.VALIDATORS[keyword](validator, one_of, instance, schema)


Validator = extend(OAS30Validator, {"oneOf": _one_of})


@cache
def _spec(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((SPECS / name).read_text(encoding="utf-8"))
    _allow_null(spec)
    return spec


def _allow_null(node: Any) -> None:
    """Null is allowed everywhere, as the reference reads the production spec ("every
    property is nullable"): its `$ref`'d objects escaped that marking, and the spec's own
    verbatim examples carry such nulls (`validity_timeframe: null`…). Types, enums and the
    docs splits' `required` lists are still enforced."""
    if isinstance(node, dict):
        if "type" in node:
            node["nullable"] = True
        for value in node.values():
            _allow_null(value)
    elif isinstance(node, list):
        for value in node:
            _allow_null(value)


def _schema(name: str, path: str, method: str, status: int) -> tuple[str, dict[str, Any]] | None:
    """(operationId, response schema with the spec's components) or None if undocumented."""
    operation = _spec(name)["paths"].get(path, {}).get(method.lower())
    if operation is None:
        return None
    response = operation["responses"].get(str(status))
    if response is None:
        return None
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return operation["operationId"], {}
    return operation["operationId"], {**schema, "components": _spec(name)["components"]}


RESULTS = {
    "CUSTOMERS.IMPORT_CSV": "17_res_obj_get_async_action_result_customers_import_csv",
    "CUSTOMERS.BULK_UPDATE": "AsyncActionResultCustomersBulkUpdateResponseBody",
    "CUSTOMERS.METADATA_UPDATE": "AsyncActionResultCustomersMetadataUpdateResponseBody",
}


def _component(name: str, schema: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{schema}", "components": _spec(name)["components"]}


class Checker:
    def __init__(self) -> None:
        self.covered: set[str] = set()
        self.checked = 0

    def check(self, path: str, method: str, response: Any) -> Any:
        status = response.status_code
        body = response.json() if response.content else None
        found = _schema(PRODUCTION, path, method, status)
        if found is not None:
            operation, schema = found
            self.covered.add(operation)
            if schema:
                Validator(schema).validate(body)
                self.checked += 1
        for name in DOCS:
            docs = _schema(name, path, method, status)
            if docs is not None and docs[1]:
                Validator(docs[1]).validate(body)
                self.checked += 1
                self.covered.add(docs[0])
        if found is None and not any(_schema(n, path, method, status) for n in DOCS):
            assert status >= 400, f"{method} {path} -> {status} is in no spec"
        return body


@pytest.fixture
async def seeded(sandbox_factory):
    return await sandbox_factory(customers=40, seed=3)


async def test_every_operation_answers_in_the_documented_shapes(seeded):
    from tests.conftest import client_for

    check = Checker().check
    checker = check.__self__
    C, CID = "/v1/customers", "/v1/customers/{customerId}"
    async with client_for(seeded) as http:
        created = check(
            C,
            "POST",
            await http.post(
                C,
                json={
                    "source_id": "oa-1",
                    "name": "Bob Smith",
                    "email": "bob@example.com",
                    "phone": "+1 933 222 3333",
                    "birthdate": "2022-01-01",
                    "address": {
                        "city": "New York",
                        "country": "United States",
                        "line_1": "123 Main St.",
                    },
                    "metadata": {"lang": "en", "test": True},
                },
            ),
        )
        check(C, "POST", await http.post(C, json={"source_id": "oa-1", "description": "again"}))
        check(C, "GET", await http.get(C, params={"limit": 100}))
        check(C, "GET", await http.get(C, params={"order": "-updated_at", "city": "New York"}))
        check(CID, "GET", await http.get(f"{C}/oa-1"))
        check(CID, "GET", await http.get(f"{C}/ghost"))
        check(CID, "PUT", await http.put(f"{C}/{created['id']}", json={"phone": None}))
        check(CID, "PUT", await http.put(f"{C}/ghost", json={"phone": None}))
        listing = (await http.get(C, params={"limit": 40})).json()["customers"]
        for customer in listing:
            check(
                f"{CID}/activity",
                "GET",
                await http.get(f"{C}/{customer['id']}/activity", params={"limit": 100}),
            )
            check(
                f"{CID}/redeemables",
                "GET",
                await http.get(f"{C}/{customer['id']}/redeemables", params={"limit": 100}),
            )
            check(f"{CID}/segments", "GET", await http.get(f"{C}/{customer['id']}/segments"))
        check(f"{CID}/activity", "GET", await http.get(f"{C}/ghost/activity"))
        check(f"{CID}/redeemables", "GET", await http.get(f"{C}/ghost/redeemables"))
        check(f"{CID}/segments", "GET", await http.get(f"{C}/ghost/segments"))

        csv = b"Source_id,Name,Birthdate\noa-2,Ann,2001-01-01\noa-3,Bad,yesterday\n"
        imported = check(
            f"{C}/importCSV",
            "POST",
            await http.post(f"{C}/importCSV", files={"file": ("f.csv", csv)}),
        )
        bulk = check(
            f"{C}/bulk/async",
            "POST",
            await http.post(
                f"{C}/bulk/async",
                json=[{"source_id": "oa-1", "name": "B"}, {"source_id": "x", "birthday": "no"}],
            ),
        )
        meta = check(
            f"{C}/metadata/async",
            "POST",
            await http.post(
                f"{C}/metadata/async", json={"source_ids": ["oa-1"], "metadata": {"lang": "pl"}}
            ),
        )
        huge = [{"source_id": "s", "description": "x" * 1_000_000} for _ in range(11)]
        check(f"{C}/bulk/async", "POST", await http.post(f"{C}/bulk/async", json=huge))
        check(
            f"{C}/metadata/async",
            "POST",
            await http.post(
                f"{C}/metadata/async", json={"source_ids": ["s" * 20] * 600_000, "metadata": {}}
            ),
        )
        await seeded.jobs.wait_idle()
        for ref in (imported, bulk, meta):
            body = check(
                "/v1/async-actions/{asyncActionId}",
                "GET",
                await http.get(f"/v1/async-actions/{ref['async_action_id']}"),
            )
            assert body["status"] == "DONE"
            Validator(_component(PRODUCTION, RESULTS[body["type"]])).validate(body["result"])
        check("/v1/async-actions/{asyncActionId}", "GET", await http.get("/v1/async-actions/aa_x"))
        check("/v1/async-actions", "GET", await http.get("/v1/async-actions", params={"limit": 5}))
        check(
            "/v1/async-actions",
            "GET",
            await http.get("/v1/async-actions", params={"end_date": "not a date"}),
        )
        await http.post("/_sandbox/faults", json={"kind": "rate_limit", "count": 1})
        check(
            f"{C}/bulk/async", "POST", await http.post(f"{C}/bulk/async", json=[{"source_id": "r"}])
        )

        check(
            f"{CID}/permanent-deletion",
            "POST",
            await http.post(f"{C}/oa-2/permanent-deletion", json={}),
        )
        check(f"{CID}/permanent-deletion", "POST", await http.post(f"{C}/oa-2/permanent-deletion"))
        check(CID, "DELETE", await http.delete(f"{C}/oa-1"))
        check(CID, "DELETE", await http.delete(f"{C}/oa-1"))

    assert checker.covered >= OPERATIONS
    assert checker.checked > 100
