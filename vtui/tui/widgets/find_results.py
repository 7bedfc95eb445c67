"""The matches of find as you type: one line per customer, matched letters lit, a cursor.

Drawn line by line (Textual's line API): a keystroke costs the lines on screen, never the
number of matches, and a row's highlight spans are worked out only when its line is drawn.
What a customer's texts hold is inert (`vtui.changes.inert`) and never read as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from vtui.changes.inert import inert

if TYPE_CHECKING:
    from vtui.tui.fuzzy import FindResult, FindRow

# (weight, minimum width) of name, email, source_id and city: as the list shares its width.
FIELD_WIDTHS = ((4, 10), (5, 14), (3, 9), (2, 6))
GAP = 2


def field_widths(width: int) -> list[int]:
    """Each field's share of `width` (less the gaps), never below its minimum."""
    free = max(0, width - 2 - GAP * (len(FIELD_WIDTHS) - 1))
    total = sum(weight for weight, _ in FIELD_WIDTHS)
    return [max(least, free * weight // total) for weight, least in FIELD_WIDTHS]


def fit_row(
    row: FindRow,
    spans: tuple[tuple[tuple[int, int], ...], ...],
    match: Style,
    widths: list[int],
) -> Text:
    """One line: the four fields in their columns, the matched letters in `match` style."""
    line = Text(" ", no_wrap=True, end="")
    for field, width in enumerate(widths):
        value = row[field + 1] or ""
        shown = inert(value)
        cell = Text(shown or "—", no_wrap=True, end="")
        if shown == value and field < len(spans):
            for start, end in spans[field]:
                cell.stylize(match, start, end)
        cell.truncate(width, overflow="ellipsis", pad=True)
        if field:
            line.append(" " * GAP)
        line.append_text(cell)
    return line


class FindResults(ScrollView, can_focus=False):
    """The best matches first; `move` walks the cursor, `highlighted` is the customer under it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"find-results--match", "find-results--cursor"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result: FindResult | None = None
        self.rows: Mapping[str, FindRow] = {}
        self.cursor = 0
        self._lines: dict[tuple[str, bool, int], Strip] = {}

    @property
    def count(self) -> int:
        return len(self.result.ids) if self.result is not None else 0

    @property
    def highlighted(self) -> str | None:
        if self.result is None or not self.result.ids:
            return None
        return self.result.ids[self.cursor]

    def show(
        self, result: FindResult, rows: Mapping[str, FindRow], keep: str | None = None
    ) -> None:
        """Show a new search's matches; the cursor goes to the top (or stays on `keep`)."""
        self.result = result
        self.rows = rows
        self._lines.clear()
        self.cursor = 0
        if keep is not None and keep in result.ids:
            self.cursor = result.ids.index(keep)
        self.virtual_size = Size(self.size.width, len(result.ids))
        if keep is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_cursor_visible()
        self.refresh()

    def move(self, delta: int) -> None:
        if not self.count:
            return
        self.cursor = max(0, min(self.count - 1, self.cursor + delta))
        self._keep_cursor_visible()
        self.refresh()

    def _keep_cursor_visible(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.size.width, self.count)
        self._keep_cursor_visible()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        base = self.rich_style
        if self.result is None or index >= self.count:
            return Strip.blank(width, base)
        row_id = self.result.ids[index]
        cursor = index == self.cursor
        key = (row_id, cursor, width)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._line(row_id, cursor, width, base)
            self._lines[key] = strip
        return strip

    def _line(self, row_id: str, cursor: bool, width: int, base: Style) -> Strip:
        assert self.result is not None
        row = self.rows.get(row_id) or (row_id, None, None, None, None)
        match = self.get_component_rich_style("find-results--match", partial=True)
        line = fit_row(row, self.result.spans(row_id), match, field_widths(width))
        line.truncate(width, overflow="crop", pad=True)
        style = base + self.get_component_rich_style("find-results--cursor") if cursor else base
        segments = list(Segment.apply_style(line.render(self.app.console), style))
        return Strip(segments, width)
