"""Shown while a slow session opens: the demo seeds its data here, with visible progress.

The app shows it only when opening takes long enough to notice (first demo run, a slow
network), so a quick start paints the customer list without a detour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

if TYPE_CHECKING:
    from vtui.tui.app import VtuiApp


class ConnectingScreen(Screen[None]):
    """Polls the app's connection progress; says why when opening failed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="connecting-box"):
            yield Label("Connecting…", id="connecting-label")
            yield ProgressBar(id="connecting-progress", show_eta=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self._paint()
        self.set_interval(0.1, self._paint)

    def _paint(self) -> None:
        app: VtuiApp = self.app  # type: ignore[assignment]
        label = self.query_one("#connecting-label", Label)
        if app.connect_error:
            label.update(f"Could not connect: {app.connect_error}")
            return
        done, total = app.connect_progress
        if total:
            bar = self.query_one(ProgressBar)
            bar.display = True
            bar.update(total=total, progress=done)
            label.update(f"Preparing demo data: {done:,} of {total:,} customers")
