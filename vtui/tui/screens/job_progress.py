"""A bulk job's live progress: status, progress, counts and the failed rows with reasons.

It reads the app's job board, whose worker keeps polling when this screen is left; a job
not started this run (opened from the jobs list) is put on the board when opened.
Every string from the API (or a file's rows) is shown inert (`vtui.changes.inert`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, ProgressBar, Static

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context
from vtui.tui.jobs import Job
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.api import AsyncAction

STATUS_STYLE = {"DONE": "green", "FAILED": "red", "IN_PROGRESS": "yellow", "ENQUEUED": "cyan"}


def failures(action: AsyncAction) -> list[tuple[str, str, str]]:
    """(row, source_id, reason) of each failed item, whatever the job type; inert."""
    result = action.result
    rows: list[tuple[str, str, str]] = []
    for item in getattr(result, "failed", None) or []:
        rows.append((str(item.row or ""), item.source_id or "", item.reason or ""))
    for error in getattr(result, "errors", None) or []:
        reason = " · ".join(p for p in (error.message, error.details) if p)
        rows.append(("", error.source_id or "", reason))
    return [(inert(row), inert(source_id), inert(reason)) for row, source_id, reason in rows]


def summary_text(job: Job) -> Text:
    action = job.action
    text = Text(inert(job.summary), style="bold")
    text.append(f"\n{inert(job.async_action_id)}", style="dim")
    if action is not None and action.type:
        text.append(f" · {inert(action.type)}", style="dim")
    text.append("\nstatus ")
    status = action.status if action is not None else "waiting for the first answer"
    text.append(inert(str(status)), style=STATUS_STYLE.get(str(status), "bold"))
    if action is not None and action.progress is not None:
        text.append(f" · {action.progress}%")
    result = action.result if action is not None else None
    if result is not None:
        if result.done_count is not None or result.failed_count is not None:
            # Counted here, in words that fit the number (the API's own message, which
            # says the same, hedges: "3 customer(s) imported").
            kind = str(action.type or "") if action is not None else ""
            noun = "customer" if kind.startswith("CUSTOMERS.") else "item"
            done = plural(result.done_count or 0, noun)
            text.append(f"\n{done} done · {result.failed_count or 0:,} failed")
        elif result.message:
            text.append(f"\n{inert(result.message)}")
    if job.error:
        text.append(f"\n{inert(job.error)}", style="red")
    if not job.finished:
        text.append(
            "\nThe job keeps running if you leave (escape); press a on the list to see it again.",
            style="dim",
        )
    return text


class JobProgressScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.JOB)

    def __init__(self, async_action_id: str, summary: str = "Async action") -> None:
        super().__init__()
        self.async_action_id = async_action_id
        self.summary = summary
        self._painted: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="job-summary")
        yield ProgressBar(total=100, show_eta=False, id="job-bar")
        yield Static("Failed rows", id="job-failed-title")
        yield DataTable(id="job-failed", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Row", key="row", width=6)
        table.add_column("Source ID", key="source_id", width=24)
        table.add_column("Reason", key="reason")
        self.job = context(self).jobs.start(
            self.app, context(self).client, self.async_action_id, self.summary
        )
        self.paint()
        self.set_interval(0.2, self.paint)

    def paint(self) -> None:
        job = self.job
        action = job.action
        key = (action.status if action else None, action.progress if action else None, job.error)
        if key == self._painted:
            return
        self._painted = key
        self.query_one("#job-summary", Static).update(summary_text(job))
        bar = self.query_one(ProgressBar)
        if action is not None and action.progress is not None:
            bar.update(progress=action.progress)
        rows = failures(action) if action is not None else []
        table = self.query_one(DataTable)
        table.clear()
        for row, source_id, reason in rows:
            table.add_row(Text(row), Text(source_id), Text(reason))
        table.display = bool(rows)  # "none" says it: no empty header under it
        title = f"Failed rows ({len(rows)})" if rows else "Failed rows: none"
        self.query_one("#job-failed-title", Static).update(title)

    def action_back(self) -> None:
        self.app.pop_screen()
