"""Saved views on the customer list (`v`, and the palette's "Save view…" and "View: NAME").

Mixed into the list screen. A view is applied by writing its query and columns where the
list keeps them in the UI state and loading the list again: one request, and the next start
(whose forked prefetch reads the same state) shows the view on its first frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from vtui.tui.context import context, ui_state_of
from vtui.tui.views import View, applied, current_view, views_in, with_view, without_view
from vtui.tui.words import plural

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from vtui.tui.list_query import ListQuery


class ViewsOnList:
    """The list's saved views; the screen provides the query, columns and loading."""

    if TYPE_CHECKING:  # provided by the list screen
        app: Any
        query_state: ListQuery
        live: bool
        early: Any

        def column_ids(self) -> list[str]: ...
        def reload(self, keep_cursor: bool = False, keep_marks: bool = False) -> None: ...

        @property
        def marked(self) -> set[str]: ...

        def notify(self, *args: Any, **kwargs: Any) -> None: ...
        def _paint_title(self) -> None: ...

    def views(self) -> dict[str, View]:
        return views_in(ui_state_of(self))  # type: ignore[arg-type]

    def view_name(self) -> str | None:
        """The view the list shows now, if it still shows exactly one (for the title)."""
        return current_view(ui_state_of(self), self.query_state, self.column_ids())  # type: ignore[arg-type]

    def _change_state(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> bool:
        store = context(self).ui_state()  # type: ignore[arg-type]
        if store is None:
            self.notify("Views need a profile to be kept in.", severity="warning")
            return False
        store.update(change)  # under the state file's lock: another vtui's save is kept
        return True

    def save_view(self, name: str) -> None:
        """Keep what the list shows now (filter, sort, columns) as the view `name`."""
        view = View(name, self.query_state, tuple(self.column_ids()))
        if self._change_state(lambda state: applied(with_view(state, view), view)):
            self._paint_title()
            self.notify(f"Saved the view {name}.", timeout=3)

    def apply_view(self, name: str) -> None:
        view = self.views().get(name)
        if view is None:
            self.notify(f"There is no view named {name}.", severity="warning")
            return
        if not self._change_state(lambda state: applied(state, view)):
            return
        same_list = view.query == self.query_state  # other columns only: marks stay
        self.query_state = view.query
        self.live = True
        self.early = None
        marks = len(self.marked)
        # With the view's columns, which reload reads from the state.
        self.reload(keep_cursor=same_list, keep_marks=same_list)
        if marks and not same_list:
            self.notify(f"{plural(marks, 'mark')} cleared: the filter or sort changed.")

    def delete_view(self, name: str) -> None:
        if self._change_state(lambda state: without_view(state, name)):
            self._paint_title()
            self.notify(f"Deleted the view {name}.", timeout=3)

    def action_views(self) -> None:
        from vtui.tui.screens.views import ViewsScreen

        self.app.push_screen(ViewsScreen(self))

    def action_save_view(self) -> None:
        from vtui.tui.screens.views import SaveViewScreen

        self.app.push_screen(SaveViewScreen(self))

    def view_commands(self) -> Iterator[SystemCommand]:
        """The palette's entries: save what the list shows, and apply each saved view."""
        from textual.app import SystemCommand

        yield SystemCommand(
            "Save view…", "Keep this filter, sort and columns under a name", self.action_save_view
        )
        for name, view in self.views().items():
            yield SystemCommand(f"View: {name}", view.describe(), partial(self.apply_view, name))
