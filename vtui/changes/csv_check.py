"""Reads an import CSV the way the API maps it, row by row, never the whole file at once.

`preview` reads the header and the first rows (instant on any size); `check` walks every
row and reports each problem with its row number before anything is uploaded. Rows are
numbered like the API's failure report: from 1, the header not counted. No Textual.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from vtui.changes import fields as cf

MAX_IMPORT_BYTES = 10 * 1024 * 1024
"""The API's cap on an import file (10 MB)."""
KEEP_ROWS = 1001
"""Mapped rows kept for the journal's undo; bigger imports are journaled without them."""
MAX_PROBLEMS = 200
"""Problems listed in full; past this they are only counted."""

STANDARD = {
    "id": "id",
    "source_id": "source_id",
    "name": "name",
    "email": "email",
    "phone": "phone",
    "birthdate": "birthdate",
    "birthday": "birthday",
    "description": "description",
}
ADDRESS = {
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
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")


def target(header: str) -> str:
    """Where a column lands: `email`, `address.city`, `metadata.<header>` or `(ignored)`."""
    key = header.strip().lower()
    if not key:
        return "(ignored: no header)"
    if key in STANDARD:
        return STANDARD[key]
    if key in ADDRESS:
        return f"address.{ADDRESS[key]}"
    return f"metadata.{header.strip()}"


@dataclass
class Problem:
    row: int
    """0 for the file or its header."""
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}" if self.row else self.reason


@dataclass
class Preview:
    headers: list[str]
    mapping: list[tuple[str, str]]
    rows: list[list[str]]
    size: int
    problems: list[Problem] = field(default_factory=list)
    """Problems found in the header or the previewed rows."""


@dataclass
class CheckResult:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    keyed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(source_id, or the Id when there is none, and body) of the first KEEP_ROWS rows, for
    the journal; "" when a row names neither."""
    complete: bool = True
    """False when the file ended early (encoding error) or had more than KEEP_ROWS rows."""

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


class CsvFileError(ValueError):
    """The file cannot be read as an import CSV at all; the message says why."""


def _text(handle: IO[bytes]) -> io.TextIOWrapper:
    """Strict UTF-8 text (a BOM dropped); decoding runs in C, in chunks, never the whole file."""
    return io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")


def _exact_lines(handle: IO[bytes]) -> Iterator[str]:
    """Line by line, so a bad byte is caught on its own line (the slow path, after a failure)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    for number, raw in enumerate(handle, start=1):
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError as exc:
            raise _bad_byte(number, raw, exc) from None


def _bad_byte(number: int, raw: bytes, exc: UnicodeDecodeError) -> CsvFileError:
    bad = raw[exc.start : exc.start + 1].hex().upper()
    return CsvFileError(
        f"line {number} is not UTF-8 (byte 0x{bad} at column {exc.start + 1}). "
        "Save the file as UTF-8 and try again."
    )


def _reader(handle: IO[bytes], exact: bool) -> Any:
    """Strict: a quote never closed, or text after a closing quote, is an error, not a cell
    that silently swallows the rest of the file."""
    return csv.reader(_exact_lines(handle) if exact else _text(handle), strict=True)


def _unreadable(exc: csv.Error, reader: Any, first_line: int) -> str:
    """Why a row cannot be read, in words, with the line it starts on."""
    text = str(exc)
    if "unexpected end of data" in text:
        return (
            f"a quote opened on line {first_line} is never closed: the rest of the file "
            'would become one cell. Close the quote (or double a quote inside a cell: "").'
        )
    if "expected after" in text:
        return (
            f"on line {reader.line_num}, text follows a closing quote ({text}); a quote "
            'inside a quoted cell must be doubled: ""'
        )
    return f"cannot read the row starting on line {first_line}: {text}"


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise CsvFileError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise CsvFileError(f"{path} is a folder, not a CSV file") from None
    except OSError as exc:
        raise CsvFileError(f"cannot open {path}: {exc.strerror or exc}") from None


def _header(reader: Any) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFileError("the file is empty: the first line must hold the headers") from None
    except csv.Error as exc:
        raise CsvFileError(f"the header line cannot be read: {exc}") from None
    names = [str(name).strip() for name in header]
    if not any(names):
        raise CsvFileError("the first line holds no headers")
    return names


