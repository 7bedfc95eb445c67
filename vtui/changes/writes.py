"""Every change vtui makes to customers, each journaled ahead, and the undo of the last one.

The TUI calls these instead of the client's write methods, so nothing changes without a
journal entry: the intent is written (fsynced) before the request, the outcome after it.
Writes start from the server: an update re-reads the customer first and raises `Conflict`
rather than overwrite a change made elsewhere; a create that would replace an existing
customer raises `WouldReplace`; a bulk update that would create customers raises
`WouldCreate`. Each has an explicit way to go ahead. No Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from vtui.changes import drift
from vtui.changes import fields as cf
from vtui.changes.conflicts import Conflict, WouldCreate, WouldReplace
from vtui.changes.journal import Entry, Journal, JournalError
from vtui.changes.preview import BulkPreview, classify
from vtui.changes.undo import (
    UndoConflict,
    UndoPlan,
    UndoRefused,
    UndoResult,
    pass_over,
    plan_undo,
    undo,
)
from vtui.changes.wording import plural

if TYPE_CHECKING:
    from vtui.api import AsyncActionRef, Customer, VoucherifyClient

__all__ = [
    "Changes",
    "Conflict",
    "UndoConflict",
    "UndoPlan",
    "UndoRefused",
    "UndoResult",
    "WouldCreate",
    "WouldReplace",
]

UNDO_LIMIT = 1000
"""Bulk jobs touching more customers than this are journaled without undo (too many GETs)."""
T = TypeVar("T")


def outcome_of(error: BaseException) -> str:
    """`failed` when the server said no or the body was refused before sending (nothing
    changed), else `unknown` (no answer: it may have landed)."""
    from vtui.api import APIStatusError, VoucherifyError

    if isinstance(error, APIStatusError):
        return "failed" if error.status < 500 and error.status != 408 else "unknown"
    if isinstance(error, ValueError) and not isinstance(error, VoucherifyError):
        return "failed"  # the client's own checks: never sent
    return "unknown"


class HasSourceId(Protocol):
    """A customer as a bulk change needs it (a `Customer`, or a row of the list)."""

    @property
    def source_id(self) -> str | None: ...


class Changes:
    """Journaled writes for one profile."""

    def __init__(self, client: VoucherifyClient, journal: Journal, profile: str) -> None:
        self.client = client
        self.journal = journal
        self.profile = profile

    async def _sent(self, entry: Entry, request: Awaitable[T]) -> T:
        """Send `request` for the journaled `entry`, then write its outcome (even when the
        request fails or the task is cancelled mid-flight)."""
        try:
            result = await request
        except BaseException as error:
            with contextlib.suppress(JournalError):  # the request's own error matters more
                self.journal.finish(entry, outcome_of(error), message=str(error)[:500])
            raise
        return result

    def _done(self, entry: Entry, **outcome: Any) -> None:
        """Write the done outcome; if the journal fails now, say the change *was* made."""
        try:
            self.journal.finish(entry, "done", **outcome)
        except JournalError as error:
            raise JournalError(
                f"The change was made, but its outcome could not be journaled ({error}); "
                "undo will check the server before acting on it"
            ) from None

    # -- one customer -------------------------------------------------------------------------

    async def read(self, ident: str) -> Customer:
        """A fresh copy from the server: what an edit must start from."""
        return await self.client.customers.get(ident)

    async def create(self, body: dict[str, Any], *, replace: Customer | None = None) -> Customer:
        """Create a customer. When `body`'s source_id already names one, the API would
        replace its fields: raises `WouldReplace` unless `replace` is that customer as the
        user saw it (then `Conflict` if it has changed since)."""
        from vtui.api import NotFoundError

        before: Customer | None = None
        source_id = body.get("source_id")
        if source_id:
            try:
                before = await self.client.customers.get(source_id)
            except NotFoundError:
                before = None
        if before is not None:
            if replace is None:
                raise WouldReplace(before, body)
            if drift.moved(replace, before):
                raise Conflict(replace, before, body)
        snap = cf.snapshot(before) if before is not None else None
        intended = cf.apply(snap, body) | {"id": snap["id"] if snap else None}
        intended["source_id"] = source_id
        verb = "Created" if before is None else "Replaced"
        entry = self.journal.begin(
            profile=self.profile,
            action="create" if before is None else "update",
            summary=f"{verb} {cf.label({**body, 'id': '(new)'})}",
            customers=[_pair(snap, intended)],
        )
        customer = await self._sent(entry, self.client.customers.create(body))
        self._done(entry, customers=[_pair(snap, cf.snapshot(customer))])
        return customer

    async def update(
        self, base: Customer, body: dict[str, Any], *, overwrite: Customer | None = None
    ) -> Customer:
        """Save `body` onto the customer read as `base`, only if the server's copy has not
        changed since (`Conflict` otherwise). `overwrite=conflict.current` saves over that
        exact version, after checking it has not moved again."""
        current = await self.client.customers.get(base.id)
        expected = overwrite if overwrite is not None else base
        if drift.moved(expected, current):
            raise Conflict(expected, current, body)
        before = cf.snapshot(current)
        entry = self.journal.begin(
            profile=self.profile,
            action="update",
            summary=f"Updated {cf.label(before)}: {', '.join(sorted(body))}",
            customers=[_pair(before, cf.apply(before, body) | _ids(before))],
        )
        updated = await self._sent(entry, self.client.customers.update(current.id, body))
        self._done(entry, customers=[_pair(before, cf.snapshot(updated))])
        return updated

    async def delete(self, customer: Customer) -> None:
        """Delete; the journal keeps the server's latest copy, so undo re-creates that."""
        await self._delete(customer, permanently=False)

    async def delete_permanently(self, customer: Customer) -> None:
        await self._delete(customer, permanently=True)

    async def _delete(self, customer: Customer, *, permanently: bool) -> None:
        before = cf.snapshot(await self.client.customers.get(customer.id))
        if permanently:
            entry = self.journal.begin(
                profile=self.profile,
                action="delete_permanently",
                summary=f"Deleted permanently {cf.label(before)}",
                customers=[_pair(before, None)],
                undoable=False,
                note="A permanent deletion cannot be undone.",
            )
            await self._sent(entry, self.client.customers.delete_permanently(customer.id))
        else:
            entry = self.journal.begin(
                profile=self.profile,
                action="delete",
                summary=f"Deleted {cf.label(before)}",
                customers=[_pair(before, None)],
            )
            await self._sent(entry, self.client.customers.delete(customer.id))
        self._done(entry)

    # -- bulk jobs ----------------------------------------------------------------------------

    async def befores(self, idents: Sequence[str]) -> dict[str, dict[str, Any] | None]:
        """The current fields of each source_id or id (None: not there, a job creates it)."""
        from vtui.api import NotFoundError

        unique = list(dict.fromkeys(idents))
        gate = asyncio.Semaphore(4)

        async def one(ident: str) -> dict[str, Any] | None:
            async with gate:
                try:
                    return cf.snapshot(await self.client.customers.get(ident))
                except NotFoundError:
                    return None

        found = await asyncio.gather(*(one(i) for i in unique))
        return dict(zip(unique, found, strict=True))

    async def preview(self, keyed: Sequence[tuple[str, dict[str, Any]]]) -> BulkPreview:
        """Which items update an existing customer and which create one (nothing sent)."""
        befores = await self.befores([ident for ident, _ in keyed if ident])
        return classify(keyed, befores)

    async def bulk_update(
        self,
        items: list[dict[str, Any]],
        *,
        allow_creates: bool = False,
        preview: BulkPreview | None = None,
    ) -> AsyncActionRef:
        """Send a bulk update. Items whose source_id no customer has would create customers:
        raises `WouldCreate` (carrying the preview) unless `allow_creates`."""
        keyed = [(str(item["source_id"]), item) for item in items]
        if preview is None or preview.total != len(items):
            preview = await self.preview(keyed)
        if preview.creates and not allow_creates:
            raise WouldCreate(preview)
        befores = preview.befores if len(preview.befores) <= UNDO_LIMIT else None
        return await self._job(
            "bulk_update",
            f"Bulk update of {plural(len(items), 'customer')}"
            + (f" ({len(preview.creates)} new)" if preview.creates else ""),
            lambda: self.client.customers.update_in_bulk(items),
            befores,
            dict(keyed),
            replace=False,
        )

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
        note = (
            f"{plural(unkeyed, 'row')} had no source_id or Id: undo cannot find the customers "
            "they made."
            if unkeyed
            else None
        )
        return await self._job(
            "import_csv",
            f"CSV import of {plural(total_rows if total_rows is not None else len(rows), 'row')} "
            f"from {path}",
            lambda: self.client.customers.import_csv(path),
            befores,
            {sid: body for sid, body in rows if sid},
            replace=True,
            note=note,
        )

    async def update_metadata(
        self, customers: Sequence[HasSourceId], metadata: dict[str, Any]
    ) -> AsyncActionRef:
        """Set `metadata` keys on `customers` (by source_id); the journal's before state is
        read fresh from the server, so undo restores what was there, not a stale copy."""
        source_ids = [c.source_id for c in customers if c.source_id]
        befores = await self._befores_if_small(source_ids)
        return await self._job(
            "metadata_update",
            f"Metadata {', '.join(sorted(metadata))} on {plural(len(source_ids), 'customer')}",
            lambda: self.client.customers.update_metadata_in_bulk(source_ids, metadata),
            befores,
            {sid: {"metadata": metadata} for sid in source_ids},
            replace=False,
            merge_metadata=True,
        )

    async def _befores_if_small(
        self, source_ids: Sequence[str]
    ) -> dict[str, dict[str, Any] | None] | None:
        if len(set(source_ids)) > UNDO_LIMIT:
            return None
        return await self.befores(source_ids)

    async def _job(
        self,
        action: str,
        summary: str,
        send: Callable[[], Awaitable[AsyncActionRef]],
        befores: dict[str, dict[str, Any] | None] | None,
        bodies: dict[str, dict[str, Any]],
        *,
        replace: bool,
        merge_metadata: bool = False,
        note: str | None = None,
    ) -> AsyncActionRef:
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
        entry = self.journal.begin(
            profile=self.profile,
            action=action,
            summary=summary,
            customers=customers,
            undoable=befores is not None,
            note=note
            if befores is not None
            else f"More than {UNDO_LIMIT} customers: journaled without the before state.",
        )
        ref = await self._sent(entry, send())
        self._done(entry, async_action_id=ref.async_action_id)
        return ref

    # -- undo ---------------------------------------------------------------------------------

    def plan_undo(self) -> UndoPlan:
        """What `u` would undo now (the entry, the customers it touches); nothing is sent.
        Raises `UndoRefused` when there is nothing to undo."""
        return plan_undo(self.journal, self.profile)

    async def undo(self, plan: UndoPlan) -> UndoResult:
        """Undo exactly `plan`, after checking the server: `UndoConflict` (an UndoRefused)
        when a customer it would restore has changed since, naming what changed."""
        return await undo(self.client, self.journal, self.profile, plan)

    def pass_over(self, plan: UndoPlan, reason: str = "kept as it is on the server") -> None:
        """Leave `plan`'s change in place and mark it resolved, so `u` reaches older ones
        (after an `UndoConflict` the user chose to keep the server's version)."""
        pass_over(self.journal, plan, reason)

    async def undo_last(self) -> UndoResult:
        """`plan_undo` then `undo` (for callers that need not ask first)."""
        return await self.undo(self.plan_undo())


def _ids(before: dict[str, Any]) -> dict[str, Any]:
    return {"id": before.get("id"), "source_id": before.get("source_id")}


def _pair(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    either = after or before or {}
    return {
        "id": either.get("id") or (before or {}).get("id"),
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
