"""The undo journal: where and how it is stored, what it never holds, `vtui journal`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from vtui.changes import journal_cli as journal_module
from vtui.changes.journal import Journal
from vtui.changes.writes import Changes


def test_journal_lives_in_the_state_folder_private_to_the_user(state_dir: Path):
    j = Journal()
    assert j.path == state_dir / "journal.jsonl"
    j.record(profile="p", action="update", summary="x", customers=[])
    assert stat.S_IMODE(j.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(j.path.parent.stat().st_mode) == 0o700


def test_a_loose_journal_file_is_tightened_on_the_next_write(state_dir: Path):
    j = Journal()
    j.record(profile="p", action="update", summary="x", customers=[])
    j.path.chmod(0o644)
    j.record(profile="p", action="update", summary="y", customers=[])
    assert stat.S_IMODE(j.path.stat().st_mode) == 0o600


def test_a_torn_last_line_is_skipped_and_the_rest_still_reads(state_dir: Path):
    j = Journal()
    j.record(profile="p", action="update", summary="kept", customers=[])
    with j.path.open("a") as handle:
        handle.write('{"type": "change", "id": "j_torn", "at"')
    assert [e.summary for e in j.entries()] == ["kept"]


def test_undo_marks_are_appended_and_folded_into_their_entry(state_dir: Path):
    j = Journal()
    first = j.record(profile="p", action="update", summary="a", customers=[])
    j.record(profile="q", action="update", summary="other profile", customers=[])
    j.mark_undone(first, "done")
    (entry,) = j.entries("p")
    assert entry.undone_at and entry.undo_message == "done"
    assert j.last_to_undo("p") is None
    assert j.last_to_undo("q").summary == "other profile"


async def test_journaled_changes_never_hold_the_app_token(client, canary, state_dir: Path):
    changes = Changes(client, Journal(), "demo")
    customer = await changes.create({"source_id": "canary-1", "name": "Can Ary"})
    await changes.update(customer, {"phone": "+1 555 0100"})
    await changes.delete(await client.customers.get("canary-1"))
    await changes.undo_last()
    text = (state_dir / "journal.jsonl").read_text()
    assert canary not in text
    assert "X-App-Token" not in text and "app_token" not in text


def test_vtui_journal_lists_newest_first_with_undone_marks(state_dir: Path, capsys):
    j = Journal()
    older = j.record(profile="demo", action="update", summary="Updated Ann", customers=[{}])
    j.record(profile="demo", action="delete", summary="Deleted Bob", customers=[{}])
    j.mark_undone(older, "restored")
    assert journal_module.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["WHEN", "(UTC)", "PROFILE", "ACTION", "CUSTOMERS", "STATE", "SUMMARY"]
    assert "Deleted Bob" in out[1]
    assert "Updated Ann" in out[2] and "undone" in out[2]
    assert journal_module.main(["--json", "--limit", "1"]) == 0
    line = json.loads(capsys.readouterr().out.splitlines()[0])
    assert line["summary"] == "Deleted Bob" and line["undone_at"] is None


def test_vtui_journal_says_when_it_is_empty(state_dir: Path, capsys):
    assert journal_module.main(["--profile", "nobody"]) == 0
    assert "empty" in capsys.readouterr().out


def test_the_vtui_command_lists_the_journal(state_dir: Path, capsys):
    from vtui.cli import main

    j = Journal()
    j.record(profile="demo", action="update", summary="Updated Cli", customers=[{}])
    j.record(profile="work", action="update", summary="Other Profile", customers=[{}])
    assert main(["journal", "--profile", "demo"]) == 0
    out = capsys.readouterr().out
    assert "Updated Cli" in out and "Other Profile" not in out


def test_on_a_terminal_each_journal_line_fits_its_width_and_a_pipe_gets_it_whole(
    state_dir: Path, capsys, monkeypatch
):
    """At 80 columns a long summary is cut with an ellipsis (a terminal would wrap it under
    the WHEN column); piped to a file or grep, the summary stays whole."""
    import os

    long = "Updated " + "長い名前テスト" * 20 + " Smith: description, metadata"
    Journal().record(profile="demo", action="update", summary=long, customers=[{}])
    monkeypatch.setattr(journal_module.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(
        journal_module.shutil, "get_terminal_size", lambda *a: os.terminal_size((80, 24))
    )
    assert journal_module.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert all(journal_module.width(line) <= 80 for line in out[:2])
    assert out[1].endswith("…") and "Updated 長い名前" in out[1]
    assert "summaries cut to the width" in out[2]

    monkeypatch.setattr(journal_module.sys.stdout, "isatty", lambda: False, raising=False)
    assert journal_module.main([]) == 0
    assert long in capsys.readouterr().out
