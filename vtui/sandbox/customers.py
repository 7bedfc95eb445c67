"""Customers as rows and as the API's objects, and every write to them.

Writes go through `create`, `update` and `remove`, so that activity events and the
membership of auto-update segments follow every change, whoever made it (request or job).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from vtui.sandbox import activity, segments
from vtui.sandbox.customer_input import CUSTOMER_FIELDS
from vtui.sandbox.identifiers import customer_id
from vtui.sandbox.timestamps import to_iso

_TEXT_KEYS = ("name", "description", "email", "phone", "birthdate", "birthday")
_EMPTY_SUMMARY = {
    "redemptions": {
        "total_redeemed": 0,
        "total_failed": 0,
        "total_succeeded": 0,
        "total_rolled_back": 0,
        "total_rollback_failed": 0,
        "total_rollback_succeeded": 0,
        "gift": {"redeemed_amount": 0, "amount_to_go": 0},
        "loyalty_card": {"redeemed_points": 0, "points_to_go": 0},
    },
    "orders": {"total_amount": 0, "total_count": 0, "average_amount": 0, "last_order_amount": 0},
}
_EMPTY_LOYALTY = {"points": 0, "referred_customers": 0, "campaigns": {}}
_EMPTY_REFERRALS = {"total": 0, "campaigns": []}
# Encoded once: every new customer starts with the same counters.
_NEW_COLUMNS = {
    "summary": json.dumps(_EMPTY_SUMMARY, separators=(",", ":")),
    "loyalty": json.dumps(_EMPTY_LOYALTY, separators=(",", ":")),
    "referrals": json.dumps(_EMPTY_REFERRALS, separators=(",", ":")),
    "system_metadata": "{}",
}


@dataclass(frozen=True)
class Origin:
    """Who caused a change: becomes the activity's `group_id` and `event_source`."""

    request_id: str
    app_id: str
    now: int


def find(conn: sqlite3.Connection, ident: str) -> sqlite3.Row | None:
    """The customer with this id, else with this source_id (ids win: they carry `cust_`)."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM customers WHERE id = ?", (ident,)
    ).fetchone()
    if row is None:
        row = conn.execute("SELECT * FROM customers WHERE source_id = ?", (ident,)).fetchone()
    return row


def encode(row: sqlite3.Row) -> str:
    """The API's Customer object as JSON text; unset scalars are omitted, as in the reference.

    The JSON columns already hold the API's shapes, so they are spliced in as stored rather
    than parsed and re-encoded: a list page of 100 stays cheap.
    """
    dumps = json.dumps
    parts = [f'"id":{dumps(row["id"])}']
    for key in ("source_id", *_TEXT_KEYS):
        if row[key] is not None:
            parts.append(f'"{key}":{dumps(row[key])}')
    address = row["address"]
    if address is not None and "null" in address:
        # Unset address lines are omitted: the docs spec types them as plain strings.
        lines = json.loads(address)
        address = dumps({k: v for k, v in lines.items() if v is not None})
    parts.append(f'"address":{address or "null"}')
    for key in ("summary", "loyalty", "referrals"):
        parts.append(f'"{key}":{row[key]}')
    if row["metadata"] is not None:
        parts.append(f'"metadata":{row["metadata"]}')
    parts.append(f'"system_metadata":{row["system_metadata"]}')
    parts.append(f'"created_at":"{to_iso(row["created_at"])}"')
    if row["updated_at"] is not None:
        parts.append(f'"updated_at":"{to_iso(row["updated_at"])}"')
    parts.append('"object":"customer"')
    return "{" + ",".join(parts) + "}"


def to_json(row: sqlite3.Row) -> dict[str, Any]:
    """The API's Customer object as a dict (for event payloads and single responses)."""
    customer: dict[str, Any] = json.loads(encode(row))
    return customer


