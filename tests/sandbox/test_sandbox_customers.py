"""Create (upsert), get, update, delete and permanent deletion, per CUSTOMERS_API.md §4.1-4.6."""

from __future__ import annotations

import re

from tests.sandbox.sandbox_rows import make_customer


async def test_create_returns_200_with_a_fresh_customer_and_no_updated_at(sandbox_http):
    body = await make_customer(sandbox_http, source_id="crm-1", name="Ann", metadata={"a": 1})
    assert re.fullmatch(r"cust_[A-Za-z0-9]{24}", body["id"])
    assert body["object"] == "customer"
    assert "updated_at" not in body
    assert body["summary"]["orders"]["total_count"] == 0
    assert body["loyalty"] == {"points": 0, "referred_customers": 0, "campaigns": {}}
    assert body["referrals"] == {"total": 0, "campaigns": []}
    assert body["created_at"].endswith("Z") and len(body["created_at"]) == 24


async def test_create_with_existing_source_id_upserts_and_sets_updated_at(sandbox_http):
    first = await make_customer(sandbox_http, source_id="crm-1", name="Ann", email="a@x.io")
    second = await make_customer(sandbox_http, source_id="crm-1", name="Anna")
    assert second["id"] == first["id"]
    assert second["name"] == "Anna" and second["email"] == "a@x.io"
    assert "updated_at" in second
    listing = (await sandbox_http.get("/v1/customers")).json()
    assert listing["total"] == 1


async def test_create_with_existing_id_ignores_the_source_id_sent_with_it(sandbox_http):
    first = await make_customer(sandbox_http, source_id="crm-1")
    again = await make_customer(sandbox_http, id=first["id"], source_id="other", name="X")
    assert again["id"] == first["id"] and again["source_id"] == "crm-1"


async def test_create_with_unknown_id_is_404(sandbox_http):
    response = await sandbox_http.post("/v1/customers", json={"id": "cust_nope"})
    assert response.status_code == 404
    assert response.json()["resource_id"] == "cust_nope"


async def test_create_rejects_wrong_types_with_a_clear_400_and_writes_nothing(sandbox_http):
    for bad in (
        {"name": 5},
        {"birthdate": "01/02/2020"},
        {"address": "Warsaw"},
        {"metadata": [1]},
        {"birthday": "2020-02-30"},
    ):
        response = await sandbox_http.post("/v1/customers", json=bad)
        assert response.status_code == 400, bad
        body = response.json()
        assert body["code"] == 400 and body["key"] == "invalid_payload"
        assert body["request_id"].startswith("v-")
        assert next(iter(bad)) in body["details"]
    assert (await sandbox_http.get("/v1/customers")).json()["total"] == 0


