"""The Textual application: owns the session, the clock, read-only mode and the status line.

Screens do their own I/O in workers; the app only connects, switches profiles and keeps what
every screen shares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from vtui.tui.session import Connector, Session

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.worker import Worker

    from vtui.api import VoucherifyClient
    from vtui.tui.prefetch import FirstPageSource
    from vtui.tui.profiles import ProfileDirectory

CONNECTING_SCREEN_AFTER = 0.3
"""Seconds before a still-opening session shows the progress screen."""
FIRST_PAGE_GRACE = 0.3
"""Seconds the start waits for the prefetched first page before showing the list without it."""
GC_PAUSE_AT_START = 1.5
"""Seconds after mounting before the cyclic garbage collector runs again, when the start-up
paused it (`vtui.tui.pause_gc_for_start_up`): imports make many objects and few cycles."""

WRITE_REFUSAL = (
    "Read-only mode: {what} is turned off (started with --read-only or a read-only profile)."
)


class VtuiApp(App[int]):
    """vtui: find and read the customers of a Voucherify project."""

    TITLE = "vtui"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Keys of this screen"),
        Binding(
            "colon", "jump", "Jump", id="jump", tooltip="Open a customer by id, source_id or email"
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave vtui", show=False),
        # Change keys reach the app only when a screen refused them (read-only): say why.
        Binding("n", "refuse_write('creating customers')", show=False),
        Binding("e", "refuse_write('editing customers')", show=False),
        Binding("ctrl+d,D", "refuse_write('deleting customers')", show=False),
        Binding("E", "refuse_write('editing customers')", show=False),
        Binding("space,m", "refuse_write('setting metadata')", show=False),
        Binding("i", "refuse_write('importing customers')", show=False),
        # Screens with rows have their own `u`; from anywhere else it undoes too.
        Binding("u", "undo", "Undo", show=False),
    ]

    status_revision: reactive[int] = reactive(0)
    """Bumped after every request so the status bar re-reads the rate limit."""

    def __init__(
        self,
        connect: Connector | None = None,
        *,
        read_only: bool = False,
        profiles: ProfileDirectory | None = None,
        demo: Connector | None = None,
        now: Callable[[], datetime] | None = None,
        prefetch: FirstPageSource | None = None,
    ) -> None:
        super().__init__()
        self._connect = connect
        self.force_read_only = read_only
        self.profiles = profiles
        self.demo = demo
        self._now = now
        self.session: Session | None = None
        self._asking_to_log_in = False
        self.prefetch = prefetch
        """The first page being fetched while the app starts (None: the list asks itself)."""
        self.connect_progress: tuple[int, int] = (0, 0)
        """(done, total) reported by the connector; written from the seeding thread."""
        self.connect_error: str | None = None
        self.known_segments: dict[str, str] = {}
        """Segments seen this run and in saved state (id -> name): the filter bar offers them."""

    # -- shared state -----------------------------------------------------------------------

    def now(self) -> datetime:
        return self._now() if self._now is not None else datetime.now(UTC)

    @property
    def read_only(self) -> bool:
        return self.force_read_only or (self.session is not None and self.session.read_only)

    @property
    def client(self) -> VoucherifyClient:
        if self.session is None:
            raise RuntimeError("not connected")
        return self.session.client

    def note_request(self) -> None:
        self.status_revision += 1

    def learn_segments(self, segments: Iterable[tuple[str, str]]) -> None:
        changed = False
        for seg_id, name in segments:
            if self.known_segments.get(seg_id) != name:
                self.known_segments[seg_id] = name
                changed = True
        if changed and self.session is not None:
            state = self.session.ui_state.load()
            state["segments"] = dict(self.known_segments)
            self.session.ui_state.save(state)

    def guard_write(self, what: str) -> bool:
        """True when changes are allowed; otherwise shows the refusal and returns False."""
        if self.read_only:
            self.notify(WRITE_REFUSAL.format(what=what), title="Read-only", severity="warning")
            return False
        return True

    # -- start-up and profiles ----------------------------------------------------------------

    def on_mount(self) -> None:
        import gc

        if not gc.isenabled():
            self.set_timer(GC_PAUSE_AT_START, gc.enable)
        if self._connect is None:
            from vtui.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
            return
        if self.prefetch is None:
            self.open_session(self._connect)
            return
        self.run_worker(self._show_list_with_prefetch(self.prefetch), group="prefetch")

    async def _show_list_with_prefetch(self, prefetch: FirstPageSource) -> None:
        """Show the list with the prefetched page: at once if it comes within a moment (the
        list is then laid out and painted once, rows included), else while it loads. The
        list calls `start_connecting` once the rows are on screen; the session adopts them."""
        import asyncio

        from vtui.tui.prefetch import WAIT_SECONDS
        from vtui.tui.screens.customer_list import CustomerListScreen

        page = asyncio.ensure_future(prefetch.get(WAIT_SECONDS))
        await asyncio.wait({page}, timeout=FIRST_PAGE_GRACE)
        await self.push_screen(CustomerListScreen(first_page=page))

    def start_connecting(self) -> None:
        """Open the start-up session (once), after the prefetched page has painted."""
        connect, self._connect = self._connect, None
        if connect is not None:
            self.open_session(connect)

    def open_session(self, connect: Connector) -> None:
        """Run `connect`, then show the customer list; show progress if it takes a while."""
        self.connect_progress, self.connect_error = (0, 0), None
        worker = self.run_worker(self._open(connect), group="connect", exclusive=True)
        self.set_timer(CONNECTING_SCREEN_AFTER, lambda: self._show_connecting(worker))

    def _show_connecting(self, worker: Worker[None]) -> None:
        from vtui.tui.screens.connecting import ConnectingScreen

        if not worker.is_running or isinstance(self.screen, ConnectingScreen):
            return
        if self._list_awaiting_session() and not self.connect_progress[1]:
            return  # the first page is on screen; nothing is being prepared
        self.push_screen(ConnectingScreen())

    def _list_awaiting_session(self) -> bool:
        from vtui.tui.screens.customer_list import CustomerListScreen

        return isinstance(self.screen, CustomerListScreen) and self.screen.awaiting_session

    def _progress(self, done: int, total: int) -> None:
        self.connect_progress = (done, total)

    async def _open(self, connect: Connector) -> None:
        import asyncio
        import importlib

        # Heavy imports on a thread: the screen stays responsive while they load.
        await asyncio.to_thread(importlib.import_module, "vtui.api")
        from vtui.api import VoucherifyError

        try:
            session = await connect(self._progress)
        except (VoucherifyError, OSError, ValueError, LookupError) as error:
            # These messages are written for people and carry no secrets.
            self._connect_failed(str(error))
            return
        except Exception as error:  # anything else: its type only, never a traceback
            self._connect_failed(type(error).__name__)
            return
        await self.use_session(session)

    def _connect_failed(self, message: str) -> None:
        from vtui.tui.screens.connecting import ConnectingScreen

        self.connect_error = message
        if not isinstance(self.screen, ConnectingScreen):
            self.push_screen(ConnectingScreen())

    async def use_session(self, session: Session) -> None:
        """Make `session` current (closing the old one) and show its customer list."""
        from vtui.tui.screens.customer_list import CustomerListScreen

        old, self.session = self.session, session
        if old is not None and old is not session:
            await old.close()
        session.client.on_auth_failure(self._keys_refused)
        saved = session.ui_state.load().get("segments")
        self.known_segments = (
            {str(k): str(v) for k, v in saved.items()} if isinstance(saved, dict) else {}
        )
        self.sub_title = f"{session.profile} · {session.region}"
        if self._list_awaiting_session():
            screen = self.screen
            assert isinstance(screen, CustomerListScreen)
            screen.go_live()
            self.note_request()
            return
        # Replace whatever is on the stack (welcome, progress, an old profile) with the list.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.push_screen(CustomerListScreen())
        self.note_request()

    def _keys_refused(self, error: Exception) -> None:
        self.call_later(self._ask_to_log_in, error)

    def _ask_to_log_in(self, error: Exception) -> None:
        """The API refused the keys mid-session (revoked or rotated): offer to log in again."""
        from vtui.tui.screens.confirm import ConfirmScreen

        if self._asking_to_log_in or self.session is None:
            return
        self._asking_to_log_in = True
        profile = self.session.profile
        body = (
            f"{error}\n\nThe API refused the keys of profile “{profile}”: they may have been "
            "revoked or rotated. Log in again with new keys here, or quit and run "
            f"`vtui login --profile {profile}`."
        )

        def answered(log_in: bool | None) -> None:
            self._asking_to_log_in = False
            if log_in:
                from vtui.tui.screens.welcome import WelcomeScreen

                self.push_screen(WelcomeScreen())

        self.push_screen(ConfirmScreen("Keys refused: log in again", body, "Log in"), answered)

    def switch_profile(self, name: str) -> None:
        if self.profiles is None:
            self.notify("No saved profiles to switch to.", severity="warning")
            return
        self.open_session(self.profiles.connector(name))

    async def on_unmount(self) -> None:
        import gc

        gc.enable()
        if self.prefetch is not None:
            self.prefetch.cancel()
        if self.session is not None:
            await self.session.close()

    # -- actions ----------------------------------------------------------------------------

    def action_help(self) -> None:
        from vtui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_jump(self) -> None:
        if self.session is None:
            self.notify("Log in or start the demo first.", severity="warning")
            return
        from vtui.tui.screens.jump import JumpScreen

        self.push_screen(JumpScreen())

    def action_undo(self) -> None:
        if not self.guard_write("undo"):
            return
        if self.session is None:
            self.notify("Log in or start the demo first.", severity="warning")
            return
        from vtui.tui.change_keys import undo_last_change, undo_target

        self.run_worker(undo_last_change(self, undo_target(self)), group="undo", exclusive=True)

    def action_refuse_write(self, what: str) -> None:
        if self.guard_write(what):
            self.notify(f"{what.capitalize()} is not available in this version yet.")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from vtui.tui.commands import system_commands

        yield from system_commands(self, screen)
        yield from super().get_system_commands(screen)
