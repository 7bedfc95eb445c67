"""Command palette entries: the current screen's actions, profiles and themes.

Generated from the screen's bindings (vtui's own: those with an id), so the palette and the
help screen never disagree with the keys, remapped ones included. Of Textual's own commands
only the theme picker stays; its cursor, copy, screenshot and key-panel entries mean nothing
to someone looking up customers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.app import SystemCommand

if TYPE_CHECKING:
    from textual.screen import Screen

TEXTUAL_KEPT = frozenset({"Theme"})


@runtime_checkable
class PaletteEntries(Protocol):
    """A screen with palette entries that have no key of their own."""

    def palette_commands(self) -> Iterator[SystemCommand]: ...


"""Titles of Textual's system commands that the palette keeps."""
NOT_IN_PALETTE = frozenset({"palette", "copy_or_quit", "down", "up"})
"""Binding ids that make no sense as commands (the palette itself; copying needs a field;
one row up or down)."""
ADD_PROFILE = "Add a profile…"


def system_commands(
    app: Any, screen: Screen[Any], textual: Iterable[SystemCommand] = ()
) -> Iterator[SystemCommand]:
    """`app` is the VtuiApp (typed loosely: this module must not import it); `textual` are
    Textual's own commands, of which only TEXTUAL_KEPT stay. The palette reads titles and
    help as markup: they are escaped, since they hold the user's text (a view's name, its
    filter) and keys like `[`."""
    from textual.markup import escape

    for command in _commands(app, screen, textual):
        yield command._replace(title=escape(command.title), help=escape(command.help))


def _commands(
    app: Any, screen: Screen[Any], textual: Iterable[SystemCommand]
) -> Iterator[SystemCommand]:
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.id is None or binding.id in NOT_IN_PALETTE:
            continue
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        label = app.get_key_display(binding)
        help_text = binding.tooltip or binding.description
        yield SystemCommand(
            f"{binding.description} ({label})",
            help_text,
            partial(app.simulate_key, key),
        )
    yield from (command for command in textual if command.title in TEXTUAL_KEPT)
    if isinstance(screen, PaletteEntries):  # a screen's entries with no key (Columns…, views)
        yield from screen.palette_commands()
    if app.profiles is not None:
        current = app.session.profile if app.session is not None else None
        for name in app.profiles.names():
            if name != current:
                yield SystemCommand(
                    f"Switch profile: {name}",
                    "Connect to another saved Voucherify project",
                    partial(app.switch_profile, name),
                )
        yield SystemCommand(
            ADD_PROFILE,
            "Log in to another Voucherify project (keys checked, then saved) and switch to it",
            app.add_profile,
        )
