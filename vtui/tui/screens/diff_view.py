"""The diff shown before every save: each field that changes, before and after.

A cleared field says so in words; nothing is sent until the user confirms here.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label

from vtui.changes.fields import Change
from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.keymap import key_in_words
from vtui.tui.words import plural

FIELD_WIDTH_MAX = 24
"""The Field column's widest; Before and After share the rest and fold long values."""


def shown(value: Any) -> str:
    """A value as one inert line (control characters from the API shown as escapes)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return inert(value)
    return inert(json.dumps(value, ensure_ascii=False))


def change_cells(change: Change) -> tuple[Text, Text, Text]:
    old = Text(shown(change.old) or "—", style="red" if change.old is not None else "dim")
    if change.cleared:
        new = Text("(cleared)", style="bold red")
    else:
        new = Text(shown(change.new), style="green")
    path = Text(inert(change.path), style="bold")
    for text in (path, old, new):
        text.overflow = "fold"  # a long value wraps in its column: both columns stay in view
    return path, old, new


def column_widths(changes: list[Change], width: int) -> tuple[int, int]:
    """(field, value) widths: the field column fits its paths (up to a limit), and Before
    and After each get half of what is left of `width` (the table's, padding included)."""
    field = min(FIELD_WIDTH_MAX, max([len("Field")] + [len(inert(c.path)) for c in changes]))
    rest = width - field - 3 * 2 - 1  # each column's padding, and a cell for the scrollbar edge
    return field, max(8, rest // 2)


class DiffScreen(ModalScreen[bool]):
    """Confirm (ctrl+s / enter on Save) or go back to editing (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.DIFF)

    def __init__(
        self, title: str, changes: list[Change], save_label: str = "Save", verb: str = "will change"
    ) -> None:
        super().__init__()
        self.title_text = title
        self.verb = verb
        """What the fields do: "will change", or "will be set" for a new customer."""
        self.changes = changes
        self.save_label = save_label
        self._widths = (0, 0)

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-box"):
            count = plural(len(self.changes), "field")
            yield Label(Text(f"{self.title_text}: {count} {self.verb}"), id="diff-title")
            yield DataTable(id="diff-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="diff-buttons"):
                yield Button(f"Back ({key_in_words(self.app, 'back', 'esc')})", id="diff-back")
                yield Button(
                    f"{self.save_label} ({key_in_words(self.app, 'save', 'ctrl+s')})",
                    variant="success",
                    id="diff-save",
                )

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#diff-save", Button).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """(Re)build the rows for the table's width: long values fold onto more lines."""
        table = self.query_one(DataTable)
        # Title, buttons and borders take 10 lines: the table scrolls in what is left.
        table.styles.max_height = max(4, min(20, self.app.size.height - 12))
        width = table.scrollable_content_region.width or self.app.size.width - 8
        field, value = column_widths(self.changes, width)
        if self._widths == (field, value):
            return
        self._widths = (field, value)
        table.clear(columns=True)
        table.add_column("Field", key="field", width=field)
        table.add_column("Before", key="before", width=value)
        table.add_column("After", key="after", width=value)
        for change in self.changes:
            table.add_row(*change_cells(change), height=None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "diff-save")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
