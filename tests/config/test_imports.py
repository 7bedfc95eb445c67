"""vtui.config stays light: no textual, no httpx, and writers' libraries only on demand."""

from __future__ import annotations

import subprocess
import sys


def modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


def test_importing_vtui_config_imports_neither_textual_nor_httpx() -> None:
    loaded = modules_after("import vtui.config")
    assert "vtui.config" in loaded
    assert not {"textual", "httpx", "httpcore"} & loaded


def test_resolving_a_profile_does_not_import_tomlkit_or_keyring() -> None:
    loaded = modules_after("import vtui.config as c; c.resolve_profile()")
    assert not {"tomlkit", "keyring", "textual", "httpx"} & loaded
