"""Where a profile's app token lives: credentials.toml or the OS keyring, by its choice."""

from __future__ import annotations

from pathlib import Path

from vtui.api.secret import AppToken, SecretLike
from vtui.config import credentials_file, keyring_store
from vtui.config.paths import default_config_dir
from vtui.config.profile import CredentialStore


def _keyring_user(folder: Path, profile: str) -> str:
    return keyring_store.keyring_user(folder, profile, default_folder=default_config_dir())


def load_token(folder: Path, profile: str, store: CredentialStore) -> AppToken | None:
    if store == "keyring":
        return keyring_store.get_token(_keyring_user(folder, profile))
    return credentials_file.read_tokens(folder).get(profile)


def save_token(folder: Path, profile: str, token: SecretLike, store: CredentialStore) -> None:
    """Store the token in `store` and drop any copy left in the other store."""
    if store == "keyring":
        keyring_store.set_token(_keyring_user(folder, profile), token)
        credentials_file.store_token(folder, profile, None)
    else:
        credentials_file.store_token(folder, profile, token)
        keyring_store.delete_token(_keyring_user(folder, profile))


def forget_token(folder: Path, profile: str) -> None:
    """Remove the token from both stores (logout, or a rolled-back login)."""
    credentials_file.store_token(folder, profile, None)
    keyring_store.delete_token(_keyring_user(folder, profile))


def default_store() -> CredentialStore:
    """The keyring where one really works, else the file."""
    return "keyring" if keyring_store.keyring_available() else "file"
