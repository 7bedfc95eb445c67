"""credentials.toml: app tokens by profile, 0600 in a 0700 folder, written atomically.

A credentials file that others could read (group/world bits), that another user owns, or
that is a symlink (someone could point it elsewhere) is refused, with the fix in the
message, for reading and writing alike.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path

from vtui.api.secret import AppToken, SecretLike
from vtui.config.atomic import ensure_private_dir, write_atomically
from vtui.config.errors import ConfigError, UnsafeCredentialsError
from vtui.config.paths import CREDENTIALS_FILE

_HEADER = (
    "# vtui credentials: app tokens by profile. Keep this file private (chmod 600).\n"
    "# Written by 'vtui login'; see config.example.toml.\n"
)


def credentials_path(folder: Path) -> Path:
    return folder / CREDENTIALS_FILE


def read_tokens(folder: Path) -> dict[str, AppToken]:
    """The stored app token of each profile; {} when there is no credentials file."""
    path = credentials_path(folder)
    data = _read_private(path)
    if data is None:
        return {}
    return _parse(data, path)


def store_token(folder: Path, profile: str, token: SecretLike | None) -> None:
    """Set (or with None, remove) one profile's token, keeping the others.

    Read, changed and written under the config folder's lock, so parallel logins keep
    each other's tokens.
    """
    from vtui.config.lock import config_lock

    if token is None and not os.path.lexists(credentials_path(folder)):
        return  # nothing to remove (and no folder to create for it)
    with config_lock(folder):
        _store_token(folder, profile, token)


def _store_token(folder: Path, profile: str, token: SecretLike | None) -> None:
    import tomlkit

    path = credentials_path(folder)
    data = _read_private(path)
    if data is None:
        if token is None:
            return
        text = _HEADER
    else:
        _parse(data, path)
        text = data.decode("utf-8")
    doc = tomlkit.parse(text)
    profiles = doc.get("profiles")
    if profiles is None:
        if token is None:
            return
        profiles = tomlkit.table(is_super_table=True)
        doc["profiles"] = profiles
    if token is None:
        if profile not in profiles:
            return
        del profiles[profile]
    else:
        entry = tomlkit.table()
        entry["app_token"] = token.get_secret_value()
        profiles[profile] = entry
    ensure_private_dir(folder)
    write_atomically(path, tomlkit.dumps(doc).encode("utf-8"), mode=0o600)


def _read_private(path: Path) -> bytes | None:
    """Read the file through one descriptor, checked before a byte is read.

    O_NOFOLLOW makes the symlink check race-free where the OS has it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        if path.is_symlink():
            raise OSError(errno.ELOOP, "symlink")
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeCredentialsError(
                "is a symlink, which vtui refuses (it could point anywhere); replace it with "
                f"a regular file: rm {path} && vtui login",
                path=path,
            ) from None
        raise ConfigError(f"cannot read it ({exc.strerror})", path=path) from None
    try:
        _check_private(os.fstat(fd), path)
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _check_private(info: os.stat_result, path: Path) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeCredentialsError("is not a regular file", path=path)
    if os.name == "nt":  # POSIX modes mean little there; the user profile's ACLs guard it
        return
    if info.st_uid != os.getuid():
        raise UnsafeCredentialsError(
            f"is owned by another user (uid {info.st_uid}); only your own file is "
            f"trusted: chown $(id -u) {path} && chmod 600 {path}",
            path=path,
        )
    if info.st_mode & 0o077:
        raise UnsafeCredentialsError(
            f"is readable or writable by others (mode {stat.S_IMODE(info.st_mode):04o}); "
            f"make it private with: chmod 600 {path}",
            path=path,
        )


def _parse(data: bytes, path: Path) -> dict[str, AppToken]:
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        # The decoder's message names a line and column, never the content.
        raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    profiles = raw.get("profiles", {})
    unknown = [key for key in raw if key != "profiles"]
    if unknown or not isinstance(profiles, dict):
        raise ConfigError("must hold only [profiles.NAME] tables", path=path)
    tokens: dict[str, AppToken] = {}
    for name, entry in profiles.items():
        token = entry.get("app_token") if isinstance(entry, dict) else None
        if not isinstance(token, str) or not token:
            raise ConfigError(
                "must have app_token, a non-empty string", path=path, key=f"[profiles.{name}]"
            )
        tokens[name] = AppToken(token)
    return tokens
