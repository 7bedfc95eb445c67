"""Profile, region, read-only, the API's rate limit and any retry under way, above the footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from vtui.tui.retry_notice import PendingRetries

if TYPE_CHECKING:
    from textual.timer import Timer

    from vtui.api import RetryEvent, VoucherifyClient
    from vtui.tui.app import VtuiApp

COUNTDOWN_EVERY = 0.2
"""Seconds between repaints of a pending retry's countdown."""


class StatusBar(Static):
    """Re-reads the app's session whenever a request finishes (`status_revision`), and follows
    the session's client for retries, so a slow screen says it is retrying and why."""

    class RetryHeard(Message):
        """A retry notice from `client`, carried onto the UI thread (post_message is safe
        from any thread, and the listener runs wherever the request runs)."""

        bubble = False

        def __init__(self, event: RetryEvent, client: VoucherifyClient) -> None:
            super().__init__()
            self.event = event
            self.client = client

    _client: VoucherifyClient | None = None
    _unsubscribe: Callable[[], None] | None = None
    _retries: PendingRetries
    _countdown: Timer

    def on_mount(self) -> None:
        self._retries = PendingRetries()
        self._countdown = self.set_interval(COUNTDOWN_EVERY, self._paint, pause=True)
        self.watch(self.app, "status_revision", self._revise, init=True)

    def on_unmount(self) -> None:
        self._follow(None)

    def _revise(self, _: int) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        self._follow(session.client if session is not None else None)
        self._paint()

    def _follow(self, client: VoucherifyClient | None) -> None:
        """Listen to the retries of `client` (the session's), and no longer to the old one."""
        if client is self._client:
            return
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._retries.clear()
        self._client = client
        if client is not None:

            def heard(event: RetryEvent) -> None:
                self.post_message(self.RetryHeard(event, client))

            self._unsubscribe = client.on_retry(heard)

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
        left.append_text(status_text(self.app))  # type: ignore[arg-type]
        # The footer can run out of room; the way to every key stays on screen here.
        line = Table.grid(expand=True)
        line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        line.add_column(justify="right", no_wrap=True)
        line.add_row(left, KEYS_HINT)
        self.update(line)

    def _warning_color(self) -> str:
        return self.app.current_theme.warning or "yellow"


KEYS_HINT = Text("? all keys · ctrl+p commands ")
KEYS_HINT.stylize("bold", 0, 1)
KEYS_HINT.stylize("bold", 13, 19)


def status_text(app: VtuiApp) -> Text:
    text = Text()
    session = app.session
    if session is None:
        text.append(" connecting…", style="dim")
        return text
    text.append(f" {session.profile}", style="bold")
    text.append(f" · {session.region}")
    if app.read_only:
        text.append(" · ")
        text.append("READ-ONLY", style="bold reverse")
    limit = _rate_limit(session.client)
    if limit is not None:
        remaining, total = limit
        text.append(f" · rate limit {remaining}/{total} left")
    return text


def _rate_limit(client: Any) -> tuple[int, int] | None:
    state = getattr(client, "rate_limit", None)
    remaining = getattr(state, "remaining", None)
    total = getattr(state, "limit", None)
    if remaining is None or total is None:
        return None
    return int(remaining), int(total)
