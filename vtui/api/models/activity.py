"""Customer activity (`GET /v1/customers/{id}/activity`), paged by event id."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from vtui.api.models.base import APIModel, Timestamp


class ActivityCategory(StrEnum):
    """Values of the `category` filter; the activity object itself carries no category."""

    ACTION = "ACTION"
    EFFECT = "EFFECT"


class EventSourceUser(APIModel):
    id: str | None = None


class EventSourceAPIKey(APIModel):
    name: str | None = None
    app_id: str | None = None


class EventSource(APIModel):
    channel: str | None = None
    """USER_PORTAL, API, CLIENT_API, INTERNAL, or a value added later."""
    user: EventSourceUser | None = None
    api_key: EventSourceAPIKey | None = None


class ActivityData(APIModel):
    data: dict[str, Any] | None = None
    """The event-specific payload; its shape depends on the event type."""
    event_source: EventSource | None = None


class CustomerActivity(APIModel):
    id: str
    type: str | None = None
    """An event name such as `customer.created`; unknown names are kept as they come."""
    data: ActivityData | None = None
    created_at: Timestamp | None = None
    group_id: str | None = None


class ActivityPage(APIModel):
    object: str = "list"
    data_ref: str = "data"
    data: list[CustomerActivity] = Field(default_factory=list)
    total: int | None = None
    has_more: bool | None = None
    more_starting_after: str | None = None

    @property
    def activities(self) -> list[CustomerActivity]:
        return self.data
