"""Timestamp formatting for the seeder, in the API's styles (fast: it runs millions of times)."""

from __future__ import annotations

import time

_DAY_MS = 86_400_000
_DAYS: dict[int, str] = {}


def iso_date(ms: int) -> str:
    """YYYY-MM-DD of an epoch-ms instant (UTC)."""
    day = ms // _DAY_MS
    text = _DAYS.get(day)
    if text is None:
        text = _DAYS[day] = time.strftime("%Y-%m-%d", time.gmtime(day * 86_400))
    return text


def _clock(ms: int) -> tuple[str, int]:
    rest = ms % _DAY_MS
    seconds, millis = divmod(rest, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{iso_date(ms)}T{hours:02d}:{minutes:02d}:{seconds:02d}", millis


def api_ts(ms: int) -> str:
    """The API's own style: `2022-08-30T06:32:07.380Z`."""
    day = ms // _DAY_MS
    text = _DAYS.get(day) or iso_date(ms)
    seconds, millis = divmod(ms - day * _DAY_MS, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{text}T{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}Z"


def voucher_ts(ms: int, micros: int | None = None) -> str:
    """The `+00:00` style of nested voucher timestamps: 2-3 fraction digits, or 6 with micros."""
    base, millis = _clock(ms)
    if micros is None:
        frac = f"{millis:03d}".rstrip("0").ljust(2, "0")
        return f"{base}.{frac}+00:00"
    return f"{base}.{millis * 1000 + micros:06d}+00:00"
