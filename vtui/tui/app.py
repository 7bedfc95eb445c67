"""The Textual application: the session, the shared context, the keyboard and one policy for
workers that fail.

Screens never import this module: they reach the shared state through
`vtui.tui.context.context(self)` and ask the app for things with messages.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerFailed

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.appearance import Appearance
from vtui.tui.context import AppContext, StartInfo, guard_write
from vtui.tui.keyboard import KeyHandled, TypeAhead, typing_in
from vtui.tui.messages import Broadcast, OpenCustomer, OpenSession, SessionOpened, UseSession
from vtui.tui.relogin import LogInAgain
from vtui.tui.session import Connector, Session

if TYPE_CHECKING:
    from textual.screen import Screen

    from vtui.tui.prefetch import FirstPage, FirstPageSource
    from vtui.tui.profiles import ProfileDirectory

FIRST_PAGE_GRACE = 0.3
"""Seconds the start waits for the prefetched first page, so the list's first frame has its
rows; past that the list shows "Loading…" and the rows follow."""
GC_PAUSE_AT_START = 1.5
"""Seconds after mounting before the cyclic garbage collector runs again, when the start-up
paused it: imports make many objects and few cycles."""
PROGRESS_SCREEN_AFTER = 0.3
"""Seconds before a session that reports progress (the demo seeding) shows it."""


class VtuiApp(Appearance, LogInAgain, App[int]):
    """vtui: find and read the customers of a Voucherify project."""

    TITLE = "vtui"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.APP)

    def __init__(
        self,
        connect: Connector | None = None,
        *,
        start: StartInfo | None = None,
        read_only: bool = False,
        profiles: ProfileDirectory | None = None,
        demo: Connector | None = None,
        now: Callable[[], datetime] | None = None,
        prefetch: FirstPageSource | None = None,
        terminal_attrs: list[Any] | None = None,
        keymap: dict[str, str] | None = None,
        key_problems: list[str] | None = None,
    ) -> None:
        super().__init__()
        if keymap:
            self.set_keymap(keymap)  # before the first frame: its footer shows them
        self._key_problems = list(key_problems or ())
        if start is not None and start.ui_state is not None:
            self._use_saved_theme(start.ui_state.load())  # so the first frame has it
        self.context = AppContext(
            start=start, force_read_only=read_only, demo=demo, profiles=profiles, clock=now
        )
        self.prefetch = prefetch
        self._connect = connect
        self._terminal_attrs = terminal_attrs
        self.type_ahead = TypeAhead(self)
        self.context.keys = self.type_ahead
        self._asking_to_log_in = False
        self._starting: Worker[None] | None = None

    @property
    def session(self) -> Session | None:
        return self.context.session

    @property
    def profiles(self) -> ProfileDirectory | None:
        return self.context.profiles

    # -- start ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        import gc

        if not gc.isenabled():
            self.set_timer(GC_PAUSE_AT_START, gc.enable)
        if self._terminal_attrs is not None:
            # The start-up took the terminal out of cooked mode before Textual loaded; Textual
            # saved that mode to restore. Leaving (or suspending for $EDITOR) restores the
            # user's own mode instead.
            driver = self._driver
            if driver is not None and hasattr(driver, "attrs_before"):
                driver.attrs_before = self._terminal_attrs
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.run_worker(self.type_ahead.run(), group="type-ahead")
        # Until it ends, the first screen is on its way (and a session may open sooner).
        self._starting = self.run_worker(self._first_screen(), group="start")

    async def _first_screen(self) -> None:
        import asyncio

        from vtui.tui.screens.customer_list import CustomerListScreen

        connect, self._connect = self._connect, None
        if connect is None:
            from vtui.tui.screens.welcome import WelcomeScreen

            await self.push_screen(WelcomeScreen())
            self._keys_ready()
            return
        # Connect at once: its imports run on a thread while this waits for the first page,
        # so a key that needs the API (a jump typed at launch) finds the session sooner.
        self.open_session(connect)
        page: FirstPage | None = None
        pending: asyncio.Future[FirstPage | None] | None = None
        if self.prefetch is not None:
            from vtui.tui.prefetch import WAIT_SECONDS

            pending = asyncio.ensure_future(self.prefetch.get(WAIT_SECONDS))
            done, _ = await asyncio.wait({pending}, timeout=FIRST_PAGE_GRACE)
            if done:
                page = pending.result() if not pending.exception() else None
                pending = None
        await self.push_screen(CustomerListScreen(first_page=page, later_page=pending))
        self._keys_ready()

    def _keys_ready(self) -> None:
        if self._key_problems:  # [keys] entries left out: one line each, in one notice
            self.notify("\n".join(self._key_problems), title="Keys", severity="warning", timeout=30)

        def ready() -> None:
            self.type_ahead.ready.set()

        self.screen.call_after_refresh(ready)

    def open_session(self, connect: Connector) -> None:
        """Run `connect` and make its session current; show its progress if it reports any."""
        self.context.connect_progress, self.context.connect_error = (0, 0), None
        worker = self.run_worker(self._open(connect), group="connect", exclusive=True)
        self.set_timer(PROGRESS_SCREEN_AFTER, lambda: self._show_progress(worker))

    def _show_progress(self, worker: Worker[None]) -> None:
        from vtui.tui.screens.connecting import ConnectingScreen

        if worker.is_running and self.context.connect_progress[1] and not self._connecting_shown():
            self.push_screen(ConnectingScreen())

    def _connecting_shown(self) -> bool:
        from vtui.tui.screens.connecting import ConnectingScreen

        return any(isinstance(screen, ConnectingScreen) for screen in self.screen_stack)

    def _progress(self, done: int, total: int) -> None:
        self.context.connect_progress = (done, total)

    async def _open(self, connect: Connector) -> None:
        import asyncio
        import importlib

        # Heavy imports on a thread while the first frame is up: the client, and the customer
        # models (pydantic) that adopting the first page and the first look-up need.
        await asyncio.to_thread(importlib.import_module, "vtui.api")
        models = asyncio.ensure_future(
            asyncio.to_thread(importlib.import_module, "vtui.api.models.customer")
        )
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
        await models
        await self.use_session(session)

    def _connect_failed(self, message: str) -> None:
        from vtui.tui.screens.connecting import ConnectingScreen

        self.context.connect_error = message
        if not self._connecting_shown():
            self.push_screen(ConnectingScreen())

    async def use_session(self, session: Session) -> None:
        """Make `session` current (closing the old one); the screens waiting for it go live."""
        from vtui.tui.screens.connecting import ConnectingScreen
        from vtui.tui.screens.customer_list import CustomerListScreen

        ctx = self.context
        state = session.ui_state.load()
        saved = state.get("segments")
        ctx.known_segments = (
            {str(k): str(v) for k, v in saved.items()} if isinstance(saved, dict) else {}
        )
        session.client.on_auth_failure(self._keys_refused)
        old = ctx.set_session(session)
        if old is not None and old is not session:
            await old.close()
        self._use_saved_theme(state)  # another profile: its own theme, if it chose one
        self.sub_title = f"{session.profile} · {session.region}"
        for screen in list(self.screen_stack):
            if isinstance(screen, ConnectingScreen):
                screen.dismiss()
        lists = [s for s in self.screen_stack if isinstance(s, CustomerListScreen)]
        starting = self._starting is not None and not self._starting.is_finished
        if old is None and (lists or starting):  # the list coming up goes live itself
            self._broadcast(SessionOpened())
            return
        # A new profile (or the first session after the welcome): start from its list.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.push_screen(CustomerListScreen())
        self._broadcast(SessionOpened())

    def switch_profile(self, name: str) -> None:
        if self.profiles is None:
            self.notify("No saved profiles to switch to.", severity="warning")
            return
        self.open_session(self.profiles.connector(name))

    def add_profile(self) -> None:
        """The log-in form of the welcome screen, for another project: escape comes back,
        a log-in saves the profile and switches to it."""
        from vtui.tui.screens.welcome import WelcomeScreen

        if self.profiles is None:
            self.notify("Profiles cannot be saved here; run vtui login in a shell.")
            return
        self.push_screen(WelcomeScreen(adding=True))

    async def on_unmount(self) -> None:
        import gc

        gc.enable()
        if self.prefetch is not None:
            self.prefetch.cancel()
        if self.session is not None:
            await self.session.close()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification shows its text as text: API strings in it (a customer's name,
        an error message) are inert and never read as markup. Line breaks are kept."""
        lines = "\n".join(inert(line) for line in str(message).split("\n"))
        super().notify(lines, title=inert(title), severity=severity, timeout=timeout, markup=False)

    # -- messages ---------------------------------------------------------------------------

    @on(Broadcast)
    def _relay(self, message: Broadcast) -> None:
        self._broadcast(message)

    def _broadcast(self, message: Broadcast) -> None:
        """Hand a change to every screen (each updates what it shows of it)."""
        for screen in self.screen_stack:
            screen.post_message(copy.copy(message))

    def on_open_customer(self, message: OpenCustomer) -> None:
        from vtui.tui.screens.customer_detail import CustomerDetailScreen

        self.push_screen(CustomerDetailScreen(message.customer.id, message.customer))

    def on_open_session(self, message: OpenSession) -> None:
        self.open_session(message.connect)

    async def on_use_session(self, message: UseSession) -> None:
        await self.use_session(message.session)

    def _handle_exception(self, error: Exception) -> None:
        """One policy for failures: a worker that fails unexpectedly is shown and the app runs
        on; anything else is a real crash (Textual shows it, and vtui exits non-zero)."""
        if isinstance(error, WorkerFailed):
            failure = error.error
            detail = f"{type(failure).__name__}: {failure}"
            self.notify(
                f"{detail[:300]}\n(vtui carries on)",
                title="Something went wrong",
                severity="error",
                timeout=10,
            )
            return
        super()._handle_exception(error)

    # -- keys ---------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self.type_ahead.put(event)  # handled in order by the type-ahead worker
            return
        await super().on_event(event)

    def on_key_handled(self, message: KeyHandled) -> None:
        if not message.done.done():
            message.done.set_result(None)

    async def _on_key(self, event: events.Key) -> None:
        # Textual runs each class's handler in turn (this one, then App's bindings check).
        if event.is_printable and typing_in(self.focused):
            event.prevent_default()  # a letter typed into a field is text, never a shortcut

    # -- actions ------------------------------------------------------------------------------

    def action_help(self) -> None:
        from vtui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_jump(self) -> None:
        from vtui.tui.screens.jump import JumpScreen

        if isinstance(self.screen, JumpScreen):
            return
        self.push_screen(JumpScreen())

    def action_quit_or_copy(self) -> None:
        from textual.widgets import Input

        focused = self.focused
        if isinstance(focused, Input) and focused.selected_text:
            self.copy_to_clipboard(focused.selected_text)
            self.notify("Copied the selected text.", timeout=2)
            return
        self.exit()

    def action_undo(self) -> None:
        if not guard_write(self, "undo"):
            return
        from vtui.tui.undo import undo_last_change

        self.run_worker(undo_last_change(self), group="undo", exclusive=True)

    def action_new_customer(self) -> None:
        if not guard_write(self, "creating customers"):
            return
        from vtui.tui.screens.customer_form import CustomerFormScreen

        self.push_screen(CustomerFormScreen(None))

    def action_import_file(self) -> None:
        if not guard_write(self, "importing"):
            return
        from vtui.tui.screens.import_file import ImportFileScreen

        self.push_screen(ImportFileScreen())

    def action_async_actions(self) -> None:
        from vtui.tui.screens.async_actions import AsyncActionsScreen

        if not isinstance(self.screen, AsyncActionsScreen):
            self.push_screen(AsyncActionsScreen())

    def action_elsewhere(self, change: str, binding_id: str, what: str) -> None:
        """A key of another screen: a change refused in read-only mode says so; otherwise
        the message says where the key (as remapped) works."""
        if change and not guard_write(self, change):
            return
        from vtui.tui.keymap import key_display

        self.notify(f"{key_display(self, binding_id)} {what}.", timeout=3)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from vtui.tui.commands import system_commands

        yield from system_commands(self, screen, super().get_system_commands(screen))
