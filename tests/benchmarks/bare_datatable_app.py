"""The baselines: a bare Textual app with a DataTable of the list's six columns (no vtui code).

python bare_datatable_app.py                       # bench_startup: 50 rows; ttfp's
                                                   # marker is "user0@example.com"
python bare_datatable_app.py --measure URL --rows N   # bench_memory: headless, pages
    the customers of a served sandbox by cursor (urllib, 100 a page) into the table,
    then prints {"rows": n, "peak_mb": VmHWM}
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class BareTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("name", "email", "source_id", "city", "country", "created")
        for i in range(50):
            table.add_row(
                f"name {i}", f"user{i}@example.com", f"src-{i}", "Warsaw", "PL", "2025-01-01"
            )


def pages(url: str, wanted: int) -> Any:
    """The customers newest first, page by page (the created_at cursor, as vtui pages)."""
    headers = {
        "X-App-Id": os.environ.get("VOUCHERIFY_APP_ID", "bare"),
        "X-App-Token": os.environ.get("VOUCHERIFY_APP_TOKEN", "bare"),
    }
    seen: set[str] = set()
    after: str | None = None
    while len(seen) < wanted:
        query = {"limit": "100", "order": "-created_at"}
        if after:
            query["starting_after"] = after
        request = urllib.request.Request(
            f"{url}/v1/customers?{urllib.parse.urlencode(query)}", headers=headers
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            customers = json.loads(answer.read())["customers"]
        fresh = [c for c in customers if c["id"] not in seen]
        if not fresh:
            return
        seen.update(c["id"] for c in fresh)
        yield fresh
        last = datetime.fromisoformat(customers[-1]["created_at"].replace("Z", "+00:00"))
        after = (last + timedelta(milliseconds=1)).isoformat().replace("+00:00", "Z")


def row(customer: dict[str, Any]) -> tuple[str, ...]:
    address = customer.get("address") or {}
    return (
        customer.get("name") or "—",
        customer.get("email") or "—",
        customer.get("source_id") or "—",
        address.get("city") or "—",
        address.get("country") or "—",
        (customer.get("created_at") or "—")[:10],
    )


def peak_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries that over exec from
    the forking parent, so a child of a big parent would report the parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def measure(url: str, wanted: int) -> None:
    import asyncio

    async def run() -> int:
        app = BareTable()
        async with app.run_test(size=(120, 40)) as pilot:
            table: DataTable[str] = app.query_one(DataTable)
            table.clear()
            for page in pages(url, wanted):
                for customer in page:
                    table.add_row(*row(customer), key=customer["id"])
            await pilot.pause()  # painted once: a bare DataTable re-renders per page
            table.move_cursor(row=table.row_count - 1)
            await pilot.pause()
            return table.row_count

    loaded = asyncio.run(run())
    print(json.dumps({"rows": loaded, "peak_mb": peak_mb()}))


if __name__ == "__main__":
    if "--measure" in sys.argv:
        parser = argparse.ArgumentParser()
        parser.add_argument("--measure", metavar="URL", required=True)
        parser.add_argument("--rows", type=int, default=10_000)
        args = parser.parse_args()
        measure(args.measure, args.rows)
    else:
        BareTable().run()
