"""The API's rate-limit state as the last response reported it (shown in the TUI status bar)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime


@dataclass
class RateLimit:
    """`X-Rate-Limit-Limit`, `-Remaining`, and when the next call may be made (if limited)."""

    limit: int | None = None
    remaining: int | None = None
    retry_at: datetime | None = None
    _listeners: list[Callable[[RateLimit], None]] = field(
        default_factory=list, repr=False, compare=False
    )

    def watch(self, listener: Callable[[RateLimit], None]) -> Callable[[], None]:
        """Call `listener` after every response (the TUI's status bar); returns a function
        that stops it. A listener's error never fails the request."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def update(self, headers: Mapping[str, str], now: datetime | None = None) -> None:
        """Take whatever the response says; keep the old value of a header it did not send."""
        limit = _int(headers.get("x-rate-limit-limit"))
        remaining = _int(headers.get("x-rate-limit-remaining"))
        if limit is not None:
            self.limit = limit
        if remaining is not None:
            self.remaining = remaining
        retry_at = _retry_at(headers, now or datetime.now(UTC))
        if retry_at is not None:
            self.retry_at = retry_at
        for listener in list(self._listeners):
            try:
                listener(self)
            except Exception:  # a listener must never fail the request
                continue


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def retry_after_seconds(
    headers: Mapping[str, str], now: datetime | None = None, *, use_reset: bool = True
) -> float | None:
    """Seconds from `Retry-After` (delta or HTTP date), else from `X-Rate-Limit-Retry` (epoch).

    `X-Rate-Limit-Retry` comes with every response (it is when the window resets), so it
    only means "wait" on a 429: pass `use_reset=False` for other statuses.
    """
    now = now or datetime.now(UTC)
    raw = headers.get("retry-after")
    if raw is not None:
        raw = raw.strip()
        try:
            return max(0.0, float(raw))
        except ValueError:
            try:
                when = parsedate_to_datetime(raw)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                if when.tzinfo is None:
                    when = when.replace(tzinfo=UTC)
                return max(0.0, (when - now).total_seconds())
    epoch = headers.get("x-rate-limit-retry") if use_reset else None
    if epoch is not None:
        try:
            return max(0.0, float(epoch) - now.timestamp())
        except ValueError:
            return None
    return None


def _retry_at(headers: Mapping[str, str], now: datetime) -> datetime | None:
    seconds = retry_after_seconds(headers, now)
    return now + timedelta(seconds=seconds) if seconds is not None else None
