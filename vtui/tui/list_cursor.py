"""Where the customer list is in the API's pages, and what to ask for next.

The API caps `page` at 99, so for the created_at orders we page by the `starting_after`
created_at cursor. created_at values can tie across a page boundary: the cursor is moved 1 ms
back into the last page so tied rows come again, and rows already shown are skipped by id.
The other orders have no cursor; they page by number and stop at page 99, and say so.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from vtui.tui.list_query import CURSOR_ORDERS, ListQuery

if TYPE_CHECKING:
    from collections.abc import Container, Sequence


class Listed(Protocol):
    """What paging needs of a listed customer (a `Customer` or a `CustomerRow`)."""

    @property
    def id(self) -> str: ...

    @property
    def created_at(self) -> datetime | None: ...


ListedT = TypeVar("ListedT", bound=Listed)

MAX_PAGE = 99
_TICK = timedelta(milliseconds=1)


class ListCursor:
    """Builds each next `customers.list` call for one query and keeps what came back."""

    def __init__(
        self, query: ListQuery, page_size: int = 100, seen: Container[str] | None = None
    ) -> None:
        self.query = query
        self.page_size = page_size
        self.total: int | None = None
        self.has_more = True
        self.capped = False
        """True when the page-numbered orders hit the API's page 99 limit."""
        self.loaded = 0
        self._own: set[str] | None = None
        if seen is None:
            seen = self._own = set()
        self._seen: Container[str] = seen
        """The ids shown so far: the list's own row store when given (no second set)."""
        self._after: datetime | None = None
        self._page = 0
        self._uses_cursor = query.order in CURSOR_ORDERS

    def request(self) -> dict[str, Any]:
        """Keyword arguments for the next `customers.list` call."""
        kwargs = self.query.api_filters()
        kwargs["limit"] = self.page_size
        if self._uses_cursor:
            if self._after is not None:
                kwargs["starting_after"] = self._after
        else:
            kwargs["page"] = self._page + 1
        return kwargs

    def accept(
        self, customers: Sequence[ListedT], total: int | None, has_more: bool | None
    ) -> list[ListedT]:
        """Record one page; return only the customers not shown yet, in order."""
        if self.total is None and total is not None:
            self.total = total
        fresh: list[ListedT] = []
        ids: set[str] = set()
        for c in customers:
            if c.id not in self._seen and c.id not in ids:
                fresh.append(c)
                ids.add(c.id)
        if self._own is not None:
            self._own.update(ids)
        self.loaded += len(fresh)
        more = has_more if has_more is not None else len(customers) >= self.page_size
        if not customers:
            more = False
        if self._uses_cursor and customers:
            last = customers[-1].created_at
            if last is None:
                more = False
            else:
                stuck = not fresh
                ascending = self.query.order == "created_at"
                if stuck:
                    # A whole page shares one created_at: step past it rather than loop.
                    self._after = last
                else:
                    self._after = last - _TICK if ascending else last + _TICK
        elif not self._uses_cursor:
            self._page += 1
            if more and self._page >= MAX_PAGE:
                more = False
                self.capped = True
        if self.total is not None and self.loaded >= self.total and not fresh:
            more = False
        self.has_more = more
        return fresh
