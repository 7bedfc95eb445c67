"""`vtui --demo`: the TUI against an in-process sandbox, with no account and no network.

The one place the TUI meets the sandbox. The demo database lives in the user data folder
and persists between runs (so the second start is instant); `--reset` seeds it again. The
first run seeds in the background while the app shows the progress.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.tui.prefetch import FirstPage
    from vtui.tui.session import Connector, Progress, Session

DEFAULT_CUSTOMERS = 2_000
DEMO_SEED = 42
DEMO_BASE_URL = "http://sandbox.vtui.demo"
"""Never resolved: requests go through httpx.ASGITransport straight into the sandbox."""
DEMO_APP_ID = "demo-app-id"
DEMO_APP_TOKEN = "demo-app-token"


def demo_currency() -> str:
    """The demo project's currency (its seed's), for the session to show amounts in."""
    from vtui.sandbox.seed_campaigns import SEED_CURRENCY

    return SEED_CURRENCY


def demo_db_path() -> Path:
    override = os.environ.get("VTUI_DEMO_DB", "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_data_path("vtui") / "demo.sqlite3"


def seeded_size(path: Path) -> int | None:
    """How many customers the demo database was seeded with, if it exists and says so."""
    if not path.exists():
        return None
    import sqlite3

    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'size'").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row and str(row[0]).isdigit() else None


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.unlink()


def demo_connector(
    customers: int | None,
    reset: bool,
    read_only: bool,
    *,
    db_path: Path | str | None = None,
    seed: int = DEMO_SEED,
) -> Connector:
    """Open (seeding when needed) the demo sandbox and a client wired to it in-process."""

    async def connect(progress: Progress) -> Session:
        import asyncio
        import importlib

        # The sandbox (Starlette, SQLite) loads on a thread so the screen stays live.
        await asyncio.to_thread(importlib.import_module, "vtui.sandbox.app")
        import httpx

        from vtui.api import VoucherifyClient
        from vtui.sandbox import Sandbox
        from vtui.tui.profiles import ConfigUiState
        from vtui.tui.session import Session

        size = DEFAULT_CUSTOMERS if customers is None else customers
        if db_path == ":memory:":
            target: str | Path = ":memory:"
        else:
            path = Path(db_path) if db_path is not None else demo_db_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            existing = seeded_size(path)
            if reset or (customers is not None and existing is not None and existing != size):
                _remove_db(path)
            target = path
        sandbox = Sandbox(target, customers=size, seed=seed, progress=progress)
        await sandbox.start()
        client = VoucherifyClient(
            DEMO_APP_ID,
            DEMO_APP_TOKEN,
            DEMO_BASE_URL,
            transport=httpx.ASGITransport(app=sandbox.app),
        )

        async def close() -> None:
            await client.aclose()
            await sandbox.close()

        return Session(
            client=client,
            profile="demo",
            region="local sandbox",
            read_only=read_only,
            ui_state=ConfigUiState("demo"),
            close=close,
            currency=demo_currency(),
        )

    return connect


async def demo_first_page(db_path: Path) -> FirstPage:
    """The list's first page from a read-only sandbox on the demo database (the prefetch)."""
    import httpx

    from vtui.api import VoucherifyClient
    from vtui.sandbox import Sandbox
    from vtui.tui.prefetch import fetch_first_page
    from vtui.tui.profiles import ConfigUiState

    async with Sandbox(db_path, read_only=True) as sandbox:
        transport = httpx.ASGITransport(app=sandbox.app)
        async with VoucherifyClient(
            DEMO_APP_ID, DEMO_APP_TOKEN, DEMO_BASE_URL, transport=transport
        ) as client:
            return await fetch_first_page(client, ConfigUiState("demo").load())
