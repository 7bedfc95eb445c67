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
from keyring.errors import PasswordDeleteError

from tests.isolation import isolated_config

CANARY = "canary-tok-7f3a9c1e5b2d4e6f"


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The config folder of this test (not created yet: vtui creates it 0700)."""
    yield from isolated_config(tmp_path, monkeypatch)


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
