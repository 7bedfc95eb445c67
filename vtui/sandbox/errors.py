"""Voucherify's error bodies, raised as one exception type and rendered by the app."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error response: `status` and the body minus `request_id` (added when rendered)."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(f"{status} {body.get('key', body.get('error', ''))}")
        self.status = status
        self.body = body
        self.headers = headers or {}


def not_found(resource_type: str, resource_id: str) -> ApiError:
    return ApiError(
        404,
        {
            "code": 404,
            "key": "not_found",
            "message": "Resource not found",
            "details": f"Cannot find {resource_type} with id {resource_id}",
            "resource_id": resource_id,
            "resource_type": resource_type,
        },
    )


def invalid_query(details: str) -> ApiError:
    return ApiError(
        400,
        {
            "code": 400,
            "key": "invalid_query_params",
            "message": "Invalid query params",
            "details": details,
        },
    )


def invalid_payload(details: str) -> ApiError:
    return ApiError(
        400,
        {"code": 400, "key": "invalid_payload", "message": "Invalid payload", "details": details},
    )


def too_large(limit: int) -> ApiError:
    """The 413 in the framework-style `BadRequest` shape, as the bulk endpoints document it."""
    return ApiError(
        413,
        {
            "statusCode": 413,
            "error": "Request Entity Too Large",
            "message": f"Payload content length greater than maximum allowed: {limit}",
        },
    )


def rate_limited(retry_after: int) -> ApiError:
    """The 429 as the bulk endpoints document it: `code` is the string "429"."""
    return ApiError(
        429,
        {"code": "429", "message": "Too many requests hit the API too quickly."},
        {"Retry-After": str(retry_after), "X-Rate-Limit-Type": "api_calls"},
    )


def plain(status: int, key: str, message: str, details: str) -> ApiError:
    return ApiError(status, {"code": status, "key": key, "message": message, "details": details})
