"""SVG snapshots of the change screens: form, diff, confirmations, import preview, progress.

Same scenes as `python -m vtui.tui.screenshots` writes to screenshots/, on demo data with a fixed
seed and clock. Update with `pytest tests/tui2/test_snapshots.py --snapshot-update` after
looking at each SVG in the report.
"""

from __future__ import annotations

import pytest

from vtui.tui import change_scenes, screenshots


@pytest.mark.parametrize("name", list(change_scenes.SCENES))
def test_change_screens_look_as_accepted(name, snap_compare, snapshot_demo_db):
    app = screenshots.scene_app(screenshots.demo_data(snapshot_demo_db))
    assert snap_compare(
        app, terminal_size=screenshots.SCREEN_SIZE, run_before=change_scenes.SCENES[name]
    )
