"""How ids and query parameters are written into URLs, in forms the API accepts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from urllib.parse import quote

from vtui.api.timestamps import format_timestamp

QueryParams = list[tuple[str, str]]
DateLike = datetime | date | str

MAX_LIMIT = 100


def path_segment(identifier: str) -> str:
    """Escape an id or source_id completely (`/` -> %2F, `@` -> %40); dot segments too."""
    if not isinstance(identifier, str) or not identifier:
        raise ValueError("a customer id or source_id must be a non-empty string")
    if identifier in (".", ".."):
        # httpx would resolve these as dot segments; %2E keeps them literal.
        return identifier.replace(".", "%2E")
    return quote(identifier, safe="")


def query_datetime(value: DateLike) -> str:
    """`2024-01-01T00:00:00.000Z`: UTC, milliseconds, `Z`. A date means midnight UTC.

    Naive datetimes are taken as UTC. Strings are parsed, so a typo fails here, not at the API.
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not an ISO-8601 date or datetime: {value!r}") from None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    value = value.replace(microsecond=value.microsecond - value.microsecond % 1000)
    return format_timestamp(value)


def check_limit(limit: int | None) -> None:
    """The API takes 1-100 per page; say so before sending rather than after."""
    if limit is None:
        return
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be an integer from 1 to {MAX_LIMIT}, got {limit!r}")


def check_page(page: int | None) -> None:
    if page is None:
        return
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= 99:
        raise ValueError(f"page must be an integer from 1 to 99, got {page!r}")


def deep_object(name: str, value: object) -> QueryParams:
    """Flatten a plain dict the deepObject way the reference shows.

    `{"voucher_type": {"conditions": {"$in": ["LOYALTY_CARD"]}}}` under `filters` becomes
    `filters[voucher_type][conditions][$in][0]=LOYALTY_CARD`.
    """
    pairs: QueryParams = []
    _flatten(name, value, pairs)
    return pairs


def _flatten(key: str, value: object, out: QueryParams) -> None:
    if value is None:
        return
    if isinstance(value, Mapping):
        for sub_key, sub_value in value.items():
            _flatten(f"{key}[{sub_key}]", sub_value, out)
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        for index, item in enumerate(value):
            _flatten(f"{key}[{index}]", item, out)
    else:
        out.append((key, scalar(value)))


def scalar(value: object) -> str:
    """One query value: datetimes in the API's form, booleans lower-case, the rest as str."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return query_datetime(value)
    return str(value)


def build_params(**values: object) -> QueryParams:
    """Query pairs from keyword values, dropping None; keys may be passed pre-bracketed."""
    return [(key, scalar(value)) for key, value in values.items() if value is not None]
