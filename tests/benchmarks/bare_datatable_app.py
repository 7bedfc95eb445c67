"""The baseline of bench_startup: a bare Textual app painting a 50-row DataTable.

Run directly; ttfp's marker is "user0@example.com", the first row.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class BareTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("name", "email", "source_id", "city", "country", "created")
        for i in range(50):
            table.add_row(
                f"name {i}", f"user{i}@example.com", f"src-{i}", "Warsaw", "PL", "2025-01-01"
            )


if __name__ == "__main__":
    BareTable().run()
