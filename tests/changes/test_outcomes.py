"""Each journaled request ends with the truth about it: done, failed (the server said no,
nothing changed: undo passes it over) or unknown (cancelled or no answer: undo checks
the server). The user can pass over a change undo will not touch."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from vtui.api import APIStatusError, Customer, VoucherifyClient
from vtui.changes import journal_format
from vtui.changes.journal import Journal
from vtui.changes.writes import Changes, UndoConflict, UndoRefused


async def first_named(client: VoucherifyClient) -> Customer:
    async for customer in client.customers.iterate(limit=5):
        if customer.name:
            return customer
    raise AssertionError("the seed has named customers")


async def test_a_refused_request_is_journaled_failed_and_undo_passes_it_over(client, seeded):
    changes = Changes(client, Journal(), "demo")
    person = await first_named(client)
    await changes.update(person, {"description": "first"})
    with pytest.raises(ValueError):  # the client's own check: never sent
        await changes.update(await changes.read(person.id), {"birthdate": "not-a-date"})
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=seeded.app), base_url="http://sb.test"
    ) as control:
        for kind in ("rate_limit", "error"):  # 429: not processed; 503: no telling
            await control.post(
                "/_sandbox/faults",
                json={"kind": kind, "status": 503, "operation": "update-customer", "count": 1},
            )
            with pytest.raises(APIStatusError):
                await changes.update(await changes.read(person.id), {"name": "Refused"})
    entries = Journal().entries("demo")
    assert [e.state for e in entries] == ["done", "failed", "failed", "interrupted"]
    result = await changes.undo_last()  # the 503: the server shows it never landed
    assert "never reached the server" in result.message
    assert changes.plan_undo().entry.id == entries[0].id  # the refused ones are passed over
    assert changes.plan_undo().entry.id == entries[0].id


async def test_a_save_cancelled_in_flight_is_journaled_unknown_and_left_for_undo(client, seeded):
    changes = Changes(client, Journal(), "demo")
    person = await first_named(client)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=seeded.app), base_url="http://sb.test"
    ) as control:
        await control.post(
            "/_sandbox/faults",
            json={"kind": "latency", "latency_ms": 2000, "operation": "update-customer"},
        )
        task = asyncio.create_task(changes.update(person, {"name": "Cancelled"}))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await control.delete("/_sandbox/faults")
    (entry,) = Journal().entries("demo")
    assert entry.outcome == "unknown" and entry.state == "interrupted"


async def test_pass_over_leaves_the_server_as_it_is_and_reaches_older_changes(client):
    changes = Changes(client, Journal(), "demo")
    person = await first_named(client)
    await changes.update(person, {"description": "older"})
    await changes.update(await changes.read(person.id), {"name": "Mine"})
    await client.customers.update(person.id, {"name": "Theirs"})
    plan = changes.plan_undo()
    with pytest.raises(UndoConflict):
        await changes.undo(plan)
    changes.pass_over(plan, "kept their name")
    assert "older" in changes.plan_undo().entry.summary or "description" in (
        changes.plan_undo().entry.summary
    )
    await changes.undo_last()
    now = await client.customers.get(person.id)
    assert now.name == "Theirs" and now.description == person.description


async def test_an_interrupted_create_without_source_id_is_not_guessed(client):
    Journal().begin(
        profile="demo",
        action="create",
        summary="Created Nameless",
        customers=[{"id": None, "source_id": None, "before": None, "after": {"name": "N"}}],
    )
    with pytest.raises(UndoRefused, match="cannot be found"):
        await Changes(client, Journal(), "demo").undo_last()


def test_a_journal_line_from_before_checksums_still_reads_as_done(state_dir):
    path = Journal().path
    path.parent.mkdir(parents=True)
    path.write_text(
        '{"type":"change","id":"j_old","at":"2026-01-01T00:00:00Z","profile":"p",'
        '"action":"update","summary":"Old one","customers":[]}\n'
    )
    (entry,) = Journal().entries()
    assert entry.summary == "Old one" and entry.state == "done"
    assert journal_format.checksum({"a": 1}) == journal_format.checksum({"a": 1, "sum": "x"})
