"""The list's filter bar (`/`): email, name, city, segment and created/updated ranges.

It only builds a `ListQuery`; the list screen decides what to load. A value the API would
not accept (a bad date, an empty range) is reported here and the current query stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid
from textual.message import Message
from textual.widgets import Input, Label, Select

from vtui.tui import bindings
from vtui.tui.list_query import ListQuery, QueryError, parse_day

_TEXT_FIELDS = ("email", "name", "city")
_DATE_FIELDS = (
    ("created_after", "created ≥"),
    ("created_before", "created <"),
    ("updated_after", "updated ≥"),
    ("updated_before", "updated <"),
)


class FilterBar(Grid):
    """Eight fields in a three-row grid; enter applies, escape closes, ctrl+l clears."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.FILTER_BAR)

    class Applied(Message):
        def __init__(self, query: ListQuery) -> None:
            super().__init__()
            self.query = query

    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._order = "-created_at"

    def compose(self) -> ComposeResult:
        # Three rows laid out for 80 columns first: email, name / city, segment / the two
        # date ranges, each a label and its "≥" and "<" days (see FilterBar in app.tcss).
        for key in _TEXT_FIELDS:
            yield Label(key, classes="filter-label")
            yield Input(
                placeholder=f"exact {key}",
                id=f"filter-{key}",
                classes="filter-field -wide",
                compact=True,
            )
        yield Label("segment", classes="filter-label")
        yield Select[str](
            [], prompt="any", id="filter-segment_id", classes="filter-field -wide", compact=True
        )
        for key, label in _DATE_FIELDS:
            if key.endswith("_after"):
                yield Label(key.split("_")[0], classes="filter-label")
            yield Input(
                placeholder=f"{label[-1]} YYYY-MM-DD",
                id=f"filter-{key}",
                classes="filter-field",
                compact=True,
                tooltip=label,
            )
        yield Label("", id="filter-problem")

    def load(self, query: ListQuery, segments: dict[str, str]) -> None:
        """Fill the fields from `query` and offer the known segments."""
        self._order = query.order
        for key in _TEXT_FIELDS:
            self.query_one(f"#filter-{key}", Input).value = getattr(query, key)
        for key, _ in _DATE_FIELDS:
            value = getattr(query, key)
            self.query_one(f"#filter-{key}", Input).value = value.isoformat() if value else ""
        select = self.query_one("#filter-segment_id", Select)
        options = dict(segments)
        if query.segment_id and query.segment_id not in options:
            options[query.segment_id] = query.segment_id
        named = sorted((name or sid, sid) for sid, name in options.items())
        select.set_options((Text(name), sid) for name, sid in named)  # names are data, not markup
        if query.segment_id:
            select.value = query.segment_id
        else:
            select.clear()
        self.query_one("#filter-problem", Label).update(
            "" if segments else "Segments appear here once seen in a customer's Segments tab."
        )

    def build(self) -> ListQuery:
        """The query the fields describe; raises QueryError with a readable message."""
        values: dict[str, object] = {}
        for key in _TEXT_FIELDS:
            values[key] = self.query_one(f"#filter-{key}", Input).value.strip()
        segment = self.query_one("#filter-segment_id", Select).value
        values["segment_id"] = segment if isinstance(segment, str) else ""
        for key, label in _DATE_FIELDS:
            values[key] = parse_day(label, self.query_one(f"#filter-{key}", Input).value)
        return replace(ListQuery(order=self._order), **values)  # type: ignore[arg-type]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._apply()

    def _apply(self) -> None:
        problem = self.query_one("#filter-problem", Label)
        try:
            query = self.build()
        except QueryError as error:
            problem.update(Text(f"⚠ {error}"))
            problem.add_class("-error")
            return
        problem.remove_class("-error")
        problem.update("")
        self.post_message(self.Applied(query))

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_clear(self) -> None:
        for field in self.query(".filter-field"):
            if isinstance(field, Input):
                field.value = ""
            elif isinstance(field, Select):
                field.clear()
        self.query_one("#filter-email").focus()
        self._apply()
