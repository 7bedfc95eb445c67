"""What the list shows when it has no rows to show: loading, empty, or the API's error."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from vtui.tui.keymap import key_in_words
from vtui.tui.list_query import ORDER_LABELS
from vtui.tui.words import plural

if TYPE_CHECKING:
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
        text.append(f"\nPress {key_in_words(self.app, 'refresh', 'r')} to retry.", style="")
        self.update(text)
        self.display = True

    def hide(self) -> None:
        self.display = False


def title_text(query: ListQuery, view: str | None = None) -> Text:
    """ "Customers · newest first · filter: city Berlin"; a saved view's name after
    "Customers" while the list shows it ("Customers › VIP in Warsaw · …")."""
    text = Text("Customers", style="bold")
    if view:
        text.append(" › ")
        text.append(view, style="bold")
    text.append(f" · {ORDER_LABELS[query.order]}")
    summary = query.describe()
    if summary:
        text.append(" · filter: ")
        text.append(summary, style="italic")
    return text


def count_text(
    row: int,
    loaded: int,
    total: int | None,
    capped: bool,
    fetching: bool,
    error: str | None,
    marked: int,
    to_end: bool = False,
    key: Callable[[str, str], str] = lambda _id, default: default,
) -> Text:
    """ "row 37 of 2,000 · 100 of 2,000 loaded · loading… · 3 marked (m sets metadata)";
    going to the end: "row 1 of 2,000 · loading… 1,400 of 2,000 · esc stops". Keys are
    named by `key(binding_id, default)` (the remapped key, as `keymap.key_in_words`)."""
    text = Text()
    if total is not None or loaded:
        of = total if total is not None else loaded
        text.append(f"row {row:,} of {of:,}" if row else f"no row of {of:,}")
    if to_end:
        text.append(" · " if text else "")
        text.append(f"loading… {loaded:,} of {total:,}" if total else f"loading… {loaded:,}")
        text.append(f" · {key('back', 'esc')} stops")
    else:
        if total is not None:
            text.append(f" · {loaded:,} of {total:,} loaded")
        if fetching:
            text.append(" · loading…" if text else "loading…")
    if capped:
        text.append(" · the API pages this order only to page 99; filter to narrow")
    if error and loaded:
        text.append(f" · next page failed: {key('refresh', 'r')} to retry", style="bold")
    if marked:
        text.append(" · ")
        text.append(f"{plural(marked, 'marked', 'marked')} ({key('metadata', 'm')} sets metadata)")
    return text
