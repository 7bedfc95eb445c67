"""A one-line, unstyled table cell that renders as a single segment.

The customer list renders hundreds of cells per page. A rich `Text` cell goes through
wrapping, joining and cropping passes (and a width measurement on every row added) that a
single line of plain data never needs; this does the same visible work directly.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.segment import Segment

from vtui.changes.inert import inert


def fit(line: str, width: int) -> str:
    """`line` as shown in `width` cells: cut with "…" if it does not fit."""
    if cell_len(line) > width:
        return set_cell_size(line, width - 1) + "…" if width > 1 else "…"[:width]
    return line


class PlainCell:
    """Data shown inert (control, escape and bidi characters as visible escapes like \\x1b,
    see `vtui.changes.inert`; never read as markup), on one line, cut with "…" when wider
    than its column; widths are measured on that inert text.

    It has no `__rich_measure__` on purpose: the list's columns have fixed widths, and
    without it DataTable skips measuring every new cell.
    """

    __slots__ = ("plain",)

    def __init__(self, plain: str) -> None:
        self.plain = inert(plain)  # one line: a newline or tab shows as \x0a, \x09

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"PlainCell({self.plain!r})"

    def fit(self, width: int) -> str:
        """The line as shown in `width` cells: cut with "…" if it does not fit."""
        return fit(self.plain, width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield Segment(self.fit(options.max_width))
