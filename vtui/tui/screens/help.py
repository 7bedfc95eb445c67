"""Help (`?`/f1): the keys of the screen underneath, generated from its live bindings.

Nothing here is written by hand, so help cannot drift from what the keys really do.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

HIDDEN_ACTIONS = frozenset(
    {
        "copy_text",
        "cursor_left",
        "cursor_right",
        "page_left",
        "page_right",
        "scroll_home",
        "scroll_end",
    }
)
"""Textual's own keys that do nothing useful in vtui's tables; left out to keep help short."""


def help_table(under: Screen[Any]) -> Table:
    """Rows grouped by where the binding lives: the focused widget, the screen, everywhere."""
    app = under.app
    groups: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for _, active in under.active_bindings.items():
        binding = active.binding
        action = binding.action.rsplit(".", 1)[-1].split("(", 1)[0]
        if not binding.description or action in HIDDEN_ACTIONS:
            continue
        node = active.node
        if isinstance(node, App):
            group = "Anywhere"
        elif isinstance(node, Screen):
            group = "This screen"
        else:
            group = "Table" if type(node).__name__.endswith("Table") else type(node).__name__
        keys = app.get_key_display(binding)
        row = (keys, binding.description + (f" — {binding.tooltip}" if binding.tooltip else ""))
        if (group, row[1]) in seen:
            continue
        seen.add((group, row[1]))
        groups.setdefault(group, []).append(row)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, justify="right")
    table.add_column()
    order = [
        "This screen",
        *sorted(g for g in groups if g not in ("This screen", "Anywhere")),
        "Anywhere",
    ]
    for group in order:
        rows = groups.get(group)
        if not rows:
            continue
        table.add_row(Text(group, style="underline"), "")
        for keys, text in rows:
            table.add_row(keys, Text(text))
        table.add_row("", "")
    table.add_row("ctrl+p", Text("Command palette: every action here, profiles, themes"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under
        self.title_text = f"Keys: {_screen_name(under)}"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text(self.title_text, style="bold"), id="help-title")
            yield Static(help_table(self.under), id="help-body")
            yield Static(Text("escape closes", style="dim"))

    def action_close(self) -> None:
        self.dismiss()


def _screen_name(screen: Screen[Any]) -> str:
    """`CustomerListScreen` -> "customer list": what the user calls the screen."""
    words = re.findall(r"[A-Z][a-z0-9]*", type(screen).__name__.removesuffix("Screen"))
    return " ".join(words).lower().capitalize() or "this screen"
