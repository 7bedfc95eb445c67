"""Load every page of the customer list's query, one after another, with progress.

Drives the list's own paging (`load_more`, one page at a time in its "customer-list"
worker), so the rows, counts and the list's errors are exactly what scrolling down would
give. Cancelling the caller's worker stops after the page in flight.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from vtui.tui.list_cursor import ListCursor

PAGE_GROUP = "customer-list"
"""The list's worker group for pages."""

Progress = Callable[[int, "int | None"], None]
"""(rows loaded, rows in all when the API said) after each page."""


class PagedList(Protocol):
    """What the loader needs of the customer list."""

    cursor: ListCursor | None
    fetching: bool
    error: str | None

    @property
    def app(self) -> Any: ...

    def load_more(self) -> None: ...


async def load_rest(pages: PagedList, progress: Progress) -> bool:
    """Ask for the list's next pages until it has them all; False when it stopped short
    (a page failed: the list shows the error, and `r` retries there)."""
    import asyncio

    cursor = pages.cursor
    while cursor is not None and cursor is pages.cursor and cursor.has_more:
        if pages.error is not None:
            return False
        if not pages.fetching:
            pages.load_more()
        task = _page_task(pages)
        if task is not None:
            # Not Worker.wait(): it would take this task's own cancellation (esc) for the
            # page's, and carry on.
            await asyncio.wait({task})
        else:
            await asyncio.sleep(0.01)  # the list has nothing in flight: look again shortly
        progress(cursor.loaded, cursor.total)
    return pages.error is None


def _page_task(pages: PagedList) -> asyncio.Task[Any] | None:
    """The task of the list's page request in flight, if any."""
    for worker in pages.app.workers:
        if worker.node is pages and worker.group == PAGE_GROUP and not worker.is_finished:
            task: asyncio.Task[Any] | None = worker._task
            return task
    return None
