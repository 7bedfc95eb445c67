"""Peak RSS of vtui after loading 10,000 customers into the list (headless, in-process sandbox).

    python tests/benchmarks/bench_memory.py [--rows 10000] [--runs 7]

Each run is a fresh interpreter: it opens the app on a copy of a seeded database, pages the
list by cursor until --rows are loaded, and reports ru_maxrss (the peak, sandbox included).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def child(db: str, rows: int) -> None:
    import resource

    from vtui.demo import demo_connector
    from vtui.tui.app import VtuiApp
    from vtui.tui.screens.customer_list import CustomerListScreen

    async def run() -> int:
        app = VtuiApp(demo_connector(None, False, True, db_path=db))
        async with app.run_test(size=(120, 40)) as pilot:
            while True:
                await pilot.pause(0.01)
                screen = app.screen
                if isinstance(screen, CustomerListScreen) and screen.customers:
                    break
            while len(screen.customers) < rows:
                screen.load_more()
                await app.workers.wait_for_complete()
                await pilot.pause()
                if screen.cursor is None or not screen.cursor.has_more or screen.error:
                    break
            return len(screen.customers)

    loaded = asyncio.run(run())
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": loaded, "peak_mb": peak_kb / 1024}))


def measure(rows: int, runs: int) -> list[dict[str, object]]:
    from vtui.sandbox import Sandbox

    work = Path(tempfile.mkdtemp(prefix="vtui-bench-mem-"))
    seeded = work / "seeded.sqlite3"

    async def seed() -> None:
        async with Sandbox(seeded, customers=rows, seed=5):
            pass

    asyncio.run(seed())
    peaks, loaded = [], 0
    for i in range(runs):
        db = work / f"run{i}.sqlite3"
        shutil.copyfile(seeded, db)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(db), "--rows", str(rows)],
            capture_output=True,
            text=True,
            timeout=600,
            env={**__import__("os").environ, "VTUI_CONFIG_DIR": str(work / "config")},
        )
        if out.returncode:
            raise RuntimeError(out.stderr[-2000:])
        report = json.loads(out.stdout.strip().splitlines()[-1])
        peaks.append(report["peak_mb"])
        loaded = report["rows"]
    shutil.rmtree(work, ignore_errors=True)
    return [
        {
            "what": f"peak RSS after loading {loaded:,} rows into the list",
            "median": f"{statistics.median(peaks):.0f} MB",
            "note": f"min {min(peaks):.0f} max {max(peaks):.0f}, n={len(peaks)}; "
            "sandbox in-process",
        }
    ]


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.rows)
        return []
    rows = measure(args.rows, args.runs)
    for row in rows:
        print(f"| {row['what']} | {row['median']} | {row['note']} |")
    return rows


if __name__ == "__main__":
    main()
