"""A scripted session of creates, edits, bulk jobs and deletes against the sandbox: the
sandbox ends as the journal says, and undoing every step brings it back to the start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vtui.api import Customer, VoucherifyClient
from vtui.changes import csv_check
from vtui.changes import fields as cf
from vtui.changes.journal import Journal
from vtui.changes.writes import Changes, UndoRefused


async def everyone(client: VoucherifyClient) -> dict[str, dict[str, Any]]:
    """Every customer by source_id (by id when it has none): editable fields and birthday."""
    out: dict[str, dict[str, Any]] = {}
    async for customer in client.customers.iterate(limit=100):
        snap = cf.snapshot(customer)
        out[customer.source_id or customer.id] = {**cf.normal(snap), "birthday": snap["birthday"]}
    return out


async def finish(client: VoucherifyClient, async_action_id: str) -> None:
    async for action in client.async_actions.watch(async_action_id, interval=0.02):
        last = action
    assert last.status == "DONE", last


async def test_sandbox_matches_the_journal_and_undoing_everything_restores_the_start(
    client: VoucherifyClient, tmp_path: Path
):
    journal = Journal()
    changes = Changes(client, journal, "demo")
    start = await everyone(client)
    people: list[Customer] = [c async for c in client.customers.iterate(limit=100) if c.source_id]
    x = people[:8]

    a = await changes.create({"source_id": "s-a", "name": "Ann Created", "metadata": {"n": 1}})
    await changes.update(x[0], {"name": "Renamed Zero", "metadata": {"tier": "gold", "n": 2}})
    ref = await changes.bulk_update(
        [
            {"source_id": x[1].source_id, "description": "bulk one"},
            {"source_id": x[2].source_id, "phone": "+48 600 700 800"},
            {"source_id": "s-b", "name": "Bulk Upserted"},
        ],
        allow_creates=True,
    )
    await finish(client, ref.async_action_id)
    ref = await changes.update_metadata([await client.customers.get(x[0].id), x[3]], {"flag": True})
    await finish(client, ref.async_action_id)
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text(
        "Source_id,Name,Email,City\n"
        f"{x[4].source_id},Overwritten Four,four@example.com,Lodz\n"
        "s-c,Imported Cee,cee@example.com,Krakow\n"
    )
    checked = csv_check.check(csv_path)
    assert checked.ok
    ref = await changes.import_csv(str(csv_path), checked.keyed, complete=checked.complete)
    await finish(client, ref.async_action_id)
    await changes.delete(x[5])
    a = await changes.update(a, {"email": "ann@example.com"})
    await changes.delete(a)

    # The sandbox is what the journal's newest "after" of each customer says.
    now = await everyone(client)
    latest: dict[str, dict[str, Any] | None] = {}
    for entry in journal.entries("demo"):
        for pair in entry.customers:
            latest[pair["source_id"]] = pair["after"]
    assert len(latest) == 9  # s-a, s-b, s-c and x0..x5
    for source_id, after in latest.items():
        if after is None:
            assert source_id not in now, source_id
        else:
            assert {k: now[source_id][k] for k in cf.EDITABLE} == cf.normal(after), source_id

    # Undo every step, newest first.
    messages = []
    while True:
        try:
            messages.append((await changes.undo_last()).message)
        except UndoRefused:
            break
    assert len(messages) == 8
    assert "new id" in messages[0]  # the last delete: Ann comes back with another id
    assert await everyone(client) == start


async def test_undo_passes_over_a_permanent_deletion_and_says_so(client: VoucherifyClient):
    changes = Changes(client, Journal(), "demo")
    people = [c async for c in client.customers.iterate(limit=5)]
    await changes.update(people[0], {"name": "Undo Me"})
    await changes.delete_permanently(people[1])
    result = await changes.undo_last()
    assert "passed over" in result.message and "cannot be undone" in result.message
    assert (await client.customers.get(people[0].id)).name == people[0].name
    with pytest.raises(UndoRefused):
        await changes.undo_last()


async def test_undo_of_a_running_job_waits_for_it(client: VoucherifyClient, seeded):
    import httpx

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=seeded.app), base_url="http://sb.test"
    ) as control:
        await control.post("/_sandbox/jobs", json={"paused": True})
        changes = Changes(client, Journal(), "demo")
        people = [c async for c in client.customers.iterate(limit=100) if c.source_id][:2]
        await changes.update_metadata(people, {"k": "v"})
        with pytest.raises(UndoRefused, match="still"):
            await changes.undo_last()
        await control.post("/_sandbox/jobs", json={"paused": False})


async def test_an_import_row_keyed_by_id_alone_is_undone_too(client: VoucherifyClient, tmp_path):
    changes = Changes(client, Journal(), "demo")
    loner = next(
        c for c in [c async for c in client.customers.iterate(limit=100)] if not c.source_id
    )
    path = tmp_path / "by-id.csv"
    path.write_text(f"Id,Name,City\n{loner.id},Changed By Id,Gdynia\n")
    checked = csv_check.check(path)
    assert checked.ok and checked.keyed[0][0] == loner.id
    ref = await changes.import_csv(str(path), checked.keyed)
    await finish(client, ref.async_action_id)
    assert (await client.customers.get(loner.id)).name == "Changed By Id"
    await changes.undo_last()
    back = await client.customers.get(loner.id)
    assert cf.normal(cf.editable(back)) == cf.normal(cf.editable(loner))


async def test_a_big_import_is_journaled_with_its_real_row_count(
    client: VoucherifyClient, tmp_path
):
    changes = Changes(client, Journal(), "demo")
    rows = csv_check.KEEP_ROWS + 5
    path = tmp_path / "big.csv"
    path.write_text(
        "Source_id,Name\n" + "".join(f"big-{n},Person {n}\n" for n in range(rows)),
        encoding="utf-8",
    )
    checked = csv_check.check(path)
    assert checked.ok and not checked.complete and checked.rows == rows
    ref = await changes.import_csv(
        str(path), checked.keyed, complete=checked.complete, total_rows=checked.rows
    )
    await finish(client, ref.async_action_id)
    entry = Journal().entries("demo")[-1]
    assert entry.summary == f"CSV import of {rows:,} rows from {path}"
    assert not entry.undoable
