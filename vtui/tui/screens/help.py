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

from vtui.tui import bindings

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


GROUP_NAMES = {"ContentTabs": "Tabs", "Tabs": "Tabs"}
"""Widgets whose bindings get a heading of their own, by what a user calls them."""


def help_table(under: Screen[Any]) -> Table:
    """One row per action, all its keys together (remapped ones as remapped), grouped by
    where the binding lives: the focused widget, the screen, everywhere."""
    app = under.app
    rows: dict[tuple[str, str], list[Binding]] = {}
    for active in under.active_bindings.values():
        binding = active.binding
        action = binding.action.rsplit(".", 1)[-1].split("(", 1)[0]
        if not binding.description or action in HIDDEN_ACTIONS:
            continue
        rows.setdefault((_group(active.node), binding.action), []).append(binding)
    order_of = declared_order()
    groups: dict[str, list[tuple[int, str, Text]]] = {}
    for n, ((group, _), found) in enumerate(rows.items()):
        found.sort(key=lambda binding: binding.id is None)  # vtui's own keys first
        main = found[0]
        keys = "  ".join(dict.fromkeys(app.get_key_display(binding) for binding in found))
        text = main.description + (f" — {main.tooltip}" if main.tooltip else "")
        # As bindings.py declares them (a remapped key keeps its place), Textual's own last.
        place = order_of.get(main.id, n) if main.id else 1000 + n
        groups.setdefault(group, []).append((place, keys, Text(text)))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, justify="right")
    table.add_column()
    order = [
        "This screen",
        *sorted(g for g in groups if g not in ("This screen", "Anywhere")),
        "Anywhere",
    ]
    for group in order:
        group_rows = groups.get(group)
        if not group_rows:
            continue
        table.add_row(Text(group, style="underline"), "")
        for _, keys, words in sorted(group_rows, key=lambda row: row[0]):
            table.add_row(keys, words)
        table.add_row("", "")
    return table


def declared_order() -> dict[str, int]:
    """Binding ids in the order of their tables (the app's last: on other screens its ids
    stand for keys that work elsewhere)."""
    app = (bindings.APP, bindings.APP_PRIORITY)
    tables = [t for reach in bindings.REACHES.values() for t in reach if t not in app]
    order: dict[str, int] = {}
    for table in [*tables, bindings.APP]:
        for binding in table:
            if binding.id is not None:
                order.setdefault(binding.id, len(order))
    return order


def _group(node: object) -> str:
    if isinstance(node, App):
        return "Anywhere"
    if isinstance(node, Screen):
        return "This screen"
    name = type(node).__name__
    if name.endswith("Table"):
        return "Table"
    return GROUP_NAMES.get(name) or _words(name)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.HELP)

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
    """`CustomerListScreen` -> "Customer list": what the user calls the screen."""
    return _words(type(screen).__name__.removesuffix("Screen")) or "this screen"


def _words(class_name: str) -> str:
    """`FilterBar` -> "Filter bar"."""
    return " ".join(re.findall(r"[A-Z][a-z0-9]*", class_name)).lower().capitalize()
