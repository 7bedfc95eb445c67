"""Any id or source_id reaches the server as exactly one path segment that decodes to itself."""

from __future__ import annotations

from urllib.parse import unquote

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.api.api_fakes import APP_ID, BASE_URL, CANARY_TOKEN, Recorder, ok
from vtui.api import VoucherifyClient

CUSTOMER = {"id": "cust_1", "object": "customer"}
IDS = st.text(
    st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
) | st.sampled_from(
    [".", "..", "%2F", "a/../b", "?x=1", "#frag", "a b", "ż@ł.pl", "%", "\\", "~user"]
)


@settings(max_examples=200, deadline=None)
@given(identifier=IDS)
async def test_any_id_is_one_escaped_segment_that_decodes_to_itself(identifier):
    recorder = Recorder([ok(CUSTOMER)])
    async with VoucherifyClient(
        APP_ID, CANARY_TOKEN, BASE_URL, transport=httpx.MockTransport(recorder)
    ) as vf:
        await vf.customers.get(identifier)
        await vf.customers.list_activity(identifier)
    for request, suffix in zip(recorder.requests, ("", "/activity"), strict=True):
        raw = request.url.raw_path.decode("ascii")
        assert raw.startswith("/v1/customers/") and raw.endswith(suffix)
        segment = raw[len("/v1/customers/") : len(raw) - len(suffix)]
        assert "/" not in segment and "?" not in segment and "#" not in segment
        assert unquote(segment) == identifier
        assert request.url.query == b""
