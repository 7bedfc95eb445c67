"""The query string of a customer list: its filters, order, paging and cursor."""

from __future__ import annotations

from typing import TypedDict

from vtui.api.query import (
    DateLike,
    QueryParams,
    build_params,
    check_limit,
    check_page,
    query_datetime,
)


def _dates(*pairs: tuple[str, DateLike | None]) -> QueryParams:
    """Date filters under their literal bracketed keys, in the API's datetime form."""
    return [(key, query_datetime(value)) for key, value in pairs if value is not None]


def customer_filters(
    *,
    email: str | None = None,
    city: str | None = None,
    name: str | None = None,
    segment_id: str | None = None,
    created_at_before: DateLike | None = None,
    created_at_after: DateLike | None = None,
    updated_at_before: DateLike | None = None,
    updated_at_after: DateLike | None = None,
) -> QueryParams:
    return build_params(email=email, city=city, name=name, segment_id=segment_id) + _dates(
        ("created_at[before]", created_at_before),
        ("created_at[after]", created_at_after),
        ("updated_at[before]", updated_at_before),
        ("updated_at[after]", updated_at_after),
    )


class CustomerListQuery(TypedDict, total=False):
    """The keyword arguments of `customers.list()` and `list_rows()`."""

    limit: int | None
    page: int | None
    order: str | None
    starting_after: DateLike | None
    email: str | None
    city: str | None
    name: str | None
    segment_id: str | None
    created_at_before: DateLike | None
    created_at_after: DateLike | None
    updated_at_before: DateLike | None
    updated_at_after: DateLike | None


def list_params(query: CustomerListQuery) -> QueryParams:
    unknown = set(query) - CustomerListQuery.__optional_keys__
    if unknown:
        names = ", ".join(sorted(unknown))
        raise TypeError(f"unexpected keyword arguments for a customer list: {names}")
    check_limit(query.get("limit"))
    check_page(query.get("page"))
    params = build_params(
        limit=query.get("limit"), page=query.get("page"), order=query.get("order")
    )
    params += customer_filters(
        email=query.get("email"),
        city=query.get("city"),
        name=query.get("name"),
        segment_id=query.get("segment_id"),
        created_at_before=query.get("created_at_before"),
        created_at_after=query.get("created_at_after"),
        updated_at_before=query.get("updated_at_before"),
        updated_at_after=query.get("updated_at_after"),
    )
    starting_after = query.get("starting_after")
    if starting_after is not None:
        params.append(("starting_after", query_datetime(starting_after)))
    return params
