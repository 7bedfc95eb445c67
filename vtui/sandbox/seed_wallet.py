"""Seeded wallets: campaigns, the vouchers, gift cards and loyalty cards customers hold, their
orders, and the summary/loyalty/referrals objects that must agree with them.

Voucher JSON follows CUSTOMERS_API.md §4.9, nested timestamps in the `+00:00` style the real
API uses there. Balances obey the reference's formulas (gift: amount - subtracted - redeemed;
loyalty: points - expired - subtracted - redeemed). The fixed-shape JSON is written from
templates: it is the seeder's hot path, and every string in it is ours (no quotes to escape).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from vtui.sandbox.seed_campaigns import OWNER_KINDS, Campaign, make_campaigns
from vtui.sandbox.seed_people import Weighted, random_code, random_id
from vtui.sandbox.seed_time import api_ts, iso_date, voucher_ts

_DAY_MS = 86_400_000
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(slots=True)
class Holding:
    """One holder record (rh_...): a customer's link to a voucher, and what they did with it.

    A REFEREE shares its referrer's voucher (`code`), as both records show the same voucher.
    """

    campaign: Campaign
    role: str  # OWNER | REFERRER | REFEREE
    created_ms: int  # assigned to the holder
    holder_id: str
    voucher_id: str
    code: str
    voucher_created_ms: int
    active: bool = True
    status: str = "ACTIVE"
    redemptions: list[int] = field(default_factory=list)  # ms of this holder's redemptions
    uses: int = 0  # voucher.redemption.redeemed_quantity (all holders)
    gift_amount: int = 0
    gift_subtracted: int = 0
    gift_redeemed: int = 0
    gift_topups: list[tuple[int, int]] = field(default_factory=list)  # (ms, amount)
    points: int = 0
    points_expired: int = 0
    points_subtracted: int = 0
    points_redeemed: int = 0
    points_pending: int = 0
    next_expiration: tuple[str, int] | None = None  # (date, points)
    points_added: list[tuple[int, int]] = field(default_factory=list)  # (ms, points)
    referral: dict[str, Any] | None = None  # REFEREE: its referrals.campaigns[] item
    shared: Holding | None = None  # REFEREE: the referrer's holding
    asset_ids: tuple[str, str] = ("", "")
    micros: int = 0  # sub-ms digits of voucher.updated_at

    @property
    def gift_balance(self) -> int:
        return self.gift_amount - self.gift_subtracted - self.gift_redeemed

    @property
    def points_balance(self) -> int:
        return self.points - self.points_expired - self.points_subtracted - self.points_redeemed

    def voucher_json(self) -> str:
        """redeemable.voucher, as in CUSTOMERS_API.md §4.9."""
        h = self.shared or self
        c = h.campaign
        ref = c.type == "REFERRAL_PROGRAM"
        gift = card = "null"
        if c.voucher_type == "GIFT_VOUCHER":
            gift = (
                f'{{"amount":{h.gift_amount},"subtracted_amount":{h.gift_subtracted},'
                f'"balance":{h.gift_balance},"effect":"APPLY_TO_ORDER"}}'
            )
        elif c.voucher_type == "LOYALTY_CARD":
            date, nxt = h.next_expiration or (None, 0)
            card = (
                f'{{"points":{h.points},"balance":{h.points_balance},'
                f'"next_expiration_date":{_str(date)},"next_expiration_points":{nxt},'
                f'"pending_points":{h.points_pending},"expired_points":{h.points_expired},'
                f'"subtracted_points":{h.points_subtracted}}}'
            )
        last = max([h.created_ms, *h.redemptions, *(t for t, _ in h.points_added)])
        redemption = f'"quantity":{1 if c.single_use else "null"},"redeemed_quantity":{h.uses},'
        if c.voucher_type == "GIFT_VOUCHER":
            redemption += f'"redeemed_amount":{h.gift_redeemed},'
        elif c.voucher_type == "LOYALTY_CARD":
            redemption += f'"redeemed_points":{h.points_redeemed},'
        asset = f"https://dl.voucherify.io/api/v1/assets/{{}}/{h.voucher_id[2:18]}"
        return (
            f'{{"id":"{h.voucher_id}","code":"{h.code}","campaign":"{c.name}",'
            f'"campaign_id":"{c.id}","category":null,"category_id":null,"categories":[],'
            f'"type":"{c.voucher_type}","discount":{c.discount_json},"gift":{gift},'
            f'"loyalty_card":{card},'
            f'"start_date":{_str(api_ts(c.starts_ms) if c.starts_ms else None)},'
            f'"expiration_date":{_str(api_ts(c.expires_ms) if c.expires_ms else None)},'
            '"validity_timeframe":null,"validity_hours":null,"validity_day_of_week":null,'
            f'"active":{"true" if h.active else "false"},"additional_info":null,"metadata":{{}},'
            f'"assets":{{"qr":{{"id":"{h.asset_ids[0]}","url":"{asset.format("qr")}"}},'
            f'"barcode":{{"id":"{h.asset_ids[1]}","url":"{asset.format("barcode")}"}}}},'
            f'"is_referral_code":{"true" if ref else "false"},'
            f'"created_at":"{voucher_ts(h.voucher_created_ms)}",'
            f'"updated_at":"{voucher_ts(last, h.micros)}",'
            f'"referrer_id":{_str(h.holder_id if ref else None)},"holder_id":"{h.holder_id}",'
            f'"object":"voucher","redemption":{{{redemption}"object":"list",'
            f'"url":"/v1/vouchers/{h.code}/redemptions?page=1&limit=10"}},'
            f'"publish":{{"object":"list","count":1,'
            f'"url":"/v1/vouchers/{h.code}/publications?page=1&limit=10"}}}}'
        )


@dataclass(slots=True)
class Order:
    id: str
    ms: int
    amount: int
    status: str  # PAID | CANCELED


def _str(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'


class WalletFactory:
    """Makes holdings and orders for one customer at a time."""

    def __init__(self, rng: random.Random, now_ms: int) -> None:
        self._rng = rng
        self._now = now_ms
        self.campaigns = make_campaigns(rng, now_ms)
        self._kinds = Weighted(
            [self.campaigns[k] for k, _ in OWNER_KINDS], [w for _, w in OWNER_KINDS]
        )
        self._redemption = 0x0B9D4C0000000000 | (rng.getrandbits(32) << 20)

    def _between(self, start: int, end: int) -> int:
        return start + 1 + int(self._rng.random() * max(0, end - start - 1))

    def redemption_id(self) -> str:
        self._redemption += 0x2B7
        return f"r_{self._redemption:018x}"

    def orders(self, created_ms: int) -> list[Order]:
        rng = self._rng
        if rng.random() < 0.55:
            return []
        count = min(60, 1 + int(rng.expovariate(0.6)))
        times = sorted(self._between(created_ms, self._now) for _ in range(count))
        return [
            Order(
                id=random_id(rng, "ord_"),
                ms=ms,
                amount=max(300, int(rng.lognormvariate(8.3, 0.7))),
                status="CANCELED" if rng.random() < 0.06 else "PAID",
            )
            for ms in times
        ]

    def holdings(self, customer_id: str, created_ms: int) -> list[Holding]:
        rng = self._rng
        roll = rng.random()
        count = 0 if roll < 0.35 else 1 if roll < 0.65 else 2 if roll < 0.85 else 3
        if roll > 0.95:
            count = 4 + int(rng.random() * 2)
        out: list[Holding] = []
        seen: set[str] = set()
        for _ in range(count):
            campaign = self._kinds.pick(rng)
            if campaign.expires_ms is not None and campaign.expires_ms < created_ms + _DAY_MS:
                campaign = self.campaigns["shipping"]  # it ended before they arrived
            if campaign.voucher_type == "LOYALTY_CARD" or campaign.type == "REFERRAL_PROGRAM":
                if campaign.id in seen:  # one card / one referral code per program
                    campaign = self.campaigns["welcome"]
                seen.add(campaign.id)
            out.append(self._owned(campaign, customer_id, created_ms))
        return out

    def _owned(self, campaign: Campaign, customer_id: str, created_ms: int) -> Holding:
        rng = self._rng
        now = self._now
        until = min(now, campaign.expires_ms or now)
        assigned = self._between(created_ms, until)
        role = "REFERRER" if campaign.type == "REFERRAL_PROGRAM" else "OWNER"
        if campaign.voucher_type == "GIFT_VOUCHER":
            code = "GC-" + random_code(rng, 10)
        elif campaign.voucher_type == "LOYALTY_CARD":
            code = "LC-" + random_code(rng, 8)
        elif role == "REFERRER":
            code = "REF-" + random_code(rng, 6)
        else:
            code = random_code(rng, 8)
        h = Holding(
            campaign,
            role,
            assigned,
            customer_id,
            random_id(rng, "v_", 32),
            code,
            assigned - int(rng.random() * 30 * _DAY_MS),
            active=rng.random() >= 0.04,
            asset_ids=(_uuid(rng), _uuid(rng)),
            micros=int(rng.random() * 1000),
        )
        if campaign.voucher_type == "GIFT_VOUCHER":
            self._fill_gift(h, until)
        elif campaign.voucher_type == "LOYALTY_CARD":
            self._fill_loyalty(h)
        elif role == "OWNER" and campaign.starts_ms is None and h.active and assigned < until:
            uses = (
                (1 if rng.random() < 0.45 else 0) if campaign.single_use else int(rng.random() * 4)
            )
            h.redemptions = sorted(self._between(assigned, until) for _ in range(uses))
        if role == "OWNER":
            h.uses = len(h.redemptions)
        h.status = self._status(h)
        return h

    def _fill_gift(self, h: Holding, until: int) -> None:
        rng = self._rng
        amount = rng.choice(h.campaign.gift_amounts)
        if rng.random() < 0.2:
            topup = rng.choice((1000, 2500, 5000))
            h.gift_topups.append((self._between(h.created_ms, until), topup))
            amount += topup
        h.gift_amount = amount
        h.gift_subtracted = rng.choice((500, 1000)) if rng.random() < 0.05 else 0
        if h.active:
            for _ in range(int(rng.random() * 4)):
                left = h.gift_balance
                if left <= 0:
                    break
                spend = (
                    left if rng.random() < 0.3 else min(left, 100 * (5 + int(rng.random() * 60)))
                )
                h.gift_redeemed += spend
                h.redemptions.append(self._between(h.created_ms, until))
            h.redemptions.sort()

    def _fill_loyalty(self, h: Holding) -> None:
        rng = self._rng
        now = self._now
        for _ in range(1 + int(rng.random() * 2)):
            points = 10 * (5 + int(rng.random() * 50))
            h.points_added.append((self._between(h.created_ms, now), points))
            h.points += points
        h.points_added.sort()
        if rng.random() < 0.15:
            h.points_expired = (h.points // 10) * 2
        if h.points_balance > 400 and rng.random() < 0.05:
            h.points_subtracted = 100
        if h.active:
            for _ in range(int(rng.random() * 3)):
                reward = rng.choice((200, 300, 500))
                if h.points_balance < reward:
                    break
                h.points_redeemed += reward
                h.redemptions.append(self._between(h.points_added[0][0], now))
            h.redemptions.sort()
        balance = h.points_balance
        if balance:
            points = min(balance, 10 * (1 + int(rng.random() * 30)))
            h.next_expiration = (iso_date(now + (30 + int(rng.random() * 300)) * _DAY_MS), points)
        if rng.random() < 0.1:
            h.points_pending = 10 * (1 + int(rng.random() * 20))

    def _status(self, h: Holding) -> str:
        c = h.campaign
        if not h.active:
            return "DISABLED"
        if c.starts_ms is not None and c.starts_ms > self._now:
            return "NOT_ACTIVE_YET"
        if c.expires_ms is not None and c.expires_ms < self._now:
            return "EXPIRED"
        if c.voucher_type == "GIFT_VOUCHER" and h.gift_balance == 0:
            return "NO_BALANCE"
        if c.single_use and h.uses >= 1:
            return "USED"
        return "ACTIVE"

    def referee(self, code: Holding, referee_id: str, ms: int) -> Holding:
        """The referee's record of a friend's referral code, redeemed once at sign-up."""
        code.uses += 1
        referral = {
            "campaign_id": code.campaign.id,
            "referrer_id": code.holder_id,
            "related_object_id": self.redemption_id(),
            "related_object_type": "redemption",
            "date": api_ts(ms),
        }
        return Holding(
            code.campaign,
            "REFEREE",
            ms,
            code.holder_id,
            code.voucher_id,
            code.code,
            code.voucher_created_ms,
            status=code.status,
            redemptions=[ms],
            referral=referral,
            shared=code,
        )


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def summarize(holdings: list[Holding], orders: list[Order], failed: int) -> tuple[str, str, str]:
    """summary, loyalty and referrals (JSON), computed from the holdings and orders."""
    succeeded = gift_redeemed = gift_left = points_redeemed = points_left = referred = 0
    campaigns: list[str] = []
    referrals: list[str] = []
    for h in holdings:
        kind = h.campaign.voucher_type
        if h.role == "REFERRER":
            referred += h.uses
            campaigns.append(f'"{h.campaign.name}":{{"points":0,"referred_customers":{h.uses}}}')
            continue
        succeeded += len(h.redemptions)
        if h.referral is not None:
            referrals.append(_DUMPS(h.referral))
        elif kind == "GIFT_VOUCHER":
            gift_redeemed += h.gift_redeemed
            gift_left += h.gift_balance
        elif kind == "LOYALTY_CARD":
            points_redeemed += h.points_redeemed
            balance = h.points_balance
            points_left += balance
            tiers = h.campaign.tiers
            campaigns.append(
                f'"{h.campaign.name}":{{"points":{balance},'
                f'"loyalty_tier":"{tiers[h.points % len(tiers)]}","referred_customers":0}}'
            )
    paid = [o for o in orders if o.status == "PAID"]
    total = sum(o.amount for o in paid)
    last = ""
    if paid:
        last = f',"last_order_date":"{api_ts(paid[-1].ms)}"'
    summary = (
        f'{{"redemptions":{{"total_redeemed":{succeeded + failed},"total_failed":{failed},'
        f'"total_succeeded":{succeeded},"total_rolled_back":0,"total_rollback_failed":0,'
        f'"total_rollback_succeeded":0,'
        f'"gift":{{"redeemed_amount":{gift_redeemed},"amount_to_go":{gift_left}}},'
        f'"loyalty_card":{{"redeemed_points":{points_redeemed},"points_to_go":{points_left}}}}},'
        f'"orders":{{"total_amount":{total},"total_count":{len(paid)},'
        f'"average_amount":{total // len(paid) if paid else 0},'
        f'"last_order_amount":{paid[-1].amount if paid else 0}{last}}}}}'
    )
    loyalty = (
        f'{{"points":{points_left},"referred_customers":{referred},'
        f'"campaigns":{{{",".join(campaigns)}}}}}'
    )
    return summary, loyalty, f'{{"total":{len(referrals)},"campaigns":[{",".join(referrals)}]}}'
