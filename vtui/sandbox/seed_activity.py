"""Seeded activity: a customer's history of events, in the shape of CUSTOMERS_API.md §4.8.

Each event's `data` column is `{"data": {...payload...}, "event_source": {"channel": ...}}`.
The history always starts with customer.created (whose payload is the full profile); updates
end at the customer's updated_at; orders, redemptions and loyalty points follow the
customer's wallet. Other payloads carry a short customer reference to keep a million
customers' history to a sane size. Category (ACTION or EFFECT) is a filter only; the mapping
is ours (Voucherify does not document it).
"""

from __future__ import annotations

import json
import random
from typing import Any

from vtui.sandbox.seed_campaigns import Campaign
from vtui.sandbox.seed_time import api_ts
from vtui.sandbox.seed_wallet import Holding, Order

# (created_at ms, rank among events of the same ms, type, category, campaign_id,
#  campaign_type, data JSON)
Event = tuple[int, int, str, str, str | None, str | None, str]

_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_API = _DUMPS({"channel": "API"})
_INTERNAL = _DUMPS({"channel": "INTERNAL"})
_CLIENT = _DUMPS({"channel": "CLIENT_API"})
_FAILURES = ("voucher_expired", "quantity_exceeded", "customer_rules_violated", "invalid_code")
_CUSTOM_EVENTS = ("viewed_product", "abandoned_cart", "app_opened", "survey_completed")


def wrap(customer: str, body: dict[str, Any] | None, source: str) -> str:
    """`{"data": {"customer": ..., **body}, "event_source": ...}` from ready JSON parts."""
    if body:
        return f'{{"data":{{"customer":{customer},{_DUMPS(body)[1:]},"event_source":{source}}}'
    return f'{{"data":{{"customer":{customer}}},"event_source":{source}}}'


def _event(ms: int, rank: int, kind: str, category: str, c: Campaign | None, data: str) -> Event:
    return (ms, rank, kind, category, c.id if c else None, c.type if c else None, data)


