"""Export by cursor to CSV/JSON; the CSV goes back through the CSV import unchanged."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from vtui.api import VoucherifyClient
from vtui.changes import csv_check
from vtui.changes.export import ExportCancelled, ExportExists, cell, export, target_path


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
        neutralise_formulas=False,  # for re-import: phones keep their leading +
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
    await export(export_client, {}, target, "csv", neutralise_formulas=False)
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


# -- safe exports (issue 12, case 13) ---------------------------------------------------------


async def test_formula_cells_are_neutralised_with_a_leading_quote(export_client, tmp_path):
    import csv

    person = await export_client.customers.create(
        {
            "source_id": "formula-1",
            "name": '=HYPERLINK("http://evil")',
            "phone": "+48 600 700 800",
            "description": "@SUM(A1)",
            "metadata": {"note": "-2+3", "tab": "\tx", "plain": "fine"},
        }
    )
    target = tmp_path / "safe.csv"
    await export(export_client, {}, target, "csv")
    with target.open(newline="", encoding="utf-8") as handle:
        rows = {r["Id"]: r for r in csv.DictReader(handle)}
    row = rows[person.id]
    assert row["Name"] == '\'=HYPERLINK("http://evil")'
    assert row["Phone"] == "'+48 600 700 800" and row["Description"] == "'@SUM(A1)"
    assert row["note"] == "'-2+3" and row["tab"] == "'\tx" and row["plain"] == "fine"
    assert cell("=1", neutralise_formulas=True) == "'=1" and cell("=1") == "=1"


async def test_an_existing_file_is_never_replaced_unless_told(export_client, tmp_path):
    target = tmp_path / "taken.csv"
    target.write_text("keep me")
    with pytest.raises(ExportExists) as caught:
        await export(export_client, {}, target, "csv")
    assert caught.value.path == target.absolute() and "already exists" in str(caught.value)
    assert target.read_text() == "keep me"
    assert list(tmp_path.iterdir()) == [target]
    assert await export(export_client, {}, target, "csv", overwrite=True) == 250
    assert target.read_text().startswith("Id,Source_id")


async def test_only_a_private_partial_exists_while_exporting(export_client, tmp_path):
    seen: list[list[tuple[str, int]]] = []

    def progress(done: int, total: int | None) -> None:
        seen.append([(p.name, stat.S_IMODE(p.stat().st_mode)) for p in tmp_path.iterdir()])

    await export(export_client, {}, tmp_path / "out.csv", "csv", progress=progress)
    during = seen[0]
    assert len(during) == 1 and during[0][0].endswith(".part") and during[0][1] == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


async def test_the_partial_of_a_dead_vtui_is_removed_and_a_live_ones_kept(export_client, tmp_path):
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f".old.csv.vtui-{done.stdout.strip()}.part"
    live = tmp_path / f".other.csv.vtui-{os.getppid()}.part"
    for path in (dead, live):
        path.write_text("half an export")
    await export(export_client, {}, tmp_path / "new.csv", "csv")
    assert not dead.exists() and live.exists()


def test_the_target_path_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert target_path("out.csv") == tmp_path / "out.csv"
    assert target_path("~/x.csv").is_absolute()
