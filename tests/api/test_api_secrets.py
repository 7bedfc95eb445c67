"""The canary token never shows in logs (at DEBUG, httpx and httpcore included), errors or reprs."""

from __future__ import annotations

import logging
import subprocess
import sys
import traceback

import httpx
import pytest
from pydantic import SecretStr

from tests.api.api_fakes import APP_ID, BASE_URL, CANARY_TOKEN, Sleeps, ok
from tests.api.api_loopback_server import loopback
from vtui.api import APIConnectionError, RetryPolicy, VoucherifyClient, VoucherifyError

CUSTOMER = {"id": "cust_1", "object": "customer"}
PRIVATE_QUERY = "hidden.person@example.com"


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)


async def test_debug_logs_of_a_whole_session_hold_no_token_and_no_query(caplog, recorder):
    caplog.set_level(logging.DEBUG)
    recorder.reply(
        ok({"object": "list", "customers": [CUSTOMER], "total": 1}),
        ok({"code": 404, "key": "not_found", "message": "no", "request_id": "v-9"}, 404),
    )
    async with VoucherifyClient(
        APP_ID, CANARY_TOKEN, BASE_URL, transport=httpx.MockTransport(recorder)
    ) as vf:
        await vf.customers.list(email=PRIVATE_QUERY, limit=3)
        with pytest.raises(VoucherifyError):
            await vf.customers.get("x")
    text = everything_logged(caplog)
    assert "GET /v1/customers -> 200" in text  # the client does log each request
    assert "GET /v1/customers/x -> 404 (request v-9" in text
    assert CANARY_TOKEN not in text
    assert "hidden.person" not in text and "limit=3" not in text


async def test_httpcore_trace_logs_over_a_real_socket_hold_no_token(caplog):
    caplog.set_level(logging.DEBUG)
    async with (
        loopback(("json", 200, {"object": "list", "customers": [], "total": 0})) as server,
        VoucherifyClient(APP_ID, CANARY_TOKEN, server.base_url) as vf,
    ):
        await vf.customers.list(email=PRIVATE_QUERY)
    names = {r.name for r in caplog.records}
    assert any(n.startswith("httpcore") for n in names)  # the trace really was captured
    assert "httpx" in names
    text = everything_logged(caplog)
    assert CANARY_TOKEN not in text
    assert "hidden.person" not in text and "hidden.person" not in text.replace("%40", "@")
    assert CANARY_TOKEN.encode() in server.received[0]  # ...yet the token was sent


async def test_connection_errors_and_their_tracebacks_hold_no_token(caplog):
    caplog.set_level(logging.DEBUG)
    async with loopback(("reset",)) as server:
        url = server.base_url
    vf = VoucherifyClient(
        APP_ID, CANARY_TOKEN, url, retry_policy=RetryPolicy(max_retries=1, sleep=Sleeps())
    )
    with pytest.raises(APIConnectionError) as info:
        await vf.customers.list(email=PRIVATE_QUERY)
    await vf.aclose()
    rendered = "".join(traceback.format_exception(info.value))
    for text in (str(info.value), repr(info.value), rendered, everything_logged(caplog)):
        assert CANARY_TOKEN not in text
    assert PRIVATE_QUERY not in str(info.value)


def test_reprs_never_show_the_token():
    vf = VoucherifyClient(APP_ID, CANARY_TOKEN, BASE_URL)
    assert CANARY_TOKEN not in repr(vf)
    assert CANARY_TOKEN not in str(vf)
    assert CANARY_TOKEN not in repr(vf._requester)
    assert CANARY_TOKEN not in repr(vars(vf))
    assert APP_ID in repr(vf)


def test_a_secretstr_token_is_accepted_as_is():
    vf = VoucherifyClient(APP_ID, SecretStr(CANARY_TOKEN), BASE_URL)
    assert CANARY_TOKEN not in repr(vf)


@pytest.mark.parametrize(("app_id", "token"), [("", "t"), ("a", ""), ("a", SecretStr(""))])
def test_empty_keys_are_refused_with_a_message_naming_the_key(app_id, token):
    with pytest.raises(ValueError, match=r"app_id|app_token") as info:
        VoucherifyClient(app_id, token, BASE_URL)
    assert CANARY_TOKEN not in str(info.value)


def test_import_vtui_api_does_not_import_textual_or_the_sandbox():
    code = (
        "import sys, vtui.api\n"
        "from vtui.api import VoucherifyClient, CustomerCreate\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' or"
        " m.startswith('vtui.sandbox') or m.startswith('vtui.tui')]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_bare_import_vtui_api_stays_light():
    code = (
        "import sys, vtui.api\nprint(sorted(m for m in ('httpx', 'pydantic') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


async def test_a_token_echoed_in_any_field_of_an_error_body_never_reaches_str_or_repr():
    """A proxy or a buggy server may echo the token anywhere, request_id included."""
    echo = f"req-{CANARY_TOKEN}-1"
    body = {
        "code": 400,
        "key": f"bad_{CANARY_TOKEN}",
        "message": f"m {CANARY_TOKEN}",
        "details": f"d {CANARY_TOKEN}",
        "request_id": echo,
        "resource_id": CANARY_TOKEN,
        "resource_type": "customer",
    }
    async with (
        loopback(("json", 400, body)) as server,
        VoucherifyClient(APP_ID, CANARY_TOKEN, server.base_url) as vf,
    ):
        with pytest.raises(VoucherifyError) as caught:
            await vf.customers.get("x")
    error = caught.value
    trace = traceback.format_exception(type(error), error, error.__traceback__)
    shown = "".join([str(error), repr(error), repr(vars(error)), *trace])
    assert CANARY_TOKEN not in shown
    assert "(request req-**********-1)" in str(error)  # still there, masked
    assert CANARY_TOKEN.encode() in server.received[0]  # the server did get it
