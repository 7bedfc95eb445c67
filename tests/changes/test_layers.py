"""vtui.changes stays Textual-free: no module of it imports textual, the TUI or the sandbox,
at the top or inside a function; and each module stays under 400 lines."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import vtui.changes

FOLDER = Path(vtui.changes.__file__).parent
MODULES = sorted(p for p in FOLDER.glob("*.py"))
FORBIDDEN = ("textual", "vtui.tui", "vtui.sandbox", "rich")


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_change_module_imports_textual_the_tui_or_the_sandbox_anywhere():
    for path in MODULES:
        bad = {n for n in imported_names(path) if n.startswith(FORBIDDEN)}
        assert not bad, (path.name, bad)


def test_importing_every_change_module_loads_no_textual():
    names = ", ".join(f"vtui.changes.{p.stem}" for p in MODULES if p.stem != "__init__")
    probe = f"import {names}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert not {m for m in loaded if m.startswith(("vtui.tui", "vtui.sandbox"))}


def test_every_change_module_stays_under_400_lines():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES}
    assert all(n < 400 for n in sizes.values()), sizes
