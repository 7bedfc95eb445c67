"""One page of customer rows with the standard library alone: the start-up prefetch's request.

A live profile's first page is on the critical path of `vtui`'s start: the forked prefetch
child asks for it while the parent loads Textual. Loading httpx and asyncio costs that child
~0.1 s before its request can leave; `http.client` costs a fraction. The request is the one
`customers.list_rows()` sends (same path, query, and headers), without retries: a prefetch
that fails in any way only means the list asks for itself, through the client, which retries
and reports errors properly.

httpx reads proxies from the environment; `usable()` says no when one is set, so this never
connects where the client would not (the prefetch then uses the client). Certificates are
checked as httpx checks them: against SSL_CERT_FILE, else SSL_CERT_DIR, else certifi's bundle.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from vtui import __version__
from vtui.api.rows import CustomerRows

if TYPE_CHECKING:
    import ssl

    from vtui.api.query import QueryParams
    from vtui.api.secret import SecretLike

CHANNEL = "vtui"
USER_AGENT = f"vtui/{__version__}"
TIMEOUT = 30.0

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def usable(base_url: str, env: Mapping[str, str] | None = None) -> bool:
    """Whether this request goes where the client's would: plain http(s), and no proxy in
    the environment (names in either case, as httpx reads them)."""
    env = os.environ if env is None else env
    names = {name.upper() for name, value in env.items() if value}
    if names.intersection(PROXY_VARIABLES):
        return False
    return urlsplit(base_url).scheme in ("http", "https")


def tls_context(env: Mapping[str, str] | None = None) -> ssl.SSLContext:
    """The certificates httpx trusts (its `create_ssl_context` with trust_env): the
    environment's SSL_CERT_FILE, else its SSL_CERT_DIR, else certifi's bundle."""
    import ssl

    env = os.environ if env is None else env
    if env.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=env["SSL_CERT_FILE"])
    if env.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=env["SSL_CERT_DIR"])
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def get_customer_rows(
    base_url: str,
    app_id: str,
    app_token: SecretLike,
    params: QueryParams,
    *,
    timeout: float = TIMEOUT,
) -> CustomerRows:
    """GET /v1/customers with `params`; raises on anything but a 200 with a customer page."""
    import http.client

    url = urlsplit(base_url)
    path = url.path.rstrip("/") + "/v1/customers"
    if params:
        path += "?" + urlencode(params)
    connection: http.client.HTTPConnection
    if url.scheme == "https":
        connection = http.client.HTTPSConnection(
            url.hostname or "", url.port, timeout=timeout, context=tls_context()
        )
    elif url.scheme == "http":
        connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=timeout)
    else:
        raise ValueError(f"not an http(s) address: {url.scheme}")
    try:
        connection.request(
            "GET",
            path,
            headers={
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
                "X-Voucherify-Channel": CHANNEL,
                "X-App-Id": app_id,
                "X-App-Token": app_token.get_secret_value(),
            },
        )
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise ConnectionError(f"GET /v1/customers answered {response.status}")
    return CustomerRows.parse(body)
