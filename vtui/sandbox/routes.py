"""The 14 operations of the Customers and Async Actions APIs, as Starlette endpoints.

Route names are the reference's operationIds (the stats count by them). Handlers parse,
call the store modules under the database lock, and render; errors are `ApiError`s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from vtui.sandbox import activity, async_actions, customers, redeemables, segments
from vtui.sandbox.customer_input import parse_fields, reject_source_id_change
from vtui.sandbox.errors import invalid_payload, not_found, too_large
from vtui.sandbox.identifiers import deletion_id
from vtui.sandbox.request_body import read_json
from vtui.sandbox.timestamps import now_ms, to_iso

if TYPE_CHECKING:
    from vtui.sandbox.app import Sandbox

MAX_BULK_BYTES = 10 * 1024 * 1024
"""The API's limit on a bulk or import body, as the emulator enforces it (the sandbox shares
no code with the client it is tested against, so the client keeps its own in vtui.api)."""


def sandbox_of(request: Request) -> Sandbox:
    """The Sandbox that owns the app serving this request."""
    sb: Sandbox = request.app.state.sandbox
    return sb


def _origin(request: Request) -> customers.Origin:
    return customers.Origin(
        request_id=request.state.request_id,
        app_id=request.headers.get("x-app-id", ""),
        now=now_ms(),
    )


def _ident(request: Request, name: str = "customerId") -> str:
    return unquote(request.path_params[name])


def _json(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)


async def create_customer(request: Request) -> Response:
    body = await read_json(request)
    fields = parse_fields(body, identifiers=("id", "source_id"))
    sb = sandbox_of(request)
    origin = _origin(request)
    with sb.db.writing(sb.conn):
        ident, source_id = fields.pop("id", None), fields.pop("source_id", None)
        if ident is not None:  # an id wins; a source_id sent with it is ignored
            row = sb.conn.execute("SELECT * FROM customers WHERE id = ?", (ident,)).fetchone()
            if row is None:
                raise not_found("customer", ident)
        elif source_id is not None:
            row = sb.conn.execute(
                "SELECT * FROM customers WHERE source_id = ?", (source_id,)
            ).fetchone()
        else:
            row = None
        if row is None:
            row = customers.create(sb.conn, fields, source_id=source_id, origin=origin)
        else:
            row = customers.update(sb.conn, row, fields, origin=origin)
        return _json(customers.to_json(row))


async def list_customers(request: Request) -> Response:
    sb = sandbox_of(request)
    with sb.db.reading(sb.conn):
        text = sb.lister.page(sb.conn, request.query_params, sb.db.generation)
    return Response(text, media_type="application/json")


def _customer(sb: Sandbox, ident: str) -> Any:
    row = customers.find(sb.conn, ident)
    if row is None:
        raise not_found("customer", ident)
    return row


async def get_customer(request: Request) -> Response:
    sb = sandbox_of(request)
    with sb.db.reading(sb.conn):
        return _json(customers.to_json(_customer(sb, _ident(request))))


async def update_customer(request: Request) -> Response:
    body = await read_json(request)
    sb = sandbox_of(request)
    origin = _origin(request)
    with sb.db.writing(sb.conn):
        row = _customer(sb, _ident(request))
        if isinstance(body, dict):
            reject_source_id_change(body, row["source_id"])
        fields = parse_fields(body)
        return _json(customers.to_json(customers.update(sb.conn, row, fields, origin=origin)))


async def delete_customer(request: Request) -> Response:
    sb = sandbox_of(request)
    origin = _origin(request)
    with sb.db.writing(sb.conn):
        customers.remove(sb.conn, _customer(sb, _ident(request)), origin=origin)
    return Response(status_code=204)


async def delete_permanently(request: Request) -> Response:
    sb = sandbox_of(request)
    origin = _origin(request)
    with sb.db.writing(sb.conn):
        row = _customer(sb, _ident(request))
        counts = customers.erase(sb.conn, row)
    return _json(
        {
            "id": deletion_id(),
            "created_at": to_iso(origin.now),
            "related_object_id": row["id"],
            "related_object": "customer",
            "status": "DONE",
            "data_json": counts,
            "object": "pernament_deletion",
        }
    )


async def list_activity(request: Request) -> Response:
    sb = sandbox_of(request)
    with sb.db.reading(sb.conn):
        row = _customer(sb, _ident(request))
        return _json(activity.list_page(sb.conn, row["id"], request.query_params))


async def list_redeemables(request: Request) -> Response:
    sb = sandbox_of(request)
    with sb.db.reading(sb.conn):
        row = _customer(sb, _ident(request))
        return _json(
            redeemables.list_page(
                sb.conn, row["id"], request.query_params, request.query_params.multi_items()
            )
        )


async def list_segments(request: Request) -> Response:
    sb = sandbox_of(request)
    with sb.db.reading(sb.conn):
        row = customers.find(sb.conn, _ident(request))
        if row is None:  # never 404: the segments an empty profile would qualify for
            data = segments.qualifying(sb.conn, {})
        else:
            data = segments.of_customer(sb.conn, row["seq"])
    return _json({"object": "list", "data_ref": "data", "data": data, "total": len(data)})


async def _enqueue(request: Request, kind: str, data: Any) -> Response:
    sb = sandbox_of(request)
    origin = _origin(request)
    with sb.db.writing(sb.conn):
        action_id = async_actions.enqueue(
            sb.conn,
            kind,
            data,
            app_id=origin.app_id,
            request_id=origin.request_id,
            now=origin.now,
        )
    sb.jobs.wake()
    return _json({"async_action_id": action_id}, 202)


async def import_csv(request: Request) -> Response:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BULK_BYTES + 64 * 1024:
        raise too_large(MAX_BULK_BYTES)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise invalid_payload("Send the CSV as multipart/form-data with a part named file")
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise invalid_payload("The multipart body needs a file part named file")
        content = await upload.read(MAX_BULK_BYTES + 1)
    if len(content) > MAX_BULK_BYTES:
        raise too_large(MAX_BULK_BYTES)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise invalid_payload("The CSV file must be UTF-8 text") from None
    return await _enqueue(request, async_actions.IMPORT_CSV, text)


async def update_in_bulk(request: Request) -> Response:
    body = await read_json(request, limit=MAX_BULK_BYTES)
    if not isinstance(body, list) or not body:
        raise invalid_payload("The request body must be a non-empty array of customers")
    if not all(isinstance(item, dict) for item in body):
        raise invalid_payload("Every element of the array must be a customer object")
    return await _enqueue(request, async_actions.BULK_UPDATE, body)


async def update_metadata_in_bulk(request: Request) -> Response:
    body = await read_json(request, limit=MAX_BULK_BYTES)
    if not isinstance(body, dict):
        raise invalid_payload("The request body must be a JSON object")
    source_ids, metadata = body.get("source_ids"), body.get("metadata")
    if (
        not isinstance(source_ids, list)
        or not source_ids
        or not all(isinstance(s, str) and s for s in source_ids)
    ):
        raise invalid_payload("Property .source_ids must be a non-empty array of strings")
    if not isinstance(metadata, dict):
        raise invalid_payload("Property .metadata must be an object")
    return await _enqueue(
        request, async_actions.METADATA_UPDATE, {"source_ids": source_ids, "metadata": metadata}
    )


async def get_async_action(request: Request) -> Response:
    sb = sandbox_of(request)
    ident = _ident(request, "asyncActionId")
    with sb.db.reading(sb.conn):
        row = async_actions.find(sb.conn, ident)
    if row is None:
        raise not_found("async_action", ident)
    report = str(request.base_url).rstrip("/") + f"/_sandbox/async-actions/{row['id']}/report"
    return _json(async_actions.to_json(row, report_url=report))


async def list_async_actions(request: Request) -> Response:
    sb = sandbox_of(request)
    with sb.db.reading(sb.conn):
        return _json(async_actions.list_page(sb.conn, request.query_params))


ROUTES = [
    Route("/v1/customers", create_customer, methods=["POST"], name="create-customer"),
    Route("/v1/customers", list_customers, methods=["GET"], name="list-customers"),
    Route(
        "/v1/customers/importCSV", import_csv, methods=["POST"], name="import-customers-using-csv"
    ),
    Route(
        "/v1/customers/bulk/async",
        update_in_bulk,
        methods=["POST"],
        name="update-customers-in-bulk",
    ),
    Route(
        "/v1/customers/metadata/async",
        update_metadata_in_bulk,
        methods=["POST"],
        name="update-customers-metadata-in-bulk",
    ),
    Route("/v1/customers/{customerId}", get_customer, methods=["GET"], name="get-customer"),
    Route("/v1/customers/{customerId}", update_customer, methods=["PUT"], name="update-customer"),
    Route(
        "/v1/customers/{customerId}", delete_customer, methods=["DELETE"], name="delete-customer"
    ),
    Route(
        "/v1/customers/{customerId}/permanent-deletion",
        delete_permanently,
        methods=["POST"],
        name="customer-permanently-deletion",
    ),
    Route(
        "/v1/customers/{customerId}/activity",
        list_activity,
        methods=["GET"],
        name="list-customer-activity",
    ),
    Route(
        "/v1/customers/{customerId}/redeemables",
        list_redeemables,
        methods=["GET"],
        name="list-customer-redeemables",
    ),
    Route(
        "/v1/customers/{customerId}/segments",
        list_segments,
        methods=["GET"],
        name="list-customer-segments",
    ),
    Route(
        "/v1/async-actions/{asyncActionId}",
        get_async_action,
        methods=["GET"],
        name="get-async-action",
    ),
    Route("/v1/async-actions", list_async_actions, methods=["GET"], name="list-async-actions"),
]
