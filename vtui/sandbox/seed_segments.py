"""Seeded segments, and a fast evaluator of their rules to pick the members.

Auto-update rules are JSON: `{"all": [{"field": "address.country", "op": "eq", "value": ...}]}`
over dotted paths of the customer object. The semantics are the store's
(vtui/sandbox/segments.py), which re-evaluates rules on every write; this module compiles
the same semantics into closures because the seeder evaluates them millions of times:
a missing key and JSON null both count as missing; `exists`/`missing` test that; `ne` holds
for a missing value, every other op fails on one; `eq`/`ne`/`in` compare with ==;
`gte`/`lte` compare numbers with numbers and strings with strings (YYYY-MM-DD dates as
strings); `contains` is substring on strings and element membership on lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Rule = dict[str, list[dict[str, Any]]]
_MISSING = object()
_OPS = frozenset({"eq", "ne", "in", "exists", "missing", "gte", "lte", "contains"})


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    name: str
    rule: Rule | None  # None: a static segment
    static_share: float = 0.0  # static segments: the share of customers that are members
    emits_events: bool = False  # "active" segments record customer.segment.entered


def _all(*conditions: tuple[str, str, Any]) -> Rule:
    return {"all": [{"field": f, "op": op, "value": v} for f, op, v in conditions]}


SEGMENTS: tuple[SegmentSpec, ...] = (
    SegmentSpec("Customers in Poland", _all(("address.country", "eq", "Poland"))),
    SegmentSpec(
        "German and Dutch customers",
        _all(("address.country", "in", ["Germany", "Netherlands"])),
    ),
    SegmentSpec(
        "Gold and platinum members",
        _all(("metadata.tier", "in", ["gold", "platinum"])),
        emits_events=True,
    ),
    SegmentSpec("VIP customers", _all(("metadata.vip", "eq", True)), emits_events=True),
    SegmentSpec("No email on file", _all(("email", "missing", None))),
    SegmentSpec("Frequent buyers", _all(("metadata.lifetime_orders", "gte", 5))),
    SegmentSpec("Gmail users", _all(("email", "contains", "@gmail.com"))),
    SegmentSpec(
        "Newsletter subscribers (not imported)",
        _all(
            ("metadata.newsletter", "eq", True),
            ("metadata.signup_channel", "exists", None),
            ("metadata.signup_channel", "ne", "import"),
        ),
    ),
    SegmentSpec("Born before 1970", _all(("birthdate", "lte", "1969-12-31"))),
    SegmentSpec("Nike fans", _all(("metadata.favorite_brands", "contains", "Nike"))),
    SegmentSpec("Beta testers", None, static_share=0.02),
    SegmentSpec("Black Friday winners", None, static_share=0.01),
    SegmentSpec("Imported from the legacy CRM", None, static_share=0.05),
)


def lookup(obj: Any, path: str) -> Any:
    """The value at a dotted path, or _MISSING."""
    for part in path.split("."):
        if not isinstance(obj, dict):
            return _MISSING
        obj = obj.get(part, _MISSING)
        if obj is _MISSING or obj is None:
            return _MISSING
    return obj


def _ordered(a: Any, b: Any) -> bool:
    """Whether a and b are comparable under the rule semantics."""
    numbers = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    return (isinstance(a, numbers) and isinstance(b, numbers)) or (
        isinstance(a, str) and isinstance(b, str)
    )


def condition_matches(value: Any, op: str, expected: Any) -> bool:
    """One condition, `value` being lookup()'s result."""
    if op == "exists":
        return value is not _MISSING
    if op == "missing":
        return value is _MISSING
    if op == "ne":
        return value is _MISSING or bool(value != expected)
    if value is _MISSING:
        return False
    if op == "eq":
        return bool(value == expected)
    if op == "in":
        return isinstance(expected, list) and value in expected
    if op == "gte":
        return _ordered(value, expected) and value >= expected
    if op == "lte":
        return _ordered(value, expected) and value <= expected
    if op == "contains":
        if isinstance(value, str):
            return isinstance(expected, str) and expected in value
        return isinstance(value, list) and expected in value
    raise ValueError(f"unknown segment rule op {op!r}")


def _getter(path: str) -> Callable[[dict[str, Any]], Any]:
    """A fast `lookup` for one path; None stands for missing."""
    parts = path.split(".")
    if len(parts) == 1:
        key = parts[0]
        return lambda c: c.get(key)
    if len(parts) == 2:
        outer, inner = parts

        def two(c: dict[str, Any]) -> Any:
            v = c.get(outer)
            return v.get(inner) if isinstance(v, dict) else None

        return two

    def deep(c: dict[str, Any]) -> Any:
        v = lookup(c, path)
        return None if v is _MISSING else v

    return deep


def _test(op: str, expected: Any) -> Callable[[Any], bool]:
    """condition_matches(value, op, expected) for a present value, specialised for speed."""
    if op == "eq" and isinstance(expected, str):
        return lambda v: v == expected
    if op == "in" and isinstance(expected, list) and all(isinstance(e, str) for e in expected):
        choices = frozenset(expected)
        return lambda v: isinstance(v, str) and v in choices
    if op == "contains" and isinstance(expected, str):
        return lambda v: (
            (expected in v) if isinstance(v, str) else (isinstance(v, list) and expected in v)
        )
    return lambda v: condition_matches(v, op, expected)


def compile_rule(rule: Rule) -> Callable[[dict[str, Any]], bool]:
    """A fast predicate over an API-shaped customer dict, same semantics as the above."""
    checks: list[tuple[Callable[[dict[str, Any]], Any], str, Callable[[Any], bool]]] = []
    for c in rule["all"]:
        op = c["op"]
        if op not in _OPS:
            raise ValueError(f"unknown segment rule op {op!r}")
        checks.append((_getter(c["field"]), op, _test(op, c.get("value"))))

    def matches(customer: dict[str, Any]) -> bool:
        for get, op, test in checks:
            v = get(customer)
            if op == "exists":
                if v is None:
                    return False
            elif op == "missing":
                if v is not None:
                    return False
            elif op == "ne":
                if v is not None and not test(v):
                    return False
            elif v is None or not test(v):
                return False
        return True

    return matches
