"""The seeded project's campaigns: discount coupons, gift cards, loyalty and referral programs.

Some have ended, one has not started yet, so the holders' redeemables get every status.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from vtui.sandbox.seed_people import random_id
from vtui.sandbox.seed_time import iso_date

SEED_CURRENCY = "EUR"
"""The seeded project's currency (ISO 4217): every amount in cents below is in euros.

Voucherify's customer API never says a currency; the seeded customers live in eight
countries, and most of them (Germany, France, Spain, Italy, the Netherlands) pay in euros.
"""
_DAY_MS = 86_400_000
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(frozen=True, slots=True)
class Campaign:
    id: str
    name: str
    type: str  # DISCOUNT_COUPONS | GIFT_VOUCHERS | LOYALTY_PROGRAM | REFERRAL_PROGRAM
    voucher_type: str  # DISCOUNT_VOUCHER | GIFT_VOUCHER | LOYALTY_CARD
    discount: dict[str, Any] | None = None
    starts_ms: int | None = None
    expires_ms: int | None = None
    single_use: bool = True
    gift_amounts: tuple[int, ...] = ()
    tiers: tuple[str, ...] = ()
    discount_json: str = field(init=False, default="null")

    def __post_init__(self) -> None:
        if self.discount is not None:  # the voucher JSON reuses it for every holder
            object.__setattr__(self, "discount_json", _DUMPS(self.discount))


def make_campaigns(rng: random.Random, now_ms: int) -> dict[str, Campaign]:
    """The project's campaigns, keyed by a short role name used by the seeder."""

    def cid() -> str:
        return random_id(rng, "camp_")

    year = int(iso_date(now_ms)[:4])
    return {
        "welcome": Campaign(
            cid(),
            "Welcome Discount",
            "DISCOUNT_COUPONS",
            "DISCOUNT_VOUCHER",
            {"type": "PERCENT", "percent_off": 10, "effect": "APPLY_TO_ORDER"},
        ),
        "black_friday": Campaign(
            cid(),
            f"Black Friday {year - 1}",
            "DISCOUNT_COUPONS",
            "DISCOUNT_VOUCHER",
            {"type": "AMOUNT", "amount_off": 2000, "effect": "APPLY_TO_ORDER"},
            expires_ms=now_ms - 30 * _DAY_MS,
        ),
        "summer": Campaign(
            cid(),
            "Summer Sale",
            "DISCOUNT_COUPONS",
            "DISCOUNT_VOUCHER",
            {
                "type": "PERCENT",
                "percent_off": 15.5,
                "amount_limit": 5000,
                "effect": "APPLY_TO_ITEMS",
            },
            expires_ms=now_ms + 60 * _DAY_MS,
            single_use=False,
        ),
        "spring": Campaign(
            cid(),
            f"Spring Preview {year + 1}",
            "DISCOUNT_COUPONS",
            "DISCOUNT_VOUCHER",
            {"type": "FIXED", "fixed_amount": 9900, "effect": "APPLY_TO_ITEMS"},
            starts_ms=now_ms + 90 * _DAY_MS,
        ),
        "shipping": Campaign(
            cid(),
            "Free Shipping",
            "DISCOUNT_COUPONS",
            "DISCOUNT_VOUCHER",
            {"type": "AMOUNT", "amount_off": 499, "effect": "APPLY_TO_ORDER"},
            single_use=False,
        ),
        "gift": Campaign(
            cid(),
            "Gift Cards",
            "GIFT_VOUCHERS",
            "GIFT_VOUCHER",
            single_use=False,
            gift_amounts=(2500, 5000, 10000, 20000),
        ),
        "holiday_gift": Campaign(
            cid(),
            f"Holiday Gift Cards {year - 2}",
            "GIFT_VOUCHERS",
            "GIFT_VOUCHER",
            expires_ms=now_ms - 200 * _DAY_MS,
            single_use=False,
            gift_amounts=(5000, 15000),
        ),
        "loyalty": Campaign(
            cid(),
            "Loyalty Club",
            "LOYALTY_PROGRAM",
            "LOYALTY_CARD",
            single_use=False,
            tiers=tuple(random_id(rng, "ltr_") for _ in range(3)),
        ),
        "coffee": Campaign(
            cid(),
            "Coffee Rewards",
            "LOYALTY_PROGRAM",
            "LOYALTY_CARD",
            single_use=False,
            tiers=(random_id(rng, "ltr_"),),
        ),
        "referral": Campaign(
            cid(),
            "Refer a Friend",
            "REFERRAL_PROGRAM",
            "DISCOUNT_VOUCHER",
            {"type": "AMOUNT", "amount_off": 1000, "effect": "APPLY_TO_ORDER"},
            single_use=False,
        ),
    }


OWNER_KINDS = (  # campaigns a customer may hold, with weights
    ("welcome", 14),
    ("black_friday", 10),
    ("summer", 9),
    ("spring", 4),
    ("shipping", 8),
    ("gift", 14),
    ("holiday_gift", 5),
    ("loyalty", 18),
    ("coffee", 8),
    ("referral", 10),
)
