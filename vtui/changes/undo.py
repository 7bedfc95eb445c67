"""Undo of the journal's last change, in two steps: `plan_undo` says what `u` would undo
and which customers it touches (nothing sent), `undo` performs exactly that plan.

Undo starts from the server, like a save: each customer it would restore is read first.
It goes ahead only where the server still holds what the change left; where someone has
changed that customer since, it raises `UndoConflict` naming what changed, and sends
nothing. An interrupted change (vtui stopped mid-request) is resolved the same way: if
the server shows the change landed, it is undone; if the server still shows the before
state, the entry is marked as never applied. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vtui.changes import drift
from vtui.changes import fields as cf
from vtui.changes.journal import Entry, Journal, resolve_id

if TYPE_CHECKING:
    from vtui.api import Customer, VoucherifyClient


class UndoRefused(Exception):
    """Undo cannot go ahead (nothing to undo, a job still running); says why."""


class UndoConflict(UndoRefused):
    """A customer the undo would restore has changed since the change: restoring would
    overwrite that. `changes` maps each customer's label to what differs."""

    def __init__(self, summary: str, changes: dict[str, list[cf.Change]]) -> None:
        self.changes = changes
        lines = [f"Not undone: {summary}. Changed since, on the server:"]
        for who, found in list(changes.items())[:5]:
            lines.append(f"{who}: " + drift.describe(found, 4).replace("\n", "; "))
        if len(changes) > 5:
            lines.append(f"… and {len(changes) - 5} more customers")
        super().__init__("\n".join(lines))


@dataclass
class UndoResult:
    message: str
    id_changes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    """A customer an undo touches."""

    id: str | None
    source_id: str | None
    label: str


@dataclass
class UndoPlan:
    entry: Entry
    targets: list[Target]
    passed_over: list[Entry] = field(default_factory=list)
    """Newer changes that cannot be undone; the undo marks them passed over."""

    @property
    def interrupted(self) -> bool:
        return self.entry.state == "interrupted"

    def touches(self, customer_id: str | None = None, source_id: str | None = None) -> bool:
        """Does the undo change this customer (by id or source_id)?"""
        return any(
            (customer_id and t.id == customer_id) or (source_id and t.source_id == source_id)
            for t in self.targets
        )

    def describe(self) -> str:
        """`Undo "Updated Ann: name" (touches Ann Lee)`: what to ask before going ahead."""
        names = ", ".join(t.label for t in self.targets[:3])
        more = f" and {len(self.targets) - 3} more" if len(self.targets) > 3 else ""
        note = " It was interrupted: the server is checked first." if self.interrupted else ""
        return f"Undo “{self.entry.summary}” (touches {names or 'no customer'}{more}).{note}"


def plan_undo(journal: Journal, profile: str) -> UndoPlan:
    passed: list[Entry] = []
    for entry in reversed(journal.entries(profile)):
        if entry.undone_at is not None or entry.state == "failed":
            continue
        if not entry.undoable:
            passed.append(entry)
            continue
        return UndoPlan(entry, [_target(p) for p in entry.customers], passed)
    tail = "; ".join(f"{e.summary}: {e.note or 'cannot be undone'}" for e in passed)
    raise UndoRefused(
        "Nothing to undo: no change made from vtui is left"
        + (f" (passed over: {tail})" if tail else "")
    )


def _target(pair: dict[str, Any]) -> Target:
    fields = pair.get("after") or pair.get("before") or {}
    label = fields.get("name") or fields.get("email") or pair.get("source_id") or pair.get("id")
    return Target(pair.get("id"), pair.get("source_id"), str(label or "?"))


