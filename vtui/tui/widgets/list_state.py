"""What the list shows when it has no rows to show: loading, empty, or the API's error."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


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
