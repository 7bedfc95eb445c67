"""SVG snapshots of every main screen, on demo data, from the same scenes as screenshots/.

Deterministic: fixed seed and clock, animations and cursor blink off, and the sandbox's
per-minute rate-limit window frozen so the status bar's "remaining" does not depend on
when the test runs. Update with `pytest tests/tui/test_snapshots.py --snapshot-update`
after looking at the report.
"""

from __future__ import annotations

import pytest

from vtui.tui import screenshots


@pytest.mark.parametrize("name", list(screenshots.SCENES))
def test_main_screens_look_as_accepted(name, snap_compare, snapshot_demo_db):
    scene, needs_session = screenshots.SCENES[name]
    connect = screenshots.demo_data(snapshot_demo_db) if needs_session else None
    app = screenshots.scene_app(connect)
    assert snap_compare(app, terminal_size=screenshots.SCREEN_SIZE, run_before=scene)
