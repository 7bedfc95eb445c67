"""Profiles: what config.toml stores, and what vtui runs with once overrides apply."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vtui.api.secret import AppToken, SecretLike
from vtui.config.regions import CLUSTER_URLS, DEFAULT_CLUSTER, region_label

CredentialStore = Literal["file", "keyring"]
"""Where a profile's app token is kept: credentials.toml or the OS keyring."""

CredentialSource = Literal["flag", "env", "keyring", "file"]
"""Where a resolved value came from. "file" is config.toml for the app id and the base
URL, credentials.toml for the app token."""

BaseUrlSource = Literal["flag", "env", "file", "default"]

_PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_CURRENCY = re.compile(r"[A-Z]{3}")


def check_profile_name(name: str) -> str:
    """Profile names are short identifiers, so they are safe as TOML keys and file names."""
    if not _PROFILE_NAME.fullmatch(name):
        raise ValueError(
            f"invalid profile name {name!r}: use letters, digits, '.', '_' or '-' "
            "(up to 64, starting with a letter or digit)"
        )
    return name


def check_app_token(token: str) -> str:
    """The token without surrounding whitespace; ValueError (never quoting it) when it is
    empty or holds a space or a control character, which no Voucherify token does."""
    secret = token.strip()
    if not secret:
        raise ValueError("the App Token is empty")
    if any(ch.isspace() or not ch.isprintable() for ch in secret):
        raise ValueError(
            "the App Token contains a space or a control character; copy it again from "
            "the dashboard (Project Settings > Application Keys)"
        )
    return secret


def check_currency(code: object) -> str:
    """An ISO 4217 code as config.toml must spell it: three capital letters."""
    if not isinstance(code, str) or not _CURRENCY.fullmatch(code):
        raise ValueError(
            f'must be a three-letter ISO 4217 code in capitals, such as "EUR" or "PLN", '
            f"not {code!r}"
        )
    return code


def mask_token(token: SecretLike | str | None) -> str:
    """`****abcd`: enough to tell tokens apart, never enough to use one.

    Short tokens are fully masked since four characters would be most of them.
    """
    if token is None:
        return "-"
    value = token if isinstance(token, str) else token.get_secret_value()
    return f"****{value[-4:]}" if len(value) >= 12 else "****"


@dataclass(frozen=True)
class StoredProfile:
    """One `[profiles.NAME]` table of config.toml (no secrets live there)."""

    name: str
    cluster: str | None = None
    api_url: str | None = None
    app_id: str | None = None
    read_only: bool = False
    credential_store: CredentialStore = "file"
    currency: str | None = None
    columns: tuple[str, ...] | None = None
    """`[profiles.NAME.list] columns`: the list's column ids (None: the defaults)."""
    problems: tuple[str, ...] = ()
    """Lines about settings that were wrong and left at their defaults (never fatal)."""

    @property
    def base_url(self) -> str:
        if self.api_url:
            return self.api_url
        return CLUSTER_URLS[self.cluster or DEFAULT_CLUSTER]


@dataclass(frozen=True)
class ResolvedProfile:
    """The profile vtui runs with: config.toml, then environment, then flags applied.

    The TUI shows `region` and the `*_source` fields so the user sees where the keys came
    from. `stored` is False when the environment alone supplied the credentials.
    """

    name: str
    base_url: str
    app_id: str
    app_token: AppToken
    read_only: bool = False
    credential_store: CredentialStore = "file"
    app_id_source: CredentialSource = "file"
    app_token_source: CredentialSource = "file"
    base_url_source: BaseUrlSource = "file"
    stored: bool = True
    currency: str | None = None
    """The project's currency (ISO 4217, e.g. "PLN"); None: amounts show with no unit."""
    columns: tuple[str, ...] | None = None
    """The list's columns from config.toml (None: the defaults)."""
    problems: tuple[str, ...] = ()
    """config.toml settings that were wrong and are left at their defaults, one line each
    (file and key named): the TUI shows them at start."""

    @property
    def region(self) -> str:
        """EU, US, Asia, or the host of a custom URL."""
        return region_label(self.base_url)

    @property
    def masked_token(self) -> str:
        return mask_token(self.app_token)
