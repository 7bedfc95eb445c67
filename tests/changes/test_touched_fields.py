"""Only touched fields count (issue 12, case 10): an edit checks and sends what the user
changed, never a stored value they left alone."""

from __future__ import annotations

from vtui.changes import fields as cf
from vtui.changes.journal import Journal
from vtui.changes.writes import Changes

STORED = {
    "name": "Ann Lee",
    "email": "ann@example.com",
    "phone": "+1 (555) 010-9999 ext. 12345",
    "description": None,
    "birthdate": None,
    "address": {"line_1": "Main Street 1 ", "city": "Lodz", "country": "PL"},
    "metadata": {"vip": True, "tier": "gold"},
}


def typed(**changes: object) -> dict[str, object]:
    """The form's fields as typed: inputs strip surrounding spaces."""
    out = {**STORED, "address": {**STORED["address"], "line_1": "Main Street 1"}}
    out["metadata"] = dict(STORED["metadata"])
    out.update(changes)
    return out


def test_an_untouched_stored_phone_vtui_would_refuse_never_blocks_a_name_change():
    assert cf.check_phone(STORED["phone"])  # vtui's own check refuses it if typed
    edit = cf.touched(STORED, typed(name="Ann Smith"))
    assert edit.ok and edit.body == {"name": "Ann Smith"}
    assert [c.path for c in edit.changes] == ["name"]


def test_a_touched_phone_is_checked():
    edit = cf.touched(STORED, typed(phone="call me"))
    assert not edit.ok and "Phone" in edit.problems[0]


def test_a_trailing_space_the_input_stripped_is_not_sent():
    edit = cf.touched(STORED, typed())
    assert edit.body == {} and edit.changes == []


def test_an_address_edit_sends_the_untouched_lines_exactly_as_read():
    after = typed()
    after["address"] = {**after["address"], "city": "Krakow"}
    edit = cf.touched(STORED, after)
    assert edit.body["address"]["line_1"] == "Main Street 1 "
    assert edit.body["address"]["city"] == "Krakow"
    assert [c.path for c in edit.changes] == ["address.city"]


def test_metadata_sends_every_key_with_untouched_ones_unchanged_and_checks_new_keys():
    after = typed(metadata={"vip": True, "tier": "silver", "bad key": 1})
    edit = cf.touched(STORED, after)
    assert edit.body["metadata"] == {"vip": True, "tier": "silver", "bad key": 1}
    assert edit.problems == ["Metadata key 'bad key' must not contain spaces"]


def test_clearing_a_field_sends_null():
    edit = cf.touched(STORED, typed(email=""))
    assert edit.body == {"email": None}


async def test_a_name_change_saves_on_a_customer_with_an_unusual_phone(client):
    person = await client.customers.create(
        {
            "source_id": "odd-phone",
            "name": "Ann Lee",
            "phone": STORED["phone"],
            "address": {"line_1": "Main Street 1 ", "city": "Lodz"},
        }
    )
    before = cf.editable(person)
    after = {
        **before,
        "name": "Ann Smith",
        "address": {**before["address"], "line_1": "Main Street 1"},
    }
    edit = cf.touched(before, after)
    assert edit.ok
    saved = await Changes(client, Journal(), "demo").update(person, edit.body)
    assert saved.name == "Ann Smith" and saved.phone == STORED["phone"]
    assert saved.address is not None and saved.address.line_1 == "Main Street 1 "


def test_check_fields_with_before_checks_only_what_changed():
    edited = {**STORED, "name": "Ann Smith"}
    assert cf.check_fields(edited) != []  # the stored phone, checked as if typed
    assert cf.check_fields(edited, before=STORED) == []
    assert cf.check_fields({**edited, "email": "nope"}, before=STORED) == [
        "Email must look like name@example.com"
    ]
    address = {**STORED["address"], "line_1": 5}
    assert cf.check_fields({**STORED, "address": address}, before=STORED) == [
        "address.line_1 must be a string or null"
    ]
