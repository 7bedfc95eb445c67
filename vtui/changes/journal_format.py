"""The journal's line format: one JSON object per line, `type` first and a checksum
(`sum`) last, and the defensive reader of a whole journal file.

`parse` takes the file as bytes and never raises: a line it cannot trust (cut short, not
UTF-8, not JSON, a wrong shape, a bad checksum) becomes a `Problem` and is skipped, and a
good line glued to the end of a cut one is still found. No Textual, no I/O.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

UNDOABLE_ACTIONS = frozenset(
    {"create", "update", "delete", "bulk_update", "import_csv", "metadata_update"}
)
ACTIONS = UNDOABLE_ACTIONS | {"delete_permanently"}
OUTCOMES = ("done", "failed", "unknown")
"""done: the server answered yes; failed: it answered no (nothing changed); unknown: no
answer (a timeout, a dropped connection), so the change may or may not have landed."""
_START = b'{"type":"'


@dataclass
class Entry:
    """One change: `customers` holds {id, source_id, before, after} per customer touched
    (`after` is what the change was meant to leave; the outcome replaces it by what the
    server answered, when it answered)."""

    id: str
    at: str
    profile: str
    action: str
    summary: str
    customers: list[dict[str, Any]] = field(default_factory=list)
    undoable: bool = True
    note: str | None = None
    async_action_id: str | None = None
    outcome: str | None = None
    """None while the request is in flight (or was when vtui stopped); else one of OUTCOMES."""
    outcome_message: str | None = None
    undone_at: str | None = None
    undo_message: str | None = None

    @property
    def state(self) -> str:
        """undone, interrupted (no outcome, or an unknown one), failed, or done."""
        if self.undone_at:
            return "undone"
        if self.outcome in (None, "unknown"):
            return "interrupted"
        return "failed" if self.outcome == "failed" else "done"

    def intent(self) -> dict[str, Any]:
        return {
            "type": "intent",
            "id": self.id,
            "at": self.at,
            "profile": self.profile,
            "action": self.action,
            "summary": self.summary,
            "customers": self.customers,
            "undoable": self.undoable,
            "note": self.note,
            "async_action_id": self.async_action_id,
        }

    def to_json(self) -> dict[str, Any]:
        out = self.intent()
        del out["type"]
        out.update(
            state=self.state,
            outcome=self.outcome,
            outcome_message=self.outcome_message,
            undone_at=self.undone_at,
            undo_message=self.undo_message,
        )
        return out


@dataclass(frozen=True)
class Problem:
    """A journal line that was skipped, and why (`line` counts from 1)."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class Contents:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def checksum(record: dict[str, Any]) -> str:
    """sha256 of the record's canonical JSON (keys sorted, no spaces), `sum` left out."""
    body = {k: v for k, v in record.items() if k != "sum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def encode(record: dict[str, Any]) -> bytes:
    """A record as its journal line: `type` first (the reader finds lines by it), `sum` last."""
    ordered = {"type": record["type"], **record, "sum": checksum(record)}
    text = json.dumps(ordered, ensure_ascii=True, separators=(",", ":"))
    return text.encode("ascii") + b"\n"


def parse(data: bytes) -> Contents:
    out = Contents()
    changes: dict[str, Entry] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        for record, problem in _records(raw):
            if problem is not None:
                out.problems.append(Problem(number, problem))
            elif record is not None:
                reason = _apply(record, changes)
                if reason:
                    out.problems.append(Problem(number, reason))
    out.entries = list(changes.values())
    return out


def _records(raw: bytes) -> list[tuple[dict[str, Any] | None, str | None]]:
    """The records in one line: normally one; after a cut line, the good line glued to it."""
    record, problem = _record(raw.strip())
    if problem is None:
        return [(record, None)]
    found: list[tuple[dict[str, Any] | None, str | None]] = [(None, problem)]
    start = raw.find(_START, 1)
    while start != -1:
        record, later = _record(raw[start:].strip())
        if later is None:
            found.append((record, None))
            break
        start = raw.find(_START, start + 1)
    return found


def _record(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (byte {exc.start + 1}); skipped"
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None, "cut short or not JSON; skipped"
    except RecursionError:
        return None, "nested too deeply; skipped"
    if not isinstance(value, dict):
        return None, "not a journal record; skipped"
    if "sum" not in value:
        if value.get("type") == "change":  # written before the journal had checksums
            return value, None
        return None, "no checksum; skipped"
    if value["sum"] != checksum(value):
        return None, "checksum does not match (the line was changed or damaged); skipped"
    return value, None


def _apply(record: dict[str, Any], changes: dict[str, Entry]) -> str | None:
    kind = record.get("type")
    if kind in ("intent", "change"):
        entry = _entry(record)
        if entry is None:
            return f"a {kind} line of the wrong shape; skipped"
        if entry.id in changes:  # ids are random: a second one is damage, not a change
            return f"a second {kind} line for {entry.id[:20]!r}; skipped"
        if kind == "change":
            entry.outcome = "done"
        changes[entry.id] = entry
        return None
    if kind not in ("outcome", "undo"):
        return f"unknown record type {str(kind)[:20]!r}; skipped"
    key = record.get("entry")
    target = changes.get(key) if isinstance(key, str) else None
    if target is None:
        return f"an {kind} line for no known change; skipped"
    if kind == "outcome":
        return fold_outcome(target, record)
    at, message, ids = record.get("at"), record.get("message"), record.get("id_changes", {})
    if not isinstance(at, str) or not isinstance(message, str) or not _str_map(ids):
        return "an undo line of the wrong shape; skipped"
    target.undone_at, target.undo_message = at, message
    target.customers = [
        {**c, "id_after_undo": ids[c["id"]]} if c.get("id") in ids else c for c in target.customers
    ]
    return None


def fold_outcome(entry: Entry, record: dict[str, Any]) -> str | None:
    outcome, message = record.get("outcome"), record.get("message")
    customers, job = record.get("customers"), record.get("async_action_id")
    if (
        outcome not in OUTCOMES
        or not isinstance(message, str | None)
        or not (customers is None or _pairs(customers))
        or not isinstance(job, str | None)
    ):
        return "an outcome line of the wrong shape; skipped"
    entry.outcome, entry.outcome_message = str(outcome), message
    if customers is not None:
        entry.customers = list(customers)
    if job is not None:
        entry.async_action_id = job
    return None


def _entry(record: dict[str, Any]) -> Entry | None:
    strings = [record.get(k) for k in ("id", "at", "profile", "action", "summary")]
    if not all(isinstance(s, str) for s in strings) or record.get("action") not in ACTIONS:
        return None
    customers, undoable = record.get("customers", []), record.get("undoable", True)
    note, job = record.get("note"), record.get("async_action_id")
    if not _pairs(customers) or not isinstance(undoable, bool):
        return None
    if not isinstance(note, str | None) or not isinstance(job, str | None):
        return None
    return Entry(
        id=record["id"],
        at=record["at"],
        profile=record["profile"],
        action=record["action"],
        summary=record["summary"],
        customers=list(customers),
        undoable=undoable,
        note=note,
        async_action_id=job,
    )


def _pairs(value: Any) -> bool:
    """A list of customer pairs: objects whose before/after are objects or null."""
    return isinstance(value, list) and all(
        isinstance(p, dict)
        and all(isinstance(p.get(k), dict | None) for k in ("before", "after"))
        and all(isinstance(p.get(k), str | None) for k in ("id", "source_id", "ident"))
        for p in value
    )


def _str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
