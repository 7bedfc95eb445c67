"""One error hierarchy for the client. Messages never carry a header, a token or a query string."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.api.models.error import ErrorBody


class VoucherifyError(Exception):
    """Base of every error the client raises."""


class APIConnectionError(VoucherifyError):
    """The request got no HTTP answer (refused, reset, DNS, TLS...)."""

    def __init__(self, message: str, *, method: str = "", path: str = "") -> None:
        self.method = method
        self.path = path
        where = f" ({method} {path})" if method else ""
        super().__init__(f"{message}{where}")


class APITimeoutError(APIConnectionError):
    """No answer within the client's timeout."""


class UnsendableValueError(VoucherifyError, ValueError):
    """A value JSON cannot carry (NaN, a lone surrogate, nesting too deep), refused before
    anything is sent. `path` names the field (`metadata.score`, `[3].metadata.a`)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class ResponseFormatError(VoucherifyError):
    """A 2xx answer that is not the JSON the reference promises."""


class APIStatusError(VoucherifyError):
    """The API answered with a 4xx or 5xx status."""

    def __init__(
        self,
        status: int,
        *,
        key: str | None = None,
        message: str = "",
        details: str | None = None,
        request_id: str | None = None,
        resource_id: str | None = None,
        resource_type: str | None = None,
    ) -> None:
        self.status = status
        self.key = key
        self.message = message
        self.details = details
        self.request_id = request_id
        self.resource_id = resource_id
        self.resource_type = resource_type
        super().__init__(self._render())

    def _render(self) -> str:
        head = f"[{self.status} {self.key}]" if self.key else f"[{self.status}]"
        text = self.details or self.message or "no message"
        tail = f" (request {self.request_id})" if self.request_id else ""
        return f"{head} {text}{tail}"

    @classmethod
    def from_body(
        cls, status: int, body: ErrorBody, *, retry_after: float | None = None
    ) -> APIStatusError:
        """Build the subclass that fits `status` from a parsed error body (any of three shapes)."""
        title = body.error if isinstance(body.error, str) else None
        error = _class_for(status)(
            status,
            key=body.key,
            message=body.message or title or "",
            details=body.details,
            request_id=body.request_id,
            resource_id=body.resource_id,
            resource_type=body.resource_type,
        )
        if isinstance(error, RateLimitError):
            error.retry_after = retry_after
        return error


class AuthenticationError(APIStatusError):
    """401: the app id / token pair is wrong or missing."""


class PermissionDeniedError(APIStatusError):
    """403: the keys are valid but not allowed to do this."""


class NotFoundError(APIStatusError):
    """404: no such customer or async action (ids and source_ids alike)."""


class ConflictError(APIStatusError):
    """409: a duplicate resource."""


class ValidationError(APIStatusError):
    """400 or 422: the API rejected the request's content."""


class PayloadTooLargeError(ValidationError):
    """413: the body is over the API's 10 MB cap."""


class RateLimitError(APIStatusError):
    """429: over the API limit; `retry_after` seconds (if the API said) until it resets."""

    retry_after: float | None = None


class ServerError(APIStatusError):
    """5xx: the API failed; safe requests were already retried."""


def _class_for(status: int) -> type[APIStatusError]:
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status == 409:
        return ConflictError
    if status == 413:
        return PayloadTooLargeError
    if status in (400, 422):
        return ValidationError
    if status == 429:
        return RateLimitError
    if status >= 500:
        return ServerError
    return APIStatusError
