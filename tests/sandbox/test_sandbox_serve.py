"""`vtui sandbox serve` and the app's lifespan under a real server on loopback."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading

import httpx
import pytest
import uvicorn

from vtui.sandbox import Sandbox
from vtui.sandbox.serve import main


def test_serve_rejects_bad_arguments_with_a_message(capsys):
    for argv in (["--app-id", "only-id"], ["--db", "x.db", "--memory"], ["--customers", "-1"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
    assert "--app-token" in capsys.readouterr().err


def test_serve_binds_loopback_prints_the_url_and_answers(tmp_path):
    code = "import sys; from vtui.sandbox.serve import main; sys.exit(main(sys.argv[1:]))"
    argv = [
        "--port",
        "0",
        "--db",
        str(tmp_path / "sb.db"),
        "--customers",
        "0",
        "--app-id",
        "my-id",
        "--app-token",
        "canary-token-123",
    ]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        line = ""
        for _ in range(20):
            line = proc.stdout.readline()
            if "http://" in line:
                break
        url = line.split()[3]
        assert url.startswith("http://127.0.0.1:")
        headers = {"X-App-Id": "my-id", "X-App-Token": "canary-token-123"}
        assert httpx.get(f"{url}/v1/customers", headers=headers).status_code == 200
        wrong = httpx.get(f"{url}/v1/customers", headers={**headers, "X-App-Token": "x"})
        assert wrong.status_code == 401
        printed = proc.stdout.readline() + proc.stdout.readline()
        assert "canary-token-123" not in line + printed
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
    assert proc.returncode == 0
    assert (tmp_path / "sb.db").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_the_app_lifespan_starts_and_closes_an_unstarted_sandbox():
    sb = Sandbox()
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(sb.app, host="127.0.0.1", port=port, log_level="critical", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            await asyncio.sleep(0.01)
        assert sb.started
        headers = {"X-App-Id": "a", "X-App-Token": "b"}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers) as c:
            assert (await c.post("/v1/customers", json={"name": "N"})).status_code == 200
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join, 10)
    assert not sb.started


async def test_closing_mid_job_leaves_it_to_resume_on_the_next_start(tmp_path):
    db = tmp_path / "jobs.db"
    async with Sandbox(db) as sb:
        sb.jobs.chunk_delay = 0.05
        transport = httpx.ASGITransport(app=sb.app)
        headers = {"X-App-Id": "a", "X-App-Token": "b"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://t", headers=headers
        ) as c:
            rows = [{"source_id": f"s{i}"} for i in range(2000)]
            ref = (await c.post("/v1/customers/bulk/async", json=rows)).json()
            await asyncio.sleep(0.2)
    async with Sandbox(db) as sb:
        await sb.jobs.wait_idle()
        transport = httpx.ASGITransport(app=sb.app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://t", headers=headers
        ) as c:
            action = (await c.get(f"/v1/async-actions/{ref['async_action_id']}")).json()
            assert action["status"] == "DONE" and action["result"]["done_count"] == 2000
            assert (await c.get("/v1/customers")).json()["total"] == 2000


@pytest.mark.parametrize(
    ("host", "warned"),
    [
        ("127.0.0.1", False),
        ("127.0.0.53", False),
        ("::1", False),
        ("localhost", False),
        ("0.0.0.0", True),
        ("::", True),
        ("192.168.1.10", True),
        ("sandbox.example.org", True),
    ],
)
def test_binding_beyond_loopback_warns_that_control_routes_are_open(host, warned):
    from vtui.sandbox.serve import exposure_warning

    message = exposure_warning(host)
    assert (message is not None) is warned
    if message:
        assert host in message and "/_sandbox/" in message
