"""Async actions (bulk jobs) and their results for the customer job types."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, SerializeAsAny, model_validator

from vtui.api.models.base import APIModel, Timestamp


class AsyncActionStatus(StrEnum):
    ENQUEUED = "ENQUEUED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    FAILED = "FAILED"


FINISHED_STATUSES = frozenset({AsyncActionStatus.DONE, AsyncActionStatus.FAILED})


class AsyncActionType(StrEnum):
    """The customer job types; any other type string is kept as it comes."""

    CUSTOMERS_IMPORT_CSV = "CUSTOMERS.IMPORT_CSV"
    CUSTOMERS_BULK_UPDATE = "CUSTOMERS.BULK_UPDATE"
    CUSTOMERS_METADATA_UPDATE = "CUSTOMERS.METADATA_UPDATE"
    CUSTOMERS_METADATA_KEY_PURGE = "CUSTOMERS.METADATA_KEY_PURGE"


class AsyncActionRef(APIModel):
    """The 202 answer of importCSV, bulk and metadata updates."""

    async_action_id: str


class ImportFailure(APIModel):
    source_id: str | None = None
    row: int | None = None
    """CSV row counted from 1, excluding the header."""
    reason: str | None = None


class BulkError(APIModel):
    message: str | None = None
    details: str | None = None
    key: str | None = None
    source_id: str | None = None


class AsyncActionResult(APIModel):
    """Any result shape; the customer types below narrow it."""

    message: str | None = None
    done_count: int | None = None
    failed_count: int | None = None


class CustomersImportResult(AsyncActionResult):
    """Result of `CUSTOMERS.IMPORT_CSV`."""

    failed: list[ImportFailure] | None = None


class CustomersBulkUpdateResult(AsyncActionResult):
    """Result of `CUSTOMERS.BULK_UPDATE` (and, per the examples, `CUSTOMERS.METADATA_UPDATE`)."""

    reports: list[str] | None = None
    reports_available_till: Timestamp | None = None
    errors: list[BulkError] | None = None


class CustomersMetadataUpdateResult(CustomersBulkUpdateResult):
    """Result of `CUSTOMERS.METADATA_UPDATE`."""


_RESULT_TYPES: dict[str, type[AsyncActionResult]] = {
    AsyncActionType.CUSTOMERS_IMPORT_CSV: CustomersImportResult,
    AsyncActionType.CUSTOMERS_BULK_UPDATE: CustomersBulkUpdateResult,
    AsyncActionType.CUSTOMERS_METADATA_UPDATE: CustomersMetadataUpdateResult,
}


class AsyncAction(APIModel):
    id: str
    type: str | None = None
    status: str | None = None
    """One of AsyncActionStatus, or a value added later."""
    operation_status: str | None = None
    result: SerializeAsAny[AsyncActionResult] | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    request_id: str | None = None
    processing_time: int | None = None
    progress: int | None = None
    object: str = "async_action"

    @model_validator(mode="before")
    @classmethod
    def _narrow_result(cls, data: Any) -> Any:
        """Parse `result` as the model its job type promises, or the generic one if it differs."""
        if not isinstance(data, dict) or not isinstance(data.get("result"), dict):
            return data
        result_type = _RESULT_TYPES.get(str(data.get("type")), AsyncActionResult)
        try:
            result: AsyncActionResult = result_type.model_validate(data["result"])
        except ValueError:
            result = AsyncActionResult.model_validate(data["result"])
        return {**data, "result": result}

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class AsyncActionList(APIModel):
    """List items carry no `result`. The only cursor the API offers is `end_date`."""

    object: str = "list"
    data_ref: str = "async_actions"
    async_actions: list[AsyncAction] = Field(default_factory=list)
    has_more: bool | None = None
