"""The sandbox stays in its layer: no Textual, no client, no TUI; the package imports cheaply."""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_the_sandbox_never_imports_textual_the_client_or_the_tui():
    loaded = _modules_after("import vtui.sandbox.app, vtui.sandbox.serve, vtui.sandbox.segments")
    assert not {m for m in loaded if m.split(".")[0] == "textual"}
    assert not {m for m in loaded if m.startswith(("vtui.api", "vtui.tui"))}


def test_importing_the_package_loads_no_web_framework():
    loaded = _modules_after("import vtui.sandbox")
    assert "starlette" not in loaded and "sqlite3" not in loaded
