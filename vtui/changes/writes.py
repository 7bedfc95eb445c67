"""Every change vtui makes to customers, each journaled, and the undo of the last one.

The TUI calls these instead of the client's write methods, so nothing changes without a
journal line, and undo knows exactly what was there before. No Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vtui.changes import fields as cf
from vtui.changes.journal import Entry, Journal, resolve_id

if TYPE_CHECKING:
    from vtui.api import AsyncActionRef, Customer, VoucherifyClient

UNDO_LIMIT = 1000
"""Bulk jobs touching more customers than this are journaled without undo (too many GETs)."""


class UndoRefused(Exception):
    """Undo cannot go ahead (nothing to undo, a job still running); says why."""


@dataclass
class UndoResult:
    message: str
    id_changes: dict[str, str] = field(default_factory=dict)


def _label(fields: dict[str, Any]) -> str:
    return str(fields.get("name") or fields.get("email") or fields.get("source_id") or fields["id"])


class Changes:
    """Journaled writes for one profile."""

    def __init__(self, client: VoucherifyClient, journal: Journal, profile: str) -> None:
        self.client = client
        self.journal = journal
        self.profile = profile

    # -- one customer -------------------------------------------------------------------------

    async def create(self, body: dict[str, Any]) -> Customer:
        """Create (the API upserts when source_id exists: then it is journaled as an update)."""
        from vtui.api import NotFoundError

        before: dict[str, Any] | None = None
        source_id = body.get("source_id")
        if source_id:
            try:
                before = cf.snapshot(await self.client.customers.get(source_id))
            except NotFoundError:
                before = None
        customer = await self.client.customers.create(body)
        after = cf.snapshot(customer)
        action = "create" if before is None else "update"
        verb = "Created" if before is None else "Updated (upsert)"
        self.journal.record(
            profile=self.profile,
            action=action,
            summary=f"{verb} {_label(after)}",
            customers=[_pair(before, after)],
        )
        return customer

    async def update(self, customer: Customer, body: dict[str, Any]) -> Customer:
        before = cf.snapshot(customer)
        updated = await self.client.customers.update(customer.id, body)
        after = cf.snapshot(updated)
        self.journal.record(
            profile=self.profile,
            action="update",
            summary=f"Updated {_label(after)}: {', '.join(sorted(body))}",
            customers=[_pair(before, after)],
        )
        return updated

    async def delete(self, customer: Customer) -> None:
        before = cf.snapshot(customer)
        await self.client.customers.delete(customer.id)
        self.journal.record(
            profile=self.profile,
            action="delete",
            summary=f"Deleted {_label(before)}",
            customers=[_pair(before, None)],
        )

    async def delete_permanently(self, customer: Customer) -> None:
        before = cf.snapshot(customer)
        await self.client.customers.delete_permanently(customer.id)
        self.journal.record(
            profile=self.profile,
            action="delete_permanently",
            summary=f"Deleted permanently {_label(before)}",
            customers=[_pair(before, None)],
            undoable=False,
            note="A permanent deletion cannot be undone.",
        )

    # -- bulk jobs ----------------------------------------------------------------------------

    async def befores(self, source_ids: Sequence[str]) -> dict[str, dict[str, Any] | None]:
        """The current fields of each source_id (None: not there yet, the job will create it)."""
        from vtui.api import NotFoundError

        out: dict[str, dict[str, Any] | None] = {}
        for source_id in source_ids:
            if source_id in out:
                continue
            try:
                out[source_id] = cf.snapshot(await self.client.customers.get(source_id))
            except NotFoundError:
                out[source_id] = None
        return out

    async def bulk_update(self, items: list[dict[str, Any]]) -> AsyncActionRef:
        source_ids = [str(item["source_id"]) for item in items]
        befores = await self._befores_if_small(source_ids)
        ref = await self.client.customers.update_in_bulk(items)
        self._record_job(
            "bulk_update",
            f"Bulk update of {len(items)} customers",
            ref.async_action_id,
            befores,
            {str(i["source_id"]): i for i in items},
            replace=False,
        )
        return ref

    async def import_csv(
        self,
        path: str,
        rows: Sequence[tuple[str, dict[str, Any]]],
        *,
        complete: bool = True,
        total_rows: int | None = None,
    ) -> AsyncActionRef:
        """`rows`: (source_id, body) of each row as the import maps it (checked beforehand);
        `complete` is False when `rows` is not every row (then the journal has no undo);
        `total_rows` is the file's row count when `rows` holds only the first of them."""
        source_ids = [sid for sid, _ in rows if sid]
        befores = await self._befores_if_small(source_ids) if complete else None
        unkeyed = sum(1 for sid, _ in rows if not sid)
        ref = await self.client.customers.import_csv(path)
        entry_note = (
            f"{unkeyed} rows had no source_id or Id: undo cannot find the customers they made."
            if unkeyed
            else None
        )
        self._record_job(
            "import_csv",
            f"CSV import of {total_rows if total_rows is not None else len(rows)} rows from {path}",
            ref.async_action_id,
            befores,
            {sid: body for sid, body in rows if sid},
            replace=True,
            note=entry_note,
        )
        return ref

    async def update_metadata(
        self, customers: Sequence[Customer], metadata: dict[str, Any]
    ) -> AsyncActionRef:
        source_ids = [c.source_id for c in customers if c.source_id]
        befores: dict[str, dict[str, Any] | None] | None = {
            c.source_id: cf.snapshot(c) for c in customers if c.source_id
        }
        ref = await self.client.customers.update_metadata_in_bulk(source_ids, metadata)
        self._record_job(
            "metadata_update",
            f"Metadata {', '.join(sorted(metadata))} on {len(source_ids)} customers",
            ref.async_action_id,
            befores,
            {sid: {"metadata": metadata} for sid in source_ids},
            replace=False,
            merge_metadata=True,
        )
        return ref

    async def _befores_if_small(
        self, source_ids: Sequence[str]
    ) -> dict[str, dict[str, Any] | None] | None:
        if len(set(source_ids)) > UNDO_LIMIT:
            return None
        return await self.befores(source_ids)

    def _record_job(
        self,
        action: str,
        summary: str,
        async_action_id: str,
        befores: dict[str, dict[str, Any] | None] | None,
        bodies: dict[str, dict[str, Any]],
        *,
        replace: bool,
        merge_metadata: bool = False,
        note: str | None = None,
    ) -> None:
        customers: list[dict[str, Any]] = []
        if befores is not None:
            for ident, body in bodies.items():
                before = befores.get(ident)
                after = _projected(before, body, replace=replace, merge_metadata=merge_metadata)
                by_id = ident.startswith("cust_") and before is not None and before["id"] == ident
                source_id = before.get("source_id") if by_id and before else ident
                after["source_id"] = source_id
                customers.append(
                    {
                        "id": before["id"] if before else None,
                        "source_id": source_id,
                        "ident": ident,
                        "before": before,
                        "after": after,
                    }
                )
        self.journal.record(
            profile=self.profile,
            action=action,
            summary=summary,
            customers=customers,
            undoable=befores is not None,
            note=note
            if befores is not None
            else f"More than {UNDO_LIMIT} customers: journaled without the before state.",
            async_action_id=async_action_id,
        )

    # -- undo ---------------------------------------------------------------------------------

    async def undo_last(self) -> UndoResult:
        """Undo the newest change of this profile; passes over ones that cannot be undone."""
        skipped: list[str] = []
        while True:
            entry = self.journal.last_to_undo(self.profile)
            if entry is None:
                tail = f" (passed over: {'; '.join(skipped)})" if skipped else ""
                raise UndoRefused("Nothing to undo: no change made from vtui is left" + tail)
            if entry.undoable:
                break
            self.journal.skip(entry, "cannot be undone; passed over")
            skipped.append(f"{entry.summary}: {entry.note or 'cannot be undone'}")
        result = await self._undo(entry)
        if skipped:
            result.message += " (passed over, cannot be undone: " + "; ".join(skipped) + ")"
        self.journal.mark_undone(entry, result.message, result.id_changes)
        return result

    async def _undo(self, entry: Entry) -> UndoResult:
        ids = self.journal.id_changes(self.profile)
        if entry.async_action_id:
            job = await self.client.async_actions.get(entry.async_action_id)
            if not job.finished:
                raise UndoRefused(
                    f"{entry.summary} is still {job.status}; undo it when the job has finished"
                )
        if entry.action == "create":
            (pair,) = entry.customers
            await self._delete_quietly(resolve_id(pair["id"], ids))
            return UndoResult(f"Undone: {entry.summary} (deleted it again)")
        if entry.action == "update":
            (pair,) = entry.customers
            body = cf.update_body(pair["after"], pair["before"])
            if body:
                await self.client.customers.update(resolve_id(pair["id"], ids), body)
            return UndoResult(f"Undone: {entry.summary} (previous fields restored)")
        if entry.action == "delete":
            (pair,) = entry.customers
            before = pair["before"]
            body = cf.create_body(before, before.get("source_id"))
            if before.get("birthday"):
                body["birthday"] = before["birthday"]
            created = await self.client.customers.create(body)
            old = str(before["id"])
            return UndoResult(
                f"Undone: {entry.summary}. Re-created from the journal with a new id "
                f"{created.id} (was {old}); its activity and wallet are not restored",
                {old: created.id},
            )
        # A bulk job: restore each customer it touched, delete the ones it created.
        restored = removed = 0
        for pair in entry.customers:
            source_id = resolve_id(str(pair.get("ident") or pair["source_id"]), ids)
            before = pair["before"]
            if before is None:
                removed += await self._delete_quietly(source_id)
                continue
            body = cf.update_body(pair["after"], before)
            if entry.action == "import_csv":  # the import overwrote every field
                body = {k: cf.normal(before)[k] for k in cf.EDITABLE}
                body["birthday"] = before.get("birthday")
            if body:
                await self.client.customers.update(source_id, body)
                restored += 1
        return UndoResult(
            f"Undone: {entry.summary} ({restored} restored, {removed} created ones deleted)"
        )

    async def _delete_quietly(self, ident: str) -> int:
        from vtui.api import NotFoundError

        try:
            await self.client.customers.delete(ident)
        except NotFoundError:
            return 0
        return 1


def _pair(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    either = after or before or {}
    return {
        "id": either.get("id"),
        "source_id": either.get("source_id"),
        "before": before,
        "after": after,
    }


def _projected(
    before: dict[str, Any] | None,
    body: dict[str, Any],
    *,
    replace: bool,
    merge_metadata: bool,
) -> dict[str, Any]:
    """The fields a job should leave on the customer (what the journal's `after` promises)."""
    if replace:
        return cf.apply(None, body)
    if merge_metadata:
        merged = dict((before or {}).get("metadata") or {})
        merged.update(body.get("metadata") or {})
        return cf.apply(before, {"metadata": merged})
    return cf.apply(before, body)