class ActivityWriter:
    """Builds one customer's events from the shared rng."""

    def __init__(self, rng: random.Random, now_ms: int) -> None:
        self._rng = rng
        self._now = now_ms
        app_id = f"{rng.getrandbits(32):08x}-0f3c-4b1e-9d2a-5e8f7a6b3c21"
        self._keyed = _DUMPS(
            {"channel": "API", "api_key": {"name": "Production", "app_id": app_id}}
        )
        self._users = [
            _DUMPS({"channel": "USER_PORTAL", "user": {"id": f"user_{rng.getrandbits(96):024x}"}})
            for _ in range(3)
        ]

    def _source(self) -> str:
        """Who changed a profile: the API (with its key) mostly, the dashboard sometimes."""
        roll = self._rng.random()
        return self._keyed if roll < 0.8 else self._users[int(roll * 100) % 3]

    def _between(self, start: int, end: int) -> int:
        return start + 1 + int(self._rng.random() * max(0, end - start - 1))

    def history(
        self,
        created: int,
        snapshot: str,
        ref: str,
        updated_ms: int | None,
        orders: list[Order],
        holdings: list[Holding],
        failed: int,
        segments_entered: list[tuple[int, str, str]],
    ) -> list[Event]:
        """Every event of one customer, oldest first (customer.created first).

        `snapshot` and `ref` are the customer's JSON: the full profile, and a short reference.
        """
        rng = self._rng
        head = f'{{"data":{{"customer":{ref}'
        out = [
            _event(
                created, 0, "customer.created", "ACTION", None, wrap(snapshot, None, self._source())
            )
        ]
        if updated_ms is not None:
            times = [updated_ms]
            if rng.random() < 0.3:
                times.append(self._between(created, updated_ms))
            for ms in times:
                data = f'{head}}},"event_source":{self._source()}}}'
                out.append(_event(ms, 1, "customer.updated", "ACTION", None, data))
        for o in orders:
            paid = o.status == "PAID"
            data = (
                f'{head},"order":{{"id":"{o.id}","object":"order","status":"{o.status}",'
                f'"amount":{o.amount},"created_at":"{api_ts(o.ms)}"}}}},"event_source":{_API}}}'
            )
            kind = "customer.order.paid" if paid else "customer.order.canceled"
            out.append(_event(o.ms, 2, kind, "EFFECT" if paid else "ACTION", None, data))
        for h in holdings:
            self._holding_events(out, h, head)
        for _ in range(failed):
            ms = self._between(created, self._now)
            campaign = rng.choice(holdings).campaign if holdings else None
            data = (
                f'{head},"redemption":{{"id":"{self._redemption_id()}","object":"redemption",'
                f'"date":"{api_ts(ms)}","result":"FAILURE","status":"FAILED",'
                f'"failure_code":"{rng.choice(_FAILURES)}"}}}},"event_source":{_API}}}'
            )
            out.append(_event(ms, 3, "customer.redemption.failed", "ACTION", campaign, data))
        for ms, seg_id, seg_name in segments_entered:
            body = {"segment": {"id": seg_id, "name": seg_name, "object": "segment"}}
            data = wrap(ref, body, _INTERNAL)
            out.append(_event(ms, 5, "customer.segment.entered", "EFFECT", None, data))
        if rng.random() < 0.1:
            ms = self._between(created, self._now)
            body = {"event": {"type": rng.choice(_CUSTOM_EVENTS), "object": "event"}}
            data = wrap(ref, body, _CLIENT)
            out.append(_event(ms, 6, "customer.custom_event", "ACTION", None, data))
        out.sort(key=lambda e: (e[0], e[1]))
        return out

    def _holding_events(self, out: list[Event], h: Holding, head: str) -> None:
        c = h.campaign
        vref = (
            f'"voucher":{{"id":"{h.voucher_id}","code":"{h.code}","campaign":"{c.name}",'
            f'"campaign_id":"{c.id}","type":"{c.voucher_type}","object":"voucher"}}'
        )
        if h.referral is not None:
            data = (
                f'{head},"referrer":{{"id":"{h.referral["referrer_id"]}","object":"customer"}},'
                f'"campaign":{{"id":"{c.id}","name":"{c.name}","type":"{c.type}"}}}},'
                f'"event_source":{_INTERNAL}}}'
            )
            out.append(_event(h.created_ms, 3, "customer.referred", "EFFECT", c, data))
        else:
            data = (
                f'{head},{vref},"publication":{{"channel":"API","object":"publication"}}}},'
                f'"event_source":{_API}}}'
            )
            out.append(_event(h.created_ms, 3, "customer.publication.succeeded", "ACTION", c, data))
        if c.voucher_type == "LOYALTY_CARD":
            for ms, points in h.points_added:
                data = f'{head},{vref},"points":{points}}},"event_source":{_INTERNAL}}}'
                kind = "customer.voucher.loyalty_card.points_added"
                out.append(_event(ms, 4, kind, "EFFECT", c, data))
        for ms, amount in h.gift_topups:
            data = (
                f'{head},{vref},"balance":{{"amount":{amount},"object":"balance"}}}},'
                f'"event_source":{_API}}}'
            )
            out.append(_event(ms, 4, "customer.voucher.gift.balance_added", "EFFECT", c, data))
        related = h.referral["related_object_id"] if h.referral else None
        for ms in h.redemptions:
            data = (
                f'{head},"redemption":{{"id":"{related or self._redemption_id()}",'
                f'"object":"redemption","date":"{api_ts(ms)}","result":"SUCCESS",'
                f'"status":"SUCCEEDED",{vref}}}}},"event_source":{_API}}}'
            )
            out.append(_event(ms, 3, "customer.redemption.succeeded", "ACTION", c, data))

    def _redemption_id(self) -> str:
        return f"r_0{self._rng.getrandbits(68):017x}"
