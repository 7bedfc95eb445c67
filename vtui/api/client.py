"""`VoucherifyClient`: the async entry point to the Customers and Async Actions APIs."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from vtui.api.customers import Customers
from vtui.api.errors import AuthenticationError
from vtui.api.plain_get import CHANNEL, USER_AGENT
from vtui.api.rate_limit import RateLimit
from vtui.api.requester import Requester
from vtui.api.retry import RetryPolicy
from vtui.api.retry_notice import RetryListener
from vtui.api.secret import AppToken, SecretLike

if TYPE_CHECKING:
    from vtui.api.async_actions import AsyncActions

DEFAULT_BASE_URL = "https://api.voucherify.io"


class VoucherifyClient:
    """Talks to one Voucherify project with its app id and token.

    `async with VoucherifyClient(...) as vf:` closes the connection pool on exit (or call
    `aclose()`). `transport` lets the demo and tests put the in-process sandbox under it.
    The token (a str, or pydantic's SecretStr) is kept masked and never appears in a repr, log
    line or error.
    """

    def __init__(
        self,
        app_id: str,
        app_token: str | SecretLike,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = 30.0,
        max_retries: int = 2,
        transport: httpx.AsyncBaseTransport | None = None,
        channel: str = CHANNEL,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        token = AppToken(app_token) if isinstance(app_token, str) else app_token
        if not app_id or not isinstance(app_id, str):
            raise ValueError("app_id is empty")
        if not token.get_secret_value():
            raise ValueError("app_token is empty")
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        self.app_id = app_id
        self.base_url = _checked_base_url(base_url)
        self._requester = Requester(
            app_id=app_id,
            app_token=token,
            base_url=self.base_url,
            timeout=timeout,
            retry=retry_policy or RetryPolicy(max_retries=max_retries),
            transport=transport,
            channel=channel,
            user_agent=USER_AGENT,
        )
        self.customers = Customers(self._requester)
        self._async_actions: AsyncActions | None = None

    @property
    def async_actions(self) -> AsyncActions:
        """Async-action operations (loaded on first use: most starts only list customers)."""
        if self._async_actions is None:
            from vtui.api import async_actions

            self._async_actions = async_actions.AsyncActions(self._requester)
        return self._async_actions

    @property
    def rate_limit(self) -> RateLimit:
        """Limit, remaining calls and retry time as the latest response reported them."""
        return self._requester.rate_limit

    def on_auth_failure(self, listener: Callable[[AuthenticationError], None]) -> None:
        """Call `listener` whenever the API refuses the keys (401): revoked or rotated keys."""
        self._requester.auth_listeners.append(listener)

    def on_retry(self, listener: RetryListener) -> Callable[[], None]:
        """Call `listener` with a `RetryNotice` before each retry, and with a `RetrySettled`
        when a retried request is over, so a UI can say it is retrying; returns an unsubscribe.

        Listeners run in the task that sends the request; one that raises is logged and
        ignored, never failing the request.
        """
        return self._requester.retry_listeners.add(listener)

    @property
    def retry_policy(self) -> RetryPolicy:
        return self._requester.retry

    @property
    def closed(self) -> bool:
        return self._requester.closed

    async def aclose(self) -> None:
        await self._requester.aclose()

    async def __aenter__(self) -> VoucherifyClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"VoucherifyClient(app_id={self.app_id!r}, app_token='**********', "
            f"base_url={self.base_url!r})"
        )


def _checked_base_url(base_url: str) -> str:
    """`https://host[:port][/prefix]` without a trailing slash (paths start with /v1/)."""
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError):
        url = httpx.URL("")
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL such as {DEFAULT_BASE_URL}")
    if url.query or url.fragment:
        raise ValueError("base_url must not carry a query string or fragment")
    return base_url.rstrip("/")
