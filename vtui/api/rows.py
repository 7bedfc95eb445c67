"""A page of customers as list rows, read without pydantic: what a start-up needs first.

`customers.list_rows()` asks exactly what `customers.list()` asks, and reads only the fields
a customer list can show (the id, name, email, source_id, city, country, phone, dates and
metadata) straight from the answer. Loading pydantic and
building the customer models costs more than the rest of the request; a list's first paint
does not need them. The answer's body is kept, so `page()` gives the full `CustomerPage` when
the models are wanted, with no second request.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from vtui.api.errors import ResponseFormatError
from vtui.api.timestamps import parse_timestamp

if TYPE_CHECKING:
    from vtui.api.models.customer import Customer, CustomerPage


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """The fields of one customer that a list shows."""

    id: str
    name: str | None
    email: str | None
    source_id: str | None
    city: str | None
    country: str | None
    created_at: datetime | None
    phone: str | None = None
    updated_at: datetime | None = None
    metadata: Mapping[str, Any] | None = None

    @classmethod
    def of(cls, customer: Customer) -> CustomerRow:
        address = customer.address
        return cls(
            id=customer.id,
            name=customer.name,
            email=customer.email,
            source_id=customer.source_id,
            city=address.city if address else None,
            country=address.country if address else None,
            created_at=customer.created_at,
            phone=customer.phone,
            updated_at=customer.updated_at,
            metadata=customer.metadata,
        )

    @classmethod
    def from_json(cls, item: object) -> CustomerRow:
        """One customer object of the answer; ValueError when it is not one."""
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            raise ValueError("a customer without an id")
        address = item.get("address")
        if address is not None and not isinstance(address, Mapping):
            raise ValueError("address is not an object")
        address = address or {}
        created, updated = _text(item, "created_at"), _text(item, "updated_at")
        metadata = item.get("metadata")
        if metadata is not None and not isinstance(metadata, Mapping):
            raise ValueError("metadata is not an object")
        return cls(
            id=item["id"],
            name=_text(item, "name"),
            email=_text(item, "email"),
            source_id=_text(item, "source_id"),
            city=_text(address, "city"),
            country=_text(address, "country"),
            created_at=parse_timestamp(created) if created else None,
            phone=_text(item, "phone"),
            updated_at=parse_timestamp(updated) if updated else None,
            metadata=metadata,
        )


@dataclass(frozen=True)
class CustomerRows:
    """One page of `GET /v1/customers` as rows, with the answer's body for `page()`."""

    rows: list[CustomerRow]
    total: int | None
    has_more: bool | None
    body: bytes

    @classmethod
    def parse(cls, body: bytes, what: str = "GET /v1/customers") -> CustomerRows:
        try:
            raw = json.loads(body)
            items = raw["customers"] if isinstance(raw, Mapping) else None
            if not isinstance(items, list):
                raise ValueError("no customers list")
            rows = [CustomerRow.from_json(item) for item in items]
            total, has_more = raw.get("total"), raw.get("has_more")
            if total is not None and (not isinstance(total, int) or isinstance(total, bool)):
                raise ValueError("total is not a number")
            if has_more is not None and not isinstance(has_more, bool):
                raise ValueError("has_more is not a boolean")
        except (ValueError, KeyError, TypeError) as exc:
            raise ResponseFormatError(
                f"the answer to {what} is not a valid CustomerPage: {exc}"
            ) from None
        return cls(rows=rows, total=total, has_more=has_more, body=body)

    def page(self) -> CustomerPage:
        """The same answer as `customers.list()` gives it (the models load here)."""
        from vtui.api.models.customer import CustomerPage

        try:
            return CustomerPage.model_validate_json(self.body)
        except ValueError as exc:
            raise ResponseFormatError(
                f"the answer to GET /v1/customers is not a valid CustomerPage: {exc}"
            ) from None


def _text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{key} is not text")
