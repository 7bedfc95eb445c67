"""Saved views of the customer list: a name for a filter, a sort order and a set of columns.

Textual-free. Views live in the profile's UI state (never in config.toml), under "views":
{name: {"list": ListQuery.to_state(), "columns": [ids] or absent}}; "view" names the one
applied last. Applying a view writes its query and columns where the list keeps them
("list", "columns"), so the start-up's forked first-page fetch asks for that view and the
first frame already shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vtui.tui.list_query import ORDER_LABELS, ListQuery

VIEWS = "views"
CURRENT = "view"
LIST = "list"
COLUMNS = "columns"
"""The UI state's keys for the views, the last view applied, and the list's query and
columns (the last two shared with the list)."""
NAME_MAX = 40


class ViewNameError(ValueError):
    """A name that cannot be a view's; the message says why."""


def check_name(text: str) -> str:
    """The name as it will be kept (trimmed), or ViewNameError."""
    name = " ".join(text.split())
    if not name:
        raise ViewNameError("Give the view a name.")
    if len(name) > NAME_MAX:
        raise ViewNameError(f"A view's name has at most {NAME_MAX} characters.")
    if not name.isprintable():
        raise ViewNameError("A view's name cannot hold control characters.")
    return name


@dataclass(frozen=True)
class View:
    name: str
    query: ListQuery
    columns: tuple[str, ...] | None = None
    """The column ids, in order; None keeps whatever columns the list shows."""

    def to_state(self) -> dict[str, Any]:
        state: dict[str, Any] = {LIST: self.query.to_state()}
        if self.columns is not None:
            state[COLUMNS] = list(self.columns)
        return state

    @classmethod
    def from_state(cls, name: str, raw: object) -> View | None:
        if not isinstance(raw, dict):
            return None
        columns = raw.get(COLUMNS)
        kept = (
            tuple(str(c) for c in columns)
            if isinstance(columns, list) and all(isinstance(c, str) for c in columns)
            else None
        )
        return cls(name, ListQuery.from_state(raw.get(LIST)), kept)

    def describe(self) -> str:
        """ "newest first · city=Warsaw · 6 columns"."""
        parts = [ORDER_LABELS[self.query.order]]
        summary = self.query.describe()
        if summary:
            parts.append(summary)
        if self.columns is not None:
            parts.append(f"{len(self.columns)} columns")
        return " · ".join(parts)


def views_in(state: dict[str, Any]) -> dict[str, View]:
    """The saved views, by name, sorted by name (case-blind); unreadable ones are left out."""
    raw = state.get(VIEWS)
    if not isinstance(raw, dict):
        return {}
    views = (View.from_state(str(name), value) for name, value in raw.items())
    return {v.name: v for v in sorted((v for v in views if v), key=lambda v: v.name.casefold())}


def with_view(state: dict[str, Any], view: View) -> dict[str, Any]:
    """`state` with `view` saved (replacing one of the same name)."""
    saved = dict(state.get(VIEWS) or {}) if isinstance(state.get(VIEWS), dict) else {}
    saved[view.name] = view.to_state()
    return {**state, VIEWS: saved}


def without_view(state: dict[str, Any], name: str) -> dict[str, Any]:
    """`state` with the view `name` gone (and no longer the current one)."""
    saved = dict(state.get(VIEWS) or {}) if isinstance(state.get(VIEWS), dict) else {}
    saved.pop(name, None)
    out = {**state, VIEWS: saved}
    if out.get(CURRENT) == name:
        out.pop(CURRENT)
    return out


def applied(state: dict[str, Any], view: View) -> dict[str, Any]:
    """`state` as the list keeps it once `view` is applied: its query, its columns, its name."""
    out = {**state, LIST: view.query.to_state(), CURRENT: view.name}
    if view.columns is not None:
        out[COLUMNS] = list(view.columns)
    return out


def current_view(
    state: dict[str, Any], query: ListQuery, columns: list[str] | None = None
) -> str | None:
    """The name of the view applied last, while the list still shows exactly it (a changed
    filter, sort or column set is no longer that view); `columns` are the ids shown."""
    name = state.get(CURRENT)
    if not isinstance(name, str):
        return None
    view = views_in(state).get(name)
    if view is None or view.query != query:
        return None
    if view.columns is not None and columns is not None:
        from vtui.tui.columns import shown_columns

        # As the list shows them: the sorted-by column joins a view's own when it lacks it.
        if [c.id for c in shown_columns(view.columns, query.order)] != columns:
            return None
    return name
