"""`[keys]` in config.toml: binding ids mapped to keys (`jump = "ctrl+g"`).

Only the shape is checked here (a table of strings); which ids exist and which keys are
valid is the TUI's business (vtui.tui.keymap), since the bindings live there. A bad entry
never stops vtui: it is reported (one line naming the file and the key) and left out, and
that binding keeps its default key. The rest of config.toml is not read here, so the demo
(which has no profile) still honours `[keys]`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vtui.config.errors import ConfigError
from vtui.config.paths import CONFIG_FILE

TABLE = "keys"


@dataclass(frozen=True)
class KeysConfig:
    """The `[keys]` entries of config.toml that have the right shape, and what was wrong
    with the others (each a ConfigError naming the file and the entry)."""

    path: Path
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[ConfigError] = field(default_factory=list)


def load_keys(folder: Path) -> KeysConfig:
    """`[keys]` of `folder`/config.toml; a missing file or table is no remapping. A file
    that cannot be read or parsed is reported as a problem (its other tables are checked,
    and reported, by the profile loading)."""
    path = folder / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return KeysConfig(path)
    except (OSError, UnicodeDecodeError) as exc:
        return KeysConfig(path, problems=[ConfigError(f"cannot read it ({exc})", path=path)])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problem = ConfigError(f"not valid TOML: {exc}; keys stay as they are", path=path)
        return KeysConfig(path, problems=[problem])
    return parse_keys(raw.get(TABLE), path)


def parse_keys(raw: Any, path: Path) -> KeysConfig:
    """Check the shape of the `[keys]` table `raw` (None: there is none)."""
    config = KeysConfig(path)
    if raw is None:
        return config
    if not isinstance(raw, dict):
        config.problems.append(
            ConfigError(
                'must be a table: [keys] then lines like jump = "ctrl+g"', path=path, key=TABLE
            )
        )
        return config
    for name, value in raw.items():
        where = f"[{TABLE}] {name}"
        if isinstance(value, dict):
            problem = "binding ids have no dots or sub-tables (like jump or edit_json)"
        elif not isinstance(value, str) or not value.strip():
            problem = f'must be a key in quotes (like "ctrl+g"), not {_shown(value)}'
        else:
            config.keys[name] = value.strip()
            continue
        config.problems.append(ConfigError(f"{problem}; ignored", path=path, key=where))
    return config


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value).lower()
    return text if len(text) <= 40 else text[:39] + "…"
