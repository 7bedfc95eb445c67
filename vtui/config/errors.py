"""Errors of vtui.config: each says which file and key is wrong and how to fix it.

Messages never contain a secret value, only where it lives.
"""

from __future__ import annotations

from pathlib import Path


class ConfigError(Exception):
    """A config, credentials or state file (or an override) that vtui cannot use."""

    def __init__(self, problem: str, *, path: Path | None = None, key: str | None = None) -> None:
        self.problem = problem
        self.path = path
        self.key = key
        where = ": ".join(str(part) for part in (path, key) if part)
        super().__init__(f"{where}: {problem}" if where else problem)


class UnsafeCredentialsError(ConfigError):
    """The credentials file could be read or swapped by someone else: refused."""


class ProfileNotFoundError(ConfigError):
    """A profile was asked for by name and config.toml has none by that name."""


class MissingCredentialsError(ConfigError):
    """A profile (or the environment) lacks an app id or an app token."""


class KeyringUnavailableError(ConfigError):
    """The OS keyring was chosen but no usable backend is installed."""


class UnsafeFolderError(ConfigError, PermissionError):
    """A folder vtui will not use as it is (others can write to it, or you cannot): the
    message says how to fix it. Also a PermissionError, for callers that catch OSError."""
