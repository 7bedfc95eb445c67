"""The OS keyring as the store of app tokens (optional: `pip install 'vtui[keyring]'`).

`keyring` is imported only when a profile uses it. A machine without the package or
without a real backend (keyring's "fail" and "null" backends) simply has no keyring.
"""

from __future__ import annotations

from pathlib import Path

from vtui.api.secret import AppToken, SecretLike
from vtui.config.errors import KeyringUnavailableError

SERVICE = "vtui"


def keyring_available() -> bool:
    """True when `keyring` is installed and has a backend that really stores secrets."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and float(backend.priority) > 0
    except Exception:  # a broken backend is no backend
        return False


def keyring_user(folder: Path, profile: str, *, default_folder: Path) -> str:
    """The keyring entry's user name: the profile, plus the config folder when it is not
    the default one, so two config folders never share (or clobber) a token."""
    return profile if folder == default_folder else f"{profile} ({folder})"


def get_token(user: str) -> AppToken | None:
    _require()
    import keyring
    from keyring.errors import KeyringError

    try:
        value = keyring.get_password(SERVICE, user)
    except KeyringError as exc:
        raise KeyringUnavailableError(f"the OS keyring failed: {type(exc).__name__}") from None
    return AppToken(value) if value else None


def set_token(user: str, token: SecretLike) -> None:
    _require()
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, user, token.get_secret_value())
    except KeyringError as exc:
        raise KeyringUnavailableError(
            f"the OS keyring refused the token: {type(exc).__name__}"
        ) from None


def delete_token(user: str) -> None:
    """Remove the entry if there is one; no keyring means nothing to remove."""
    if not keyring_available():
        return
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, user)
    except PasswordDeleteError:
        pass
    except KeyringError as exc:
        raise KeyringUnavailableError(f"the OS keyring failed: {type(exc).__name__}") from None


def _require() -> None:
    if not keyring_available():
        raise KeyringUnavailableError(
            "no OS keyring is available (install it with: pip install 'vtui[keyring]', on a "
            'desktop session), or use credential_store = "file"'
        )
