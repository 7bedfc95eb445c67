"""The list's data core without Textual: rows from the API's list answer kept as ids (their
texts read back from the table's cells, values kept only where the cells cannot give them
back), paging that skips rows already held, marks in list order, and the column catalogue."""

from __future__ import annotations

import json
import sys

from vtui.api.rows import CustomerRows
from vtui.tui.columns import cells, shown_columns, shown_value
from vtui.tui.list_cursor import ListCursor
from vtui.tui.list_query import ListQuery
from vtui.tui.row_store import ListRow, RowStore, Shown


def page(*customers: dict, total: int | None = None, has_more: bool = False) -> CustomerRows:
    body = {"customers": list(customers), "total": total, "has_more": has_more}
    return CustomerRows.parse(json.dumps(body).encode())


def customer(n: int, **extra) -> dict:
    return {
        "id": f"cust_{n}",
        "name": f"Person {n}",
        "email": f"p{n}@example.com",
        "address": {"city": "Kraków", "country": "PL"},
        "created_at": f"2025-01-{n:02d}T10:00:00.000Z",
        **extra,
    }


class Table:
    """What the list's table holds per row: the cells it was given (a dict by id, as the
    table's own `_data`), read back as `CustomerTable.cell_texts` reads them."""

    def __init__(self) -> None:
        self.cells: dict[str, tuple[str, ...]] = {}

    def show(self, shown: list[Shown]) -> None:
        self.cells.update((row.id, texts) for row, texts in shown)

    def take(self, store: RowStore) -> list[Shown]:
        """What the list does with a page: the store's pending rows join the table."""
        taken = store.take_pending()
        self.show(taken)
        return taken

    def read(self, row_id: str) -> tuple[str, ...] | None:
        return self.cells.get(row_id)


def test_a_page_becomes_slim_rows_and_cells_in_the_columns_order() -> None:
    table = Table()
    store = RowStore(table.read)
    cursor = ListCursor(ListQuery(), seen=store)
    columns = shown_columns(["email", "country", "metadata.tier"], "-created_at")
    added = store.accept(cursor, page(customer(2, metadata={"tier": 3}), customer(1)), columns)
    table.show(added)
    assert [row for row, _ in added] == [
        ListRow("cust_2", "Person 2", "p2@example.com", None, "Kraków"),
        ListRow("cust_1", "Person 1", "p1@example.com", None, "Kraków"),
    ]
    assert [texts for _, texts in added] == [
        ("p2@example.com", "PL", "3", "2025-01-02"),  # Created: the sorted-by column
        ("p1@example.com", "PL", "—", "2025-01-01"),
    ]
    assert store.ids() == ["cust_2", "cust_1"] and len(store) == 2
    assert store["cust_2"] == added[0][0]  # name and city have no column: kept as given


def test_rows_already_held_are_skipped_without_a_second_set_of_ids() -> None:
    store = RowStore()
    cursor = ListCursor(ListQuery(), seen=store)
    columns = shown_columns(["name"], "")
    store.accept(cursor, page(customer(3), customer(2), has_more=True), columns)
    again = store.accept(cursor, page(customer(2), customer(1)), columns)
    assert [row.id for row, _ in again] == ["cust_1"]
    assert cursor.loaded == 3 and store.ids() == ["cust_3", "cust_2", "cust_1"]


def test_a_row_put_first_goes_on_top_and_marks_keep_the_lists_order() -> None:
    table = Table()
    store = RowStore(table.read)
    cursor = ListCursor(ListQuery(), seen=store)
    columns = shown_columns(["name"], "")
    table.show(store.accept(cursor, page(customer(2), customer(1)), columns))
    store.put((ListRow("cust_9", "New", None, None, None), ("New",)), columns, first=True)
    assert store.ids() == ["cust_9", "cust_2", "cust_1"]
    assert store.toggle_mark("cust_1") and store.toggle_mark("cust_9")
    assert not store.toggle_mark("cust_404")  # not loaded: not marked
    assert store.marked_ids() == ["cust_9", "cust_1"]
    assert not store.toggle_mark("cust_9")
    assert store.remove("cust_1") and store.marked_ids() == []


def test_repeating_texts_are_kept_once() -> None:
    columns = shown_columns(["country", "created"], "")
    one = cells(page(customer(1)).rows[0], columns)
    two = cells(page(customer(1)).rows[0], columns)
    assert one[0] is two[0] and one[1] is two[1]  # interned: one "PL", one day
    assert one[0] is sys.intern("PL")


def test_the_sorted_by_column_is_always_shown_once() -> None:
    ids = lambda order, chosen: [c.id for c in shown_columns(chosen, order)]  # noqa: E731
    assert ids("-updated_at", ["name"]) == ["name", "updated"]
    assert ids("source_id", ["source_id", "name"]) == ["source_id", "name"]
    assert ids("created_at", ["name", "created", "email"]) == ["name", "created", "email"]


def test_metadata_values_show_as_json_writes_them() -> None:
    assert [shown_value(v) for v in (1, 2.5, True, False, None, "", "x")] == [
        "1",
        "2.5",
        "true",
        "false",
        "null",
        '""',
        "x",
    ]
    assert shown_value({"a": [1, "b\n"]}) == '{"a": [1, "b\\n"]}'  # one line


