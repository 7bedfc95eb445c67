"""Profile, region, read-only and the API's rate limit, one line above the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from vtui.tui.app import VtuiApp


class StatusBar(Static):
    """Re-reads the app's session whenever a request finishes (`status_revision`)."""

    def on_mount(self) -> None:
        self.watch(self.app, "status_revision", self._revise, init=True)

    def _revise(self, _: int) -> None:
        self.update(status_text(self.app))  # type: ignore[arg-type]


def status_text(app: VtuiApp) -> Text:
    text = Text()
    session = app.session
    if session is None:
        text.append(" not connected", style="dim")
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
