"""Reads an importCSV file into customer bodies, with the reference's header mapping.

Headers match case-insensitively; both the spec's names (`Address_City`…) and the
official template's (`City`…) map to address fields; any other column becomes metadata
(as a string: the sandbox has no metadata schema). Empty cells are left unset.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

_STANDARD = {
    "id": "id",
    "source_id": "source_id",
    "name": "name",
    "email": "email",
    "phone": "phone",
    "birthdate": "birthdate",
    "birthday": "birthday",
    "description": "description",
}
_ADDRESS = {
    "address_line_1": "line_1",
    "address_line_2": "line_2",
    "address_postal_code": "postal_code",
    "postal_code": "postal_code",
    "address_city": "city",
    "city": "city",
    "address_state": "state",
    "state": "state",
    "address_country": "country",
    "country": "country",
}


@dataclass
class CsvRow:
    row: int  # 1-based, the header not counted (the failure report's numbering)
    body: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def source_id(self) -> str:
        return str(self.body.get("source_id") or "")


class CsvError(ValueError):
    """The file as a whole cannot be read (no header, not text)."""


def parse(text: str) -> list[CsvRow]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvError("The CSV file is empty: the first line must hold the headers") from None
    except csv.Error as exc:
        raise CsvError(f"The CSV file cannot be read: {exc}") from None
    names = [name.strip() for name in header]
    if not any(names):
        raise CsvError("The CSV file has no headers in its first line")
    rows: list[CsvRow] = []
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            rows.append(CsvRow(number, error=f"Cannot read the row: {exc}"))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        number += 1
        if len(cells) != len(names):
            rows.append(
                CsvRow(number, error=f"The row has {len(cells)} columns, the header {len(names)}")
            )
            continue
        rows.append(CsvRow(number, _body(names, cells)))
    return rows


def _body(names: list[str], cells: list[str]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name, raw in zip(names, cells, strict=True):
        value = raw.strip()
        if not name or value == "":
            continue
        key = name.lower()
        if key in _STANDARD:
            if key in ("birthdate", "birthday") and "T" in value:
                value = value.split("T", 1)[0]  # an ISO datetime: keep its date
            body[_STANDARD[key]] = value
        elif key in _ADDRESS:
            body.setdefault("address", {})[_ADDRESS[key]] = value
        else:
            body.setdefault("metadata", {})[name] = value
    return body
