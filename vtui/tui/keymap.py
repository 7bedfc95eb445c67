"""`[keys]` checked against the bindings: the keymap Textual applies, and one line per
entry that cannot be used.

vtui.config hands over the entries that have the right shape (strings); here each id must
name a binding (bindings.py), each key must be a key Textual can bind, and no key may carry
two ids where both are live (`bindings.REACHES`). An entry that fails is left out and its
binding keeps its default; the others apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.keys import REPLACED_KEYS, Keys, _normalize_key_list, key_to_character

from vtui.tui import bindings

if TYPE_CHECKING:
    from textual.app import App

    from vtui.config.keys import KeysConfig

# Keys are compared normalised by _normalize_key_list, as App.set_keymap does (":" -> "colon").
MODIFIERS = frozenset({"ctrl", "alt", "shift", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {str(key.value) for key in Keys if "+" not in str(key.value)}
    | {"space", "enter", "tab"}
    | set(REPLACED_KEYS)  # slash, backslash, at, minus, plus, underscore
)


TEXTUAL = [
    Binding("tab", "app.focus_next", "Next field"),
    Binding("shift+tab", "app.focus_previous", "Previous field"),
]
"""Textual's own keys on every screen, which a remapped key must not take."""


@dataclass
class CheckedKeys:
    """The keymap to apply (normalised keys) and a line for each entry left out."""

    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def check_keys(config: KeysConfig) -> CheckedKeys:
    """The entries of `config` that can be applied, and one line (file, entry, problem,
    and what the binding stays on) for each that cannot."""
    known = bindings.remappable()
    checked = CheckedKeys(problems=[str(problem) for problem in config.problems])

    def report(name: str, problem: str) -> None:
        checked.problems.append(f"{config.path}: [keys] {name}: {problem}")

    wanted: dict[str, str] = {}
    for name, key in config.keys.items():
        if name not in known:
            import difflib

            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            report(name, f"unknown binding id {name!r}{hint}; ignored")
            continue
        bad = key_problem(key)
        if bad is not None:
            report(name, f"{bad}; {name} stays on {written_keys(known[name].key)!r}")
            continue
        wanted[name] = _normalize_key_list(key)
    while True:  # leaving one entry out can make another clash with a default: again
        clash = first_clash(wanted)
        if clash is None:
            break
        name, key, other, where = clash
        report(
            name,
            f"{written_keys(key)!r} is also {other} on {where}; "
            f"{name} stays on {written_keys(known[name].key)!r}",
        )
        del wanted[name]
    checked.keymap = wanted
    return checked


def key_problem(keys: str) -> str | None:
    """Why `keys` (a key, or keys separated by commas) cannot be bound; None if it can."""
    for key in (part.strip() for part in keys.split(",")):
        *modifiers, base = key.split("+") if key not in ("+", "plus") else ["plus"]
        unknown = [m for m in modifiers if m not in MODIFIERS]
        if not key or not base or unknown:
            return (
                f"{keys!r} is not a key (write keys like 'g', 'G', 'ctrl+g', 'f5', "
                "'question_mark'; modifiers are ctrl, alt, shift, meta)"
            )
        if len(base) == 1 or base in NAMED_KEYS or key_to_character(base) is not None:
            continue
        return f"{keys!r} is not a key (no key is called {base!r})"
    return None


def first_clash(keymap: dict[str, str]) -> tuple[str, str, str, str] | None:
    """(remapped id, key, what else the key does, where) for the first key that carries a
    remapped id and another binding (another id, or a fixed key) in one reach; None if none.
    Two default keys never clash (a test keeps the tables apart)."""
    for where, tables in bindings.REACHES.items():
        taken: dict[str, Binding] = {}
        # Fixed and default keys first, then remapped ones: a clash names a remapped entry.
        entries = sorted(
            (
                (binding, keymap.get(binding.id) if binding.id else None)
                for table in (*tables, TEXTUAL)
                for binding in table
            ),
            key=lambda entry: entry[1] is not None,
        )
        for binding, remap in entries:
            for key in _normalize_key_list(remap or binding.key).split(","):
                other = taken.setdefault(key, binding)
                if other is binding or remap is None:
                    continue
                if other.id == binding.id or (other.id is None and other.action == binding.action):
                    continue  # the same idea on another table (or its fixed twin)
                return (str(binding.id), key, _what(other), where)
    return None


def _what(binding: Binding) -> str:
    if binding.id is None:
        return binding.description or binding.action
    label = binding.description or bindings.remappable()[binding.id].description
    return f"{label} ({binding.id})"


def written_keys(keys: str) -> str:
    """Keys as a user would write them back: ':' rather than 'colon'."""
    return ",".join(_written_key(key) for key in keys.split(","))


def _written_key(key: str) -> str:
    if len(key) == 1 or "+" in key:
        return key
    character = key_to_character(REPLACED_KEYS.get(key, key))
    return (
        character if character is not None and character.isprintable() and character != " " else key
    )


def key_display(app: App[Any], binding_id: str) -> str:
    """The (first) key of `binding_id`, remapped or not, as the footer shows keys."""
    binding = bindings.remappable()[binding_id]
    keys = app._keymap.get(binding_id)  # what App.set_keymap was given (normalised)
    if keys is None:
        return app.get_key_display(binding.with_key(binding.key.split(",")[0], binding.key_display))
    return app.get_key_display(binding.with_key(keys.split(",")[0]))


def key_in_words(app: App[Any], binding_id: str, default: str) -> str:
    """The key of `binding_id` as a sentence names it: `default` (the words used when the
    key is not remapped, like "ctrl+s"), else the remapped key as config.toml writes it."""
    keys = app._keymap.get(binding_id)
    return default if keys is None else _written_key(keys.split(",")[0])
