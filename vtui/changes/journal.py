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

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vtui.changes.journal_format import (
    ACTIONS,
    OUTCOMES,
    UNDOABLE_ACTIONS,
    Contents,
    Entry,
    Problem,
    encode,
    fold_outcome,
    parse,
)

__all__ = [
    "ACTIONS",
    "OUTCOMES",
    "UNDOABLE_ACTIONS",
    "Contents",
    "Entry",
    "Journal",
    "JournalError",
    "Problem",
    "resolve_id",
]

JOURNAL_FILE = "journal.jsonl"


def default_path() -> Path:
    from vtui.config.paths import state_dir

    return state_dir() / JOURNAL_FILE


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
        fold_outcome(entry, record)

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


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is out (a write may take only part of what it is given)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(0, "the journal took no bytes")
        view = view[written:]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
