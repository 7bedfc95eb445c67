"""What every screen shares, and the one typed way to reach it: `context(self)`.

The app owns one `AppContext` (the session, the clock, read-only mode, the jobs of this run,
the journal, the segments seen). Screens and widgets read it through `context(node)` and
never import the app module; to make something happen elsewhere they post a message
(`vtui.tui.messages`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.widget import Widget

    from vtui.api import VoucherifyClient
    from vtui.changes.journal import Journal
    from vtui.changes.writes import Changes
    from vtui.tui.jobs import JobBoard
    from vtui.tui.keyboard import TypeAhead
    from vtui.tui.profiles import ProfileDirectory
    from vtui.tui.session import Connector, Session, UiStateStore

WRITE_REFUSAL = (
    "Read-only mode: {what} is turned off (started with --read-only or a read-only profile)."
)


@dataclass
class StartInfo:
    """What is known about the session before it opens (status bar, first frame)."""

    profile: str
    region: str
    read_only: bool = False
    ui_state: UiStateStore | None = None
    """The profile's saved list state (filters, sort), readable before the session opens."""
    columns: tuple[str, ...] | None = None
    """The list's columns from config.toml (None: the defaults)."""
    problems: tuple[str, ...] = ()
    """config.toml settings left at their defaults because they were wrong, one line each:
    shown once when the list first mounts."""


@dataclass
class AppContext:
    """State shared by every screen of one running app."""

    start: StartInfo | None = None
    force_read_only: bool = False
    demo: Connector | None = None
    """Opens the demo (the welcome screen's "Try the demo")."""
    profiles: ProfileDirectory | None = None
    """The saved profiles (log in, switch); None where there is nowhere to save them."""
    clock: Callable[[], datetime] | None = None
    session: Session | None = None
    known_segments: dict[str, str] = field(default_factory=dict)
    """Segments seen this run and in saved state (id -> name): the filter bar offers them."""
    connect_progress: tuple[int, int] = (0, 0)
    """(done, total) reported while a session opens (the demo seeding; written on a thread)."""
    connect_error: str | None = None
    keys: TypeAhead | None = None
    """The app's type-ahead (set by the app)."""
    _ready: asyncio.Event | None = None
    _session_listeners: list[Callable[[], None]] = field(default_factory=list)
    _jobs: JobBoard | None = None
    _journal: Journal | None = None

    # -- the session --------------------------------------------------------------------------

    @property
    def session_ready(self) -> asyncio.Event:
        if self._ready is None:
            self._ready = asyncio.Event()
        return self._ready

    def set_session(self, session: Session) -> Session | None:
        """Make `session` current; returns the old one (to close). Tells the listeners."""
        old, self.session = self.session, session
        self.session_ready.set()
        for listener in list(self._session_listeners):
            listener()
        return old

    def on_session(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` whenever the session changes (the status bar); returns a stop."""
        self._session_listeners.append(listener)

        def stop() -> None:
            if listener in self._session_listeners:
                self._session_listeners.remove(listener)

        return stop

    async def wait_session(self) -> Session:
        """The session, once open: a key pressed while it opens waits here, never refused."""
        while self.session is None:
            await self.session_ready.wait()
        return self.session

    async def wait_client(self) -> VoucherifyClient:
        return (await self.wait_session()).client

    @property
    def client(self) -> VoucherifyClient:
        if self.session is None:
            raise RuntimeError("not connected")
        return self.session.client

    @property
    def read_only(self) -> bool:
        if self.force_read_only:
            return True
        if self.session is not None:
            return self.session.read_only
        return self.start is not None and self.start.read_only

    @property
    def profile(self) -> str | None:
        if self.session is not None:
            return self.session.profile
        return self.start.profile if self.start is not None else None

    @property
    def region(self) -> str | None:
        if self.session is not None:
            return self.session.region
        return self.start.region if self.start is not None else None

    def hold_keys(self) -> Callable[[], None]:
        """Typed keys wait from now until the returned function is called: a look-up that
        will open another screen takes them there."""
        if self.keys is None:
            return lambda: None
        return self.keys.hold()

    def ui_state(self) -> UiStateStore | None:
        if self.session is not None:
            return self.session.ui_state
        return self.start.ui_state if self.start is not None else None

    @property
    def currency(self) -> str | None:
        return self.session.currency if self.session is not None else None

    def now(self) -> datetime:
        return self.clock() if self.clock is not None else datetime.now(UTC)

    # -- what the change flows share ----------------------------------------------------------

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            from vtui.changes.journal import Journal

            self._journal = Journal()
        return self._journal

    @property
    def jobs(self) -> JobBoard:
        if self._jobs is None:
            from vtui.tui.jobs import JobBoard

            self._jobs = JobBoard()
        return self._jobs

    def changes(self) -> Changes:
        """Journaled writes on the session's client (the TUI never writes any other way)."""
        from vtui.changes.writes import Changes

        if self.session is None:
            raise RuntimeError("not connected")
        return Changes(self.session.client, self.journal, self.session.profile)

    def learn_segments(self, segments: Iterable[tuple[str, str]]) -> None:
        changed = False
        for seg_id, name in segments:
            if self.known_segments.get(seg_id) != name:
                self.known_segments[seg_id] = name
                changed = True
        store = self.ui_state()
        if changed and store is not None:
            learned = dict(self.known_segments)
            store.update(lambda state: {**state, "segments": learned})


class _HasContext(Protocol):
    context: AppContext


def context(node: DOMNode) -> AppContext:
    """The running app's shared state, seen from any screen or widget."""
    return cast(_HasContext, node.app).context


def guard_write(node: Widget | App[Any], what: str) -> bool:
    """True when changes are allowed; otherwise says why (read-only) and returns False."""
    if context(node).read_only:
        node.notify(WRITE_REFUSAL.format(what=what), title="Read-only", severity="warning")
        return False
    return True


def ui_state_of(node: DOMNode) -> dict[str, Any]:
    store = context(node).ui_state()
    return store.load() if store is not None else {}
