"""Profile, region, read-only and the API's rate limit, one line above the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from vtui.tui.app import VtuiApp


class StatusBar(Static):
    """Re-reads the app's session whenever a request finishes (`status_revision`)."""

    def on_mount(self) -> None:
        self.watch(self.app, "status_revision", self._revise, init=True)

    def _revise(self, _: int) -> None:
        # The footer can run out of room; the way to every key stays on screen here.
        line = Table.grid(expand=True)
        line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        line.add_column(justify="right", no_wrap=True)
        line.add_row(status_text(self.app), KEYS_HINT)  # type: ignore[arg-type]
        self.update(line)


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
