"""Pick the profile vtui runs with and apply overrides: flags > environment > profile."""

from __future__ import annotations

import os
from collections.abc import Mapping

from vtui.api.secret import AppToken
from vtui.config.config_file import ConfigFile, load_config
from vtui.config.errors import ConfigError, MissingCredentialsError, ProfileNotFoundError
from vtui.config.paths import config_dir
from vtui.config.profile import (
    BaseUrlSource,
    CredentialSource,
    ResolvedProfile,
    check_app_token,
)
from vtui.config.regions import CLUSTER_URLS, DEFAULT_CLUSTER, normalize_api_url
from vtui.config.token_store import load_token

ENV_APP_ID = "VOUCHERIFY_APP_ID"
ENV_APP_TOKEN = "VOUCHERIFY_APP_TOKEN"
ENV_API_URL = "VOUCHERIFY_API_BASE_URL"
ENV_PROFILE = "VTUI_PROFILE"
DEFAULT_PROFILE = "default"


def _env_value(env: Mapping[str, str], key: str) -> str | None:
    value = env.get(key, "").strip()
    return value or None


def choose_profile_name(
    config: ConfigFile, name: str | None, env: Mapping[str, str]
) -> tuple[str, bool]:
    """The profile to use and whether it was asked for by name (flag or VTUI_PROFILE)."""
    explicit = name or _env_value(env, ENV_PROFILE)
    if explicit:
        return explicit, True
    if config.active_profile:
        return config.active_profile, False
    if len(config.profiles) == 1:
        return next(iter(config.profiles)), False
    return DEFAULT_PROFILE, False


def resolve_profile(
    name: str | None = None,
    *,
    api_url: str | None = None,
    env: Mapping[str, str] | None = None,
) -> ResolvedProfile | None:
    """The profile to run with, or None when nothing is configured (first run).

    `name` and `api_url` are the --profile and --api-url flags. Raises ConfigError (with
    the file, key and fix) for a broken config, an unknown profile asked for by name, or
    credentials that are half there.
    """
    env = os.environ if env is None else env
    folder = config_dir(env)
    config = load_config(folder)
    chosen, explicit = choose_profile_name(config, name, env)
    stored = config.profiles.get(chosen)
    env_id = _env_value(env, ENV_APP_ID)
    env_token = _env_value(env, ENV_APP_TOKEN)
    if stored is None:
        if explicit:
            known = ", ".join(config.profiles) or "none yet"
            raise ProfileNotFoundError(
                f"no profile named {chosen!r} (profiles: {known}); "
                f'create it with "vtui login --profile {chosen}"',
                path=config.path,
            )
        if not (env_id or env_token):
            return None

    base_url, url_source = _base_url(api_url, env, stored.base_url if stored else None)

    app_id_source: CredentialSource = "env"
    app_id = env_id
    if app_id is None and stored is not None and stored.app_id:
        app_id, app_id_source = stored.app_id, "file"
    if app_id is None:
        raise MissingCredentialsError(
            f"profile {chosen!r} has no app_id: set {ENV_APP_ID} or run "
            f'"vtui login --profile {chosen}"',
            path=config.path,
        )

    token_source: CredentialSource = "env"
    token = None
    if env_token:
        try:
            token = AppToken(check_app_token(env_token))
        except ValueError as exc:
            raise ConfigError(str(exc), key=ENV_APP_TOKEN) from None
    if token is None and stored is not None:
        token_source = stored.credential_store
        token = load_token(folder, chosen, stored.credential_store)
    if token is None:
        where = "the OS keyring" if token_source == "keyring" else "credentials.toml"
        raise MissingCredentialsError(
            f"profile {chosen!r} has no app token in {where}: set {ENV_APP_TOKEN} or run "
            f'"vtui login --profile {chosen}"',
            path=folder,
        )

    return ResolvedProfile(
        name=chosen,
        base_url=base_url,
        app_id=app_id,
        app_token=token,
        read_only=stored.read_only if stored else False,
        credential_store=stored.credential_store if stored else "file",
        app_id_source=app_id_source,
        app_token_source=token_source,
        base_url_source=url_source,
        stored=stored is not None,
        currency=stored.currency if stored else None,
        columns=stored.columns if stored else None,
        problems=stored.problems if stored else (),
    )


def _base_url(
    flag: str | None, env: Mapping[str, str], stored: str | None
) -> tuple[str, BaseUrlSource]:
    candidates: tuple[tuple[str | None, BaseUrlSource, str], ...] = (
        (flag, "flag", "--api-url"),
        (_env_value(env, ENV_API_URL), "env", ENV_API_URL),
    )
    for value, source, key in candidates:
        if value:
            try:
                return normalize_api_url(value), source
            except ValueError as exc:
                raise ConfigError(str(exc), key=key) from None
    if stored:
        return stored, "file"
    return CLUSTER_URLS[DEFAULT_CLUSTER], "default"
