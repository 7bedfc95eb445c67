"""The three error bodies the API sends, folded into one shape."""

from __future__ import annotations

from typing import Any

from vtui.api.models.base import APIModel


class ErrorDetail(APIModel):
    message: str | None = None


class ErrorBody(APIModel):
    """Standard `{code, key, message, details, request_id, ...}`; 413 and 429 shapes fit too.

    413 is `{statusCode, error: str, message}`; 429 is `{code: "429", message}` (code a string).
    """

    code: int | str | None = None
    key: str | None = None
    message: str | None = None
    details: str | None = None
    request_id: str | None = None
    resource_id: str | None = None
    resource_type: str | None = None
    error: ErrorDetail | str | None = None
    statusCode: int | None = None  # the API's own name in the 413 body

    @classmethod
    def parse(cls, payload: Any) -> ErrorBody:
        """Parse any JSON value; a non-object (or a malformed object) yields an empty body."""
        if not isinstance(payload, dict):
            return cls()
        try:
            return cls.model_validate(payload)
        except ValueError:
            return cls(
                message=str(payload["message"]) if "message" in payload else None,
                key=payload["key"] if isinstance(payload.get("key"), str) else None,
            )

    @property
    def summary(self) -> str:
        """The most useful one-line text: details, else message, else the 413 error title."""
        title = self.error if isinstance(self.error, str) else None
        if self.details:
            return self.details
        if self.message and title:
            return f"{title}: {self.message}"
        return self.message or title or ""