def _columns(fields: dict[str, Any]) -> dict[str, Any]:
    """Column values for the given API fields (JSON-encoded where the schema says so)."""
    cols: dict[str, Any] = {}
    for key, value in fields.items():
        if key in ("address", "metadata"):
            cols[key] = (
                None if value is None else json.dumps(value, separators=(",", ":"), allow_nan=False)
            )
            if key == "address":
                cols["city"] = (value or {}).get("city")
        elif key in CUSTOMER_FIELDS:
            cols[key] = value
    return cols


def _get(conn: sqlite3.Connection, seq: int) -> sqlite3.Row:
    row: sqlite3.Row = conn.execute("SELECT * FROM customers WHERE seq = ?", (seq,)).fetchone()
    return row


def create(
    conn: sqlite3.Connection, fields: dict[str, Any], *, source_id: str | None, origin: Origin
) -> sqlite3.Row:
    """Insert a new customer (no `updated_at`), then record and classify it."""
    cols = _columns(fields)
    cols.update(_NEW_COLUMNS)
    cols.update(id=customer_id(), source_id=source_id, created_at=origin.now, touched_at=origin.now)
    names = ", ".join(cols)
    marks = ", ".join("?" for _ in cols)
    cursor = conn.execute(f"INSERT INTO customers ({names}) VALUES ({marks})", tuple(cols.values()))
    assert cursor.lastrowid is not None
    row = _get(conn, cursor.lastrowid)
    _after_write(conn, row, "customer.created", origin)
    return row


def update(
    conn: sqlite3.Connection, row: sqlite3.Row, fields: dict[str, Any], *, origin: Origin
) -> sqlite3.Row:
    """Set the given fields (null clears), stamp `updated_at`, then record and classify."""
    cols = _columns(fields)
    cols.update(updated_at=origin.now, touched_at=origin.now)
    assignments = ", ".join(f"{name} = ?" for name in cols)
    conn.execute(f"UPDATE customers SET {assignments} WHERE seq = ?", (*cols.values(), row["seq"]))
    row = _get(conn, row["seq"])
    _after_write(conn, row, "customer.updated", origin)
    return row


def overwrite(
    conn: sqlite3.Connection, row: sqlite3.Row, fields: dict[str, Any], *, origin: Origin
) -> sqlite3.Row:
    """Replace every customer field (CSV import by source_id): unset ones become null."""
    full = {key: fields.get(key) for key in CUSTOMER_FIELDS}
    return update(conn, row, full, origin=origin)


def _after_write(conn: sqlite3.Connection, row: sqlite3.Row, kind: str, origin: Origin) -> None:
    text = encode(row)
    activity.record(conn, row["id"], kind, text, origin=origin)
    segments.refresh(conn, row, text, origin=origin)


def remove(conn: sqlite3.Connection, row: sqlite3.Row, *, origin: Origin) -> None:
    """Delete a customer with their related data, leaving one `customer.deleted` event."""
    text = encode(row)
    _erase_related(conn, row)
    conn.execute("DELETE FROM customers WHERE seq = ?", (row["seq"],))
    activity.record(conn, row["id"], "customer.deleted", text, origin=origin)


def erase(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, int]:
    """Forget a customer entirely; returns the counts for the permanent deletion's `data_json`."""
    counts = _erase_related(conn, row)
    conn.execute("DELETE FROM customers WHERE seq = ?", (row["seq"],))
    return {
        "events": counts["events"],
        "customer_events": counts["events"],
        "daily_events": 0,
        "segments": counts["segments"],
        "orders": 0,
        "order_events": 0,
        "customer": 1,
    }


def _erase_related(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, int]:
    events = conn.execute("DELETE FROM events WHERE customer_id = ?", (row["id"],)).rowcount
    conn.execute("DELETE FROM redeemables WHERE customer_id = ?", (row["id"],))
    members = conn.execute(
        "DELETE FROM segment_members WHERE customer_seq = ?", (row["seq"],)
    ).rowcount
    return {"events": events, "segments": members}
