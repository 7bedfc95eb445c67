"""Small pieces of wording shared by the screens: how a customer is named, plurals."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.api import Customer


def label(customer: Customer) -> str:
    """What a person calls this customer: name, else email, source_id, id."""
    return customer.name or customer.email or customer.source_id or customer.id


def plural(count: int, one: str, many: str | None = None) -> str:
    """`plural(1, "row")` -> "1 row"; `plural(3, "row")` -> "3 rows"."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
