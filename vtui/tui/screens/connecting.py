"""Shown while a session opens: the demo seeds its data here, with visible progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

if TYPE_CHECKING:
    from vtui.tui.app import VtuiApp
    from vtui.tui.session import Connector


class ConnectingScreen(Screen[None]):
    def __init__(self, connect: Connector) -> None:
        super().__init__()
        self.connect = connect
        # Written by the seeding thread, read by a timer: plain attributes are enough.
        self.done = 0
        self.total = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="connecting-box"):
            yield Label("Connecting…", id="connecting-label")
            yield ProgressBar(id="connecting-progress", show_eta=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.set_interval(0.1, self._paint)
        self.run_worker(self._open(), group="connect", exclusive=True)

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def _paint(self) -> None:
        if self.total:
            bar = self.query_one(ProgressBar)
            bar.display = True
            bar.update(total=self.total, progress=self.done)
            self.query_one("#connecting-label", Label).update(
                f"Preparing demo data: {self.done:,} of {self.total:,} customers"
            )

    async def _open(self) -> None:
        app: VtuiApp = self.app  # type: ignore[assignment]
        try:
            session = await self.connect(self._progress)
        except Exception as error:  # show why, never a traceback with secrets in it
            self.query_one("#connecting-label", Label).update(
                f"Could not connect: {type(error).__name__}: {error}"
            )
            return
        await app.use_session(session)
