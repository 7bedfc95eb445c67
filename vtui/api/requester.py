"""One HTTP exchange with the API: auth headers, retries, error mapping, rate limits, logging."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from vtui.api.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ResponseFormatError,
)
from vtui.api.query import QueryParams
from vtui.api.rate_limit import RateLimit, retry_after_seconds
from vtui.api.retry import RETRY_STATUSES, Replay, RetryPolicy
from vtui.api.retry_notice import RetryListeners, RetryTrail
from vtui.api.secret import SecretLike

if TYPE_CHECKING:
    from pydantic import BaseModel

logger = logging.getLogger("vtui.api")

ModelT = TypeVar("ModelT", bound="BaseModel")

# Errors after which the server cannot have seen the request: no connection was made.
_UNSENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# Errors after which a safe (idempotent) request may be sent again.
_TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


class _StripQueryFromHttpxLog(logging.Filter):
    """httpx logs `HTTP Request: GET <url>` at INFO; drop the query (it can hold emails)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                arg.copy_with(query=None) if isinstance(arg, httpx.URL) else arg
                for arg in record.args
            )
        return True


_httpx_logger = logging.getLogger("httpx")
if not any(isinstance(f, _StripQueryFromHttpxLog) for f in _httpx_logger.filters):
    _httpx_logger.addFilter(_StripQueryFromHttpxLog())


class _AppKeys(httpx.Auth):
    """Adds the app keys as each request goes out, so no local variable ever holds the token
    (Textual's crash screen prints the locals of every frame of a traceback)."""

    def __init__(self, app_id: str, app_token: SecretLike) -> None:
        self._app_id = app_id
        self._app_token = app_token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-App-Id"] = self._app_id
        request.headers["X-App-Token"] = self._app_token.get_secret_value()
        yield request

    def __repr__(self) -> str:
        return f"_AppKeys(app_id={self._app_id!r}, app_token={self._app_token!r})"


