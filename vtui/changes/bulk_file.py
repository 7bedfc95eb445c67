"""Reads a bulk-update file (CSV or JSON) into checked items, each keyed by source_id.

No Textual here: the import screen calls it on a thread and shows the problems.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vtui.api.limits import MAX_BULK_BYTES
from vtui.changes import csv_check
from vtui.changes import fields as cf


@dataclass
class BulkFile:
    items: list[dict[str, Any]] = field(default_factory=list)
    problems: list[csv_check.Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.items)


def read(path: str | os.PathLike[str]) -> BulkFile:
    """Items of a JSON array or a CSV with a Source_id column; every problem by row."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return BulkFile(problems=[csv_check.Problem(0, f"cannot read {path}: {exc.strerror}")])
    if size > MAX_BULK_BYTES:
        return BulkFile(
            problems=[
                csv_check.Problem(
                    0, f"the file is {size / 1024 / 1024:.1f} MB; a bulk update takes 10 MB at most"
                )
            ]
        )
    if path.suffix.lower() == ".json":
        return _json(path)
    return _csv(path)


def _json(path: Path) -> BulkFile:
    out = BulkFile()
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        out.problems.append(csv_check.Problem(0, "the file is not UTF-8"))
        return out
    except json.JSONDecodeError as exc:
        out.problems.append(csv_check.Problem(0, f"invalid JSON: {exc.msg} at line {exc.lineno}"))
        return out
    if not isinstance(value, list):
        out.problems.append(csv_check.Problem(0, "the JSON must be an array of customers"))
        return out
    for number, item in enumerate(value, start=1):
        problem = item_problem(item)
        if problem:
            out.problems.append(csv_check.Problem(number, problem))
        else:
            out.items.append(item)
    if not value:
        out.problems.append(csv_check.Problem(0, "the array is empty"))
    return out


def item_problem(item: Any) -> str | None:
    if not isinstance(item, dict):
        return "each item must be an object"
    source_id = item.get("source_id")
    if not isinstance(source_id, str) or not source_id.strip():
        return "source_id is missing (a bulk update finds customers by source_id)"
    unknown = sorted(set(item) - set(cf.EDITABLE) - {"source_id", "birthday"})
    if unknown:
        return f"not customer fields: {', '.join(unknown)}"
    problems = cf.check_fields(item)
    return "; ".join(problems) if problems else None


def _csv(path: Path) -> BulkFile:
    out = BulkFile()
    try:
        checked = csv_check.check(path)
        preview = csv_check.preview(path, rows=0)
    except csv_check.CsvFileError as exc:
        out.problems.append(csv_check.Problem(0, str(exc)))
        return out
    out.problems.extend(checked.problems)
    if "source_id" not in [csv_check.target(h) for h in preview.headers]:
        out.problems.append(csv_check.Problem(0, "the CSV needs a Source_id column"))
        return out
    if not checked.ok:
        return out
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        headers = [h.strip() for h in next(reader)]
        number = 0
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            number += 1
            body = csv_check.row_body(headers, cells)
            body.pop("id", None)
            if not body.get("source_id"):
                out.problems.append(csv_check.Problem(number, "Source_id is empty"))
                continue
            out.items.append(body)
    return out
