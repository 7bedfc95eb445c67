"""One isolation for every test that touches vtui's config: its own folder, no overrides."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

ENV_KEYS = (
    "VOUCHERIFY_APP_ID",
    "VOUCHERIFY_APP_TOKEN",
    "VOUCHERIFY_API_BASE_URL",
    "VTUI_PROFILE",
    "VTUI_CONFIG_DIR",
    "VTUI_SANDBOX_APP_TOKEN",
)


def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Yield a fresh VTUI_CONFIG_DIR (not created yet: vtui creates it 0700), with no
    VOUCHERIFY_*/VTUI_* overrides and keyring's "fail" backend (a machine without one)."""
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    folder = tmp_path / "vtui-config"
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(folder))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield folder
    keyring.set_keyring(previous)
