"""Import CSV, bulk update, metadata for marked rows, the jobs list and live progress."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from textual.widgets import DataTable, Input

from tests.tui.harness import SIZE, settle, until
from vtui.tui.context import context
from vtui.tui.screens.async_actions import AsyncActionsScreen
from vtui.tui.screens.bulk_preview import BulkPreviewScreen
from vtui.tui.screens.confirm import ConfirmScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.import_file import ImportFileScreen
from vtui.tui.screens.job_progress import JobProgressScreen
from vtui.tui.screens.metadata_bulk import MetadataBulkScreen
from vtui.tui.widgets.metadata_rows import MetadataRow


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


HEADER = ["Source_id", "Name", "Email", "Birthdate", "City", "favorite_brand"]


def body_of(screen) -> str:
    from tests.tui.harness import text_of as rendered

    return rendered(screen.query_one(".confirm-body"))


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def open_import(pilot, path: Path | str, mode: str | None = None) -> ImportFileScreen:
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportFileScreen)
    if mode:
        screen.query_one("#imp-mode").value = mode
        await settle(pilot)
    screen.query_one("#imp-path", Input).value = str(path)
    screen.query_one("#imp-path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    await until(pilot, lambda: "checked" in text_of(screen, "#imp-summary"))
    return screen


async def through_preview(pilot, key: str = "ctrl+s") -> BulkPreviewScreen:
    """ctrl+s on the import screen shows the preview; `key` answers it."""
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(pilot.app.screen, BulkPreviewScreen))
    preview = pilot.app.screen
    await pilot.press(key)
    await until(pilot, lambda: not isinstance(pilot.app.screen, BulkPreviewScreen))
    return preview


async def test_import_preview_maps_columns_and_reports_a_bad_date_row_before_upload(
    harness, tmp_path
):
    path = write_csv(
        tmp_path / "people.csv",
        [
            HEADER,
            ["imp-1", "Ann One", "ann@example.com", "1990-01-02", "Oslo", "Nike"],
            ["imp-2", "Bob Two", "bob@example.com", "1990-13-45", "Oslo", "Puma"],
        ],
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, path)
        mapping = screen.query_one("#imp-mapping", DataTable)
        cells = [str(c) for row in range(mapping.row_count) for c in mapping.get_row_at(row)]
        assert "address.city" in cells and "metadata.favorite_brand" in cells
        assert screen.query_one("#imp-preview", DataTable).row_count == 2
        problems = text_of(screen, "#imp-problems")
        assert "row 2:" in problems and "1990-13-45" in problems
        assert "1 problem" in text_of(screen, "#imp-summary")
        h.recorder.sent.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert h.recorder.writes() == []  # upload refused until the file is clean
        assert pilot.app.screen is screen


async def test_a_file_in_another_encoding_is_reported_with_its_line(harness, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("Source_id,Name\nl-1,Zoë\n".encode("latin-1"))
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, path)
        problems = text_of(screen, "#imp-problems") + text_of(screen, "#imp-summary")
        assert "line 2 is not UTF-8" in problems
        assert screen.checked_path is None


async def test_a_50_mb_file_previews_at_once_and_is_refused_with_the_10_mb_limit(harness, tmp_path):
    path = tmp_path / "big.csv"
    row = "big-{},Person {},p{}@example.com,1990-01-02,Oslo,Nike\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(HEADER) + "\n")
        i = 0
        while handle.tell() < 50 * 1024 * 1024:
            handle.write("".join(row.format(n, n, n) for n in range(i, i + 5000)))
            i += 5000
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, path)
        assert screen.query_one("#imp-preview", DataTable).row_count == 20
        text = text_of(screen, "#imp-problems")
        assert "50.0 MB" in text and "at most 10 MB" in text
        assert screen.checked_path is None
        h.recorder.sent.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert h.recorder.writes() == []


async def test_clean_import_uploads_and_the_progress_reaches_done_even_after_leaving(
    harness, tmp_path
):
    rows = [
        [f"imp-{n}", f"Person {n}", f"p{n}@example.com", "1990-01-02", "Oslo", "Nike"]
        for n in range(120)
    ]
    path = write_csv(tmp_path / "good.csv", [HEADER, *rows])
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, path)
        assert "no problems" in text_of(screen, "#imp-summary")
        await h.control("POST", "/_sandbox/jobs", {"paused": True})
        preview = await through_preview(pilot, "c")  # 120 new customers: c confirms
        assert len(preview.preview.creates) == 120
        await until(pilot, lambda: isinstance(pilot.app.screen, JobProgressScreen))
        job_id = pilot.app.screen.async_action_id
        await pilot.press("escape")  # leave while the job is held
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
        board = context(pilot.app).jobs
        polls = board.jobs[job_id].polls
        await until(pilot, lambda: board.jobs[job_id].polls > polls + 1)  # still watching
        assert not board.jobs[job_id].finished
        await h.control("POST", "/_sandbox/jobs", {"paused": False})
        await until(pilot, lambda: board.jobs[job_id].finished, timeout=40)
        assert board.jobs[job_id].action.status == "DONE"
        assert board.jobs[job_id].action.result.done_count == 120
        imported = await h.get("imp-3")
        assert imported.name == "Person 3" and imported.metadata == {"favorite_brand": "Nike"}
        assert any("Job finished" in n or "CSV import" in n for n in h.notes)
        # The jobs list shows it and opens it again.
        await pilot.press("a")
        await settle(pilot)
        jobs = pilot.app.screen
        assert isinstance(jobs, AsyncActionsScreen)
        assert job_id in jobs.actions
        table = jobs.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(job_id))
        await pilot.press("enter")
        await settle(pilot)
        again = pilot.app.screen
        assert isinstance(again, JobProgressScreen)
        assert "DONE" in text_of(again, "#job-summary")
        assert text_of(again, "#job-failed-title") == "Failed rows: none"
        assert not again.query_one("#job-failed", DataTable).display  # no empty table header


async def test_import_job_failed_rows_show_with_their_reasons(harness, tmp_path):
    # An Id that does not exist passes the local check but fails in the job.
    path = write_csv(
        tmp_path / "ids.csv",
        [["Id", "Source_id", "Name"], ["cust_doesnotexist000000000", "ghost-1", "Ghost"]],
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_import(pilot, path)
        await through_preview(pilot, "c")
        await settle(pilot)
        progress = pilot.app.screen
        assert isinstance(progress, JobProgressScreen)
        await until(pilot, lambda: progress.job.finished, timeout=20)
        progress.paint()
        table = progress.query_one("#job-failed", DataTable)
        assert table.row_count == 1 and table.display
        row = [str(c) for c in table.get_row_at(0)]
        assert row[0] == "1" and row[1] == "ghost-1" and row[2]


async def test_bulk_update_from_json_changes_only_the_given_fields(harness, tmp_path):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listed = pilot.app.screen
        targets = [await h.get(c.id) for c in listed.customers.values() if c.source_id][:3]
        items = [{"source_id": c.source_id, "description": "bulk-touched"} for c in targets]
        path = tmp_path / "bulk.json"
        path.write_text(json.dumps(items))
        screen = await open_import(pilot, path, mode="bulk")
        assert "3 items checked" in text_of(screen, "#imp-summary")
        preview = await through_preview(pilot)  # all existing: ctrl+s sends
        assert len(preview.preview.updates) == 3 and not preview.preview.creates
        await settle(pilot)
        progress = pilot.app.screen
        assert isinstance(progress, JobProgressScreen)
        await until(pilot, lambda: progress.job.finished, timeout=20)
        for before in targets:
            after = await h.get(before.id)
            assert after.description == "bulk-touched"
            assert (after.name, after.email, after.metadata) == (
                before.name,
                before.email,
                before.metadata,
            )


async def test_bulk_update_json_without_source_id_is_refused_by_item(harness, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"name": "No Key"}, {"source_id": "x", "email": "nope"}]))
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, path, mode="bulk")
        problems = text_of(screen, "#imp-problems")
        assert "row 1: source_id is missing" in problems
        assert "row 2: Email must look like" in problems
        assert screen.checked_path is None


async def test_metadata_for_marked_rows_previews_and_sends_one_job(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listed = pilot.app.screen
        marked = []
        while len(marked) < 2:
            current = listed.target_customer()
            if current.source_id:
                marked.append(await h.get(current.id))
                await pilot.press("space")
            else:
                await pilot.press("j")
            await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MetadataBulkScreen)
        row = screen.query_one(MetadataRow)
        row.query_one(".meta-key", Input).value = "segment_hint"
        row.query_one(".meta-value", Input).value = "spring"
        await settle(pilot)
        preview = screen.query_one("#meta-preview", DataTable)
        assert preview.row_count == 2
        assert all(c.name in text_of(screen, "#meta-targets") for c in marked if c.name)
        targets, note = screen.query_one("#meta-targets"), screen.query_one("#meta-note")
        assert targets.content_region.x == note.content_region.x  # one left margin
        h.recorder.sent.clear()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        asked = body_of(pilot.app.screen)
        assert all(c.name in asked for c in marked if c.name)  # names its targets first
        assert h.recorder.writes() == []
        await pilot.press("y")
        await settle(pilot)
        (post,) = h.recorder.writes()
        assert post.path == "/v1/customers/metadata/async"
        assert sorted(post.body["source_ids"]) == sorted(c.source_id for c in marked)
        assert post.body["metadata"] == {"segment_hint": "spring"}
        progress = pilot.app.screen
        assert isinstance(progress, JobProgressScreen)
        await until(pilot, lambda: progress.job.finished, timeout=20)
        for before in marked:
            after = await h.get(before.id)
            assert after.metadata == {**(before.metadata or {}), "segment_hint": "spring"}


async def test_bulk_update_that_would_create_customers_shows_them_and_needs_c(harness, tmp_path):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        known = next(c for c in pilot.app.screen.customers.values() if c.source_id)
        items = [
            {"source_id": known.source_id, "description": "bulk"},
            {"source_id": "nobody-12", "name": "Nobody"},
        ]
        path = tmp_path / "bulk.json"
        path.write_text(json.dumps(items))
        await open_import(pilot, path, mode="bulk")
        h.recorder.clear()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, BulkPreviewScreen))
        preview = pilot.app.screen
        cells = {str(c) for row in range(2) for c in preview.query_one(DataTable).get_row_at(row)}
        assert {"create", "nobody-12", "Nobody", "update", known.source_id} <= cells
        await pilot.press("ctrl+s")  # the ordinary key does not create
        await pilot.pause(0.2)
        assert pilot.app.screen is preview and h.recorder.writes() == []
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, ImportFileScreen))
        assert h.recorder.writes() == [] and await h.get("nobody-12") is None
        await through_preview(pilot, "c")
        progress = pilot.app.screen
        assert isinstance(progress, JobProgressScreen)
        await until(pilot, lambda: progress.job.finished, timeout=20)
        assert (await h.get("nobody-12")).name == "Nobody"


async def mark_two_with_source_ids(pilot, h) -> list:
    await settle(pilot)
    listed = pilot.app.screen
    marked = []
    while len(marked) < 2:
        current = listed.target_customer()
        if current.source_id:
            marked.append(await h.get(current.id))
            await pilot.press("space")
        else:
            await pilot.press("j")
        await settle(pilot)
    return marked


async def test_bulk_metadata_keeps_a_boolean_key_boolean(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        marked = await mark_two_with_source_ids(pilot, h)
        for c in marked:
            await h.client.customers.update(
                c.id, {"metadata": {**(c.metadata or {}), "vip": False}}
            )
        await pilot.press("m")
        await settle(pilot)
        row = pilot.app.screen.query_one(MetadataRow)
        row.query_one(".meta-key", Input).value = "vip"
        row.query_one(".meta-value", Input).value = "yes"  # typed as text
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        assert "sent as boolean" in body_of(pilot.app.screen)
        await pilot.press("y")
        await settle(pilot)
        progress = pilot.app.screen
        assert isinstance(progress, JobProgressScreen)
        await until(pilot, lambda: progress.job.finished, timeout=20)
        for c in marked:
            assert (await h.get(c.id)).metadata["vip"] is True


async def test_bulk_metadata_shows_a_type_change_before_sending(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        marked = await mark_two_with_source_ids(pilot, h)
        await h.client.customers.update(marked[0].id, {"metadata": {"vip": True}})
        await pilot.press("m")
        await settle(pilot)
        row = pilot.app.screen.query_one(MetadataRow)
        row.query_one(".meta-key", Input).value = "vip"
        row.query_one(".meta-value", Input).value = "maybe"
        await settle(pilot)
        h.recorder.clear()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        asked = body_of(pilot.app.screen)
        assert "metadata.vip is boolean" in asked and "would become text" in asked
        await pilot.press("n")
        await settle(pilot)
        assert h.recorder.writes() == []
        assert (await h.get(marked[0].id)).metadata == {"vip": True}


async def test_escape_while_metadata_is_sending_waits_for_the_job(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await mark_two_with_source_ids(pilot, h)
        await pilot.press("m")
        await settle(pilot)
        screen = pilot.app.screen
        row = screen.query_one(MetadataRow)
        row.query_one(".meta-key", Input).value = "tier"
        row.query_one(".meta-value", Input).value = "gold"
        await settle(pilot)
        gate = h.recorder.hold(lambda r: r.method == "POST")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: any(s.method == "POST" for s in h.recorder.sent))
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert any("Sending" in n and "wait" in n for n in h.notes)
        gate.set()
        await until(pilot, lambda: isinstance(pilot.app.screen, JobProgressScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
