"""The customer list's columns: their labels and widths, and how each reads its text from a
customer's list row (`vtui.api.CustomerRow`, read from the API's answer without pydantic).

Textual-free: the start-up prefetch renders the first page's cells with it too, and the
list's views are sets of these column ids. Which ids exist and how a list of them is checked
is `vtui.config.list_columns` (config.toml names them). Every text is inert
(`vtui.changes.inert`); a value the customer lacks is "—".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from vtui.changes.inert import inert
from vtui.config.list_columns import (
    COLUMN_IDS,
    DEFAULT_COLUMNS,
    METADATA_PREFIX,
    ColumnError,
    check_column,
    check_columns,
)
from vtui.tui import when

if TYPE_CHECKING:
    from vtui.api import CustomerRow

__all__ = [
    "CATALOGUE",
    "DEFAULT_COLUMNS",
    "SORT_COLUMNS",
    "Column",
    "ColumnError",
    "cells",
    "check_columns",
    "column",
    "shown_columns",
    "shown_value",
]

MISSING = "—"
DATE_WIDTH = 10

SORT_COLUMNS: dict[str, str] = {
    "-created_at": "created",
    "created_at": "created",
    "-updated_at": "updated",
    "updated_at": "updated",
    "source_id": "source_id",
    "-source_id": "source_id",
}
"""The column that shows what each list order sorts by: always shown."""

Reader = Callable[["CustomerRow"], str]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: `weight` shares the free width, `minimum` is its narrowest; a `fixed`
    column (a date) is always that wide."""

    id: str
    label: str
    read: Reader
    weight: int = 2
    minimum: int = 6
    fixed: int | None = None
    repeats: bool = False
    """Its texts repeat across rows (countries, days): kept once each (interned)."""

    def text(self, row: CustomerRow) -> str:
        value = self.read(row)
        return sys.intern(value) if self.repeats and len(value) <= 24 else value


def _text(value: str | None) -> str:
    return inert(value) if value else MISSING


def _day(moment: datetime | None) -> str:
    return when.day(moment) if moment is not None else MISSING


def shown_value(value: object) -> str:
    """A metadata value on one line, as the user would write it: text as is, numbers and
    booleans as JSON writes them (`12.5`, `true`), `null`, and lists and objects as compact
    JSON. Always inert."""
    if isinstance(value, str):
        return inert(value) if value else '""'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)
    except ValueError:  # a NaN or a cycle cannot come from JSON; shown as Python would
        text = repr(value)
    return inert(text)


def _metadata(key: str) -> Reader:
    def read(row: CustomerRow) -> str:
        metadata = row.metadata
        if not metadata or key not in metadata:
            return MISSING
        return shown_value(metadata[key])

    return read


CATALOGUE: dict[str, Column] = {
    column.id: column
    for column in (
        Column("name", "Name", lambda r: _text(r.name), 4, 10),
        Column("email", "Email", lambda r: _text(r.email), 5, 14),
        Column("source_id", "Source ID", lambda r: _text(r.source_id), 3, 9),
        Column("city", "City", lambda r: _text(r.city), 2, 6, repeats=True),
        Column("country", "Country", lambda r: _text(r.country), 2, 7, repeats=True),
        Column("phone", "Phone", lambda r: _text(r.phone), 3, 9),
        Column("created", "Created", lambda r: _day(r.created_at), fixed=DATE_WIDTH, repeats=True),
        Column("updated", "Updated", lambda r: _day(r.updated_at), fixed=DATE_WIDTH, repeats=True),
    )
}
"""Every column but the metadata ones, in the picker's order."""
assert tuple(CATALOGUE) == COLUMN_IDS


def column(column_id: str) -> Column:
    """The column for `column_id`; ColumnError when there is none."""
    found = CATALOGUE.get(column_id)
    if found is not None:
        return found
    check_column(column_id)
    key = column_id[len(METADATA_PREFIX) :]
    return Column(column_id, key, _metadata(key), 2, 6, repeats=True)


def shown_columns(ids: Iterable[str], order: str) -> list[Column]:
    """The columns the list shows for `ids` sorted by `order`: the sorted-by column is added
    at the end when `ids` lacks it. Unknown ids are skipped (they were checked on the way in)."""
    chosen: list[Column] = []
    for column_id in ids:
        try:
            found = column(column_id)
        except ColumnError:
            continue
        if all(c.id != found.id for c in chosen):
            chosen.append(found)
    sort_id = SORT_COLUMNS.get(order)
    if sort_id is not None and all(c.id != sort_id for c in chosen):
        chosen.append(CATALOGUE[sort_id])
    return chosen or [CATALOGUE[i] for i in DEFAULT_COLUMNS]


def cells(row: CustomerRow, columns: Sequence[Column]) -> tuple[str, ...]:
    """One row's texts, in the columns' order."""
    return tuple(c.text(row) for c in columns)
