"""`u` from anywhere: undo the journal's last change, say what happened, and tell every
screen which customers changed (`ChangeUndone`). What it says names customers: inert, and
never read as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vtui.changes.inert import inert
from vtui.tui.context import context

if TYPE_CHECKING:
    from textual.app import App


async def undo_last_change(app: App[Any]) -> None:
    from vtui.api import VoucherifyError
    from vtui.changes.journal import JournalError
    from vtui.changes.writes import UndoRefused
    from vtui.tui.messages import ChangeUndone

    ctx = context(app)
    await ctx.wait_session()
    try:
        result = await ctx.changes().undo_last()
    except UndoRefused as refused:
        app.notify(inert(str(refused)), title="Undo", severity="warning", markup=False)
        return
    except (VoucherifyError, JournalError) as error:
        app.notify(inert(f"Undo failed: {error}"), title="Undo", severity="error", markup=False)
        return
    app.notify(inert(result.message), title="Undo", timeout=8, markup=False)
    ids = frozenset(result.id_changes) | frozenset(result.id_changes.values())
    app.post_message(ChangeUndone(ids))
