"""GET /v1/customers/{id}/redeemables: the `rh_` id cursor and deepObject `filters[...]`.

Filters arrive as `filters[holder_role][conditions][$in][0]=OWNER` (deepObject) or, from
the official Python SDK, as `filters[...][$in]=['OWNER', 'REFEREE']` (a Python repr) with
unset keys sent as the literal `None`; all of these are understood.
"""

from __future__ import annotations

import ast
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from vtui.sandbox.errors import invalid_query
from vtui.sandbox.query import parse_limit
from vtui.sandbox.timestamps import now_ms, parse_datetime, to_iso

_KEY = re.compile(r"^filters\[([a-z_]+)\](?:\[conditions\]\[(\$[a-z_]+)\](?:\[(\d+)\])?)?$")
_TEXT_COLUMNS = frozenset(
    {
        "id",
        "redeemable_id",
        "redeemable_object",
        "holder_role",
        "campaign_id",
        "campaign_type",
        "voucher_type",
    }
)
_TEXT_OPS = frozenset(
    {
        "$in",
        "$not_in",
        "$is",
        "$is_not",
        "$has_value",
        "$is_unknown",
        "$starts_with",
        "$ends_with",
        "$contains",
        "$not_contain",
    }
)
_DATE_OPS = frozenset(
    {"$after", "$before", "$has_value", "$is_unknown", "$more_than", "$less_than"}
)
_DAY_MS = 86_400_000


def _values(raw: list[str]) -> list[str]:
    """List values from indexed keys or from one Python-repr / comma-separated string."""
    if len(raw) == 1:
        text = raw[0].strip()
        if text.startswith("["):
            try:
                parsed = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                raise invalid_query(f"Cannot read the list {text!r} in filters") from None
            if isinstance(parsed, list):
                return [str(item) for item in parsed]
    return raw


def parse_filters(items: Iterable[tuple[str, str]]) -> tuple[list[tuple[str, str, list[str]]], str]:
    """(field, operator, values) conditions and the junction from raw query pairs."""
    found: dict[tuple[str, str], list[str]] = {}
    junction = "and"
    for key, value in items:
        if not key.startswith("filters["):
            continue
        match = _KEY.match(key)
        if match is None:
            raise invalid_query(f"Unknown filter parameter {key}")
        field, op, _index = match.groups()
        if value == "None":  # the SDK's from_dict sends every unset key like this
            continue
        if field == "junction" and op is None:
            if value.lower() not in ("and", "or"):
                raise invalid_query("Property .filters.junction must be one of and, or")
            junction = value.lower()
            continue
        if op is None:
            raise invalid_query(f"Filter {key} needs [conditions][$operator]")
        if field != "created_at" and field not in _TEXT_COLUMNS:
            raise invalid_query(f"Unknown filter field {field}")
        allowed = _DATE_OPS if field == "created_at" else _TEXT_OPS
        if op not in allowed:
            raise invalid_query(f"Operator {op} is not allowed for filter {field}")
        found.setdefault((field, op), []).append(value)
    return [(field, op, _values(raw)) for (field, op), raw in found.items()], junction


def _condition(field: str, op: str, values: list[str]) -> tuple[str, list[Any]]:
    if op == "$has_value":
        return f"{field} IS NOT NULL", []
    if op == "$is_unknown":
        return f"{field} IS NULL", []
    if field == "created_at":
        if op in ("$after", "$before"):
            moment = parse_datetime(values[0])
            if moment is None:
                raise invalid_query(f"filters[created_at][conditions][{op}] is not a date")
            return f"created_at {'>' if op == '$after' else '<'} ?", [moment]
        try:
            days = int(values[0])
        except ValueError:
            raise invalid_query(
                f"filters[created_at][conditions][{op}] must be an integer"
            ) from None
        cutoff = now_ms() - days * _DAY_MS
        return f"created_at {'<' if op == '$more_than' else '>'} ?", [cutoff]
    if op in ("$in", "$not_in"):
        marks = ", ".join("?" for _ in values) or "NULL"
        return f"{field} {'IN' if op == '$in' else 'NOT IN'} ({marks})", list(values)
    value = values[0]
    like = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return {
        "$is": (f"{field} = ?", [value]),
        "$is_not": (f"{field} IS NOT ?", [value]),
        "$starts_with": (f"{field} LIKE ? ESCAPE '\\'", [like + "%"]),
        "$ends_with": (f"{field} LIKE ? ESCAPE '\\'", ["%" + like]),
        "$contains": (f"{field} LIKE ? ESCAPE '\\'", ["%" + like + "%"]),
        "$not_contain": (f"{field} NOT LIKE ? ESCAPE '\\'", ["%" + like + "%"]),
    }[op]


def list_page(
    conn: sqlite3.Connection,
    customer_id: str,
    params: Mapping[str, str],
    items: Iterable[tuple[str, str]],
) -> dict[str, Any]:
    limit = parse_limit(params)
    order = params.get("order") or "id"
    if order not in ("id", "-id", "created_at", "-created_at"):
        raise invalid_query("Property .order must be one of id, -id")
    conditions, junction = parse_filters(items)
    parts: list[str] = []
    args: list[Any] = []
    for field, op, values in conditions:
        sql, extra = _condition(field, op, values)
        parts.append(sql)
        args.extend(extra)
    where = ["customer_id = ?"]
    base_args: list[Any] = [customer_id]
    if parts:
        where.append("(" + f" {junction.upper()} ".join(parts) + ")")
        base_args.extend(args)
    total = int(
        conn.execute(
            f"SELECT COUNT(*) FROM redeemables WHERE {' AND '.join(where)}", base_args
        ).fetchone()[0]
    )
    descending = order.startswith("-")
    after = params.get("starting_after_id")
    if after:
        where.append(f"id {'<' if descending else '>'} ?")
        base_args.append(after)
    direction = "DESC" if descending else "ASC"
    rows = conn.execute(
        f"SELECT * FROM redeemables WHERE {' AND '.join(where)} ORDER BY id {direction} LIMIT ?",
        (*base_args, limit + 1),
    ).fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    page: dict[str, Any] = {
        "object": "list",
        "data_ref": "data",
        "data": [_to_json(row) for row in rows],
        "total": total,
        "has_more": has_more,
    }
    if has_more:
        page["more_starting_after"] = rows[-1]["id"]
    return page


def _to_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "created_at": to_iso(row["created_at"]),
        "redeemable_id": row["redeemable_id"],
        "redeemable_object": row["redeemable_object"],
        "customer_id": row["customer_id"],
        "holder_role": row["holder_role"],
        "campaign_id": row["campaign_id"],
        "campaign_type": row["campaign_type"],
        "voucher_type": row["voucher_type"],
        "redeemable": {
            "type": row["redeemable_object"],
            "voucher": json.loads(row["voucher"]),
            "status": row["status"],
        },
    }
