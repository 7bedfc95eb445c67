"""A one-line, unstyled table cell that renders as a single segment.

The customer list renders hundreds of cells per page. A rich `Text` cell goes through
wrapping, joining and cropping passes (and a width measurement on every row added) that a
single line of plain data never needs; this does the same visible work directly.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.control import strip_control_codes
from rich.segment import Segment


class PlainCell:
    """Data shown as is (never read as markup), cut with "…" when wider than its column.

    It has no `__rich_measure__` on purpose: the list's columns have fixed widths, and
    without it DataTable skips measuring every new cell.
    """

    __slots__ = ("_line", "plain")

    def __init__(self, plain: str) -> None:
        self.plain = plain
        # What a one-line rich Text shows: control codes dropped, first line, tabs expanded.
        self._line = strip_control_codes(plain).split("\n", 1)[0].expandtabs(8)

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"PlainCell({self.plain!r})"

    def fit(self, width: int) -> str:
        """The line as shown in `width` cells: cut with "…" if it does not fit."""
        line = self._line
        if cell_len(line) > width:
            return set_cell_size(line, width - 1) + "…" if width > 1 else "…"[:width]
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield Segment(self.fit(options.max_width))
