"""Two vtui on one profile: views, columns and filters saved by one are never dropped by a
save of the other at the same moment (the state file is changed under its lock)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.tui.harness import SIZE, settle
from vtui.config import load_ui_state
from vtui.tui.profiles import ConfigUiState
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.views import views_in

OTHER_VTUI = """
import sys
from vtui.tui.profiles import ConfigUiState
store = ConfigUiState("test")
for i in range(400):
    if hasattr(store, "update"):
        store.update(lambda state: {**state, f"other-{i}": i})
    else:  # a store without update: as the list saved before, load then save
        state = store.load()
        store.save({**state, f"other-{i}": i})
"""


async def test_views_saved_while_another_vtui_saves_on_the_profile_are_all_kept(harness):
    h = await harness(customers=20, state=ConfigUiState("test"))
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerListScreen)
        other = subprocess.Popen([sys.executable, "-c", OTHER_VTUI], env=os.environ.copy())
        saved = 0
        while other.poll() is None or saved < 20:
            screen.save_view(f"view {saved}")
            saved += 1
            await pilot.pause(0.001)
        assert other.wait(timeout=120) == 0
    state = load_ui_state("test")
    assert set(views_in(state)) == {f"view {i}" for i in range(saved)}
    assert {key for key in state if key.startswith("other-")} == {f"other-{i}" for i in range(400)}
