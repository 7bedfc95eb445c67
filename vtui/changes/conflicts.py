"""Why a write was held back: the server's copy is not what the user's change was built
on. Each exception carries what the TUI needs to show both sides and to go ahead on
purpose. No Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vtui.changes import drift
from vtui.changes import fields as cf
from vtui.changes.wording import plural

if TYPE_CHECKING:
    from vtui.api import Customer
    from vtui.changes.preview import BulkPreview


class Conflict(Exception):
    """The customer changed on the server since it was read: saving would overwrite that.

    `base` is the copy the edit started from, `current` the server's copy now, `body` the
    update the user meant to send; `changes` what changed elsewhere (base -> current) and
    `clashes` the paths among them that the user's update also sets. To save anyway, call
    `update(base, body, overwrite=conflict.current)`.
    """

    def __init__(self, base: Customer, current: Customer, body: dict[str, Any]) -> None:
        self.base, self.current, self.body = base, current, body
        self.changes = drift.moved(base, current)
        self.clashes = [c.path for c in self.changes if c.path.split(".", 1)[0] in body]
        super().__init__(self.summary())

    def summary(self) -> str:
        who = cf.label(cf.snapshot(self.current))
        head = f"{who} was changed elsewhere since you opened it"
        when = drift.stamp(self.current)
        head += f" (updated {when[:19].replace('T', ' ')} UTC):" if when else ":"
        tail = (
            f"\nYour change also sets {', '.join(self.clashes)}."
            if self.clashes
            else "\nYour change sets other fields; saving would still build on a stale copy."
        )
        return f"{head}\n{drift.describe(self.changes)}{tail}"


class WouldReplace(Exception):
    """A create names the source_id of an existing customer: the API would replace it.
    To go ahead, call `create(body, replace=error.existing)`."""

    def __init__(self, existing: Customer, body: dict[str, Any]) -> None:
        self.existing, self.body = existing, body
        label = cf.label(cf.snapshot(existing))
        super().__init__(
            f"A customer with source_id {existing.source_id} already exists ({label}, "
            f"{existing.id}); saving would replace their fields."
        )


class WouldCreate(Exception):
    """A bulk update names source_ids no customer has: the API would create them. To go
    ahead, call `bulk_update(items, allow_creates=True)` (after showing `preview`)."""

    def __init__(self, preview: BulkPreview) -> None:
        self.preview = preview
        names = ", ".join(str(i["source_id"]) for i in preview.creates[:5])
        more = f" and {len(preview.creates) - 5} more" if len(preview.creates) > 5 else ""
        super().__init__(
            f"{len(preview.creates):,} of {plural(preview.total, 'item')} name no existing "
            f"customer and would create new ones: {names}{more}"
        )
