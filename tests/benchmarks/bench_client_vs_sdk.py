"""vtui's client vs the official `voucherify` SDK, listing every customer by cursor from the
same `vtui sandbox serve` in the same run (alternating, medians of >= 7 runs).

    python tests/benchmarks/bench_client_vs_sdk.py [--customers 10000] [--runs 7]

The SDK walk is the one its docs suggest: `starting_after` = the last row's `created_at`. The
cursor is strict, so rows tied on that timestamp are skipped; the count column shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APP_ID, TOKEN = "bench-app", "bench-token"


def serve(customers: int, db: Path) -> tuple[subprocess.Popen[str], str]:
    argv = [sys.executable, "-m", "vtui", "sandbox", "serve", "--port", "0", "--db", str(db)]
    argv += ["--customers", str(customers), "--seed", "3", "--app-id", APP_ID, "--app-token", TOKEN]
    server = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith("vtui sandbox on "):
            return server, line.split()[3]
    raise SystemExit("vtui sandbox serve did not start")


async def vtui_walk(url: str) -> int:
    from vtui.api import VoucherifyClient

    async with VoucherifyClient(APP_ID, TOKEN, url) as vf:
        return sum([1 async for _ in vf.customers.iterate(limit=100)])


def sdk_walk(url: str) -> int:
    from voucherify.api.customers_api import CustomersApi
    from voucherify.api_client import ApiClient
    from voucherify.configuration import Configuration

    config = Configuration(host=url, api_key={"X-App-Id": APP_ID, "X-App-Token": TOKEN})
    with ApiClient(config) as api:
        customers = CustomersApi(api)
        count, cursor = 0, None
        while True:
            page = customers.list_customers(limit=100, starting_after=cursor)
            rows = page.customers or []
            count += len(rows)
            if not rows or not page.has_more:
                return count
            cursor = rows[-1].created_at


def timed(fn, *args) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    count = fn(*args)
    return time.perf_counter() - started, count


def measure(customers: int, runs: int) -> list[dict[str, object]]:
    cache = Path(os.environ.get("VTUI_BENCH_CACHE", tempfile.gettempdir())) / "vtui-bench"
    cache.mkdir(parents=True, exist_ok=True)
    server, url = serve(customers, cache / f"sandbox-{customers}.db")
    try:
        vtui_times, sdk_times = [], []
        vtui_count = sdk_count = 0
        timed(lambda: asyncio.run(vtui_walk(url)))  # warm-up (page cache, imports)
        timed(sdk_walk, url)
        for _ in range(runs):
            seconds, vtui_count = timed(lambda: asyncio.run(vtui_walk(url)))
            vtui_times.append(seconds)
            seconds, sdk_count = timed(sdk_walk, url)
            sdk_times.append(seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)
    vtui_median, sdk_median = statistics.median(vtui_times), statistics.median(sdk_times)
    return [
        {
            "what": f"list {customers:,} customers by cursor: vtui client",
            "median": f"{vtui_median:.2f} s",
            "note": f"{vtui_count:,} rows; {sdk_median / vtui_median:.2f}x the SDK's speed",
        },
        {
            "what": f"list {customers:,} customers by cursor: voucherify SDK 6.1.1",
            "median": f"{sdk_median:.2f} s",
            "note": f"{sdk_count:,} rows (ties at page ends skipped)",
        },
    ]


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    rows = measure(args.customers, args.runs)
    for row in rows:
        print(f"| {row['what']} | {row['median']} | {row['note']} |")
    return rows


if __name__ == "__main__":
    main()
