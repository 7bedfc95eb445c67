"""schemathesis against `vtui sandbox serve`: the 14 operations never answer 5xx and conform.

The production spec (../shared/voucherify/openapi.json) drives generation. Its 4xx responses
are stripped, so the checks are: no server error, and every documented response (status,
content type, body schema) conforms. A CI-sized run takes seconds; for a long run:

    VTUI_FUZZ_EXAMPLES=500 pytest tests/hardening/test_schemathesis.py -q

(examples per operation; default 6). Failures print the reproducing request (curl).
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from conftest import CANARY_APP_ID, CANARY_TOKEN, ServedSandbox
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.specs import CUSTOMERS_OPERATIONS, SPEC_DIR

SPEC = SPEC_DIR / "openapi.json"
OPERATIONS = list(CUSTOMERS_OPERATIONS)
EXAMPLES = int(os.environ.get("VTUI_FUZZ_EXAMPLES", "6"))
HEADERS = {"X-App-Id": CANARY_APP_ID, "X-App-Token": CANARY_TOKEN}
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def production_spec_artifacts_undone(spec: dict[str, Any]) -> dict[str, Any]:
    """Undo two code-generation artifacts of the production spec, loosening nothing else.

    1. Every property is nullable there, except those written as a bare `$ref` (a sibling
       `nullable` is ignored). The API sends null for them too (the reference's verbatim
       redeemable has `"validity_timeframe": null`), so such a property also accepts null.
    2. With every property optional and nullable, the branches of a `oneOf` overlap (an
       activity's `data.data` is valid under each Event* schema), so no body could pass
       `oneOf`'s exactly-one rule; it is read as `anyOf`.
    """

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties") or {}
            for name, value in properties.items():
                if isinstance(value, dict) and set(value) == {"$ref"}:
                    properties[name] = {"anyOf": [value, {"enum": [None]}]}
            if "oneOf" in node:
                node["anyOf"] = node.pop("oneOf")
                node.pop("discriminator", None)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(spec)
    return spec


schema = schemathesis.openapi.from_dict(
    production_spec_artifacts_undone(json.loads(SPEC.read_text()))
).include(operation_id=OPERATIONS)


def test_the_fuzzed_schema_holds_exactly_the_fourteen_operations() -> None:
    ids = {
        op.ok().definition.raw["operationId"]  # type: ignore[union-attr]
        for op in schema.get_all_operations()
    }
    assert ids == set(OPERATIONS)


@pytest.fixture(scope="module")
def fuzz_target(served_sandbox: ServedSandbox) -> tuple[str, list[str]]:
    """The server URL and ids of real customers (ids and source_ids) to aim path ids at."""
    served_sandbox.control("DELETE", "faults")
    page = httpx.get(
        f"{served_sandbox.url}/v1/customers", params={"limit": 40}, headers=HEADERS, timeout=10
    ).json()
    known = [c[key] for c in page["customers"] for key in ("id", "source_id") if c.get(key)]
    return served_sandbox.url, [k for k in known if k]


def aim_at_real_customers(case: Any, known: list[str]) -> None:
    """Half the generated path ids become real ones, so handlers run past the 404."""
    value = case.path_parameters.get("customerId") if case.path_parameters else None
    if value is not None:
        digest = zlib.crc32(repr(value).encode())
        if digest % 2 == 0:
            case.path_parameters["customerId"] = known[digest // 2 % len(known)]


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    derandomize=os.environ.get("VTUI_FUZZ_RANDOM") is None,
    database=None,
)
def test_operation_never_fails_on_the_server_and_conforms(
    case: Any, fuzz_target: tuple[str, list[str]]
) -> None:
    url, known = fuzz_target
    aim_at_real_customers(case, known)
    case.call_and_validate(base_url=url, headers=HEADERS, checks=CHECKS, timeout=30)


def test_the_checks_catch_a_server_error(served_sandbox: ServedSandbox) -> None:
    """The fuzz test can fail: with a 5xx injected, the same checks reject the answer."""
    operation = schema["/v1/customers"]["GET"]
    case = operation.Case(query={"limit": 5})
    served_sandbox.control("POST", "faults", {"kind": "error", "status": 503, "count": 1})
    try:
        with pytest.raises(FailureGroup, match="Server error"):
            case.call_and_validate(
                base_url=served_sandbox.url, headers=HEADERS, checks=CHECKS, timeout=30
            )
    finally:
        served_sandbox.control("DELETE", "faults")


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels):
        value = {"k": value}
    return value


HOSTILE_METADATA: dict[str, tuple[Any, str]] = {
    # Raw JSON text where requests itself refuses to write the value.
    "nan": ('{"score": NaN}', "NaN is not a JSON number"),
    "infinity": ('{"score": Infinity}', "Infinity is not a JSON number"),
    "overflow": ('{"score": 1e400}', "1e400 is too large"),
    "lone-surrogate": ({"note": "a\ud800b"}, "lone surrogate"),
    "lone-surrogate-key": ({"\udc00": 1}, "lone surrogate"),
    "nested-100": (_deep(100), "nested deeper than 32 levels"),
}
BODY_OPERATIONS = {
    "create": ("/v1/customers", "POST", {}, lambda md: {"source_id": "fz", "metadata": md}),
    "update": (
        "/v1/customers/{customerId}",
        "PUT",
        {"customerId": None},
        lambda md: {"metadata": md},
    ),
    "bulk": (
        "/v1/customers/bulk/async",
        "POST",
        {},
        lambda md: [{"source_id": "fz", "metadata": md}],
    ),
    "metadata-bulk": (
        "/v1/customers/metadata/async",
        "POST",
        {},
        lambda md: {"source_ids": ["fz"], "metadata": md},
    ),
}


@pytest.mark.parametrize(("metadata", "why"), HOSTILE_METADATA.values(), ids=list(HOSTILE_METADATA))
@pytest.mark.parametrize("operation", BODY_OPERATIONS.values(), ids=list(BODY_OPERATIONS))
def test_bodies_json_cannot_carry_are_a_400_under_the_same_checks(
    operation: tuple[str, str, dict[str, Any], Any],
    metadata: Any,
    why: str,
    fuzz_target: tuple[str, list[str]],
) -> None:
    """The new refusals, sent through schemathesis as it sends fuzzed bodies (Python's json
    writes NaN and escapes lone surrogates): a 400 with Voucherify's body, never a 5xx."""
    url, known = fuzz_target
    path, method, path_parameters, body = operation
    if isinstance(metadata, str):  # written into the body's JSON text as it is
        text = json.dumps(body({"marker": 1})).replace('{"marker": 1}', metadata)
        payload: Any = text.encode()
    else:
        payload = body(metadata)
    case = schema[path][method].Case(
        body=payload,
        path_parameters={name: known[0] for name in path_parameters},
        media_type="application/json",
    )
    response = case.call_and_validate(base_url=url, headers=HEADERS, checks=CHECKS, timeout=30)
    assert response.status_code == 400, response.text
    assert response.json()["key"] == "invalid_payload"
    assert why in response.json()["details"]
