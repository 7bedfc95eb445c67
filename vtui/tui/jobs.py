"""Bulk jobs started this run, each watched by an app-level worker so it keeps going while the
user is elsewhere. A screen that shows a job only reads the board; leaving it stops nothing.
When a job ends the app says so wherever the user is, and posts `JobFinished`; what it says
(the summary may name a file or customers, the API's words) is inert and never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vtui.changes.inert import inert

if TYPE_CHECKING:
    from textual.app import App

    from vtui.api import AsyncAction, VoucherifyClient


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

    def start(
        self, app: App[object], client: VoucherifyClient, async_action_id: str, summary: str
    ) -> Job:
        job = self.jobs.get(async_action_id)
        if job is None:
            job = self.jobs[async_action_id] = Job(async_action_id, summary)
            app.run_worker(
                self._watch(app, client, job),
                group=f"job-{async_action_id}",
                exclusive=True,
            )
        return job

    async def _watch(self, app: App[object], client: VoucherifyClient, job: Job) -> None:
        from vtui.api import VoucherifyError
        from vtui.tui.messages import JobFinished

        try:
            async for action in client.async_actions.watch(
                job.async_action_id, interval=0.2, max_interval=1.0
            ):
                job.action = action
                job.polls += 1
        except VoucherifyError as error:
            job.error = str(error)
            app.notify(
                inert(f"{job.summary}: {error}"),
                title="Job watch failed",
                severity="error",
                markup=False,
            )
            app.post_message(JobFinished(job))
            return
        final = job.action
        result = final.result if final is not None else None
        done = result.done_count if result is not None else None
        failed = result.failed_count if result is not None else None
        counts = (
            f"{done if done is not None else '?'} done, {failed if failed is not None else '?'} "
            "failed"
        )
        app.notify(
            inert(f"{job.summary}: {final.status if final else '?'} · {counts}"),
            title="Job finished",
            severity="warning" if failed else "information",
            markup=False,
        )
        app.post_message(JobFinished(job))
