"""The writable fields of a customer as plain JSON values: snapshot, diff, checks, bodies.

The form, the $EDITOR flow, the journal and undo all speak this one shape, so "what will
change" is computed once, the same way everywhere. No Textual, no HTTP.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from vtui.changes.inert import inert

if TYPE_CHECKING:
    from vtui.api import Customer

TEXT_FIELDS = ("name", "email", "phone", "description")
ADDRESS_KEYS = ("line_1", "line_2", "city", "state", "postal_code", "country")
EDITABLE = (*TEXT_FIELDS, "birthdate", "address", "metadata")
"""Every field the form and the editor change, in the order they are shown."""

Fields = dict[str, Any]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")
_THREE_DIGITS = re.compile(r"\d\D*\d\D*\d")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_METADATA_KEY = re.compile(r"^[^\s]+$")
UNSET = object()


def snapshot(customer: Customer) -> Fields:
    """id, source_id and the editable fields of `customer`, as JSON values (None when unset)."""
    out: Fields = {"id": customer.id, "source_id": customer.source_id}
    out.update(editable(customer))
    # Deprecated and not editable here, but a CSV import overwrites it: keep it for undo.
    out["birthday"] = customer.birthday.isoformat() if customer.birthday else None
    return out


def label(fields: Fields) -> str:
    """How a customer is named in messages: name, else email, source_id or id."""
    return str(
        fields.get("name") or fields.get("email") or fields.get("source_id") or fields.get("id")
    )


def editable(customer: Customer) -> Fields:
    out: Fields = {key: getattr(customer, key) for key in TEXT_FIELDS}
    out["birthdate"] = customer.birthdate.isoformat() if customer.birthdate else None
    address = customer.address
    if address is None:
        out["address"] = None
    else:
        out["address"] = {key: getattr(address, key) for key in ADDRESS_KEYS}
    out["metadata"] = dict(customer.metadata or {})
    return out


def normal(fields: Fields) -> Fields:
    """Fields in one canonical form, so an empty address equals no address, "" equals None."""
    out: Fields = {}
    for key in (*TEXT_FIELDS, "birthdate"):
        value = fields.get(key)
        out[key] = value if value not in ("", None) else None
    address = fields.get("address") or {}
    cleaned = {key: address.get(key) or None for key in ADDRESS_KEYS}
    out["address"] = cleaned if any(cleaned.values()) else None
    out["metadata"] = dict(fields.get("metadata") or {})
    return out


@dataclass(frozen=True)
class Change:
    """One line of the diff: `path` like `email`, `address.city` or `metadata.tier`."""

    path: str
    old: Any
    new: Any

    @property
    def cleared(self) -> bool:
        return self.new is None and self.old is not None

    @property
    def added(self) -> bool:
        return self.old is None and self.new is not None


def diff(before: Fields, after: Fields) -> list[Change]:
    """What changes from `before` to `after`, field by field (address and metadata by key)."""
    a, b = normal(before), normal(after)
    changes: list[Change] = []
    for key in (*TEXT_FIELDS, "birthdate"):
        if a[key] != b[key]:
            changes.append(Change(key, a[key], b[key]))
    old_addr, new_addr = a["address"] or {}, b["address"] or {}
    for key in ADDRESS_KEYS:
        if old_addr.get(key) != new_addr.get(key):
            changes.append(Change(f"address.{key}", old_addr.get(key), new_addr.get(key)))
    old_meta, new_meta = a["metadata"], b["metadata"]
    for key in list(old_meta) + [k for k in new_meta if k not in old_meta]:
        old, new = old_meta.get(key), new_meta.get(key)
        if key not in new_meta:
            changes.append(Change(f"metadata.{key}", old, None))
        elif key not in old_meta or old != new or type(old) is not type(new):
            changes.append(Change(f"metadata.{key}", old if key in old_meta else None, new))
    return changes


def update_body(before: Fields, after: Fields) -> Fields:
    """The PUT body that turns `before` into `after`: changed fields only, None clears.

    The address and metadata go whole when any of their keys changed: the API replaces them
    as objects, so sending part of one would drop the rest.
    """
    a, b = normal(before), normal(after)
    body: Fields = {}
    for key in EDITABLE:
        if a[key] != b[key] or _types_differ(a[key], b[key]):
            body[key] = b[key]
    return body


def _types_differ(old: Any, new: Any) -> bool:
    if isinstance(old, dict) and isinstance(new, dict):
        return any(type(old.get(k)) is not type(new.get(k)) for k in new)
    return False


def create_body(fields: Fields, source_id: str | None) -> Fields:
    """A create body: the set fields only (a new customer has nothing to clear)."""
    body = {key: value for key, value in normal(fields).items() if value not in (None, {})}
    if source_id:
        body["source_id"] = source_id
    return body


def apply(before: Fields | None, body: Fields) -> Fields:
    """The editable fields after a partial update `body` lands on `before` (None: a new one)."""
    out = normal(before or {})
    for key in EDITABLE:
        if key in body:
            out[key] = body[key]
    return normal(out)


# -- checks: each returns a message for a person, or None when the value is fine ------------


def check_email(value: str) -> str | None:
    if value and not _EMAIL.match(value):
        return "Email must look like name@example.com"
    return None


def check_phone(value: str) -> str | None:
    if value and not _PHONE.match(value):
        return "Phone may hold digits, spaces, + ( ) - . / only, + first"
    if value and not _THREE_DIGITS.search(value):
        return "Phone needs at least 3 digits"
    return None


def check_date(value: str, label: str = "Date") -> str | None:
    if not value:
        return None
    if not _DATE.match(value):
        return f"{label} must be YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{label} {value} is not a calendar date"
    return None


def check_metadata_key(key: str) -> str | None:
    if not key:
        return "Metadata key is empty"
    if not _METADATA_KEY.match(key):
        return f"Metadata key {key!r} must not contain spaces"
    return None


METADATA_TYPES = ("text", "number", "boolean", "date", "json")


def metadata_type(value: Any) -> str:
    """The type a metadata value is edited as."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        if not _plain(value):
            return "json"  # a newline or control: edited JSON-quoted, on one line (see below)
        return "date" if _DATE.match(value) and check_date(value) is None else "text"
    return "json"


