"""Fixtures for vtui.config: an isolated config folder, a clean environment, and keyrings.

Every test runs with VTUI_CONFIG_DIR in tmp_path, no VOUCHERIFY_* or VTUI_PROFILE in the
environment, and keyring's "fail" backend (a machine without a keyring), so no test can
touch the real user's files or keyring.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

CANARY = "canary-tok-7f3a9c1e5b2d4e6f"
ENV_KEYS = (
    "VOUCHERIFY_APP_ID",
    "VOUCHERIFY_APP_TOKEN",
    "VOUCHERIFY_API_BASE_URL",
    "VTUI_PROFILE",
    "VTUI_CONFIG_DIR",
)


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The config folder of this test (not created yet: vtui creates it 0700)."""
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    folder = tmp_path / "vtui-config"
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(folder))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield folder
    keyring.set_keyring(previous)


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (a desktop keyring stand-in)."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def canary() -> str:
    """A recognisable app token that must never show up anywhere."""
    return CANARY


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend
