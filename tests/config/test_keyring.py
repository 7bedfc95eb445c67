"""The OS keyring: used when available and chosen; its absence is no error."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from vtui.config import (
    KeyringUnavailableError,
    delete_profile,
    keyring_available,
    list_profiles,
    resolve_profile,
    save_profile,
)


def test_without_a_backend_the_file_store_is_used_and_nothing_fails(config_home: Path) -> None:
    assert not keyring_available()
    profile = save_profile("p", app_id="a", app_token="p-token-12345678")
    assert profile.credential_store == "file"
    assert "p-token-12345678" in (config_home / "credentials.toml").read_text()
    resolved = resolve_profile()
    assert resolved is not None and resolved.app_token_source == "file"
    assert delete_profile("p")


def test_without_the_keyring_package_the_file_store_is_used(
    config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)
    assert not keyring_available()
    save_profile("p", app_id="a", app_token="p-token-12345678")
    resolved = resolve_profile()
    assert resolved is not None and resolved.app_token_source == "file"
    assert delete_profile("p")


def test_choosing_the_keyring_without_a_backend_says_how_to_fix_it(config_home: Path) -> None:
    with pytest.raises(KeyringUnavailableError) as caught:
        save_profile("p", app_id="a", app_token="p-token-12345678", credential_store="keyring")
    assert "vtui[keyring]" in str(caught.value) and 'credential_store = "file"' in str(caught.value)
    assert not (config_home / "config.toml").exists()


def test_keyring_profile_on_a_machine_without_keyring_is_a_clear_error(
    config_home: Path,
) -> None:
    config_home.mkdir(mode=0o700)
    (config_home / "config.toml").write_text(
        '[profiles.p]\napp_id = "a"\ncredential_store = "keyring"\n'
    )
    with pytest.raises(KeyringUnavailableError, match="no OS keyring"):
        resolve_profile()
    (row,) = list_profiles()
    assert row.problem is not None and "no OS keyring" in row.problem


def test_with_a_backend_the_token_goes_to_the_keyring_not_the_file(
    config_home: Path, memory_keyring
) -> None:
    profile = save_profile("p", app_id="a", app_token="p-token-12345678")
    assert profile.credential_store == "keyring"
    assert list(memory_keyring.secrets.values()) == ["p-token-12345678"]
    assert not (config_home / "credentials.toml").exists()
    config = tomllib.loads((config_home / "config.toml").read_text())
    assert config["profiles"]["p"]["credential_store"] == "keyring"
    resolved = resolve_profile()
    assert resolved is not None
    assert resolved.app_token_source == "keyring"
    assert resolved.app_token.get_secret_value() == "p-token-12345678"


def test_keyring_entries_of_another_config_folder_do_not_collide(
    config_home: Path, memory_keyring
) -> None:
    save_profile("default", app_id="a", app_token="p-token-12345678")
    ((service, user),) = memory_keyring.secrets
    assert service == "vtui" and user == f"default ({config_home})"


def test_moving_a_token_between_stores_leaves_no_copy_behind(
    config_home: Path, memory_keyring
) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678", credential_store="file")
    save_profile("p", app_id="a", app_token="p-token-12345678", credential_store="keyring")
    assert "p-token" not in (config_home / "credentials.toml").read_text()
    save_profile("p", app_id="a", app_token="p-token-12345678", credential_store="file")
    assert memory_keyring.secrets == {}


def test_logout_removes_the_keyring_entry(memory_keyring) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    assert delete_profile("p")
    assert memory_keyring.secrets == {}


def test_a_keyring_profile_can_move_to_the_file_once_the_keyring_is_gone(
    config_home: Path,
) -> None:
    config_home.mkdir(mode=0o700)
    (config_home / "config.toml").write_text(
        '[profiles.p]\napp_id = "a"\ncredential_store = "keyring"\n'
    )
    save_profile("p", app_id="a", app_token="p-token-12345678", credential_store="file")
    resolved = resolve_profile()
    assert resolved is not None and resolved.app_token_source == "file"
