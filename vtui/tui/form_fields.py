"""The customer form's fields: each input's id, label, place in the fields dict and check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtui.changes import fields as cf

FIX_FIRST = "Fix these first: "

# (input id, label, where the value lives in the fields dict, check)
Check = Callable[[str], str | None]
FIELDS: tuple[tuple[str, str, str, Check | None], ...] = (
    ("name", "Name", "name", None),
    ("email", "Email", "email", cf.check_email),
    ("phone", "Phone", "phone", cf.check_phone),
    ("description", "Description", "description", None),
    ("birthdate", "Birthdate", "birthdate", lambda v: cf.check_date(v, "Birthdate")),
    ("line_1", "Address line 1", "address.line_1", None),
    ("line_2", "Address line 2", "address.line_2", None),
    ("city", "City", "address.city", None),
    ("state", "State", "address.state", None),
    ("postal_code", "Postal code", "address.postal_code", None),
    ("country", "Country", "address.country", None),
)


def value_at(fields: cf.Fields, path: str) -> Any:
    if path.startswith("address."):
        return (fields.get("address") or {}).get(path.split(".", 1)[1])
    return fields.get(path)


PLACEHOLDERS = {
    "email": "e.g. jane@example.com",
    "phone": "e.g. +48 123 456 789",
    "birthdate": "YYYY-MM-DD",
    "source_id": "e.g. crm-42",
}
"""Examples in an empty input say "e.g.": an emptied field must not look filled in."""
