"""Timestamps in relative and absolute form, against the app's clock (fixed in tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def absolute(moment: datetime | None) -> str:
    """'2024-05-31 14:02 UTC'; '—' when unknown."""
    if moment is None:
        return "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def day(moment: datetime | date | None) -> str:
    """'2024-05-31'; '—' when unknown."""
    if moment is None:
        return "—"
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d")


def relative(moment: datetime | None, now: datetime) -> str:
    """'3 days ago', 'in 2 hours', 'just now'."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = (now - moment).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    for unit, size in (
        ("year", 31_536_000),
        ("month", 2_592_000),
        ("day", 86_400),
        ("hour", 3_600),
        ("minute", 60),
    ):
        if seconds >= size:
            count = int(seconds // size)
            text = f"{count} {unit}{'s' if count != 1 else ''}"
            return f"in {text}" if future else f"{text} ago"
    return "just now"


def both(moment: datetime | None, now: datetime) -> str:
    """'3 days ago (2024-05-31 14:02 UTC)'."""
    if moment is None:
        return "—"
    return f"{relative(moment, now)} ({absolute(moment)})"
