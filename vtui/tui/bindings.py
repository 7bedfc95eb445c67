"""The key map: every key of every screen, with the ids that `[keys]` in config.toml remaps.

An id is what a user types in `[keys]` (`jump = "ctrl+g"`): short, flat (a valid bare TOML
key), and one per idea, so the same idea keeps one id on every screen (`back` leaves any
screen, `save` sends any form, `refresh` reloads whatever is shown). Remapping an id moves
every binding that carries it. Bindings without an id (j/k's twins, help's extra close
keys) are not remappable.

The footer, help and the command palette all read the live bindings made from these tables
(Textual applies the keymap to them), so they show the same keys, remapped ones included.
`FOOTER_FIRST` puts the keys of a look-up first, where even an 80-column footer shows them.
`REACHES` says which tables are live together (a screen, its widgets and the app), which
is where one key must not carry two ids.
"""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("question_mark,f1", "help", "Help", id="help", tooltip="Keys of this screen"),
    Binding(
        "ctrl+p",
        "command_palette",
        "Commands",
        id="palette",
        key_display="ctrl+p",  # as Textual writes it (a remapped key shows as the footer does)
        show=False,
        priority=True,
        tooltip="Command palette: every action here, profiles, themes",
    ),
    Binding(
        "colon", "jump", "Jump", id="jump", tooltip="Open a customer by id, source_id or email"
    ),
    Binding("q", "quit", "Quit", id="quit", tooltip="Leave vtui", show=False),
    Binding(
        "ctrl+c",
        "quit_or_copy",
        "Copy or quit",
        id="copy_or_quit",
        show=False,
        priority=True,
        tooltip="Copies the text selected in a field; anywhere else, quits",
    ),
    Binding("u", "undo", "Undo", id="undo", show=False, tooltip="Undo the last change from vtui"),
    Binding("n", "new_customer", "New", id="new", tooltip="New customer"),
    Binding("i", "import_file", "Import", id="import", tooltip="Import CSV / bulk update"),
    Binding("a", "async_actions", "Jobs", id="jobs", tooltip="Async actions (jobs)"),
    # Keys of the list (or a customer) pressed where they do not apply, or hidden by read-only
    # mode: say where they work, or why they are refused. Each carries the id of the key it
    # stands for, so a remap moves it too and the message names the remapped key.
    Binding(
        "slash", "elsewhere('', 'filter', 'filters the customer list')", id="filter", show=False
    ),
    Binding("s", "elsewhere('', 'sort', 'sorts the customer list')", id="sort", show=False),
    Binding("x", "elsewhere('', 'export', 'exports the customer list')", id="export", show=False),
    Binding("f", "elsewhere('', 'find', 'finds in the customer list')", id="find", show=False),
    Binding(
        "v", "elsewhere('', 'views', 'shows the saved views of the list')", id="views", show=False
    ),
    Binding(
        "space",
        "elsewhere('marking customers', 'mark', 'marks rows on the customer list')",
        id="mark",
        show=False,
    ),
    Binding(
        "m",
        "elsewhere('setting metadata', 'metadata', 'sets metadata on the rows marked in the list')",
        id="metadata",
        show=False,
    ),
    Binding(
        "e",
        "elsewhere('editing customers', 'edit', 'edits the customer highlighted or open')",
        id="edit",
        show=False,
    ),
    Binding(
        "E",
        "elsewhere('editing customers', 'edit_json', 'edits the customer highlighted or open')",
        id="edit_json",
        show=False,
    ),
    Binding(
        "ctrl+d",
        "elsewhere('deleting customers', 'delete', 'deletes the customer highlighted or open')",
        id="delete",
        show=False,
    ),
    Binding(
        "D",
        "elsewhere('deleting customers', 'delete_forever', "
        "'deletes the customer highlighted or open, permanently')",
        id="delete_forever",
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
        id="filter",
        tooltip="Filter by email, name, city, segment, dates",
    ),
    Binding("f", "find", "Find", id="find", tooltip="Find as you type in the loaded customers"),
    Binding("s", "sort", "Sort", id="sort", tooltip="Cycle the sort order"),
    Binding(
        "v", "views", "Views", id="views", show=False, tooltip="Saved views: filter, sort, columns"
    ),
    Binding("y", "copy_id", "Copy id", id="copy_id", tooltip="Copy the customer id (OSC 52)"),
    Binding("r", "refresh", "Refresh", id="refresh", tooltip="Reload (or retry) the list"),
    *_EDIT,
    Binding("space", "mark", "Mark", id="mark", show=False, tooltip="Mark this row"),
    Binding(
        "m",
        "metadata",
        "Metadata",
        id="metadata",
        show=False,
        tooltip="Metadata for the marked rows",
    ),
    Binding("x", "export", "Export", id="export", tooltip="Export the filtered list"),
    # escape is "back" wherever it goes back or cancels: here it stops G's loading.
    Binding("escape", "stop_loading", "Stop", id="back", show=False, tooltip="Stop loading (G)"),
]

