"""SVG snapshots of every main screen, from the same scenes as screenshots/ (tests/scenes.py),
started the way `vtui --demo` starts.

Deterministic: fixed seed and clock, animations and cursor blink off, and the sandbox's
per-minute rate-limit window frozen so the status bar does not depend on when the test runs.
Update with `pytest tests/tui/test_snapshots.py --snapshot-update` after looking at each SVG.
"""

from __future__ import annotations

import pytest

from tests import scenes


@pytest.mark.parametrize("name", list(scenes.SCENES))
def test_main_screens_look_as_accepted(name, snap_compare, snapshot_demo_db):
    scene, needs_data = scenes.SCENES[name]
    app = scenes.scene_app(snapshot_demo_db if needs_data else None)
    assert snap_compare(app, terminal_size=scenes.size_of(name), run_before=scene)
