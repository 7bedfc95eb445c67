"""Walking whole collections by cursor, with no duplicate and no gap.

Customers page by `starting_after`, a timestamp cursor that is strict (rows before it in the
default descending order, after it in ascending orders), and timestamps can tie across a page
boundary. So the cursor is moved 1 ms past the last row's timestamp, the tied rows come again,
and the ids already yielded at that timestamp are skipped. If a whole page shares one
timestamp the cursor cannot step past it, so that millisecond is walked as a window
(`created_at[after]`/`[before]`) page by page, and the cursor then jumps strictly past it.

Activity and redeemables page by an opaque id cursor (`more_starting_after`), which has no ties.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol, TypeVar

from vtui.api.errors import ResponseFormatError, VoucherifyError
from vtui.api.query import MAX_LIMIT, QueryParams
from vtui.api.timestamps import format_timestamp

if TYPE_CHECKING:
    from vtui.api.models.customer import Customer, CustomerPage

MAX_PAGE = 99
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CursorOrder:
    """How one `order` value pages: which timestamp is the cursor, and which way it runs."""

    order: str | None
    field: str
    ascending: bool


CURSOR_ORDERS = {
    "-created_at": CursorOrder(order=None, field="created_at", ascending=False),
    "created_at": CursorOrder(order="created_at", field="created_at", ascending=True),
    "updated_at": CursorOrder(order="updated_at", field="updated_at", ascending=True),
}
"""The orders `starting_after` supports. `-created_at` is the API's default, so it is not sent."""


def cursor_order(order: str | None) -> CursorOrder:
    try:
        return CURSOR_ORDERS[order or "-created_at"]
    except KeyError:
        raise ValueError(
            f"iterate() pages by the starting_after cursor, which supports order "
            f"{', '.join(CURSOR_ORDERS)}; got {order!r} (use list(page=...) for other orders)"
        ) from None


def _millis(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def _at(millis: int) -> str:
    return format_timestamp(_EPOCH + timedelta(milliseconds=millis))


class _CustomerWalk:
    """State of one walk: the boundary timestamp (ms) and the ids yielded at it."""

    def __init__(self, how: CursorOrder) -> None:
        self.how = how
        self.boundary: int | None = None
        self.seen: set[str] = set()

    def key(self, customer: Customer) -> int | None:
        moment = getattr(customer, self.how.field)
        if moment is None and self.how.field == "updated_at":
            moment = customer.created_at  # never updated: the API treats it as created
        return _millis(moment) if moment is not None else None

    def fresh(self, customer: Customer) -> bool:
        """True if not yielded yet; rows beyond the boundary were all yielded before."""
        key = self.key(customer)
        if self.boundary is None or key is None:
            return customer.id not in self.seen
        passed = key > self.boundary if not self.how.ascending else key < self.boundary
        return not passed and not (key == self.boundary and customer.id in self.seen)

    def mark(self, customer: Customer) -> None:
        key = self.key(customer)
        if key is not None and key != self.boundary:
            self.boundary = key
            self.seen = set()
        self.seen.add(customer.id)

    def step_past(self, last: int) -> str:
        """Cursor that includes the rows tied at `last` (strict cursor, so one ms beyond)."""
        return _at(last - 1 if self.how.ascending else last + 1)


async def walk_customers(
    fetch: Callable[[QueryParams], Awaitable[CustomerPage]],
    *,
    filters: QueryParams,
    order: str | None,
    limit: int,
) -> AsyncIterator[Customer]:
    """Yield every customer matching `filters`, once each, in `order`."""
    how = cursor_order(order)
    walk = _CustomerWalk(how)
    base = list(filters) + ([("order", how.order)] if how.order else [])
    cursor: str | None = None
    while True:
        params = [*base, ("limit", str(limit))]
        if cursor is not None:
            params.append(("starting_after", cursor))
        page = await fetch(params)
        rows = page.customers
        for customer in rows:
            if walk.fresh(customer):
                walk.mark(customer)
                yield customer
        if not rows or page.has_more is False or (page.has_more is None and len(rows) < limit):
            return
        keys = [k for k in (walk.key(c) for c in rows) if k is not None]
        if not keys:
            raise ResponseFormatError(f"customers without {how.field}: cannot page by cursor")
        if len(rows) >= limit and min(keys) == max(keys):
            async for customer in _walk_window(fetch, base, how, walk, keys[-1]):
                yield customer
            cursor = _at(keys[-1])
        else:
            cursor = walk.step_past(keys[-1])


async def _walk_window(
    fetch: Callable[[QueryParams], Awaitable[CustomerPage]],
    base: QueryParams,
    how: CursorOrder,
    walk: _CustomerWalk,
    millis: int,
) -> AsyncIterator[Customer]:
    """Every customer whose cursor timestamp is exactly `millis`, walked by page number.

    For `updated_at` the never-updated customers count as updated when created, but an
    `updated_at[...]` filter leaves them out, so their `created_at` window is walked too.
    """
    fields = [how.field] if how.field == "created_at" else [how.field, "created_at"]
    for field in fields:
        after, before = f"{field}[after]", f"{field}[before]"
        window = [(k, v) for k, v in base if k not in (after, before)]
        window += [(after, _at(millis - 1)), (before, _at(millis + 1)), ("limit", str(MAX_LIMIT))]
        for page_number in range(1, MAX_PAGE + 1):
            page = await fetch([*window, ("page", str(page_number))])
            for customer in page.customers:
                if walk.key(customer) == millis and walk.fresh(customer):
                    walk.mark(customer)
                    yield customer
            if len(page.customers) < MAX_LIMIT or page.has_more is False:
                break
        else:
            raise VoucherifyError(
                f"more than {MAX_PAGE * MAX_LIMIT} customers share {field} {_at(millis)}; "
                "the API cannot page past them"
            )


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=_HasId)


async def walk_by_id(
    fetch: Callable[[str | None], Awaitable[tuple[Sequence[ItemT], bool | None, str | None]]],
) -> AsyncIterator[ItemT]:
    """Follow `more_starting_after` (else the last item's id) until `has_more` is false."""
    cursor: str | None = None
    while True:
        items, has_more, more_starting_after = await fetch(cursor)
        for item in items:
            yield item
        if not items or not has_more:
            return
        following = more_starting_after or items[-1].id
        if following == cursor:
            raise ResponseFormatError(f"the API returned the same cursor {cursor!r} twice")
        cursor = following
