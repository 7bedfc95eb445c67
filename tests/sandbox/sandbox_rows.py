"""Helpers for the sandbox's tests: API calls and direct rows where seed data is too loose."""

from __future__ import annotations

import json
from typing import Any

import httpx

from vtui.sandbox import Sandbox


async def make_customer(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    response = await client.post("/v1/customers", json=fields)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def insert_customer(sb: Sandbox, ident: str, created_at: int, **cols: Any) -> None:
    """A customer row at an exact created_at (ties and ordering need control over time)."""
    values = {
        "id": ident,
        "source_id": cols.pop("source_id", None),
        "created_at": created_at,
        "touched_at": cols.pop("touched_at", created_at),
        "summary": "{}",
        "loyalty": "{}",
        "referrals": "{}",
        **cols,
    }
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    with sb.db.writing(sb.conn):
        sb.conn.execute(f"INSERT INTO customers ({names}) VALUES ({marks})", tuple(values.values()))


def insert_redeemable(
    sb: Sandbox,
    ident: str,
    customer_id: str,
    *,
    role: str = "OWNER",
    campaign_type: str = "DISCOUNT_COUPONS",
    voucher_type: str = "DISCOUNT_VOUCHER",
    created_at: int = 1_700_000_000_000,
) -> None:
    voucher = {"id": "v_" + ident, "code": ident.upper(), "type": voucher_type, "object": "voucher"}
    with sb.db.writing(sb.conn):
        sb.conn.execute(
            "INSERT INTO redeemables (id, customer_id, redeemable_id, redeemable_object,"
            " holder_role, campaign_id, campaign_type, voucher_type, status, voucher, created_at)"
            " VALUES (?, ?, ?, 'voucher', ?, 'camp_1', ?, ?, 'ACTIVE', ?, ?)",
            (
                ident,
                customer_id,
                "v_" + ident,
                role,
                campaign_type,
                voucher_type,
                json.dumps(voucher),
                created_at,
            ),
        )


def insert_segment(sb: Sandbox, ident: str, name: str, rule: dict[str, Any] | None) -> None:
    with sb.db.writing(sb.conn):
        sb.conn.execute(
            "INSERT INTO segments (id, name, type, filter, created_at) VALUES (?, ?, ?, ?, 0)",
            (
                ident,
                name,
                "static" if rule is None else "auto-update",
                None if rule is None else json.dumps(rule),
            ),
        )
