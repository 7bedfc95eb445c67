"""Time to first paint: `vtui --demo` vs a bare Textual 50-row DataTable vs harlequin.

    python tests/benchmarks/bench_startup.py [--runs 7]

All are measured in the same run with ../shared/tools/ttfp, interleaved round by round
(one warm-up each, then medians of --runs). Markers: vtui's "N of M loaded" line (painted with
the first page's rows, fetched by a forked child while Textual loads), the same with the
prefetch off (VTUI_NO_PREFETCH=1), the bare table's marker, harlequin's "Run Query" button.
harlequin is installed into $VTUI_HARLEQUIN_VENV (default ~/.cache/vtui-bench/harlequin-venv,
created if missing). A tmux session is kept open for the whole
run so the tmux server never exits between runs (that race fails `tmux new-session`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

HARLEQUIN_VENV = Path(
    os.environ.get("VTUI_HARLEQUIN_VENV", Path.home() / ".cache" / "vtui-bench" / "harlequin-venv")
)
HERE = Path(__file__).resolve().parent
TTFP = Path(os.environ.get("VTUI_TTFP", HERE.parents[2] / "shared" / "tools" / "ttfp"))


def bare_app() -> tuple[str, Path]:
    """The bare 50-row table baseline: (ttfp marker, script)."""
    theirs = HERE / "bare_datatable.py"
    if theirs.exists():
        return "50 rows painted", theirs
    return "user0@example.com", HERE / "bare_datatable_app.py"


def harlequin() -> Path:
    exe = HARLEQUIN_VENV / "bin" / "harlequin"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(HARLEQUIN_VENV)], check=True)
        subprocess.run(
            [str(HARLEQUIN_VENV / "bin" / "pip"), "install", "-q", "harlequin"], check=True
        )
    return exe


def precompile_vtui() -> None:
    """Write vtui's bytecode first, as `pip install` does and as an editable install does on
    its first run: this machine sets PYTHONDONTWRITEBYTECODE=1, which would otherwise make every
    measured start compile vtui from source (Textual's bytecode was written at install)."""
    import compileall

    import vtui

    compileall.compile_dir(Path(vtui.__file__).parent, quiet=1)


def seeded_demo(folder: Path, customers: int) -> Path:
    """A demo database seeded like `vtui --demo` does on first run (seeding is not timed)."""
    from vtui.demo import DEMO_SEED
    from vtui.sandbox import Sandbox

    db = folder / "demo.sqlite3"

    async def seed() -> None:
        async with Sandbox(db, customers=customers, seed=DEMO_SEED):
            pass

    asyncio.run(seed())
    return db


def ttfp_once(marker: str, command: list[str], attempts: int = 2) -> float:
    """One measured run (after ttfp's own warm-up); retried once if the marker never shows."""
    for _ in range(attempts):
        out = subprocess.run(
            [sys.executable, str(TTFP), "-n", "1", "--timeout", "60", marker, "--", *command],
            capture_output=True,
            text=True,
            timeout=300,
        )
        found = re.search(r"run 1: ([0-9.]+)s", out.stdout)
        if found:
            return float(found.group(1))
        print(f"ttfp failed for {command}: {out.stdout}{out.stderr}"[-1500:], file=sys.stderr)
    raise RuntimeError(f"ttfp never saw {marker!r} from {command}")


def measure(runs: int, customers: int = 2_000) -> list[dict[str, object]]:
    precompile_vtui()
    work = Path(tempfile.mkdtemp(prefix="vtui-bench-startup-"))
    db = seeded_demo(work, customers)
    bare_marker, bare_script = bare_app()
    env = ["env", f"VTUI_CONFIG_DIR={work / 'config'}", f"VTUI_DEMO_DB={db}"]
    demo = [*env, sys.executable, "-m", "vtui", "--demo"]
    programs = {
        "vtui --demo (first customers painted)": ("loaded", demo),
        "vtui --demo, prefetch off": ("loaded", ["env", "VTUI_NO_PREFETCH=1", *demo]),
        "bare Textual 50-row DataTable": (bare_marker, [sys.executable, str(bare_script)]),
        "harlequin 2.x (editor, Run Query)": ("Run Query", [str(harlequin())]),
    }
    anchor = f"vtui-bench-{uuid.uuid4().hex[:6]}"
    subprocess.run(["tmux", "new-session", "-d", "-s", anchor, "sleep 3600"], check=True)
    times: dict[str, list[float]] = {name: [] for name in programs}
    try:
        for _ in range(runs):
            for name, (marker, command) in programs.items():
                times[name].append(ttfp_once(marker, command))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", anchor], capture_output=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    vtui, unfetched, bare, harl = medians.values()
    rows: list[dict[str, object]] = []
    for name, median in medians.items():
        values = times[name]
        rows.append(
            {
                "what": f"time to first paint: {name}",
                "median": f"{median:.2f} s",
                "note": f"min {min(values):.2f} max {max(values):.2f}, n={len(values)}",
            }
        )
    rows[0]["note"] = str(rows[0]["note"]) + (
        f"; {vtui / bare:.2f}x bare Textual; harlequin/vtui = {harl / vtui:.2f}"
    )
    rows[1]["note"] = str(rows[1]["note"]) + (
        f"; {unfetched / bare:.2f}x bare Textual; harlequin/vtui = {harl / unfetched:.2f}"
    )
    return rows


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    for row in rows:
        print(f"| {row['what']} | {row['median']} | {row['note']} |")
    return rows


if __name__ == "__main__":
    main()
