"""TUI fixtures: the app built as `vtui` builds it, on a real in-process sandbox, with every
request recorded, a private config folder (the journal lands in tmp_path) and a scripted
$EDITOR. Seeded databases are made once per size and copied per test.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.tui.harness import CANARY_TOKEN, FIXED_NOW, SEED, Harness, Recorder
from vtui.api import VoucherifyClient
from vtui.sandbox import Sandbox
from vtui.tui.session import MemoryUiState, Session
from vtui.tui.startup import Launch, build_app

MakeHarness = Callable[..., Awaitable[Harness]]


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "vtui-config"
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
async def harness(
    tmp_path: Path, seeded_files: Callable[[int], Path]
) -> AsyncIterator[MakeHarness]:
    """`await harness(customers=200, read_only=False, state=None)` -> Harness (not yet run);
    `columns` and `problems` are what config.toml's profile said (`[profiles.NAME.list]`)."""
    opened: list[tuple[Sandbox, VoucherifyClient]] = []

    async def make(
        *,
        customers: int = 200,
        read_only: bool = False,
        state: MemoryUiState | None = None,
        profile: str = "test",
        max_retries: int = 0,
        profiles: Any = None,
        columns: tuple[str, ...] | None = None,
        problems: tuple[str, ...] = (),
    ) -> Harness:
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
                columns=columns,
            )

        launch = Launch(
            connect=connect,
            profile=profile,
            region="local sandbox",
            read_only=read_only,
            first_page=None,
            saved_profiles=profiles is not None,
            ui_state=ui_state,
            columns=columns,
            problems=problems,
        )
        app = build_app(launch, read_only, now=lambda: FIXED_NOW, profiles=profiles)
        app.animation_level = "none"  # faster, and no frame caught mid-animation
        made = Harness(app, sandbox, recorder, client, ui_state, tmp_path)
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