async def test_malformed_json_is_400(sandbox_http):
    response = await sandbox_http.post(
        "/v1/customers", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["details"]


async def test_get_by_id_and_by_url_encoded_source_id(sandbox_http):
    made = await make_customer(sandbox_http, source_id="team/ann@example.com")
    by_id = await sandbox_http.get(f"/v1/customers/{made['id']}")
    by_source = await sandbox_http.get("/v1/customers/team%2Fann%40example.com")
    assert by_id.status_code == by_source.status_code == 200
    assert by_source.json()["id"] == made["id"]


async def test_get_unknown_is_404_echoing_the_raw_identifier(sandbox_http):
    response = await sandbox_http.get("/v1/customers/alice2%40morgan.com")
    assert response.status_code == 404
    body = response.json()
    assert body == {
        "code": 404,
        "key": "not_found",
        "message": "Resource not found",
        "details": "Cannot find customer with id alice2@morgan.com",
        "resource_id": "alice2@morgan.com",
        "resource_type": "customer",
        "request_id": body["request_id"],
    }
    assert body["request_id"] == response.headers["x-request-id"]


async def test_put_is_partial_and_explicit_null_clears(sandbox_http):
    made = await make_customer(
        sandbox_http, source_id="s1", name="Ann", phone="+48 1", address={"city": "Kraków"}
    )
    response = await sandbox_http.put("/v1/customers/s1", json={"phone": None, "email": "a@b.c"})
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Ann" and body["email"] == "a@b.c"
    assert "phone" not in body
    assert body["address"] == {"city": "Kraków"}
    assert body["updated_at"] >= made["created_at"]


async def test_put_keeps_birthday_and_birthdate_apart(sandbox_http):
    await make_customer(sandbox_http, source_id="s1")
    body = (
        await sandbox_http.put(
            "/v1/customers/s1", json={"birthdate": "2022-01-01", "birthday": "2022-01-02"}
        )
    ).json()
    assert (body["birthdate"], body["birthday"]) == ("2022-01-01", "2022-01-02")


async def test_put_unknown_customer_is_404_not_an_upsert(sandbox_http):
    response = await sandbox_http.put("/v1/customers/ghost", json={"name": "G"})
    assert response.status_code == 404
    assert (await sandbox_http.get("/v1/customers")).json()["total"] == 0


async def test_put_cannot_change_source_id_and_leaves_the_customer_as_it_was(sandbox_http):
    await make_customer(sandbox_http, source_id="s1", name="Ann")
    response = await sandbox_http.put("/v1/customers/s1", json={"source_id": "s2", "name": "B"})
    assert response.status_code == 400
    assert "source_id" in response.json()["details"]
    body = (await sandbox_http.get("/v1/customers/s1")).json()
    assert body["name"] == "Ann" and "updated_at" not in body
    same = await sandbox_http.put("/v1/customers/s1", json={"source_id": "s1", "name": "B"})
    assert same.status_code == 200


async def test_put_ignores_read_only_fields_sent_back(sandbox_http):
    made = await make_customer(sandbox_http, source_id="s1", name="Ann")
    echoed = {**made, "name": "Bea"}
    response = await sandbox_http.put("/v1/customers/s1", json=echoed)
    assert response.status_code == 200
    assert response.json()["name"] == "Bea"
    assert response.json()["created_at"] == made["created_at"]


async def test_delete_is_204_empty_then_get_is_404(sandbox_http):
    await make_customer(sandbox_http, source_id="s1")
    response = await sandbox_http.delete("/v1/customers/s1")
    assert response.status_code == 204 and response.content == b""
    assert (await sandbox_http.get("/v1/customers/s1")).status_code == 404
    assert (await sandbox_http.delete("/v1/customers/s1")).status_code == 404


async def test_permanent_deletion_reports_counts_with_the_real_typo(sandbox_http):
    made = await make_customer(sandbox_http, source_id="s1")
    await sandbox_http.put("/v1/customers/s1", json={"name": "N"})
    response = await sandbox_http.post("/v1/customers/s1/permanent-deletion", json={})
    assert response.status_code == 200
    body = response.json()
    assert body["object"] == "pernament_deletion"
    assert body["related_object_id"] == made["id"] and body["related_object"] == "customer"
    assert body["status"] == "DONE" and body["id"].startswith("del_")
    assert body["data_json"]["customer"] == 1
    assert body["data_json"]["events"] == 2  # created + updated
    assert (await sandbox_http.get("/v1/customers/s1")).status_code == 404
    again = await sandbox_http.post("/v1/customers/s1/permanent-deletion")
    assert again.status_code == 404


async def test_unknown_path_and_wrong_method_answer_in_voucherify_shape(sandbox_http):
    missing = await sandbox_http.get("/v1/nothing")
    assert missing.status_code == 404 and missing.json()["key"] == "not_found"
    wrong = await sandbox_http.patch("/v1/customers/x", json={})
    assert wrong.status_code == 405
    assert wrong.json()["message"] == "HTTP Method Not Allowed"
    assert wrong.json()["details"] == (
        "PATCH is not supported by this endpoint. Did you mean DELETE or GET or PUT?"
    )


async def test_a_body_that_is_not_json_is_415(sandbox_http):
    response = await sandbox_http.post(
        "/v1/customers", content=b"name=Ann", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415 and response.json()["code"] == 415
    assert (await sandbox_http.get("/v1/customers")).json()["total"] == 0
