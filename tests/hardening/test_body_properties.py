"""Hypothesis: any customer body the sandbox accepts reads back as it was sent, and any body
it refuses gets a 4xx (Voucherify's 400), never a 5xx, and stores nothing.

Bodies mix what JSON carries faithfully with what it cannot: NaN and infinities, numbers
past a double (1e400), lone surrogates in values and keys, and nesting past the limit.
"""

from __future__ import annotations

import json
import math
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

with warnings.catch_warnings():  # starlette asks for httpx2, which vtui does not use
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from vtui.sandbox import Sandbox
from vtui.sandbox.request_body import MAX_DEPTH

KEYS = {"X-App-Id": "prop-id", "X-App-Token": "prop-token", "Content-Type": "application/json"}
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@dataclass(frozen=True)
class Raw:
    """A number written as is: JSON text Python's encoder would never produce."""

    text: str


def encode(value: Any) -> str:
    """JSON text for any generated value; lone surrogates go out as `\\udXXX` escapes."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{encode(k)}:{encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(encode(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=True, allow_nan=True)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def meaning(value: Any) -> Any:
    """What the JSON text of `value` means to a lenient reader: `\ud800\udc00` is one
    character (a surrogate pair), NaN stays NaN, 1e400 becomes infinity."""
    return json.loads(encode(value))


def faithful(value: Any) -> bool:
    """True when JSON (and so the sandbox) can carry `value` (a `meaning`) unchanged."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return not any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    if isinstance(value, dict):
        return all(faithful(k) and faithful(v) for k, v in value.items())
    if isinstance(value, list):
        return all(faithful(v) for v in value)
    return True


SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
TEXT = st.lists(
    st.one_of(st.characters(), st.characters(), st.characters(), SURROGATES), max_size=12
).map("".join)
NUMBER = st.one_of(
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1e400", "-1e400", "1E+999", "2e308"]).map(Raw),
)
LEAF = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)


def nested(levels: int) -> Any:
    value: Any = "bottom"
    for i in range(levels):
        value = {"k": value} if i % 2 else [value]
    return value


VALUE = st.one_of(
    st.recursive(
        LEAF,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)
        ),
        max_leaves=12,
    ),
    st.integers(1, MAX_DEPTH + 8).map(nested),
)
METADATA = st.dictionaries(TEXT, VALUE, max_size=5)
NAME = st.one_of(st.none(), TEXT)


@pytest.fixture(scope="module")
def http() -> Iterator[TestClient]:
    with TestClient(Sandbox(":memory:").app, base_url="http://sandbox.test") as client:
        yield client


@given(name=NAME, metadata=METADATA)
@PROPERTY
def test_an_accepted_customer_reads_back_as_sent_and_a_refused_one_is_a_400(
    http: TestClient, name: str | None, metadata: dict[str, Any]
) -> None:
    source_id = f"prop-{uuid.uuid4().hex}"
    body = {"source_id": source_id, "name": name, "metadata": metadata}
    sent = meaning(body)
    acceptable = faithful(sent) and 1 + depth(metadata) <= MAX_DEPTH
    event("accepted" if acceptable else "refused")
    response = http.post("/v1/customers", content=encode(body), headers=KEYS)
    assert response.status_code < 500, response.text
    read = http.get(f"/v1/customers/{source_id}", headers=KEYS)
    if acceptable:
        assert response.status_code == 200, response.text
        assert read.status_code == 200
        customer = read.json()
        assert customer.get("name") == sent["name"]
        assert customer["metadata"] == sent["metadata"]
    else:
        assert response.status_code == 400, response.text
        assert response.json()["key"] == "invalid_payload"
        assert read.status_code == 404
    listing = http.get("/v1/customers", params={"limit": 5}, headers=KEYS)
    assert listing.status_code == 200
    json.loads(listing.text)  # strict: no NaN ever comes back


def action_ids(http: TestClient) -> set[str]:
    """The queued jobs (their status moves on as the runner works, so ids only)."""
    page = http.get("/v1/async-actions", params={"limit": 100}, headers=KEYS).json()
    return {action["id"] for action in page["async_actions"]}


@given(
    items=st.lists(
        st.fixed_dictionaries({"name": NAME, "metadata": METADATA}), min_size=1, max_size=3
    )
)
@PROPERTY
def test_a_bulk_job_is_queued_only_for_rows_json_can_carry(
    http: TestClient, items: list[dict[str, Any]]
) -> None:
    rows = [{"source_id": f"bulk-{uuid.uuid4().hex}", **item} for item in items]
    acceptable = (
        faithful(meaning(rows)) and 2 + max(depth(r["metadata"]) for r in rows) <= MAX_DEPTH
    )
    before = action_ids(http)
    event("accepted" if acceptable else "refused")
    response = http.post("/v1/customers/bulk/async", content=encode(rows), headers=KEYS)
    assert response.status_code < 500, response.text
    after = action_ids(http)
    if acceptable:
        assert response.status_code == 202, response.text
        assert response.json()["async_action_id"] in after
    else:
        assert response.status_code == 400, response.text
        assert after == before
