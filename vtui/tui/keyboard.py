"""Type-ahead: every key is handled, in order, once the screen it targets can take it.

Textual hands a key to the focused widget and goes on to the next one at once, so in a
burst (a paste, or keys typed while vtui starts) the keys after one that opens a dialog
reached the old screen, where letters are shortcuts. Here each key waits until the one
before it has been handled all the way (the widget, then the bindings) and until any
screen it opened has mounted and taken focus, like a shell's type-ahead.
"""

from __future__ import annotations

import asyncio
from collections import deque
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeGuard

from textual import events
from textual.message import Message
from textual.widgets import Input, Select, TextArea

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App
    from textual.widget import Widget

KEY_TIMEOUT = 2.0
"""Seconds a key may take to be handled before the next one goes anyway (a safety net)."""


class KeyHandled(Message):
    """Posted to a key's target right after the key: it reaches the app only after the key
    has been handled (or stopped) on the way up, since messages keep their order."""

    def __init__(self, done: asyncio.Future[None]) -> None:
        super().__init__()
        self.done = done


def typing_in(widget: Widget | None) -> bool:
    """True while the focus is in a field that takes text: letters are text there."""
    node: Any = widget
    while node is not None:
        if isinstance(node, Input | TextArea | Select):
            return True
        node = node.parent
    return False


def _letter(event: events.Event) -> TypeGuard[events.Key]:
    return isinstance(event, events.Key) and event.is_printable and bool(event.character)


class TypeAhead:
    """The app's queue of typed keys and pastes, dispatched one at a time."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.pending: deque[events.Event] = deque()
        self._arrived = asyncio.Event()
        self.ready = asyncio.Event()
        """Set once the first screen is up: keys typed before it wait, none is lost."""
        self.idle = asyncio.Event()
        """Set while no key waits or is being handled (tests wait for it)."""
        self.idle.set()
        self._holds: list[asyncio.Event] = []

    def put(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event.key == "ctrl+j":
            # Enter typed before vtui took the terminal out of cooked mode became a newline
            # (ICRNL), which reads as ctrl+j; vtui binds nothing to ctrl+j, and shells read it
            # as Enter too: it means enter.
            event = events.Key("enter", "\r")
        self.idle.clear()
        self.pending.append(event)
        self._arrived.set()

    def hold(self) -> Callable[[], None]:
        """Keys wait from now until the returned function is called (a look-up about to
        open another screen); calling it again does nothing."""
        released = asyncio.Event()
        self._holds.append(released)

        def release() -> None:
            if not released.is_set():
                released.set()
                self._holds.remove(released)

        return release

    async def run(self) -> None:
        while True:
            while not self.pending:
                self._arrived.clear()
                await self._arrived.wait()
            await self.ready.wait()
            if self._holds:
                while self._holds:
                    await self._holds[0].wait()
                await self._shown()  # whatever the hold opened has mounted and focused
            event = self.pending.popleft()
            try:
                await self._dispatch(event)
            except Exception as error:  # one bad key must not stop the keyboard
                self.app.log.error(f"key {event!r} failed: {error!r}")
            if not self.pending:
                self.idle.set()

    async def _dispatch(self, event: events.Event) -> None:
        app = self.app
        before = list(app.screen_stack)
        if isinstance(event, events.Key):
            app.app_focus = True
            if await app._check_bindings(event.key, priority=True):
                await self._settle(before)
                return
        target: Widget = app.focused or app.screen
        target._forward_event(self._run_of_letters(event, target))
        # A letter typed into a field only changes that field: the next key can follow at once
        # (the field takes its keys in order). Other keys go twice round: the second lap also
        # waits for what handling the key posted (an input's Submitted), so a screen can hold
        # the keys before the next one goes.
        if isinstance(event, events.Key) and event.is_printable and typing_in(target):
            return
        for _ in range(2):
            await self._handled(target)
        await self._settle(before)

    def _run_of_letters(self, event: events.Event, target: Widget) -> events.Event:
        """A letter for an input, with the letters queued right behind it, as one insertion
        (Input takes a paste as it takes each key, in one change instead of one per key: an
        email typed ahead lands at once). Anything else goes as it is."""
        if not (isinstance(target, Input) and _letter(event)):
            return event
        letters = [event]
        while self.pending and _letter(following := self.pending[0]):
            letters.append(following)
            self.pending.popleft()
        if len(letters) == 1:
            return event
        return events.Paste("".join(key.character or "" for key in letters))

    async def _handled(self, target: Widget) -> None:
        """Until a marker posted after the key reaches the app; or the target is gone (the
        key closed its screen, and the marker with it)."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        target.post_message(KeyHandled(done))
        end = loop.time() + KEY_TIMEOUT
        while not done.done() and target.is_attached and loop.time() < end:
            await asyncio.wait({done}, timeout=0.01)

    async def _settle(self, before: list[Any]) -> None:
        """If the key changed the screen, wait until the new one has mounted and focused."""
        if list(self.app.screen_stack) != before:
            await self._shown()

    async def _shown(self) -> None:
        app = self.app
        shown = asyncio.get_running_loop().create_future()

        def mark() -> None:
            if not shown.done():
                shown.set_result(None)

        app.screen.call_after_refresh(mark)
        with suppress(TimeoutError):
            await asyncio.wait_for(shown, KEY_TIMEOUT)
