"""Saved profiles as the TUI sees them: list, connect, and log in (check keys, then save).

The bridge to vtui.config and vtui.api lives here so screens stay free of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from vtui.tui.session import Connector, Progress, Session

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx
    from pydantic import SecretStr

    from vtui.api import VoucherifyClient
    from vtui.config import ResolvedProfile


@dataclass(frozen=True)
class LoginRequest:
    """What the welcome screen collected; `api_url` wins over `cluster` when set."""

    name: str
    cluster: str | None
    api_url: str | None
    app_id: str
    app_token: SecretStr

    def __repr__(self) -> str:
        return (
            f"LoginRequest(name={self.name!r}, cluster={self.cluster!r}, api_url={self.api_url!r})"
        )


class ProfileDirectory(Protocol):
    def names(self) -> list[str]: ...

    def connector(self, name: str) -> Connector: ...

    async def log_in(self, request: LoginRequest) -> Session: ...


class ConfigUiState:
    """UI state of one profile, kept by vtui.config in its state folder."""

    def __init__(self, profile: str) -> None:
        self.profile = profile

    def load(self) -> dict[str, Any]:
        from vtui.config import load_ui_state

        try:
            state = load_ui_state(self.profile)
        except Exception:  # a damaged state file must never stop the app
            return {}
        return dict(state) if isinstance(state, dict) else {}

    def save(self, state: dict[str, Any]) -> None:
        from vtui.config import save_ui_state

        try:
            save_ui_state(self.profile, state)
        except Exception:  # remembering filters is a nicety; never crash on it
            return

    def update(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Load, change and save under the state file's lock, so two vtui on this profile
        both keep what they saved (a view saved in one is not dropped by the other)."""
        from vtui.config import update_ui_state

        def changed(state: dict[str, Any]) -> dict[str, Any]:
            return change(dict(state) if isinstance(state, dict) else {})

        try:
            update_ui_state(self.profile, changed)
        except Exception:  # remembering is a nicety; never crash on it
            return


def session_for(
    profile: ResolvedProfile,
    *,
    read_only: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Session:
    """A session on a resolved profile; `transport` is for tests (None: the network)."""
    from vtui.api import VoucherifyClient

    client = VoucherifyClient(
        profile.app_id, profile.app_token, profile.base_url, transport=transport
    )
    return Session(
        client=client,
        profile=profile.name,
        region=profile.region,
        read_only=read_only or profile.read_only,
        ui_state=ConfigUiState(profile.name),
        close=client.aclose,
        currency=profile.currency,
        base_url=profile.base_url,
        app_id=profile.app_id,
        key_source=_key_source(profile),
        columns=profile.columns,
    )


def _key_source(profile: ResolvedProfile) -> str:
    """Where the keys came from, for a person: the environment if either key did."""
    sources = {profile.app_id_source, profile.app_token_source}
    return next((s for s in ("env", "flag") if s in sources), profile.app_token_source)


def connector_for(profile: ResolvedProfile, *, read_only: bool = False) -> Connector:
    async def connect(progress: Progress) -> Session:
        return session_for(profile, read_only=read_only)

    return connect


class LoginFailed(ValueError):
    """The keys were not accepted or the host could not be reached; nothing was saved."""


CHECK_TIMEOUT = 15.0


async def check_keys(client: VoucherifyClient, base_url: str) -> None:
    """One cheap call; raises LoginFailed with a message for people."""
    from vtui.api.key_check import keys_problem

    problem = await keys_problem(client, base_url, CHECK_TIMEOUT)
    if problem is not None:
        raise LoginFailed(f"{problem[0].upper()}{problem[1:]} Nothing was saved.")


class ConfigProfiles:
    """The profiles in vtui.config's files."""

    def __init__(
        self, *, read_only: bool = False, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.read_only = read_only
        self.transport = transport

    def names(self) -> list[str]:
        from vtui.config import ConfigError
        from vtui.config.profiles import list_profiles

        try:
            return [row.name for row in list_profiles()]
        except ConfigError:
            return []

    def connector(self, name: str) -> Connector:
        read_only, transport = self.read_only, self.transport

        async def connect(progress: Progress) -> Session:
            from vtui.config import ConfigError
            from vtui.config.resolve import resolve_profile

            try:
                profile = resolve_profile(name)
            except ConfigError as error:
                raise LoginFailed(str(error)) from None
            if profile is None:
                raise LoginFailed(f"No profile named {name}.")
            return session_for(profile, read_only=read_only, transport=transport)

        return connect

    async def log_in(self, request: LoginRequest) -> Session:
        from vtui.api import VoucherifyClient
        from vtui.config.profiles import save_profile
        from vtui.config.regions import cluster_url, normalize_api_url

        try:
            base_url = (
                normalize_api_url(request.api_url)
                if request.api_url
                else cluster_url(request.cluster or "eu")
            )
        except ValueError as error:
            raise LoginFailed(str(error)) from None
        client = VoucherifyClient(
            request.app_id, request.app_token, base_url, transport=self.transport
        )
        try:
            await check_keys(client, base_url)
        finally:
            await client.aclose()
        try:
            profile = save_profile(
                request.name,
                app_id=request.app_id,
                app_token=request.app_token,
                cluster=request.cluster,
                api_url=request.api_url,
            )
        except ValueError as error:
            raise LoginFailed(str(error)) from None
        return session_for(profile, read_only=self.read_only, transport=self.transport)
