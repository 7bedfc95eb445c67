"""Deterministic seed data for the sandbox: `seed_database(conn, customers=N, seed=S)`.

Fills the tables of schema.sql in one transaction with realistic customers, their activity,
redeemables and segment memberships. The same (seed, customers, now_ms) always gives the same
database, byte for byte; `now_ms` defaults to a fixed instant (SEED_NOW_MS) so that demos and
snapshot tests see the same dates on every machine. Stdlib only: `random.Random(seed)`.

Above FULL_HISTORY_LIMIT customers each customer keeps a shorter activity history (creation
plus its latest few events) so that a million customers seed in minutes.
"""

from __future__ import annotations

import gc
import json
import math
import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from vtui.sandbox.seed_activity import ActivityWriter
from vtui.sandbox.seed_people import PeopleFactory, Person, random_id
from vtui.sandbox.seed_segments import SEGMENTS, compile_rule
from vtui.sandbox.seed_time import api_ts
from vtui.sandbox.seed_wallet import Holding, Order, WalletFactory, summarize

MAX_CUSTOMERS = 1_000_000
SEED_VERSION = 1  # bump whenever the data for a given (seed, size, now_ms) changes
SEED_NOW_MS = 1_767_225_600_000  # 2026-01-01T00:00:00.000Z: seeded data is "as of" this
FULL_HISTORY_LIMIT = 200_000
LIGHT_HISTORY = 2  # events kept besides customer.created above FULL_HISTORY_LIMIT
CHUNK = 2_000
_DAY_MS = 86_400_000
_SPAN_MS = 4 * 365 * _DAY_MS + _DAY_MS  # created_at spreads over ~4 years before now
_SEEDED_TABLES = ("customers", "events", "redeemables", "segments", "segment_members")
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

Progress = Callable[[int, int], None]


def seed_database(
    conn: sqlite3.Connection,
    *,
    customers: int,
    seed: int,
    progress: Progress | None = None,
    now_ms: int | None = None,
) -> None:
    """Seed an empty sandbox database; on any error nothing is written.

    Opens and commits its own transaction unless the caller already has one open (then the
    caller commits or rolls back). Reports progress(done, total) after every chunk.
    """
    _check_arguments(customers, seed, now_ms)
    _require_empty(conn)
    now = SEED_NOW_MS if now_ms is None else now_ms
    own_transaction = not conn.in_transaction
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while the indexes grow
    if own_transaction:
        conn.execute("BEGIN")
    # The seeder allocates millions of small acyclic objects; the cycle collector would only
    # rescan them (10-15% of the run). Paused for the run, restored after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        indexes = _drop_indexes(conn)
        _Seeder(conn, customers, seed, now, progress).run()
        for sql in indexes:  # building an index once is far cheaper than growing it
            conn.execute(sql)
    except BaseException:
        if own_transaction:
            conn.rollback()
        raise
    else:
        if own_transaction:
            conn.commit()
    finally:
        if collecting:
            gc.enable()
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")


def _check_arguments(customers: object, seed: object, now_ms: object) -> None:
    if isinstance(customers, bool) or not isinstance(customers, int):
        raise TypeError(f"customers must be an int, not {type(customers).__name__}")
    if not 0 <= customers <= MAX_CUSTOMERS:
        raise ValueError(f"customers must be between 0 and {MAX_CUSTOMERS:,}, got {customers:,}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    if now_ms is not None and (
        isinstance(now_ms, bool) or not isinstance(now_ms, int) or now_ms < 2 * _SPAN_MS
    ):
        raise ValueError(f"now_ms must be epoch milliseconds after 1978, got {now_ms!r}")


def _drop_indexes(conn: sqlite3.Connection) -> list[str]:
    """Drop the seeded tables' secondary indexes; return the SQL that recreates them.

    Read from the schema itself, so whatever indexes the store defines come back as they were.
    """
    marks = ",".join("?" * len(_SEEDED_TABLES))
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY name",
        _SEEDED_TABLES,
    ).fetchall()
    for name, _ in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def _require_empty(conn: sqlite3.Connection) -> None:
    for table in _SEEDED_TABLES:
        if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
            raise ValueError(f"cannot seed: table {table!r} is not empty (seed an empty database)")


