"""Who may use the control routes (/_sandbox/*): no keys guard them, so these checks do.

- **Host**: only the names in the sandbox's `allowed_hosts` (any port), which shuts out
  DNS rebinding (a page whose own name resolves to 127.0.0.1). `vtui sandbox serve` allows
  the loopback names only (127.0.0.1, ::1, localhost). A Sandbox built in-process without
  `allowed_hosts` also accepts names under the reserved `.test` domain (RFC 6761: never
  in public DNS), which in-process tests use as their base URL.
- **Cross-site requests** are refused: an `Origin` other than the sandbox's own
  `http://<Host>`, or a `Sec-Fetch-Site` other than `same-origin` or `none`.
- **JSON only**: a POST, or any request with a body, must say `application/json`, so a
  page cannot send a "simple" (preflight-free) form or text/plain request.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.types import Scope

from vtui.sandbox.errors import ApiError, plain
from vtui.sandbox.request_body import is_json_type, unsupported_media_type

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
TEST_DOMAIN = ".test"
_FETCH_SITES_ALLOWED = frozenset({"same-origin", "none"})


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port and IPv6 brackets, lower case."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else ""
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def host_allowed(name: str, allowed_hosts: Collection[str] | None) -> bool:
    if allowed_hosts is None:
        return name in LOOPBACK_HOSTS or (name.endswith(TEST_DOMAIN) and len(name) > 5)
    return name in allowed_hosts


def _forbidden(details: str) -> ApiError:
    return plain(403, "forbidden", "Forbidden", details)


def check_control(scope: Scope, allowed_hosts: Collection[str] | None) -> None:
    """Raise the ApiError (403 or 415) that refuses this control request, if any."""
    headers = _headers(scope)
    host = headers.get("host", "")
    if not host_allowed(host_name(host), allowed_hosts):
        raise _forbidden(
            "The control routes answer only requests addressed to a loopback host "
            "(127.0.0.1, [::1] or localhost)"
        )
    origin = headers.get("origin")
    if origin is not None and origin.strip().lower() != f"http://{host.strip().lower()}":
        raise _forbidden("Cross-origin requests to the control routes are refused")
    site = headers.get("sec-fetch-site")
    if site is not None and site.strip().lower() not in _FETCH_SITES_ALLOWED:
        raise _forbidden("Cross-site requests to the control routes are refused")
    length = headers.get("content-length", "")
    has_body = "transfer-encoding" in headers or (length.isdigit() and int(length) > 0)
    if scope["method"] in ("POST", "PUT", "PATCH") or has_body:
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if not is_json_type(kind):
            raise unsupported_media_type(kind)
