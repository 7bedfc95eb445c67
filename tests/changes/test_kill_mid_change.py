"""`kill -9` mid-save and mid-import (issue 12, case 7), for real: a vtui-like process
writes through `vtui sandbox serve` on loopback, with a latency fault holding its request,
and is killed. The journal's entry is left interrupted; `vtui journal` shows it; undo
checks the server and either undoes what landed or resolves what never did.

To kill the process *after* the server applied the change but before the outcome line
(the worst moment), it is first frozen with SIGSTOP while its request is held (its
connection stays open, so the server finishes the request), then killed."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from vtui.api import Customer, VoucherifyClient
from vtui.changes.journal import Journal
from vtui.changes.writes import Changes

CHILD = """
import asyncio, sys
from vtui.api import Customer, VoucherifyClient
from vtui.changes import csv_check
from vtui.changes.journal import Journal
from vtui.changes.writes import Changes

async def main(url, mode, arg):
    async with VoucherifyClient("kill-app", "kill-token", url, max_retries=0) as vf:
        changes = Changes(vf, Journal(), "loop")
        if mode == "save":
            base = await changes.read(arg)
            await changes.update(base, {"name": "Killed Mid Save"})
        else:
            checked = csv_check.check(arg)
            await changes.import_csv(arg, checked.keyed, complete=checked.complete)
    print("finished", flush=True)

asyncio.run(main(*sys.argv[1:]))
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`vtui sandbox serve` on a free loopback port with 20 customers; yields its URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vtui",
            "sandbox",
            "serve",
            "--port",
            "0",
            "--customers",
            "20",
            "--db",
            str(tmp_path / "served.db"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        url = ""
        for _ in range(20):
            line = process.stdout.readline()
            if "http://" in line:
                url = next(w for w in line.split() if w.startswith("http://")).rstrip(".,")
                break
        assert url, "the sandbox did not start"
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


@pytest.fixture
async def client(served: str) -> AsyncIterator[VoucherifyClient]:
    async with VoucherifyClient("kill-app", "kill-token", served, max_retries=0) as vf:
        yield vf


async def first_named(client: VoucherifyClient) -> Customer:
    async for customer in client.customers.iterate(limit=5):
        if customer.name:
            return customer
    raise AssertionError("the seed has named customers")


async def until(check, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def held(served: str, operation: str, latency_ms: int = 4000) -> None:
    async with httpx.AsyncClient(base_url=served) as control:
        answer = await control.post(
            "/_sandbox/faults",
            json={"kind": "latency", "latency_ms": latency_ms, "operation": operation, "count": 1},
        )
        assert answer.status_code in (200, 201), answer.text


async def arrived(served: str, operation: str) -> bool:
    async with httpx.AsyncClient(base_url=served) as control:
        stats = (await control.get("/_sandbox/stats")).json()
    return bool(stats["requests"].get(operation))


def start(served: str, mode: str, arg: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, served, mode, arg], stdout=subprocess.PIPE, text=True
    )


def vtui_journal() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vtui", "journal"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_kill_9_after_the_save_landed_leaves_an_entry_undo_resolves(served, client):
    person = await first_named(client)
    await held(served, "update-customer")
    child = start(served, "save", person.id)
    await until(lambda: arrived(served, "update-customer"))
    child.send_signal(signal.SIGSTOP)  # frozen with its request in flight

    async def landed() -> bool:
        return (await client.customers.get(person.id)).name == "Killed Mid Save"

    await until(landed)
    child.kill()
    assert child.wait(timeout=20) == -signal.SIGKILL

    (entry,) = Journal().entries("loop")
    assert entry.state == "interrupted" and entry.outcome is None
    assert "interrupted" in vtui_journal()
    changes = Changes(client, Journal(), "loop")
    assert changes.plan_undo().interrupted
    result = await changes.undo_last()
    assert "previous fields restored" in result.message
    assert (await client.customers.get(person.id)).name == person.name


async def test_kill_9_before_the_save_landed_is_resolved_as_never_applied(served, client):
    person = await first_named(client)
    await held(served, "update-customer", latency_ms=1500)
    child = start(served, "save", person.id)
    await until(lambda: arrived(served, "update-customer"))
    child.kill()  # the connection closes with it: the server never applies the PUT
    child.wait(timeout=20)
    await asyncio.sleep(2)  # past the latency
    assert (await client.customers.get(person.id)).name == person.name
    (entry,) = Journal().entries("loop")
    assert entry.state == "interrupted"
    result = await Changes(client, Journal(), "loop").undo_last()
    assert "never reached the server" in result.message
    assert Journal().entries("loop")[0].state == "undone"
    assert (await client.customers.get(person.id)).name == person.name


async def test_kill_9_mid_import_leaves_an_entry_undo_resolves(served, client, tmp_path):
    people = [c async for c in client.customers.iterate(limit=5) if c.source_id]
    path = tmp_path / "rows.csv"
    path.write_text(
        f"Source_id,Name\n{people[0].source_id},Imported Over\nkill-new-1,Imported New\n"
    )
    await held(served, "import-customers-using-csv")
    child = start(served, "import", str(path))
    await until(lambda: arrived(served, "import-customers-using-csv"))
    child.send_signal(signal.SIGSTOP)

    async def imported() -> bool:
        actions = (await client.async_actions.list(limit=5)).async_actions
        return bool(actions) and all(a.finished for a in actions)

    await until(imported)
    child.kill()
    child.wait(timeout=20)
    assert (await client.customers.get("kill-new-1")).name == "Imported New"

    (entry,) = Journal().entries("loop")
    assert entry.state == "interrupted" and entry.async_action_id is None
    assert "import_csv" in vtui_journal()
    result = await Changes(client, Journal(), "loop").undo_last()
    assert "1 restored, 1 created ones deleted" in result.message
    assert (await client.customers.get(people[0].id)).name == people[0].name
    assert [
        c async for c in client.customers.iterate(limit=100) if c.source_id == "kill-new-1"
    ] == []
