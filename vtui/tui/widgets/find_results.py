"""The matches of find as you type: one line per customer, matched letters lit, a cursor.

Drawn line by line (Textual's line API): a keystroke costs the lines on screen, never the
number of matches, and a row's highlight spans are worked out only when its line is drawn.
What a customer's texts hold is inert (`vtui.changes.inert`) and never read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from vtui.changes.inert import inert

if TYPE_CHECKING:
    from vtui.tui.fuzzy import FindResult


class RowsById(Protocol):
    """Where the matches' texts are read: a row (id, name, email, source_id, city) by id."""

    def get(self, row_id: str, /) -> tuple[Any, ...] | None: ...


# (weight, minimum width) of name, email, source_id and city: as the list shares its width.
FIELD_WIDTHS = ((4, 10), (5, 14), (3, 9), (2, 6))
GAP = 2


def field_widths(width: int) -> list[int]:
    """Each field's share of `width` (less the gaps), never below its minimum."""
    free = max(0, width - 2 - GAP * (len(FIELD_WIDTHS) - 1))
    total = sum(weight for weight, _ in FIELD_WIDTHS)
    return [max(least, free * weight // total) for weight, least in FIELD_WIDTHS]


def fit_cell(text: str, width: int) -> tuple[str, bool]:
    """`text` cut to `width` cells (the last one "…" when cut), and whether it was cut."""
    if text.isascii():
        if len(text) <= width:
            return text, False
        return text[: max(0, width - 1)], True
    if cell_len(text) <= width:
        return text, False
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > width - 1:
            return text[:index], True
    return text, False


def row_segments(
    row: tuple[Any, ...],
    spans: tuple[tuple[tuple[int, int], ...], ...],
    widths: list[int],
    plain: Style,
    lit: Style,
) -> list[Segment]:
    """One line: the four fields in their columns, the matched letters in the `lit` style.

    Made straight as segments (no rich Text layout): this runs for every line on screen at
    every keystroke."""
    segments = [Segment(" ", plain)]
    for field, width in enumerate(widths):
        if field:
            segments.append(Segment(" " * GAP, plain))
        value = row[field + 1] or ""
        shown = inert(value) or "—"
        text, cut = fit_cell(shown, width)
        at = 0
        if shown == value and field < len(spans):
            for start, end in spans[field]:
                start, end = min(start, len(text)), min(end, len(text))
                if start > at:
                    segments.append(Segment(text[at:start], plain))
                if end > start:
                    segments.append(Segment(text[start:end], lit))
                at = max(at, end)
        if at < len(text):
            segments.append(Segment(text[at:], plain))
        used = cell_len(text) + cut
        if cut:
            segments.append(Segment("…", plain))
        if used < width:
            segments.append(Segment(" " * (width - used), plain))
    return segments


class FindResults(Widget, can_focus=False):
    """The best matches first; `move` walks the cursor, `highlighted` is the customer under it.

    Scrolls itself (`top`): a scrollable widget's size changing with the number of matches
    would lay the screen out again at each keystroke."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"find-results--match", "find-results--cursor"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result: FindResult | None = None
        self.rows: RowsById = {}
        self.cursor = 0
        self.top = 0
        self._lines: dict[tuple[str, bool, int], Strip] = {}

    @property
    def count(self) -> int:
        return len(self.result.ids) if self.result is not None else 0

    @property
    def highlighted(self) -> str | None:
        if self.result is None or not self.result.ids:
            return None
        return self.result.ids[self.cursor]

    def show(self, result: FindResult, rows: RowsById, keep: str | None = None) -> None:
        """Show a new search's matches; the cursor goes to the top (or stays on `keep`)."""
        self.result = result
        self.rows = rows
        self._lines.clear()
        self.cursor = 0
        if keep is not None and keep in result.ids:
            self.cursor = result.ids.index(keep)
        else:
            self.top = 0
        self._keep_cursor_visible()
        self.refresh()

    def move(self, delta: int) -> None:
        if not self.count:
            return
        self.cursor = max(0, min(self.count - 1, self.cursor + delta))
        self._keep_cursor_visible()
        self.refresh()

    def _keep_cursor_visible(self) -> None:
        height = max(1, self.size.height)
        self.top = max(0, min(self.top, self.count - height))
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + height:
            self.top = self.cursor - height + 1

    def on_resize(self) -> None:
        self._lines.clear()
        self._keep_cursor_visible()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self.top + y
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
        plain = base + self.get_component_rich_style("find-results--cursor") if cursor else base
        lit = plain + self.get_component_rich_style("find-results--match", partial=True)
        segments = row_segments(row, self.result.spans(row_id), field_widths(width), plain, lit)
        return Strip(segments).adjust_cell_length(width, plain)


class FindStatus(Widget):
    """One line under the matches (their count, what is loaded). Set with `show`: it only
    repaints itself, where Static.update lays the whole screen out again (per keystroke)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()

    def show(self, text: Text) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return self.text