class Requester:
    """Sends requests for the resources; never exposes the token or an httpx object upward."""

    def __init__(
        self,
        *,
        app_id: str,
        app_token: SecretLike,
        base_url: str,
        timeout: float,
        retry: RetryPolicy,
        transport: httpx.AsyncBaseTransport | None,
        channel: str,
        user_agent: str,
    ) -> None:
        self._app_id = app_id
        self._app_token = app_token
        self.retry = retry
        self.rate_limit = RateLimit()
        self._keys = _AppKeys(app_id, app_token)
        self.auth_listeners: list[Callable[[AuthenticationError], None]] = []
        """Called whenever the API refuses the keys (401), e.g. to ask the user to log in."""
        self.retry_listeners = RetryListeners()
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=False,
            headers={
                "Accept": "application/json",
                "User-Agent": user_agent,
                "X-Voucherify-Channel": channel,
            },
        )

    def __repr__(self) -> str:
        return f"Requester(app_id={self._app_id!r}, app_token={self._app_token!r})"

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    async def aclose(self) -> None:
        await self._http.aclose()

    async def call(
        self,
        method: str,
        path: str,
        model: type[ModelT],
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        content: bytes | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        replay: Replay = Replay.SAFE,
    ) -> ModelT:
        """Send and parse the JSON answer into `model`."""
        response = await self.send(
            method,
            path,
            params=params,
            json_body=json_body,
            content=content,
            files=files,
            replay=replay,
        )
        try:
            return model.model_validate_json(response.content)
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise ResponseFormatError(
                f"the answer to {method} {path} is not a valid {model.__name__}: {_short(str(exc))}"
            ) from None

    async def send(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json_body: Any = None,
        content: bytes | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        replay: Replay = Replay.SAFE,
    ) -> httpx.Response:
        """Send with retries; return a 2xx response or raise a VoucherifyError.

        Retry listeners hear of each retry and, once the request is over, how it settled.
        """
        headers: dict[str, str] = {}
        if json_body is not None:
            content = encode_json(json_body)
        if content is not None and files is None:
            headers["Content-Type"] = "application/json"
        trail = self.retry_listeners.trail(method, path, self.retry.max_retries + 1)
        try:
            response = await self._send_with_retries(
                method, path, params, content, files, headers, replay, trail
            )
        except asyncio.CancelledError:
            trail.settle("cancelled")
            raise
        except BaseException:
            trail.settle("gave up")
            raise
        trail.settle("succeeded")
        return response

    async def _send_with_retries(
        self,
        method: str,
        path: str,
        params: QueryParams | None,
        content: bytes | None,
        files: Mapping[str, tuple[str, bytes, str]] | None,
        headers: dict[str, str],
        replay: Replay,
        trail: RetryTrail,
    ) -> httpx.Response:
        attempt = 0
        while True:
            request = self._http.build_request(
                method,
                path,
                params=tuple(params) if params else None,
                content=content if files is None else None,
                files=files,
                headers=headers,
            )
            started = time.perf_counter()
            try:
                response = await self._http.send(request, auth=self._keys)
            except httpx.RequestError as exc:
                delay = self._delay_after_error(exc, attempt, replay)
                if delay is None:
                    raise self._connection_error(exc, method, path) from None
                logger.debug(
                    "%s %s failed (%s); retry %d in %.2fs",
                    method,
                    path,
                    type(exc).__name__,
                    attempt + 1,
                    delay,
                )
                trail.retrying(_error_reason(exc), delay)
            else:
                await response.aread()
                await response.aclose()
                self.rate_limit.update(response.headers)
                logger.debug(
                    "%s %s -> %d (request %s, attempt %d, %.0f ms)",
                    method,
                    path,
                    response.status_code,
                    _request_id(response),
                    attempt + 1,
                    (time.perf_counter() - started) * 1000,
                )
                if response.is_success:
                    return response
                delay = self._delay_after_status(response, attempt, replay)
                if delay is None:
                    raise self._status_error(response, method, path)
                logger.debug(
                    "%s %s got %d; retry %d in %.2fs",
                    method,
                    path,
                    response.status_code,
                    attempt + 1,
                    delay,
                )
                trail.retrying(_status_reason(response.status_code), delay)
            await self.retry.sleep(delay)
            attempt += 1

    def _delay_after_error(self, exc: Exception, attempt: int, replay: Replay) -> float | None:
        if attempt >= self.retry.max_retries:
            return None
        retriable = _UNSENT_ERRORS if replay is Replay.ONLY_UNSENT else _TRANSIENT_ERRORS
        if not isinstance(exc, retriable):
            return None
        return self.retry.backoff(attempt)

    def _delay_after_status(
        self, response: httpx.Response, attempt: int, replay: Replay
    ) -> float | None:
        if attempt >= self.retry.max_retries or replay is not Replay.SAFE:
            return None
        if response.status_code not in RETRY_STATUSES:
            return None
        return self.retry.delay(attempt, _retry_after(response))

    def _connection_error(self, exc: Exception, method: str, path: str) -> APIConnectionError:
        kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        detail = self._redact(str(exc)) or type(exc).__name__
        text = "timed out" if kind is APITimeoutError else "could not reach the API"
        return kind(f"{text}: {detail}", method=method, path=path)

    def _status_error(self, response: httpx.Response, method: str, path: str) -> APIStatusError:
        status = response.status_code
        if response.is_redirect:
            return APIStatusError(
                status,
                message=f"the API answered {method} {path} with a redirect, which is not "
                "followed; check the base URL",
            )
        try:
            payload: Any = response.json()
        except ValueError:
            payload = None
        from vtui.api.models.error import ErrorBody

        body = ErrorBody.parse(payload)
        if not body.message and not body.details:
            body.message = response.reason_phrase or "no message"
        body.message = self._redact(body.message or "")
        # Every text that reaches str(error) or an attribute, not just the message.
        for name in ("details", "request_id", "key", "resource_id", "resource_type", "error"):
            value = getattr(body, name)
            if isinstance(value, str):
                setattr(body, name, self._redact(value))
        error = APIStatusError.from_body(status, body, retry_after=_retry_after(response))
        if isinstance(error, AuthenticationError):
            for listener in self.auth_listeners:
                listener(error)
        return error

    def _redact(self, text: str) -> str:
        """Belt and braces: the token never leaves in a message, even if echoed back.

        Tokens shorter than 8 characters are not real keys; masking them would mangle text.
        """
        secret = self._app_token.get_secret_value()
        return text.replace(secret, "**********") if len(secret) >= 8 else text


def encode_json(body: Any) -> bytes:
    """Compact UTF-8 JSON: the exact bytes sent, so size checks count what the API receives.

    Raises UnsendableValueError, naming the field, for a value JSON cannot carry.
    """
    from vtui.api.json_check import encode_checked

    return encode_checked(body)


def _status_reason(status: int) -> str:
    """Why a status is retried, as a person reads it: "503", "429 rate limited"."""
    return "429 rate limited" if status == 429 else str(status)


def _error_reason(exc: Exception) -> str:
    """Why a failed exchange is retried, without the error's text (it may quote the URL); read
    as "retrying … after a timeout"."""
    if isinstance(exc, httpx.TimeoutException):
        return "a timeout"
    if isinstance(exc, httpx.ConnectError):
        return "a failed connection"
    return "a dropped connection"


def _retry_after(response: httpx.Response) -> float | None:
    return retry_after_seconds(response.headers, use_reset=response.status_code == 429)


def _request_id(response: httpx.Response) -> str:
    for name in ("x-request-id", "x-voucherify-request-id"):
        if name in response.headers:
            return response.headers[name]
    if not response.is_success and response.content[:1] == b"{":
        try:
            value = response.json().get("request_id")
        except ValueError:
            value = None
        if isinstance(value, str):
            return value
    return "-"


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
