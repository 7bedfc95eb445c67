"""Confirmations for destructive actions: yes/no, and type-the-name for the irreversible."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from vtui.tui import bindings


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no; `y`/enter confirms, `n`/escape cancels (the default is to cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.CONFIRM)

    def __init__(self, title: str, body: str | Text, confirm: str = "Delete") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box"):
            yield Label(self.title_text, classes="confirm-title")
            yield Static(self.body, classes="confirm-body")
            with Horizontal(classes="confirm-buttons"):
                yield Button("Cancel (n)", id="confirm-cancel")
                yield Button(f"{self.confirm_label} (y)", variant="error", id="confirm-ok")

    def on_mount(self) -> None:
        self.query_one("#confirm-cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-ok")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TypeToConfirmScreen(ModalScreen[bool]):
    """Confirms only when one of `accepted` is typed exactly (source_id or email)."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.TYPE_TO_CONFIRM)

    def __init__(self, title: str, body: str | Text, accepted: list[str], what: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.accepted = [a for a in accepted if a]
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box"):
            yield Label(self.title_text, classes="confirm-title")
            yield Static(self.body, classes="confirm-body")
            yield Static(Text(f"Type {self.what} to confirm, then press enter:"))
            yield Input(id="confirm-typed")
            yield Static("", id="confirm-problem")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip() in self.accepted:
            self.dismiss(True)
            return
        self.query_one("#confirm-problem", Static).update(
            Text(f"That is not {self.what}. Nothing was deleted; escape cancels.")
        )

    def action_cancel(self) -> None:
        self.dismiss(False)
