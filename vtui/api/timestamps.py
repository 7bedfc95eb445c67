"""The API's timestamp form, `2022-08-30T06:32:07.380Z`, with no pydantic (query strings and
the cursor use it before any model is loaded)."""

from __future__ import annotations

from datetime import UTC, datetime


def format_timestamp(value: datetime) -> str:
    """Render like the API does: UTC, millisecond precision, `Z` (microseconds kept if present)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if value.microsecond % 1000:
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_timestamp(value: str) -> datetime:
    """The API's timestamps back into aware datetimes (`Z` or an offset)."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
