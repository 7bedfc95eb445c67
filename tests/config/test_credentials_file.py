"""credentials.toml: private modes, refusal of unsafe files, atomic and interrupted writes."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from vtui.config import (
    ConfigError,
    UnsafeCredentialsError,
    atomic,
    config_file,
    delete_profile,
    resolve_profile,
    save_profile,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_login_writes_a_0600_file_in_a_0700_folder(config_home: Path) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    assert mode(config_home) == 0o700
    assert mode(config_home / "credentials.toml") == 0o600
    assert "p-token-12345678" not in (config_home / "config.toml").read_text()


@pytest.mark.parametrize("loose", [0o644, 0o640, 0o604, 0o660])
def test_group_or_world_readable_credentials_are_refused_with_the_fix(
    config_home: Path, loose: int
) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    creds = config_home / "credentials.toml"
    os.chmod(creds, loose)
    with pytest.raises(UnsafeCredentialsError) as caught:
        resolve_profile()
    assert f"chmod 600 {creds}" in str(caught.value)
    assert f"{loose:04o}" in str(caught.value)
    os.chmod(creds, 0o600)
    profile = resolve_profile()
    assert profile is not None and profile.app_token.get_secret_value() == "p-token-12345678"


def test_unsafe_credentials_are_not_rewritten_either(config_home: Path) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    creds = config_home / "credentials.toml"
    os.chmod(creds, 0o644)
    before = creds.read_bytes(), (config_home / "config.toml").read_bytes()
    with pytest.raises(UnsafeCredentialsError):
        save_profile("q", app_id="b", app_token="q-token-12345678")
    assert (creds.read_bytes(), (config_home / "config.toml").read_bytes()) == before
    assert mode(creds) == 0o644


def test_symlinked_credentials_are_refused(config_home: Path, tmp_path: Path) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    creds = config_home / "credentials.toml"
    elsewhere = tmp_path / "elsewhere.toml"
    os.replace(creds, elsewhere)
    creds.symlink_to(elsewhere)
    with pytest.raises(UnsafeCredentialsError, match="symlink") as caught:
        resolve_profile()
    assert "regular file" in str(caught.value)
    with pytest.raises(UnsafeCredentialsError, match="symlink"):
        save_profile("p", app_id="a", app_token="p-token-87654321")
    assert creds.is_symlink()
    assert "p-token-12345678" in elsewhere.read_text()


def test_a_dangling_symlink_is_refused_too(config_home: Path, tmp_path: Path) -> None:
    config_home.mkdir(mode=0o700)
    (config_home / "credentials.toml").symlink_to(tmp_path / "nowhere")
    with pytest.raises(UnsafeCredentialsError, match="symlink"):
        save_profile("p", app_id="a", app_token="p-token-12345678")


def test_saving_one_profile_keeps_the_others_tokens() -> None:
    save_profile("a", app_id="a", app_token="a-token-12345678")
    save_profile("b", app_id="b", app_token="b-token-12345678")
    save_profile("a", app_id="a", app_token="a-token-changed00")
    a, b = resolve_profile("a"), resolve_profile("b")
    assert a is not None and a.app_token.get_secret_value() == "a-token-changed00"
    assert b is not None and b.app_token.get_secret_value() == "b-token-12345678"


def test_logout_removes_the_token_from_the_file(config_home: Path) -> None:
    save_profile("a", app_id="a", app_token="a-token-12345678")
    save_profile("b", app_id="b", app_token="b-token-12345678")
    delete_profile("a")
    text = (config_home / "credentials.toml").read_text()
    assert "a-token-12345678" not in text and "b-token-12345678" in text


def test_malformed_credentials_file_error_does_not_show_its_content(config_home: Path) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    creds = config_home / "credentials.toml"
    creds.write_text('[profiles.p]\napp_token = "p-token-12345678\n')
    with pytest.raises(ConfigError, match="not valid TOML") as caught:
        resolve_profile()
    assert "p-token" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_write_failing_midway_leaves_the_old_file_whole(
    config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_profile("p", app_id="a", app_token="old-token-12345678")
    creds = config_home / "credentials.toml"
    before = creds.read_bytes()
    real_write = os.write

    def write_half_then_fail(fd: int, data: bytes) -> int:
        if len(data) > 8:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", write_half_then_fail)
    with pytest.raises(OSError, match="No space left"):
        save_profile("p", app_id="a", app_token="new-token-12345678")
    monkeypatch.undo()
    assert creds.read_bytes() == before
    names = sorted(p.name for p in config_home.iterdir() if p.name != ".vtui.lock")
    assert names == ["config.toml", "credentials.toml"]  # no temp file left


def test_a_killed_writer_leaves_the_old_file_whole(config_home: Path) -> None:
    """The process dies after the temp file is written and before the rename."""
    save_profile("p", app_id="a", app_token="old-token-12345678")
    creds = config_home / "credentials.toml"
    before = creds.read_bytes()
    script = textwrap.dedent(
        """
        import os, signal
        from vtui.config import atomic, save_profile
        atomic.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        save_profile("p", app_id="a", app_token="new-token-12345678")
        """
    )
    child = subprocess.run([sys.executable, "-c", script], env=os.environ.copy(), timeout=60)
    assert child.returncode == -9
    assert creds.read_bytes() == before
    leftovers = [p for p in config_home.iterdir() if p.name.endswith(".tmp")]
    assert leftovers and all(mode(p) == 0o600 for p in leftovers)


def test_config_write_failure_puts_the_previous_token_back(
    config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_profile("p", app_id="a", app_token="old-token-12345678")
    creds = config_home / "credentials.toml"
    before = tomllib.loads(creds.read_text())

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(config_file, "write_atomically", refuse)
    with pytest.raises(OSError, match="Read-only"):
        save_profile("p", app_id="a", app_token="new-token-12345678")
    with pytest.raises(OSError, match="Read-only"):
        save_profile("fresh", app_id="f", app_token="fresh-token-1234567")
    monkeypatch.undo()
    assert tomllib.loads(creds.read_text()) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_credentials_owned_by_another_user_are_refused(config_home: Path) -> None:
    save_profile("p", app_id="a", app_token="p-token-12345678")
    creds = config_home / "credentials.toml"
    os.chown(creds, 65534, -1)
    with pytest.raises(UnsafeCredentialsError, match="owned by another user") as caught:
        resolve_profile()
    assert "chown" in str(caught.value)