FIND_COLUMNS = shown_columns(["name", "email", "source_id", "city", "created"], "")


def test_rows_shown_as_given_keep_nothing_and_are_read_back_from_the_cells() -> None:
    table = Table()
    store = RowStore(table.read)
    cursor = ListCursor(ListQuery(), seen=store)
    listed = page(customer(1, source_id="s-1"), customer(2, email=None, address=None))
    added = store.accept(cursor, listed, FIND_COLUMNS)
    assert store._rows == {"cust_1": None, "cust_2": None}  # nothing but the ids
    assert store.get("cust_1") == added[0][0]  # on its way to the table: its pending cells
    assert list(store.find_rows()) == []  # find waits for the table
    assert table.take(store) == added and store.take_pending() == []
    assert store.values() == [row for row, _ in added]
    assert store["cust_2"] == ListRow("cust_2", "Person 2", None, None, None)  # "—" is None


def test_values_the_cells_cannot_give_back_are_kept_as_the_api_gave_them() -> None:
    table = Table()
    store = RowStore(table.read)
    cursor = ListCursor(ListQuery(), seen=store)
    hostile = customer(1, name="Eve\x1b]0;pwned\x07", source_id="—")
    empty = customer(2, email="")
    added = store.accept(cursor, page(hostile, empty, customer(3)), FIND_COLUMNS)
    table.take(store)
    assert added[0][1][0] == "Eve\\x1b]0;pwned\\x07"  # the cell is inert ...
    assert store["cust_1"].name == "Eve\x1b]0;pwned\x07"  # ... the row as the API said
    assert store["cust_1"].source_id == "—"  # a real "—" is not a missing value
    assert store["cust_2"].email == ""
    assert store._rows["cust_3"] is None
    assert store.values() == [row for row, _ in added]
    assert list(store.find_rows()) == [tuple(row) for row, _ in added]  # find's bulk read
    assert list(store.find_rows(2)) == [tuple(added[2][0])]
    more = store.accept(cursor, page(customer(4)), FIND_COLUMNS)  # not in the table yet
    assert [row[0] for row in store.find_rows()] == ["cust_1", "cust_2", "cust_3"]
    assert store["cust_4"] == more[0][0]
    table.take(store)
    assert [row[0] for row in store.find_rows(3)] == ["cust_4"]


def test_a_saved_row_is_read_from_its_new_cells_and_a_change_of_columns_needs_a_clear() -> None:
    table = Table()
    store = RowStore(table.read)
    cursor = ListCursor(ListQuery(), seen=store)
    table.show(store.accept(cursor, page(customer(1)), FIND_COLUMNS))
    renamed = ListRow("cust_1", "Renamed", "r@example.com", None, "Gdańsk")
    saved = (renamed, ("Renamed", "r@example.com", "—", "Gdańsk", "2025-01-01"))
    store.put(saved, FIND_COLUMNS)
    table.show([saved])
    assert store["cust_1"] == saved[0]
    try:
        store.put(saved, shown_columns(["email"], ""))
    except ValueError:
        pass
    else:
        raise AssertionError("rows kept for one set of columns were read with another")
    store.clear()
    store.put((renamed, ("r@example.com",)), shown_columns(["email"], ""))
    assert store["cust_1"] == renamed  # name, source_id and city kept: no column shows them


def test_what_a_reload_keeps_is_found_once_every_id_is_back_and_merges_with_an_earlier_one() -> (
    None
):
    from vtui.tui.row_store import Keep

    table = Table()
    store = RowStore(table.read)
    cursor = ListCursor(ListQuery(), seen=store)
    keep = Keep("cust_2", frozenset({"cust_1", "cust_3"}), 3)
    table.show(store.accept(cursor, page(customer(3), customer(2), has_more=True), FIND_COLUMNS))
    assert not keep.found(store)  # cust_1 is not back yet
    table.show(store.accept(cursor, page(customer(1)), FIND_COLUMNS))
    assert keep.found(store)
    earlier = Keep("cust_9", frozenset({"cust_8"}), 500)
    merged = keep.merged(earlier)  # the earlier one was still looking: its cursor wins
    assert merged == Keep("cust_9", frozenset({"cust_1", "cust_3", "cust_8"}), 500)
    assert merged.without("cust_9") == Keep(None, merged.marked, 500)
    store.marked |= {"cust_1", "cust_8"}
    assert store.prune_marks() == 1 and store.marked == {"cust_1"}


def test_a_row_saved_or_deleted_on_its_way_to_the_table_is_painted_as_it_is_now() -> None:
    table = Table()
    store = RowStore(table.read)
    cursor = ListCursor(ListQuery(), seen=store)
    store.accept(cursor, page(customer(3), customer(2), customer(1)), FIND_COLUMNS)
    renamed = ListRow("cust_2", "Renamed", "p2@example.com", None, "Kraków")
    store.put((renamed, ("Renamed", "p2@example.com", "—", "Kraków", "2025-01-02")), FIND_COLUMNS)
    assert store.remove("cust_1")
    taken = table.take(store)
    assert [row.id for row, _ in taken] == ["cust_3", "cust_2"]  # the deleted one never comes
    assert taken[1][1][0] == "Renamed" and store["cust_2"] == renamed
