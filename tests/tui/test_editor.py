"""`E`: edit as JSON in $EDITOR (a small script here), validate, diff, save; never lose text."""

from __future__ import annotations

from tests.tui.harness import SIZE, settle, until
from vtui.tui import json_edit
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.diff_view import DiffScreen


async def start(pilot, h):
    """The highlighted customer as the API has it (the list keeps only rows)."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CustomerListScreen)
    return await h.get(screen.target_customer().id)


async def test_editor_change_is_diffed_and_only_the_changed_field_is_saved(harness, editor):
    editor(
        "doc = json.loads(path.read_text())\n"
        "doc['description'] = 'Edited in vim'\n"
        "doc['metadata']['checked'] = True\n"
        "path.write_text(json.dumps(doc))\n"
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        customer = await start(pilot, h)
        h.recorder.sent.clear()
        await pilot.press("E")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiffScreen))
        diff = pilot.app.screen
        assert isinstance(diff, DiffScreen)
        assert {c.path for c in diff.changes} == {"description", "metadata.checked"}
        await pilot.press("ctrl+s")
        await settle(pilot)
        (put,) = h.recorder.writes()
        assert set(put.body) == {"description", "metadata"}
        saved = await h.get(customer.id)
        assert saved.description == "Edited in vim"
        assert saved.metadata == {**(customer.metadata or {}), "checked": True}
        assert customer.id not in json_edit.DRAFTS


async def test_invalid_json_reopens_the_editor_with_the_error_and_the_text_kept(
    harness, editor, tmp_path
):
    seen = tmp_path / "seen"
    editor(
        f"seen = Path({str(seen)!r})\n"
        "text = path.read_text()\n"
        "runs = int(seen.read_text()) + 1 if seen.exists() else 1\n"
        "seen.write_text(str(runs))\n"
        "if runs == 1:\n"
        "    path.write_text(text.replace('\"name\":', '\"name\" :: ', 1) + 'MY NOTE')\n"
        "else:\n"
        "    Path(str(seen) + '.second').write_text(text)\n"
        "    body = '\\n'.join(l for l in text.splitlines() if not l.startswith('//'))\n"
        "    body = body.replace('\"name\" :: ', '\"name\": ').replace('MY NOTE', '')\n"
        "    doc = json.loads(body)\n"
        "    doc['name'] = 'Fixed After Error'\n"
        "    path.write_text(json.dumps(doc))\n"
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        customer = await start(pilot, h)
        await pilot.press("E")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiffScreen))
        second = (tmp_path / "seen.second").read_text()
        assert second.startswith("// Invalid JSON")
        assert "MY NOTE" in second  # the user's text came back, not a fresh copy
        assert isinstance(pilot.app.screen, DiffScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (await h.get(customer.id)).name == "Fixed After Error"


async def test_changing_source_id_in_the_editor_is_refused_and_nothing_is_sent(harness, editor):
    editor(
        "if not path.read_text().startswith('//'):\n"
        "    doc = json.loads(path.read_text())\n"
        "    doc['source_id'] = 'another-id'\n"
        "    path.write_text(json.dumps(doc))\n"
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        customer = await start(pilot, h)
        h.recorder.sent.clear()
        await pilot.press("E")
        await settle(pilot)
        assert h.recorder.writes() == []
        assert "source_id cannot be changed" in json_edit.DRAFTS[customer.id]
        assert any("your text is kept" in n for n in h.notes), h.notes
        json_edit.DRAFTS.clear()


async def test_failed_save_keeps_the_edited_text_as_a_draft_for_the_next_e(harness, editor):
    editor(
        "doc = json.loads(path.read_text())\n"
        "doc['name'] = 'Draft Name'\n"
        "path.write_text(json.dumps(doc))\n"
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        customer = await start(pilot, h)
        await h.control(
            "POST",
            "/_sandbox/faults",
            {"kind": "error", "status": 500, "count": 1, "method": "PUT"},
        )
        await pilot.press("E")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiffScreen))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Not saved" in n for n in h.notes)
        assert "Draft Name" in json_edit.DRAFTS[customer.id]
        json_edit.DRAFTS.clear()


def edit_folders() -> list:
    import os
    import tempfile
    from pathlib import Path

    base = Path(tempfile.gettempdir()) / f"vtui-{os.getuid()}"
    return list(base.glob(f"edit-{os.getpid()}-*"))


async def test_an_editor_that_exits_non_zero_saves_nothing_and_leaves_no_file(harness, editor):
    editor(
        "doc = json.loads(path.read_text())\n"
        "doc['name'] = 'Should Not Be Saved'\n"
        "path.write_text(json.dumps(doc))\n"
        "sys.exit(1)\n"
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        customer = await start(pilot, h)
        h.recorder.clear()
        await pilot.press("E")
        await settle(pilot)
        assert h.recorder.writes() == []
        assert any("exited with status 1" in n and "nothing saved" in n for n in h.notes)
        assert isinstance(pilot.app.screen, CustomerListScreen)
        assert (await h.get(customer.id)).name == customer.name
        assert edit_folders() == []


async def test_a_missing_or_unparsable_editor_says_so_and_the_screen_keeps_working(
    harness, monkeypatch
):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot, h)
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("EDITOR", 'vim "unclosed')
        await pilot.press("E")
        await settle(pilot)
        assert any("cannot be read as a command" in n for n in h.notes)
        monkeypatch.setenv("EDITOR", "no-such-editor-12")
        await pilot.press("E")
        await settle(pilot)
        assert any("'no-such-editor-12'" in n and "not installed" in n for n in h.notes)
        assert h.recorder.writes() == []
        await pilot.press("j")  # the list still answers keys
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerListScreen)


async def test_an_outside_change_during_the_editor_flow_is_not_overwritten_by_save(harness, editor):
    from vtui.tui.screens.conflict import ChoiceScreen

    editor(
        "doc = json.loads(path.read_text())\n"
        "doc['name'] = 'From The Editor'\n"
        "path.write_text(json.dumps(doc))\n"
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        customer = await start(pilot, h)
        await pilot.press("E")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiffScreen))
        await h.client.customers.update(customer.id, {"name": "From Elsewhere"})
        h.recorder.clear()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press("ctrl+s")  # the save key does not overwrite
        await pilot.pause(0.2)  # (settle would wait for the flow, which waits for a choice)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        assert h.recorder.writes() == []
        assert (await h.get(customer.id)).name == "From Elsewhere"
        await pilot.press("o")  # the distinct key does
        await settle(pilot)
        assert (await h.get(customer.id)).name == "From The Editor"
        assert customer.id not in json_edit.DRAFTS


async def test_going_back_from_a_conflict_keeps_the_editor_text(harness, editor):
    from vtui.tui.screens.conflict import ChoiceScreen

    editor(
        "doc = json.loads(path.read_text())\n"
        "doc['name'] = 'Kept Draft'\n"
        "path.write_text(json.dumps(doc))\n"
    )
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        customer = await start(pilot, h)
        await pilot.press("E")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiffScreen))
        await h.client.customers.update(customer.id, {"name": "Changed Meanwhile"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press("enter")  # enter is on Back
        await settle(pilot)
        assert (await h.get(customer.id)).name == "Changed Meanwhile"
        assert "Kept Draft" in json_edit.DRAFTS[customer.id]
        json_edit.DRAFTS.clear()
