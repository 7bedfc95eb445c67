"""The list's data core without Textual: slim rows from the API's list answer, paging that
skips rows already held, marks in list order, and the column catalogue."""

from __future__ import annotations

import json
import sys

from vtui.api.rows import CustomerRows
from vtui.tui.columns import cells, shown_columns, shown_value
from vtui.tui.list_cursor import ListCursor
from vtui.tui.list_query import ListQuery
from vtui.tui.row_store import ListRow, RowStore


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


def test_a_page_becomes_slim_rows_and_cells_in_the_columns_order() -> None:
    store = RowStore()
    cursor = ListCursor(ListQuery(), seen=store)
    columns = shown_columns(["email", "country", "metadata.tier"], "-created_at")
    added = store.accept(cursor, page(customer(2, metadata={"tier": 3}), customer(1)), columns)
    assert [row for row, _ in added] == [
        ListRow("cust_2", "Person 2", "p2@example.com", None, "Kraków"),
        ListRow("cust_1", "Person 1", "p1@example.com", None, "Kraków"),
    ]
    assert [texts for _, texts in added] == [
        ("p2@example.com", "PL", "3", "2025-01-02"),  # Created: the sorted-by column
        ("p1@example.com", "PL", "—", "2025-01-01"),
    ]
    assert store.ids() == ["cust_2", "cust_1"] and len(store) == 2
    assert not hasattr(store["cust_2"], "__dict__")  # a tuple: no per-row dict


def test_rows_already_held_are_skipped_without_a_second_set_of_ids() -> None:
    store = RowStore()
    cursor = ListCursor(ListQuery(), seen=store)
    columns = shown_columns(["name"], "")
    store.accept(cursor, page(customer(3), customer(2), has_more=True), columns)
    again = store.accept(cursor, page(customer(2), customer(1)), columns)
    assert [row.id for row, _ in again] == ["cust_1"]
    assert cursor.loaded == 3 and store.ids() == ["cust_3", "cust_2", "cust_1"]


def test_a_row_put_first_goes_on_top_and_marks_keep_the_lists_order() -> None:
    store = RowStore()
    cursor = ListCursor(ListQuery(), seen=store)
    store.accept(cursor, page(customer(2), customer(1)), shown_columns(["name"], ""))
    store.put(ListRow("cust_9", "New", None, None, None), first=True)
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
