"""Shared fixtures: an in-process sandbox and an HTTP client on it (real ASGI semantics)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    # Imported inside the fixtures: tests that check what the TUI imports stay honest.
    from vtui.sandbox import Sandbox

BASE_URL = "http://sandbox.test"
APP_ID = "test-app-id"
APP_TOKEN = "test-app-token"

SandboxFactory = Callable[..., Awaitable["Sandbox"]]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """An empty, started, in-memory sandbox (closed after the test)."""
    from vtui.sandbox import Sandbox

    async with Sandbox(":memory:") as sb:
        yield sb


@pytest.fixture
async def sandbox_factory() -> AsyncIterator[SandboxFactory]:
    """`await sandbox_factory(customers=, seed=, app_id=, app_token=)`: started sandboxes."""
    made: list[Sandbox] = []

    async def make(
        *,
        customers: int = 0,
        seed: int = 0,
        app_id: str | None = None,
        app_token: str | None = None,
        db: str = ":memory:",
    ) -> Sandbox:
        from vtui.sandbox import Sandbox

        sb = Sandbox(db, customers=customers, seed=seed, app_id=app_id, app_token=app_token)
        await sb.start()
        made.append(sb)
        return sb

    yield make
    for sb in made:
        await sb.close()


def client_for(
    sb: Sandbox, *, app_id: str = APP_ID, app_token: str = APP_TOKEN
) -> httpx.AsyncClient:
    """An httpx client on the sandbox's ASGI app with the app keys set."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sb.app),
        base_url=BASE_URL,
        headers={"X-App-Id": app_id, "X-App-Token": app_token},
    )


@pytest.fixture
async def sandbox_http(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx.AsyncClient on the `sandbox` fixture, base_url http://sandbox.test."""
    async with client_for(sandbox) as client:
        yield client


TUI_SEED = 7
"""The seed of the TUI suites' databases (their snapshots depend on it)."""


@pytest.fixture(scope="session")
def seeded_files(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """`seeded_files(n)`: a database file seeded with n customers (seed TUI_SEED), made once
    per session; tests copy it rather than seed again."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from vtui.sandbox import Sandbox

    made: dict[int, Path] = {}

    def get(customers: int) -> Path:
        if customers not in made:
            path = tmp_path_factory.mktemp(f"seed{customers}") / "demo.sqlite3"

            async def seed() -> None:
                async with Sandbox(path, customers=customers, seed=TUI_SEED):
                    pass

            # Called from async fixtures: seed on a thread with its own event loop.
            with ThreadPoolExecutor(1) as pool:
                pool.submit(asyncio.run, seed()).result()
            made[customers] = path
        return made[customers]

    return get


@pytest.fixture(scope="session")
def screenshot_demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database the screenshots are made from (tests/scenes.py), seeded once per
    session; snapshot tests take a copy (`snapshot_demo_db`)."""
    import asyncio

    from tests import scenes

    path = tmp_path_factory.mktemp("screenshot-demo") / "demo.sqlite3"
    asyncio.run(scenes.seed_demo(path))
    return path


@pytest.fixture
def snapshot_demo_db(
    screenshot_demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private copy of the screenshots' demo database, with the config folder private and
    the sandbox's per-minute rate-limit window frozen (2026-01-01 12:00 UTC), so a snapshot
    never depends on when or where it is taken."""
    import shutil
    import types

    monkeypatch.setenv("VTUI_CONFIG_DIR", str(tmp_path / "config"))
    clock = types.SimpleNamespace(time=lambda: 1_767_268_800.0)
    monkeypatch.setattr("vtui.sandbox.rate_limit.time", clock)
    db = tmp_path / "demo.sqlite3"
    shutil.copyfile(screenshot_demo_file, db)
    return db
