"""The first screen, complete and listening: vtui against a bare Textual app, in tmux.

    python tests/benchmarks/bench_first_screen.py [--runs 5]

Measured side by side in one run, round by round (each tool call has its own warm-up):
- complete first screen (../shared/tools/ttfp): a customer's email AND the footer's "Jump"
  on screen; `vtui --demo`, `vtui` on a live profile against `vtui sandbox serve` (loopback,
  and with 150 ms added to every API answer by the sandbox's latency fault), each with the
  start-up prefetch on and off; the bare app (tests/benchmarks/bare_first_screen.py).
- the live first screen with a saved view (a city filter, newest first) and six custom columns
  (config.toml's `[profiles.NAME.list] columns`, one of them a metadata key) applied last,
  so the first frame must show the view's rows in those columns (issue 15);
- type-ahead (../shared/tools/typeahead): ":" + an email + Enter typed at launch, as one burst
  and at 80 ms a key, until the customer's Overview shows; the bare app's ":" typed at launch
  until its jump dialog shows is the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = Path(os.environ.get("VTUI_TOOLS", HERE.parents[2] / "shared" / "tools"))
EMAIL = "Arthur_wood@outlook.com"
"""A customer of the demo seed (42, 2,000 customers) that is not on the first page."""
FIRST_ROW_EMAIL = "ivy_williams@btinternet.com"
"""The first row of the demo's list (newest first)."""
SEED, CUSTOMERS = 42, 2_000
VIEW_CITY = "London"
VIEW_COLUMNS = ["email", "name", "phone", "city", "updated", "metadata.tier"]


def with_saved_view(config: Path, url: str) -> tuple[Path, str]:
    """A copy of the bench profile's config with six custom columns in config.toml and a
    saved view applied last; returns the folder and the name of the view's first row (its
    email is cut to fit the six columns at 120 wide)."""
    import shutil

    from vtui.config import save_ui_state
    from vtui.tui.list_query import ListQuery
    from vtui.tui.views import View, applied, with_view

    custom = config.parent / "config-view"
    shutil.copytree(config, custom)
    listed = ", ".join(f'"{c}"' for c in VIEW_COLUMNS)
    with (custom / "config.toml").open("a") as toml:
        toml.write(f"\n[profiles.bench.list]\ncolumns = [{listed}]\n")
    view = View("Londoners", ListQuery(city=VIEW_CITY), tuple(VIEW_COLUMNS))
    save_ui_state("bench", applied(with_view({}, view), view), env={"VTUI_CONFIG_DIR": str(custom)})
    request = urllib.request.Request(
        f"{url}/v1/customers?limit=1&order=-created_at&city={VIEW_CITY}",
        headers={"X-App-Id": "bench", "X-App-Token": "bench-token"},
    )
    first = json.loads(urllib.request.urlopen(request, timeout=10).read())["customers"][0]
    return custom, str(first["name"])


def tool(name: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, str(TOOLS / name), "-n", "1", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return out.stdout + out.stderr


def ttfp(marker: str, command: list[str]) -> float | None:
    found = re.search(r"run 1: ([0-9.]+)s", tool("ttfp", "--timeout", "30", marker, "--", *command))
    return float(found.group(1)) if found else None


def typeahead(
    keys: str, expect: str, command: list[str], interval: float, enter: bool
) -> float | None:
    args = ["--timeout", "20", "--at", "", "--keys", keys, "--expect", expect]
    if interval:
        args += ["--interval", str(interval)]
    if enter:
        args.append("--enter")
    out = tool("typeahead", *args, "--", *command)
    found = re.search(r"run 1: ([0-9.]+)s", out)
    return float(found.group(1)) if found else None


def serve(work: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`vtui sandbox serve` on a free loopback port with the demo's seed and size."""
    port_file = work / "port.txt"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vtui",
            "sandbox",
            "serve",
            "--db",
            str(work / "served.sqlite3"),
            "--customers",
            str(CUSTOMERS),
            "--seed",
            str(SEED),
            "--port",
            "0",
        ],
        stdout=port_file.open("wb"),  # the server keeps it for its life
        stderr=subprocess.STDOUT,
    )
    for _ in range(1200):
        found = re.search(r"http://127\.0\.0\.1:(\d+)", port_file.read_text(errors="replace"))
        if found:
            return proc, f"http://127.0.0.1:{found.group(1)}"
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("vtui sandbox serve did not start: " + port_file.read_text()[-500:])


def control(url: str, method: str, path: str, body: object = None) -> None:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    urllib.request.urlopen(request, timeout=10).read()


