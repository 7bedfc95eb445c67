"""CSV import preview and full local check on a 100,000-row file: time and peak memory.

    /work/venv/bin/python tests/benchmarks/bench_csv_preview.py [ROWS] [RUNS]

Prints medians of RUNS (default 9, at least 7) runs of: `csv_check.preview` (what the
import screen paints first: header, mapping, 20 rows), `csv_check.check` (every row), and
the peak Python memory of each next to the file size, to show the file is never read whole.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from vtui.changes import csv_check

HEADER = [
    "Source_id",
    "Name",
    "Email",
    "Phone",
    "Birthdate",
    "Address_line_1",
    "City",
    "Postal_Code",
    "Country",
    "Description",
    "tier",
    "favorite_brands",
]


def make(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow(
                [
                    f"crm-{n}",
                    f"Person Number {n}",
                    f"person{n}@example.com",
                    "+48 601 234 567",
                    "1988-04-12",
                    f"{n % 300} Main Street",
                    "Warsaw",
                    "00-001",
                    "Poland",
                    "Imported for the benchmark",
                    ("gold", "silver", "bronze")[n % 3],
                    "Nike,Puma,Reebok",
                ]
            )


def timed(fn, runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = max(7, int(sys.argv[2]) if len(sys.argv) > 2 else 9)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "customers.csv"
        make(path, rows)
        size = path.stat().st_size
        preview_s, preview_peak = timed(lambda: csv_check.preview(path), runs)
        check_s, check_peak = timed(lambda: csv_check.check(path), runs)
        result = csv_check.check(path)
    # Only the API's 10 MB cap may be reported (a wide 100,000-row file is above it).
    assert result.rows == rows, result.rows
    assert all("10 MB" in p.reason for p in result.problems), result.problems[:3]
    print(f"file: {rows:,} rows, {size / 1024 / 1024:.1f} MB; medians of {runs} runs")
    print(
        f"preview (header, mapping, 20 rows): {preview_s * 1000:8.1f} ms   "
        f"peak {preview_peak / 1024:,.0f} KB"
    )
    print(
        f"check   (every row, before upload): {check_s * 1000:8.1f} ms   "
        f"peak {check_peak / 1024 / 1024:,.1f} MB (rows kept for undo: "
        f"{csv_check.KEEP_ROWS:,}; source_id set for duplicates)"
    )
    print(
        f"preview under 1 s: {'yes' if preview_s < 1 else 'NO'}; "
        f"peak memory / file size: preview {preview_peak / size:.3%}, "
        f"check {check_peak / size:.0%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
