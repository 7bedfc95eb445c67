"""The footer: the keys of the focused screen on one line, look-up keys first.

One widget drawing one line of text (Textual's Footer builds a widget per key and rebuilds
them on every focus change), so it is cheap enough to be there on every screen's first frame.
It reads the screen's live bindings, so remapped keys show as remapped; keys that do not fit
the width are left out whole, from the end, never cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from vtui.tui.bindings import FOOTER_FIRST

if TYPE_CHECKING:
    from textual.screen import Screen

SEPARATOR = "  "


class KeyBar(Widget):
    """`key label` pairs from the screen's active bindings (those with `show=True`)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pairs: list[tuple[str, str]] = []

    def on_mount(self) -> None:
        screen = self.screen
        screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._pairs = key_pairs(screen)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        pairs = key_pairs(screen)
        if pairs != self._pairs:
            self._pairs = pairs
            self.refresh()

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def render(self) -> Text:
        return fit_pairs(self._pairs, self.size.width, self.get_component_rich_style)


def key_pairs(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key as shown, label) of every shown, enabled binding: FOOTER_FIRST ids first."""
    app = screen.app
    seen: set[str] = set()
    first: dict[str, tuple[str, str]] = {}
    middle: list[tuple[str, str]] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.show or not binding.description or not active.enabled:
            continue
        if binding.action in seen:
            continue
        seen.add(binding.action)
        pair = (app.get_key_display(binding), binding.description)
        if binding.id in FOOTER_FIRST:
            first[binding.id] = pair
        else:
            middle.append(pair)
    ordered = [first[i] for i in FOOTER_FIRST if i in first]
    return ordered + middle


def fit_pairs(pairs: list[tuple[str, str]], width: int, style_of: Any = None) -> Text:
    """The pairs that fit in `width` cells, whole, in order."""
    text = Text(no_wrap=True, overflow="crop", end="")
    key_style = style_of("key-bar--key") if style_of is not None else "bold"
    used = 1
    text.append(" ")
    for key, label in pairs:
        piece = cell_len(key) + 1 + cell_len(label)
        gap = len(SEPARATOR) if used > 1 else 0
        if used + gap + piece > width:
            break
        if gap:
            text.append(SEPARATOR)
        text.append(key, style=key_style)
        text.append(" " + label)
        used += gap + piece
    return text
