"""Customer activity: events recorded for changes, and the activity list with its filters."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vtui.sandbox.errors import invalid_query
from vtui.sandbox.identifiers import event_id
from vtui.sandbox.query import parse_date, parse_limit
from vtui.sandbox.timestamps import to_iso

if TYPE_CHECKING:
    from vtui.sandbox.customers import Origin

# Segment moves are consequences of a change; the rest are the change itself.
_EFFECTS = frozenset({"customer.segment.entered", "customer.segment.left"})
CATEGORIES = ("ACTION", "EFFECT")
CAMPAIGN_TYPES = (
    "PROMOTION",
    "GIFT_VOUCHERS",
    "REFERRAL_PROGRAM",
    "DISCOUNT_COUPONS",
    "LOYALTY_PROGRAM",
)


def record(
    conn: sqlite3.Connection,
    customer_id: str,
    kind: str,
    customer: str,
    *,
    origin: Origin,
    segment: dict[str, str] | None = None,
) -> None:
    """Store one event in the reference's shape: `{data: {customer, segment?}, event_source}`.

    `customer` is the Customer object's JSON text, spliced in as is (a bulk job writes one
    event per row, so encoding it once matters).
    """
    source = json.dumps(
        {"channel": "API", "api_key": {"name": "API", "app_id": origin.app_id}},
        separators=(",", ":"),
    )
    extra = "" if segment is None else ',"segment":' + json.dumps(segment, separators=(",", ":"))
    data = f'{{"data":{{"customer":{customer}{extra}}},"event_source":{source}}}'
    conn.execute(
        "INSERT INTO events (id, customer_id, type, category, data, group_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            event_id(origin.now),
            customer_id,
            kind,
            "EFFECT" if kind in _EFFECTS else "ACTION",
            data,
            origin.request_id,
            origin.now,
        ),
    )


def list_page(
    conn: sqlite3.Connection, customer_id: str, params: Mapping[str, str]
) -> dict[str, Any]:
    """One page of a customer's activity, newest first unless `order=created_at`."""
    limit = parse_limit(params)
    order = params.get("order", "-created_at")
    if order not in ("created_at", "-created_at"):
        raise invalid_query("Property .order must be one of created_at, -created_at")
    where = ["customer_id = ?"]
    args: list[Any] = [customer_id]
    for name, column, allowed in (
        ("category", "category", CATEGORIES),
        ("campaign_type", "campaign_type", CAMPAIGN_TYPES),
        ("type", "type", None),
        ("campaign_id", "campaign_id", None),
    ):
        value = params.get(name)
        if value is None or value == "":
            continue
        if allowed is not None and value not in allowed:
            raise invalid_query(f"Property .{name} must be one of {', '.join(allowed)}")
        where.append(f"{column} = ?")
        args.append(value)
    start = parse_date(params, "start_date")
    if start is not None:
        where.append("created_at >= ?")
        args.append(start)
    end = parse_date(params, "end_date")
    if end is not None:
        where.append("created_at <= ?")
        args.append(end)
    descending = order == "-created_at"
    after_id = params.get("starting_after_id")
    if after_id:
        anchor = conn.execute(
            "SELECT created_at, seq FROM events WHERE id = ? AND customer_id = ?",
            (after_id, customer_id),
        ).fetchone()
        if anchor is None:
            raise invalid_query(f"Property .starting_after_id refers to no event: {after_id}")
        where.append(f"(created_at, seq) {'<' if descending else '>'} (?, ?)")
        args.extend((anchor["created_at"], anchor["seq"]))
    direction = "DESC" if descending else "ASC"
    rows = conn.execute(
        f"SELECT id, type, data, group_id, created_at FROM events WHERE {' AND '.join(where)}"
        f" ORDER BY created_at {direction}, seq {direction} LIMIT ?",
        (*args, limit + 1),
    ).fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    page: dict[str, Any] = {
        "object": "list",
        "data_ref": "data",
        "data": [
            {
                "id": row["id"],
                "type": row["type"],
                "data": json.loads(row["data"]),
                "created_at": to_iso(row["created_at"]),
                "group_id": row["group_id"],
            }
            for row in rows
        ],
        "has_more": has_more,
    }
    if has_more:
        page["more_starting_after"] = rows[-1]["id"]
    return page
