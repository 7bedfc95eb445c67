"""Start-up budget: `vtui` on a real profile never loads the sandbox or the server stack.

The probe runs vtui.cli.main in a fresh interpreter exactly as the console script does (only
App.run is made headless), waits until the list has rows or shows its error, and reports every
module loaded. The sandbox, Starlette, uvicorn and the seed-data modules are for --demo and
`vtui sandbox serve` only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CANARY_APP_ID, CANARY_TOKEN, ServedSandbox, clean_env

PROBE = Path(__file__).with_name("startup_probe.py")
FORBIDDEN_PREFIXES = ("vtui.sandbox", "vtui.demo", "starlette", "uvicorn", "multipart")


def probe(config_dir: Path, *argv: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, str(PROBE), *argv],
        capture_output=True,
        text=True,
        timeout=90,
        env=clean_env(VTUI_CONFIG_DIR=str(config_dir)),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def save_file_profile(url: str) -> None:
    from vtui.config import save_profile

    save_profile(
        "prod", app_id=CANARY_APP_ID, app_token=CANARY_TOKEN, api_url=url, credential_store="file"
    )


def forbidden(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [
        m for m in modules if m.startswith(FORBIDDEN_PREFIXES) or m.startswith("vtui.sandbox.seed")
    ]


def test_vtui_on_a_served_profile_paints_rows_without_importing_the_sandbox(
    served_sandbox: ServedSandbox, config_home: Path
) -> None:
    save_file_profile(served_sandbox.url)
    report = probe(config_home)
    assert report["screen"] == "CustomerListScreen"
    assert str(report["state"]).startswith("rows:"), report["state"]
    assert "vtui.tui.app" in report["modules"]  # type: ignore[operator]
    assert forbidden(report["modules"]) == []


def test_vtui_on_an_unreachable_profile_shows_the_error_without_importing_the_sandbox(
    dead_url: str, config_home: Path
) -> None:
    save_file_profile(dead_url)
    report = probe(config_home)
    assert report["screen"] == "CustomerListScreen"
    assert str(report["state"]).startswith("error:"), report["state"]
    assert "could not reach" in str(report["state"])
    assert forbidden(report["modules"]) == []


def test_the_probe_would_see_the_sandbox_when_the_demo_runs(tmp_path: Path) -> None:
    """The check can fail: the same probe on `vtui --demo` does load the sandbox."""
    result = subprocess.run(
        [sys.executable, str(PROBE), "--demo", "--customers", "30"],
        capture_output=True,
        text=True,
        timeout=90,
        env=clean_env(VTUI_CONFIG_DIR=str(tmp_path / "c"), VTUI_DEMO_DB=str(tmp_path / "d.db")),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert str(report["state"]).startswith("rows:")
    assert "vtui.sandbox.app" in report["modules"]
    assert "starlette" in report["modules"]


@pytest.mark.parametrize("package", ["vtui.api", "vtui.config", "vtui.api.client"])
def test_library_layers_do_not_import_textual(package: str) -> None:
    layers = ("textual", "starlette", "uvicorn")
    code = (
        f"import sys, {package}\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {layers}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
