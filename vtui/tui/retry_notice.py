"""What the status bar says while a request is being retried (issue 6).

A support person watching a slow screen should read that vtui is retrying, why, and how far
along it is: "retrying GET customers (2/3) after 503 in 1.2 s…".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import unquote

from vtui.api.retry_notice import RetryEvent, RetryNotice


class PendingRetries:
    """The retried requests not yet settled, each with when its next try goes out."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._pending: dict[int, tuple[RetryNotice, float]] = {}

    def __bool__(self) -> bool:
        return bool(self._pending)

    def hear(self, event: RetryEvent) -> None:
        if isinstance(event, RetryNotice):
            self._pending.pop(event.request, None)  # newest last: the line shows the latest
            self._pending[event.request] = (event, self._clock() + event.delay)
        else:
            self._pending.pop(event.request, None)

    def clear(self) -> None:
        self._pending.clear()

    def line(self) -> str | None:
        """The newest retry as a sentence, with a countdown until its try goes out."""
        if not self._pending:
            return None
        notice, due = next(reversed(self._pending.values()))
        what = unquote(notice.path.removeprefix("/v1/"))
        text = (
            f"retrying {notice.method} {what} ({notice.attempt}/{notice.max_attempts}) "
            f"after {notice.reason}"
        )
        left = due - self._clock()
        text += f" in {left:.1f} s…" if left >= 0.05 else "…"
        if len(self._pending) > 1:
            text += f" (+{len(self._pending) - 1} more)"
        return text
