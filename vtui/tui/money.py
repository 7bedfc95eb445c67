"""Money and points as a person reads them; the API sends integer cents and plain integers.

Voucherify does not say which currency amounts are in: they are in the project's, which
the profile names (`currency = "PLN"`) and the session passes to `use_currency`. Four
currencies show their symbol where their users put it ("$1.50", "€1.50", "£1.50",
"1.50 zł"); any other ISO 4217 code follows the amount ("1.50 CHF"); no currency shows
the bare amount ("1.50"). The separators are always "," for thousands and "." for cents.
"""

from __future__ import annotations

SYMBOLS: dict[str, tuple[str, str]] = {
    "USD": ("$", ""),
    "EUR": ("€", ""),
    "GBP": ("£", ""),
    "PLN": ("", " zł"),
}
"""code -> (before the amount, after it)."""


def money(cents: int | None, currency: str | None) -> str:
    """10000 -> '$100.00' (USD), '100.00 zł' (PLN), '100.00 CHF', '100.00' (None); None -> '—'.

    `currency` is the project's ISO 4217 code (the profile's `currency`), None for no unit.
    """
    if cents is None:
        return "—"
    code = currency
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    amount = f"{whole:,}.{part:02d}"
    if not code:
        return f"{sign}{amount}"
    before, after = SYMBOLS.get(code, ("", f" {code}"))
    return f"{sign}{before}{amount}{after}"


def points(value: int | None) -> str:
    """3303 -> '3,303 pts'; None -> '—'."""
    if value is None:
        return "—"
    unit = "pt" if abs(int(value)) == 1 else "pts"
    return f"{int(value):,} {unit}"
