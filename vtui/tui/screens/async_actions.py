"""Async actions (`a`): the project's recent jobs with their status; enter opens one.

Every string from the API is shown inert (`vtui.changes.inert`) and as plain text, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from vtui.changes.inert import inert
from vtui.tui import bindings, when
from vtui.tui.context import context
from vtui.tui.screens.job_progress import STATUS_STYLE
from vtui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from vtui.api import AsyncAction

RECENT = 50


class AsyncActionsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.JOBS)

    def __init__(self) -> None:
        super().__init__()
        self.actions: dict[str, AsyncAction] = {}

    def compose(self) -> ComposeResult:
        yield Static("Async actions (recent jobs) · loading…", id="jobs-title")
        yield DataTable(id="jobs", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (
            ("created", "Created"),
            ("type", "Type"),
            ("status", "Status"),
            ("progress", "%"),
            ("id", "Id"),
            ("note", "Started here"),
        ):
            table.add_column(label, key=key)
        table.focus()
        self.action_refresh()

    def action_refresh(self) -> None:
        self.run_worker(self._load(), group="async-actions", exclusive=True)

    async def _load(self) -> None:
        from vtui.api import VoucherifyError

        title = self.query_one("#jobs-title", Static)
        try:
            page = await context(self).client.async_actions.list(limit=RECENT)
        except VoucherifyError as error:
            title.update(Text(f"Async actions · {inert(str(error))} · r retries"))
            return
        board = context(self).jobs
        table = self.query_one(DataTable)
        table.clear()
        self.actions = {a.id: a for a in page.async_actions}
        now = context(self).now()
        for action in page.async_actions:
            status = str(action.status or "?")
            job = board.jobs.get(action.id)
            table.add_row(
                when.both(action.created_at, now),
                Text(inert(action.type or "?")),
                Text(inert(status), style=STATUS_STYLE.get(status, "")),
                "" if action.progress is None else str(action.progress),
                Text(inert(action.id)),
                Text(inert(job.summary) if job else ""),
                key=action.id,
            )
        more = " · more exist (older)" if page.has_more else ""
        title.update(f"Async actions · {len(page.async_actions)} recent{more} · enter opens")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is None:
            return
        from vtui.tui.screens.job_progress import JobProgressScreen

        job = context(self).jobs.jobs.get(key)
        action = self.actions.get(key)
        summary = job.summary if job else (action.type if action and action.type else "Job")
        self.app.push_screen(JobProgressScreen(key, summary))

    def action_cursor(self, direction: str) -> None:
        table = self.query_one(DataTable)
        if direction == "down":
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_back(self) -> None:
        self.app.pop_screen()
