"""config.example.toml lists every binding id with its default key, generated from
vtui/tui/bindings.py: this test fails when they drift (VTUI_WRITE_EXAMPLE=1 rewrites it)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from vtui.config.config_file import parse_config
from vtui.config.keys import load_keys
from vtui.tui import bindings
from vtui.tui.keymap import check_keys, written_keys

EXAMPLE = Path(__file__).parents[2] / "config.example.toml"
BEGIN = "# [keys] begins (generated from vtui/tui/bindings.py; tests/tui/test_keys_example.py)"
END = "# [keys] ends"
INTRO = """\
# Remap keys: a binding id, then its key, or keys separated by commas. The ids below are all
# there are, each with its default; list only the ones you change. A key is a character
# ("g", "G", ":", "?") or a name ("f5", "enter", "escape", "space", "tab", "pageup"), with
# modifiers before it ("ctrl+g", "alt+x", "shift+f5"). An id is the same idea on every
# screen: `back = "q"` changes escape wherever it goes back or cancels. vtui checks [keys]
# at start; an unknown id, a key that is not a key, or a key that would do two things on
# one screen is named in a message and left at its default (the other lines apply).
# `vtui --demo` reads [keys] too."""


def keys_block() -> str:
    lines = [BEGIN, INTRO, "[keys]"]
    for binding_id, binding in bindings.remappable().items():
        value = f'{binding_id} = "{written_keys(binding.key)}"'
        words = bindings.SHARED_IDS.get(binding_id) or binding.description
        line = f"{value:<32}# {words}"
        if binding.tooltip and binding_id not in bindings.SHARED_IDS:
            longer = f"{line}: {binding.tooltip}"
            line = longer if len(longer) <= 100 else line
        lines.append(line)
    lines.append(END)
    return "\n".join(lines) + "\n"


def test_the_example_lists_every_binding_id_with_its_default():
    text = EXAMPLE.read_text()
    begin, end = text.find(BEGIN), text.find(END)
    block = text[begin : text.index("\n", end) + 1] if begin >= 0 and end >= 0 else ""
    expected = keys_block()
    if block != expected and os.environ.get("VTUI_WRITE_EXAMPLE"):
        marker = "# credentials.toml (written by `vtui login`"
        head = text.replace(block, "") if block else text
        at = head.index(marker)
        EXAMPLE.write_text(head[:at] + expected + "\n" + head[at:])
        block = expected
    assert block == expected, "config.example.toml's [keys] drifted: VTUI_WRITE_EXAMPLE=1"


def test_the_example_keys_load_and_change_nothing(tmp_path: Path):
    config = parse_config(EXAMPLE.read_text(), EXAMPLE)  # the rest of the file still loads
    assert config.profiles
    (tmp_path / "config.toml").write_text(EXAMPLE.read_text())
    checked = check_keys(load_keys(tmp_path))
    assert checked.problems == []
    ids = tomllib.loads(EXAMPLE.read_text())["keys"]
    assert set(ids) == set(bindings.remappable())


def test_an_id_has_one_default_key_wherever_it_is_bound():
    defaults: dict[str, set[str]] = {}
    for tables in bindings.REACHES.values():
        for table in tables:
            for binding in table:
                if binding.id is not None:
                    defaults.setdefault(binding.id, set()).add(binding.key)
    assert {i: k for i, k in defaults.items() if len(k) > 1} == {}


def test_no_default_key_does_two_things_on_one_screen():
    for where, tables in bindings.REACHES.items():
        seen: dict[str, str] = {}
        for table in tables:
            for binding in table:
                for key in binding.key.split(","):
                    name = binding.id or binding.action
                    other = seen.setdefault(key, name)
                    shared = other == name or (binding.id is None and "elsewhere" not in name)
                    assert shared or other == binding.action, f"{key} on {where}: {other}, {name}"