def measure(runs: int) -> list[tuple[str, list[float | None]]]:
    import compileall

    import vtui

    compileall.compile_dir(Path(vtui.__file__).parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="vtui-bench-first-"))
    demo_db = work / "demo.sqlite3"
    config = work / "config"
    base_env = ["env", f"VTUI_CONFIG_DIR={config}", f"VTUI_DEMO_DB={demo_db}"]
    subprocess.run([*base_env, sys.executable, "-m", "vtui", "--demo", "--version"], check=False)
    proc, url = serve(work)
    try:
        subprocess.run(
            [
                *base_env,
                sys.executable,
                "-m",
                "vtui",
                "login",
                "--profile",
                "bench",
                "--api-url",
                url,
                "--app-id",
                "bench",
                "--app-token-stdin",
            ],
            input=b"bench-token\n",
            check=True,
            capture_output=True,
        )
        # Seed the demo database once (not timed): a first --demo run seeds it.
        import asyncio

        from vtui.demo import DEMO_SEED
        from vtui.sandbox import Sandbox

        async def seed() -> None:
            async with Sandbox(demo_db, customers=CUSTOMERS, seed=DEMO_SEED):
                pass

        asyncio.run(seed())
        vtui_cmd = [sys.executable, "-m", "vtui"]
        demo = [*base_env, *vtui_cmd, "--demo"]
        live = [*base_env, *vtui_cmd]
        view_config, view_first_row = with_saved_view(config, url)
        viewed = ["env", f"VTUI_CONFIG_DIR={view_config}", *vtui_cmd]
        off = ["env", "VTUI_NO_PREFETCH=1"]
        bare = [sys.executable, str(HERE / "bare_first_screen.py")]
        screen = f"{FIRST_ROW_EMAIL}&&Jump"
        jump = ":" + EMAIL
        bare_screen = "p0@example.com&&Jump"
        cases: dict[str, object] = {
            "first screen: bare Textual (DataTable + Footer)": ("ttfp", bare_screen, bare),
            "first screen: vtui --demo": ("ttfp", screen, demo),
            "first screen: vtui --demo, prefetch off": ("ttfp", screen, [*off, *demo]),
            "first screen: vtui live (loopback)": ("ttfp", screen, live),
            "first screen: vtui live, prefetch off": ("ttfp", screen, [*off, *live]),
            "first screen: vtui live, a saved view + 6 custom columns": (
                "ttfp",
                f"{view_first_row}&&Jump",
                viewed,
            ),
            "first screen: vtui live, +150 ms per answer": ("ttfp-latency", screen, live),
            "first screen: vtui live, +150 ms, prefetch off": (
                "ttfp-latency",
                screen,
                [*off, *live],
            ),
            "jump dialog: bare Textual, ':' at launch": ("keys", ":", "Jump to", bare, 0.0, False),
            "Overview: vtui --demo, burst at launch": (
                "keys",
                ":" + EMAIL,
                "Overview",
                demo,
                0.0,
                True,
            ),
            "Overview: vtui --demo, 80 ms a key": (
                "keys",
                ":" + EMAIL,
                "Overview",
                demo,
                0.08,
                True,
            ),
            "Overview: vtui live, burst at launch": (
                "keys",
                ":" + EMAIL,
                "Overview",
                live,
                0.0,
                True,
            ),
            "Overview: vtui live, 80 ms a key": ("keys", jump, "Overview", live, 0.08, True),
        }
        times: dict[str, list[float | None]] = {name: [] for name in cases}
        anchor = f"vtui-bench-{uuid.uuid4().hex[:6]}"
        subprocess.run(["tmux", "new-session", "-d", "-s", anchor, "sleep 3600"], check=True)
        try:
            for _ in range(runs):
                for name, case in cases.items():
                    kind, *rest = case  # type: ignore[misc]
                    if kind == "ttfp":
                        times[name].append(ttfp(rest[0], rest[1]))
                    elif kind == "ttfp-latency":
                        control(
                            url, "POST", "/_sandbox/faults", {"kind": "latency", "latency_ms": 150}
                        )
                        try:
                            times[name].append(ttfp(rest[0], rest[1]))
                        finally:
                            control(url, "DELETE", "/_sandbox/faults")
                    else:
                        keys, expect, command, interval, enter = rest
                        times[name].append(typeahead(keys, expect, command, interval, enter))
        finally:
            subprocess.run(["tmux", "kill-session", "-t", anchor], capture_output=True)
        return list(times.items())
    finally:
        proc.terminate()
        proc.wait(10)


def report(rows: list[tuple[str, list[float | None]]]) -> None:
    medians: dict[str, float | None] = {}
    for name, values in rows:
        seen = [v for v in values if v is not None]
        medians[name] = statistics.median(seen) if seen else None
    bare_screen = medians["first screen: bare Textual (DataTable + Footer)"]
    bare_jump = medians["jump dialog: bare Textual, ':' at launch"]
    for name, values in rows:
        seen = [v for v in values if v is not None]
        median = medians[name]
        base = bare_jump if name.startswith("Overview") else bare_screen
        ratio = f"{median / base:.2f}x bare" if median and base and "bare" not in name else ""
        shown = f"{median:.2f} s" if median is not None else "never"
        print(f"| {name} | {shown} | {ratio} | handled {len(seen)}/{len(values)} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    report(measure(parser.parse_args(argv).runs))


if __name__ == "__main__":
    main()
