"""The customer as the API returns it, its list page, and the bodies that create or change one."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from vtui.api.models.base import APIModel, Metadata, RequestModel, Timestamp


class Address(APIModel):
    city: str | None = None
    state: str | None = None
    line_1: str | None = None
    line_2: str | None = None
    country: str | None = None
    postal_code: str | None = None


class GiftSummary(APIModel):
    redeemed_amount: int | None = None
    amount_to_go: int | None = None


class LoyaltyCardSummary(APIModel):
    redeemed_points: int | None = None
    points_to_go: int | None = None


class RedemptionsSummary(APIModel):
    total_redeemed: int | None = None
    total_failed: int | None = None
    total_succeeded: int | None = None
    total_rolled_back: int | None = None
    total_rollback_failed: int | None = None
    total_rollback_succeeded: int | None = None
    gift: GiftSummary | None = None
    loyalty_card: LoyaltyCardSummary | None = None


class OrdersSummary(APIModel):
    """Money in integer cents; only PAID or FULFILLED orders count."""

    total_amount: int | None = None
    total_count: int | None = None
    average_amount: int | None = None
    last_order_amount: int | None = None
    last_order_date: Timestamp | None = None


class CustomerSummary(APIModel):
    redemptions: RedemptionsSummary | None = None
    orders: OrdersSummary | None = None


class LoyaltyCampaign(APIModel):
    points: int | None = None
    loyalty_tier: str | None = None
    referred_customers: int | None = None


class CustomerLoyalty(APIModel):
    points: int | None = None
    referred_customers: int | None = None
    campaigns: dict[str, LoyaltyCampaign] | None = None
    """Keyed by campaign name."""


class ReferralCampaign(APIModel):
    campaign_id: str | None = None
    referrer_id: str | None = None
    related_object_id: str | None = None
    related_object_type: str | None = None
    date: Timestamp | None = None


class CustomerReferrals(APIModel):
    total: int | None = None
    campaigns: list[ReferralCampaign] | None = None


class CustomerAssets(APIModel):
    cockpit_url: str | None = None
    cockpit_preference_center_url: str | None = None


class Customer(APIModel):
    """A customer (`CustomerWithSummaryLoyaltyReferrals`); only `id` and `object` are relied on."""

    id: str
    source_id: str | None = None
    name: str | None = None
    description: str | None = None
    email: str | None = None
    phone: str | None = None
    birthday: date | None = None
    birthdate: date | None = None
    address: Address | None = None
    metadata: Metadata | None = None
    system_metadata: Metadata | None = None
    summary: CustomerSummary | None = None
    loyalty: CustomerLoyalty | None = None
    referrals: CustomerReferrals | None = None
    assets: CustomerAssets | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    object: str = "customer"


class CustomerPage(APIModel):
    """One page of `GET /v1/customers`; the API gives no cursor, `iterate()` derives it."""

    object: str = "list"
    data_ref: str = "customers"
    customers: list[Customer] = Field(default_factory=list)
    total: int | None = None
    has_more: bool | None = None


class PermanentDeletionCounts(APIModel):
    events: int | None = None
    customer_events: int | None = None
    daily_events: int | None = None
    segments: int | None = None
    orders: int | None = None
    order_events: int | None = None
    customer: int | None = None


class PermanentDeletion(APIModel):
    """Result of a permanent deletion; the API's `object` really is `pernament_deletion`."""

    id: str
    created_at: Timestamp | None = None
    related_object_id: str | None = None
    related_object: str | None = None
    status: str | None = None
    data_json: PermanentDeletionCounts | None = None
    object: str = "pernament_deletion"


class _CustomerFields(RequestModel):
    name: str | None = None
    description: str | None = None
    email: str | None = None
    phone: str | None = None
    birthday: date | None = None
    birthdate: date | None = None
    address: Address | None = None
    metadata: Metadata | None = None


class CustomerCreate(_CustomerFields):
    """Body of `POST /v1/customers`, which upserts when `id` or `source_id` already exists."""

    id: str | None = None
    source_id: str | None = None


class CustomerUpdate(_CustomerFields):
    """Partial body of `PUT /v1/customers/{id}`: unset fields stay as they are, None clears."""


class CustomerBulkUpdate(_CustomerFields):
    """One item of `POST /v1/customers/bulk/async`; the API matches (or upserts) by source_id."""

    source_id: str = Field(min_length=1)


class CustomerMetadataBulkUpdate(RequestModel):
    """Body of `POST /v1/customers/metadata/async`: the same metadata for every source_id."""

    source_ids: list[str]
    metadata: Metadata
