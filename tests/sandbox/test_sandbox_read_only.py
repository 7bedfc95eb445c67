"""A read-only sandbox serves an existing database without changing a byte of it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import httpx
import pytest

from vtui.sandbox import Sandbox

KEYS = {"X-App-Id": "any-id", "X-App-Token": "any-token"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_copy(seeded_files, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite3"
    shutil.copy(seeded_files(60), target)
    return target


async def test_read_only_sandbox_lists_customers_and_refuses_writes(db_copy: Path) -> None:
    before = _digest(db_copy)
    async with Sandbox(db_copy, read_only=True) as sandbox:
        transport = httpx.ASGITransport(app=sandbox.app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://sb", headers=KEYS
        ) as http:
            listed = await http.get("/v1/customers", params={"limit": 10})
            created = await http.post("/v1/customers", json={"source_id": "new-one"})
            deleted = await http.delete(f"/v1/customers/{listed.json()['customers'][0]['id']}")
    assert listed.status_code == 200
    assert len(listed.json()["customers"]) == 10
    assert listed.json()["total"] == 60
    assert created.status_code == 405 and created.json()["key"] == "read_only"
    assert deleted.status_code == 405
    assert _digest(db_copy) == before  # not a byte of the database changed
    wal = db_copy.with_name(db_copy.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # and nothing waits in its log


async def test_read_only_sandbox_needs_a_file() -> None:
    with pytest.raises(ValueError, match="database file"):
        Sandbox(":memory:", read_only=True)
