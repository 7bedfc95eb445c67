"""How vtui looks: the theme chosen in the palette, kept per profile, and NO_COLOR.
Mixed into the App."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.filter import LineFilter
    from textual.theme import Theme

    from vtui.tui.context import AppContext


class Appearance:
    """The App's half that restores and remembers the theme, and honours NO_COLOR."""

    if TYPE_CHECKING:  # provided by the App
        context: AppContext
        theme: str
        no_color: bool

        @property
        def available_themes(self) -> dict[str, Theme]: ...

    def _use_saved_theme(self, state: dict[str, Any]) -> None:
        """The profile's saved theme, if it still exists (set before the first frame, so
        the default never shows first)."""
        theme = state.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def _remember_theme(self, theme: Theme) -> None:
        """The theme chosen (in the palette) is kept in the profile's UI state."""
        store = self.context.ui_state()
        if store is None:
            return
        if store.load().get("theme") != theme.name:
            store.update(lambda state: {**state, "theme": theme.name})

    def get_line_filters(self) -> Sequence[LineFilter]:
        """With NO_COLOR set, no colour at all reaches the terminal (https://no-color.org):
        Textual alone turns colours grey, which still sends them. What colour marked (the
        cursor row, the focused field) is marked by reverse or bold instead (app.tcss,
        `:nocolor`)."""
        filters: Sequence[LineFilter] = super().get_line_filters()  # type: ignore[misc]
        if not self.no_color:
            return filters
        from textual.filter import Monochrome, NoColor

        return [*(f for f in filters if not isinstance(f, Monochrome)), NoColor()]
