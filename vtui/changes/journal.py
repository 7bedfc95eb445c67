"""The local undo journal, written ahead: every change made from vtui, with the customers
before and after.

An append-only JSON Lines file in the state folder (0600, folder 0700). Each change is two
lines: its intent, written (and fsynced) before the request, and its outcome, written after.
An intent without an outcome is an interrupted change: vtui stopped (a crash, `kill -9`)
while the request was in flight, so whether it reached the server is unknown; undo checks
the server before acting on it, and `vtui journal` lists it as interrupted. A third kind of
line marks a change undone. Nothing is rewritten.

Every line carries `sum`, a checksum over its canonical JSON. The reader takes the file
as bytes and reports a line it cannot trust (cut short, not UTF-8, not JSON, a wrong
shape, a bad checksum) as a `Problem`, skips it and reads on; a line glued to the end of
a cut one is still found. Entries hold customer fields only, never keys or tokens.

`vtui journal` lists it (`vtui.changes.journal_cli`).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

JOURNAL_FILE = "journal.jsonl"

UNDOABLE_ACTIONS = frozenset(
    {"create", "update", "delete", "bulk_update", "import_csv", "metadata_update"}
)
ACTIONS = UNDOABLE_ACTIONS | {"delete_permanently"}
OUTCOMES = ("done", "failed", "unknown")
"""done: the server answered yes; failed: it answered no (nothing changed); unknown: no
answer (a timeout, a dropped connection), so the change may or may not have landed."""
_START = b'{"type":"'


def default_path() -> Path:
    from vtui.config.paths import state_dir

    return state_dir() / JOURNAL_FILE


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


class JournalError(Exception):
    """The journal file cannot be read or written; the message says which and why."""


class Journal:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_path()

    # -- writing ------------------------------------------------------------------------------

    def begin(
        self,
        *,
        profile: str,
        action: str,
        summary: str,
        customers: list[dict[str, Any]],
        undoable: bool | None = None,
        note: str | None = None,
        async_action_id: str | None = None,
    ) -> Entry:
        """Write the intent of a change (durably) before its request is sent."""
        entry = Entry(
            id="j_" + secrets.token_hex(6),
            at=_now(),
            profile=profile,
            action=action,
            summary=summary,
            customers=customers,
            undoable=(action in UNDOABLE_ACTIONS) if undoable is None else undoable,
            note=note,
            async_action_id=async_action_id,
        )
        self._append(entry.intent())
        return entry

    def finish(
        self,
        entry: Entry,
        outcome: str,
        *,
        message: str | None = None,
        customers: list[dict[str, Any]] | None = None,
        async_action_id: str | None = None,
    ) -> None:
        """Write how the change's request ended; `customers` replaces the intended pairs
        with what the server answered, `async_action_id` names the job it started."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
        record: dict[str, Any] = {"type": "outcome", "entry": entry.id, "at": _now()}
        record["outcome"] = outcome
        record["message"] = message
        record["customers"] = customers
        record["async_action_id"] = async_action_id
        self._append(record)
        _fold_outcome(entry, record)

    def record(self, **intent: Any) -> Entry:
        """A change already made (tests, tools): its intent and a done outcome at once."""
        entry = self.begin(**intent)
        self.finish(entry, "done")
        return entry

    def mark_undone(
        self, entry: Entry, message: str, id_changes: dict[str, str] | None = None
    ) -> None:
        at = _now()
        self._append(
            {
                "type": "undo",
                "entry": entry.id,
                "at": at,
                "message": message,
                "id_changes": id_changes or {},
            }
        )
        entry.undone_at = at
        entry.undo_message = message

    def skip(self, entry: Entry, message: str) -> None:
        """Mark a change that cannot be undone as passed over, so undo reaches older ones."""
        self.mark_undone(entry, message)

    def _append(self, record: dict[str, Any]) -> None:
        """One line, whole or not at all as far as the reader cares: O_APPEND under a lock,
        every byte written (short writes looped), fsynced before returning. A file that does
        not end in a newline (a line cut by a crash) gets one first, so the new line stands
        on its own."""
        import fcntl

        from vtui.config.atomic import ensure_private_dir

        line = encode(record)
        try:
            ensure_private_dir(self.path.parent)
            created = not self.path.exists()
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                info = os.fstat(fd)
                if info.st_mode & 0o077:
                    os.fchmod(fd, 0o600)
                if info.st_size and os.pread(fd, 1, info.st_size - 1) != b"\n":
                    line = b"\n" + line
                write_all(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)  # closing drops the lock
            if created:
                from vtui.config.atomic import _fsync_dir

                _fsync_dir(self.path.parent)
        except OSError as exc:
            raise JournalError(
                f"Cannot write the journal {self.path}: {exc.strerror or exc}"
            ) from None

    # -- reading ------------------------------------------------------------------------------

    def read(self) -> Contents:
        """Every change, oldest first, with its outcome and undo folded in, and every line
        that was skipped."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return Contents()
        except OSError as exc:
            raise JournalError(f"Cannot read the journal {self.path}: {exc.strerror}") from None
        return parse(data)

    def entries(self, profile: str | None = None) -> list[Entry]:
        listed = self.read().entries
        return [e for e in listed if profile is None or e.profile == profile]

    def last_to_undo(self, profile: str) -> Entry | None:
        """The newest change of `profile` that is not undone yet (undoable or not); a change
        the server refused changed nothing and is passed over."""
        for entry in reversed(self.entries(profile)):
            if entry.undone_at is None and entry.state != "failed":
                return entry
        return None

    def id_changes(self, profile: str) -> dict[str, str]:
        """Old id -> new id for customers re-created by undoing their deletion."""
        changes: dict[str, str] = {}
        for entry in self.entries(profile):
            for customer in entry.customers:
                new = customer.get("id_after_undo")
                if new:
                    changes[str(customer.get("id"))] = str(new)
        return changes


def resolve_id(customer_id: str, id_changes: dict[str, str]) -> str:
    seen: set[str] = set()
    while customer_id in id_changes and customer_id not in seen:
        seen.add(customer_id)
        customer_id = id_changes[customer_id]
    return customer_id


# -- the line format ---------------------------------------------------------------------------


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


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is out (a write may take only part of what it is given)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(0, "the journal took no bytes")
        view = view[written:]


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
        return _fold_outcome(target, record)
    at, message, ids = record.get("at"), record.get("message"), record.get("id_changes", {})
    if not isinstance(at, str) or not isinstance(message, str) or not _str_map(ids):
        return "an undo line of the wrong shape; skipped"
    target.undone_at, target.undo_message = at, message
    target.customers = [
        {**c, "id_after_undo": ids[c["id"]]} if c.get("id") in ids else c for c in target.customers
    ]
    return None


def _fold_outcome(entry: Entry, record: dict[str, Any]) -> str | None:
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


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
