"""`client.async_actions`: get and list bulk jobs, and watch one until it finishes."""

from __future__ import annotations

from collections.abc import AsyncIterator

from vtui.api.models.async_action import AsyncAction, AsyncActionList
from vtui.api.query import DateLike, build_params, check_limit, path_segment, query_datetime
from vtui.api.requester import Requester


class AsyncActions:
    def __init__(self, requester: Requester) -> None:
        self._requester = requester

    async def get(self, async_action_id: str) -> AsyncAction:
        return await self._requester.call(
            "GET", f"/v1/async-actions/{path_segment(async_action_id)}", AsyncAction
        )

    async def list(
        self, *, limit: int | None = None, end_date: DateLike | None = None
    ) -> AsyncActionList:
        """Newest first; to go further back pass the oldest `created_at` seen as `end_date`."""
        check_limit(limit)
        params = build_params(
            limit=limit, end_date=None if end_date is None else query_datetime(end_date)
        )
        return await self._requester.call(
            "GET", "/v1/async-actions", AsyncActionList, params=params
        )

    async def watch(
        self,
        async_action_id: str,
        *,
        interval: float = 0.25,
        max_interval: float = 2.0,
        growth: float = 1.5,
    ) -> AsyncIterator[AsyncAction]:
        """Yield each state of the job until it is DONE or FAILED (the last state yielded).

        Polls with backoff from `interval` to `max_interval` seconds; stop early by breaking
        out of the loop (or cancelling the task).
        """
        delay = interval
        while True:
            action = await self.get(async_action_id)
            yield action
            if action.finished:
                return
            await self._requester.retry.sleep(delay)
            delay = min(max_interval, delay * growth)
