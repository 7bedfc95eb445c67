"""Metadata as editable rows: key, type (text, number, boolean, date, JSON) and value.

Each row checks itself as the user types; `collect` gives the typed dict or the problems.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from vtui.changes import fields as cf
from vtui.changes.inert import inert
from vtui.tui.keymap import key_in_words


class TypeButton(Button):
    """The value's type; enter, space or a click moves to the next (a Select per row is slow
    to build when a customer has many keys)."""

    class Changed(Message):
        pass

    def __init__(self, kind: str) -> None:
        super().__init__(kind, classes="meta-type", compact=True, tooltip="Type: press to change")
        self.kind = kind

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.label = kind
        self.post_message(self.Changed())

    def press(self) -> TypeButton:
        kinds = cf.METADATA_TYPES
        self.set_kind(kinds[(kinds.index(self.kind) + 1) % len(kinds)])
        return self


class MetadataRow(Vertical):
    def __init__(
        self, key: str = "", value: Any = "", kind: str | None = None, *, focus: bool = False
    ) -> None:
        super().__init__()
        self.focus_key = focus
        self.initial_key = key
        self.initial_kind = kind or cf.metadata_type(value)
        self.initial_text = cf.metadata_text(value) if key else ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            shown = inert(self.initial_key)  # a key holding a control shows it as an escape
            yield Input(shown, placeholder="key", classes="meta-key", compact=True)
            yield TypeButton(self.initial_kind)
            yield Input(self.initial_text, placeholder="value", classes="meta-value", compact=True)
            yield Button("✕", classes="meta-remove", tooltip="Remove this key", compact=True)
        yield Static("", classes="meta-problem")

    def on_mount(self) -> None:
        if self.focus_key:
            self.query_one(".meta-key", Input).focus()
        if self._escaped_key() is not None:
            self.revalidate()  # says why the key reads \x1b...

    @property
    def key(self) -> str:
        """The key as typed; a stored key shown escaped and left so is the stored one."""
        typed = self.query_one(".meta-key", Input).value.strip()
        return self.initial_key if typed and typed == self._escaped_key() else typed

    def _escaped_key(self) -> str | None:
        """How a stored key holding a control character shows (None for any other key)."""
        shown = inert(self.initial_key)
        return shown.strip() if shown != self.initial_key else None

    @property
    def kind(self) -> str:
        return self.query_one(TypeButton).kind

    @kind.setter
    def kind(self, kind: str) -> None:
        self.query_one(TypeButton).set_kind(kind)

    def parsed(self) -> tuple[str, Any, str | None]:
        """(key, value, problem)."""
        key, text = self.key, self.query_one(".meta-value", Input).value
        if not key and not text.strip():
            return "", None, None  # an empty row is ignored
        problem = cf.check_metadata_key(key)
        value, value_problem = cf.parse_metadata_value(self.kind, text)
        return key, value, problem or value_problem

    def revalidate(self) -> str | None:
        key, _, problem = self.parsed()
        escaped = key == self.initial_key and self._escaped_key() is not None
        note = "key shown escaped; kept unless retyped" if escaped else ""
        shown = self.query_one(".meta-problem", Static)
        shown.set_class(not problem and bool(note), "-note")
        shown.update(Text(problem or note))  # a key can hold [brackets]
        return problem

    def on_input_changed(self, event: Input.Changed) -> None:
        self.revalidate()

    def on_type_button_changed(self, event: TypeButton.Changed) -> None:
        self.revalidate()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if "meta-remove" in event.button.classes:
            self.remove()


class MetadataRows(Vertical):
    def __init__(self, metadata: dict[str, Any] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.initial = dict(metadata or {})

    def compose(self) -> ComposeResult:
        for key, value in self.initial.items():
            yield MetadataRow(key, value)
        add = key_in_words(self.app, "add_metadata", "ctrl+t")
        yield Button(f"+ metadata key ({add})", id="meta-add", compact=True)

    def add_row(self, *, focus: bool = True) -> MetadataRow:
        row = MetadataRow(focus=focus)
        self.mount(row, before=self.query_one("#meta-add"))
        return row

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "meta-add":
            event.stop()
            self.add_row()

    def collect(self) -> tuple[dict[str, Any], list[str]]:
        """The metadata the rows hold, and every problem (duplicate keys included)."""
        metadata: dict[str, Any] = {}
        problems: list[str] = []
        for row in self.query(MetadataRow):
            key, value, problem = row.parsed()
            row.revalidate()
            if problem:
                problems.append(f"metadata {key or '(no key)'}: {problem}")
            elif key:
                if key in metadata:
                    problems.append(f"metadata key {key!r} appears twice")
                metadata[key] = value
        return metadata, problems
