"""The start-up's standard-library request asks what the client asks, and reads the same page.

The forked prefetch sends `plain_get.get_customer_rows` instead of loading httpx; if it asked
anything else, the first frame would show other rows than the list then adopts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from tests.api.api_fakes import CANARY_TOKEN
from tests.api.api_loopback_server import loopback
from tests.api.test_api_against_served_sandbox import served  # noqa: F401  (fixture)
from vtui.api import VoucherifyClient, plain_get
from vtui.api.customer_query import list_params
from vtui.api.secret import AppToken

QUERY = {
    "limit": 100,
    "order": "-updated_at",
    "email": "jane+vip@example.com",
    "city": "Łódź & Co",
    "created_at_after": dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
}
PAGE = {"object": "list", "data_ref": "customers", "customers": [], "total": 0, "has_more": False}


def head_lines(raw: bytes) -> tuple[str, dict[str, str]]:
    lines = raw.split(b"\r\n\r\n", 1)[0].decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return lines[0], {name.lower(): value for name, value in headers.items()}


async def test_the_request_line_and_headers_are_the_clients():
    async with loopback(("json", 200, PAGE)) as server:
        async with VoucherifyClient("app-id", CANARY_TOKEN, server.base_url) as client:
            await client.customers.list_rows(**QUERY)  # type: ignore[arg-type]
        await asyncio.to_thread(
            plain_get.get_customer_rows,
            server.base_url,
            "app-id",
            AppToken(CANARY_TOKEN),
            list_params(QUERY),  # type: ignore[arg-type]
        )
    (client_line, client_headers), (plain_line, plain_headers) = map(head_lines, server.received)
    assert plain_line == client_line  # same path, same query, same encoding
    for name in ("accept", "user-agent", "x-voucherify-channel", "x-app-id", "x-app-token"):
        assert plain_headers[name] == client_headers[name], name


async def test_the_page_read_is_the_page_the_client_reads(served):  # noqa: F811
    async with VoucherifyClient("app-id", CANARY_TOKEN, served) as client:
        for i in range(3):
            await client.customers.create({"source_id": f"crm-{i}", "name": f"Ana {i}"})
        expected = await client.customers.list_rows(limit=2)
    got = await asyncio.to_thread(
        plain_get.get_customer_rows,
        served,
        "app-id",
        AppToken(CANARY_TOKEN),
        list_params({"limit": 2}),
    )
    assert [row.id for row in got.rows] == [row.id for row in expected.rows]
    assert (got.total, got.has_more) == (3, True)
    assert got.body == expected.body


async def test_an_error_answer_raises_without_the_token():
    async with loopback(("json", 401, {"code": 401, "message": "Unauthorized"})) as server:
        with pytest.raises(ConnectionError) as raised:
            await asyncio.to_thread(
                plain_get.get_customer_rows, server.base_url, "app-id", AppToken(CANARY_TOKEN), []
            )
    assert "401" in str(raised.value)
    assert CANARY_TOKEN not in repr(raised.value)


@pytest.mark.parametrize(
    "env",
    [
        {"HTTPS_PROXY": "http://proxy:3128"},
        {"https_proxy": "http://proxy:3128"},
        {"ALL_PROXY": "socks5://proxy"},
    ],
)
def test_a_proxy_in_the_environment_sends_the_prefetch_through_the_client(env):
    assert plain_get.usable("https://api.voucherify.io", {})
    assert not plain_get.usable("https://api.voucherify.io", env)


def test_certificate_settings_are_honoured_as_httpx_honours_them(tmp_path):
    import certifi

    assert plain_get.usable("https://api.voucherify.io", {"SSL_CERT_FILE": "/etc/ca.pem"})
    default = plain_get.tls_context({})
    assert default.get_ca_certs()  # certifi's bundle
    one_ca = tmp_path / "one.pem"
    bundle = Path(certifi.where()).read_text()
    one_ca.write_text(bundle[: bundle.index("-----END CERTIFICATE-----") + 26])
    assert len(plain_get.tls_context({"SSL_CERT_FILE": str(one_ca)}).get_ca_certs()) == 1
    with pytest.raises(FileNotFoundError):
        plain_get.tls_context({"SSL_CERT_FILE": str(tmp_path / "missing.pem")})
    assert plain_get.tls_context({"SSL_CERT_DIR": str(tmp_path)}).get_ca_certs() == []


def test_only_http_addresses_are_usable():
    assert plain_get.usable("http://127.0.0.1:8000", {})
    assert not plain_get.usable("ftp://example.com", {})


async def test_a_profiles_first_page_is_the_same_by_either_path(served, monkeypatch, tmp_path):  # noqa: F811
    """The prefetch sends the plain request unless the environment asks for the client; both
    give the same first page (rows for the saved query, the answer's body to adopt)."""
    from vtui.config.profile import ResolvedProfile
    from vtui.tui.prefetch import FirstPage, profile_first_page

    monkeypatch.setenv("VTUI_CONFIG_DIR", str(tmp_path))
    for name in plain_get.PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    async with VoucherifyClient("app-id", CANARY_TOKEN, served) as client:
        for i in range(3):
            await client.customers.create({"source_id": f"crm-{i}", "name": f"Ana {i}"})
    profile = ResolvedProfile("p", served, "app-id", AppToken(CANARY_TOKEN))

    plain = await asyncio.to_thread(profile_first_page, profile)
    assert isinstance(plain, FirstPage)  # sent without httpx or an event loop
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")  # only the client honours it
    through_client = profile_first_page(profile)
    assert not isinstance(through_client, FirstPage)
    assert await through_client == plain
    assert [name for _, (name, *_) in plain.rows] == ["Ana 2", "Ana 1", "Ana 0"]
