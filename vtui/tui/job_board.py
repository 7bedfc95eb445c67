"""Bulk jobs started this run, watched by app-level workers so they keep going off-screen.

A screen that shows a job only reads the board; leaving it stops nothing. When a job
finishes the app says so, wherever the user is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from textual.app import App

    from vtui.api import AsyncAction
    from vtui.changes.journal import Journal
    from vtui.changes.writes import Changes
    from vtui.tui.app import VtuiApp


@dataclass
class Job:
    async_action_id: str
    summary: str
    action: AsyncAction | None = None
    error: str | None = None
    polls: int = 0

    @property
    def finished(self) -> bool:
        return self.error is not None or (self.action is not None and self.action.finished)


@dataclass
class JobBoard:
    jobs: dict[str, Job] = field(default_factory=dict)

    def start(self, app: VtuiApp, async_action_id: str, summary: str) -> Job:
        job = self.jobs.get(async_action_id)
        if job is None:
            job = self.jobs[async_action_id] = Job(async_action_id, summary)
            app.run_worker(self._watch(app, job), group=f"job-{async_action_id}", exclusive=True)
        return job

    async def _watch(self, app: VtuiApp, job: Job) -> None:
        from vtui.api import VoucherifyError

        try:
            async for action in app.client.async_actions.watch(
                job.async_action_id, interval=0.2, max_interval=1.0
            ):
                job.action = action
                job.polls += 1
                app.note_request()
        except VoucherifyError as error:
            job.error = str(error)
            app.notify(f"{job.summary}: {error}", title="Job watch failed", severity="error")
            return
        final = job.action
        result = final.result if final is not None else None
        done = result.done_count if result is not None else None
        failed = result.failed_count if result is not None else None
        app.notify(
            f"{job.summary}: {final.status if final else '?'}"
            f" · {done if done is not None else '?'} done, "
            f"{failed if failed is not None else '?'} failed",
            title="Job finished",
            severity="warning" if failed else "information",
        )


@dataclass
class ChangeState:
    """What the change flows share per app: the board and the journal."""

    board: JobBoard
    journal: Journal


_STATES: WeakKeyDictionary[App[int], ChangeState] = WeakKeyDictionary()


def state_of(app: VtuiApp) -> ChangeState:
    state = _STATES.get(app)
    if state is None:
        from vtui.changes.journal import Journal

        state = _STATES[app] = ChangeState(JobBoard(), Journal())
    return state


def changes_of(app: VtuiApp) -> Changes:
    from vtui.changes.writes import Changes

    session = app.session
    if session is None:
        raise RuntimeError("not connected")
    return Changes(app.client, state_of(app).journal, session.profile)
