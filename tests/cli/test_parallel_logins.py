"""Parallel `vtui login`s for two profiles keep both profiles and both tokens: config.toml and
credentials.toml are read, changed and replaced under one lock. Before the lock, 10 of 20
such pairs lost one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.cli.parallel_logins import run_pairs

PAIRS = 20


@pytest.fixture(scope="module")
def open_sandbox_url() -> Iterator[str]:
    """A loopback `vtui sandbox serve` that accepts any keys, so each profile has its own."""
    argv = [sys.executable, "-m", "vtui", "sandbox", "serve", "--port", "0", "--memory"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("VTUI_")}
    server = subprocess.Popen(
        [*argv, "--customers", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert server.stdout is not None
    url = next(line.split()[3] for line in server.stdout if line.startswith("vtui sandbox on "))
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_twenty_parallel_login_pairs_lose_no_profile_and_no_token(
    open_sandbox_url: str, config_home
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOUCHERIFY_", "VTUI_"))}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    started = time.perf_counter()
    results = run_pairs(open_sandbox_url, PAIRS, env)
    elapsed = time.perf_counter() - started
    assert len(results) == PAIRS
    assert [r for r in results if r] == []
    assert elapsed < 60, f"{PAIRS} pairs took {elapsed:.1f} s"
