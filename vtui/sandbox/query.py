"""Query-string parameters shared by the list endpoints, with Voucherify's 400 on bad ones."""

from __future__ import annotations

from collections.abc import Mapping

from vtui.sandbox.errors import invalid_query
from vtui.sandbox.timestamps import parse_datetime


def parse_int(params: Mapping[str, str], name: str, low: int, high: int, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise invalid_query(f"Property .{name} must be an integer") from None
    if not low <= value <= high:
        raise invalid_query(f"Property .{name} must be between {low} and {high}")
    return value


def parse_limit(params: Mapping[str, str], default: int = 10) -> int:
    return parse_int(params, "limit", 1, 100, default)


def parse_date(params: Mapping[str, str], name: str) -> int | None:
    """Epoch ms of a datetime query parameter, None when absent."""
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    value = parse_datetime(raw)
    if value is None:
        raise invalid_query(f"Property .{name} cannot be recognized as a ISO-8601 compliant date")
    return value
