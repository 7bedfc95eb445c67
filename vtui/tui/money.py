"""Money and points as a person reads them; the API sends integer cents and plain integers."""

from __future__ import annotations

CURRENCY_SYMBOL = "$"
"""Voucherify does not say a customer's currency; amounts show with this symbol."""


def money(cents: int | None) -> str:
    """10000 -> '$100.00'; None -> '—'."""
    if cents is None:
        return "—"
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{CURRENCY_SYMBOL}{whole:,}.{part:02d}"


def points(value: int | None) -> str:
    """3303 -> '3,303 pts'; None -> '—'."""
    if value is None:
        return "—"
    unit = "pt" if abs(int(value)) == 1 else "pts"
    return f"{int(value):,} {unit}"
