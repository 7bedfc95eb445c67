"""GET /v1/customers: filters, orders, the `starting_after` date cursor, `total`, `has_more`.

`updated_at[before|after]` and `order=updated_at` use `touched_at` (updated_at, or
created_at for a customer never updated), the schema's sort and filter key.

Every single filter or order walks an index of schema.sql, so a page stays cheap at a
million rows. `total` is counted once per filter set and database generation (a write
anywhere invalidates it), never per page.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from vtui.sandbox import customers
from vtui.sandbox.errors import invalid_query
from vtui.sandbox.query import parse_date, parse_int, parse_limit

_SMALL = 5000  # a filtered set this small is cheaper to sort than to find by walking an order
ORDERS = ("created_at", "-created_at", "updated_at", "-updated_at", "source_id", "-source_id")


class CustomerLister:
    """Runs list queries and remembers their totals until the data changes."""

    def __init__(self) -> None:
        self._totals: dict[tuple[Any, ...], int] = {}
        self._generation = -1

    def page(self, conn: sqlite3.Connection, params: Mapping[str, str], generation: int) -> str:
        """The list response as JSON text (customers are encoded straight from their rows)."""
        limit = parse_limit(params)
        page = parse_int(params, "page", 1, 99, 1)
        order = params.get("order") or "-created_at"
        if order not in ORDERS:
            raise invalid_query(f"Property .order must be one of {', '.join(ORDERS)}")
        segment_id = params.get("segment_id") or None
        # With a segment, walk its member index (segment, created_at, seq) instead.
        created, seq = (
            ("m.created_at", "m.customer_seq") if segment_id else ("c.created_at", "c.seq")
        )
        source = "customers c"
        where: list[str] = []
        args: list[Any] = []
        implied: list[tuple[str, Any]] = []  # page-query hints that do not change the set
        if segment_id:
            source = "segment_members m JOIN customers c ON c.seq = m.customer_seq"
            where.append("m.segment_id = ?")
            args.append(segment_id)
        for name in ("email", "name", "city"):
            value = params.get(name)
            if value:
                where.append(f"c.{name} = ?")
                args.append(value)
        for key, column, op in (
            ("created_at[before]", created, "<"),
            ("created_at[after]", created, ">"),
            ("updated_at[before]", "c.touched_at", "<"),
            ("updated_at[after]", "c.touched_at", ">"),
        ):
            moment = parse_date(params, key)
            if moment is not None:
                where.append(f"{column} {op} ?")
                args.append(moment)
                if key == "updated_at[before]":
                    # touched_at >= created_at, so this bound holds for created_at too and
                    # lets the created_at index skip everyone created after it.
                    implied.append((f"{created} < ?", moment))
        total = self._total(conn, source, where, args, generation)
        for condition, value in implied:
            where.append(condition)
            args.append(value)

        key, ascending = {
            "created_at": (created, True),
            "-created_at": (created, False),
            "updated_at": ("c.touched_at", True),
            "-updated_at": ("c.touched_at", False),
            "source_id": ("c.source_id", True),
            "-source_id": ("c.source_id", False),
        }[order]
        cursor = parse_date(params, "starting_after")
        if cursor is not None:
            # A date cursor on created_at: after it ascending, before it otherwise.
            column = "c.touched_at" if order == "updated_at" else created
            where.append(f"{column} {'>' if order in ('created_at', 'updated_at') else '<'} ?")
            args.append(cursor)
        direction = "ASC" if ascending else "DESC"
        tie = seq if key != "c.touched_at" else "c.seq"
        if total <= _SMALL and any("touched_at" in w for w in where) and key != "c.touched_at":
            # Few matches of an updated_at range: read them by that index and sort them,
            # rather than walk the order's index past a million rows that do not match.
            key = f"+{key}"
        sql = (
            f"SELECT c.* FROM {source}"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + f" ORDER BY {key} {direction}, {tie} {direction} LIMIT ? OFFSET ?"
        )
        rows = conn.execute(sql, (*args, limit + 1, (page - 1) * limit)).fetchall()
        items = ",".join(customers.encode(row) for row in rows[:limit])
        more = "true" if len(rows) > limit else "false"
        return (
            f'{{"object":"list","data_ref":"customers","customers":[{items}],'
            f'"total":{total},"has_more":{more}}}'
        )

    def _total(
        self,
        conn: sqlite3.Connection,
        source: str,
        where: list[str],
        args: list[Any],
        generation: int,
    ) -> int:
        if generation != self._generation:
            self._totals.clear()
            self._generation = generation
        cache_key = (source, *where, *args)
        if cache_key not in self._totals:
            sql = f"SELECT COUNT(*) FROM {source}" + (
                f" WHERE {' AND '.join(where)}" if where else ""
            )
            if source.startswith("segment_members") and len(where) == 1:
                sql = "SELECT COUNT(*) FROM segment_members m WHERE m.segment_id = ?"
            self._totals[cache_key] = int(conn.execute(sql, args).fetchone()[0])
        return self._totals[cache_key]
