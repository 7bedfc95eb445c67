"""Fixtures for the `vtui` command: isolated config, a loopback sandbox, and a runner.

The sandbox is the real one, started through `vtui sandbox serve` in a subprocess on
127.0.0.1 with fixed keys, so `vtui login` meets real HTTP: a 401 for wrong keys, a
refused connection for a dead port, faults for timeouts and 5xx.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.isolation import isolated_config
from vtui.cli import main

GOOD_APP_ID = "cli-test-app"
GOOD_TOKEN = "canary-good-tok-5e8a1c3f9d27"
BAD_TOKEN = "canary-bad-tok-0b6d4f2a8c13"


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh config folder and environment per test; a machine without a keyring."""
    yield from isolated_config(tmp_path, monkeypatch)


@dataclass(frozen=True)
class Keys:
    """The keys the loopback sandbox accepts, and a wrong token; both are canaries."""

    app_id: str = GOOD_APP_ID
    token: str = GOOD_TOKEN
    bad_token: str = BAD_TOKEN


@pytest.fixture
def keys() -> Keys:
    return Keys()


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run(*argv, stdin="...")`: main() in-process, with stdin that is not a terminal."""

    def invoke(*argv: str, stdin: str = "") -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@dataclass
class LoopbackSandbox:
    url: str

    def control(self, method: str, route: str, body: object = None) -> object:
        response = httpx.request(method, f"{self.url}/_sandbox/{route}", json=body, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else None

    def requests(self) -> dict[str, int]:
        stats = self.control("GET", "stats")
        assert isinstance(stats, dict)
        return dict(stats["requests"])


@pytest.fixture(scope="session")
def loopback_sandbox() -> Iterator[LoopbackSandbox]:
    """`vtui sandbox serve` on a free loopback port, accepting only the GOOD_* keys."""
    argv = [sys.executable, "-m", "vtui", "sandbox", "serve", "--port", "0", "--memory"]
    argv += ["--customers", "0", "--app-id", GOOD_APP_ID]
    env = {**os.environ, "VTUI_SANDBOX_APP_TOKEN": GOOD_TOKEN}  # kept out of argv
    server = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert server.stdout is not None
    url = None
    for line in server.stdout:
        if line.startswith("vtui sandbox on "):
            url = line.split()[3]
            break
    try:
        assert url, "vtui sandbox serve did not print its URL"
        yield LoopbackSandbox(url)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def sandbox_url(loopback_sandbox: LoopbackSandbox) -> Iterator[str]:
    """The loopback sandbox's URL, with counters and faults cleared around the test."""
    loopback_sandbox.control("DELETE", "faults")
    loopback_sandbox.control("DELETE", "stats")
    yield loopback_sandbox.url
    loopback_sandbox.control("DELETE", "faults")


@pytest.fixture
def dead_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
