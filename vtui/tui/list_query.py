"""The customer list's filters and sort order, as the user set them.

Kept free of Textual so that the query a filter bar produces can be checked on its own, saved
per profile, and turned into the keyword arguments of `customers.list`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

ORDERS: tuple[str, ...] = (
    "-created_at",
    "created_at",
    "-updated_at",
    "updated_at",
    "source_id",
    "-source_id",
)
"""The API's orders for list-customers, in the order `s` cycles through them."""

ORDER_LABELS: dict[str, str] = {
    "-created_at": "newest first",
    "created_at": "oldest first",
    "-updated_at": "recently updated first",
    "updated_at": "least recently updated first",
    "source_id": "source_id A→Z",
    "-source_id": "source_id Z→A",
}

CURSOR_ORDERS = frozenset({"-created_at", "created_at"})
"""Orders the API pages by the `starting_after` created_at cursor; the others page by number."""

_DATE_FIELDS = ("created_after", "created_before", "updated_after", "updated_before")


class QueryError(ValueError):
    """A filter value the API would not understand; the message says which and why."""


def parse_day(label: str, text: str) -> date | None:
    """Read a YYYY-MM-DD filter date; blank means no limit."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{label}: '{text}' is not a date like 2024-05-31") from None


@dataclass(frozen=True)
class ListQuery:
    """What the customer list shows: equality filters, date ranges and the sort order."""

    email: str = ""
    name: str = ""
    city: str = ""
    segment_id: str = ""
    created_after: date | None = None
    created_before: date | None = None
    updated_after: date | None = None
    updated_before: date | None = None
    order: str = "-created_at"

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise QueryError(f"unknown order '{self.order}'")
        for lo, hi in (("created_after", "created_before"), ("updated_after", "updated_before")):
            a, b = getattr(self, lo), getattr(self, hi)
            if a is not None and b is not None and a >= b:
                raise QueryError(f"{lo.replace('_', ' ')} must be before {hi.replace('_', ' ')}")

    @property
    def is_filtered(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "order")

    def with_next_order(self) -> ListQuery:
        return replace(self, order=ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)])

    def cleared(self) -> ListQuery:
        return ListQuery(order=self.order)

    def api_filters(self) -> dict[str, Any]:
        """Keyword arguments for `customers.list` (without limit and cursor)."""
        out: dict[str, Any] = {"order": self.order}
        for key in ("email", "name", "city", "segment_id"):
            value = getattr(self, key).strip()
            if value:
                out[key] = value
        for key in _DATE_FIELDS:
            value = getattr(self, key)
            if value is not None:
                what, side = key.split("_")
                out[f"{what}_at_{side}"] = value
        return out

    def describe(self) -> str:
        """A one-line summary for the list's title bar."""
        parts = [f"{k}={getattr(self, k)}" for k in ("email", "name", "city") if getattr(self, k)]
        if self.segment_id:
            parts.append(f"segment={self.segment_id}")
        for key in _DATE_FIELDS:
            value = getattr(self, key)
            if value is not None:
                parts.append(f"{key.replace('_', ' ')} {value.isoformat()}")
        return ", ".join(parts)

    def to_state(self) -> dict[str, Any]:
        state = asdict(self)
        for key in _DATE_FIELDS:
            if state[key] is not None:
                state[key] = state[key].isoformat()
        return state

    @classmethod
    def from_state(cls, state: object) -> ListQuery:
        """Rebuild a saved query; anything unreadable falls back to the defaults."""
        if not isinstance(state, dict):
            return cls()
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            value = state.get(f.name)
            if value is None:
                continue
            if f.name in _DATE_FIELDS:
                try:
                    kwargs[f.name] = date.fromisoformat(str(value))
                except ValueError:
                    continue
            elif isinstance(value, str):
                kwargs[f.name] = value
        try:
            return cls(**kwargs)
        except QueryError:
            return cls()
