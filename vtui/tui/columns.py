"""The customer list's columns: which exist, their labels and widths, and how each reads its
text from a customer object of the API's list answer (the JSON, no pydantic).

Textual-free: the start-up prefetch renders the first page's cells with it, the config checks
column ids with it, and the list's views are sets of these ids.

Ids: name, email, source_id, city, country, phone, created, updated, and `metadata.KEY` for
any metadata key. Every text is inert (`vtui.changes.inert`); a value the API lacks is "—".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vtui.api.timestamps import parse_timestamp
from vtui.changes.inert import inert
from vtui.tui import when

MISSING = "—"
DATE_WIDTH = 10
METADATA_PREFIX = "metadata."

DEFAULT_COLUMNS: tuple[str, ...] = ("name", "email", "source_id", "city", "country", "created")
"""What the list shows unless the profile's config or the column picker says otherwise."""

SORT_COLUMNS: dict[str, str] = {
    "-created_at": "created",
    "created_at": "created",
    "-updated_at": "updated",
    "updated_at": "updated",
    "source_id": "source_id",
    "-source_id": "source_id",
}
"""The column that shows what each list order sorts by: always shown."""

Reader = Callable[[Mapping[str, Any]], str]


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

    def text(self, item: Mapping[str, Any]) -> str:
        value = self.read(item)
        return sys.intern(value) if self.repeats and len(value) <= 24 else value


def _field(key: str) -> Reader:
    def read(item: Mapping[str, Any]) -> str:
        value = item.get(key)
        return inert(value) if isinstance(value, str) and value else MISSING

    return read


def _address(key: str) -> Reader:
    def read(item: Mapping[str, Any]) -> str:
        address = item.get("address")
        value = address.get(key) if isinstance(address, Mapping) else None
        return inert(value) if isinstance(value, str) and value else MISSING

    return read


def _day(key: str) -> Reader:
    def read(item: Mapping[str, Any]) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value:
            return MISSING
        if value.endswith("Z") and len(value) > 10 and value[10] == "T":
            return value[:10]  # the API's own UTC form: the day is its first ten characters
        try:
            return when.day(parse_timestamp(value))
        except ValueError:
            return inert(value)

    return read


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
    def read(item: Mapping[str, Any]) -> str:
        metadata = item.get("metadata")
        if not isinstance(metadata, Mapping) or key not in metadata:
            return MISSING
        return shown_value(metadata[key])

    return read


CATALOGUE: dict[str, Column] = {
    column.id: column
    for column in (
        Column("name", "Name", _field("name"), 4, 10),
        Column("email", "Email", _field("email"), 5, 14),
        Column("source_id", "Source ID", _field("source_id"), 3, 9),
        Column("city", "City", _address("city"), 2, 6, repeats=True),
        Column("country", "Country", _address("country"), 2, 7, repeats=True),
        Column("phone", "Phone", _field("phone"), 3, 9),
        Column("created", "Created", _day("created_at"), fixed=DATE_WIDTH, repeats=True),
        Column("updated", "Updated", _day("updated_at"), fixed=DATE_WIDTH, repeats=True),
    )
}
"""Every column but the metadata ones, in the picker's order."""


class ColumnError(ValueError):
    """A column id that names no column; the message says which and what exists."""


def column(column_id: str) -> Column:
    """The column for `column_id`; ColumnError when there is none."""
    found = CATALOGUE.get(column_id)
    if found is not None:
        return found
    if column_id.startswith(METADATA_PREFIX):
        key = column_id[len(METADATA_PREFIX) :]
        if key and key.strip() == key and key.isprintable():
            return Column(column_id, key, _metadata(key), 2, 6, repeats=True)
    raise ColumnError(f"unknown column {column_id!r}: use {', '.join(CATALOGUE)} or metadata.KEY")


def check_columns(ids: object) -> list[str]:
    """The column ids of a config value or saved state: a non-empty list of known ids, no
    repeats. ColumnError saying what is wrong otherwise."""
    if not isinstance(ids, list | tuple) or not all(isinstance(i, str) for i in ids):
        raise ColumnError("columns must be a list of column names")
    if not ids:
        raise ColumnError("columns must name at least one column")
    for column_id in ids:
        column(column_id)
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ColumnError(f"column {repeated[0]!r} is listed twice")
    return list(ids)


def shown_columns(ids: Iterable[str], order: str) -> list[Column]:
    """The columns the list shows for `ids` sorted by `order`: the sorted-by column is added
    at the end when `ids` lacks it. Unknown ids are skipped (they were checked on the way in)."""
    chosen: list[Column] = []
    for column_id in ids:
        try:
            found = column(column_id)
        except ColumnError:
            continue
        if found not in chosen:
            chosen.append(found)
    sort_id = SORT_COLUMNS.get(order)
    if sort_id is not None and all(c.id != sort_id for c in chosen):
        chosen.append(CATALOGUE[sort_id])
    return chosen or [CATALOGUE[i] for i in DEFAULT_COLUMNS]


def cells(item: Mapping[str, Any], columns: Sequence[Column]) -> tuple[str, ...]:
    """One row's texts, in the columns' order."""
    return tuple(c.text(item) for c in columns)
