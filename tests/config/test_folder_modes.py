"""vtui never changes a folder's mode: it creates its own folder 0700, uses an existing one
as it is, refuses (with the fix) one that others can write to, and never chmods through a
symlinked folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vtui.config import ConfigError, resolve_profile, save_profile


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_folder_vtui_creates_is_0700(config_home: Path) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    assert mode(config_home) == 0o700


def test_an_existing_readable_folder_is_used_and_keeps_its_mode(config_home: Path) -> None:
    config_home.mkdir()
    os.chmod(config_home, 0o755)
    save_profile("p", app_id="a", app_token="p-token-12345678")
    assert mode(config_home) == 0o755
    assert mode(config_home / "credentials.toml") == 0o600


def test_an_existing_1777_folder_is_refused_with_the_fix_and_keeps_its_mode(
    config_home: Path,
) -> None:
    config_home.mkdir()
    os.chmod(config_home, 0o1777)
    with pytest.raises(ConfigError) as caught:
        save_profile("p", app_id="a", app_token="p-token-12345678")
    message = str(caught.value)
    assert "1777" in message and f"chmod 700 {config_home}" in message
    assert stat.S_IMODE(config_home.stat().st_mode) == 0o1777
    assert list(config_home.iterdir()) == []  # nothing written
    assert isinstance(caught.value, PermissionError)  # callers catching OSError see it too


def test_a_symlinked_folder_is_used_without_touching_its_targets_mode(
    config_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "dotfiles-vtui"
    target.mkdir()
    os.chmod(target, 0o755)
    config_home.symlink_to(target, target_is_directory=True)
    save_profile("p", app_id="a", app_token="p-token-12345678")
    assert mode(target) == 0o755
    assert config_home.is_symlink()
    profile = resolve_profile()
    assert profile is not None and profile.app_token.get_secret_value() == "p-token-12345678"


def test_a_symlink_to_a_world_writable_folder_is_refused_and_left_alone(
    config_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "shared"
    target.mkdir()
    os.chmod(target, 0o777)
    config_home.symlink_to(target, target_is_directory=True)
    with pytest.raises(ConfigError, match="0777"):
        save_profile("p", app_id="a", app_token="p-token-12345678")
    assert mode(target) == 0o777
