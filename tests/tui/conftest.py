"""TUI fixtures: the app wired to a real in-process sandbox, with every request recorded.

Seeded databases are made once per size and copied per test, so a test pays for a file
copy, not for seeding.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from tests.tui.tui_harness import CANARY_TOKEN, FIXED_NOW, SEED, Harness, RecordingTransport
from vtui.api import VoucherifyClient
from vtui.sandbox import Sandbox
from vtui.tui.app import VtuiApp
from vtui.tui.session import MemoryUiState, Session

MakeHarness = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def harness(
    tmp_path: Path, seeded_files: Callable[[int], Path]
) -> AsyncIterator[MakeHarness]:
    """`await harness(customers=200, read_only=False, state=None)` -> Harness (not yet run)."""
    opened: list[tuple[Sandbox, VoucherifyClient]] = []

    async def make(
        *,
        customers: int = 200,
        read_only: bool = False,
        state: MemoryUiState | None = None,
        profile: str = "test",
        max_retries: int = 0,
    ) -> Harness:
        if customers:
            db = tmp_path / f"db{len(opened)}.sqlite3"
            shutil.copyfile(seeded_files(customers), db)
            sandbox = Sandbox(db, customers=customers, seed=SEED)
        else:
            sandbox = Sandbox(":memory:")
        await sandbox.start()
        recorder = RecordingTransport(httpx.ASGITransport(app=sandbox.app))
        client = VoucherifyClient(
            "test-app",
            CANARY_TOKEN,
            "http://sandbox.test",
            transport=recorder,
            max_retries=max_retries,
        )
        opened.append((sandbox, client))
        ui_state = state if state is not None else MemoryUiState()

        async def connect(progress: Callable[[int, int], None]) -> Session:
            return Session(
                client=client,
                profile=profile,
                region="local sandbox",
                read_only=read_only,
                ui_state=ui_state,
            )

        app = VtuiApp(connect, read_only=read_only, now=lambda: FIXED_NOW)
        app.animation_level = "none"  # faster, and no frame caught mid-animation
        return Harness(app, sandbox, recorder, client, ui_state)

    yield make
    for sandbox, client in opened:
        await client.aclose()
        await sandbox.close()