def metadata_text(value: Any) -> str:
    """How a metadata value reads in its input."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # One line: a text with newlines or controls reads as a JSON string ("a\nb"), which
        # parses back to the same text; an input cannot hold a raw newline.
        return value if _plain(value) else json.dumps(value)
    if isinstance(value, int | float):
        return json.dumps(value)
    text = json.dumps(value, ensure_ascii=False)
    # JSON escapes C0 controls only: a bidi override or a C1 control inside would reach the
    # terminal as it is, so such a value reads all-ASCII (\u202e), which parses back the same.
    return text if inert(text) == text else json.dumps(value)


def _plain(text: str) -> bool:
    """Whether a text can sit in an input as it is (nothing a terminal would obey)."""
    return text.isprintable() and inert(text) == text


def parse_metadata_value(kind: str, text: str) -> tuple[Any, str | None]:
    """(value, problem): the typed value of `text`, or a message why it is not one."""
    if kind == "text":
        return text, None
    if kind == "number":
        if re.fullmatch(r"\s*-?\d+\s*", text):
            return int(text), None  # whole numbers exactly: float() drops digits past 2**53
        try:
            number = float(text)
        except ValueError:
            return None, f"{text!r} is not a number"
        if number != number or number in (float("inf"), float("-inf")):
            return None, f"{text!r} is not a finite number"
        return number, None
    if kind == "boolean":
        lowered = text.strip().lower()
        if lowered in ("true", "false"):
            return lowered == "true", None
        return None, "Boolean must be true or false"
    if kind == "date":
        problem = check_date(text.strip(), "Date")
        return (text.strip(), None) if problem is None and text.strip() else (None, problem)
    if kind == "json":
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            return None, f"Invalid JSON: {exc.msg} (column {exc.colno})"
    return None, f"Unknown type {kind}"


def check_fields(fields: Fields, before: Fields | None = None) -> list[str]:
    """Every problem of a set of fields (the $EDITOR flow and bulk files use this). With
    `before` (the fields as read), only the values that differ from it are checked: a
    stored value the user left alone never blocks a save."""
    if before is not None:
        fields = _touched_only(fields, before)
    problems: list[str] = []
    for key in TEXT_FIELDS:
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"{key} must be a string or null")
    for key, check in (("email", check_email), ("phone", check_phone)):
        value = fields.get(key)
        if isinstance(value, str):
            problem = check(value)
            if problem:
                problems.append(problem)
    birthdate = fields.get("birthdate")
    if birthdate is not None:
        if not isinstance(birthdate, str):
            problems.append("birthdate must be a string YYYY-MM-DD or null")
        elif problem := check_date(birthdate, "birthdate"):
            problems.append(problem)
    address = fields.get("address")
    if address is not None:
        if not isinstance(address, dict):
            problems.append("address must be an object or null")
        else:
            for key, value in address.items():
                if key not in ADDRESS_KEYS:
                    problems.append(f"address.{key} is not an address field")
                elif value is not None and not isinstance(value, str):
                    problems.append(f"address.{key} must be a string or null")
    metadata = fields.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict):
            problems.append("metadata must be an object")
        else:
            problems.extend(p for key in metadata if (p := check_metadata_key(key)))
    return problems


# -- an edit: only what the user touched counts ----------------------------------------------


@dataclass
class Edit:
    """What an edit sends: `body` holds the touched fields only (address and metadata whole,
    their untouched keys exactly as read), `changes` the diff to show, `problems` the
    checks that failed, on touched fields only."""

    body: Fields
    changes: list[Change]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _untouched(old: Any, new: Any) -> bool:
    """`new` (as typed) leaves `old` (as read) alone: equal, both empty, or `old` with only
    the surrounding spaces an input strips."""
    if old in ("", None) and new in ("", None):
        return True
    if isinstance(old, str) and isinstance(new, str):
        return new == old or new == old.strip()
    return old == new and type(old) is type(new)


def touched(before: Fields, after: Fields) -> Edit:
    """The update `after` (fields as typed) makes to `before` (fields as read): only fields
    the user changed are checked and sent. A stored phone vtui would not accept, or an
    address line with a trailing space the input stripped, neither blocks nor is sent
    unless the user edits it. For a new customer pass `before={}`."""
    body: Fields = {}
    problems: list[str] = []
    for key in (*TEXT_FIELDS, "birthdate"):
        old, new = before.get(key), after.get(key)
        if _untouched(old, new):
            continue
        body[key] = new if new not in ("", None) else None
        if isinstance(new, str) and new:
            check = {"email": check_email, "phone": check_phone}.get(key)
            problem = check(new) if check else None
            if key == "birthdate":
                problem = check_date(new, "birthdate")
            if problem:
                problems.append(problem)
    old_addr, new_addr = before.get("address") or {}, after.get("address") or {}
    hit = [k for k in ADDRESS_KEYS if not _untouched(old_addr.get(k), new_addr.get(k))]
    if hit:
        merged = {k: old_addr.get(k) for k in ADDRESS_KEYS}
        merged.update({k: new_addr.get(k) or None for k in hit})
        body["address"] = merged if any(merged.values()) else None
    old_meta = dict(before.get("metadata") or {})
    new_meta = dict(after.get("metadata") or {})
    gone = [k for k in old_meta if k not in new_meta]
    hit = [k for k in new_meta if k not in old_meta or not _untouched(old_meta[k], new_meta[k])]
    if gone or hit:
        merged = {k: v for k, v in old_meta.items() if k not in gone}
        merged.update({k: new_meta[k] for k in hit})
        body["metadata"] = merged
        problems.extend(p for k in hit if (p := check_metadata_key(k)))
    return Edit(body, diff(before, apply_raw(before, body)), problems)


def _touched_only(fields: Fields, before: Fields) -> Fields:
    out: Fields = {}
    for key, value in fields.items():
        old = before.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = {k: v for k, v in value.items() if k not in old or not _untouched(old[k], v)}
        elif key not in before or not _untouched(old, value):
            out[key] = value
    return out


def apply_raw(before: Fields, body: Fields) -> Fields:
    """`before` with `body`'s keys replaced, nothing else normalised (for showing a diff)."""
    out = {key: before.get(key) for key in EDITABLE}
    out.update({key: value for key, value in body.items() if key in EDITABLE})
    return out
