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
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.api import AsyncAction

RECENT = 50
COLUMNS = (("created", "Created"), ("status", "Status"), ("id", "Id"), ("what", "Job"))
"""Laid out for 80 columns: the job's own words last, shortened to fit."""


def status_text(action: AsyncAction) -> Text:
    """`IN_PROGRESS 60%`; a finished job's status alone."""
    status = str(action.status or "?")
    text = Text(inert(status), style=STATUS_STYLE.get(status, ""))
    if action.progress is not None and status not in ("DONE", "FAILED"):
        text.append(f" {action.progress}%")
    return text


def what_text(action: AsyncAction, summary: str | None) -> Text:
    """What the job does: its summary when started in this run (marked so, first), else its
    type in words (CUSTOMERS.IMPORT_CSV: "import CSV")."""
    if summary:
        text = Text("this run · ", style="dim")
        text.append(inert(summary))
        return text
    kind = (action.type or "?").removeprefix("CUSTOMERS.")
    words = kind.replace("_", " ").replace(".", " ").lower().replace("csv", "CSV")
    return Text(inert(words))


class AsyncActionsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.JOBS)

    def __init__(self) -> None:
        super().__init__()
        self.actions: dict[str, AsyncAction] = {}
        self.rows: list[tuple[str, tuple[Text, ...]]] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static("Async actions (recent jobs) · loading…", id="jobs-title")
        yield DataTable(id="jobs", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.focus()
        self.action_refresh()

    def on_resize(self) -> None:
        self._fit()

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
        self.actions = {a.id: a for a in page.async_actions}
        now = context(self).now()
        self.rows = []
        for action in page.async_actions:
            job = board.jobs.get(action.id)
            self.rows.append(
                (
                    action.id,
                    (
                        Text(when.relative(action.created_at, now)),
                        status_text(action),
                        Text(inert(action.id)),
                        what_text(action, job.summary if job else None),
                    ),
                )
            )
        self._fit(force=True)
        more = " · more exist (older)" if page.has_more else ""
        title.update(
            f"Async actions · {plural(len(page.async_actions), 'recent job')}{more} · enter opens"
        )

    def _fit(self, force: bool = False) -> None:
        """Every column whole; the last ("Job") takes what is left and ends in … if longer."""
        table = self.query_one(DataTable)
        width = table.scrollable_content_region.width or self.app.size.width
        if not force and width == self._width:
            return
        self._width = width
        fixed = [
            max([len(label)] + [cells[i].cell_len for _, cells in self.rows])
            for i, (_, label) in enumerate(COLUMNS[:-1])
        ]
        padding = 2 * table.cell_padding * len(COLUMNS)
        last = max(len(COLUMNS[-1][1]), width - sum(fixed) - padding - 1)
        cursor = table.cursor_row
        table.clear(columns=True)
        for (key, label), size in zip(COLUMNS, [*fixed, last], strict=True):
            table.add_column(label, key=key, width=size)
        for key, cells in self.rows:
            what = cells[-1].copy()
            what.truncate(last, overflow="ellipsis")
            table.add_row(*cells[:-1], what, key=key)
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

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
