"""Telling listeners that a request is being retried, and when it settles.

A slow screen must be able to say "retrying GET customers (2/3) after 503"; these notices carry
just that: method, path (never a query string or header), attempt numbers, reason and delay.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

logger = logging.getLogger("vtui.api")

Outcome = Literal["succeeded", "gave up", "cancelled"]


@dataclass(frozen=True, slots=True)
class RetryNotice:
    """A request failed and will be sent again after `delay` seconds.

    `attempt` is the number of the try about to be made (2 for the first retry) out of
    `max_attempts`; `request` tells the notices of concurrent requests apart.
    """

    request: int
    method: str
    path: str
    attempt: int
    max_attempts: int
    reason: str
    """"503", "429 rate limited", "a timeout", "a failed connection" or "a dropped connection"."""
    delay: float


@dataclass(frozen=True, slots=True)
class RetrySettled:
    """A request that was retried is over: `outcome` says how, after `attempts` tries.

    Sent only for requests that had at least one `RetryNotice`, so a UI can clear its line.
    """

    request: int
    method: str
    path: str
    attempts: int
    outcome: Outcome


RetryEvent = RetryNotice | RetrySettled
RetryListener = Callable[[RetryEvent], None]


class RetryListeners:
    """The listeners of one client. A listener that raises is logged and skipped: hearing
    about a retry must never break the request itself."""

    def __init__(self) -> None:
        self._listeners: list[RetryListener] = []
        self._numbers = itertools.count(1)

    def add(self, listener: RetryListener) -> Callable[[], None]:
        """Subscribe; returns a function that unsubscribes (safe to call twice)."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def trail(self, method: str, path: str, max_attempts: int) -> RetryTrail:
        return RetryTrail(self, method, path.partition("?")[0], max_attempts)

    def tell(self, event: RetryEvent) -> None:
        for listener in tuple(self._listeners):
            try:
                listener(event)
            except Exception as exc:  # a listener's bug must not fail the call
                logger.warning("a retry listener failed (%s); ignored", type(exc).__name__)

    def number(self) -> int:
        return next(self._numbers)


class RetryTrail:
    """The notices of one request: numbered on its first retry, settled once at the end."""

    def __init__(
        self, listeners: RetryListeners, method: str, path: str, max_attempts: int
    ) -> None:
        self._listeners = listeners
        self._method = method
        self._path = path
        self._max_attempts = max_attempts
        self._request = 0
        self._attempts = 1

    def retrying(self, reason: str, delay: float) -> None:
        """The try that just failed will be followed by another after `delay` seconds."""
        if not self._request:
            self._request = self._listeners.number()
        self._attempts += 1
        self._listeners.tell(
            RetryNotice(
                self._request,
                self._method,
                self._path,
                self._attempts,
                self._max_attempts,
                reason,
                delay,
            )
        )

    def settle(self, outcome: Outcome) -> None:
        if self._request:
            self._listeners.tell(
                RetrySettled(self._request, self._method, self._path, self._attempts, outcome)
            )
            self._request = 0
