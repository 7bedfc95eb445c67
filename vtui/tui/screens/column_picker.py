"""The column picker (palette → "Columns…"): which of the list's columns show, in what order.

space shows or hides the highlighted column, shift+up/down (or K/J) moves it, a metadata
key typed below adds a `metadata.KEY` column, enter applies, escape leaves things as they
were. It answers the chosen ids in order (or None); the list shows and remembers them.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from vtui.changes.inert import inert
from vtui.tui.columns import CATALOGUE, SORT_COLUMNS, ColumnError, check_columns, column
from vtui.tui.list_query import ORDER_LABELS


class ColumnPickerScreen(ModalScreen[list[str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "show_hide", "Show/hide", id="columns.toggle"),
        Binding("shift+up,K", "move(-1)", "Move up", id="columns.up"),
        Binding("shift+down,J", "move(1)", "Move down", id="columns.down"),
        Binding("r", "reset", "Config's", id="columns.reset"),
        Binding("enter", "apply", "Apply", id="columns.apply", priority=True),
        Binding("escape", "cancel", "Cancel", id="columns.cancel"),
    ]

    def __init__(self, chosen: list[str], order: str, fallback: list[str]) -> None:
        super().__init__()
        self.order = order
        self.fallback = fallback
        """The columns without a choice of the picker's (config.toml's, or the defaults)."""
        self.shown = set(chosen)
        # The chosen columns first, in their order; then the others in the catalogue's.
        self.ids = list(chosen) + [i for i in CATALOGUE if i not in self.shown]

    def compose(self) -> ComposeResult:
        with Vertical(id="columns-box"):
            yield Label(Text("Columns", style="bold"), id="columns-title")
            yield Static(
                "space show/hide · K/J move · r resets · enter apply · esc cancel",
                id="columns-help",
            )
            yield OptionList(*self._options(), id="columns-list")
            yield Input(
                placeholder="tab here: a metadata key to add, e.g. tier",
                id="columns-key",
                compact=True,
            )
            yield Static(self._note(), id="columns-note")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.query_one(OptionList).highlighted = 0

    def _note(self) -> Text:
        sort_id = SORT_COLUMNS.get(self.order)
        if sort_id is None or sort_id in self.shown:
            return Text("")
        label = CATALOGUE[sort_id].label
        return Text(
            f"{label} shows as well while the list is sorted {ORDER_LABELS[self.order]}.",
            style="italic",
        )

    def _options(self) -> list[Option]:
        options = []
        for column_id in self.ids:
            mark = "[x]" if column_id in self.shown else "[ ]"
            line = Text(f"{mark} ")
            line.append(column(column_id).label, style="bold" if column_id in self.shown else "")
            line.append(" · ")  # unstyled: the spaces never merge into a styled span
            line.append(inert(column_id), style="dim")
            options.append(Option(line, id=column_id))
        return options

    def _repaint(self, highlight: int | None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        if highlight is not None and self.ids:
            options.highlighted = max(0, min(highlight, len(self.ids) - 1))
        self.query_one("#columns-note", Static).update(self._note())

    def _current(self) -> int | None:
        options = self.query_one(OptionList)
        return options.highlighted if options.has_focus else None

    def action_show_hide(self) -> None:
        index = self._current()
        if index is None:
            return
        column_id = self.ids[index]
        if column_id in self.shown:
            if len(self.shown) == 1:
                self.notify("The list needs at least one column.", severity="warning")
                return
            self.shown.discard(column_id)
        else:
            self.shown.add(column_id)
        self._repaint(index)

    def action_move(self, step: int) -> None:
        index = self._current()
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.ids):
            return
        self.ids[index], self.ids[target] = self.ids[target], self.ids[index]
        self._repaint(target)

    def action_reset(self) -> None:
        """Back to config.toml's columns (or the defaults); applied, the choice is forgotten
        so that later edits of config.toml count again."""
        self.shown = set(self.fallback)
        self.ids = list(self.fallback) + [i for i in self.ids if i not in self.shown]
        self._repaint(0)

    def chosen(self) -> list[str]:
        return [column_id for column_id in self.ids if column_id in self.shown]

    def action_apply(self) -> None:
        field = self.query_one("#columns-key", Input)
        if field.has_focus and field.value.strip():
            self._add_metadata(field.value.strip())
            return
        self.dismiss(self.chosen())

    def _add_metadata(self, key: str) -> None:
        field = self.query_one("#columns-key", Input)
        column_id = f"metadata.{key}"
        try:
            check_columns([column_id])
        except ColumnError as error:
            self.notify(str(error), severity="error")
            return
        if column_id not in self.ids:
            self.ids.append(column_id)
        self.shown.add(column_id)
        field.value = ""
        self._repaint(self.ids.index(column_id))
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # enter on a row applies (the binding has priority); a click toggles
        self.action_show_hide()

    def action_cancel(self) -> None:
        self.dismiss(None)
