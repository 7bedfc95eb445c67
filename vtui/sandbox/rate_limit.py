"""The rate-limit headers Voucherify sends on every response, from a per-minute window."""

from __future__ import annotations

import time


class RateLimit:
    """Counts requests per fixed window; a request over the limit gets a real 429."""

    def __init__(self, limit: int = 6000, window_s: int = 60) -> None:
        self.limit = limit
        self.window_s = window_s
        self._window_start = 0
        self._used = 0

    def take(self) -> tuple[int | None, dict[str, str]]:
        """Count one request: (seconds to wait when over the limit else None, headers)."""
        now = int(time.time())
        if now >= self._window_start + self.window_s:
            self._window_start = now - now % self.window_s
            self._used = 0
        self._used += 1
        allowed = self._used <= self.limit
        reset = self._window_start + self.window_s
        headers = {
            "X-Rate-Limit-Limit": str(self.limit),
            "X-Rate-Limit-Remaining": str(max(0, self.limit - self._used)),
            "X-Rate-Limit-Retry": str(reset),
        }
        return (None if allowed else max(1, reset - now)), headers
