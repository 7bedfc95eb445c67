"""Run every benchmark of tests/benchmarks and print one Markdown table (for the README).

    python tests/benchmarks/run_all.py [--runs 7] [--quick]

--quick: fewer runs and rows, to check the scripts work (figures are not for the README).
bench_tui.py (next page, open customer, API calls per look-up session), bench_first_screen.py
(the complete first screen and type-ahead) and bench_find.py (find as you type) run too,
and their own output is printed after the table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    import bench_client_vs_sdk
    import bench_memory
    import bench_startup

    started = time.perf_counter()
    rows: list[dict[str, object]] = []
    size = 2_000 if args.quick else 10_000
    benches: list[Callable[[], list[dict[str, object]]]] = [
        lambda: bench_startup.measure(runs),
        lambda: bench_memory.measure(size, runs),
        lambda: bench_client_vs_sdk.measure(size, runs),
    ]
    for measured in benches:
        for row in measured():
            rows.append(row)
            print(f"| {row['what']} | {row['median']} | {row['note']} |", flush=True)
    extra = ""
    for script, args in (
        ("bench_tui.py", []),
        ("bench_first_screen.py", ["--runs", str(runs)]),
        ("bench_find.py", []),
    ):
        done = subprocess.run(
            [sys.executable, str(HERE / script), *args], capture_output=True, text=True
        )
        extra += f"\n{script}:\n" + done.stdout + (done.stderr[-2000:] if done.returncode else "")
    print(f"\nvtui benchmarks ({runs} runs each, medians; {time.perf_counter() - started:.0f} s)\n")
    print("| benchmark | median | notes |")
    print("|---|---|---|")
    for row in rows:
        print(f"| {row['what']} | {row['median']} | {row['note']} |")
    print(extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
