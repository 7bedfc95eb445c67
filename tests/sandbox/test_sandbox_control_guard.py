"""The control routes (/_sandbox/*) need no keys, so a web page must not reach them:
JSON bodies only (415), loopback Hosts only (403, against DNS rebinding), and no
cross-site requests (Origin, Sec-Fetch-Site). /v1 routes are not affected."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import APP_ID, APP_TOKEN, BASE_URL
from vtui.sandbox import Sandbox
from vtui.sandbox.control_guard import LOOPBACK_HOSTS

FAULT = '{"kind":"error","status":503}'


def control(sb: Sandbox, base_url: str = BASE_URL) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sb.app), base_url=base_url)


async def test_a_cross_site_text_plain_post_is_415_and_adds_no_fault(sandbox: Sandbox) -> None:
    """The probe's case: a page's form or fetch() POST needs no preflight with text/plain."""
    async with control(sandbox) as http:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
            response = await http.post(
                "/_sandbox/faults", content=FAULT, headers={"Content-Type": kind}
            )
            assert response.status_code == 415, kind
            assert response.json()["key"] == "unsupported_media_type"
        no_type = await http.post("/_sandbox/reset", content=b"")
        assert no_type.status_code == 415
        assert (await http.get("/_sandbox/faults")).json() == {"faults": []}
        ok = await http.post(
            "/_sandbox/faults", content=FAULT, headers={"Content-Type": "application/json"}
        )
        assert ok.status_code == 201


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:9999"},  # another port is another origin
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["foreign-origin", "null-origin", "other-port", "cross-site", "same-site"],
)
async def test_cross_site_requests_are_403(sandbox: Sandbox, headers: dict[str, str]) -> None:
    async with control(sandbox, "http://127.0.0.1:8000") as http:
        response = await http.post("/_sandbox/faults", json={"kind": "error"}, headers=headers)
        assert response.status_code == 403
        assert response.json()["key"] == "forbidden"
        reading = await http.get("/_sandbox/stats", headers=headers)
        assert reading.status_code == 403
    assert sandbox.faults.describe() == []


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://127.0.0.1:8000"},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
    ],
    ids=["no-origin", "same-origin", "fetch-same-origin", "fetch-none"],
)
async def test_same_origin_and_non_browser_requests_pass(
    sandbox: Sandbox, headers: dict[str, str]
) -> None:
    async with control(sandbox, "http://127.0.0.1:8000") as http:
        response = await http.post("/_sandbox/faults", json={"kind": "error"}, headers=headers)
    assert response.status_code == 201


async def test_a_foreign_host_is_403_on_control_routes_only() -> None:
    async with Sandbox(allowed_hosts=LOOPBACK_HOSTS) as sb:
        for host in ("rebind.attacker.example", "sandbox.test", "127.0.0.1.nip.io"):
            async with control(sb, f"http://{host}:8000") as http:
                assert (await http.get("/_sandbox/stats")).status_code == 403, host
                assert (await http.post("/_sandbox/reset", json={})).status_code == 403
        for host in ("127.0.0.1:8000", "localhost:1", "[::1]:8000", "LOCALHOST"):
            async with control(sb, f"http://{host}") as http:
                assert (await http.get("/_sandbox/stats")).status_code == 200, host
        keys = {"X-App-Id": APP_ID, "X-App-Token": APP_TOKEN}
        async with control(sb, "http://api.example") as http:
            assert (await http.get("/v1/customers", headers=keys)).status_code == 200


async def test_the_in_process_default_admits_loopback_and_dot_test_names_only(
    sandbox: Sandbox,
) -> None:
    for host, status in (("sandbox.test", 200), ("127.0.0.1", 200), ("evil.example", 403)):
        async with control(sandbox, f"http://{host}") as http:
            assert (await http.get("/_sandbox/stats")).status_code == status, host


@pytest.fixture(scope="module")
def served_with_stdin_token() -> Iterator[tuple[subprocess.Popen[str], str]]:
    argv = [sys.executable, "-m", "vtui", "sandbox", "serve", "--port", "0", "--memory"]
    argv += ["--customers", "0", "--app-id", "guard-id", "--app-token-stdin"]
    env = {k: v for k, v in os.environ.items() if k != "VTUI_SANDBOX_APP_TOKEN"}
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("canary-stdin-token-7f3e1a\n")
    proc.stdin.close()
    url = ""
    for line in proc.stdout:
        if line.startswith("vtui sandbox on "):
            url = line.split()[3]
            break
    try:
        assert url
        yield proc, url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_takes_the_token_from_stdin_keeping_it_out_of_argv(
    served_with_stdin_token: tuple[subprocess.Popen[str], str],
) -> None:
    proc, url = served_with_stdin_token
    with open(f"/proc/{proc.pid}/cmdline", "rb") as cmdline:
        assert b"canary-stdin-token-7f3e1a" not in cmdline.read()
    keys = {"X-App-Id": "guard-id", "X-App-Token": "canary-stdin-token-7f3e1a"}
    assert httpx.get(f"{url}/v1/customers", headers=keys).status_code == 200
    assert httpx.get(f"{url}/v1/customers", headers={**keys, "X-App-Token": "x"}).status_code == 401


def test_serve_refuses_a_rebinding_host_and_a_cross_site_post(
    served_with_stdin_token: tuple[subprocess.Popen[str], str],
) -> None:
    _, url = served_with_stdin_token
    port = url.rsplit(":", 1)[1]
    assert httpx.get(f"{url}/_sandbox/stats").status_code == 200
    assert httpx.get(f"http://localhost:{port}/_sandbox/stats").status_code == 200
    rebound = httpx.get(f"{url}/_sandbox/stats", headers={"Host": f"attacker.example:{port}"})
    assert rebound.status_code == 403
    # .test names are for in-process tests only: a served sandbox admits loopback names.
    assert httpx.get(f"{url}/_sandbox/stats", headers={"Host": "sandbox.test"}).status_code == 403
    page = httpx.post(
        f"{url}/_sandbox/faults",
        content=FAULT,
        headers={"Content-Type": "text/plain", "Origin": "http://evil.example"},
    )
    assert page.status_code in (403, 415)
    assert httpx.get(f"{url}/_sandbox/faults").json() == {"faults": []}


def test_serve_reads_the_token_from_the_environment_and_warns_about_argv(tmp_path) -> None:
    code = (
        "import sys; from vtui.sandbox.serve import _parser, _token; p = _parser(); "
        "print(_token(p.parse_args(sys.argv[1:]), p))"
    )
    env = {**os.environ, "VTUI_SANDBOX_APP_TOKEN": "canary-env-token-12ab"}
    from_env = subprocess.run(
        [sys.executable, "-c", code, "--app-id", "x"], capture_output=True, text=True, env=env
    )
    assert from_env.stdout.strip() == "canary-env-token-12ab" and from_env.stderr == ""
    in_argv = subprocess.run(
        [sys.executable, "-c", code, "--app-id", "x", "--app-token", "canary-argv-token-34cd"],
        capture_output=True,
        text=True,
    )
    assert in_argv.stdout.strip() == "canary-argv-token-34cd"
    assert "warning: --app-token puts the token in the process list" in in_argv.stderr
    assert "canary-argv-token-34cd" not in in_argv.stderr
