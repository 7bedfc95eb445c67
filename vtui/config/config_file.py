"""config.toml: read with tomllib and validated, edited with tomlkit so comments survive.

The file holds no secrets; tokens live in credentials.toml or the OS keyring.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vtui.config.atomic import write_atomically
from vtui.config.errors import ConfigError
from vtui.config.list_columns import ColumnError, check_columns
from vtui.config.paths import CONFIG_FILE
from vtui.config.profile import StoredProfile, check_currency, check_profile_name
from vtui.config.regions import CLUSTER_URLS, normalize_api_url

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

_TOP_KEYS = ("active_profile", "profiles", "keys")  # [keys]: vtui.config.keys
_PROFILE_KEYS = (
    "cluster",
    "api_url",
    "app_id",
    "read_only",
    "credential_store",
    "currency",
    "list",
)
_LIST_KEYS = ("columns",)
_SECRET_KEYS = ("app_token", "token", "secret", "app_secret")


@dataclass(frozen=True)
class ConfigFile:
    """The validated content of config.toml (empty when the file does not exist)."""

    path: Path
    active_profile: str | None = None
    profiles: Mapping[str, StoredProfile] = field(default_factory=dict)


def load_config(folder: Path) -> ConfigFile:
    """Read and validate `folder`/config.toml; a missing file is an empty config."""
    path = folder / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ConfigFile(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read it ({exc})", path=path) from None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> ConfigFile:
    """Validate config.toml text; every error names the file, the key and the problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    _reject_unknown(raw, _TOP_KEYS, path, prefix="")
    raw_profiles = raw.get("profiles", {})
    if not isinstance(raw_profiles, dict):
        raise ConfigError("must be a table of [profiles.NAME] tables", path=path, key="profiles")
    profiles = {name: _parse_profile(name, value, path) for name, value in raw_profiles.items()}
    active = raw.get("active_profile")
    if active is not None:
        if not isinstance(active, str):
            raise ConfigError("must be a profile name (a string)", path=path, key="active_profile")
        if active not in profiles:
            known = ", ".join(profiles) or "none"
            raise ConfigError(
                f"names {active!r} but there is no [profiles.{active}] (profiles: {known})",
                path=path,
                key="active_profile",
            )
    return ConfigFile(path=path, active_profile=active, profiles=profiles)


def _parse_profile(name: str, raw: Any, path: Path) -> StoredProfile:
    table = f"[profiles.{name}]"
    try:
        check_profile_name(name)
    except ValueError as exc:
        raise ConfigError(str(exc), path=path, key=table) from None
    if not isinstance(raw, dict):
        raise ConfigError("must be a table", path=path, key=table)
    _reject_unknown(raw, _PROFILE_KEYS, path, prefix=f"{table} ")

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(problem, path=path, key=f"{table} {key}")

    cluster = raw.get("cluster")
    if cluster is not None and (not isinstance(cluster, str) or cluster not in CLUSTER_URLS):
        raise fail("cluster", f"must be one of {', '.join(CLUSTER_URLS)}, not {cluster!r}")
    api_url = raw.get("api_url")
    if api_url is not None:
        if cluster is not None:
            raise fail("api_url", "set either cluster or api_url, not both")
        if not isinstance(api_url, str):
            raise fail("api_url", "must be a URL string")
        try:
            api_url = normalize_api_url(api_url)
        except ValueError as exc:
            raise fail("api_url", str(exc)) from None
    app_id = raw.get("app_id")
    if app_id is not None and (not isinstance(app_id, str) or not app_id.strip()):
        raise fail("app_id", "must be a non-empty string")
    read_only = raw.get("read_only", False)
    if not isinstance(read_only, bool):
        raise fail("read_only", "must be true or false")
    store = raw.get("credential_store", "file")
    if store not in ("file", "keyring"):  # compared, never hashed: any TOML type is safe
        raise fail("credential_store", f'must be "file" or "keyring", not {store!r}')
    currency = raw.get("currency")
    if currency is not None:
        try:
            check_currency(currency)
        except ValueError as exc:
            raise fail("currency", str(exc)) from None
    columns, problem = _list_columns(raw.get("list"), path, f"[profiles.{name}.list]")
    return StoredProfile(
        name=name,
        cluster=cluster,
        api_url=api_url,
        app_id=app_id.strip() if app_id else None,
        read_only=read_only,
        credential_store=store,
        currency=currency,
        columns=columns,
        problems=(problem,) if problem else (),
    )


def _list_columns(raw: Any, path: Path, table: str) -> tuple[tuple[str, ...] | None, str | None]:
    """`[profiles.NAME.list] columns`: the ids, or None and one line saying what is wrong.
    A bad column list is not fatal (the list shows its default columns), unlike the keys
    vtui needs to connect."""
    if raw is None:
        return None, None
    if not isinstance(raw, dict):
        return None, f"{path}: {table}: must be a table; using the default columns"
    unknown = [key for key in raw if key not in _LIST_KEYS]
    if unknown:
        return None, (
            f"{path}: {table} {unknown[0]}: unknown key (known keys: {', '.join(_LIST_KEYS)}); "
            "using the default columns"
        )
    if "columns" not in raw:
        return None, None
    try:
        return tuple(check_columns(raw["columns"])), None
    except ColumnError as exc:
        return None, f"{path}: {table} columns: {exc}; using the default columns"


def _reject_unknown(raw: dict[str, Any], known: tuple[str, ...], path: Path, prefix: str) -> None:
    for key in raw:
        if key in _SECRET_KEYS:
            raise ConfigError(
                "secrets do not belong in config.toml; remove the key and run 'vtui login' "
                "to keep the token in credentials.toml or the OS keyring",
                path=path,
                key=f"{prefix}{key}",
            )
        if key not in known:
            raise ConfigError(
                f"unknown key (known keys: {', '.join(known)})", path=path, key=f"{prefix}{key}"
            )


def edit_config(folder: Path, edit: Callable[[TOMLDocument], None]) -> ConfigFile:
    """Apply `edit` to config.toml's document and write it back atomically.

    Comments and layout survive (tomlkit). The result is validated before it is written,
    so a failed edit leaves the file as it was. The file is read, edited and replaced
    under the config folder's lock (the one credentials.toml's writes take). A symlinked
    config.toml (dotfiles) is written through to its target rather than replaced by a
    plain file.
    """
    from vtui.config.lock import config_lock

    with config_lock(folder):
        return _edit_config(folder, edit)


def _edit_config(folder: Path, edit: Callable[[TOMLDocument], None]) -> ConfigFile:
    import tomlkit
    from tomlkit.exceptions import ParseError

    path = folder / CONFIG_FILE
    target = path.resolve() if path.is_symlink() else path
    try:
        text = target.read_text(encoding="utf-8")
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = "", 0o600
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read it ({exc})", path=path) from None
    try:
        doc = tomlkit.parse(text)
    except ParseError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    edit(doc)
    new_text = tomlkit.dumps(doc)
    config = parse_config(new_text, path)
    write_atomically(target, new_text.encode("utf-8"), mode=mode)
    return config
