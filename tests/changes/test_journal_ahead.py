"""The journal is written ahead and read defensively (issue 12, case 7): intent before the
request, outcome after; every byte of a line written; a broken line reported and skipped,
never hiding the good line after it; interrupted entries resolved against the server;
`vtui journal` aligned and inert."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vtui.api import Customer, VoucherifyClient
from vtui.changes import fields as cf
from vtui.changes import journal_cli
from vtui.changes import journal_format as jm
from vtui.changes.journal import Journal
from vtui.changes.writes import Changes


async def first_named(client: VoucherifyClient) -> Customer:
    async for customer in client.customers.iterate(limit=5):
        if customer.name:
            return customer
    raise AssertionError("the seed has named customers")


def good_line(summary: str, entry_id: str = "j_1") -> bytes:
    return jm.encode(
        {
            "type": "intent",
            "id": entry_id,
            "at": "2026-11-29T10:00:00.000000Z",
            "profile": "p",
            "action": "update",
            "summary": summary,
            "customers": [],
            "undoable": True,
            "note": None,
            "async_action_id": None,
        }
    )


def test_the_intent_is_on_disk_before_the_request_and_the_outcome_after(state_dir: Path):
    j = Journal()
    entry = j.begin(profile="p", action="update", summary="Updated Ann", customers=[])
    (pending,) = Journal().entries()
    assert pending.state == "interrupted" and pending.outcome is None
    j.finish(entry, "done")
    (done,) = Journal().entries()
    assert done.state == "done"


def test_short_writes_are_looped_until_the_whole_line_is_out(state_dir):
    real_write = os.write
    calls = []

    def dribble(fd: int, data: bytes) -> int:
        calls.append(len(data))
        return real_write(fd, bytes(data[:7]))  # the kernel may take less than asked

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "write", dribble)
        Journal().record(profile="p", action="update", summary="a long summary " * 5, customers=[])
    assert len(calls) > 5
    (entry,) = Journal().entries()
    assert entry.summary == "a long summary " * 5 and entry.state == "done"


def test_a_cut_line_does_not_swallow_the_entry_written_after_it(state_dir: Path):
    j = Journal()
    j.record(profile="p", action="update", summary="first", customers=[])
    with j.path.open("ab") as handle:
        handle.write(good_line("torn")[:40])  # a crash mid-line: no newline
    j.record(profile="p", action="update", summary="after the crash", customers=[])
    contents = j.read()
    assert [e.summary for e in contents.entries] == ["first", "after the crash"]
    assert len(contents.problems) == 1 and "cut short" in contents.problems[0].reason


def test_a_good_line_glued_to_a_cut_one_is_still_read(state_dir: Path):
    path = Journal().path
    path.parent.mkdir(parents=True)
    path.write_bytes(good_line("torn", "j_0")[:30] + good_line("glued", "j_2"))
    contents = Journal().read()
    assert [e.summary for e in contents.entries] == ["glued"]
    assert contents.problems and contents.problems[0].line == 1


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda line: line[:25] + b"\xc3", "not UTF-8"),
        (lambda line: b"[1, 2, 3]\n", "not a journal record"),
        (lambda line: line.replace(b"kept", b"KEPT"), "checksum"),
        (lambda line: jm.encode({"type": "intent", "id": 5}), "wrong shape"),
        (lambda line: jm.encode({"type": "undo", "entry": ["x"]}), "no known change"),
        (lambda line: b'{"type":"intent","id":"j_9"}\n', "no checksum"),
    ],
)
def test_a_broken_line_is_reported_and_skipped(state_dir: Path, damage, reason):
    path = Journal().path
    path.parent.mkdir(parents=True)
    path.write_bytes(damage(good_line("kept", "j_0")) + b"\n" + good_line("next", "j_1"))
    contents = Journal().read()
    assert [e.summary for e in contents.entries] == ["next"]
    assert reason in contents.problems[0].reason


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    garbage=st.lists(
        st.one_of(
            st.binary(max_size=60),
            st.builds(lambda n: good_line("cut")[:n], st.integers(0, 200)),
            st.sampled_from([b"{}", b"null", b'{"type":"intent"}', b"\xff\xfe", b'"x"', b"[]"]),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["type", "id", "sum", "x"]), inner)
                ),
                max_leaves=6,
            ).map(lambda v: json.dumps(v).encode()),
        ),
        max_size=4,
    ),
    glue=st.booleans(),
)
def test_fuzzed_damage_never_crashes_the_reader_or_hides_a_valid_entry(garbage, glue):
    """Any junk before each good line (glued to it or on its own line) leaves every good
    entry readable, in order."""
    data = b""
    for index, junk in enumerate([*garbage, b""]):
        data += junk + (b"" if glue else b"\n") + good_line(f"good {index}", f"j_{index}")
    contents = jm.parse(data)
    summaries = [e.summary for e in contents.entries]
    assert summaries == [f"good {i}" for i in range(len(garbage) + 1)]


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
_KEYS = [
    "id",
    "at",
    "profile",
    "action",
    "summary",
    "customers",
    "undoable",
    "note",
    "async_action_id",
    "entry",
    "outcome",
    "message",
    "id_changes",
    "before",
    "after",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.builds(
            lambda kind, fields: {"type": kind, **fields},
            st.sampled_from(["intent", "outcome", "undo", "change", "other"]),
            st.dictionaries(
                st.sampled_from(_KEYS),
                _VALUES | st.sampled_from(["j_0", "j_1", "update", "done", "unknown"]),
            ),
        ),
        max_size=5,
    )
)
def test_checksummed_records_of_any_shape_never_crash_or_hide_a_valid_entry(records):
    """Lines that pass the checksum but hold anything at all: a wrong shape is skipped, and
    the good entries (written first, so a later line can only add to them) all remain."""
    data = good_line("good 0", "j_0") + good_line("good 1", "j_1")
    data += b"".join(jm.encode(record) for record in records)
    contents = jm.parse(data)
    assert [e.summary for e in contents.entries][:2] == ["good 0", "good 1"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_at_all_never_crash_the_reader(data):
    contents = jm.parse(data)
    assert isinstance(contents.entries, list)


async def test_an_interrupted_update_that_landed_is_undone_after_checking_the_server(client):
    changes = Changes(client, Journal(), "demo")
    person = await first_named(client)
    before = cf.snapshot(person)
    Journal().begin(  # vtui died after sending: intent only
        profile="demo",
        action="update",
        summary="Updated it",
        customers=[
            {
                "id": person.id,
                "source_id": person.source_id,
                "before": before,
                "after": {**before, "name": "Landed"},
            }
        ],
    )
    await client.customers.update(person.id, {"name": "Landed"})
    assert changes.plan_undo().interrupted
    result = await changes.undo_last()
    assert "previous fields restored" in result.message
    assert (await client.customers.get(person.id)).name == person.name


async def test_an_interrupted_update_that_never_landed_is_resolved_without_a_request(client):
    changes = Changes(client, Journal(), "demo")
    person = await first_named(client)
    before = cf.snapshot(person)
    Journal().begin(
        profile="demo",
        action="update",
        summary="Updated it",
        customers=[
            {
                "id": person.id,
                "source_id": person.source_id,
                "before": before,
                "after": {**before, "name": "Never Sent"},
            }
        ],
    )
    result = await changes.undo_last()
    assert "never reached the server" in result.message
    assert Journal().entries("demo")[0].state == "undone"


def test_vtui_journal_columns_line_up_and_strings_are_inert(state_dir: Path, capsys):
    j = Journal()
    j.record(
        profile="demo",
        action="update",
        summary="Updated \x1b[2J\x1b]0;pwned\x07Ann",
        customers=[{}],
    )
    j.record(profile="a-longer-profile", action="delete", summary="Deleted 日本語", customers=[])
    j.begin(profile="demo", action="import_csv", summary="CSV import", customers=[])
    with j.path.open("ab") as handle:
        handle.write(b"\xff\xfe broken\n")
    assert journal_cli.main([]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out and "\x07" not in captured.out
    assert "\\x1b[2J" in captured.out
    lines = captured.out.splitlines()
    header, rows = lines[0], lines[1:4]
    for column in ("PROFILE", "ACTION", "CUSTOMERS", "STATE", "SUMMARY"):
        start = header.index(column)
        assert all(row[start - 2 : start] == "  " for row in rows), (column, rows)
    assert "interrupted" in rows[0] and "1 interrupted" in captured.out
    assert "line 6" in captured.err and "not UTF-8" in captured.err
