"""Run pairs of real `vtui login` processes at once, two profiles per config folder, and
count the pairs that lost a profile or a token. Used by test_parallel_logins.py, and runnable
against any checkout (PYTHONPATH) to measure a version without the lock:

    python -m tests.cli.parallel_logins URL PAIRS [CODE_ROOT]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROFILES = ("left", "right")


def token_for(pair: int, profile: str) -> str:
    return f"canary-{profile}-{pair:03d}-tok9"


def login(
    url: str, folder: Path, pair: int, profile: str, env: dict[str, str]
) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "vtui", "login", "--profile", profile, "--api-url", url]
    argv += ["--app-id", f"id-{profile}", "--app-token-stdin", "--credential-store", "file"]
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "VTUI_CONFIG_DIR": str(folder)},
    )
    return proc


def run_pair(url: str, root: Path, pair: int, env: dict[str, str]) -> list[str]:
    """Both logins at once; the problems found afterwards (empty when nothing was lost)."""
    folder = root / f"pair-{pair:03d}"
    procs = {p: login(url, folder, pair, p, env) for p in PROFILES}
    for profile, proc in procs.items():  # both are started before either gets its token
        assert proc.stdin is not None
        proc.stdin.write(token_for(pair, profile) + "\n")
        proc.stdin.close()
    problems = []
    for profile, proc in procs.items():
        assert proc.stdout is not None and proc.stderr is not None
        out, err = proc.stdout.read(), proc.stderr.read()
        if proc.wait(timeout=60) != 0 or "Logged in" not in out:
            problems.append(f"{profile}: exit {proc.returncode}: {err.strip()[-300:]}")
    config = tomllib.loads((folder / "config.toml").read_text())
    tokens = tomllib.loads((folder / "credentials.toml").read_text())
    for profile in PROFILES:
        if profile not in config.get("profiles", {}):
            problems.append(f"{profile}: profile lost from config.toml")
        stored = tokens.get("profiles", {}).get(profile, {}).get("app_token")
        if stored != token_for(pair, profile):
            problems.append(f"{profile}: token lost from credentials.toml")
    return problems


def run_pairs(url: str, pairs: int, env: dict[str, str], *, at_once: int = 3) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(at_once) as pool:
        root = Path(tmp)
        return list(pool.map(lambda n: run_pair(url, root, n, env), range(pairs)))


if __name__ == "__main__":
    env = dict(os.environ)
    if len(sys.argv) > 3:
        env["PYTHONPATH"] = sys.argv[3]
    results = run_pairs(sys.argv[1], int(sys.argv[2]), env)
    lost = [r for r in results if r]
    print(f"{len(lost)} of {len(results)} pairs lost a profile or a token")
    for problems in lost[:5]:
        print("  ", problems)
