"""The key map: every key of every screen, with the ids that `[keys]` remaps.

The footer, help and the command palette all read the live bindings made from these tables,
so they show the same keys (remapped ones included). `FOOTER_FIRST` puts the keys of a
look-up first, where even an 80-column footer shows them.
"""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("question_mark,f1", "help", "Help", id="help", tooltip="Keys of this screen"),
    Binding(
        "colon", "jump", "Jump", id="jump", tooltip="Open a customer by id, source_id or email"
    ),
    Binding("q", "quit", "Quit", id="quit", tooltip="Leave vtui", show=False),
    Binding(
        "ctrl+c",
        "quit_or_copy",
        "Quit",
        id="quit_or_copy",
        show=False,
        priority=True,
        tooltip="Quit (copies instead when text is selected in a field)",
    ),
    Binding("u", "undo", "Undo", id="undo", show=False, tooltip="Undo the last change from vtui"),
    Binding("n", "new_customer", "New", id="new", tooltip="New customer"),
    Binding("i", "import_file", "Import", id="import", tooltip="Import CSV / bulk update"),
    Binding("a", "async_actions", "Jobs", id="jobs", tooltip="Async actions (jobs)"),
    # Keys of the list (or a customer) pressed where they do not apply, or hidden by read-only
    # mode: say where they work, or why they are refused.
    Binding("slash", "elsewhere('', '/ filters the customer list')", show=False),
    Binding("s", "elsewhere('', 's sorts the customer list')", show=False),
    Binding("x", "elsewhere('', 'x exports the customer list')", show=False),
    Binding(
        "space",
        "elsewhere('marking customers', 'space marks rows on the customer list')",
        show=False,
    ),
    Binding(
        "m",
        "elsewhere('setting metadata', 'm sets metadata on the rows marked in the list')",
        show=False,
    ),
    Binding(
        "e",
        "elsewhere('editing customers', 'e edits the customer highlighted or open')",
        show=False,
    ),
    Binding(
        "E",
        "elsewhere('editing customers', 'E edits the customer highlighted or open')",
        show=False,
    ),
    Binding(
        "ctrl+d,D",
        "elsewhere('deleting customers', 'ctrl+d and D delete the customer highlighted or open')",
        show=False,
    ),
]

_EDIT = [
    Binding("e", "edit_customer", "Edit", id="edit", tooltip="Edit in the form"),
    Binding("E", "edit_json", "Edit JSON", id="edit_json", show=False, tooltip="Edit in $EDITOR"),
    Binding("ctrl+d", "delete_customer", "Delete", id="delete", tooltip="Delete (confirm)"),
    Binding(
        "D",
        "delete_permanently",
        "Delete forever",
        id="delete_forever",
        show=False,
        tooltip="Delete permanently (type to confirm; cannot be undone)",
    ),
]

LIST = [
    Binding(
        "slash",
        "filter",
        "Filter",
        id="list.filter",
        tooltip="Filter by email, name, city, segment, dates",
    ),
    Binding(
        "f", "find", "Find", id="list.find", tooltip="Find as you type in the loaded customers"
    ),
    Binding("s", "sort", "Sort", id="list.sort", tooltip="Cycle the sort order"),
    Binding(
        "v",
        "views",
        "Views",
        id="list.views",
        show=False,
        tooltip="Saved views: filter, sort, columns",
    ),
    Binding("y", "copy_id", "Copy id", id="list.copy", tooltip="Copy the customer id (OSC 52)"),
    Binding("r", "refresh", "Refresh", id="list.refresh", tooltip="Reload (or retry) the list"),
    *_EDIT,
    Binding("space", "mark", "Mark", id="list.mark", show=False, tooltip="Mark this row"),
    Binding(
        "m",
        "metadata",
        "Metadata",
        id="list.metadata",
        show=False,
        tooltip="Metadata for the marked rows",
    ),
    Binding("x", "export", "Export", id="list.export", tooltip="Export the filtered list"),
    Binding(
        "escape",
        "stop_loading",
        "Stop",
        id="list.stop",
        show=False,
        tooltip="Stop loading up to the end (G)",
    ),
]

FIND = [
    Binding("enter", "open", "Open", id="find.open", tooltip="Open the highlighted customer"),
    Binding("down,ctrl+n", "move(1)", "Down", id="find.down", tooltip="Next match"),
    Binding("up,ctrl+p", "move(-1)", "Up", id="find.up", show=False, tooltip="Previous match"),
    Binding("pagedown", "page(1)", "Page down", id="find.page_down", show=False),
    Binding("pageup", "page(-1)", "Page up", id="find.page_up", show=False),
    Binding(
        "ctrl+l",
        "load_rest",
        "Load all",
        id="find.load",
        tooltip="Load every customer of the list's query, then find among them",
    ),
    Binding(
        "escape", "close", "Close", id="find.close", tooltip="Back to the list (stop loading first)"
    ),
]

VIEWS = [
    Binding("enter", "apply", "Apply", id="views.apply", tooltip="Show the list as this view"),
    Binding("d,delete", "delete", "Delete", id="views.delete", tooltip="Delete this view"),
    Binding("escape", "close", "Close", id="views.close", tooltip="Back to the list"),
]

SAVE_VIEW = [
    Binding("escape", "close", "Cancel", id="views.cancel", tooltip="Back without saving"),
]

TABLE = [
    Binding("enter", "select_cursor", "Open", id="table.open", tooltip="Open this customer"),
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "scroll_top", "Top", id="table.top", show=False, tooltip="First row"),
    Binding("G", "scroll_bottom", "Bottom", id="table.bottom", show=False, tooltip="Last row"),
]

DETAIL = [
    Binding("escape", "back", "Back", id="detail.back", tooltip="Back to the list"),
    Binding("left_square_bracket", "tab(-1)", "Prev tab", id="detail.prev", show=False),
    Binding("right_square_bracket", "tab(1)", "Next tab", id="detail.next", show=False),
    Binding("1", "show_tab('overview')", "Overview", show=False),
    Binding("2", "show_tab('activity')", "Activity", show=False),
    Binding("3", "show_tab('redeemables')", "Redeemables", show=False),
    Binding("4", "show_tab('segments')", "Segments", show=False),
    Binding("5", "show_tab('json')", "JSON", show=False),
    Binding("r", "refresh", "Refresh", id="detail.refresh", tooltip="Reload this tab"),
    Binding("y", "copy_id", "Copy id", id="detail.copy", tooltip="Copy the customer id (OSC 52)"),
    *_EDIT,
]

FOOTER_FIRST = ("jump", "list.find", "list.filter", "table.open", "detail.back", "help")
"""Binding ids shown first in the footer, in this order; the rest follow as declared."""