FIND = [
    Binding("enter", "open", "Open", id="open", tooltip="Open the highlighted customer"),
    Binding("down", "move(1)", "Down", id="next_match", tooltip="Next match"),
    Binding("up", "move(-1)", "Up", id="previous_match", show=False, tooltip="Previous match"),
    Binding("pagedown", "page(1)", "Page down", id="next_page", show=False),
    Binding("pageup", "page(-1)", "Page up", id="previous_page", show=False),
    Binding(
        "ctrl+l",
        "load_rest",
        "Load all",
        id="load_all",
        tooltip="Load every customer of the list's query, then find among them",
    ),
    Binding("escape", "close", "Close", id="back", tooltip="Back to the list (stop loading first)"),
]

VIEWS = [
    Binding("enter", "apply", "Apply", id="apply_view", tooltip="Show the list as this view"),
    Binding("d,delete", "delete", "Delete", id="delete_view", tooltip="Delete this view"),
    Binding("escape", "close", "Close", id="back", tooltip="Back to the list"),
]

SAVE_VIEW = [
    Binding("escape", "close", "Cancel", id="back", tooltip="Back without saving"),
]

TABLE = [
    Binding("enter", "select_cursor", "Open", id="open", tooltip="Open this customer"),
    Binding("j", "cursor_down", "Down", id="down", show=False),
    Binding("k", "cursor_up", "Up", id="up", show=False),
    Binding("g", "scroll_top", "Top", id="top", show=False, tooltip="First row"),
    Binding("G", "scroll_bottom", "Bottom", id="bottom", show=False, tooltip="Last row"),
]

FILTER_BAR = [
    Binding("escape", "close", "Close filters", id="back"),
    Binding("ctrl+l", "clear", "Clear filters", id="clear_filters"),
]

DETAIL = [
    Binding("escape", "back", "Back", id="back", tooltip="Back to the list"),
    Binding("left_square_bracket", "tab(-1)", "Prev tab", id="prev_tab", show=False),
    Binding("right_square_bracket", "tab(1)", "Next tab", id="next_tab", show=False),
    Binding("1", "show_tab('overview')", "Overview", id="tab_overview", show=False),
    Binding("2", "show_tab('activity')", "Activity", id="tab_activity", show=False),
    Binding("3", "show_tab('redeemables')", "Redeemables", id="tab_redeemables", show=False),
    Binding("4", "show_tab('segments')", "Segments", id="tab_segments", show=False),
    Binding("5", "show_tab('json')", "JSON", id="tab_json", show=False),
    Binding("r", "refresh", "Refresh", id="refresh", tooltip="Reload this tab"),
    Binding("y", "copy_id", "Copy id", id="copy_id", tooltip="Copy the customer id (OSC 52)"),
    *_EDIT,
]

SCROLL = [
    Binding("j", "scroll_down", "Down", id="down", show=False),
    Binding("k", "scroll_up", "Up", id="up", show=False),
    Binding("g", "scroll_home", "Top", id="top", show=False, tooltip="Scroll to the top"),
    Binding("G", "scroll_end", "Bottom", id="bottom", show=False, tooltip="Scroll to the end"),
]
"""Vim keys on the detail's scrolled tabs (Overview, JSON); arrows and PgUp/PgDn are Textual's."""

DETAIL_TAB = [
    Binding("j", "down", "Down", id="down", show=False),
    Binding("k", "up", "Up", id="up", show=False),
]

JOBS = [
    Binding("escape", "back", "Back", id="back"),
    Binding("r", "refresh", "Refresh", id="refresh", tooltip="Reload the jobs"),
    Binding("j", "cursor('down')", "Down", id="down", show=False),
    Binding("k", "cursor('up')", "Up", id="up", show=False),
]

JOB = [Binding("escape", "back", "Back", id="back", tooltip="Leave; the job keeps running")]

IMPORT = [
    Binding("escape", "back", "Back", id="back"),
    Binding("ctrl+s", "upload", "Upload", id="save", tooltip="Send the checked file"),
]

