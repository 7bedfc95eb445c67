"""Create, remove and list profiles: what `vtui login`, `vtui logout`, `vtui profiles`
and the TUI's login screen call."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vtui.api.secret import AppToken, SecretLike
from vtui.config.config_file import edit_config, load_config
from vtui.config.credentials_file import read_tokens
from vtui.config.errors import ConfigError, KeyringUnavailableError, ProfileNotFoundError
from vtui.config.lock import config_lock
from vtui.config.paths import config_dir
from vtui.config.profile import (
    CredentialSource,
    CredentialStore,
    ResolvedProfile,
    check_app_token,
    check_profile_name,
    mask_token,
)
from vtui.config.regions import cluster_url, normalize_api_url, region_label
from vtui.config.resolve import choose_profile_name, resolve_profile
from vtui.config.token_store import default_store, forget_token, load_token, save_token

if TYPE_CHECKING:
    from tomlkit import TOMLDocument


def save_profile(
    name: str,
    *,
    app_id: str,
    app_token: SecretLike | str,
    cluster: str | None = None,
    api_url: str | None = None,
    read_only: bool = False,
    credential_store: CredentialStore | None = None,
    activate: bool = True,
    env: Mapping[str, str] | None = None,
) -> ResolvedProfile:
    """Store a profile (config.toml) and its token (credentials.toml or the keyring).

    `api_url` wins over `cluster` ("eu", "us", "as"); neither means eu.
    `credential_store=None` picks the keyring where one works, else the file. Check the
    keys before calling this: it saves what it is given. Bad input raises ValueError
    and nothing is written; a failed config write puts the previous token back.
    """
    env = os.environ if env is None else env
    check_profile_name(name)
    app_id = app_id.strip()
    if not app_id:
        raise ValueError("the app id is empty")
    token = AppToken(check_app_token(AppToken.of(app_token).get_secret_value()))
    url = normalize_api_url(api_url) if api_url else cluster_url(cluster or "eu")
    store: CredentialStore = credential_store or default_store()

    folder = config_dir(env)
    with config_lock(folder):  # both files, read and written as one step
        currency = _save_locked(
            folder, name, app_id, token, url, api_url, cluster, read_only, store, activate
        )

    return ResolvedProfile(
        name=name,
        base_url=url,
        app_id=app_id,
        app_token=token,
        read_only=read_only,
        credential_store=store,
        app_id_source="file",
        app_token_source=store,
        base_url_source="file",
        currency=currency,
    )


def _save_locked(
    folder: Path,
    name: str,
    app_id: str,
    token: AppToken,
    url: str,
    api_url: str | None,
    cluster: str | None,
    read_only: bool,
    store: CredentialStore,
    activate: bool,
) -> str | None:
    """Write both files; returns the profile's currency as it was (kept by a new login)."""
    config = load_config(folder)  # a broken config stops us before anything is written
    previous = config.profiles.get(name)
    try:
        old_token = load_token(folder, name, previous.credential_store) if previous else None
    except KeyringUnavailableError:  # moving off a keyring that is gone: nothing to restore
        old_token = None

    def edit(doc: TOMLDocument) -> None:
        table = _profile_table(doc, name)
        for key in ("cluster", "api_url"):
            if key in table:
                del table[key]
        if api_url:
            table["api_url"] = url
        else:
            table["cluster"] = cluster or "eu"
        table["app_id"] = app_id
        table["read_only"] = read_only
        table["credential_store"] = store
        if activate:
            doc["active_profile"] = name

    save_token(folder, name, token, store)
    try:
        edit_config(folder, edit)
    except BaseException:
        if previous and old_token:
            save_token(folder, name, old_token, previous.credential_store)
        else:
            forget_token(folder, name)
        raise
    return previous.currency if previous else None


def check_can_save(*, env: Mapping[str, str] | None = None) -> None:
    """Raise the ConfigError that save_profile would, before anyone types a token:
    a broken config.toml, an unsafe credentials file, or a folder vtui cannot write."""
    from vtui.config.atomic import check_private_dir

    folder = config_dir(os.environ if env is None else env)
    load_config(folder)
    read_tokens(folder)
    check_private_dir(folder)


