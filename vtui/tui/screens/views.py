"""The list's saved views: `v` lists them (enter applies, d deletes), "Save view…" names one.

Names are the user's own text and are shown inert (never read as markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.views import ViewNameError, check_name

if TYPE_CHECKING:
    from vtui.tui.list_views import ViewsOnList

EMPTY = "No saved views yet. Save what the list shows from the palette: ctrl+p, Save view…"


class ViewsScreen(ModalScreen[None]):
    """The saved views of this profile, by name."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.VIEWS)

    def __init__(self, customers: ViewsOnList) -> None:
        super().__init__()
        self.customers = customers

    def compose(self) -> ComposeResult:
        with Vertical(id="views-box"):
            yield OptionList(id="views-list")
            yield Static(EMPTY, id="views-empty")
            yield Static(id="views-keys")

    def on_mount(self) -> None:
        self.query_one("#views-box").border_title = "Views"
        self._fill()
        self.query_one(OptionList).focus()
        self.query_one("#views-keys", Static).update(self._keys_text())

    def _keys_text(self) -> Text:
        """The keys as bound now (remapped ones included), the first key of each."""
        keys: dict[str, tuple[str, str]] = {}
        own = {binding.id for binding in bindings.VIEWS}
        for _, binding in self._bindings:
            if binding.id in own and binding.show:
                keys.setdefault(
                    binding.action, (self.app.get_key_display(binding), binding.description)
                )
        text = Text(no_wrap=True, overflow="ellipsis")
        for key, description in keys.values():
            if text:
                text.append("  ")
            text.append(key, style="bold")
            text.append(f" {description}")
        return text

    def _fill(self, keep: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        current = self.customers.view_name()
        for name, view in self.customers.views().items():
            prompt = Text(inert(name), style="bold")
            if name == current:
                prompt.append(" (shown)", style="italic")
            prompt.append("\n  " + inert(view.describe()), style="dim")
            options.add_option(Option(prompt, id=name))
        empty = options.option_count == 0
        options.display = not empty
        self.query_one("#views-empty").display = empty
        if not empty:
            options.highlighted = min(keep, options.option_count - 1)

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        name = self._highlighted()
        if name is not None:
            self.dismiss()
            self.customers.apply_view(name)

    def action_delete(self) -> None:
        name = self._highlighted()
        if name is None:
            return
        from vtui.tui.screens.confirm import ConfirmScreen

        where = self.query_one(OptionList).highlighted or 0

        def answered(yes: bool | None) -> None:
            if yes:
                self.customers.delete_view(name)
                self._fill(where)

        body = Text(f"Delete the view {inert(name)}? The customers stay as they are.")
        self.app.push_screen(ConfirmScreen("Delete view", body), answered)

    def action_close(self) -> None:
        self.dismiss()


class SaveViewScreen(ModalScreen[None]):
    """Name the list's filter, sort and columns; an existing name is replaced once confirmed."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.SAVE_VIEW)

    def __init__(self, customers: ViewsOnList) -> None:
        super().__init__()
        self.customers = customers

    def compose(self) -> ComposeResult:
        with Vertical(id="save-view-box"):
            yield Label("Save the list's filter, sort and columns as a view named:")
            yield Input(
                value=self.customers.view_name() or "",
                placeholder="VIP in Warsaw",
                id="view-name",
            )
            yield Label("", id="view-problem")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.query_one("#view-problem", Label)
        try:
            name = check_name(event.value)
        except ViewNameError as error:
            problem.update(Text(str(error)))
            return
        if name not in self.customers.views():
            self.dismiss()
            self.customers.save_view(name)
            return
        from vtui.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss()
                self.customers.save_view(name)

        body = Text(f"A view named {inert(name)} exists. Replace it with what the list shows?")
        self.app.push_screen(ConfirmScreen("Replace view", body, confirm="Replace"), answered)

    def action_close(self) -> None:
        self.dismiss()
