"""Pydantic models of every request and response of the Customers and Async Actions APIs.

Names load lazily (PEP 562): listing customers never builds the activity, redeemable or
async-action models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vtui.lazy_names import lazy_names

if TYPE_CHECKING:
    from vtui.api.models.activity import (
        ActivityCategory,
        ActivityData,
        ActivityPage,
        CustomerActivity,
        EventSource,
    )
    from vtui.api.models.async_action import (
        AsyncAction,
        AsyncActionList,
        AsyncActionRef,
        AsyncActionResult,
        AsyncActionStatus,
        AsyncActionType,
        BulkError,
        CustomersBulkUpdateResult,
        CustomersImportResult,
        CustomersMetadataUpdateResult,
        ImportFailure,
    )
    from vtui.api.models.base import APIModel, RequestModel
    from vtui.api.models.customer import (
        Address,
        Customer,
        CustomerBulkUpdate,
        CustomerCreate,
        CustomerLoyalty,
        CustomerMetadataBulkUpdate,
        CustomerPage,
        CustomerReferrals,
        CustomerSummary,
        CustomerUpdate,
        PermanentDeletion,
    )
    from vtui.api.models.error import ErrorBody
    from vtui.api.models.redeemable import (
        CustomerRedeemable,
        Discount,
        Gift,
        HolderRole,
        LoyaltyCard,
        RedeemablePage,
        RedeemableStatus,
        Voucher,
        VoucherType,
    )
    from vtui.api.models.segment import Segment, SegmentList
    from vtui.api.timestamps import format_timestamp

_WHERE: dict[str, str] = {
    "ActivityCategory": "vtui.api.models.activity",
    "ActivityData": "vtui.api.models.activity",
    "ActivityPage": "vtui.api.models.activity",
    "CustomerActivity": "vtui.api.models.activity",
    "EventSource": "vtui.api.models.activity",
    "AsyncAction": "vtui.api.models.async_action",
    "AsyncActionList": "vtui.api.models.async_action",
    "AsyncActionRef": "vtui.api.models.async_action",
    "AsyncActionResult": "vtui.api.models.async_action",
    "AsyncActionStatus": "vtui.api.models.async_action",
    "AsyncActionType": "vtui.api.models.async_action",
    "BulkError": "vtui.api.models.async_action",
    "CustomersBulkUpdateResult": "vtui.api.models.async_action",
    "CustomersImportResult": "vtui.api.models.async_action",
    "CustomersMetadataUpdateResult": "vtui.api.models.async_action",
    "ImportFailure": "vtui.api.models.async_action",
    "APIModel": "vtui.api.models.base",
    "RequestModel": "vtui.api.models.base",
    "format_timestamp": "vtui.api.timestamps",
    "Address": "vtui.api.models.customer",
    "Customer": "vtui.api.models.customer",
    "CustomerBulkUpdate": "vtui.api.models.customer",
    "CustomerCreate": "vtui.api.models.customer",
    "CustomerLoyalty": "vtui.api.models.customer",
    "CustomerMetadataBulkUpdate": "vtui.api.models.customer",
    "CustomerPage": "vtui.api.models.customer",
    "CustomerReferrals": "vtui.api.models.customer",
    "CustomerSummary": "vtui.api.models.customer",
    "CustomerUpdate": "vtui.api.models.customer",
    "PermanentDeletion": "vtui.api.models.customer",
    "ErrorBody": "vtui.api.models.error",
    "CustomerRedeemable": "vtui.api.models.redeemable",
    "Discount": "vtui.api.models.redeemable",
    "Gift": "vtui.api.models.redeemable",
    "HolderRole": "vtui.api.models.redeemable",
    "LoyaltyCard": "vtui.api.models.redeemable",
    "RedeemablePage": "vtui.api.models.redeemable",
    "RedeemableStatus": "vtui.api.models.redeemable",
    "Voucher": "vtui.api.models.redeemable",
    "VoucherType": "vtui.api.models.redeemable",
    "Segment": "vtui.api.models.segment",
    "SegmentList": "vtui.api.models.segment",
}

__all__ = [
    "APIModel",
    "ActivityCategory",
    "ActivityData",
    "ActivityPage",
    "Address",
    "AsyncAction",
    "AsyncActionList",
    "AsyncActionRef",
    "AsyncActionResult",
    "AsyncActionStatus",
    "AsyncActionType",
    "BulkError",
    "Customer",
    "CustomerActivity",
    "CustomerBulkUpdate",
    "CustomerCreate",
    "CustomerLoyalty",
    "CustomerMetadataBulkUpdate",
    "CustomerPage",
    "CustomerRedeemable",
    "CustomerReferrals",
    "CustomerSummary",
    "CustomerUpdate",
    "CustomersBulkUpdateResult",
    "CustomersImportResult",
    "CustomersMetadataUpdateResult",
    "Discount",
    "ErrorBody",
    "EventSource",
    "Gift",
    "HolderRole",
    "ImportFailure",
    "LoyaltyCard",
    "PermanentDeletion",
    "RedeemablePage",
    "RedeemableStatus",
    "RequestModel",
    "Segment",
    "SegmentList",
    "Voucher",
    "VoucherType",
    "format_timestamp",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, __all__)
