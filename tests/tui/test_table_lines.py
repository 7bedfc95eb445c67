"""The list's table reads its lines from its row order (no tuple kept per row): every
line still maps to the row DataTable itself would put there."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from vtui.tui.columns import CATALOGUE
from vtui.tui.row_store import ListRow
from vtui.tui.widgets.customer_table import CustomerTable, OneLineRows

COLUMNS = [CATALOGUE["name"], CATALOGUE["email"]]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CustomerTable(id="customers", columns=COLUMNS)


def datatable_lines(table: CustomerTable) -> list[tuple[object, int]]:
    """The lines as DataTable itself builds them, from every row's height."""
    return [(row.key, y) for row in table.ordered_rows for y in range(row.height)]


def shown(i: int) -> tuple[ListRow, tuple[str, ...]]:
    return ListRow(f"c{i}", f"name {i}", f"u{i}@x.io", None, None), (f"name {i}", f"u{i}@x.io")


async def test_lines_follow_appends_removals_sorting_and_rows_put_on_top() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(CustomerTable)
        table.add_list_rows(shown(i) for i in range(50))
        assert isinstance(table._y_offsets, OneLineRows)
        assert list(table._y_offsets) == datatable_lines(table)
        table.remove_row("c10")
        table.put_first(shown(99), set())
        table.sort("email", reverse=True)
        await pilot.pause()
        lines = list(table._y_offsets)
        assert lines == datatable_lines(table)
        assert [key.value for key, _ in lines[:3]] == ["c9", "c99", "c8"]  # "9@" > "99" > "8"
        assert table._y_offsets[-1] == lines[-1]
        assert len(table._y_offsets) == table.row_count == 50
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "c0"
        table.clear()
        assert len(table._y_offsets) == 0


async def test_a_row_taller_than_one_line_falls_back_to_datatables_own_lines() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(CustomerTable)
        table.add_list_rows(shown(i) for i in range(3))
        table.add_row("tall", "row", height=3, key="tall")
        await pilot.pause()
        lines = list(table._y_offsets)
        assert not isinstance(table._y_offsets, OneLineRows)
        assert lines == datatable_lines(table)
        assert [y for key, y in lines if key.value == "tall"] == [0, 1, 2]
        table.clear()
        assert isinstance(table._y_offsets, OneLineRows)
        assert isinstance(table, DataTable)


async def test_a_rows_texts_are_its_cells_in_column_order_without_a_marks_dot() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(CustomerTable)
        table.add_list_rows([shown(1), shown(2)], marked={"c2"})
        table.show_row("c1", ("renamed", "r@x.io"), marked=False)
        table.sort("email")
        await pilot.pause()
        assert table.cell_texts("c1") == ("renamed", "r@x.io")
        assert table.cell_texts("c2") == ("name 2", "u2@x.io")  # drawn "● name 2"
        assert str(table.get_cell("c2", "name")).startswith("● ")
        assert table.cell_texts("c404") is None
