"""What each customer async action does to the data, item by item, in chunks.

Each chunk is one transaction under the database lock, so requests interleave with a
100,000-row job. Every item is an upsert by source_id (CSV rows may also name an `id`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from vtui.sandbox import async_actions, csv_import, customers
from vtui.sandbox.customer_input import parse_fields
from vtui.sandbox.database import Database
from vtui.sandbox.errors import ApiError, not_found
from vtui.sandbox.timestamps import now_ms, to_iso

# Work per transaction: short enough that a request waiting for the lock barely notices.
CHUNK_SECONDS = 0.005
_REPORTS_KEPT = timedelta(days=7) // timedelta(milliseconds=1)


@dataclass
class Outcome:
    """What happened to one item: the report file's row."""

    source_id: str
    found: bool = False
    updated: bool = False
    error: ApiError | None = None
    row: int = 0


Step = Callable[[sqlite3.Connection, customers.Origin], Outcome]


def _details(error: ApiError) -> str:
    return str(error.body.get("details") or error.body.get("message") or "")


def _upsert(
    conn: sqlite3.Connection,
    source_id: str,
    fields: dict[str, Any],
    origin: customers.Origin,
    *,
    replace: bool = False,
    ident: str | None = None,
) -> Outcome:
    row = None
    if ident is not None:
        row = conn.execute("SELECT * FROM customers WHERE id = ?", (ident,)).fetchone()
        if row is None:
            return Outcome(source_id, error=not_found("customer", ident))
    elif source_id:
        row = conn.execute("SELECT * FROM customers WHERE source_id = ?", (source_id,)).fetchone()
    if row is None:
        customers.create(conn, fields, source_id=source_id or None, origin=origin)
        return Outcome(source_id, found=False, updated=True)
    if replace:
        customers.overwrite(conn, row, fields, origin=origin)
    else:
        customers.update(conn, row, fields, origin=origin)
    return Outcome(source_id, found=True, updated=True)


def _bulk_steps(data: Any) -> Iterator[Step]:
    for item in data:
        source_id = item.get("source_id") if isinstance(item, dict) else None

        def step(
            conn: sqlite3.Connection,
            origin: customers.Origin,
            item: Any = item,
            source_id: Any = source_id,
        ) -> Outcome:
            if not isinstance(source_id, str) or not source_id:
                return Outcome(
                    str(source_id or ""),
                    error=ApiError(
                        400,
                        {
                            "key": "invalid_payload",
                            "message": "Invalid payload",
                            "details": "Property .source_id is required and must be a string",
                        },
                    ),
                )
            try:
                fields = parse_fields(item)
            except ApiError as error:
                return Outcome(source_id, error=error)
            return _upsert(conn, source_id, fields, origin)

        yield step


def _metadata_steps(data: dict[str, Any]) -> Iterator[Step]:
    metadata = data["metadata"]
    for source_id in data["source_ids"]:

        def step(
            conn: sqlite3.Connection, origin: customers.Origin, source_id: str = source_id
        ) -> Outcome:
            row = conn.execute(
                "SELECT metadata FROM customers WHERE source_id = ?", (source_id,)
            ).fetchone()
            merged = dict(json.loads(row["metadata"] or "{}")) if row is not None else {}
            merged.update(metadata)  # keys merge into what the customer already has
            return _upsert(conn, source_id, {"metadata": merged}, origin)

        yield step


def _csv_steps(rows: list[csv_import.CsvRow]) -> Iterator[Step]:
    for parsed in rows:

        def step(
            conn: sqlite3.Connection, origin: customers.Origin, parsed: csv_import.CsvRow = parsed
        ) -> Outcome:
            if parsed.error is not None:
                outcome = Outcome(parsed.source_id, error=ApiError(400, {"details": parsed.error}))
            else:
                try:
                    fields = parse_fields(parsed.body)
                except ApiError as error:
                    outcome = Outcome(parsed.source_id, error=error)
                else:
                    outcome = _upsert(
                        conn,
                        parsed.source_id,
                        fields,
                        origin,
                        replace=True,
                        ident=parsed.body.get("id"),
                    )
            outcome.row = parsed.row
            return outcome

        yield step


class Abandoned(Exception):
    """The action vanished (a reset cleared the database): drop the rest of its work."""


def _ensure_current(conn: sqlite3.Connection, action: sqlite3.Row) -> None:
    """Checked under the lock at every transaction, so a reset can never be written over."""
    row = conn.execute(
        "SELECT 1 FROM async_actions WHERE seq = ? AND id = ?", (action["seq"], action["id"])
    ).fetchone()
    if row is None:
        raise Abandoned(action["id"])


def _apply(conn: sqlite3.Connection, step: Step, origin: customers.Origin) -> Outcome:
    """One item in its own savepoint: a failed item leaves no trace."""
    conn.execute("SAVEPOINT item")
    try:
        outcome = step(conn, origin)
    except sqlite3.IntegrityError as exc:
        duplicate = {
            "key": "duplicate_found",
            "message": "Duplicated resource found",
            "details": str(exc),
        }
        outcome = Outcome("", error=ApiError(409, duplicate))
    if outcome.error is not None:
        conn.execute("ROLLBACK TO item")
    conn.execute("RELEASE item")
    return outcome


