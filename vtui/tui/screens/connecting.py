"""Shown while a session that reports progress opens (the demo seeding its data on the first
run), or when opening failed: it says why, and quitting stays one key away.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

from vtui.tui.context import context
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.words import plural


class ConnectingScreen(Screen[None]):
    """Polls the shared connection progress; says why when opening failed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="connecting-box"):
            yield Label("Connecting…", id="connecting-label")
            yield ProgressBar(id="connecting-progress", show_eta=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self._paint()
        self.set_interval(0.1, self._paint)

    def _paint(self) -> None:
        ctx = context(self)
        label = self.query_one("#connecting-label", Label)
        if ctx.connect_error:
            label.update(Text(f"Could not connect: {ctx.connect_error}\nq quits."))
            self.query_one(ProgressBar).display = False
            return
        done, total = ctx.connect_progress
        if total:
            bar = self.query_one(ProgressBar)
            bar.display = True
            bar.update(total=total, progress=done)
            if done >= total:
                label.update(f"Demo data ready: {plural(total, 'customer')}. Opening…")
            else:
                label.update(f"Preparing demo data: {done:,} of {plural(total, 'customer')}")
