"""The start-up baseline: a bare Textual app painting a 50-row DataTable (no vtui code).

python tests/benchmarks/bare_datatable.py     # ttfp marker: "50 rows painted"
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static


class BareDataTable(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="count")
        yield DataTable()

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns("Name", "Email", "Source ID", "City", "Country", "Created")
        for i in range(50):
            table.add_row(
                f"Person {i}", f"p{i}@example.com", f"crm-{i}", "Warsaw", "Poland", "2025-12-31"
            )
        self.query_one("#count", Static).update("50 rows painted")


if __name__ == "__main__":
    BareDataTable().run()
