"""`u` from anywhere: undo the journal's last change, naming its target first.

The plan comes from the change-core (`plan_undo`: nothing sent). When it does not touch the
customer on screen (the open customer, or the list's highlighted row), `u` asks first,
naming the customers it would change. A customer changed since is never restored over:
`UndoConflict` shows what changed, and the user may pass the entry over (keep the server's
version) so the next `u` reaches older changes. An interrupted entry is resolved by the
core after checking the server. Every screen hears which customers changed
(`ChangeUndone`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text

from vtui.changes.inert import inert
from vtui.tui.context import context
from vtui.tui.keymap import key_in_words

if TYPE_CHECKING:
    from textual.app import App


class Shown(Protocol):
    """What undo needs of the customer on screen (a `Customer`, or a list row)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str | None: ...

    @property
    def source_id(self) -> str | None: ...


def customer_on_screen(app: App[Any]) -> Shown | None:
    """The customer the user is looking at: the topmost screen that has one in view."""
    for screen in reversed(app.screen_stack):
        target = getattr(screen, "target_customer", None)
        if callable(target):
            customer: Shown | None = target()
            return customer
    return None


async def undo_last_change(app: App[Any]) -> None:
    from vtui.api import VoucherifyError
    from vtui.changes.journal import JournalError
    from vtui.changes.writes import UndoConflict, UndoRefused
    from vtui.tui.messages import ChangeUndone
    from vtui.tui.screens.confirm import ConfirmScreen

    ctx = context(app)
    await ctx.wait_session()
    changes = ctx.changes()
    try:
        plan = changes.plan_undo()
    except (UndoRefused, JournalError) as refused:
        app.notify(inert(str(refused)), title="Undo", severity="warning")
        return
    shown = customer_on_screen(app)
    if shown is None or not plan.touches(shown.id, shown.source_id):
        body = Text(inert(plan.describe()))
        if shown is not None:
            body.append(f"\n\nYou are looking at {inert(shown.name or shown.id)}, ")
            body.append("whom this undo does not change.", style="bold")
        asked = ConfirmScreen("Undo a change to another customer?", body, confirm="Undo")
        if not await app.push_screen_wait(asked):
            app.notify("Not undone.", title="Undo", timeout=3)
            return
    try:
        result = await changes.undo(plan)
    except UndoConflict as conflict:
        await _conflict(app, plan, conflict)
        return
    except UndoRefused as refused:
        app.notify(inert(str(refused)), title="Undo", severity="warning")
        return
    except (VoucherifyError, JournalError) as error:
        app.notify(f"Undo failed: {inert(str(error))}", title="Undo", severity="error")
        return
    app.notify(inert(result.message), title="Undo", timeout=8)
    ids = frozenset(result.id_changes) | frozenset(result.id_changes.values())
    ids |= frozenset(t.id for t in plan.targets if t.id)
    app.post_message(ChangeUndone(ids))


async def _conflict(app: App[Any], plan: Any, conflict: Exception) -> None:
    from vtui.changes.journal import JournalError
    from vtui.tui.screens.conflict import ChoiceScreen

    body = Text(inert(str(conflict)))
    body.append(
        "\n\nNothing was sent. p keeps the server's version and passes this change over, "
        f"so the next {key_in_words(app, 'undo', 'u')} reaches older ones; "
        f"{key_in_words(app, 'back', 'esc')} leaves it for later."
    )
    choice = await app.push_screen_wait(
        ChoiceScreen("Changed since: not undone", body, [("p", "Keep theirs, pass over", "pass")])
    )
    if choice != "pass":
        app.notify("Not undone; the change stays in the journal.", title="Undo", timeout=4)
        return
    try:
        context(app).changes().pass_over(plan)
    except JournalError as error:
        app.notify(f"Could not mark it: {inert(str(error))}", title="Undo", severity="error")
        return
    app.notify(f"Passed over: {inert(plan.entry.summary)}", title="Undo", timeout=5)
