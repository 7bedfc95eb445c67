"""What the list shows when it has no rows to show: loading, empty, or the API's error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from vtui.tui.list_query import ORDER_LABELS
from vtui.tui.words import plural

if TYPE_CHECKING:
    from vtui.tui.list_cursor import ListCursor
    from vtui.tui.list_query import ListQuery


class ListState(Static):
    """One line in place of the rows; the error form says how to retry."""

    def show_loading(self, what: str = "customers") -> None:
        self.set_class(False, "-error", "-empty")
        self.update(Text(f"Loading {what}…"))
        self.display = True

    def show_empty(self, message: str) -> None:
        self.set_class(False, "-error")
        self.set_class(True, "-empty")
        self.update(Text(message))
        self.display = True

    def show_error(self, message: str) -> None:
        self.set_class(False, "-empty")
        self.set_class(True, "-error")
        text = Text(message, style="bold")
        text.append("\nPress r to retry.", style="")
        self.update(text)
        self.display = True

    def hide(self) -> None:
        self.display = False


def title_text(query: ListQuery) -> Text:
    """ "Customers · newest first · filter: city Berlin"."""
    text = Text("Customers", style="bold")
    text.append(f" · {ORDER_LABELS[query.order]}")
    summary = query.describe()
    if summary:
        text.append(" · filter: ")
        text.append(summary, style="italic")
    return text


def count_text(
    loaded: int, cursor: ListCursor | None, fetching: bool, error: str | None, marked: int
) -> Text:
    """ "100 of 2,000 loaded · loading more… · 3 marked (m sets metadata)"."""
    text = Text()
    if cursor is not None and cursor.total is not None:
        text.append(f"{loaded:,} of {cursor.total:,} loaded")
        if cursor.capped:
            text.append(" · the API pages this order only to page 99; filter to narrow")
    if fetching and loaded:
        text.append(" · loading more…")
    if error and loaded:
        text.append(" · next page failed: r to retry", style="bold")
    if marked:
        text.append(" · ")
        text.append(f"{plural(marked, 'marked', 'marked')} (m sets metadata)")
    return text
