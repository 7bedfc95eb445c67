"""An in-memory `GET /v1/customers` that follows the reference's cursor rules exactly.

`starting_after` is strict: before it in the default `-created_at` order, after it for
`order=created_at|updated_at` (where the cursor is on updated_at, never-updated rows counting
as updated when created). Date filters are strict too. Ties are broken by a hash of the id,
so tied rows come back in an order unrelated to insertion.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def stamp(millis: int) -> str:
    moment = EPOCH + timedelta(milliseconds=millis)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _millis(text: str) -> int:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (moment - EPOCH) // timedelta(milliseconds=1)


@dataclass
class Row:
    id: str
    created: int
    updated: int | None = None
    city: str = "Warsaw"

    @property
    def touched(self) -> int:
        return self.updated if self.updated is not None else self.created

    def to_json(self) -> dict[str, object]:
        body: dict[str, object] = {
            "id": self.id,
            "object": "customer",
            "created_at": stamp(self.created),
            "address": {"city": self.city},
        }
        if self.updated is not None:
            body["updated_at"] = stamp(self.updated)
        return body


@dataclass
class CustomerListFake:
    rows: list[Row]
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        params = request.url.params
        limit = int(params.get("limit", "10"))
        page = int(params.get("page", "1"))
        assert 1 <= limit <= 100 and 1 <= page <= 99
        order = params.get("order", "-created_at")
        rows = [r for r in self.rows if not params.get("city") or r.city == params["city"]]
        for key, attr, greater in (
            ("created_at[before]", "created", False),
            ("created_at[after]", "created", True),
            ("updated_at[before]", "updated", False),
            ("updated_at[after]", "updated", True),
        ):
            if key in params:
                bound = _millis(params[key])
                rows = [
                    r
                    for r in rows
                    if getattr(r, attr) is not None
                    and (getattr(r, attr) > bound if greater else getattr(r, attr) < bound)
                ]
        field_name = "touched" if order.lstrip("-") == "updated_at" else "created"
        ascending = order in ("created_at", "updated_at")
        if "starting_after" in params:
            cursor = _millis(params["starting_after"])
            rows = [
                r
                for r in rows
                if (
                    getattr(r, field_name) > cursor
                    if ascending
                    else getattr(r, field_name) < cursor
                )
            ]
        rows.sort(
            key=lambda r: (getattr(r, field_name), hashlib.sha1(r.id.encode()).hexdigest()),
            reverse=not ascending,
        )
        chunk = rows[(page - 1) * limit : page * limit + 1]
        return httpx.Response(
            200,
            json={
                "object": "list",
                "data_ref": "customers",
                "customers": [r.to_json() for r in chunk[:limit]],
                "total": len(rows),
                "has_more": len(chunk) > limit,
            },
        )
