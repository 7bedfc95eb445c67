"""Hardening fixtures: a served sandbox on loopback with canary keys, an isolated config home.

The canary token is what every secret test looks for: it must never show up on a screen, in
a log, a traceback, a repr or any file other than credentials.toml.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests import isolation

CANARY_APP_ID = "hardening-app-id"
CANARY_TOKEN = "canary-hardening-9c41e7b2d05f"
SERVED_CUSTOMERS = 300
ENV_KEYS = (*isolation.ENV_KEYS, "VTUI_DEMO_DB")


@dataclass
class ServedSandbox:
    """`vtui sandbox serve` in a subprocess; only the canary keys are accepted."""

    url: str

    def control(self, method: str, route: str, body: object = None) -> object:
        response = httpx.request(method, f"{self.url}/_sandbox/{route}", json=body, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else None

    def requests(self) -> dict[str, int]:
        stats = self.control("GET", "stats")
        assert isinstance(stats, dict)
        return dict(stats["requests"])


def serve_sandbox(*extra: str, token: str | None = None) -> tuple[subprocess.Popen[str], str]:
    """Start `vtui sandbox serve --port 0` and return the process and its URL; `token` goes
    through VTUI_SANDBOX_APP_TOKEN (with --app-id in `extra`), never argv."""
    argv = [sys.executable, "-m", "vtui", "sandbox", "serve", "--port", "0", "--memory", *extra]
    env = clean_env(**({"VTUI_SANDBOX_APP_TOKEN": token} if token else {}))
    server = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith("vtui sandbox on "):
            return server, line.split()[3]
    server.kill()
    raise AssertionError("vtui sandbox serve did not print its URL")


@pytest.fixture(scope="session")
def served_sandbox() -> Iterator[ServedSandbox]:
    """The canary-keyed sandbox on a free loopback port, seeded with a few hundred customers."""
    server, url = serve_sandbox(
        "--customers",
        str(SERVED_CUSTOMERS),
        "--seed",
        "11",
        "--app-id",
        CANARY_APP_ID,
        token=CANARY_TOKEN,
    )
    try:
        yield ServedSandbox(url)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def dead_url() -> str:
    """A loopback URL where nothing listens (connection refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without vtui/Voucherify overrides, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
    env.update(extra)
    return env


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty VTUI_CONFIG_DIR (not yet created) and no override variables, per test."""
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    folder = tmp_path / "vtui-config"
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(folder))
    return folder


def vtui_cli(
    *argv: str, config_dir: Path, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real `vtui` command (python -m vtui) in a subprocess with its own config dir."""
    return subprocess.run(
        [sys.executable, "-m", "vtui", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=clean_env(
            VTUI_CONFIG_DIR=str(config_dir), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
        ),
    )


# -- the TUI on an in-process sandbox, with the canary token in its client ------------------------

TUI_CUSTOMERS = 120
TUI_SEED = 7
TUI_SIZE = (110, 34)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded sandbox database, made once and copied per test."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from vtui.sandbox import Sandbox

    path = tmp_path_factory.mktemp("hardening-seed") / "seeded.sqlite3"

    async def seed() -> None:
        async with Sandbox(path, customers=TUI_CUSTOMERS, seed=TUI_SEED):
            pass

    with ThreadPoolExecutor(1) as pool:  # async fixtures call this: own loop on a thread
        pool.submit(asyncio.run, seed()).result()
    return path


@dataclass
class TuiKit:
    """An app wired to a sandbox through `transport` (which may wrap the real ASGI one)."""

    app: object
    sandbox: object
    client: object
    notes: list[str]


@pytest.fixture
async def tui_kit(tmp_path: Path, seeded_db: Path, config_home: Path):  # type: ignore[no-untyped-def]
    """`await tui_kit(wrap=None, max_retries=0, retry_policy=None)` -> TuiKit (not yet run)."""
    import shutil

    from vtui.api import VoucherifyClient
    from vtui.sandbox import Sandbox
    from vtui.tui.app import VtuiApp
    from vtui.tui.profiles import ConfigUiState
    from vtui.tui.session import Session

    opened: list[tuple[Sandbox, VoucherifyClient]] = []

    async def make(
        *,
        wrap: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport] | None = None,
        max_retries: int = 0,
        retry_policy: Any = None,
        token: str = CANARY_TOKEN,
    ) -> TuiKit:
        db = tmp_path / f"db{len(opened)}.sqlite3"
        shutil.copyfile(seeded_db, db)
        sandbox = Sandbox(db, customers=TUI_CUSTOMERS, seed=TUI_SEED)
        await sandbox.start()
        transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=sandbox.app)
        if wrap is not None:
            transport = wrap(transport)
        client = VoucherifyClient(
            CANARY_APP_ID,
            token,
            "http://sandbox.test",
            transport=transport,
            max_retries=max_retries,
            retry_policy=retry_policy,
        )
        opened.append((sandbox, client))

        async def connect(progress):  # type: ignore[no-untyped-def]
            return Session(
                client=client,
                profile="hardening",
                region="local sandbox",
                ui_state=ConfigUiState("hardening"),
            )

        app = VtuiApp(connect)
        notes: list[str] = []
        original = app.notify

        def notify(message, *args, **kwargs):  # type: ignore[no-untyped-def]
            notes.append(str(message))
            original(message, *args, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        return TuiKit(app, sandbox, client, notes)

    yield make
    for sandbox, client in opened:
        await client.aclose()
        await sandbox.close()
