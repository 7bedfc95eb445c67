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
    return Text(inert(change.path), style="bold"), old, new


class DiffScreen(ModalScreen[bool]):
    """Confirm (ctrl+s / enter on Save) or go back to editing (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.DIFF)

    def __init__(self, title: str, changes: list[Change], save_label: str = "Save") -> None:
        super().__init__()
        self.title_text = title
        self.changes = changes
        self.save_label = save_label

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-box"):
            count = len(self.changes)
            yield Label(
                f"{self.title_text}: {count} field{'s' if count != 1 else ''} will change",
                id="diff-title",
            )
            yield DataTable(id="diff-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="diff-buttons"):
                yield Button(f"Back ({key_in_words(self.app, 'back', 'esc')})", id="diff-back")
                yield Button(
                    f"{self.save_label} ({key_in_words(self.app, 'save', 'ctrl+s')})",
                    variant="success",
                    id="diff-save",
                )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Field", key="field")
        table.add_column("Before", key="before")
        table.add_column("After", key="after")
        for change in self.changes:
            table.add_row(*change_cells(change))
        self.query_one("#diff-save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "diff-save")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
