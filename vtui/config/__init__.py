"""Profiles, credentials and remembered UI state of vtui.

Never imports textual or httpx (the CLI starts fast and the TUI stays optional);
tomlkit and keyring are imported only when a file is written or the keyring is used.

    profile = resolve_profile(name=None, api_url=None)   # flags > environment > profile
    save_profile("prod", app_id=..., app_token=..., cluster="eu")
    delete_profile("prod")
    load_ui_state("prod") / save_ui_state("prod", {...})

Public names load lazily (PEP 562): `import vtui.config` costs nothing until a name is used,
so a process that only reads UI state does not pay for the profile models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vtui.lazy_names import lazy_names

if TYPE_CHECKING:
    from vtui.config.errors import (
        ConfigError,
        KeyringUnavailableError,
        MissingCredentialsError,
        ProfileNotFoundError,
        UnsafeCredentialsError,
    )
    from vtui.config.keyring_store import keyring_available
    from vtui.config.paths import config_dir, state_dir
    from vtui.config.profile import (
        BaseUrlSource,
        CredentialSource,
        CredentialStore,
        ResolvedProfile,
        StoredProfile,
        check_app_token,
        check_profile_name,
        mask_token,
    )
    from vtui.config.profiles import (
        ProfileListing,
        check_can_save,
        current_profile_name,
        delete_profile,
        list_profiles,
        profile_names,
        save_profile,
        set_active_profile,
    )
    from vtui.config.regions import CLUSTER_LABELS, CLUSTER_URLS, normalize_api_url, region_label
    from vtui.config.resolve import resolve_profile
    from vtui.config.ui_state import load_ui_state, save_ui_state, update_ui_state

_WHERE: dict[str, str] = {
    "ConfigError": "vtui.config.errors",
    "KeyringUnavailableError": "vtui.config.errors",
    "MissingCredentialsError": "vtui.config.errors",
    "ProfileNotFoundError": "vtui.config.errors",
    "UnsafeCredentialsError": "vtui.config.errors",
    "keyring_available": "vtui.config.keyring_store",
    "config_dir": "vtui.config.paths",
    "state_dir": "vtui.config.paths",
    "BaseUrlSource": "vtui.config.profile",
    "CredentialSource": "vtui.config.profile",
    "CredentialStore": "vtui.config.profile",
    "ResolvedProfile": "vtui.config.profile",
    "StoredProfile": "vtui.config.profile",
    "check_app_token": "vtui.config.profile",
    "check_profile_name": "vtui.config.profile",
    "mask_token": "vtui.config.profile",
    "ProfileListing": "vtui.config.profiles",
    "check_can_save": "vtui.config.profiles",
    "current_profile_name": "vtui.config.profiles",
    "delete_profile": "vtui.config.profiles",
    "list_profiles": "vtui.config.profiles",
    "profile_names": "vtui.config.profiles",
    "save_profile": "vtui.config.profiles",
    "set_active_profile": "vtui.config.profiles",
    "CLUSTER_LABELS": "vtui.config.regions",
    "CLUSTER_URLS": "vtui.config.regions",
    "normalize_api_url": "vtui.config.regions",
    "region_label": "vtui.config.regions",
    "resolve_profile": "vtui.config.resolve",
    "load_ui_state": "vtui.config.ui_state",
    "save_ui_state": "vtui.config.ui_state",
    "update_ui_state": "vtui.config.ui_state",
}

__all__ = [
    "CLUSTER_LABELS",
    "CLUSTER_URLS",
    "BaseUrlSource",
    "ConfigError",
    "CredentialSource",
    "CredentialStore",
    "KeyringUnavailableError",
    "MissingCredentialsError",
    "ProfileListing",
    "ProfileNotFoundError",
    "ResolvedProfile",
    "StoredProfile",
    "UnsafeCredentialsError",
    "check_app_token",
    "check_can_save",
    "check_profile_name",
    "config_dir",
    "current_profile_name",
    "delete_profile",
    "keyring_available",
    "list_profiles",
    "load_ui_state",
    "mask_token",
    "normalize_api_url",
    "profile_names",
    "region_label",
    "resolve_profile",
    "save_profile",
    "save_ui_state",
    "set_active_profile",
    "state_dir",
    "update_ui_state",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, __all__)
