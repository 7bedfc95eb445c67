"""The seeder: deterministic, varied, internally consistent data in the store's schema."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import vtui.sandbox.seed as seed_module
from vtui.sandbox import segments as store_segments
from vtui.sandbox.seed import SEED_NOW_MS, seed_database
from vtui.sandbox.seed_places import BRANDS, COUNTRIES, DESCRIPTIONS, INTERESTS
from vtui.sandbox.seed_time import api_ts

SCHEMA = Path(seed_module.__file__).with_name("schema.sql").read_text(encoding="utf-8")
TABLES = ("customers", "events", "redeemables", "segments", "segment_members", "meta")
SIZE = 1_500


def fresh_db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    return conn


def seeded_db(customers: int, seed: int, **kwargs: Any) -> sqlite3.Connection:
    conn = fresh_db()
    seed_database(conn, customers=customers, seed=seed, **kwargs)
    return conn


def dump_hash(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    for table in TABLES:
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def index_sql(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
    return sorted((name, sql or "") for name, sql in rows)


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    """A seeded database, shared read-only by the tests of this module."""
    conn = seeded_db(SIZE, 11)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def api_customer(row: sqlite3.Row) -> dict[str, Any]:
    """The customer object as the API shows it (what segment rules and the SDK see)."""
    out: dict[str, Any] = {
        k: row[k] for k in ("id", "source_id", "name", "email", "phone", "description", "birthdate")
    }
    out["birthday"] = row["birthday"]
    for k in ("address", "metadata", "summary", "loyalty", "referrals", "system_metadata"):
        out[k] = json.loads(row[k]) if row[k] is not None else None
    out["created_at"] = api_ts(row["created_at"])
    out["updated_at"] = api_ts(row["updated_at"]) if row["updated_at"] else None
    out["object"] = "customer"
    return out


# --- determinism -------------------------------------------------------------------------


def test_same_seed_and_size_give_the_same_database_byte_for_byte() -> None:
    assert dump_hash(seeded_db(400, 5)) == dump_hash(seeded_db(400, 5))


def test_another_seed_or_size_gives_another_database() -> None:
    reference = dump_hash(seeded_db(400, 5))
    assert dump_hash(seeded_db(400, 6)) != reference
    assert dump_hash(seeded_db(401, 5)) != reference


def test_default_now_is_a_fixed_instant_so_dates_do_not_drift() -> None:
    assert dump_hash(seeded_db(50, 1)) == dump_hash(seeded_db(50, 1, now_ms=SEED_NOW_MS))


def test_now_ms_moves_the_whole_history_before_it() -> None:
    now = SEED_NOW_MS + 400 * 86_400_000
    conn = seeded_db(300, 2, now_ms=now)
    newest = conn.execute("SELECT MAX(created_at), MAX(touched_at) FROM customers").fetchone()
    assert SEED_NOW_MS < newest[0] < now and newest[1] <= now
    assert conn.execute("SELECT MAX(created_at) FROM events").fetchone()[0] <= now


# --- sizes, progress, bad input ----------------------------------------------------------


def test_size_zero_writes_segments_and_meta_but_no_customers() -> None:
    conn = seeded_db(0, 3)
    assert conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0] >= 12
    assert (
        dict(conn.execute("SELECT key, value FROM meta")).items()
        >= {"seed": "3", "size": "0"}.items()
    )


def test_size_one_is_a_whole_customer() -> None:
    conn = seeded_db(1, 3)
    assert conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 1
    first = conn.execute("SELECT type FROM events ORDER BY created_at, seq LIMIT 1").fetchone()
    assert first == ("customer.created",)


def test_progress_is_reported_per_chunk_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    size = seed_module.CHUNK * 2 + 7
    seeded_db(size, 4, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, size) and calls[-1] == (size, size)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) == 1 + 3


@pytest.mark.parametrize(
    ("customers", "error"),
    [(-1, ValueError), (1_000_001, ValueError), (True, TypeError), ("10", TypeError)],
)
def test_bad_sizes_are_refused_with_a_clear_message(customers: Any, error: type) -> None:
    conn = fresh_db()
    with pytest.raises(error, match="customers"):
        seed_database(conn, customers=customers, seed=1)
    assert conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0] == 0


def test_seeding_a_database_that_has_customers_is_refused_and_changes_nothing() -> None:
    conn = seeded_db(20, 1)
    before = dump_hash(conn)
    with pytest.raises(ValueError, match="not empty"):
        seed_database(conn, customers=20, seed=2)
    assert dump_hash(conn) == before


def test_a_failure_mid_seed_rolls_everything_back_indexes_included() -> None:
    conn = fresh_db()
    indexes = index_sql(conn)

    def explode(done: int, total: int) -> None:
        if done > 0:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        seed_database(conn, customers=seed_module.CHUNK + 1, seed=1, progress=explode)
    assert not conn.in_transaction
    assert gc.isenabled()  # the collector, paused while seeding, runs again
    for table in TABLES:
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    assert index_sql(conn) == indexes


def test_indexes_are_back_after_seeding() -> None:
    conn = fresh_db()
    indexes = index_sql(conn)
    seed_database(conn, customers=30, seed=1)
    assert index_sql(conn) == indexes


def test_an_open_transaction_of_the_caller_is_left_to_the_caller() -> None:
    conn = fresh_db()
    conn.execute("BEGIN")
    seed_database(conn, customers=10, seed=1)
    assert conn.in_transaction
    conn.rollback()
    assert conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 0


# --- ids ---------------------------------------------------------------------------------


def test_ids_are_well_formed_and_unique(db: sqlite3.Connection) -> None:
    patterns = {
        "customers": r"cust_[0-9A-Za-z]{24}",
        "events": r"evcus_[0-9a-f]{18}",
        "redeemables": r"rh_[0-9a-f]{18}",
        "segments": r"seg_[0-9A-Za-z]{24}",
    }
    for table, pattern in patterns.items():
        ids = [r[0] for r in db.execute(f"SELECT id FROM {table}")]
        assert ids and len(ids) == len(set(ids))
        assert all(re.fullmatch(pattern, i) for i in ids), table
    vouchers = [r[0] for r in db.execute("SELECT redeemable_id FROM redeemables")]
    assert all(re.fullmatch(r"v_[0-9A-Za-z]{32}", v) for v in vouchers)
    groups = [r[0] for r in db.execute("SELECT group_id FROM events")]
    assert all(re.fullmatch(r"v-[0-9a-f]{18}", g) for g in groups)


def test_event_and_holder_ids_increase_with_insertion_order(db: sqlite3.Connection) -> None:
    for table in ("events", "redeemables"):
        ids = [r[0] for r in db.execute(f"SELECT id FROM {table} ORDER BY seq")]
        assert ids == sorted(ids), table


def test_customer_seq_follows_created_at(db: sqlite3.Connection) -> None:
    created = [r[0] for r in db.execute("SELECT created_at FROM customers ORDER BY seq")]
    assert created == sorted(created)
    assert tuple(db.execute("SELECT MIN(seq), MAX(seq) FROM customers").fetchone()) == (1, SIZE)


# --- variety -----------------------------------------------------------------------------


def test_people_live_in_several_countries_with_local_formats(db: sqlite3.Connection) -> None:
    countries = Counter(
        json.loads(r[0])["country"]
        for r in db.execute("SELECT address FROM customers WHERE address IS NOT NULL")
    )
    assert len(countries) >= 6
    postal = {
        json.loads(r[0])["postal_code"]
        for r in db.execute(
            "SELECT address FROM customers WHERE address LIKE '%\"Poland\"%'"
            " AND address NOT LIKE '%\"postal_code\":null%'"
        )
    }
    assert postal and all(re.fullmatch(r"\d\d-\d\d\d", p) for p in postal)
    phones = [r[0] for r in db.execute("SELECT phone FROM customers WHERE phone IS NOT NULL")]
    assert {p.split(" ")[0] for p in phones} >= {"+1", "+48", "+49", "+44"}


def test_some_profiles_lack_email_source_id_address_or_metadata(db: sqlite3.Connection) -> None:
    for column in ("email", "source_id", "address", "phone", "birthdate", "metadata", "name"):
        missing = db.execute(f"SELECT COUNT(*) FROM customers WHERE {column} IS NULL").fetchone()
        assert 0 < missing[0] < SIZE, column


def test_source_ids_mix_emails_crm_numbers_and_slashes(db: sqlite3.Connection) -> None:
    ids = [r[0] for r in db.execute("SELECT source_id FROM customers WHERE source_id IS NOT NULL")]
    assert any("@" in i for i in ids)
    assert any(re.fullmatch(r"crm-\d+", i) for i in ids)
    assert any("/" in i for i in ids)


def test_emails_are_unique_ignoring_case(db: sqlite3.Connection) -> None:
    emails = [r[0].lower() for r in db.execute("SELECT email FROM customers WHERE email != ''")]
    assert len(emails) == len(set(emails))


def test_metadata_values_have_mixed_types(db: sqlite3.Connection) -> None:
    kinds: set[type] = set()
    keys: set[str] = set()
    for (text,) in db.execute("SELECT metadata FROM customers WHERE metadata IS NOT NULL"):
        meta = json.loads(text)
        keys |= meta.keys()
        kinds |= {type(v) for v in meta.values()}
    assert kinds >= {str, int, float, bool, list, dict}
    assert keys >= {"tier", "lang", "signup_channel", "vip", "favorite_brands", "lifetime_orders"}


def test_created_at_spreads_over_years_with_exact_ties(db: sqlite3.Connection) -> None:
    low, high = db.execute("SELECT MIN(created_at), MAX(created_at) FROM customers").fetchone()
    assert high - low > 3 * 365 * 86_400_000
    ties = db.execute(
        "SELECT COUNT(*) FROM (SELECT created_at FROM customers GROUP BY 1 HAVING COUNT(*) > 1)"
    ).fetchone()[0]
    assert ties > 5


def test_some_customers_were_updated_after_creation(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT created_at, updated_at, touched_at FROM customers").fetchall()
    updated = [r for r in rows if r[1] is not None]
    assert 0.2 * SIZE < len(updated) < 0.5 * SIZE
    assert all(r[0] < r[1] <= SEED_NOW_MS for r in updated)
    assert all(r[2] == (r[1] if r[1] is not None else r[0]) for r in rows)


def test_wallets_hold_every_type_role_and_status(db: sqlite3.Connection) -> None:
    def values(column: str) -> set[str]:
        return {r[0] for r in db.execute(f"SELECT DISTINCT {column} FROM redeemables")}

    assert values("voucher_type") == {"DISCOUNT_VOUCHER", "GIFT_VOUCHER", "LOYALTY_CARD"}
    assert values("holder_role") == {"OWNER", "REFERRER", "REFEREE"}
    assert values("status") == {
        "ACTIVE",
        "USED",
        "DISABLED",
        "NOT_ACTIVE_YET",
        "EXPIRED",
        "NO_BALANCE",
    }
    assert values("campaign_type") == {
        "DISCOUNT_COUPONS",
        "GIFT_VOUCHERS",
        "LOYALTY_PROGRAM",
        "REFERRAL_PROGRAM",
    }


def test_activity_has_many_kinds_with_both_categories(db: sqlite3.Connection) -> None:
    kinds = {r[0] for r in db.execute("SELECT DISTINCT type FROM events")}
    assert len(kinds) >= 10
    categories = {r[0] for r in db.execute("SELECT DISTINCT category FROM events")}
    assert categories == {"ACTION", "EFFECT"}


def test_word_lists_hold_nothing_that_json_would_escape() -> None:
    """The seeder writes JSON from templates; that is only safe for plain strings."""
    words: list[str] = [*BRANDS, *INTERESTS, *DESCRIPTIONS]
    for c in COUNTRIES:
        words += [c.name, c.phone, c.line_1, *c.line_2, *c.first_female, *c.first_male]
        words += [*c.last, *c.streets, *c.domains]
        words += [x for city in c.cities for x in (city.name, city.state, city.postal)]
    assert not [w for w in words if json.dumps(w, ensure_ascii=False)[1:-1] != w]


# --- consistency -------------------------------------------------------------------------


def test_every_json_column_parses(db: sqlite3.Connection) -> None:
    for table, columns in {
        "customers": ("address", "metadata", "summary", "loyalty", "referrals"),
        "events": ("data",),
        "redeemables": ("voucher",),
        "segments": ("filter",),
    }.items():
        for row in db.execute(f"SELECT {', '.join(columns)} FROM {table}"):
            for text in row:
                if text is not None:
                    json.loads(text)


def test_activity_starts_with_customer_created_at_the_creation_time(
    db: sqlite3.Connection,
) -> None:
    created = dict(db.execute("SELECT id, created_at FROM customers"))
    first: dict[str, tuple[int, str]] = {}
    for cid, kind, ms in db.execute(
        "SELECT customer_id, type, created_at FROM events ORDER BY customer_id, created_at, seq"
    ):
        first.setdefault(cid, (ms, kind))
        assert created[cid] <= ms <= SEED_NOW_MS
    assert first.keys() == created.keys()
    assert all(first[c] == (created[c], "customer.created") for c in created)


def test_activity_data_nests_payload_and_event_source(db: sqlite3.Connection) -> None:
    channels: Counter[str] = Counter()
    for kind, campaign_id, text in db.execute("SELECT type, campaign_id, data FROM events"):
        data = json.loads(text)
        assert set(data) == {"data", "event_source"}
        assert data["data"]["customer"]["object"] == "customer"
        channels[data["event_source"]["channel"]] += 1
        if kind == "customer.created":
            assert "created_at" in data["data"]["customer"]
        if kind == "customer.segment.entered":
            assert data["data"]["segment"]["object"] == "segment"
        if kind.startswith("customer.redemption.succeeded"):
            assert campaign_id == data["data"]["redemption"]["voucher"]["campaign_id"]
    assert set(channels) >= {"API", "USER_PORTAL", "INTERNAL"}


def test_summary_and_loyalty_agree_with_the_redeemables(db: sqlite3.Connection) -> None:
    wallets: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in db.execute("SELECT * FROM redeemables"):
        wallets[r["customer_id"]].append(r)
    checked = 0
    for c in db.execute("SELECT id, summary, loyalty, referrals FROM customers"):
        summary, loyalty, referrals = (
            json.loads(c[k]) for k in ("summary", "loyalty", "referrals")
        )
        red = summary["redemptions"]
        gift_left = gift_used = points_left = points_used = succeeded = referred = 0
        cards: dict[str, int] = {}
        for r in wallets[c["id"]]:
            v = json.loads(r["voucher"])
            if r["holder_role"] == "REFERRER":
                referred += v["redemption"]["redeemed_quantity"]
                continue
            if r["holder_role"] == "REFEREE":
                succeeded += 1
                continue
            succeeded += v["redemption"]["redeemed_quantity"]
            if v["gift"]:
                gift_left += v["gift"]["balance"]
                gift_used += v["redemption"]["redeemed_amount"]
            if v["loyalty_card"]:
                points_left += v["loyalty_card"]["balance"]
                points_used += v["redemption"]["redeemed_points"]
                cards[v["campaign"]] = v["loyalty_card"]["balance"]
        assert red["gift"] == {"redeemed_amount": gift_used, "amount_to_go": gift_left}
        assert red["loyalty_card"] == {"redeemed_points": points_used, "points_to_go": points_left}
        assert red["total_succeeded"] == succeeded
        assert red["total_redeemed"] == red["total_succeeded"] + red["total_failed"]
        assert loyalty["points"] == points_left
        assert loyalty["referred_customers"] == referred
        assert {k: v["points"] for k, v in loyalty["campaigns"].items() if v["points"]} == {
            k: v for k, v in cards.items() if v
        }
        assert referrals["total"] == len(referrals["campaigns"])
        checked += bool(wallets[c["id"]])
    assert checked > SIZE / 2


def test_balances_follow_the_reference_formulas(db: sqlite3.Connection) -> None:
    for (text,) in db.execute("SELECT voucher FROM redeemables"):
        v = json.loads(text)
        if v["gift"]:
            g = v["gift"]
            assert (
                g["balance"]
                == g["amount"] - g["subtracted_amount"] - v["redemption"]["redeemed_amount"]
                >= 0
            )
        if v["loyalty_card"]:
            lc = v["loyalty_card"]
            spent = lc["expired_points"] + lc["subtracted_points"]
            spent += v["redemption"]["redeemed_points"]
            assert lc["balance"] == lc["points"] - spent >= 0
            assert lc["next_expiration_points"] <= lc["balance"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{2,3}\+00:00", v["created_at"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", v["updated_at"])


def test_referrals_point_at_a_real_earlier_referrer(db: sqlite3.Connection) -> None:
    created = dict(db.execute("SELECT id, created_at FROM customers"))
    referees = db.execute(
        "SELECT r.customer_id, r.redeemable_id, c.referrals FROM redeemables r"
        " JOIN customers c ON c.id = r.customer_id WHERE r.holder_role = 'REFEREE'"
    ).fetchall()
    assert referees
    for customer_id, voucher_id, text in referees:
        (item,) = json.loads(text)["campaigns"]
        referrer = item["referrer_id"]
        assert created[referrer] <= created[customer_id]
        owner = db.execute(
            "SELECT customer_id FROM redeemables WHERE redeemable_id = ? AND holder_role = ?",
            (voucher_id, "REFERRER"),
        ).fetchone()
        assert owner[0] == referrer


def test_paid_orders_match_the_order_summary_and_activity(db: sqlite3.Connection) -> None:
    paid: dict[str, list[int]] = defaultdict(list)
    for cid, text in db.execute(
        "SELECT customer_id, data FROM events WHERE type = ?", ("customer.order.paid",)
    ):
        paid[cid].append(json.loads(text)["data"]["order"]["amount"])
    for cid, text in db.execute("SELECT id, summary FROM customers"):
        orders = json.loads(text)["orders"]
        assert orders["total_count"] == len(paid[cid])
        assert orders["total_amount"] == sum(paid[cid])
        if paid[cid]:
            assert orders["average_amount"] == sum(paid[cid]) // len(paid[cid])


def test_segment_members_are_exactly_the_customers_the_store_rule_matches(
    db: sqlite3.Connection,
) -> None:
    customers = {r["seq"]: api_customer(r) for r in db.execute("SELECT * FROM customers")}
    members: dict[str, set[int]] = defaultdict(set)
    for seg_id, seq, created in db.execute(
        "SELECT m.segment_id, m.customer_seq, m.created_at FROM segment_members m"
    ):
        members[seg_id].add(seq)
        assert (
            created
            == db.execute("SELECT created_at FROM customers WHERE seq = ?", (seq,)).fetchone()[0]
        )
    kinds: Counter[str] = Counter()
    for seg in db.execute("SELECT * FROM segments"):
        kinds[seg["type"]] += 1
        assert members[seg["id"]], seg["name"]
        if seg["type"] == "auto-update":
            expected = {
                seq for seq, c in customers.items() if store_segments.matches(seg["filter"], c)
            }
            assert members[seg["id"]] == expected, seg["name"]
        else:
            assert seg["filter"] is None
    assert kinds["static"] >= 2 and kinds["auto-update"] >= 8


def test_an_empty_profile_qualifies_for_some_segment(db: sqlite3.Connection) -> None:
    rules = [r[0] for r in db.execute("SELECT filter FROM segments WHERE filter IS NOT NULL")]
    assert any(store_segments.matches(rule, {}) for rule in rules)
    ops = {c["op"] for rule in rules for c in json.loads(rule)["all"]}
    assert ops == {"eq", "ne", "in", "exists", "missing", "gte", "lte", "contains"}


def test_seeded_rows_parse_with_the_official_sdk_models(db: sqlite3.Connection) -> None:
    from voucherify.models.customer_activity import CustomerActivity
    from voucherify.models.customer_redeemable import CustomerRedeemable
    from voucherify.models.customer_with_summary_loyalty_referrals import (
        CustomerWithSummaryLoyaltyReferrals,
    )

    for row in db.execute("SELECT * FROM customers LIMIT 400"):
        parsed = CustomerWithSummaryLoyaltyReferrals.from_dict(api_customer(row))
        assert parsed is not None and parsed.id == row["id"]
    for row in db.execute("SELECT * FROM redeemables LIMIT 600"):
        item = {k: row[k] for k in ("id", "customer_id", "redeemable_id", "holder_role")}
        item |= {k: row[k] for k in ("campaign_id", "campaign_type", "voucher_type")}
        item["redeemable_object"] = "voucher"
        item["created_at"] = api_ts(row["created_at"])
        voucher = json.loads(row["voucher"])
        item["redeemable"] = {"type": "voucher", "status": row["status"], "voucher": voucher}
        parsed_item = CustomerRedeemable.from_dict(item)
        assert parsed_item is not None and parsed_item.redeemable is not None
        assert parsed_item.redeemable.voucher.code == voucher["code"]
    for row in db.execute("SELECT * FROM events LIMIT 1500"):
        event = {"id": row["id"], "type": row["type"], "data": json.loads(row["data"])}
        event |= {"created_at": api_ts(row["created_at"]), "group_id": row["group_id"]}
        assert CustomerActivity.from_dict(event) is not None


def test_large_sizes_keep_a_shorter_history_that_still_starts_with_creation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(seed_module, "FULL_HISTORY_LIMIT", 100)
    conn = seeded_db(300, 9)
    per_customer = Counter(r[0] for r in conn.execute("SELECT customer_id FROM events"))
    assert len(per_customer) == 300
    assert max(per_customer.values()) <= 1 + seed_module.LIGHT_HISTORY
    firsts = conn.execute(
        "SELECT type FROM events e WHERE seq = (SELECT MIN(seq) FROM events WHERE"
        " customer_id = e.customer_id)"
    ).fetchall()
    assert {r[0] for r in firsts} == {"customer.created"}
