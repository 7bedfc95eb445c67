"""Async actions as rows and as the API's objects: enqueue, get, list."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from vtui.sandbox.identifiers import async_action_id
from vtui.sandbox.query import parse_date, parse_limit
from vtui.sandbox.timestamps import to_iso

IMPORT_CSV = "CUSTOMERS.IMPORT_CSV"
BULK_UPDATE = "CUSTOMERS.BULK_UPDATE"
METADATA_UPDATE = "CUSTOMERS.METADATA_UPDATE"
# The newer bulk types report `operation_status`; the CSV import does not.
_WITH_OPERATION_STATUS = frozenset({BULK_UPDATE, METADATA_UPDATE})
# Everything but `payload`, which can be megabytes: only the job runner reads it.
_COLUMNS = (
    "seq, id, type, status, operation_status, progress, request_id, processing_time, result,"
    " created_at, updated_at"
)


def enqueue(
    conn: sqlite3.Connection, kind: str, data: Any, *, app_id: str, request_id: str, now: int
) -> str:
    """Queue a job; the runner picks jobs up in insertion order."""
    action_id = async_action_id(now)
    payload = json.dumps({"app_id": app_id, "data": data}, separators=(",", ":"))
    conn.execute(
        "INSERT INTO async_actions (id, type, status, progress, request_id, payload,"
        " created_at, updated_at) VALUES (?, ?, 'ENQUEUED', 0, ?, ?, ?, ?)",
        (action_id, kind, request_id, payload.encode(), now, now),
    )
    return action_id


def find(conn: sqlite3.Connection, action_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        f"SELECT {_COLUMNS} FROM async_actions WHERE id = ?", (action_id,)
    ).fetchone()
    return row


def report(conn: sqlite3.Connection, action_id: str) -> bytes | None:
    """The CSV report of a finished job (kept in `payload` once the input is processed)."""
    row = conn.execute(
        "SELECT payload FROM async_actions WHERE id = ? AND status IN ('DONE', 'FAILED')",
        (action_id,),
    ).fetchone()
    return None if row is None else bytes(row["payload"] or b"")


def to_json(row: sqlite3.Row, *, report_url: str | None = None) -> dict[str, Any]:
    """The AsyncAction object; `report_url` given means "with `result`" (GET one)."""
    out: dict[str, Any] = {"id": row["id"], "type": row["type"], "status": row["status"]}
    if row["type"] in _WITH_OPERATION_STATUS and row["operation_status"] is not None:
        out["operation_status"] = row["operation_status"]
    if report_url is not None and row["result"] is not None:
        result = json.loads(row["result"])
        if "reports" in result:
            result["reports"] = [report_url]
        out["result"] = result
    out["created_at"] = to_iso(row["created_at"])
    out["updated_at"] = to_iso(row["updated_at"])
    out["request_id"] = row["request_id"]
    out["progress"] = row["progress"]
    if row["processing_time"] is not None:
        out["processing_time"] = row["processing_time"]
    out["object"] = "async_action"
    return out


def list_page(conn: sqlite3.Connection, params: Mapping[str, str]) -> dict[str, Any]:
    """Newest first; `end_date` keeps actions scheduled before it. Items carry no `result`."""
    limit = parse_limit(params)
    end = parse_date(params, "end_date")
    where, args = ("WHERE created_at < ?", [end]) if end is not None else ("", [])
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM async_actions {where} ORDER BY created_at DESC, seq DESC LIMIT ?",
        (*args, limit + 1),
    ).fetchall()
    return {
        "object": "list",
        "data_ref": "async_actions",
        "async_actions": [to_json(row) for row in rows[:limit]],
        "has_more": len(rows) > limit,
    }