async def undo(
    client: VoucherifyClient, journal: Journal, profile: str, plan: UndoPlan
) -> UndoResult:
    fresh = plan_undo(journal, profile)
    if fresh.entry.id != plan.entry.id or [e.id for e in fresh.passed_over] != [
        e.id for e in plan.passed_over
    ]:
        raise UndoRefused("The journal changed since this undo was planned; press u again")
    entry = fresh.entry
    result = await _undo(client, journal.id_changes(profile), entry)
    for skipped in plan.passed_over:
        journal.skip(skipped, "cannot be undone; passed over")
    if plan.passed_over:
        result.message += (
            " (passed over, cannot be undone: "
            + "; ".join(f"{e.summary}: {e.note or 'cannot be undone'}" for e in plan.passed_over)
            + ")"
        )
    journal.mark_undone(entry, result.message, result.id_changes)
    return result


def pass_over(journal: Journal, plan: UndoPlan, reason: str) -> None:
    """Leave `plan`'s change as it is on the server (the user chose to keep what is there
    now, or resolved it by hand), so the next undo reaches older changes."""
    for skipped in plan.passed_over:
        journal.skip(skipped, "cannot be undone; passed over")
    journal.skip(plan.entry, f"Passed over: {reason}")


async def _get(client: VoucherifyClient, ident: str | None) -> Customer | None:
    from vtui.api import NotFoundError

    if not ident:
        return None
    try:
        return await client.customers.get(ident)
    except NotFoundError:
        return None


async def _undo(client: VoucherifyClient, ids: dict[str, str], entry: Entry) -> UndoResult:
    if entry.async_action_id:
        job = await client.async_actions.get(entry.async_action_id)
        if not job.finished:
            raise UndoRefused(
                f"{entry.summary} is still {job.status}; undo it when the job has finished"
            )
    elif entry.action in ("bulk_update", "import_csv", "metadata_update"):
        await _no_running_job(client, entry)
    if entry.action == "create":
        return await _undo_create(client, ids, entry)
    if entry.action == "update":
        return await _undo_update(client, ids, entry)
    if entry.action == "delete":
        return await _undo_delete(client, ids, entry)
    return await _undo_job(client, ids, entry)


async def _no_running_job(client: VoucherifyClient, entry: Entry) -> None:
    """An interrupted job entry has no job id: if any job started since is still running,
    it may be this one, and its customers are not settled yet."""
    from datetime import datetime, timedelta

    # The server's clock may differ from ours: look a few minutes further back.
    since = datetime.fromisoformat(entry.at.replace("Z", "+00:00")) - timedelta(minutes=5)
    actions = await client.async_actions.list(limit=20)
    for action in actions.async_actions:
        started = action.created_at
        if not action.finished and (started is None or started >= since):
            raise UndoRefused(
                f"{entry.summary} was interrupted, and a job started since is still "
                f"{action.status}; undo it when that job has finished"
            )


def _never_applied(entry: Entry) -> UndoResult:
    return UndoResult(
        f"Resolved: {entry.summary} was interrupted and never reached the server; nothing to undo"
    )


async def _undo_create(client: VoucherifyClient, ids: dict[str, str], entry: Entry) -> UndoResult:
    (pair,) = entry.customers
    ident = resolve_id(pair["id"], ids) if pair.get("id") else pair.get("source_id")
    if not ident:
        raise UndoRefused(
            f"Not undone: {entry.summary} was interrupted, and a customer without a "
            "source_id cannot be found to check whether it was created. Look for it in the "
            "list; pass this entry over to reach older ones"
        )
    current = await _get(client, ident)
    if current is None:
        if entry.state == "interrupted":
            return _never_applied(entry)
        return UndoResult(f"Undone: {entry.summary} (it was already gone)")
    found = drift.changes(pair["after"], cf.snapshot(current), set(cf.EDITABLE))
    if found:
        raise UndoConflict(entry.summary, {_who(current): found})
    await client.customers.delete(current.id)
    return UndoResult(f"Undone: {entry.summary} (deleted it again)")


