"""Where vtui keeps its files: one folder for config and credentials, one for UI state.

VTUI_CONFIG_DIR moves everything vtui keeps (state included) to one folder, which keeps
test runs and portable setups apart from the user's real files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

CONFIG_FILE = "config.toml"
CREDENTIALS_FILE = "credentials.toml"
UI_STATE_FILE = "ui_state.json"


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of config.toml and credentials.toml."""
    env = os.environ if env is None else env
    override = env.get("VTUI_CONFIG_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path("vtui")


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the UI state (filters, sort) remembered per profile."""
    env = os.environ if env is None else env
    override = env.get("VTUI_CONFIG_DIR", "").strip()
    if override:
        return Path(override).expanduser() / "state"
    import platformdirs

    return platformdirs.user_state_path("vtui")


def default_config_dir() -> Path:
    """The platform's config folder for vtui, ignoring VTUI_CONFIG_DIR."""
    return config_dir({})
