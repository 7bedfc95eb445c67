"""The local undo journal: every change made from vtui, with the customers before and after.

An append-only JSON Lines file in the state folder (0600, folder 0700). A line is either a
change or the undo of one; nothing is rewritten, so a crash mid-write loses at most the
line being written. Entries hold customer fields only, never keys or tokens.

`vtui journal` lists it (`main`).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

JOURNAL_FILE = "journal.jsonl"

UNDOABLE_ACTIONS = frozenset(
    {"create", "update", "delete", "bulk_update", "import_csv", "metadata_update"}
)


def default_path() -> Path:
    from vtui.config.paths import state_dir

    return state_dir() / JOURNAL_FILE


@dataclass
class Entry:
    """One change: `customers` holds {id, source_id, before, after} per customer touched."""

    id: str
    at: str
    profile: str
    action: str
    summary: str
    customers: list[dict[str, Any]] = field(default_factory=list)
    undoable: bool = True
    note: str | None = None
    async_action_id: str | None = None
    undone_at: str | None = None
    undo_message: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "change",
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


class JournalError(Exception):
    """The journal file cannot be read or written; the message says which and why."""


class Journal:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_path()

    # -- writing ------------------------------------------------------------------------------

    def record(
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
        self._append(entry.to_json())
        return entry

    def mark_undone(
        self, entry: Entry, message: str, id_changes: dict[str, str] | None = None
    ) -> None:
        self._append(
            {
                "type": "undo",
                "entry": entry.id,
                "at": _now(),
                "message": message,
                "id_changes": id_changes or {},
            }
        )
        entry.undone_at = _now()
        entry.undo_message = message

    def _append(self, record: dict[str, Any]) -> None:
        from vtui.config.atomic import ensure_private_dir

        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            ensure_private_dir(self.path.parent)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                if os.fstat(fd).st_mode & 0o077:
                    os.fchmod(fd, 0o600)
                os.write(fd, line.encode("utf-8"))
            finally:
                os.close(fd)
        except OSError as exc:
            raise JournalError(
                f"Cannot write the journal {self.path}: {exc.strerror or exc}"
            ) from None

    # -- reading ------------------------------------------------------------------------------

    def entries(self, profile: str | None = None) -> list[Entry]:
        """Every change, oldest first, with its undo (if any) folded in."""
        changes: dict[str, Entry] = {}
        try:
            handle = self.path.open(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise JournalError(f"Cannot read the journal {self.path}: {exc.strerror}") from None
        with handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a torn last line from a crash: skip it, keep the rest
                if not isinstance(record, dict):
                    continue
                if record.get("type") == "change":
                    entry = _entry(record)
                    if entry is not None:
                        changes[entry.id] = entry
                elif record.get("type") == "undo" and record.get("entry") in changes:
                    done = changes[record["entry"]]
                    done.undone_at = str(record.get("at"))
                    done.undo_message = str(record.get("message") or "")
                    done.customers = [
                        {**c, "id_after_undo": record.get("id_changes", {}).get(c.get("id"))}
                        if record.get("id_changes", {}).get(c.get("id"))
                        else c
                        for c in done.customers
                    ]
        listed = list(changes.values())
        return [e for e in listed if profile is None or e.profile == profile]

    def last_to_undo(self, profile: str) -> Entry | None:
        """The newest change of `profile` that is not undone yet (undoable or not)."""
        for entry in reversed(self.entries(profile)):
            if entry.undone_at is None:
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

    def skip(self, entry: Entry, message: str) -> None:
        """Mark a change that cannot be undone as passed over, so undo reaches older ones."""
        self.mark_undone(entry, message)


def resolve_id(customer_id: str, id_changes: dict[str, str]) -> str:
    seen: set[str] = set()
    while customer_id in id_changes and customer_id not in seen:
        seen.add(customer_id)
        customer_id = id_changes[customer_id]
    return customer_id


def _entry(record: dict[str, Any]) -> Entry | None:
    try:
        return Entry(
            id=str(record["id"]),
            at=str(record["at"]),
            profile=str(record["profile"]),
            action=str(record["action"]),
            summary=str(record.get("summary") or ""),
            customers=list(record.get("customers") or []),
            undoable=bool(record.get("undoable", True)),
            note=record.get("note"),
            async_action_id=record.get("async_action_id"),
        )
    except (KeyError, TypeError):
        return None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# -- `vtui journal` --------------------------------------------------------------------------


def main(argv: Sequence[str]) -> int:
    """List the journal, newest first: `vtui journal [--profile NAME] [--limit N] [--json]`."""
    parser = argparse.ArgumentParser(
        prog="vtui journal", description="List the changes made from vtui (newest first)."
    )
    parser.add_argument("--profile", metavar="NAME", help="only this profile's changes")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (50)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(list(argv))
    journal = Journal()
    try:
        entries = journal.entries(args.profile)
    except JournalError as exc:
        print(f"vtui journal: {exc}", file=sys.stderr)
        return 1
    shown = list(reversed(entries))[: max(0, args.limit)]
    if not shown:
        print(f"The journal is empty ({journal.path}).")
        return 0
    for entry in shown:
        if args.json:
            out = entry.to_json()
            out["undone_at"] = entry.undone_at
            out["undo_message"] = entry.undo_message
            print(json.dumps(out, ensure_ascii=False))
            continue
        state = "undone" if entry.undone_at else ("" if entry.undoable else "no undo")
        print(
            f"{entry.at[:19].replace('T', ' ')}  {entry.profile:<10} {entry.action:<16} "
            f"{len(entry.customers):>5}  {state:<7} {entry.summary}"
        )
    print(f"({len(shown)} of {len(entries)} shown; {journal.path})")
    return 0
