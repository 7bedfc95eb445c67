"""Shared pieces of every API model: tolerant config and the API's timestamp format."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer

from vtui.api.timestamps import format_timestamp

Timestamp = Annotated[
    datetime, PlainSerializer(format_timestamp, return_type=str, when_used="json")
]
"""A datetime that dumps to JSON in the API's own `2022-08-30T06:32:07.380Z` form."""

Metadata = dict[str, Any]


class APIModel(BaseModel):
    """Base of every response model: unknown fields are kept, so the API can grow freely.

    Schemas are built on first use (`defer_build`), which keeps `vtui` quick to start.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)


class RequestModel(BaseModel):
    """Base of request bodies: only fields the caller set are sent (`exclude_unset`)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    def to_body(self) -> dict[str, Any]:
        """The JSON body: set fields only; an explicit None is sent as null.

        Raises UnsendableValueError, naming the field, for a value JSON cannot carry:
        pydantic's JSON dump would send NaN as null, turn a lone surrogate in a key into
        U+FFFD, or fail on deep nesting without naming the field. So the plain dump is
        checked first (at C speed; the field is looked for only when it fails).
        """
        from vtui.api.json_check import check_sendable, encode_checked

        try:
            plain = self.model_dump(by_alias=True, exclude_unset=True)
        except ValueError:  # "Maximum serialization depth exceeded"
            check_sendable(self)
            raise
        encode_checked(plain, default=str)  # dates (the only other type) as ISO text
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
