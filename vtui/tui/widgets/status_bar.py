"""Profile, region, read-only, the API's rate limit and any retry under way, above the footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from vtui.tui.context import AppContext, context
from vtui.tui.keymap import key_display
from vtui.tui.retry_notice import PendingRetries

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from vtui.api import RetryEvent, VoucherifyClient

COUNTDOWN_EVERY = 0.2
"""Seconds between repaints of a pending retry's countdown."""


class StatusBar(Static):
    """Follows the session's client: its rate limit after every response, and its retries,
    so a slow screen says it is retrying and why."""

    class RetryHeard(Message):
        """A retry notice from `client`, carried onto the UI thread (post_message is safe
        from any thread, and the listener runs wherever the request runs)."""

        bubble = False

        def __init__(self, event: RetryEvent, client: VoucherifyClient) -> None:
            super().__init__()
            self.event = event
            self.client = client

    _client: VoucherifyClient | None = None
    _stops: tuple[Callable[[], None], ...] = ()
    _stop_session: Callable[[], None] | None = None
    _retries: PendingRetries
    _countdown: Timer

    def on_mount(self) -> None:
        self._retries = PendingRetries()
        self._countdown = self.set_interval(COUNTDOWN_EVERY, self._paint, pause=True)
        self._stop_session = context(self).on_session(self._session_changed)
        self._session_changed()

    def on_unmount(self) -> None:
        if self._stop_session is not None:
            self._stop_session()
        self._follow(None)

    def _session_changed(self) -> None:
        session = context(self).session
        self._follow(session.client if session is not None else None)
        self._paint()

    def _follow(self, client: VoucherifyClient | None) -> None:
        """Listen to `client` (the session's), and no longer to the old one."""
        if client is self._client:
            return
        for stop in self._stops:
            stop()
        self._stops = ()
        self._retries.clear()
        self._client = client
        if client is not None:

            def heard(event: RetryEvent) -> None:
                self.post_message(self.RetryHeard(event, client))

            self._stops = (
                client.on_retry(heard),
                client.rate_limit.watch(self._rate_limit_changed),
            )

    def _rate_limit_changed(self, _: object) -> None:
        self.call_later(self._paint)

    def on_status_bar_retry_heard(self, message: RetryHeard) -> None:
        if message.client is not self._client:
            return  # from a session that has since been replaced
        self._retries.hear(message.event)
        if self._retries:
            self._countdown.resume()
        else:
            self._countdown.pause()
        self._paint()

    def _paint(self) -> None:
        left = Text()
        retrying = self._retries.line()
        if retrying is not None:
            left.append(f" {retrying}", style=Style(color=self._warning_color(), bold=True))
            left.append(" ·")
        left.append_text(status_text(context(self)))
        # The footer can run out of room; the way to every key stays on screen here.
        line = Table.grid(expand=True)
        line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        line.add_column(justify="right", no_wrap=True)
        line.add_row(left, keys_hint(self.app))
        self.update(line)

    def _warning_color(self) -> str:
        return self.app.current_theme.warning or "yellow"


def keys_hint(app: App[Any]) -> Text:
    """The way to every key and command, with the keys as (re)mapped."""
    return Text.assemble(
        (key_display(app, "help"), "bold"),
        " all keys · ",
        (key_display(app, "palette"), "bold"),
        " commands ",
    )


def status_text(ctx: AppContext) -> Text:
    text = Text()
    profile = ctx.profile
    if profile is None:
        text.append(" connecting…", style="dim")
        return text
    text.append(f" {profile}", style="bold")
    text.append(f" · {ctx.region}")
    if ctx.read_only:
        text.append(" · ")
        text.append("READ-ONLY", style="bold reverse")
    if ctx.session is None:
        text.append(" · connecting…", style="dim")
        return text
    limit = ctx.session.client.rate_limit
    if limit.remaining is not None and limit.limit is not None:
        text.append(f" · rate limit {limit.remaining}/{limit.limit} left")
    return text
