"""`customers.list_rows()`: the same page as `list()`, read without pydantic."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.api.api_fakes import CANARY_TOKEN
from vtui.api import (
    AuthenticationError,
    CustomerRow,
    CustomerRows,
    ResponseFormatError,
    VoucherifyClient,
)
from vtui.sandbox import Sandbox


@pytest.fixture
async def seeded(seeded_files, tmp_path: Path):
    db = tmp_path / "db.sqlite3"
    shutil.copy(seeded_files(200), db)
    async with Sandbox(db) as sandbox:
        yield sandbox


def connect(sandbox, token: str = CANARY_TOKEN) -> VoucherifyClient:
    transport = httpx.ASGITransport(app=sandbox.app)
    return VoucherifyClient("app-id", token, "http://sandbox.test", transport=transport)


QUERIES = [
    {"limit": 100},
    {"limit": 100, "order": "created_at"},
    {"limit": 50, "order": "-updated_at", "page": 2},
    {"limit": 100, "order": "-source_id"},
    {"limit": 100, "city": "Warszawa"},
    {"limit": 100, "starting_after": datetime(2025, 6, 1, tzinfo=UTC)},
    {"limit": 10, "email": "no-such-person@example.com"},
]


@pytest.mark.parametrize("query", QUERIES)
async def test_rows_are_the_list_page_field_for_field(seeded, query):
    async with connect(seeded) as vf:
        rows = await vf.customers.list_rows(**query)
        page = await vf.customers.list(**query)
    assert rows.rows == [CustomerRow.of(c) for c in page.customers]
    assert (rows.total, rows.has_more) == (page.total, page.has_more)
    assert rows.page() == page  # the kept body gives the very same models


async def test_every_seeded_customer_reads_the_same_both_ways(seeded):
    """Nulls, missing addresses, unicode, ties: all 200 seeded customers."""
    async with connect(seeded) as vf:
        rows = [
            row for n in (1, 2) for row in (await vf.customers.list_rows(limit=100, page=n)).rows
        ]
        models = [c for n in (1, 2) for c in (await vf.customers.list(limit=100, page=n)).customers]
    assert len(rows) == 200
    assert rows == [CustomerRow.of(c) for c in models]
    assert any(r.city is None for r in rows) and any(r.email is None for r in rows)


async def test_rows_load_no_pydantic_until_the_page_is_asked_for(seeded_files, tmp_path):
    import subprocess
    import sys

    db = tmp_path / "db.sqlite3"
    shutil.copy(seeded_files(200), db)
    code = (
        "import asyncio, sys, httpx\n"
        "from vtui.api import VoucherifyClient\n"
        "from vtui.sandbox import Sandbox\n"
        "async def main():\n"
        f"    async with Sandbox({str(db)!r}, read_only=True) as sb:\n"
        "        t = httpx.ASGITransport(app=sb.app)\n"
        "        async with VoucherifyClient('a', 'b', 'http://sb', transport=t) as vf:\n"
        "            rows = await vf.customers.list_rows(limit=100)\n"
        "    print(len(rows.rows), 'pydantic' in sys.modules)\n"
        "    rows.page()\n"
        "    print('pydantic' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["100", "False", "True"]


async def test_refused_keys_raise_as_they_do_for_list(seeded):
    seeded.set_keys("app-id", "the-right-token")
    async with connect(seeded, token=CANARY_TOKEN) as vf:
        with pytest.raises(AuthenticationError) as refused:
            await vf.customers.list_rows(limit=10)
    assert CANARY_TOKEN not in str(refused.value)


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"not json", "Expecting value"),
        (b"[]", "no customers list"),
        (b'{"customers": {}}', "no customers list"),
        (b'{"customers": [{"name": "no id"}]}', "without an id"),
        (b'{"customers": [{"id": "c", "email": 5}]}', "email is not text"),
        (b'{"customers": [{"id": "c", "address": "Oslo"}]}', "address is not an object"),
        (b'{"customers": [{"id": "c", "created_at": "yesterday"}]}', "isoformat"),
        (b'{"customers": [], "total": "many"}', "total is not a number"),
        (b'{"customers": [], "has_more": "yes"}', "has_more is not a boolean"),
    ],
)
def test_a_malformed_answer_is_refused_with_the_reason(body, why):
    with pytest.raises(ResponseFormatError, match=why):
        CustomerRows.parse(body)


def test_unknown_fields_are_ignored_and_missing_ones_read_as_nothing():
    body = json.dumps(
        {"customers": [{"id": "c1", "new_field": [1], "address": None}], "total": 1}
    ).encode()
    rows = CustomerRows.parse(body)
    assert rows.rows == [CustomerRow("c1", None, None, None, None, None, None)]
    assert (rows.total, rows.has_more) == (1, None)
