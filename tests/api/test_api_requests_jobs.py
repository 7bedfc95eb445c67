"""Bulk jobs: CSV import, bulk and metadata updates, async actions, watch."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from tests.api.api_fakes import ok
from vtui.api import (
    AsyncAction,
    CustomerBulkUpdate,
)

JOB = {"async_action_id": "aa_0a875d56c805df6601"}


def query(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())


async def test_import_csv_sends_bytes_as_multipart_file(client, recorder):
    recorder.reply(ok(JOB, 202))
    csv = b"source_id,name\ncrm-43,Ann\n"
    ref = await client.customers.import_csv(csv)
    request = recorder.last
    assert request.method == "POST" and request.url.path == "/v1/customers/importCSV"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'Content-Disposition: form-data; name="file"; filename="customers.csv"' in (
        request.content
    )
    assert csv in request.content
    assert ref.async_action_id == "aa_0a875d56c805df6601"


async def test_import_csv_reads_a_path(client, recorder, tmp_path: Path):
    recorder.reply(ok(JOB, 202))
    path = tmp_path / "people.csv"
    path.write_bytes(b"source_id\nx\n")
    await client.customers.import_csv(path)
    assert b'filename="people.csv"' in recorder.last.content
    assert b"source_id\nx\n" in recorder.last.content


async def test_import_csv_of_missing_file_says_so_without_sending(client, recorder, tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        await client.customers.import_csv(tmp_path / "nope.csv")
    assert recorder.requests == []


async def test_update_in_bulk_posts_a_json_array(client, recorder):
    recorder.reply(ok(JOB, 202))
    ref = await client.customers.update_in_bulk(
        [CustomerBulkUpdate(source_id="a", name="A"), {"source_id": "b", "metadata": {"x": 1}}]
    )
    assert recorder.last.method == "POST"
    assert recorder.last.url.path == "/v1/customers/bulk/async"
    assert recorder.body() == [
        {"source_id": "a", "name": "A"},
        {"source_id": "b", "metadata": {"x": 1}},
    ]
    assert ref.async_action_id.startswith("aa_")


@pytest.mark.parametrize(
    "bad", [{"name": "no id"}, {"source_id": ""}, {"source_id": "  "}, {"source_id": None}]
)
async def test_update_in_bulk_refuses_an_item_without_source_id(client, recorder, bad):
    with pytest.raises(ValueError, match="item 1 has no source_id"):
        await client.customers.update_in_bulk([{"source_id": "ok"}, bad])
    assert recorder.requests == []


async def test_update_in_bulk_refuses_a_body_over_10_mb_before_sending(client, recorder):
    items = [{"source_id": f"s{i}", "description": "x" * 1000} for i in range(10_500)]
    with pytest.raises(ValueError, match="at most 10485760 bytes"):
        await client.customers.update_in_bulk(items)
    assert recorder.requests == []


async def test_update_in_bulk_sends_a_body_of_exactly_10_mb(client, recorder):
    recorder.reply(ok(JOB, 202))
    overhead = len(json.dumps([{"source_id": "s", "description": ""}], separators=(",", ":")))
    items = [{"source_id": "s", "description": "x" * (10_485_760 - overhead)}]
    await client.customers.update_in_bulk(items)
    assert len(recorder.last.content) == 10_485_760


async def test_update_metadata_in_bulk_posts_ids_and_metadata(client, recorder):
    recorder.reply(ok(JOB, 202))
    await client.customers.update_metadata_in_bulk(["a", "b@c"], {"lang": "en", "vip": False})
    assert recorder.last.url.path == "/v1/customers/metadata/async"
    assert recorder.body() == {"source_ids": ["a", "b@c"], "metadata": {"lang": "en", "vip": False}}


async def test_update_metadata_in_bulk_refuses_a_body_over_10_mb(client, recorder):
    ids = [f"source-{i:08d}-" + "y" * 100 for i in range(100_000)]
    with pytest.raises(ValueError, match="10 MB"):
        await client.customers.update_metadata_in_bulk(ids, {"k": "v"})
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("ids", "meta"), [([], {"a": 1}), (["a", ""], {"a": 1}), (["a"], {}), ("abc", {"a": 1})]
)
async def test_update_metadata_in_bulk_refuses_bad_input(client, recorder, ids, meta):
    with pytest.raises(ValueError):
        await client.customers.update_metadata_in_bulk(ids, meta)
    assert recorder.requests == []


async def test_async_action_get_and_list(client, recorder):
    recorder.reply(
        ok(
            {
                "id": "aa_1",
                "type": "CUSTOMERS.IMPORT_CSV",
                "status": "DONE",
                "result": {
                    "message": "1 ok",
                    "failed": [{"source_id": "x", "row": 2, "reason": "bad"}],
                    "done_count": 1,
                    "failed_count": 1,
                },
                "object": "async_action",
            }
        ),
        ok(
            {
                "object": "list",
                "data_ref": "async_actions",
                "async_actions": [{"id": "aa_1", "status": "DONE", "object": "async_action"}],
                "has_more": False,
            }
        ),
    )
    action = await client.async_actions.get("aa_1")
    assert recorder.last.url.path == "/v1/async-actions/aa_1"
    assert action.finished and action.result is not None
    assert action.result.failed[0].row == 2  # type: ignore[attr-defined]
    actions = await client.async_actions.list(limit=20, end_date=date(2024, 1, 1))
    assert recorder.last.url.path == "/v1/async-actions"
    assert query(recorder.last) == [("limit", "20"), ("end_date", "2024-01-01T00:00:00.000Z")]
    assert [a.id for a in actions.async_actions] == ["aa_1"]


async def test_watch_polls_with_growing_delay_until_done(client, recorder, sleeps):
    states = ["ENQUEUED", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "DONE"]
    recorder.reply(
        *[ok({"id": "aa_1", "status": s, "progress": i * 20}) for i, s in enumerate(states)]
    )
    seen: list[AsyncAction] = [a async for a in client.async_actions.watch("aa_1")]
    assert [a.status for a in seen] == states
    assert len(recorder.requests) == len(states)
    assert sleeps.delays[0] == 0.25
    assert sleeps.delays == sorted(sleeps.delays) and max(sleeps.delays) <= 2.0


async def test_watch_stops_at_failed(client, recorder):
    recorder.reply(
        ok({"id": "aa_1", "status": "ENQUEUED"}),
        ok({"id": "aa_1", "status": "FAILED"}),
        ok({"id": "aa_1", "status": "DONE"}),
    )
    seen = [a.status async for a in client.async_actions.watch("aa_1")]
    assert seen == ["ENQUEUED", "FAILED"]


async def test_import_csv_refuses_csv_text_passed_as_a_path(client, recorder):
    with pytest.raises(ValueError, match="not CSV text"):
        await client.customers.import_csv("source_id,name\ncrm-1,Ann\n")
    assert recorder.requests == []
