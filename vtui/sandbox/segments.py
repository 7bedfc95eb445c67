"""Segments: the rule language of auto-update segments, and membership that follows writes.

A rule is `{"all": [{"field": "address.country", "op": "eq", "value": "Poland"}, ...]}`:
every condition must hold. `field` is a dotted path into the API's Customer object;
`op` is one of eq, ne, in, exists, missing, gte, lte, contains. An unreadable rule
matches nobody rather than everybody.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vtui.sandbox import activity

if TYPE_CHECKING:
    from vtui.sandbox.customers import Origin

_ABSENT = object()


def _lookup(customer: dict[str, Any], path: str) -> Any:
    value: Any = customer
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return _ABSENT
        value = value[part]
    return _ABSENT if value is None else value


def _ordered(left: Any, right: Any) -> bool:
    """True when the two values can be compared with < (numbers with numbers, text with text)."""
    numbers = (int, float)
    if isinstance(left, bool) or isinstance(right, bool):
        return False
    return (isinstance(left, numbers) and isinstance(right, numbers)) or (
        isinstance(left, str) and isinstance(right, str)
    )


def _holds(condition: Any, customer: dict[str, Any]) -> bool:
    if not isinstance(condition, dict) or not isinstance(condition.get("field"), str):
        return False
    value = _lookup(customer, condition["field"])
    op = condition.get("op")
    expected = condition.get("value")
    if op == "exists":
        return value is not _ABSENT
    if op == "missing":
        return value is _ABSENT
    if op == "eq":
        return value is not _ABSENT and value == expected
    if op == "ne":
        return value is _ABSENT or value != expected
    if op == "in":
        return value is not _ABSENT and isinstance(expected, list) and value in expected
    if op == "gte":
        return value is not _ABSENT and _ordered(value, expected) and value >= expected
    if op == "lte":
        return value is not _ABSENT and _ordered(value, expected) and value <= expected
    if op == "contains":
        if isinstance(value, str) and isinstance(expected, str):
            return expected in value
        return isinstance(value, list) and expected in value
    return False


@lru_cache(maxsize=256)
def _parsed(text: str) -> Any:
    """Rules are read on every write: parse each distinct rule text once."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def matches(rule: Any, customer: dict[str, Any]) -> bool:
    """Whether `customer` (the API's object) satisfies an auto-update segment's rule."""
    if isinstance(rule, str):
        rule = _parsed(rule)
    if not isinstance(rule, dict) or not isinstance(rule.get("all"), list):
        return False
    return all(_holds(condition, customer) for condition in rule["all"])


def _auto_segments(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT id, name, filter FROM segments WHERE type = 'auto-update' ORDER BY created_at, id"
    ).fetchall()


def refresh(conn: sqlite3.Connection, row: sqlite3.Row, text: str, *, origin: Origin) -> None:
    """Re-evaluate the auto-update segments for one customer (`text`: its JSON); record each
    entry and exit."""
    current = {
        r["segment_id"]
        for r in conn.execute(
            "SELECT segment_id FROM segment_members WHERE customer_seq = ?", (row["seq"],)
        )
    }
    autos = _auto_segments(conn)
    customer = json.loads(text) if autos else {}
    for segment in autos:
        inside = matches(segment["filter"], customer)
        if inside == (segment["id"] in current):
            continue
        if inside:
            conn.execute(
                "INSERT OR IGNORE INTO segment_members (segment_id, created_at, customer_seq)"
                " VALUES (?, ?, ?)",
                (segment["id"], row["created_at"], row["seq"]),
            )
        else:
            conn.execute(
                "DELETE FROM segment_members"
                " WHERE segment_id = ? AND created_at = ? AND customer_seq = ?",
                (segment["id"], row["created_at"], row["seq"]),
            )
        kind = "customer.segment.entered" if inside else "customer.segment.left"
        ref = {"id": segment["id"], "name": segment["name"], "object": "segment"}
        activity.record(conn, row["id"], kind, text, origin=origin, segment=ref)


def of_customer(conn: sqlite3.Connection, seq: int) -> list[dict[str, str]]:
    rows = conn.execute(
        "SELECT s.id, s.name FROM segment_members m JOIN segments s ON s.id = m.segment_id"
        " WHERE m.customer_seq = ? ORDER BY s.created_at, s.id",
        (seq,),
    ).fetchall()
    return [{"id": r["id"], "name": r["name"], "object": "segment"} for r in rows]


def qualifying(conn: sqlite3.Connection, customer: dict[str, Any]) -> list[dict[str, str]]:
    """Segments an unknown customer would join: /segments never answers 404."""
    return [
        {"id": s["id"], "name": s["name"], "object": "segment"}
        for s in _auto_segments(conn)
        if matches(s["filter"], customer)
    ]
