"""When a write meets someone else's change: show both sides and let the user choose.

`ChoiceScreen` is a modal with a few named choices, each on its own letter key; escape (and
enter on the focused Back button) goes back. None of the choices sits on ctrl+s or enter:
overwriting another change is always a distinct, deliberate key.
`conflict_body` and `replace_body` say what the change-core found (`Conflict`,
`WouldReplace`), every API string made inert first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from vtui.changes.inert import inert
from vtui.tui import bindings

if TYPE_CHECKING:
    from vtui.changes.conflicts import Conflict, WouldReplace
    from vtui.changes.fields import Change

BACK = "back"


class ChoiceScreen(ModalScreen[str]):
    """Dismisses with the value of the choice taken, or "back"."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.CHOICE)

    def __init__(self, title: str, body: str | Text, choices: list[tuple[str, str, str]]) -> None:
        """`choices`: (letter key, button label, value)."""
        super().__init__()
        self.title_text = title
        self.body = body
        self.choices = choices
        self._keys = {key: value for key, _, value in choices}

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box", id="choice-box"):
            yield Label(self.title_text, classes="confirm-title")
            with VerticalScroll(id="choice-body"):
                yield Static(self.body, classes="confirm-body")
            with Horizontal(classes="confirm-buttons"):
                yield Button("Back (esc)", id="choice-back")
                for key, label, value in self.choices:
                    yield Button(f"{label} ({key})", id=f"choice-{value}")

    def on_mount(self) -> None:
        self.query_one("#choice-back", Button).focus()

    def on_key(self, event: Any) -> None:
        value = self._keys.get(event.key)
        if value is not None:
            event.stop()
            self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "choice-back").removeprefix("choice-"))

    def action_choose(self, value: str) -> None:
        self.dismiss(value)


def shown(value: Any) -> str:
    import json

    if value is None:
        return "(none)"
    return inert(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def change_lines(changes: list[Change], limit: int = 12) -> Text:
    out = Text()
    for change in changes[:limit]:
        out.append(f"  {inert(change.path)}: ", style="bold")
        out.append(shown(change.old), style="red")
        out.append(" → ")
        out.append("(cleared)" if change.cleared else shown(change.new), style="green")
        out.append("\n")
    if len(changes) > limit:
        out.append(f"  … and {len(changes) - limit} more\n")
    return out


FORM_RELOAD = "r loads their version into the form, keeping what you typed"
EDITOR_RELOAD = "r opens their version in the editor again, with your changes on top"


def conflict_body(conflict: Conflict, yours: list[Change], reload: str = FORM_RELOAD) -> Text:
    from vtui.changes import drift
    from vtui.changes import fields as cf

    who = inert(cf.label(cf.snapshot(conflict.current)))
    when = drift.stamp(conflict.current)
    body = Text()
    body.append(f"{who} was changed elsewhere since you opened it")
    body.append(f" (updated {when[:19].replace('T', ' ')} UTC)" if when else "")
    body.append(".\n\nChanged elsewhere (as you read it → as it is now):\n", style="bold")
    body.append_text(change_lines(conflict.changes))
    body.append("\nWhat you are sending (as it is now → yours):\n", style="bold")
    body.append_text(change_lines(yours))
    if conflict.clashes:
        body.append(f"\nBoth change {inert(', '.join(conflict.clashes))}. ", style="bold yellow")
    body.append(
        f"\nNothing was saved. o overwrites their version with yours; {reload}; esc goes back."
    )
    return body


def replace_body(error: WouldReplace) -> Text:
    from vtui.changes import fields as cf

    existing = error.existing
    body = Text()
    body.append("A customer with source_id ")
    body.append(inert(existing.source_id or ""), style="bold")
    body.append(" already exists: ")
    body.append(inert(cf.label(cf.snapshot(existing))), style="bold")
    body.append(f" ({inert(existing.id)}).\n\n")
    body.append("Creating would replace their fields with this form's. Nothing was sent.\n")
    body.append("o opens that customer instead; r replaces their fields on purpose.")
    return body


def conflict_choices(*, reload: bool = True) -> list[tuple[str, str, str]]:
    overwrite = ("o", "Overwrite theirs", "overwrite")
    return [("r", "Reload theirs", "reload"), overwrite] if reload else [overwrite]
