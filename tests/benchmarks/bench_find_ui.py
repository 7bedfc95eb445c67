"""Find as you type in the app: keystroke to painted frame at 100,000 loaded rows.

    python tests/benchmarks/bench_find_ui.py [ROWS]

The app as `vtui --demo` builds it (tests/scenes.py, headless at 120x40, on the demo's
database). The list then gets ROWS more rows (the sandbox seeder's people, as bench_find.py
uses; 100,000 by default) as pages add them: in its row store and its table, whose cells
are where find reads the rows' texts. Then `f` (its first press folds every row: timed
on its own), and each query of bench_find.py typed one key at a time and erased one key at
a time. Each keystroke is posted to the app as the terminal driver posts it; its time runs
until the first frame handed to the (headless) display shows that keystroke's matches. Also
printed, for the same keystrokes: the engine's search alone (FindIndex.search and the first
row's spans), so the UI's share can be read off. Target: every keystroke within 50 ms.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
SIZE = (120, 40)


def summary(label: str, values: list[float]) -> str:
    p90 = statistics.quantiles(values, n=10)[-1]
    return (
        f"{label}: median {statistics.median(values):.1f} ms, p90 {p90:.1f} ms, "
        f"max {max(values):.1f} ms (n={len(values)})"
    )


async def measure(db: Path, count: int) -> None:
    from textual import events
    from textual.keys import _character_to_key

    from tests import scenes
    from tests.benchmarks.bench_find import QUERIES, keystrokes, rows
    from vtui.api import CustomerRow
    from vtui.tui.row_store import list_row
    from vtui.tui.screens.customer_list import CustomerListScreen
    from vtui.tui.screens.find import FindScreen
    from vtui.tui.widgets.customer_table import CustomerTable
    from vtui.tui.widgets.find_results import FindResults

    app = scenes.scene_app(db)
    painted: dict[str, float] = {}
    waiting: dict[str, asyncio.Future[None]] = {}
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if isinstance(screen, FindScreen) and renderable is not None:
            result = screen.query_one(FindResults).result
            query = result.query if result is not None else None
            if query is not None and query in waiting and query not in painted:
                painted[query] = time.perf_counter()
                waiting[query].set_result(None)

    app._display = display
    async with app.run_test(size=SIZE) as pilot:
        await scenes.customer_list(pilot)
        listing = app.screen
        assert isinstance(listing, CustomerListScreen)
        table = listing.query_one(CustomerTable)
        shown = [
            list_row(CustomerRow(*row, country=None, created_at=None), listing.columns)
            for row in rows(count)
        ]
        for one in shown:
            listing.customers.put(one, listing.columns)
        table.add_list_rows(shown)
        await pilot.pause()
        loaded = len(listing.customers)
        assert len(listing.customers.values()) == loaded  # every row readable from the table

        started = time.perf_counter()
        first = asyncio.get_running_loop().create_future()
        waiting[""] = first
        app.post_message(events.Key("f", "f"))
        await asyncio.wait_for(first, 60)
        opened = (time.perf_counter() - started) * 1000
        print(f"{loaded:,} rows loaded; the first f (folds them all) painted in {opened:.0f} ms")

        screen = app.screen
        assert isinstance(screen, FindScreen)

        async def clear(screen: FindScreen) -> None:
            from textual.widgets import Input

            screen.query_one(Input).value = ""
            await pilot.pause(0.05)

        ui: list[float] = []
        worst: list[tuple[float, str]] = []
        for query in QUERIES:
            per_query: list[float] = []
            typed = ""
            for step in keystrokes(query):
                if len(step) > len(typed):
                    char = step[-1]
                    key = events.Key(_character_to_key(char), char)
                else:
                    key = events.Key("backspace", None)
                typed = step
                painted.pop(step, None)
                waiting[step] = asyncio.get_running_loop().create_future()
                start = time.perf_counter()
                app.post_message(key)
                await asyncio.wait_for(waiting[step], 10)
                per_query.append((painted[step] - start) * 1000)
                worst.append((per_query[-1], step))
                del waiting[step]
                await pilot.pause(0.01)  # a person types no faster than this
            await clear(screen)
            ui += per_query
            print(
                f"  {query!r:24} {len(per_query):3} keys  median "
                f"{statistics.median(per_query):5.1f} ms  max {max(per_query):6.1f} ms"
            )
        print(summary("  keystroke to painted frame", ui))
        slow = ", ".join(f"{step!r} {ms:.0f} ms" for ms, step in sorted(worst)[-3:])
        print(f"  the slowest keystrokes (the text after them): {slow}")

        index = listing.finder().index
        engine: list[float] = []
        for query in QUERIES:
            for step in keystrokes(query):
                start = time.perf_counter()
                result = index.search(step)
                if result.ids:
                    result.spans(result.ids[0])
                engine.append((time.perf_counter() - start) * 1000)
        print(summary("  the engine's search alone", engine))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VTUI_CONFIG_DIR"] = str(Path(folder) / "config")
        os.environ["VTUI_NO_PREFETCH"] = "1"
        from tests import scenes

        db = Path(folder) / "demo.sqlite3"
        asyncio.run(scenes.seed_demo(db))
        asyncio.run(measure(db, count))


if __name__ == "__main__":
    main()
