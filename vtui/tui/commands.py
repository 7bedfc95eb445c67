"""Command palette entries: the current screen's actions, profile switching and themes.

Generated from the screen's bindings, so the palette and the help screen never disagree
with the keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

if TYPE_CHECKING:
    from textual.screen import Screen


def system_commands(app: Any, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """`app` is the VtuiApp (typed loosely: this module must not import it)."""
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        if binding.action in ("command_palette", "quit"):
            continue
        seen.add(binding.action)
        label = app.get_key_display(binding)
        help_text = binding.tooltip or binding.description
        yield SystemCommand(
            f"{binding.description} ({label})",
            help_text,
            partial(app.simulate_key, key),
        )
    for entries in ("palette_commands", "view_commands"):
        extra = getattr(screen, entries, None)
        if callable(extra):  # a screen's own entries with no key (the list's Columns…, views)
            yield from extra()
    if app.profiles is not None:
        current = app.session.profile if app.session is not None else None
        for name in app.profiles.names():
            if name != current:
                yield SystemCommand(
                    f"Switch profile: {name}",
                    "Connect to another saved Voucherify project",
                    partial(app.switch_profile, name),
                )
