"""How the list's text columns share the terminal's width (Textual-free).

Each text column gets a share of the free width by weight (never below its minimum when all
minimums fit, else never below MIN_SHARE). When the widest text of the loaded rows is known,
a column wider than its texts gives the rest to the columns whose texts are cut (the least
cut first, so that as many as can show whole); what nobody needs is shared by weight again, so
the table spans the terminal (to within a cell a column, what the division leaves over).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.tui.columns import Column

MIN_SHARE = 3
"""The narrowest a text column gets when the terminal is too narrow for every minimum."""


def share_widths(
    columns: Sequence[Column], free: int, needs: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Each column's width (fixed columns keep theirs) out of `free` cells for the text
    columns; `needs` is the widest text (heading included) of each column, when known."""
    flexible = [column for column in columns if not column.fixed]
    total_weight = sum(column.weight for column in flexible) or 1
    roomy = sum(column.minimum for column in flexible) <= free
    widths = {
        column.id: column.fixed
        or max(column.minimum if roomy else MIN_SHARE, free * column.weight // total_weight)
        for column in columns
    }
    over = sum(widths[c.id] for c in flexible) - free
    if roomy and over > 0:  # raising a share to its minimum took cells nobody gave up
        for column in sorted(flexible, key=lambda c: widths[c.id] - c.minimum, reverse=True):
            taken = min(over, widths[column.id] - column.minimum)
            widths[column.id] -= taken
            over -= taken
    if not roomy or not needs or not flexible:
        return widths
    floors = {c.id: max(c.minimum, needs.get(c.id, c.minimum)) for c in flexible}
    spare = 0
    for column in flexible:  # a column wider than its texts keeps only what they need
        if widths[column.id] > floors[column.id]:
            spare += widths[column.id] - floors[column.id]
            widths[column.id] = floors[column.id]
    # The cut columns take it, the least cut first, each as much as it needs: as many texts as
    # possible show whole, and one very long text cannot starve the others.
    hungry = sorted(
        (c for c in flexible if widths[c.id] < floors[c.id]),
        key=lambda c: floors[c.id] - widths[c.id],
    )
    for column in hungry:
        more = min(floors[column.id] - widths[column.id], spare)
        widths[column.id] += more
        spare -= more
    if spare > 0:  # what nobody needs: by weight, as before, so the table spans
        given = 0
        for column in flexible:
            more = spare * column.weight // total_weight
            widths[column.id] += more
            given += more
        for column in sorted(flexible, key=lambda c: -c.weight)[: spare - given]:
            widths[column.id] += 1  # the cells the division left over
    return widths
