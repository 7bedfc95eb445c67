"""The API's size limit on bulk and import bodies, checked before anything is sent."""

from __future__ import annotations

MAX_BULK_BYTES = 10 * 1024 * 1024
"""Voucherify refuses a bulk, metadata or import body over 10 MB (413)."""


def check_size(size: int, what: str) -> None:
    """ValueError with the sizes and what to do, when `size` bytes is over the limit."""
    if size > MAX_BULK_BYTES:
        raise ValueError(
            f"{what} is {size} bytes; the API accepts at most {MAX_BULK_BYTES} bytes (10 MB). "
            "Split it into smaller batches."
        )
