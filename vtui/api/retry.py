"""When a failed request is sent again, and how long to wait first."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum

RETRY_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))


class Replay(Enum):
    """Whether a request may be sent again after it may have reached the server.

    SAFE: GET, PUT, DELETE and the create POST when it upserts (has `id` or `source_id`).
    ONLY_UNSENT: importCSV, bulk, metadata, permanent deletion and a create without ids; these
    are resent only when the connection was never made, so the server cannot have seen them.
    """

    SAFE = "safe"
    ONLY_UNSENT = "only_unsent"


def _default_sleep(seconds: float) -> Awaitable[None]:
    return asyncio.sleep(seconds)


@dataclass
class RetryPolicy:
    """Exponential backoff with full jitter, `Retry-After` honoured up to `max_retry_after` s.

    `sleep` and `jitter` are attributes so tests can make waits instant and deterministic.
    """

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], Awaitable[None]] = field(default=_default_sleep)
    jitter: Callable[[], float] = field(default=random.random)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, got {self.max_retries}")

    def backoff(self, attempt: int) -> float:
        """Delay before retry number `attempt` (0-based): between half and all of the cap."""
        cap = min(self.max_delay, self.base_delay * 2.0**attempt)
        return cap * (0.5 + self.jitter() / 2)

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before the next try, or None when the server asks for too long."""
        if retry_after is not None:
            if retry_after > self.max_retry_after:
                return None
            return retry_after
        return self.backoff(attempt)