async def _undo_update(client: VoucherifyClient, ids: dict[str, str], entry: Entry) -> UndoResult:
    (pair,) = entry.customers
    before, after = pair["before"], pair["after"]
    keys = set(cf.update_body(before, after)) or set(cf.EDITABLE)
    current = await _get(client, resolve_id(str(pair["id"]), ids))
    if current is None:
        raise UndoRefused(f"Not undone: {entry.summary}; the customer no longer exists")
    now = cf.snapshot(current)
    if not drift.matches(after, now, keys):
        if drift.matches(before, now, keys):
            if entry.state == "interrupted":
                return _never_applied(entry)
            return UndoResult(f"Undone: {entry.summary} (the fields were already as before)")
        raise UndoConflict(entry.summary, {_who(current): drift.changes(after, now, keys)})
    body = {k: v for k, v in cf.update_body(now, before).items() if k in keys}
    if body:
        await client.customers.update(current.id, body)
    return UndoResult(f"Undone: {entry.summary} (previous fields restored)")


async def _undo_delete(client: VoucherifyClient, ids: dict[str, str], entry: Entry) -> UndoResult:
    (pair,) = entry.customers
    before = pair["before"]
    old = str(before["id"])
    still = await _get(client, resolve_id(old, ids))
    if still is not None:
        if entry.state == "interrupted":
            return _never_applied(entry)
        raise UndoRefused(f"Not undone: {entry.summary}; the customer exists again")
    source_id = before.get("source_id")
    if source_id and (other := await _get(client, source_id)) is not None:
        raise UndoRefused(
            f"Not undone: {entry.summary}; another customer ({other.id}) has source_id "
            f"{source_id} now, and re-creating would replace it"
        )
    body = cf.create_body(before, source_id)
    if before.get("birthday"):
        body["birthday"] = before["birthday"]
    created = await client.customers.create(body)
    return UndoResult(
        f"Undone: {entry.summary}. Re-created from the journal with a new id "
        f"{created.id} (was {old}); its activity and wallet are not restored",
        {old: created.id},
    )


async def _undo_job(client: VoucherifyClient, ids: dict[str, str], entry: Entry) -> UndoResult:
    """Restore each customer the job touched, delete the ones it created: all checked
    first, so a conflict on one sends nothing for any."""
    steps: list[tuple[str, str, dict[str, Any] | None]] = []  # (kind, ident, body)
    conflicts: dict[str, list[cf.Change]] = {}
    applied = False
    for pair in entry.customers:
        ident = resolve_id(str(pair.get("ident") or pair["source_id"]), ids)
        before, after = pair["before"], pair["after"]
        keys = set(cf.EDITABLE) if entry.action == "import_csv" or before is None else None
        if keys is None:
            keys = set(cf.update_body(before, after)) or {"metadata"}
        current = await _get(client, ident)
        if current is None:
            if before is not None:
                conflicts[ident] = [cf.Change("customer", "exists", "deleted")]
            continue
        now = cf.snapshot(current)
        if drift.matches(after, now, keys):
            applied = True
            if before is None:
                steps.append(("delete", current.id, None))
            else:
                body = {k: cf.normal(before)[k] for k in keys}
                if entry.action == "import_csv":
                    body["birthday"] = before.get("birthday")
                steps.append(("restore", current.id, body))
        elif before is None or not drift.matches(before, now, keys):
            conflicts[_who(current)] = drift.changes(after, now, keys)
    if conflicts:
        raise UndoConflict(entry.summary, conflicts)
    if not applied and entry.state == "interrupted":
        return _never_applied(entry)
    restored = removed = 0
    for kind, ident, restore in steps:
        if kind == "delete":
            await client.customers.delete(ident)
            removed += 1
        elif restore:
            await client.customers.update(ident, restore)
            restored += 1
    return UndoResult(
        f"Undone: {entry.summary} ({restored} restored, {removed} created ones deleted)"
    )


def _who(customer: Customer) -> str:
    return str(customer.name or customer.email or customer.source_id or customer.id)
