"""The text of one customer-list row, with no Textual: the start-up prefetch builds rows too.

Every value is inert (`vtui.changes.inert`): what the API sent can never act on the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vtui.changes.inert import inert
from vtui.tui import when

if TYPE_CHECKING:
    from vtui.api import CustomerRow


def customer_row(row: CustomerRow) -> tuple[str, ...]:
    """Name, email, source_id, city, country, created day: "—" where the API has nothing."""
    return (
        inert(row.name or "—"),
        inert(row.email or "—"),
        inert(row.source_id or "—"),
        inert(row.city or "—"),
        inert(row.country or "—"),
        when.day(row.created_at),
    )
