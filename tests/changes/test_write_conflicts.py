"""Saves start from the server (issue 12, cases 1, 2 and 8): an outside change is never
overwritten by an ordinary save or by undo, `n` never silently replaces a customer, and
`u` says what it will undo before it does."""

from __future__ import annotations

from typing import Any

import pytest

from vtui.api import Customer, VoucherifyClient
from vtui.changes import fields as cf
from vtui.changes.journal import Journal
from vtui.changes.writes import (
    Changes,
    Conflict,
    UndoConflict,
    UndoRefused,
    WouldReplace,
)


async def someone(client: VoucherifyClient, n: int = 0) -> Customer:
    people = [c async for c in client.customers.iterate(limit=20) if c.source_id and c.name]
    return people[n]


def changes_of(client: VoucherifyClient) -> Changes:
    return Changes(client, Journal(), "demo")


async def test_a_save_over_an_outside_change_raises_conflict_and_sends_nothing(client):
    changes = changes_of(client)
    base = await changes.read((await someone(client)).id)
    await client.customers.update(base.id, {"name": "Changed Elsewhere"})
    with pytest.raises(Conflict) as caught:
        await changes.update(base, {"name": "My Edit"})
    conflict = caught.value
    assert (await client.customers.get(base.id)).name == "Changed Elsewhere"
    assert conflict.current.name == "Changed Elsewhere" and conflict.base.name == base.name
    assert conflict.body == {"name": "My Edit"} and conflict.clashes == ["name"]
    assert "Changed Elsewhere" in str(conflict) and "Your change also sets name" in str(conflict)
    assert Journal().entries("demo") == []  # nothing was sent, so nothing journaled


async def test_an_outside_change_to_another_field_is_a_conflict_too(client):
    changes = changes_of(client)
    base = await changes.read((await someone(client)).id)
    await client.customers.update(base.id, {"description": "note from support"})
    with pytest.raises(Conflict) as caught:
        await changes.update(base, {"name": "My Edit"})
    assert caught.value.clashes == []
    assert [c.path for c in caught.value.changes] == ["description"]


async def test_overwrite_saves_over_exactly_the_version_shown(client):
    changes = changes_of(client)
    base = await changes.read((await someone(client)).id)
    await client.customers.update(base.id, {"name": "Changed Elsewhere"})
    with pytest.raises(Conflict) as caught:
        await changes.update(base, {"name": "My Edit"})
    saved = await changes.update(base, {"name": "My Edit"}, overwrite=caught.value.current)
    assert saved.name == "My Edit"
    (entry,) = Journal().entries("demo")
    assert entry.customers[0]["before"]["name"] == "Changed Elsewhere"  # undo restores theirs


async def test_overwrite_refuses_when_the_customer_moved_again(client):
    changes = changes_of(client)
    base = await changes.read((await someone(client)).id)
    await client.customers.update(base.id, {"name": "First Outside"})
    with pytest.raises(Conflict) as caught:
        await changes.update(base, {"name": "My Edit"})
    await client.customers.update(base.id, {"name": "Second Outside"})
    with pytest.raises(Conflict) as again:
        await changes.update(base, {"name": "My Edit"}, overwrite=caught.value.current)
    assert again.value.current.name == "Second Outside"
    assert (await client.customers.get(base.id)).name == "Second Outside"


async def test_a_fresh_save_goes_through_and_is_journaled_with_the_server_answer(client):
    changes = changes_of(client)
    base = await changes.read((await someone(client)).id)
    saved = await changes.update(base, {"phone": "+48 600 100 200"})
    assert saved.phone == "+48 600 100 200"
    (entry,) = Journal().entries("demo")
    assert entry.state == "done" and entry.customers[0]["after"]["phone"] == "+48 600 100 200"


async def test_undo_refuses_to_restore_over_an_outside_change_and_names_it(client):
    changes = changes_of(client)
    base = await changes.read((await someone(client)).id)
    await changes.update(base, {"name": "Mine"})
    await client.customers.update(base.id, {"name": "Theirs After Mine"})
    with pytest.raises(UndoConflict) as caught:
        await changes.undo_last()
    assert "Theirs After Mine" in str(caught.value) and "name" in str(caught.value)
    assert (await client.customers.get(base.id)).name == "Theirs After Mine"
    assert Journal().entries("demo")[0].undone_at is None  # still there to resolve


async def test_undo_ignores_outside_changes_to_fields_it_does_not_restore(client):
    changes = changes_of(client)
    base = await changes.read((await someone(client)).id)
    await changes.update(base, {"name": "Mine"})
    await client.customers.update(base.id, {"description": "added by someone"})
    await changes.undo_last()
    now = await client.customers.get(base.id)
    assert now.name == base.name and now.description == "added by someone"


async def test_n_with_an_existing_source_id_raises_would_replace(client):
    changes = changes_of(client)
    existing = await someone(client)
    body: dict[str, Any] = {"source_id": existing.source_id, "name": "Nobody New"}
    with pytest.raises(WouldReplace) as caught:
        await changes.create(body)
    assert caught.value.existing.id == existing.id
    assert existing.source_id in str(caught.value) and "replace" in str(caught.value)
    assert (await client.customers.get(existing.id)).name == existing.name
    replaced = await changes.create(body, replace=caught.value.existing)
    assert replaced.id == existing.id and replaced.name == "Nobody New"
    (entry,) = Journal().entries("demo")
    assert entry.action == "update" and entry.customers[0]["before"]["name"] == existing.name


async def test_n_with_a_new_source_id_creates_without_asking(client):
    created = await changes_of(client).create({"source_id": "brand-new-1", "name": "New One"})
    assert created.source_id == "brand-new-1"
    assert Journal().entries("demo")[0].action == "create"


async def test_u_names_its_target_before_acting_and_then_does_exactly_that(client):
    changes = changes_of(client)
    andrzej, sophia = await someone(client, 0), await someone(client, 1)
    await changes.update(andrzej, {"description": "edited"})
    plan = changes.plan_undo()
    assert plan.touches(andrzej.id) and not plan.touches(sophia.id)
    assert andrzej.name in plan.describe() and "edited" not in plan.describe()
    assert (await client.customers.get(andrzej.id)).description == "edited"  # nothing done
    result = await changes.undo(plan)
    assert "Undone" in result.message
    assert cf.normal(cf.editable(await client.customers.get(andrzej.id))) == cf.normal(
        cf.editable(andrzej)
    )


async def test_a_plan_gone_stale_is_refused(client):
    changes = changes_of(client)
    first, second = await someone(client, 0), await someone(client, 1)
    await changes.update(first, {"description": "one"})
    plan = changes.plan_undo()
    await changes.update(second, {"description": "two"})
    with pytest.raises(UndoRefused, match="changed since"):
        await changes.undo(plan)
    assert (await client.customers.get(first.id)).description == "one"
