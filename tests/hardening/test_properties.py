"""Hypothesis: the CSV readers, metadata values, dates, and the cursor walk over any ties.

Each property names what must hold for every input, not just the examples we thought of.
"""

from __future__ import annotations

import asyncio
import csv
import io
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vtui.api import VoucherifyClient
from vtui.api.models.base import format_timestamp
from vtui.api.query import query_datetime
from vtui.sandbox import Sandbox, csv_import
from vtui.sandbox.timestamps import parse_datetime, to_iso

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# -- CSV: the sandbox's import reader and the TUI's local check agree ---------------------------

HEADERS = st.lists(
    st.sampled_from(
        [
            "source_id",
            "name",
            "email",
            "phone",
            "City",
            "Address_Country",
            "postal_code",
            "tier",
            "Notes",
            "birthdate",
            "description",
            " padded ",
        ]
    ),
    min_size=1,
    max_size=6,
    unique=True,
)
CELL = st.text(alphabet=string.ascii_letters + string.digits + " ,\"'\n@.-é漢", max_size=12)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@FAST
@given(
    header=HEADERS,
    rows=st.lists(st.lists(CELL, min_size=0, max_size=7), max_size=12),
    bom=st.booleans(),
)
def test_csv_reader_never_crashes_and_numbers_rows_like_the_report(
    header: list[str], rows: list[list[str]], bom: bool
) -> None:
    text = ("\ufeff" if bom else "") + csv_text(header, rows)
    parsed = csv_import.parse(text)
    kept = [r for r in rows if any(cell.strip() for cell in r)]
    assert [p.row for p in parsed] == list(range(1, len(kept) + 1))
    for row, cells in zip(parsed, kept, strict=True):
        if len(cells) != len(header):
            assert row.error and "columns" in row.error
        else:
            assert row.error is None
            for name, cell in zip(header, cells, strict=True):
                if name.strip().lower() in ("tier", "notes", "padded") and cell.strip():
                    assert row.body["metadata"][name.strip()] == cell.strip()


@FAST
@given(header=HEADERS, rows=st.lists(st.lists(CELL, min_size=1, max_size=6), max_size=10))
def test_local_csv_check_maps_every_accepted_row_as_the_sandbox_import_does(
    header: list[str], rows: list[list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    from vtui.changes import csv_check

    path = Path(tmp_path_factory.mktemp("csv")) / "import.csv"
    path.write_text(csv_text(header, rows), encoding="utf-8")
    result = csv_check.check(path)
    sandbox_rows = {r.row: r for r in csv_import.parse(path.read_text(encoding="utf-8"))}
    flagged = {p.row for p in result.problems}
    assert result.rows == len(sandbox_rows)
    for number, row in sandbox_rows.items():
        if row.error is not None:
            assert number in flagged, f"the sandbox refuses row {number}; the check let it by"
    # A repeated source_id is reported but still mapped (the import upserts it); any other
    # problem means the row is refused and not mapped.
    refused = {p.row for p in result.problems if "is also on row" not in p.reason}
    accepted = [n for n in sorted(sandbox_rows) if n not in refused]
    assert [body for _, body in result.keyed] == [sandbox_rows[n].body for n in accepted]


# -- metadata values: what the form shows reads back as the same value --------------------------

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**31), 2**31) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
METADATA_VALUE = (
    st.text(max_size=20)
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates().map(lambda d: d.isoformat())
    | st.lists(JSONISH, max_size=3)
    | st.dictionaries(st.text(max_size=5), JSONISH, max_size=3)
)


@FAST
@given(METADATA_VALUE)
def test_metadata_value_round_trips_through_its_editor_text(value: Any) -> None:
    from vtui.changes import fields as cf

    kind = cf.metadata_type(value)
    parsed, problem = cf.parse_metadata_value(kind, cf.metadata_text(value))
    assert problem is None
    assert parsed == value and type(parsed) is type(value)


@FAST
@given(st.integers(2**53 + 1, 2**70))
@example(9007199254740993)
def test_large_integer_metadata_keeps_every_digit(value: int) -> None:
    from vtui.changes import fields as cf

    parsed, problem = cf.parse_metadata_value("number", str(value))
    assert problem is None
    assert parsed == value


@FAST
@given(st.sampled_from(["number", "boolean", "date", "json"]), st.text(max_size=30))
def test_metadata_parsing_gives_a_value_or_a_message_never_an_exception(
    kind: str, text: str
) -> None:
    from vtui.changes import fields as cf

    value, problem = cf.parse_metadata_value(kind, text)
    assert (problem is None) or (value is None and isinstance(problem, str) and problem)


# -- dates: what the client sends, the sandbox reads to the millisecond -------------------------

MOMENTS = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
) | st.datetimes(
    min_value=datetime(1900, 1, 2),
    max_value=datetime(2199, 12, 30),
    timezones=st.timezones(),
)


@FAST
@given(MOMENTS)
def test_client_query_datetimes_parse_in_the_sandbox_to_the_same_millisecond(
    moment: datetime,
) -> None:
    sent = query_datetime(moment)
    millis = (moment.astimezone(UTC) - EPOCH) // timedelta(milliseconds=1)
    assert sent.endswith("Z")
    assert parse_datetime(sent) == millis


@FAST
@given(st.integers(-2_208_988_800_000, 7_258_118_400_000))
def test_sandbox_timestamps_read_back_to_the_same_millisecond(ms: int) -> None:
    text = to_iso(ms)
    assert parse_datetime(text) == ms
    parsed = datetime.fromisoformat(text)
    assert format_timestamp(parsed) == text


@FAST
@given(st.text(max_size=45))
def test_sandbox_date_parsing_answers_none_or_a_number_never_raises(text: str) -> None:
    result = parse_datetime(text)
    assert result is None or isinstance(result, int)


# -- the cursor walk: any pattern of ties, any page size: no duplicate, no gap ------------------


async def walk_all(
    created: list[int], limit: int, order: str | None
) -> tuple[list[str], list[str]]:
    async with Sandbox(":memory:") as sb:
        with sb.db.writing(sb.conn):
            sb.conn.executemany(
                "INSERT INTO customers (id, created_at, touched_at, summary, loyalty, referrals)"
                " VALUES (?, ?, ?, '{}', '{}', '{}')",
                [(f"cust_{i:05d}", ms, ms) for i, ms in enumerate(created)],
            )
        async with VoucherifyClient(
            "app", "token", "http://sandbox.test", transport=httpx.ASGITransport(app=sb.app)
        ) as vf:
            walked = [c.id async for c in vf.customers.iterate(limit=limit, order=order)]
    expected = [f"cust_{i:05d}" for i in range(len(created))]
    return walked, expected


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    created=st.lists(
        st.sampled_from([1_600_000_000_000 + k * 1000 for k in range(6)])
        | st.integers(1_600_000_000_000, 1_600_000_010_000),
        min_size=0,
        max_size=260,
    ),
    limit=st.sampled_from([1, 2, 3, 7, 10, 50, 100]),
    order=st.sampled_from([None, "created_at", "updated_at"]),
)
def test_cursor_walk_yields_every_customer_exactly_once_for_any_ties(
    created: list[int], limit: int, order: str | None
) -> None:
    walked, expected = asyncio.run(walk_all(created, limit, order))
    assert len(walked) == len(set(walked)), "a customer came twice"
    assert sorted(walked) == expected, "a customer was skipped"
