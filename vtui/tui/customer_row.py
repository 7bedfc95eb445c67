"""The text of one customer-list row, with no Textual: the start-up prefetch builds rows too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vtui.tui import when

if TYPE_CHECKING:
    from vtui.api import Customer


def customer_row(customer: Customer) -> tuple[str, ...]:
    """Name, email, source_id, city, country, created day: "—" where the API has nothing."""
    address = customer.address
    return (
        customer.name or "—",
        customer.email or "—",
        customer.source_id or "—",
        (address.city if address else None) or "—",
        (address.country if address else None) or "—",
        when.day(customer.created_at),
    )
