"""The text of one customer-list row, with no Textual: the start-up prefetch builds rows too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vtui.tui import when

if TYPE_CHECKING:
    from vtui.api import CustomerRow


def customer_row(row: CustomerRow) -> tuple[str, ...]:
    """Name, email, source_id, city, country, created day: "—" where the API has nothing."""
    return (
        row.name or "—",
        row.email or "—",
        row.source_id or "—",
        row.city or "—",
        row.country or "—",
        when.day(row.created_at),
    )
