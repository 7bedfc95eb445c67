"""What a running app is connected to: one client, one profile, and where its UI state lives.

The app never knows whether the client talks to Voucherify or to the in-process sandbox: the
demo and the real start-up both hand it a `Session` through a `Connector`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from vtui.api import VoucherifyClient

Progress = Callable[[int, int], None]
"""Called with (done, total) while a connector prepares (the demo seeds its data)."""

Connector = Callable[[Progress], Awaitable["Session"]]
"""Opens a session; may take a while (seeding), reporting through the progress callback."""


class UiStateStore(Protocol):
    """Remembers the list's filters and sort per profile between runs."""

    def load(self) -> dict[str, Any]: ...

    def save(self, state: dict[str, Any]) -> None: ...

    def update(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Load, `change` and save as one step that another vtui cannot interleave with."""
        ...


class MemoryUiState:
    """A store that forgets on exit (tests, and profiles with nowhere to write)."""

    def __init__(self, state: dict[str, Any] | None = None) -> None:
        self.state: dict[str, Any] = dict(state or {})

    def load(self) -> dict[str, Any]:
        return dict(self.state)

    def save(self, state: dict[str, Any]) -> None:
        self.state = dict(state)

    def update(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        self.save(change(self.load()))


async def _nothing() -> None:
    return None


@dataclass
class Session:
    """A connected profile: the client plus what the status bar and read-only mode need."""

    client: VoucherifyClient
    profile: str
    region: str
    read_only: bool = False
    ui_state: UiStateStore = field(default_factory=MemoryUiState)
    currency: str | None = None
    """The project's currency (ISO 4217) that amounts are shown in; None: no unit."""
    close: Callable[[], Awaitable[None]] = _nothing
    base_url: str | None = None
    """The API URL the client talks to (None: not a Voucherify profile, e.g. the demo)."""
    app_id: str | None = None
    key_source: str | None = None
    """Where the keys came from: "env", "flag", "file" or "keyring" (None: not known)."""
    columns: tuple[str, ...] | None = None
    """The list's columns from the profile's config (None: the defaults)."""

    def __repr__(self) -> str:
        # The client holds the app token; keep reprs of sessions to the harmless parts.
        return (
            f"Session(profile={self.profile!r}, region={self.region!r}, read_only={self.read_only})"
        )
