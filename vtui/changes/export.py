"""Exports the customers matching a filter, every page by cursor, to CSV or JSON.

The CSV uses the import's own headers (Id, Source_id, Name, ..., Address_City, then one
column per metadata key), so the file imports back through the CSV import onto the same
customers (with `neutralise_formulas=False`: see `cell`). The export is written to a
private (0600) partial file beside the target, named with vtui's pid, and moved into place
only when complete: a cancelled or failed export leaves nothing, and a partial left by a
killed vtui is removed by the next export into that folder. The CSV's rows wait in an
anonymous temporary file (unlinked from the start, so even `kill -9` leaves no copy).
An existing file is never replaced unless `overwrite=True` (`ExportExists` otherwise).
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
from typing import IO, TYPE_CHECKING, Any

from vtui.changes.pids import alive

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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list: a spreadsheet runs a cell starting with one of these as a formula."""
PARTIAL_SUFFIX = ".part"


class ExportCancelled(Exception):
    """The user stopped the export; nothing was written."""


class ExportExists(FileExistsError):
    """The target file exists; export again with `overwrite=True` to replace it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} already exists; replace it?")


def cell(value: Any, *, neutralise_formulas: bool = False) -> str:
    """A metadata or field value as the CSV holds it (JSON for anything but text). With
    `neutralise_formulas`, a cell a spreadsheet would run as a formula gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if neutralise_formulas and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def target_path(path: str | os.PathLike[str]) -> Path:
    """The absolute path an export to `path` writes (`~` expanded): show this one."""
    return Path(path).expanduser().absolute()


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.vtui-{os.getpid()}{PARTIAL_SUFFIX}")


def clean_stale_partials(folder: Path) -> list[Path]:
    """Remove the partial files of exports whose vtui process is gone (killed mid-export)."""
    removed: list[Path] = []
    for path in folder.glob(f".*.vtui-*{PARTIAL_SUFFIX}"):
        pid_text = path.name.rsplit(".vtui-", 1)[-1].removesuffix(PARTIAL_SUFFIX)
        if not pid_text.isdigit() or alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


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
    overwrite: bool = False,
    neutralise_formulas: bool = True,
) -> int:
    """Write every customer matching `filters` to `path`; returns how many were written
    (`target_path(path)` is where). Raises `ExportExists` when the file exists and not
    `overwrite`, `ValueError` for a path that cannot be a file.

    `filters` are `customers.list` keyword arguments; an order the cursor cannot walk is
    replaced by newest first, since only the cursor reaches past the API's page 99.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be csv or json, not {fmt!r}")
    target = target_path(path)
    if target.is_dir():
        raise ValueError(f"{target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise ValueError(f"the folder {target.parent} does not exist")
    if target.exists() and not overwrite:
        raise ExportExists(target)
    clean_stale_partials(target.parent)
    query = dict(filters)
    if query.get("order") not in CURSOR_ORDERS:
        query["order"] = "-created_at"
    total = (await client.customers.list(limit=1, **query)).total
    partial = _partial(target)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    count = 0
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            customers = client.customers.iterate(limit=100, **query)
            if fmt == "json":
                out.write("[")
            with tempfile.TemporaryFile("w+", encoding="utf-8") as rows:  # no name, ever
                keys: dict[str, None] = {}
                async for customer in customers:
                    body = _body(customer)
                    line = json.dumps(body, ensure_ascii=False)
                    if fmt == "json":
                        out.write(("\n" if count == 0 else ",\n") + line)
                    else:
                        keys.update(dict.fromkeys((body.get("metadata") or {}).keys()))
                        rows.write(line + "\n")
                    count += 1
                    if progress is not None and count % 100 == 0:
                        progress(count, total)
                    if cancelled is not None and cancelled():
                        raise ExportCancelled
                if fmt == "csv":
                    rows.seek(0)
                    _write_csv(rows, out, list(keys), neutralise_formulas)
            if fmt == "json":
                out.write("\n]\n")
            out.flush()
            os.fsync(out.fileno())
        _move(partial, target, overwrite=overwrite)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    if progress is not None:
        progress(count, total)
    return count


def _move(partial: Path, target: Path, *, overwrite: bool) -> None:
    """Put the finished file in place; without `overwrite`, never over a file that
    appeared meanwhile (a hard link fails if the name is taken)."""
    if overwrite:
        os.replace(partial, target)
        return
    try:
        os.link(partial, target)
    except FileExistsError:
        raise ExportExists(target) from None
    except OSError:  # a filesystem without hard links: check, then rename
        if target.exists():
            raise ExportExists(target) from None
        os.replace(partial, target)
        return
    partial.unlink()


def _body(customer: Customer) -> dict[str, Any]:
    body: dict[str, Any] = customer.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return body


def _write_csv(rows: IO[str], out: IO[str], metadata_keys: list[str], neutralise: bool) -> None:
    writer = csv.writer(out)
    writer.writerow([h for h, _ in CSV_COLUMNS] + [metadata_header(key) for key in metadata_keys])
    for line in rows:
        customer = json.loads(line)
        metadata = customer.get("metadata") or {}
        writer.writerow(
            [cell(_field(customer, p), neutralise_formulas=neutralise) for _, p in CSV_COLUMNS]
            + [cell(metadata.get(key), neutralise_formulas=neutralise) for key in metadata_keys]
        )
