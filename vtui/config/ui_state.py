"""UI state the TUI remembers per profile (the list's filters and sort), as JSON.

State is a convenience: an unreadable or corrupt state file reads as empty rather than
stopping vtui, and it is replaced on the next save.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from vtui.config.atomic import write_atomically
from vtui.config.lock import config_lock
from vtui.config.paths import UI_STATE_FILE, state_dir

log = logging.getLogger("vtui.config")


def _path(env: Mapping[str, str] | None) -> Path:
    return state_dir(os.environ if env is None else env) / UI_STATE_FILE


def _read_all(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable UI state %s: %s", path, type(exc).__name__)
        return {}
    profiles = raw.get("profiles") if isinstance(raw, dict) else None
    return profiles if isinstance(profiles, dict) else {}


def load_ui_state(profile: str, *, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The state last saved for `profile`, or {}."""
    state = _read_all(_path(env)).get(profile)
    return state if isinstance(state, dict) else {}


def save_ui_state(
    profile: str, state: Mapping[str, Any], *, env: Mapping[str, str] | None = None
) -> None:
    """Replace `profile`'s state (JSON-serialisable values only), atomically.

    The file is private (0600): filters can hold customers' emails. It holds every
    profile's state, so it is read and replaced under the state folder's lock: another vtui
    saving at the same moment never drops this save, nor this one its.
    """
    path = _path(env)
    try:
        json.dumps(dict(state))  # refuse before touching the file
    except (TypeError, ValueError) as exc:
        raise TypeError(f"UI state for {profile!r} is not JSON-serialisable: {exc}") from None
    with config_lock(path.parent):
        profiles = _read_all(path)
        profiles[profile] = dict(state)
        text = json.dumps({"version": 1, "profiles": profiles}, indent=2, sort_keys=True)
        write_atomically(path, text.encode("utf-8"), mode=0o600)


def update_ui_state(
    profile: str,
    change: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    env: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Read `profile`'s state, `change` it and save what `change` returns, all under the
    state folder's lock: two vtui on one profile (views, columns, theme) both keep theirs.
    Returns the state saved."""
    path = _path(env)
    with config_lock(path.parent):
        state = change(load_ui_state(profile, env=env))
        save_ui_state(profile, state, env=env)
    return state