def run(
    db: Database, conn: sqlite3.Connection, action: sqlite3.Row, pause: Callable[[], None]
) -> None:
    """Process one ENQUEUED action to DONE or FAILED, updating `progress` per chunk."""
    started = now_ms()
    with db.writing(conn):
        _ensure_current(conn, action)
        conn.execute(
            "UPDATE async_actions SET status = 'IN_PROGRESS', updated_at = ? WHERE seq = ?",
            (started, action["seq"]),
        )
    envelope = json.loads(action["payload"])
    kind = action["type"]
    try:
        if kind == async_actions.IMPORT_CSV:
            steps: list[Step] = list(_csv_steps(csv_import.parse(envelope["data"])))
        elif kind == async_actions.BULK_UPDATE:
            steps = list(_bulk_steps(envelope["data"]))
        else:
            steps = list(_metadata_steps(envelope["data"]))
    except csv_import.CsvError as exc:
        _finish(
            db,
            conn,
            action,
            started,
            "FAILED",
            None,
            {"message": str(exc), "failed": [], "done_count": 0, "failed_count": 0},
            b"",
        )
        return
    outcomes: list[Outcome] = []
    shown = 0
    while len(outcomes) < len(steps):
        pause()
        with db.writing(conn):
            _ensure_current(conn, action)
            deadline = time.perf_counter() + CHUNK_SECONDS
            while len(outcomes) < len(steps):
                origin = customers.Origin(action["request_id"], envelope["app_id"], now_ms())
                outcomes.append(_apply(conn, steps[len(outcomes)], origin))
                if time.perf_counter() >= deadline:
                    break
            percent = min(99, len(outcomes) * 100 // len(steps))
            if percent != shown:
                # Only when it moves: an UPDATE rewrites the whole row, payload included.
                shown = percent
                conn.execute(
                    "UPDATE async_actions SET progress = ?, updated_at = ? WHERE seq = ?",
                    (percent, now_ms(), action["seq"]),
                )
    failed = [o for o in outcomes if o.error is not None]
    done_count = len(outcomes) - len(failed)
    if kind == async_actions.IMPORT_CSV:
        result: dict[str, Any] = {
            "message": f"{done_count} customer(s) imported successfully, {len(failed)} failed.",
            "failed": [
                {"source_id": o.source_id, "row": o.row, "reason": _details(o.error)}
                for o in failed
                if o.error is not None
            ],
            "done_count": done_count,
            "failed_count": len(failed),
        }
        operation_status = None
    else:
        result = {
            "done_count": done_count,
            "failed_count": len(failed),
            "reports": [],
            "reports_available_till": to_iso(now_ms() + _REPORTS_KEPT),
            "errors": [
                {
                    "message": str(o.error.body.get("message", "Invalid payload")),
                    "details": _details(o.error),
                    "key": str(o.error.body.get("key", "invalid_payload")),
                    "source_id": o.source_id,
                }
                for o in failed
                if o.error is not None
            ],
        }
        operation_status = "FAILED" if failed and not done_count else "SUCCESS"
    _finish(db, conn, action, started, "DONE", operation_status, result, _report(outcomes))


def _report(outcomes: list[Outcome]) -> bytes:
    lines = ["source_id,found,updated,error"]
    for o in outcomes:
        error = _details(o.error).replace('"', '""') if o.error is not None else ""
        source = o.source_id.replace('"', '""')
        lines.append(f'"{source}",{str(o.found).lower()},{str(o.updated).lower()},"{error}"')
    return ("\n".join(lines) + "\n").encode()


def _finish(
    db: Database,
    conn: sqlite3.Connection,
    action: sqlite3.Row,
    started: int,
    status: str,
    operation_status: str | None,
    result: dict[str, Any],
    report: bytes,
) -> None:
    finished = max(now_ms(), started)
    with db.writing(conn):
        _ensure_current(conn, action)
        conn.execute(
            "UPDATE async_actions SET status = ?, operation_status = ?, progress = 100,"
            " processing_time = ?, result = ?, payload = ?, updated_at = ? WHERE seq = ?",
            (
                status,
                operation_status,
                finished - started,
                json.dumps(result),
                report,
                finished,
                action["seq"],
            ),
        )


def fail(db: Database, conn: sqlite3.Connection, action: sqlite3.Row, reason: str) -> None:
    """Mark a job FAILED after an unexpected error, so it never stays IN_PROGRESS."""
    started = action["updated_at"]
    result = {"message": reason, "done_count": 0, "failed_count": 0}
    _finish(
        db,
        conn,
        action,
        started,
        "FAILED",
        None if action["type"] == async_actions.IMPORT_CSV else "FAILED",
        result,
        b"",
    )
