"""The baseline of bench_first_screen: a bare Textual app with what vtui's first screen has
(a 50-row DataTable, a Footer showing ": Jump") and a jump dialog that opens a screen named
"Overview" on enter. No vtui code.

python tests/benchmarks/bare_first_screen.py   # markers: "p0@example.com", "Jump", "Jump to"
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, Static


class Overview(Screen[None]):
    def __init__(self, who: str) -> None:
        super().__init__()
        self.who = who

    def compose(self) -> ComposeResult:
        yield Static(f"Overview of {self.who}")
        yield Footer()


class Jump(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Label("Jump to a customer")
        yield Input()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss()
        self.app.push_screen(Overview(event.value))


class BareFirstScreen(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("colon", "jump", "Jump")]

    def compose(self) -> ComposeResult:
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns("Name", "Email", "Source ID", "City", "Country", "Created")
        for i in range(50):
            table.add_row(
                f"Person {i}", f"p{i}@example.com", f"crm-{i}", "Warsaw", "Poland", "2025-12-31"
            )
        table.focus()

    def action_jump(self) -> None:
        self.push_screen(Jump())


if __name__ == "__main__":
    BareFirstScreen().run()
