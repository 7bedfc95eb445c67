"""Profiles, credentials and remembered UI state of vtui.

Never imports textual or httpx (the CLI starts fast and the TUI stays optional).
"""

from vtui.config.errors import (
    ConfigError,
    KeyringUnavailableError,
    MissingCredentialsError,
    ProfileNotFoundError,
    UnsafeCredentialsError,
)
from vtui.config.paths import config_dir, state_dir
from vtui.config.profile import (
    BaseUrlSource,
    CredentialSource,
    CredentialStore,
    ResolvedProfile,
    StoredProfile,
    mask_token,
)
from vtui.config.regions import CLUSTER_URLS, region_label

__all__ = [
    "CLUSTER_URLS",
    "BaseUrlSource",
    "ConfigError",
    "CredentialSource",
    "CredentialStore",
    "KeyringUnavailableError",
    "MissingCredentialsError",
    "ProfileNotFoundError",
    "ResolvedProfile",
    "StoredProfile",
    "UnsafeCredentialsError",
    "config_dir",
    "mask_token",
    "region_label",
    "state_dir",
]