def _profile_table(doc: TOMLDocument, name: str) -> Any:
    import tomlkit

    profiles = doc.get("profiles")
    if profiles is None:
        profiles = tomlkit.table(is_super_table=True)
        doc["profiles"] = profiles
    if name not in profiles:
        profiles[name] = tomlkit.table()
    return profiles[name]


def delete_profile(name: str, *, env: Mapping[str, str] | None = None) -> bool:
    """Forget a profile and its token; False when there was no such profile.

    If it was the active profile, another one (if any) becomes active.
    """
    env = os.environ if env is None else env
    folder = config_dir(env)
    if name not in load_config(folder).profiles:
        return False
    with config_lock(folder):
        return _delete_locked(folder, name)


def _delete_locked(folder: Path, name: str) -> bool:
    config = load_config(folder)  # again, under the lock
    if name not in config.profiles:
        return False
    forget_token(folder, name)

    def edit(doc: TOMLDocument) -> None:
        del doc["profiles"][name]
        if doc.get("active_profile") == name:
            remaining = [other for other in config.profiles if other != name]
            if remaining:
                doc["active_profile"] = remaining[0]
            else:
                del doc["active_profile"]

    edit_config(folder, edit)
    return True


def profile_names(*, env: Mapping[str, str] | None = None) -> list[str]:
    """The stored profiles' names, in file order, without touching any token store."""
    return list(load_config(config_dir(os.environ if env is None else env)).profiles)


def current_profile_name(name: str | None = None, *, env: Mapping[str, str] | None = None) -> str:
    """The profile vtui would use: `name`, else VTUI_PROFILE, else the active one."""
    env = os.environ if env is None else env
    return choose_profile_name(load_config(config_dir(env)), name, env)[0]


def set_active_profile(name: str, *, env: Mapping[str, str] | None = None) -> None:
    """Make `name` the profile vtui uses when none is named (the TUI's profile switch)."""
    env = os.environ if env is None else env
    folder = config_dir(env)

    def edit(doc: TOMLDocument) -> None:
        if name not in doc.get("profiles", {}):
            raise ProfileNotFoundError(f"no profile named {name!r}", path=folder)
        doc["active_profile"] = name

    edit_config(folder, edit)


@dataclass(frozen=True)
class ProfileListing:
    """One row of `vtui profiles`: what the profile would run with, token masked."""

    name: str
    active: bool
    region: str
    base_url: str
    app_id: str | None
    app_id_source: CredentialSource | None
    masked_token: str
    app_token_source: CredentialSource | None
    read_only: bool
    problem: str | None = None


def list_profiles(
    *, name: str | None = None, env: Mapping[str, str] | None = None
) -> list[ProfileListing]:
    """Every stored profile as it resolves now (environment overrides included).

    A profile whose token cannot be read is listed with the problem instead of failing
    the whole listing. When the environment alone supplies credentials and no profile is
    stored, that appears as one row too.
    """
    env = os.environ if env is None else env
    config = load_config(config_dir(env))
    active, _ = choose_profile_name(config, name, env)
    names = list(config.profiles) or [active]
    rows = []
    for profile_name in names:
        try:
            resolved = resolve_profile(profile_name if config.profiles else None, env=env)
        except ConfigError as exc:
            stored = config.profiles.get(profile_name)
            if stored is None:
                raise
            rows.append(
                ProfileListing(
                    name=profile_name,
                    active=profile_name == active,
                    region=region_label(stored.base_url),
                    base_url=stored.base_url,
                    app_id=stored.app_id,
                    app_id_source="file" if stored.app_id else None,
                    masked_token=mask_token(None),
                    app_token_source=None,
                    read_only=stored.read_only,
                    problem=str(exc),
                )
            )
            continue
        if resolved is None:
            continue
        rows.append(
            ProfileListing(
                name=resolved.name,
                active=resolved.name == active,
                region=resolved.region,
                base_url=resolved.base_url,
                app_id=resolved.app_id,
                app_id_source=resolved.app_id_source,
                masked_token=resolved.masked_token,
                app_token_source=resolved.app_token_source,
                read_only=resolved.read_only,
            )
        )
    return rows