METADATA = [
    Binding("escape", "back", "Back", id="back"),
    Binding("ctrl+s", "send", "Send", id="save", tooltip="Send as one async job"),
    Binding("ctrl+t", "add_row", "Add key", id="add_metadata"),
]

FORM = [
    Binding("ctrl+s", "save", "Save", id="save", tooltip="Review the changes and save"),
    Binding("escape", "leave", "Cancel", id="back", tooltip="Leave (asks if unsaved)"),
    Binding("ctrl+t", "add_metadata", "Add metadata", id="add_metadata"),
]

WELCOME = [
    Binding("ctrl+l", "log_in", "Log in", id="log_in", tooltip="Check the keys and save"),
    Binding("ctrl+t", "demo", "Try the demo", id="demo", tooltip="Local sandbox, no account"),
]

DIFF = [
    Binding("ctrl+s", "answer(True)", "Save", id="save"),
    Binding("escape", "answer(False)", "Back to editing", id="back"),
]

PREVIEW = [
    Binding("escape", "answer(False)", "Back", id="back"),
    Binding("ctrl+s", "send", "Send", id="save"),
    Binding("c", "send_creating", "Send, creating", id="send_creating", show=False),
]

CONFIRM = [
    Binding("y", "answer(True)", "Yes", id="yes"),
    Binding("n,escape", "answer(False)", "No", id="no"),
]

TYPE_TO_CONFIRM = [Binding("escape", "cancel", "Cancel", id="back")]

CHOICE = [Binding("escape", "choose('back')", "Back", id="back")]

JUMP = [Binding("escape", "dismiss_jump", "Cancel", id="back")]

PICK = [Binding("escape", "dismiss_pick", "Cancel", id="back")]

EXPORT = [Binding("escape", "cancel", "Cancel", id="back")]

HELP = [
    Binding("escape", "close", "Close help", id="back"),
    Binding("question_mark,f1", "close", "Close help", id="help", show=False),
    Binding("q", "close", "Close help", show=False),
]

APP_PRIORITY = [binding for binding in APP if binding.priority]

REACHES: dict[str, tuple[list[Binding], ...]] = {
    "the customer list": (APP, LIST, TABLE, FILTER_BAR),
    "a customer": (APP, DETAIL, DETAIL_TAB, SCROLL),
    "the jobs": (APP, JOBS),
    "a job": (APP, JOB),
    "the import": (APP, IMPORT),
    "the metadata form": (APP, METADATA),
    "the customer form": (APP, FORM),
    "the welcome screen": (APP, WELCOME),
    # Dialogs are modal: only the app's priority keys reach past them.
    "the changes to save": (APP_PRIORITY, DIFF),
    "the bulk preview": (APP_PRIORITY, PREVIEW),
    "a question": (APP_PRIORITY, CONFIRM),
    "a delete to confirm": (APP_PRIORITY, TYPE_TO_CONFIRM),
    "a choice": (APP_PRIORITY, CHOICE),
    "the jump": (APP_PRIORITY, JUMP),
    "the customer picker": (APP_PRIORITY, PICK),
    "find": (APP_PRIORITY, FIND),
    "the views": (APP_PRIORITY, VIEWS),
    "a view to save": (APP_PRIORITY, SAVE_VIEW),
    "the export": (APP_PRIORITY, EXPORT),
    "help": (APP_PRIORITY, HELP),
}
"""Where each table is live: one key must not carry two ids within one of these."""

FOOTER_FIRST = ("jump", "find", "filter", "open", "back", "help")
"""Binding ids shown first in the footer, in this order; the rest follow as declared."""


SHARED_IDS = {
    "back": "Back: leave the screen, or cancel the dialog",
    "save": "Save or send what the screen holds",
    "refresh": "Reload what is shown",
    "copy_id": "Copy the customer id (OSC 52)",
    "down": "Move down",
    "up": "Move up",
    "top": "Go to the first row, or the top",
    "bottom": "Go to the last row, or the end",
    "add_metadata": "Add a metadata row",
    "help": "Help: the keys of this screen (closes help too)",
}
"""What an id bound on several screens means (config.example.toml says it)."""


def remappable() -> dict[str, Binding]:
    """Every id that `[keys]` can remap, in the order of the tables, with a binding that
    carries it (its default key, and the words of the first that has any)."""
    found: dict[str, Binding] = {}
    for tables in REACHES.values():
        for table in tables:
            for binding in table:
                if binding.id is None:
                    continue
                first = found.setdefault(binding.id, binding)
                if not first.description and binding.description:
                    found[binding.id] = binding  # the words of the binding that does it
    return found
