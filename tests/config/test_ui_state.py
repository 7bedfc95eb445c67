"""Per-profile UI state (the list's filters and sort) for the TUI."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from vtui.config import load_ui_state, save_ui_state, state_dir

STATE = {"sort": "-created_at", "filters": {"email": "jane@example.com", "city": None}}


def state_file() -> Path:
    return state_dir() / "ui_state.json"


def test_state_round_trips_per_profile() -> None:
    save_ui_state("prod", STATE)
    save_ui_state("demo", {"sort": "name"})
    assert load_ui_state("prod") == STATE
    assert load_ui_state("demo") == {"sort": "name"}
    assert load_ui_state("never-saved") == {}


def test_state_lives_under_the_config_override_and_is_private(config_home: Path) -> None:
    save_ui_state("prod", STATE)
    assert state_file().parent == config_home / "state"
    assert stat.S_IMODE(state_file().stat().st_mode) == 0o600


def test_corrupt_state_reads_as_empty_and_the_next_save_repairs_it() -> None:
    save_ui_state("prod", STATE)
    state_file().write_text("{not json")
    assert load_ui_state("prod") == {}
    save_ui_state("prod", {"sort": "email"})
    assert load_ui_state("prod") == {"sort": "email"}


def test_unserialisable_state_is_refused_and_the_file_kept() -> None:
    save_ui_state("prod", STATE)
    before = state_file().read_bytes()
    with pytest.raises(TypeError, match="not JSON-serialisable"):
        save_ui_state("prod", {"when": object()})
    assert state_file().read_bytes() == before
    assert json.loads(before)["profiles"]["prod"] == STATE


CHILD = """
import sys
from vtui import config
who, profile, mode = sys.argv[1], sys.argv[2], sys.argv[3]
for i in range(150):
    if mode == "update":
        config.update_ui_state(profile, lambda state: {**state, f"{who}-{i}": i})
    else:
        config.save_ui_state(profile, {"n": i, "who": who})
"""


def run_together(*argvs: list[str]) -> None:
    """Run the children at once (two vtui processes saving at the same moments)."""
    import os
    import subprocess
    import sys

    children = [
        subprocess.Popen([sys.executable, "-c", CHILD, *argv], env=os.environ.copy())
        for argv in argvs
    ]
    assert [child.wait(timeout=120) for child in children] == [0] * len(children)


def test_two_processes_saving_other_profiles_at_once_keep_both() -> None:
    run_together(["a", "prod", "save"], ["b", "demo", "save"])
    assert load_ui_state("prod") == {"n": 149, "who": "a"}
    assert load_ui_state("demo") == {"n": 149, "who": "b"}


def test_two_processes_updating_one_profile_at_once_lose_nothing() -> None:
    run_together(["a", "prod", "update"], ["b", "prod", "update"])
    state = load_ui_state("prod")
    assert sorted(state) == sorted([f"a-{i}" for i in range(150)] + [f"b-{i}" for i in range(150)])
