"""Counting in words, shared by the summaries written here and the screens (`vtui.tui.words`)."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """`plural(1, "row")` -> "1 row"; `plural(3, "row")` -> "3 rows"."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
