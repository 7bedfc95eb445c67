"""What a customer holds (`GET /v1/customers/{id}/redeemables`): vouchers, gift, loyalty cards."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import Field

from vtui.api.models.base import APIModel, Metadata, Timestamp


class VoucherType(StrEnum):
    GIFT_VOUCHER = "GIFT_VOUCHER"
    DISCOUNT_VOUCHER = "DISCOUNT_VOUCHER"
    LOYALTY_CARD = "LOYALTY_CARD"


class HolderRole(StrEnum):
    OWNER = "OWNER"
    REFERRER = "REFERRER"
    REFEREE = "REFEREE"


class RedeemableStatus(StrEnum):
    ACTIVE = "ACTIVE"
    USED = "USED"
    DISABLED = "DISABLED"
    NOT_ACTIVE_YET = "NOT_ACTIVE_YET"
    EXPIRED = "EXPIRED"
    NO_BALANCE = "NO_BALANCE"


class Discount(APIModel):
    """One of AMOUNT, PERCENT, FIXED, UNIT; money fields in cents, the rest kept as sent."""

    type: str | None = None
    amount_off: int | None = None
    percent_off: float | None = None
    fixed_amount: int | None = None
    amount_limit: int | None = None
    aggregated_amount_limit: int | None = None
    unit_off: float | None = None
    unit_type: str | None = None
    effect: str | None = None
    is_dynamic: bool | None = None


class Gift(APIModel):
    """Gift card credits in cents: balance = amount - subtracted_amount - redeemed."""

    amount: int | None = None
    subtracted_amount: int | None = None
    balance: int | None = None
    effect: str | None = None


class LoyaltyCard(APIModel):
    points: int | None = None
    balance: int | None = None
    next_expiration_date: date | None = None
    next_expiration_points: int | None = None
    pending_points: int | None = None
    expired_points: int | None = None
    subtracted_points: int | None = None


class PublishSummary(APIModel):
    object: str | None = None
    count: int | None = None
    url: str | None = None


class RedemptionSummary(APIModel):
    quantity: int | None = None
    redeemed_quantity: int | None = None
    redeemed_points: int | None = None
    redeemed_amount: int | None = None
    object: str | None = None
    url: str | None = None


class Voucher(APIModel):
    id: str | None = None
    code: str | None = None
    campaign: str | None = None
    campaign_id: str | None = None
    category: str | None = None
    category_id: str | None = None
    categories: list[dict[str, Any]] | None = None
    type: str | None = None
    discount: Discount | None = None
    gift: Gift | None = None
    loyalty_card: LoyaltyCard | None = None
    start_date: Timestamp | None = None
    expiration_date: Timestamp | None = None
    validity_timeframe: dict[str, Any] | None = None
    validity_day_of_week: list[int] | None = None
    validity_hours: dict[str, Any] | None = None
    active: bool | None = None
    additional_info: str | None = None
    metadata: Metadata | None = None
    assets: dict[str, Any] | None = None
    is_referral_code: bool | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    referrer_id: str | None = None
    holder_id: str | None = None
    publish: PublishSummary | None = None
    redemption: RedemptionSummary | None = None
    object: str | None = None


class RedeemableDetail(APIModel):
    type: str | None = None
    status: str | None = None
    """One of RedeemableStatus, or a value added later."""
    voucher: Voucher | None = None


class CustomerRedeemable(APIModel):
    """A holder record (`rh_...`) linking the customer to a redeemable."""

    id: str
    created_at: Timestamp | None = None
    redeemable_id: str | None = None
    redeemable_object: str | None = None
    customer_id: str | None = None
    holder_role: str | None = None
    campaign_id: str | None = None
    campaign_type: str | None = None
    voucher_type: str | None = None
    redeemable: RedeemableDetail | None = None


class RedeemablePage(APIModel):
    object: str = "list"
    data_ref: str = "data"
    data: list[CustomerRedeemable] = Field(default_factory=list)
    total: int | None = None
    has_more: bool | None = None
    more_starting_after: str | None = None

    @property
    def redeemables(self) -> list[CustomerRedeemable]:
        return self.data
