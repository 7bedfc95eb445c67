"""ListCursor and ListQuery on their own: cursor ties, the page-99 cap, saved state."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from vtui.api import Customer
from vtui.tui import money, when
from vtui.tui.list_cursor import ListCursor
from vtui.tui.list_query import ListQuery, QueryError

T0 = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


def people(*stamps: datetime, start: int = 0) -> list[Customer]:
    return [Customer(id=f"cust_{start + i}", created_at=t) for i, t in enumerate(stamps)]


def test_descending_cursor_moves_one_ms_past_the_boundary_and_skips_seen_ties():
    cursor = ListCursor(ListQuery(), page_size=3)
    assert "starting_after" not in cursor.request()
    tie = T0 - timedelta(seconds=5)
    first = people(T0, tie, tie)
    assert cursor.accept(first, total=5, has_more=True) == first
    assert cursor.request()["starting_after"] == tie + timedelta(milliseconds=1)
    again = [first[1], first[2], *people(tie, start=10)]
    fresh = cursor.accept(again, total=5, has_more=False)
    assert [c.id for c in fresh] == ["cust_10"]
    assert not cursor.has_more and cursor.loaded == 4


def test_ascending_cursor_moves_one_ms_back():
    cursor = ListCursor(ListQuery(order="created_at"), page_size=2)
    cursor.accept(people(T0, T0 + timedelta(seconds=1)), total=9, has_more=True)
    assert cursor.request()["starting_after"] == T0 + timedelta(seconds=1, milliseconds=-1)


def test_a_page_that_is_all_one_tie_steps_past_it_instead_of_looping():
    cursor = ListCursor(ListQuery(), page_size=2)
    page = people(T0, T0)
    cursor.accept(page, total=10, has_more=True)
    cursor.accept(page, total=10, has_more=True)  # same rows again: nothing new
    assert cursor.request()["starting_after"] == T0


def test_page_numbered_orders_stop_at_the_apis_page_99():
    cursor = ListCursor(ListQuery(order="source_id"), page_size=1)
    for n in range(1, 100):
        assert cursor.request()["page"] == n
        cursor.accept(people(T0, start=n), total=500, has_more=True)
    assert not cursor.has_more and cursor.capped


def test_query_maps_to_the_clients_filter_names():
    query = ListQuery(
        email=" a@b.c ",
        city="Kraków",
        segment_id="seg_1",
        created_after=date(2024, 1, 1),
        updated_before=date(2025, 1, 1),
    )
    assert query.api_filters() == {
        "order": "-created_at",
        "email": "a@b.c",
        "city": "Kraków",
        "segment_id": "seg_1",
        "created_at_after": date(2024, 1, 1),
        "updated_at_before": date(2025, 1, 1),
    }


def test_query_state_round_trips_and_damaged_state_falls_back_to_defaults():
    query = ListQuery(name="Ann", created_before=date(2024, 2, 2), order="-updated_at")
    assert ListQuery.from_state(query.to_state()) == query
    assert ListQuery.from_state({"order": "sideways"}) == ListQuery()
    assert ListQuery.from_state("nonsense") == ListQuery()
    assert ListQuery.from_state({"created_after": "yesterday", "city": "Oslo"}) == ListQuery(
        city="Oslo"
    )


def test_an_empty_date_range_is_refused_with_a_readable_message():
    with pytest.raises(QueryError, match="created after must be before created before"):
        ListQuery(created_after=date(2024, 5, 1), created_before=date(2024, 1, 1))


def test_money_is_shown_as_currency_and_points_as_points():
    assert money.money(203900, "USD") == "$2,039.00"
    assert money.money(-5, "USD") == "-$0.05"
    assert money.money(None, "USD") == "—"
    assert money.points(3303) == "3,303 pts"
    assert money.points(1) == "1 pt"


def test_times_read_relative_and_absolute():
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert when.relative(now - timedelta(days=3, hours=2), now) == "3 days ago"
    assert when.relative(now + timedelta(hours=2), now) == "in 2 hours"
    assert when.relative(now, now) == "just now"
    assert when.both(now - timedelta(minutes=1), now) == "1 minute ago (2026-01-01 11:59 UTC)"
