"""SVG snapshots of every main screen, on demo data, from the same scenes as screenshots/.

Deterministic: fixed seed and clock, animations and cursor blink off, and the sandbox's
per-minute rate-limit window frozen so the status bar's "remaining" does not depend on
when the test runs. Update with `pytest tests/tui/test_snapshots.py --snapshot-update`
after looking at the report.
"""

from __future__ import annotations

import shutil
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from vtui.tui import screenshots


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import asyncio

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"

    async def seed() -> None:
        session = await screenshots.demo_data(path)(lambda done, total: None)
        await session.close()

    asyncio.run(seed())
    return path


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(tmp_path / "config"))
    clock = types.SimpleNamespace(time=lambda: 1_767_268_800.0)  # 2026-01-01 12:00 UTC
    monkeypatch.setattr("vtui.sandbox.rate_limit.time", clock)
    yield tmp_path


@pytest.mark.parametrize("name", list(screenshots.SCENES))
def test_main_screens_look_as_accepted(name, snap_compare, demo_file, frozen):
    scene, needs_session = screenshots.SCENES[name]
    connect = None
    if needs_session:
        db = frozen / "demo.sqlite3"
        shutil.copyfile(demo_file, db)
        connect = screenshots.demo_data(db)
    app = screenshots.scene_app(connect)
    assert snap_compare(app, terminal_size=screenshots.SCREEN_SIZE, run_before=scene)
