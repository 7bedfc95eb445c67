"""TUI part-2 fixtures: the app on a real in-process sandbox, a private journal, an editor.

Every test gets its own VTUI_CONFIG_DIR, so the journal lands in tmp_path, never in the
user's state folder.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.tui2.tui2_kit import CANARY_TOKEN, FIXED_NOW, SEED, Kit, Recorder
from vtui.api import VoucherifyClient
from vtui.sandbox import Sandbox
from vtui.tui.app import VtuiApp
from vtui.tui.session import MemoryUiState, Session


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "vtui-config"
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(folder))
    return folder


MakeKit = Callable[..., Awaitable[Kit]]


@pytest.fixture
async def kit(tmp_path: Path, seeded_files: Callable[[int], Path]) -> AsyncIterator[MakeKit]:
    """`await kit(customers=60, read_only=False)` -> Kit (app not yet running)."""
    opened: list[tuple[Sandbox, VoucherifyClient]] = []

    async def make(*, customers: int = 60, read_only: bool = False) -> Kit:
        if customers:
            db = tmp_path / f"db{len(opened)}.sqlite3"
            shutil.copyfile(seeded_files(customers), db)
            sandbox = Sandbox(db, customers=customers, seed=SEED)
        else:
            sandbox = Sandbox(":memory:")
        await sandbox.start()
        recorder = Recorder(httpx.ASGITransport(app=sandbox.app))
        client = VoucherifyClient(
            "test-app",
            CANARY_TOKEN,
            "http://sandbox.test",
            transport=recorder,
            max_retries=0,
        )
        opened.append((sandbox, client))

        async def connect(progress: Callable[[int, int], None]) -> Session:
            return Session(
                client=client,
                profile="test",
                region="local sandbox",
                read_only=read_only,
                ui_state=MemoryUiState(),
            )

        app = VtuiApp(connect, read_only=read_only, now=lambda: FIXED_NOW)
        made = Kit(app, sandbox, client, tmp_path, recorder)
        original = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> None:
            made.notes.append(str(message))
            original(message, *args, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        return made

    yield make
    for sandbox, client in opened:
        await client.aclose()
        await sandbox.close()


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """`editor(python_code)`: $EDITOR becomes a script that runs the code on the file `path`."""

    def use(code: str) -> None:
        script = tmp_path / f"editor{len(list(tmp_path.glob('editor*')))}.py"
        script.write_text(
            "import json, sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n" + code
        )
        monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
        monkeypatch.delenv("VISUAL", raising=False)

    return use
