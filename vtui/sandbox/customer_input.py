"""Checks a customer body (create, update, bulk, CSV row) before anything is written.

Returns only the fields the body sets, so callers can tell "omitted" (left unchanged)
from an explicit null (cleared). Keys that are not customer fields (`object`,
`created_at`, `summary`…) are ignored, so a client may send back an object it read.
"""

from __future__ import annotations

from typing import Any

from vtui.sandbox.errors import ApiError, invalid_payload
from vtui.sandbox.timestamps import is_calendar_date

TEXT_FIELDS = ("name", "description", "email", "phone")
DATE_FIELDS = ("birthdate", "birthday")
ADDRESS_KEYS = ("city", "state", "line_1", "line_2", "country", "postal_code")
# Every field a write may set, in the order of the API's object.
CUSTOMER_FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, "address", "metadata")


def parse_fields(body: Any, *, identifiers: tuple[str, ...] = ()) -> dict[str, Any]:
    """The customer fields `body` sets, validated; `identifiers` names id keys it may carry."""
    if not isinstance(body, dict):
        raise invalid_payload("The request body must be a JSON object")
    fields: dict[str, Any] = {}
    for key in (*identifiers, *TEXT_FIELDS):
        if key in body:
            fields[key] = _text(key, body[key])
    for key in DATE_FIELDS:
        if key in body:
            value = _text(key, body[key])
            if value is not None and not is_calendar_date(value):
                raise invalid_payload(f"Property .{key} must be a date in the format YYYY-MM-DD")
            fields[key] = value
    if "address" in body:
        fields["address"] = _address(body["address"])
    if "metadata" in body:
        metadata = body["metadata"]
        if metadata is not None and not isinstance(metadata, dict):
            raise invalid_payload("Property .metadata must be an object")
        fields["metadata"] = metadata
    return fields


def _text(key: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise invalid_payload(f"Property .{key} must be a string")


def _address(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid_payload("Property .address must be an object")
    address: dict[str, Any] = {}
    for key in ADDRESS_KEYS:
        if key in value:
            address[key] = _text(f"address.{key}", value[key])
    return address


def reject_source_id_change(body: dict[str, Any], current: str | None) -> None:
    """source_id is immutable: a PUT that tries to change it fails loudly, not silently."""
    if "source_id" in body and body["source_id"] != current:
        raise ApiError(
            400,
            {
                "code": 400,
                "key": "invalid_customer",
                "message": "Invalid customer",
                "details": "Property .source_id cannot be changed after the customer is created",
            },
        )