def header_problems(headers: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name in headers:
        where = target(name)
        if " " in name:
            problems.append(Problem(0, f"header {name!r} has a space; the API allows none"))
        if where in seen and not where.startswith("(ignored"):
            problems.append(Problem(0, f"headers {seen[where]!r} and {name!r} both map to {where}"))
        seen.setdefault(where, name)
    return problems


def preview(path: str | os.PathLike[str], rows: int = 20) -> Preview:
    """The header, its mapping and the first `rows` rows; reads only what it shows."""
    try:
        return _preview(Path(path), rows, exact=False)
    except UnicodeDecodeError:
        return _preview(Path(path), rows, exact=True)


def _preview(path: Path, rows: int, *, exact: bool) -> Preview:
    with _open(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        reader = _reader(handle, exact)
        headers = _header(reader)
        shown: list[list[str]] = []
        problems = header_problems(headers)
        plan = Plan(headers)
        first_line = reader.line_num + 1
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    first_line = reader.line_num + 1
                    continue
                first_line = reader.line_num + 1
                shown.append(cells)
                problem = plan.problem(cells)
                if problem:
                    problems.append(Problem(len(shown), problem))
                if len(shown) >= rows:
                    break
        except csv.Error as exc:
            problems.append(Problem(len(shown) + 1, _unreadable(exc, reader, first_line)))
        except CsvFileError as exc:
            problems.append(Problem(len(shown) + 1, str(exc)))
    return Preview(headers, [(h, target(h)) for h in headers], shown, size, problems)


def check(
    path: str | os.PathLike[str],
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CheckResult:
    """Every row checked as the import would read it; stops early only on unreadable bytes."""
    try:
        return _check(Path(path), progress, cancelled, exact=False)
    except UnicodeDecodeError:
        return _check(Path(path), progress, cancelled, exact=True)


def _check(
    path: Path,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    *,
    exact: bool,
) -> CheckResult:
    result = CheckResult()
    with _open(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_IMPORT_BYTES:
            result.add(
                Problem(
                    0,
                    f"the file is {size / 1024 / 1024:.1f} MB; the API imports at most "
                    f"{MAX_IMPORT_BYTES // 1024 // 1024} MB per file. Split it and import "
                    "the parts one by one.",
                )
            )
        reader = _reader(handle, exact)
        headers = _header(reader)
        for problem in header_problems(headers):
            result.add(problem)
        plan = Plan(headers)
        seen_ids: dict[str, int] = {}
        number = 0
        first_line = reader.line_num + 1
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    first_line = reader.line_num + 1
                    continue
                first_line = reader.line_num + 1
                number += 1
                if progress is not None and number % 5000 == 0:
                    progress(number)
                    if cancelled is not None and cancelled():
                        result.complete = False
                        break
                reason = plan.problem(cells)
                if reason:
                    result.add(Problem(number, reason))
                    continue
                source_id = "" if plan.source_id is None else cells[plan.source_id].strip()
                if source_id:
                    first = seen_ids.setdefault(source_id, number)
                    if first != number:
                        result.add(Problem(number, f"source_id {source_id} is also on row {first}"))
                if number <= KEEP_ROWS:
                    body = row_body(headers, cells)
                    # A row without source_id but with an Id updates that customer: key it so.
                    result.keyed.append((source_id or str(body.get("id") or ""), body))
        except csv.Error as exc:
            result.add(Problem(number + 1, _unreadable(exc, reader, first_line)))
            result.complete = False
        except CsvFileError as exc:
            result.add(Problem(number + 1, str(exc)))
            result.complete = False
    result.rows = number
    if number > KEEP_ROWS:
        result.complete = False
    if number == 0 and result.ok:
        result.add(Problem(0, "the file has a header but no rows"))
    return result


class Plan:
    """Which columns need which check, worked out once per file (the row loop stays tight)."""

    def __init__(self, headers: list[str]) -> None:
        self.headers = headers
        self.width = len(headers)
        keys = [h.strip().lower() for h in headers]
        self.checks: list[tuple[int, str]] = [
            (i, key)
            for i, key in enumerate(keys)
            if key in ("email", "phone", "birthdate", "birthday")
        ]
        self.source_id = keys.index("source_id") if "source_id" in keys else None

    def problem(self, cells: list[str]) -> str | None:
        """Why the import would refuse this row, or None."""
        if len(cells) != self.width:
            return f"has {len(cells)} columns, the header {self.width}"
        for index, cell in enumerate(cells):
            if "\n" in cell and any(
                line.count(",") >= self.width - 1 for line in cell.splitlines()[1:]
            ):
                return (
                    f"the quoted cell in column {self.headers[index]!r} runs over "
                    f"{cell.count(chr(10)) + 1} lines and holds what look like more rows: "
                    "a closing quote is probably missing"
                )
        for index, key in self.checks:
            value = cells[index].strip()
            if not value:
                continue
            if key == "email":
                problem = cf.check_email(value)
            elif key == "phone":
                problem = cf.check_phone(value)
            else:
                problem = _date_problem(key, value)
            if problem:
                return f"{problem} (got {value!r})"
        return None


def row_problem(headers: list[str], cells: list[str]) -> str | None:
    """Why the import would refuse this row, or None."""
    return Plan(headers).problem(cells)


def _date_problem(key: str, value: str) -> str | None:
    if not _ISO_DATETIME.match(value):
        return f"{key} must be an ISO 8601 date like 2022-03-11"
    return cf.check_date(value[:10], key)


def row_body(headers: list[str], cells: list[str]) -> dict[str, Any]:
    """The customer body the import makes of a row: empty cells unset, others as text."""
    body: dict[str, Any] = {}
    for name, raw in zip(headers, cells, strict=True):
        value = raw.strip()
        key = name.strip().lower()
        if not key or value == "":
            continue
        if key in STANDARD:
            if key in ("birthdate", "birthday") and "T" in value:
                value = value.split("T", 1)[0]
            body[STANDARD[key]] = value
        elif key in ADDRESS:
            body.setdefault("address", {})[ADDRESS[key]] = value
        else:
            body.setdefault("metadata", {})[name.strip()] = value
    return body