@dataclass(slots=True)
class _Built:
    """One customer, built but not yet written (referees may still change a referrer)."""

    created_ms: int
    updated_ms: int | None
    person: Person
    orders: list[Order]
    holdings: list[Holding]
    failed: int


class _Seeder:
    def __init__(
        self, conn: sqlite3.Connection, n: int, seed: int, now: int, progress: Progress | None
    ) -> None:
        self._conn = conn
        self._n = n
        self._seed = seed
        self._now = now
        self._progress = progress
        self._rng = rng = random.Random(seed)
        self._people = PeopleFactory(rng, now)
        self._wallet = WalletFactory(rng, now)
        self._activity = ActivityWriter(rng, now)
        self._segments = [
            (random_id(rng, "seg_"), spec, compile_rule(spec.rule) if spec.rule else None)
            for spec in SEGMENTS
        ]
        self._event_id = 0  # events written so far; ids derive from it
        self._holder_id = (0x0E << 64) | (rng.getrandbits(24) << 36)
        self._light = n > FULL_HISTORY_LIMIT

    def run(self) -> None:
        times = self._created_times()
        if self._progress is not None:
            self._progress(0, self._n)
        for start in range(0, self._n, CHUNK):
            stop = min(self._n, start + CHUNK)
            pool: list[Holding] = []  # referral codes a later customer may use
            built = [self._build(i, times[i], pool) for i in range(start, stop)]
            self._write(built, seq_base=start + 1)
            if self._progress is not None:
                self._progress(stop, self._n)
        self._write_segments()
        self._conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [
                ("seed", str(self._seed)),
                ("size", str(self._n)),
                ("seed_now_ms", str(self._now)),
                ("seed_version", str(SEED_VERSION)),
            ],
        )

    def _created_times(self) -> list[int]:
        """Sorted created_at values, denser lately, with some exact ties (import bursts)."""
        rng = self._rng
        start = self._now - _SPAN_MS
        width = _SPAN_MS - 3_600_000
        times = sorted(start + int(width * math.sqrt(rng.random())) for _ in range(self._n))
        i = 1
        while i < self._n:
            roll = rng.random()
            if roll < 0.015:
                times[i] = times[i - 1]
                i += 1
            elif roll < 0.017:
                end = min(self._n, i + 2 + int(rng.random() * 15))
                for j in range(i, end):
                    times[j] = times[i - 1]
                i = end
            else:
                i += 1
        return times

    def _build(self, index: int, created: int, pool: list[Holding]) -> _Built:
        rng = self._rng
        wallet = self._wallet
        orders = wallet.orders(created)
        paid = [o.amount for o in orders if o.status == "PAID"]
        avg = sum(paid) // len(paid) if paid else 0
        person = self._people.make(index, created, len(paid), avg)
        holdings = wallet.holdings(person.id, created)
        if pool and rng.random() < 0.08:
            code = pool[int(rng.random() * len(pool))]
            if code.created_ms < created:
                ms = min(self._now, created + 1 + int(rng.random() * 60_000))
                holdings.append(wallet.referee(code, person.id, ms))
        pool.extend(h for h in holdings if h.role == "REFERRER")
        failed = 1 + int(rng.random() * 2) if holdings and rng.random() < 0.12 else 0
        updated = None
        if rng.random() < 0.35:
            updated = created + 1 + int(rng.random() * (self._now - created - 1))
        return _Built(created, updated, person, orders, holdings, failed)

    def _write(self, built: list[_Built], seq_base: int) -> None:
        rng = self._rng
        customer_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        holder_rows: list[tuple[Any, ...]] = []
        member_rows: list[tuple[str, int, int]] = []
        for seq, b in enumerate(built, start=seq_base):
            p = b.person
            created = b.created_ms
            entered: list[tuple[int, str, str]] = []
            view = _customer_view(p)
            for seg_id, spec, matches in self._segments:
                if matches(view) if matches else rng.random() < spec.static_share:
                    member_rows.append((seg_id, created, seq))
                    if spec.emits_events:
                        ms = created + 1 + int(rng.random() * (self._now - created - 1))
                        entered.append((ms, seg_id, spec.name))
            address = _DUMPS(p.address) if p.address is not None else None
            metadata = _DUMPS(p.metadata) if p.metadata is not None else None
            events = self._activity.history(
                created,
                _snapshot(p, created, address, metadata),
                f'{{"id":"{p.id}","object":"customer"}}',
                b.updated_ms,
                b.orders,
                b.holdings,
                b.failed,
                entered,
            )
            if self._light:
                events = [events[0], *events[1:][-LIGHT_HISTORY:]]
            first_event = self._event_id
            self._event_id += len(events)
            event_rows.extend(
                (
                    f"evcus_{_EVENT_BASE + n * 0x1B3:018x}",
                    p.id,
                    kind,
                    category,
                    camp_id,
                    camp_type,
                    data,
                    f"v-{(n * _GROUP_MIX) & _GROUP_MASK:018x}",  # a request id, no rng draw
                    ms,
                )
                for n, (ms, _, kind, category, camp_id, camp_type, data) in enumerate(
                    events, start=first_event + 1
                )
            )
            for h in sorted(b.holdings, key=lambda h: h.created_ms):
                self._holder_id += 0x2C9
                c = h.campaign
                holder_rows.append(
                    (
                        f"rh_{self._holder_id:018x}",
                        p.id,
                        h.voucher_id,
                        "voucher",
                        h.role,
                        c.id,
                        c.type,
                        c.voucher_type,
                        h.status,
                        h.voucher_json(),
                        h.created_ms,
                    )
                )
            summary, loyalty, referrals = summarize(b.holdings, b.orders, b.failed)
            customer_rows.append(
                (
                    seq,
                    p.id,
                    p.source_id,
                    p.name,
                    p.email,
                    p.phone,
                    p.description,
                    p.birthdate,
                    p.birthday,
                    p.address["city"] if p.address else None,
                    address,
                    metadata,
                    summary,
                    loyalty,
                    referrals,
                    "{}",
                    created,
                    b.updated_ms,
                    b.updated_ms or created,
                )
            )
        conn = self._conn
        conn.executemany(
            "INSERT INTO customers (seq, id, source_id, name, email, phone, description,"
            " birthdate, birthday, city, address, metadata, summary, loyalty, referrals,"
            " system_metadata, created_at, updated_at, touched_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            customer_rows,
        )
        conn.executemany(
            "INSERT INTO events (id, customer_id, type, category, campaign_id, campaign_type,"
            " data, group_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            event_rows,
        )
        conn.executemany(
            "INSERT INTO redeemables (id, customer_id, redeemable_id, redeemable_object,"
            " holder_role, campaign_id, campaign_type, voucher_type, status, voucher, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            holder_rows,
        )
        conn.executemany(
            "INSERT INTO segment_members (segment_id, created_at, customer_seq) VALUES (?, ?, ?)",
            member_rows,
        )

    def _write_segments(self) -> None:
        first = self._now - _SPAN_MS
        rows = [
            (
                seg_id,
                spec.name,
                "auto-update" if spec.rule else "static",
                _DUMPS(spec.rule) if spec.rule else None,
                first + k * 97 * _DAY_MS + k * 1_234,
            )
            for k, (seg_id, spec, _) in enumerate(self._segments)
        ]
        self._conn.executemany(
            "INSERT INTO segments (id, name, type, filter, created_at) VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def _customer_view(p: Person) -> dict[str, Any]:
    """The profile fields segment rules look at, in the API's shape."""
    return {
        "id": p.id,
        "source_id": p.source_id,
        "name": p.name,
        "description": p.description,
        "email": p.email,
        "phone": p.phone,
        "birthdate": p.birthdate,
        "birthday": p.birthday,
        "address": p.address,
        "metadata": p.metadata,
    }


def _str(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'


def _snapshot(p: Person, created_ms: int, address: str | None, metadata: str | None) -> str:
    """The customer as customer.created records it (our strings hold no JSON escapes)."""
    return (
        f'{{"id":"{p.id}","source_id":{_str(p.source_id)},"name":{_str(p.name)},'
        f'"description":{_str(p.description)},"email":{_str(p.email)},'
        f'"phone":{_str(p.phone)},"birthdate":{_str(p.birthdate)},'
        f'"birthday":{_str(p.birthday)},"address":{address or "null"},'
        f'"metadata":{metadata or "{}"},"created_at":"{api_ts(created_ms)}",'
        '"object":"customer"}'
    )


_EVENT_BASE = 0x0C3A5F << 48  # evcus_ + 18 hex digits, increasing with seq
_GROUP_MIX = 0x9E3779B97F4A7C15
_GROUP_MASK = (1 << 68) - 1
