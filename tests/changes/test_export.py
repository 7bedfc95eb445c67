"""Export by cursor to CSV/JSON; the CSV goes back through the CSV import unchanged."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from vtui.api import VoucherifyClient
from vtui.changes import csv_check
from vtui.changes.export import ExportCancelled, cell, export


async def all_customers(client: VoucherifyClient) -> dict[str, dict]:
    return {
        c.id: c.model_dump(mode="json", exclude={"updated_at", "summary", "loyalty", "referrals"})
        async for c in client.customers.iterate(limit=100)
    }


async def test_export_walks_every_page_by_cursor_to_a_private_csv(export_client, tmp_path: Path):
    seen: list[tuple[int, int | None]] = []
    target = tmp_path / "out.csv"
    count = await export(
        export_client,
        {"order": "-created_at"},
        target,
        "csv",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert count == 250
    assert seen[-1] == (250, 250)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    preview = csv_check.preview(target, rows=3)
    assert preview.headers[:3] == ["Id", "Source_id", "Name"]
    assert [p for p in preview.problems] == []
    checked = csv_check.check(target)
    assert checked.ok and checked.rows == 250


async def test_export_keeps_the_filter(export_client, tmp_path: Path):
    city = next(
        iter(
            [
                c
                async for c in export_client.customers.iterate(limit=100)
                if c.address and c.address.city
            ]
        )
    ).address.city
    target = tmp_path / "city.json"
    count = await export(export_client, {"city": city, "order": "source_id"}, target, "json")
    rows = json.loads(target.read_text())
    assert count == len(rows) > 0
    assert {r["address"]["city"] for r in rows} == {city}


async def test_exported_csv_imports_back_without_changing_anyone(export_client, tmp_path: Path):
    before = await all_customers(export_client)
    target = tmp_path / "roundtrip.csv"
    await export(export_client, {}, target, "csv")
    ref = await export_client.customers.import_csv(target)
    async for action in export_client.async_actions.watch(ref.async_action_id, interval=0.02):
        last = action
    assert last.status == "DONE" and last.result.failed_count == 0
    after = await all_customers(export_client)
    assert after.keys() == before.keys()
    for cid, old in before.items():
        new = after[cid]
        for key in (
            "source_id",
            "name",
            "email",
            "phone",
            "birthdate",
            "birthday",
            "description",
            "address",
        ):
            assert new[key] == old[key] or (not new[key] and not old[key]), (cid, key)
        # Metadata comes back as the CSV holds it: text (the API keeps types only for keys
        # in the project's metadata schema, which the sandbox does not have).
        old_meta = {k: cell(v) for k, v in (old["metadata"] or {}).items() if cell(v) != ""}
        assert new["metadata"] in ({}, None) if not old_meta else new["metadata"] == old_meta


async def test_a_cancelled_export_leaves_no_file(export_client, tmp_path: Path):
    target = tmp_path / "never.csv"
    with pytest.raises(ExportCancelled):
        await export(export_client, {}, target, "csv", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


async def test_export_to_a_missing_folder_says_so(export_client, tmp_path: Path):
    with pytest.raises(ValueError, match="does not exist"):
        await export(export_client, {}, tmp_path / "nope" / "x.csv", "csv")
