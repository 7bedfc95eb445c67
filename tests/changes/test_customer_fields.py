"""Field diff and PUT bodies: only what changed, whole address/metadata, explicit clears."""

from __future__ import annotations

from vtui.changes import fields as cf

BEFORE = {
    "name": "Ann",
    "email": "ann@example.com",
    "phone": None,
    "address": {"city": "Oslo", "line_1": "Main 1"},
    "metadata": {"vip": True, "n": 1},
}


def test_unchanged_fields_are_not_sent():
    assert cf.update_body(BEFORE, dict(BEFORE)) == {}
    assert cf.diff(BEFORE, {**BEFORE, "phone": ""}) == []  # "" and None are the same


def test_an_address_change_sends_the_whole_address():
    after = {**BEFORE, "address": {"city": "Bergen", "line_1": "Main 1"}}
    body = cf.update_body(BEFORE, after)
    assert set(body) == {"address"}
    assert body["address"]["line_1"] == "Main 1" and body["address"]["city"] == "Bergen"


def test_clearing_is_an_explicit_null_and_shows_as_cleared():
    after = {**BEFORE, "name": None, "address": None}
    assert cf.update_body(BEFORE, after) == {"name": None, "address": None}
    cleared = {c.path for c in cf.diff(BEFORE, after) if c.cleared}
    assert cleared == {"name", "address.city", "address.line_1"}


def test_a_metadata_type_change_counts_even_when_python_calls_the_values_equal():
    after = {**BEFORE, "metadata": {"vip": 1, "n": 1}}  # True == 1 in Python, not in JSON
    assert [c.path for c in cf.diff(BEFORE, after)] == ["metadata.vip"]
    assert cf.update_body(BEFORE, after) == {"metadata": {"vip": 1, "n": 1}}


def test_typed_metadata_values_parse_or_say_why_not():
    assert cf.parse_metadata_value("number", "12") == (12, None)
    assert cf.parse_metadata_value("number", "1.5") == (1.5, None)
    assert cf.parse_metadata_value("boolean", "TRUE") == (True, None)
    assert cf.parse_metadata_value("json", '{"a": [1]}') == ({"a": [1]}, None)
    assert cf.parse_metadata_value("number", "nan")[1]
    assert cf.parse_metadata_value("date", "2024-02-30")[1]
    assert "Invalid JSON" in cf.parse_metadata_value("json", "{")[1]


def test_field_checks_name_the_problem():
    problems = cf.check_fields(
        {"email": "x@", "phone": "+48 12a", "birthdate": "1990-1-1", "metadata": {"a b": 1}}
    )
    assert len(problems) == 4
    assert cf.check_fields({"address": {"town": "x"}}) == ["address.town is not an address field"]
