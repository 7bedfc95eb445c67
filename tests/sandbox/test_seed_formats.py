"""The seeder's small formatters: timestamps, patterns, ids and the segment rule evaluator."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from vtui.sandbox import segments as store_segments
from vtui.sandbox.seed_people import fill, random_code, random_id
from vtui.sandbox.seed_segments import SEGMENTS, Rule, compile_rule
from vtui.sandbox.seed_time import api_ts, iso_date, voucher_ts

INSTANTS = [0, 1, 999, 1_000, 86_399_999, 951_782_400_123, 1_767_225_599_999, 4_102_444_800_000]


@pytest.mark.parametrize("ms", INSTANTS)
def test_api_timestamps_match_the_standard_library(ms: int) -> None:
    expected = datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    assert api_ts(ms) == f"{expected}.{ms % 1000:03d}Z"
    assert iso_date(ms) == expected[:10]


def test_voucher_timestamps_use_offsets_and_short_or_micro_fractions() -> None:
    assert voucher_ts(1_711_129_698_570) == "2024-03-22T17:48:18.57+00:00"
    assert voucher_ts(1_711_129_698_500) == "2024-03-22T17:48:18.50+00:00"
    assert voucher_ts(1_711_129_698_000) == "2024-03-22T17:48:18.00+00:00"
    assert voucher_ts(1_711_129_705_910, 974) == "2024-03-22T17:48:25.910974+00:00"
    for text in (voucher_ts(1_711_129_698_571), voucher_ts(5, 1)):
        assert datetime.fromisoformat(text).tzinfo is not None


@pytest.mark.parametrize(
    ("pattern", "shape"),
    [
        ("+1 (###) ###-####", r"\+1 \(\d{3}\) \d{3}-\d{4}"),
        ("0#-###", r"0\d-\d{3}"),
        ("SW# #@@", r"SW\d \d[A-Z]{2}"),
        ("10## @@", r"10\d\d [A-Z]{2}"),
        ("Apt #@", r"Apt \d[A-Z]"),
    ],
)
def test_patterns_expand_digits_and_letters(pattern: str, shape: str) -> None:
    rng = random.Random(3)
    assert all(re.fullmatch(shape, fill(pattern, rng)) for _ in range(200))


def test_ids_and_codes_have_the_documented_alphabet() -> None:
    rng = random.Random(4)
    assert re.fullmatch(r"cust_[0-9A-Za-z]{24}", random_id(rng, "cust_"))
    assert re.fullmatch(r"v_[0-9A-Za-z]{32}", random_id(rng, "v_", 32))
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", random_code(rng, 8))


CUSTOMERS: list[dict[str, Any]] = [
    {},
    {"email": None, "address": None, "metadata": None},
    {"email": "a@gmail.com", "address": {"country": "Poland"}, "metadata": {"tier": "gold"}},
    {"email": "b@wp.pl", "address": {"country": "Germany", "city": None}},
    {"metadata": {"vip": True, "lifetime_orders": 5, "favorite_brands": ["Nike", "Puma"]}},
    {"metadata": {"vip": 1, "lifetime_orders": 4.5, "favorite_brands": "Nike Air"}},
    {"metadata": {"newsletter": True, "signup_channel": "import"}},
    {"metadata": {"newsletter": True, "signup_channel": "web"}},
    {"metadata": {"newsletter": True}},
    {"birthdate": "1969-12-31"},
    {"birthdate": "1970-01-01"},
    {"birthdate": 1960},
]


def test_compiled_rules_agree_with_the_store_evaluator() -> None:
    extra: list[Rule] = [
        {"all": [{"field": "metadata.tier", "op": "ne", "value": "gold"}]},
        {"all": [{"field": "address.city", "op": "exists"}]},
        {"all": [{"field": "metadata.lifetime_orders", "op": "lte", "value": 4.5}]},
        {"all": [{"field": "a.b.c", "op": "missing"}]},
    ]
    rules = [spec.rule for spec in SEGMENTS if spec.rule] + extra
    for rule in rules:
        compiled = compile_rule(rule)
        for customer in CUSTOMERS:
            assert compiled(customer) == store_segments.matches(rule, customer), (rule, customer)


def test_an_unknown_rule_op_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown segment rule op"):
        compile_rule({"all": [{"field": "email", "op": "like", "value": "%"}]})
