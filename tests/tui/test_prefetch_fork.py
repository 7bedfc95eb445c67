"""The start-up prefetch's fork, run for real in a fresh interpreter (pytest's own workers
have threads, and the prefetch refuses to fork a threaded process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from vtui.demo import demo_first_page

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the prefetch forks")

CANARY = "canary-token-prefetch-51c9"

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, os, sys, time
    from pathlib import Path
    from vtui.tui.prefetch import Prefetch

    async def hang():
        await asyncio.sleep(120)

    async def crash():
        raise RuntimeError("boom " + os.environ.get("CANARY", ""))

    kind, arg, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if kind == "demo":
        from vtui.demo import demo_first_page
        fetch = lambda: demo_first_page(Path(arg))
    else:
        fetch = {"hang": hang, "crash": crash}[kind]
    prefetch = Prefetch.start(fetch)
    started = time.monotonic()
    page = asyncio.run(prefetch.get(timeout))
    waited = time.monotonic() - started
    try:
        os.waitpid(prefetch.pid, os.WNOHANG)
        reaped = False
    except ChildProcessError:
        reaped = True
    print(json.dumps({
        "rows": page.rows if page else None,
        "total": page.total if page else None,
        "customers": len(page.customer_page().customers) if page else None,
        "waited": waited,
        "reaped": reaped,
    }))
    """
)


def run(kind: str, arg: str, timeout: float, config: Path) -> tuple[dict, str]:
    env = {**os.environ, "VTUI_CONFIG_DIR": str(config), "CANARY": CANARY}
    env.pop("VTUI_NO_PREFETCH", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, kind, arg, str(timeout)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stdout + done.stderr


async def test_the_forked_child_sends_the_first_page_the_list_would_ask_for(
    seeded_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db = tmp_path / "demo.sqlite3"
    shutil.copy(seeded_files(200), db)
    report, _ = run("demo", str(db), 60, tmp_path / "config")
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(tmp_path / "config"))
    direct = await demo_first_page(db)  # the same fetch, in this process
    assert report["total"] == 200 and report["customers"] == 100
    assert [(key, tuple(cells)) for key, cells in report["rows"]] == direct.rows
    assert report["reaped"]  # no zombie left behind


def test_a_crashing_child_gives_no_page_and_nothing_on_the_terminal(tmp_path: Path):
    report, output = run("crash", "-", 30, tmp_path / "config")
    assert report["rows"] is None and report["reaped"]
    assert "boom" not in output and CANARY not in output and "Traceback" not in output


def test_a_hanging_child_is_given_up_on_and_killed(tmp_path: Path):
    started = time.monotonic()
    report, _ = run("hang", "-", 0.5, tmp_path / "config")
    assert report["rows"] is None
    assert report["waited"] < 5 and time.monotonic() - started < 60
    assert report["reaped"]
