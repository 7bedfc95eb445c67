"""`client.customers`: the 12 customer operations of the reference, plus cursor walks."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

from vtui.api.cursor import cursor_order, walk_by_id, walk_customers
from vtui.api.customer_query import CustomerListQuery, customer_filters, list_params
from vtui.api.errors import UnsendableValueError
from vtui.api.limits import check_size
from vtui.api.query import (
    DateLike,
    QueryParams,
    build_params,
    check_limit,
    deep_object,
    path_segment,
    query_datetime,
)
from vtui.api.requester import Requester, encode_json
from vtui.api.retry import Replay
from vtui.api.rows import CustomerRows

if TYPE_CHECKING:
    # Loaded by the operations that use them: `list_rows` needs no pydantic at all.
    from vtui.api.models.activity import ActivityPage, CustomerActivity
    from vtui.api.models.async_action import AsyncActionRef
    from vtui.api.models.customer import (
        Customer,
        CustomerBulkUpdate,
        CustomerCreate,
        CustomerPage,
        CustomerUpdate,
        PermanentDeletion,
    )
    from vtui.api.models.redeemable import CustomerRedeemable, RedeemablePage
    from vtui.api.models.segment import SegmentList


class Customers:
    """Customer operations. Every `customer_id` may be an id (`cust_...`) or a source_id."""

    def __init__(self, requester: Requester) -> None:
        self._requester = requester

    async def list(self, **query: Unpack[CustomerListQuery]) -> CustomerPage:
        """One page of customers (newest first unless `order` says otherwise); the keyword
        arguments are `CustomerListQuery`'s."""
        return await self._fetch_page(list_params(query))

    async def list_rows(self, **query: Unpack[CustomerListQuery]) -> CustomerRows:
        """The page `list(**query)` gives, as list rows read without pydantic (fast to load);
        `.page()` turns it into that `CustomerPage`."""
        response = await self._requester.send("GET", "/v1/customers", params=list_params(query))
        return CustomerRows.parse(response.content)

    async def _fetch_page(self, params: QueryParams) -> CustomerPage:
        from vtui.api.models.customer import CustomerPage

        return await self._requester.call("GET", "/v1/customers", CustomerPage, params=params)

    def iterate(
        self,
        *,
        limit: int = 100,
        order: str | None = None,
        email: str | None = None,
        city: str | None = None,
        name: str | None = None,
        segment_id: str | None = None,
        created_at_before: DateLike | None = None,
        created_at_after: DateLike | None = None,
        updated_at_before: DateLike | None = None,
        updated_at_after: DateLike | None = None,
    ) -> AsyncIterator[Customer]:
        """Every matching customer, once each, past the API's 99-page cap.

        `order` is `-created_at` (default), `created_at` or `updated_at`: the orders the
        `starting_after` cursor supports. `limit` is the page size per request.
        """
        check_limit(limit)
        cursor_order(order)  # refuse an order the cursor cannot walk now, not at first await
        filters = customer_filters(
            email=email,
            city=city,
            name=name,
            segment_id=segment_id,
            created_at_before=created_at_before,
            created_at_after=created_at_after,
            updated_at_before=updated_at_before,
            updated_at_after=updated_at_after,
        )
        return walk_customers(self._fetch_page, filters=filters, order=order, limit=limit)

    async def get(self, customer_id: str) -> Customer:
        from vtui.api.models.customer import Customer

        return await self._requester.call("GET", self._path(customer_id), Customer)

    async def create(self, customer: CustomerCreate | Mapping[str, Any]) -> Customer:
        """Create, or update the customer whose `id` or `source_id` already exists (upsert).

        Resent after a failure only when it carries an id or source_id (then it is an upsert
        and idempotent); without one a resend could create a duplicate.
        """
        from vtui.api.models.customer import Customer, CustomerCreate

        body = _model(CustomerCreate, customer).to_body()
        upsert = bool(body.get("id") or body.get("source_id"))
        return await self._requester.call(
            "POST",
            "/v1/customers",
            Customer,
            json_body=body,
            replay=Replay.SAFE if upsert else Replay.ONLY_UNSENT,
        )

    async def update(
        self, customer_id: str, changes: CustomerUpdate | Mapping[str, Any]
    ) -> Customer:
        """Partial update: only fields set on `changes` are sent; an explicit None clears."""
        from vtui.api.models.customer import Customer, CustomerUpdate

        body = _model(CustomerUpdate, changes).to_body()
        return await self._requester.call("PUT", self._path(customer_id), Customer, json_body=body)

    async def delete(self, customer_id: str) -> None:
        await self._requester.send("DELETE", self._path(customer_id))

    async def delete_permanently(self, customer_id: str) -> PermanentDeletion:
        """Forget the customer and their data; never resent once it may have arrived."""
        from vtui.api.models.customer import PermanentDeletion

        return await self._requester.call(
            "POST",
            self._path(customer_id) + "/permanent-deletion",
            PermanentDeletion,
            json_body={},
            replay=Replay.ONLY_UNSENT,
        )

    async def list_activity(
        self,
        customer_id: str,
        *,
        limit: int | None = None,
        order: str | None = None,
        starting_after_id: str | None = None,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        campaign_id: str | None = None,
        campaign_type: str | None = None,
        category: str | None = None,
        type: str | None = None,
    ) -> ActivityPage:
        from vtui.api.models.activity import ActivityPage

        check_limit(limit)
        params = build_params(
            limit=limit,
            order=order,
            starting_after_id=starting_after_id,
            start_date=None if start_date is None else query_datetime(start_date),
            end_date=None if end_date is None else query_datetime(end_date),
            campaign_id=campaign_id,
            campaign_type=campaign_type,
            category=category,
            type=type,
        )
        return await self._requester.call(
            "GET", self._path(customer_id) + "/activity", ActivityPage, params=params
        )

    def iterate_activity(
        self, customer_id: str, *, limit: int = 100, **filters: Any
    ) -> AsyncIterator[CustomerActivity]:
        """Every activity of the customer, following `more_starting_after`."""
        check_limit(limit)
        path_segment(customer_id)

        async def fetch(
            cursor: str | None,
        ) -> tuple[Sequence[CustomerActivity], bool | None, str | None]:
            page = await self.list_activity(
                customer_id, limit=limit, starting_after_id=cursor, **filters
            )
            return page.data, page.has_more, page.more_starting_after

        return walk_by_id(fetch)

    async def list_redeemables(
        self,
        customer_id: str,
        *,
        limit: int | None = None,
        order: str | None = None,
        starting_after_id: str | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> RedeemablePage:
        """`filters` is a plain dict, sent deepObject style:
        `{"voucher_type": {"conditions": {"$in": ["LOYALTY_CARD"]}}, "junction": "and"}`."""
        from vtui.api.models.redeemable import RedeemablePage

        check_limit(limit)
        params = build_params(limit=limit, order=order, starting_after_id=starting_after_id)
        if filters:
            params += deep_object("filters", filters)
        return await self._requester.call(
            "GET", self._path(customer_id) + "/redeemables", RedeemablePage, params=params
        )

    def iterate_redeemables(
        self,
        customer_id: str,
        *,
        limit: int = 100,
        order: str | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> AsyncIterator[CustomerRedeemable]:
        """Every redeemable the customer holds, following `more_starting_after`."""
        check_limit(limit)
        path_segment(customer_id)

        async def fetch(
            cursor: str | None,
        ) -> tuple[Sequence[CustomerRedeemable], bool | None, str | None]:
            page = await self.list_redeemables(
                customer_id, limit=limit, order=order, starting_after_id=cursor, filters=filters
            )
            return page.data, page.has_more, page.more_starting_after

        return walk_by_id(fetch)

    async def list_segments(self, customer_id: str) -> SegmentList:
        from vtui.api.models.segment import SegmentList

        return await self._requester.call("GET", self._path(customer_id) + "/segments", SegmentList)

    async def import_csv(
        self, path_or_bytes: str | os.PathLike[str] | bytes, *, filename: str | None = None
    ) -> AsyncActionRef:
        """Upload a CSV (multipart field `file`) as an import job; never resent once sent."""
        from vtui.api.models.async_action import AsyncActionRef

        if isinstance(path_or_bytes, bytes):
            data, name = path_or_bytes, filename or "customers.csv"
        elif isinstance(path_or_bytes, str) and "\n" in path_or_bytes:
            raise ValueError("import_csv takes a file path or the CSV as bytes, not CSV text")
        else:
            path = Path(path_or_bytes)
            try:
                data = await asyncio.to_thread(path.read_bytes)
            except OSError as exc:
                raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
            name = filename or path.name
        if not data:
            raise ValueError("the CSV file is empty")
        check_size(len(data), "the CSV file")
        return await self._requester.call(
            "POST",
            "/v1/customers/importCSV",
            AsyncActionRef,
            files={"file": (name, data, "text/csv")},
            replay=Replay.ONLY_UNSENT,
        )

    async def update_in_bulk(
        self, items: Iterable[CustomerBulkUpdate | Mapping[str, Any]]
    ) -> AsyncActionRef:
        """Queue a bulk update (missing customers are upserted); never resent once sent.

        Every item needs a non-empty source_id and the body must fit the 10 MB cap: both are
        checked before anything is sent.
        """
        from vtui.api.models.customer import CustomerBulkUpdate

        bodies: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            source_id = (
                item.source_id if isinstance(item, CustomerBulkUpdate) else item.get("source_id")
            )
            if not isinstance(source_id, str) or not source_id.strip():
                raise ValueError(f"item {index} has no source_id; every bulk item needs one")
            try:
                bodies.append(_model(CustomerBulkUpdate, item).to_body())
            except UnsendableValueError as exc:  # named within the item: name the item too
                raise UnsendableValueError(f"[{index}].{exc.path}", exc.problem) from None
        if not bodies:
            raise ValueError("nothing to update: the list of customers is empty")
        return await self._post_job("/v1/customers/bulk/async", bodies)

    async def update_metadata_in_bulk(
        self, source_ids: Sequence[str], metadata: Mapping[str, Any]
    ) -> AsyncActionRef:
        """Set the same metadata on every listed customer (upserting missing ones)."""
        if isinstance(source_ids, str):
            raise ValueError("source_ids must be a list of source ids, not one string")
        if not source_ids:
            raise ValueError("source_ids is empty")
        for index, source_id in enumerate(source_ids):
            if not isinstance(source_id, str) or not source_id.strip():
                raise ValueError(f"source_ids[{index}] is empty")
        if not metadata:
            raise ValueError("metadata is empty")
        from vtui.api.models.customer import CustomerMetadataBulkUpdate

        body = CustomerMetadataBulkUpdate(
            source_ids=list(source_ids), metadata=dict(metadata)
        ).to_body()
        return await self._post_job("/v1/customers/metadata/async", body)

    async def _post_job(self, path: str, body: Any) -> AsyncActionRef:
        from vtui.api.models.async_action import AsyncActionRef

        content = encode_json(body)
        check_size(len(content), "the request body")
        return await self._requester.call(
            "POST", path, AsyncActionRef, content=content, replay=Replay.ONLY_UNSENT
        )

    @staticmethod
    def _path(customer_id: str) -> str:
        return f"/v1/customers/{path_segment(customer_id)}"


RequestT = TypeVar("RequestT", "CustomerCreate", "CustomerUpdate", "CustomerBulkUpdate")


def _model(model: type[RequestT], value: RequestT | Mapping[str, Any]) -> RequestT:
    """Accept the request model or a plain dict (validated, with a clear error)."""
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        return model.model_validate(dict(value))
    raise TypeError(f"expected {model.__name__} or a dict, got {type(value).__name__}")
