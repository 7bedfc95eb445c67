"""What a bulk update or CSV import will do, item by item, before anything is sent.

Items that update an existing customer, items that would create one, and import rows naming
an Id nobody has (they fail). ctrl+s sends when nothing would be created; when something
would, only `c` (a key of its own, naming the count) sends. Dismisses True to send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.keymap import key_in_words
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.changes.preview import BulkPreview

SHOWN = 200
"""Items listed; the counts above always cover them all."""


def _name(item: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    value = item.get("name") or (before or {}).get("name") or item.get("email") or ""
    return inert(str(value))


class BulkPreviewScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.PREVIEW)

    def __init__(self, title: str, preview: BulkPreview, note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.preview = preview
        self.note = note

    def compose(self) -> ComposeResult:
        p = self.preview
        c, esc, save = (
            key_in_words(self.app, "send_creating", "c"),
            key_in_words(self.app, "back", "esc"),
            key_in_words(self.app, "save", "ctrl+s"),
        )
        with Vertical(classes="confirm-box", id="preview-box"):
            yield Label(self.title_text, classes="confirm-title")
            summary = Text(p.summary())
            if p.creates:
                summary.append(
                    f"\n{len(p.creates)} new customer{'s' if len(p.creates) != 1 else ''} "
                    f"would be created. Press {c} to send anyway; {esc} goes back.",
                    style="bold yellow",
                )
            if self.note:
                summary.append(f"\n{self.note}", style="dim")
            yield Static(summary, id="preview-summary")
            yield DataTable(id="preview-table", zebra_stripes=True, cursor_type="row")
            with Horizontal(classes="confirm-buttons"):
                yield Button(f"Back ({esc})", id="preview-back")
                if p.creates:
                    yield Button(
                        f"Send, creating {len(p.creates)} ({c})", variant="warning", id="preview-c"
                    )
                else:
                    yield Button(f"Send ({save})", variant="success", id="preview-send")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Will", key="will")
        table.add_column("source_id / Id", key="ident")
        table.add_column("Name", key="name")
        rows: list[tuple[Text, str, str]] = []
        for item in self.preview.creates:
            rows.append((Text("create", style="bold yellow"), _ident(item), _name(item)))
        for item in self.preview.missing:
            rows.append((Text("fail: no such Id", style="red"), _ident(item), _name(item)))
        for item, before in self.preview.updates:
            rows.append((Text("update", style="green"), _ident(item), _name(item, before)))
        for row in rows[:SHOWN]:
            table.add_row(*row)
        if len(rows) > SHOWN:
            table.add_row("", f"… and {len(rows) - SHOWN} more", "")
        self.query_one("#preview-back", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "preview-c":
            self.action_send_creating()
        elif event.button.id == "preview-send":
            self.action_send()
        else:
            self.dismiss(False)

    def action_send(self) -> None:
        if self.preview.creates:
            self.notify(
                f"This would create {plural(len(self.preview.creates), 'customer')}: "
                f"press {key_in_words(self.app, 'send_creating', 'c')} to confirm.",
                severity="warning",
            )
            return
        self.dismiss(True)

    def action_send_creating(self) -> None:
        if self.preview.creates:
            self.dismiss(True)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def _ident(item: dict[str, Any]) -> str:
    return inert(str(item.get("source_id") or item.get("id") or "(none)"))
