"""The customer list's column ids, as config.toml and the saved UI state name them.

    [profiles.NAME.list]
    columns = ["name", "email", "metadata.tier", "updated"]

Ids: name, email, source_id, city, country, phone, created, updated, and `metadata.KEY` for
any metadata key. What each shows (label, width, text) is `vtui.tui.columns`.
"""

from __future__ import annotations

COLUMN_IDS: tuple[str, ...] = (
    "name",
    "email",
    "source_id",
    "city",
    "country",
    "phone",
    "created",
    "updated",
)
"""Every column but the metadata ones, in the column picker's order."""

DEFAULT_COLUMNS: tuple[str, ...] = ("name", "email", "source_id", "city", "country", "created")
"""What the list shows unless the config file or the column picker says otherwise."""

METADATA_PREFIX = "metadata."


class ColumnError(ValueError):
    """A column list that names no column, or names one twice; the message says which."""


def check_column(column_id: object) -> str:
    """`column_id` when it names a column; ColumnError otherwise."""
    if isinstance(column_id, str):
        if column_id in COLUMN_IDS:
            return column_id
        key = column_id.removeprefix(METADATA_PREFIX)
        if key != column_id and key and key.strip() == key and key.isprintable():
            return column_id
    raise ColumnError(f"unknown column {column_id!r}: use {', '.join(COLUMN_IDS)} or metadata.KEY")


def check_columns(ids: object) -> list[str]:
    """A non-empty list of column ids, none twice; ColumnError saying what is wrong."""
    if not isinstance(ids, list | tuple):
        raise ColumnError('must be a list of column names, like ["name", "email"]')
    if not ids:
        raise ColumnError("must name at least one column")
    checked = [check_column(column_id) for column_id in ids]
    repeated = next((c for i, c in enumerate(checked) if c in checked[:i]), None)
    if repeated is not None:
        raise ColumnError(f"column {repeated!r} is listed twice")
    return checked
