"""The async Voucherify client (httpx + pydantic). Never imports textual.

Public names load lazily, so `import vtui.api` stays cheap until a name is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vtui.lazy_names import lazy_names

if TYPE_CHECKING:
    from vtui.api.client import DEFAULT_BASE_URL, VoucherifyClient
    from vtui.api.customer_query import CustomerListQuery
    from vtui.api.errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        ConflictError,
        NotFoundError,
        PayloadTooLargeError,
        PermissionDeniedError,
        RateLimitError,
        ResponseFormatError,
        ServerError,
        UnsendableValueError,
        ValidationError,
        VoucherifyError,
    )
    from vtui.api.limits import MAX_BULK_BYTES
    from vtui.api.models import (
        ActivityPage,
        Address,
        AsyncAction,
        AsyncActionList,
        AsyncActionRef,
        AsyncActionStatus,
        Customer,
        CustomerActivity,
        CustomerBulkUpdate,
        CustomerCreate,
        CustomerMetadataBulkUpdate,
        CustomerPage,
        CustomerRedeemable,
        CustomerUpdate,
        PermanentDeletion,
        RedeemablePage,
        Segment,
        SegmentList,
    )
    from vtui.api.rate_limit import RateLimit
    from vtui.api.retry import RetryPolicy
    from vtui.api.retry_notice import RetryEvent, RetryListener, RetryNotice, RetrySettled
    from vtui.api.rows import CustomerRow, CustomerRows

_WHERE = {
    **dict.fromkeys(["CustomerRow", "CustomerRows"], "vtui.api.rows"),
    "CustomerListQuery": "vtui.api.customer_query",
    "VoucherifyClient": "vtui.api.client",
    "DEFAULT_BASE_URL": "vtui.api.client",
    "MAX_BULK_BYTES": "vtui.api.limits",
    "RateLimit": "vtui.api.rate_limit",
    "RetryPolicy": "vtui.api.retry",
    **dict.fromkeys(
        ["RetryEvent", "RetryListener", "RetryNotice", "RetrySettled"], "vtui.api.retry_notice"
    ),
    **dict.fromkeys(
        [
            "APIConnectionError",
            "APIStatusError",
            "APITimeoutError",
            "AuthenticationError",
            "ConflictError",
            "NotFoundError",
            "PayloadTooLargeError",
            "PermissionDeniedError",
            "RateLimitError",
            "ResponseFormatError",
            "ServerError",
            "UnsendableValueError",
            "ValidationError",
            "VoucherifyError",
        ],
        "vtui.api.errors",
    ),
    **dict.fromkeys(
        [
            "ActivityPage",
            "Address",
            "AsyncAction",
            "AsyncActionList",
            "AsyncActionRef",
            "AsyncActionStatus",
            "Customer",
            "CustomerActivity",
            "CustomerBulkUpdate",
            "CustomerCreate",
            "CustomerMetadataBulkUpdate",
            "CustomerPage",
            "CustomerRedeemable",
            "CustomerUpdate",
            "PermanentDeletion",
            "RedeemablePage",
            "Segment",
            "SegmentList",
        ],
        "vtui.api.models",
    ),
}

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_BULK_BYTES",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ActivityPage",
    "Address",
    "AsyncAction",
    "AsyncActionList",
    "AsyncActionRef",
    "AsyncActionStatus",
    "AuthenticationError",
    "ConflictError",
    "Customer",
    "CustomerActivity",
    "CustomerBulkUpdate",
    "CustomerCreate",
    "CustomerListQuery",
    "CustomerMetadataBulkUpdate",
    "CustomerPage",
    "CustomerRedeemable",
    "CustomerRow",
    "CustomerRows",
    "CustomerUpdate",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermanentDeletion",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "RedeemablePage",
    "ResponseFormatError",
    "RetryEvent",
    "RetryListener",
    "RetryNotice",
    "RetryPolicy",
    "RetrySettled",
    "Segment",
    "SegmentList",
    "ServerError",
    "UnsendableValueError",
    "ValidationError",
    "VoucherifyClient",
    "VoucherifyError",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, __all__)
