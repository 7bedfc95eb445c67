"""Segments a customer belongs to (`GET /v1/customers/{id}/segments`)."""

from __future__ import annotations

from pydantic import Field

from vtui.api.models.base import APIModel


class Segment(APIModel):
    id: str
    name: str | None = None
    object: str = "segment"


class SegmentList(APIModel):
    """Not paginated: the API returns every segment at once."""

    object: str = "list"
    data_ref: str = "data"
    data: list[Segment] = Field(default_factory=list)
    total: int | None = None

    @property
    def segments(self) -> list[Segment]:
        return self.data
