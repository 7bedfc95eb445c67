"""Metadata as editable rows: key, type (text, number, boolean, date, JSON) and value.

Each row checks itself as the user types; `collect` gives the typed dict or the problems.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static

from vtui import customer_fields as cf

TYPE_OPTIONS = [(kind, kind) for kind in cf.METADATA_TYPES]


class MetadataRow(Vertical):
    DEFAULT_CSS = """
    MetadataRow { height: auto; }
    MetadataRow Horizontal { height: 1; }
    MetadataRow Input, MetadataRow Select { margin-right: 1; }
    MetadataRow .meta-key { width: 1fr; }
    MetadataRow .meta-type { width: 14; }
    MetadataRow .meta-value { width: 2fr; }
    MetadataRow .meta-remove { width: 5; min-width: 5; }
    MetadataRow .meta-problem { color: $error; height: auto; padding-left: 1; }
    """

    def __init__(self, key: str = "", value: Any = "", kind: str | None = None) -> None:
        super().__init__()
        self.initial_key = key
        self.initial_kind = kind or cf.metadata_type(value)
        self.initial_text = cf.metadata_text(value) if key else ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(self.initial_key, placeholder="key", classes="meta-key", compact=True)
            yield Select(
                TYPE_OPTIONS,
                value=self.initial_kind,
                allow_blank=False,
                classes="meta-type",
                compact=True,
            )
            yield Input(self.initial_text, placeholder="value", classes="meta-value", compact=True)
            yield Button("✕", classes="meta-remove", tooltip="Remove this key", compact=True)
        yield Static("", classes="meta-problem")

    @property
    def key(self) -> str:
        return self.query_one(".meta-key", Input).value.strip()

    @property
    def kind(self) -> str:
        return str(self.query_one(".meta-type", Select).value)

    def parsed(self) -> tuple[str, Any, str | None]:
        """(key, value, problem)."""
        key, text = self.key, self.query_one(".meta-value", Input).value
        if not key and not text.strip():
            return "", None, None  # an empty row is ignored
        problem = cf.check_metadata_key(key)
        value, value_problem = cf.parse_metadata_value(self.kind, text)
        return key, value, problem or value_problem

    def revalidate(self) -> str | None:
        _, _, problem = self.parsed()
        self.query_one(".meta-problem", Static).update(problem or "")
        return problem

    def on_input_changed(self, event: Input.Changed) -> None:
        self.revalidate()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.revalidate()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.remove()


class MetadataRows(Vertical):
    DEFAULT_CSS = """
    MetadataRows { height: auto; }
    MetadataRows #meta-add { margin: 1 0; }
    """

    def __init__(self, metadata: dict[str, Any] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.initial = dict(metadata or {})

    def compose(self) -> ComposeResult:
        for key, value in self.initial.items():
            yield MetadataRow(key, value)
        yield Button("+ metadata key (ctrl+t)", id="meta-add", compact=True)

    def add_row(self) -> MetadataRow:
        row = MetadataRow()
        self.mount(row, before=self.query_one("#meta-add"))
        return row

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "meta-add":
            event.stop()
            row = self.add_row()
            self.call_after_refresh(lambda: row.query_one(".meta-key", Input).focus())

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
