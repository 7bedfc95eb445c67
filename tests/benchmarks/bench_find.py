"""Find as you type: time per keystroke at 10,000 and 100,000 loaded rows.

    python tests/benchmarks/bench_find.py [ROWS ...]

Rows are the sandbox seeder's people (names, emails, source_ids, cities of eight countries).
For each size: the time and the Python memory (tracemalloc, in a separate build) to fold
the rows into a FindIndex (the ids are the caller's and not counted), then every query
below typed one key at a time and erased one key at a time, each keystroke a `search` as
the list would run it, best of REPEATS. Prints the median and max per keystroke, per query
and over all (and over the typing keystrokes alone, as erasing is mostly remembered), with
a calibration figure (a fixed pure-Python loop) to compare machines by.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
import tracemalloc

from vtui.sandbox.seed_people import PeopleFactory
from vtui.tui.fuzzy import FindIndex, FindRow

QUERIES = (
    "lucia rodr",  # accents: Lucía Rodríguez
    "kozlowski krakow",  # ł and ó
    "james.taylr@hotmial",  # two typos in an email, one per word half
    "crm-1234",
    "muller berlin",
    "zoe",
)


REPEATS = 3
"""Each keystroke's time is the best of this many runs, each on a fresh index (the machine
is shared: the best run is the one least disturbed)."""


def rows(count: int, seed: int = 7) -> list[FindRow]:
    people = PeopleFactory(random.Random(seed), 1_760_000_000_000)
    out: list[FindRow] = []
    for index in range(count):
        p = people.make(index, 1_700_000_000_000, 2, 4_000)
        out.append((p.id, p.name, p.email, p.source_id, (p.address or {}).get("city")))
    return out


def calibration() -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(100_000):
            total += i % 7
        best = min(best, time.perf_counter() - start)
    return best * 1e6 / 100_000


def keystrokes(query: str) -> list[str]:
    typed = [query[:i] for i in range(1, len(query) + 1)]
    return typed + typed[-2::-1]


def typed(index: FindIndex, query: str) -> tuple[list[float], int]:
    """Milliseconds per keystroke typing `query` then erasing it; the full query's total."""
    times: list[float] = []
    total = 0
    for step in keystrokes(query):
        start = time.perf_counter()
        result = index.search(step)
        if result.ids:
            result.spans(result.ids[0])
        times.append((time.perf_counter() - start) * 1000)
        if step == query:
            total = result.total
    return times, total


def run(count: int, repeats: int) -> list[float]:
    data = rows(count)
    gc.collect()
    tracemalloc.start()
    traced = FindIndex(data)
    memory = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del traced
    builds: list[float] = []
    indexes: list[FindIndex] = []
    for _ in range(repeats):  # a fresh index per repeat: nothing remembered from the last
        gc.collect()
        start = time.perf_counter()
        indexes.append(FindIndex(data))
        builds.append(time.perf_counter() - start)
    print(
        f"\n{count:,} rows: folded in {min(builds) * 1000:.0f} ms, "
        f"{memory / count:.0f} B per row ({memory / 1e6:.1f} MB)"
    )
    every: list[float] = []
    typing: list[float] = []
    for query in QUERIES:
        runs = [typed(index, query) for index in indexes]
        times = [min(column) for column in zip(*(r[0] for r in runs), strict=True)]
        every += times
        typing += times[: len(query)]
        print(
            f"  {query!r:24} {len(times):3} keys  median {statistics.median(times):5.1f} ms"
            f"  max {max(times):6.1f} ms  -> {runs[0][1]:,} match"
        )
    print(
        f"  all {len(every)} keystrokes: median {statistics.median(every):.1f} ms, "
        f"p90 {statistics.quantiles(every, n=10)[-1]:.1f} ms, max {max(every):.1f} ms"
    )
    print(
        f"  the {len(typing)} typing keystrokes alone: median {statistics.median(typing):.1f} ms, "
        f"p90 {statistics.quantiles(typing, n=10)[-1]:.1f} ms, max {max(typing):.1f} ms"
    )
    return every


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    print(f"calibration: {calibration():.3f} us per loop step (lower is a faster machine)")
    for count in sizes:
        run(count, REPEATS)


if __name__ == "__main__":
    main()
