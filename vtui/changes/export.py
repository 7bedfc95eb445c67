"""Exports the customers matching a filter, every page by cursor, to CSV or JSON.

The CSV uses the import's own headers (Id, Source_id, Name, ..., Address_City, then one
column per metadata key), so the file imports back through the CSV import onto the same
customers. Rows are streamed to a temporary file beside the target and moved into place
only when the export completes: a cancelled or failed export leaves no partial file.
The file is private (0600): it holds personal data.
No Textual.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vtui.api import Customer, VoucherifyClient

FORMATS = ("csv", "json")
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Id", "id"),
    ("Source_id", "source_id"),
    ("Name", "name"),
    ("Email", "email"),
    ("Phone", "phone"),
    ("Birthdate", "birthdate"),
    ("Birthday", "birthday"),
    ("Description", "description"),
    ("Address_line_1", "address.line_1"),
    ("Address_line_2", "address.line_2"),
    ("Address_City", "address.city"),
    ("Address_State", "address.state"),
    ("Address_Postal_Code", "address.postal_code"),
    ("Address_Country", "address.country"),
)
_TAKEN = {header.lower() for header, _ in CSV_COLUMNS} | {
    "city",
    "state",
    "country",
    "postal_code",
}
CURSOR_ORDERS = ("-created_at", "created_at", "updated_at")


class ExportCancelled(Exception):
    """The user stopped the export; nothing was written."""


def cell(value: Any) -> str:
    """A metadata or field value as the CSV holds it (JSON for anything but text)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _field(customer: dict[str, Any], path: str) -> Any:
    if path.startswith("address."):
        return (customer.get("address") or {}).get(path.split(".", 1)[1])
    return customer.get(path)


def metadata_header(key: str) -> str:
    """A metadata key as a header that cannot be mistaken for a standard column."""
    return key if key.lower() not in _TAKEN else f"metadata_{key}"


async def export(
    client: VoucherifyClient,
    filters: dict[str, Any],
    path: str | os.PathLike[str],
    fmt: str,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write every customer matching `filters` to `path`; returns how many were written.

    `filters` are `customers.list` keyword arguments; an order the cursor cannot walk is
    replaced by newest first, since only the cursor reaches past the API's page 99.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be csv or json, not {fmt!r}")
    target = Path(path).expanduser()
    if target.is_dir():
        raise ValueError(f"{target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise ValueError(f"the folder {target.parent} does not exist")
    query = dict(filters)
    if query.get("order") not in CURSOR_ORDERS:
        query["order"] = "-created_at"
    first = await client.customers.list(limit=1, **query)
    total = first.total
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    count = 0
    try:
        rows = tmp.with_suffix(".rows")
        keys: dict[str, None] = {}
        with rows.open("w", encoding="utf-8") as out:
            async for customer in client.customers.iterate(limit=100, **query):
                body = _body(customer)
                keys.update(dict.fromkeys((body.get("metadata") or {}).keys()))
                out.write(json.dumps(body, ensure_ascii=False) + "\n")
                count += 1
                if progress is not None and count % 100 == 0:
                    progress(count, total)
                if cancelled is not None and cancelled():
                    raise ExportCancelled
        if fmt == "csv":
            _write_csv(rows, tmp, list(keys))
        else:
            _write_json(rows, tmp)
        rows.unlink()
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, tmp.with_suffix(".rows")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    if progress is not None:
        progress(count, total)
    return count


def _body(customer: Customer) -> dict[str, Any]:
    body: dict[str, Any] = customer.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return body


def _write_csv(rows: Path, target: Path, metadata_keys: list[str]) -> None:
    with rows.open(encoding="utf-8") as src, target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [h for h, _ in CSV_COLUMNS] + [metadata_header(key) for key in metadata_keys]
        )
        for line in src:
            customer = json.loads(line)
            metadata = customer.get("metadata") or {}
            writer.writerow(
                [cell(_field(customer, p)) for _, p in CSV_COLUMNS]
                + [cell(metadata.get(key)) for key in metadata_keys]
            )


def _write_json(rows: Path, target: Path) -> None:
    with rows.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        out.write("[")
        for index, line in enumerate(src):
            out.write(("\n" if index == 0 else ",\n") + line.rstrip("\n"))
        out.write("\n]\n")
