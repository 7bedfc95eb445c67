"""Memory of the list against a bare Textual DataTable app, G-to-end, and enter→Overview.

    python tests/benchmarks/bench_memory.py [--rows 10000 100000] [--runs 5]

Per size, one `vtui sandbox serve` (out of process, loopback) on a database seeded with that
many customers; then, round by round (so both see the same machine), two fresh interpreters:
- the bare app (bare_datatable_app.py --measure): pages the same customers by cursor with
  urllib into a plain DataTable of the six default columns (no vtui code);
- vtui (a profile on the served URL, headless at 120x40): `G` loads every page to the end
  (timed until the cursor is on the last row), then `enter` on the first row, posted as the
  terminal driver posts a key (timed until the first frame after the Overview shows the
  customer, read from the API; Pilot's press would add its wait for the app to go idle),
  `escape`, repeated 5 times.
Each child reports its peak RSS (VmHWM). Medians over --runs rounds; the growth per
extra row is (peak at the largest size - peak at the smallest) / (rows between).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = 5
APP_ID, APP_TOKEN = "bench-app", "bench-token-0000"


def vtui_child(rows: int) -> None:
    from textual import events

    from vtui.config.resolve import resolve_profile
    from vtui.tui.profiles import connector_for
    from vtui.tui.screens.customer_detail import CustomerDetailScreen
    from vtui.tui.screens.customer_list import CustomerListScreen
    from vtui.tui.startup import Launch, build_app
    from vtui.tui.widgets.customer_table import CustomerTable

    profile = resolve_profile()
    assert profile is not None
    launch = Launch(
        connect=connector_for(profile),
        profile=profile.name,
        region=profile.region,
        read_only=False,
        first_page=None,
    )

    async def until(check: Any, timeout: float = 300.0) -> None:
        end = time.perf_counter() + timeout
        while not check():
            if time.perf_counter() > end:
                raise TimeoutError("condition not reached")
            await asyncio.sleep(0.002)

    async def run() -> dict[str, Any]:
        app = build_app(launch, False)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(
                lambda: isinstance(app.screen, CustomerListScreen) and bool(app.screen.customers)
            )
            screen = app.screen
            assert isinstance(screen, CustomerListScreen)
            table = screen.query_one(CustomerTable)
            started = time.perf_counter()
            await pilot.press("G")
            await until(
                lambda: (
                    not screen.to_end
                    and not screen.fetching
                    and table.row_count == len(screen.customers)
                    and table.cursor_row == table.row_count - 1
                    and (screen.cursor is None or not screen.cursor.has_more)
                )
            )
            to_end = time.perf_counter() - started
            await pilot.pause()
            overview: list[float] = []
            for _ in range(5):
                await pilot.press("g")
                await pilot.pause()
                # Enter as the terminal driver delivers it (Pilot's press also waits for the
                # app to go idle, which a user does not); timed to the first frame after the
                # customer, read from the API, is on the Overview.
                started = time.perf_counter()
                app.post_message(events.Key("enter", "\r"))
                await until(
                    lambda: (
                        isinstance(app.screen, CustomerDetailScreen)
                        and app.screen.customer is not None
                    )
                )
                painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
                app.screen.call_after_refresh(
                    lambda done=painted: done.done() or done.set_result(time.perf_counter())
                )
                overview.append(await painted - started)
                await pilot.pause()
                await pilot.press("escape")
                await until(lambda: app.screen is screen)
            return {
                "rows": len(screen.customers),
                "to_end_s": to_end,
                "overview_ms": statistics.median(overview) * 1000,
            }

    report = asyncio.run(run())
    report["peak_mb"] = peak_mb()
    print(json.dumps(report))


def peak_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries that over exec from
    the forking parent (this bench, which seeded a database), so children would report it."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def serve(db: Path, rows: int, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port_file = work / f"port-{rows}.txt"
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "vtui", "sandbox", "serve", "--db", str(db)),
            *("--customers", str(rows), "--seed", str(SEED), "--port", "0"),
        ],
        stdout=port_file.open("wb"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(6000):
        found = re.search(r"http://127\.0\.0\.1:(\d+)", port_file.read_text(errors="replace"))
        if found:
            return proc, f"http://127.0.0.1:{found.group(1)}"
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("vtui sandbox serve did not start: " + port_file.read_text()[-500:])


def child_report(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(command, capture_output=True, text=True, timeout=1800, env=env)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    report: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return report


def measure_size(rows: int, runs: int, work: Path) -> dict[str, list[dict[str, Any]]]:
    from vtui.sandbox import Sandbox

    db = work / f"served-{rows}.sqlite3"

    async def seed() -> None:
        async with Sandbox(db, customers=rows, seed=SEED):
            pass

    asyncio.run(seed())
    proc, url = serve(db, rows, work)
    env = {
        **os.environ,
        "VTUI_CONFIG_DIR": str(work / "config"),
        "VOUCHERIFY_APP_ID": APP_ID,
        "VOUCHERIFY_APP_TOKEN": APP_TOKEN,
        "VOUCHERIFY_API_BASE_URL": url,
        "VTUI_NO_PREFETCH": "1",
    }
    found: dict[str, list[dict[str, Any]]] = {"bare": [], "vtui": []}
    try:
        for _ in range(runs):
            found["bare"].append(
                child_report(
                    [
                        *(sys.executable, str(HERE / "bare_datatable_app.py")),
                        *("--measure", url, "--rows", str(rows)),
                    ],
                    env,
                )
            )
            found["vtui"].append(
                child_report([sys.executable, __file__, "--child", "--rows", str(rows)], env)
            )
    finally:
        proc.terminate()
        proc.wait(10)
    return found


def measure(sizes: int | list[int], runs: int) -> list[dict[str, object]]:
    sizes = [sizes] if isinstance(sizes, int) else sizes
    work = Path(tempfile.mkdtemp(prefix="vtui-bench-mem-"))
    results: dict[int, dict[str, list[dict[str, Any]]]] = {}
    try:
        for rows in sizes:
            results[rows] = measure_size(rows, runs, work)
            print(f"{rows:,}: {json.dumps(results[rows])}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # a 100,000-customer database is 750 MB
    out: list[dict[str, object]] = []

    def med(rows: int, who: str, key: str) -> float:
        return statistics.median(r[key] for r in results[rows][who])

    for rows in sizes:
        bare, ours = med(rows, "bare", "peak_mb"), med(rows, "vtui", "peak_mb")
        loaded = results[rows]["vtui"][0]["rows"]
        out.append(
            {
                "what": f"peak RSS, {loaded:,} rows loaded: vtui vs bare DataTable app",
                "median": f"{ours:.0f} MB vs {bare:.0f} MB ({ours / bare:.2f}x)",
                "note": f"n={runs} each, side by side; sandbox served out of process",
            }
        )
        out.append(
            {
                "what": f"G to the end of {loaded:,} customers (every page by cursor)",
                "median": f"{med(rows, 'vtui', 'to_end_s'):.2f} s",
                "note": f"n={runs}; loopback `vtui sandbox serve`, 100 per page",
            }
        )
        out.append(
            {
                "what": f"enter → Overview painted, {loaded:,} rows loaded",
                "median": f"{med(rows, 'vtui', 'overview_ms'):.0f} ms",
                "note": f"n={runs} (each the median of 5 opens); the customer read from the API",
            }
        )
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        per = {
            who: (med(hi, who, "peak_mb") - med(lo, who, "peak_mb")) * 1024 * 1024 / (hi - lo)
            for who in ("vtui", "bare")
        }
        out.append(
            {
                "what": f"memory per extra row, {lo:,} → {hi:,}: vtui vs bare",
                "median": f"{per['vtui']:.0f} B vs {per['bare']:.0f} B "
                f"({per['vtui'] / per['bare']:.2f}x)",
                "note": "difference of the peak medians over the rows between",
            }
        )
    return out


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        vtui_child(args.rows[0])
        return []
    rows = measure(args.rows, args.runs)
    for row in rows:
        print(f"| {row['what']} | {row['median']} | {row['note']} |", flush=True)
    return rows


if __name__ == "__main__":
    main()
