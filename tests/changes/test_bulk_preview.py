"""Bulk jobs say what they will do before sending (issue 12, cases 3 and 11): items that
would create customers are listed and need an explicit allow; metadata keeps its types or
the type change is shown first."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtui.api import Customer, VoucherifyClient
from vtui.changes import csv_check
from vtui.changes import fields as cf
from vtui.changes.journal import Journal
from vtui.changes.preview import plan_metadata
from vtui.changes.writes import Changes, WouldCreate


async def people(client: VoucherifyClient, n: int) -> list[Customer]:
    return [c async for c in client.customers.iterate(limit=40) if c.source_id][:n]


async def test_a_bulk_update_naming_unknown_source_ids_is_refused_with_its_preview(client):
    changes = Changes(client, Journal(), "demo")
    known = await people(client, 2)
    items = [
        {"source_id": known[0].source_id, "description": "one"},
        {"source_id": "nobody-1", "name": "Nobody"},
        {"source_id": known[1].source_id, "description": "two"},
    ]
    before_total = (await client.customers.list(limit=1)).total
    with pytest.raises(WouldCreate) as caught:
        await changes.bulk_update(items)
    preview = caught.value.preview
    assert [i["source_id"] for i in preview.creates] == ["nobody-1"]
    assert [i["source_id"] for i, _ in preview.updates] == [c.source_id for c in known]
    assert preview.updates[0][1]["id"] == known[0].id  # with the customer as it is now
    assert "1 create new ones" in preview.summary() and "nobody-1" in str(caught.value)
    assert (await client.customers.list(limit=1)).total == before_total
    assert Journal().entries() == []


async def test_allow_creates_sends_the_previewed_items(client):
    changes = Changes(client, Journal(), "demo")
    items = [{"source_id": "nobody-2", "name": "Nobody"}]
    preview = await changes.preview([(i["source_id"], i) for i in items])
    assert len(preview.creates) == 1
    ref = await changes.bulk_update(items, allow_creates=True, preview=preview)
    async for action in client.async_actions.watch(ref.async_action_id, interval=0.02):
        last = action
    assert last.status == "DONE"
    assert (await client.customers.get("nobody-2")).name == "Nobody"
    assert "(1 new)" in Journal().entries()[0].summary


async def test_a_bulk_update_of_existing_customers_only_needs_no_allow(client):
    known = await people(client, 1)
    ref = await Changes(client, Journal(), "demo").bulk_update(
        [{"source_id": known[0].source_id, "description": "fine"}]
    )
    assert ref.async_action_id


async def test_csv_import_rows_are_classified_by_source_id_and_id(client, tmp_path: Path):
    known = await people(client, 1)
    path = tmp_path / "rows.csv"
    path.write_text(
        f"Source_id,Id,Name\n{known[0].source_id},,Known\nfresh-1,,Fresh\n,cust_missing,Ghost\n"
    )
    checked = csv_check.check(path)
    preview = await Changes(client, Journal(), "demo").preview(checked.keyed)
    assert [b["source_id"] for b, _ in preview.updates] == [known[0].source_id]
    assert [b["source_id"] for b in preview.creates] == ["fresh-1"]
    assert [b["id"] for b in preview.missing] == ["cust_missing"]


def targets(*values: object) -> list[dict[str, object]]:
    return [
        {"id": f"c{n}", "name": f"P{n}", "metadata": {"vip": v} if v is not ... else {}}
        for n, v in enumerate(values)
    ]


def test_yes_for_a_boolean_key_is_sent_as_true():
    plan = plan_metadata(targets(True, False, ...), {"vip": "yes"})
    assert plan.values == {"vip": True} and plan.safe and plan.converted == {"vip": "boolean"}


def test_a_number_key_keeps_its_type():
    plan = plan_metadata(targets(3, 4), {"vip": "5"})
    assert plan.values == {"vip": 5} and plan.safe


def test_text_that_cannot_keep_the_type_is_reported_before_sending():
    plan = plan_metadata(targets(True, True), {"vip": "maybe"})
    assert plan.values == {"vip": "maybe"} and not plan.safe
    (change,) = plan.type_changes
    assert (change.key, change.old_type, change.new_type, change.count) == (
        "vip",
        "boolean",
        "text",
        2,
    )
    assert "metadata.vip is boolean on 2 customers" in str(change)


def test_mixed_types_are_reported_for_the_customers_whose_type_changes():
    plan = plan_metadata(targets(True, "gold"), {"vip": "yes"})
    assert plan.values == {"vip": "yes"}
    assert [(c.old_type, c.count, c.examples) for c in plan.type_changes] == [
        ("boolean", 1, ("P0",))
    ]


def test_a_new_key_is_text_with_no_type_change():
    plan = plan_metadata(targets(True), {"colour": "blue"})
    assert plan.values == {"colour": "blue"} and plan.safe


async def test_bulk_metadata_yes_keeps_a_boolean_boolean_on_the_server(client):
    known = await people(client, 2)
    for person in known:
        await client.customers.update(person.id, {"metadata": {"vip": False}})
    fresh = [await client.customers.get(p.id) for p in known]
    plan = plan_metadata([cf.snapshot(c) for c in fresh], {"vip": "yes"})
    ref = await Changes(client, Journal(), "demo").update_metadata(fresh, plan.values)
    async for _ in client.async_actions.watch(ref.async_action_id, interval=0.02):
        pass
    assert [(await client.customers.get(p.id)).metadata["vip"] for p in known] == [True, True]
