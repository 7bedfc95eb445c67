"""SVG snapshots of the change screens: form, diff, confirmations, import preview, progress.

Same scenes as `python -m vtui.tui.change_scenes` (screenshots/), on demo data with a fixed
seed and clock. Update with `pytest tests/tui2/test_snapshots.py --snapshot-update` after
looking at each SVG in the report.
"""

from __future__ import annotations

import shutil
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from vtui.tui import change_scenes, screenshots


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import asyncio

    path = tmp_path_factory.mktemp("demo2") / "demo.sqlite3"

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


@pytest.mark.parametrize("name", list(change_scenes.SCENES))
def test_change_screens_look_as_accepted(name, snap_compare, demo_file, frozen):
    db = frozen / "demo.sqlite3"
    shutil.copyfile(demo_file, db)
    app = screenshots.scene_app(screenshots.demo_data(db))
    assert snap_compare(
        app, terminal_size=screenshots.SCREEN_SIZE, run_before=change_scenes.SCENES[name]
    )
