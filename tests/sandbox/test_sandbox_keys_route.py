"""/_sandbox/keys: rotate or drop the keys /v1 requires, over the same HTTP path a client uses."""

from __future__ import annotations

import logging

import httpx
import pytest

from tests.conftest import BASE_URL, client_for

CANARY = "canary-rotated-token-5d2e81"
OLD_ID, OLD_TOKEN = "old-app-id", "old-app-token"


def control_client(sb) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    """No keys at all: control routes need none."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sb.app), base_url=BASE_URL)


async def status_with(sb, app_id: str, app_token: str) -> int:  # type: ignore[no-untyped-def]
    async with client_for(sb, app_id=app_id, app_token=app_token) as client:
        return (await client.get("/v1/customers", params={"limit": 1})).status_code


async def test_rotating_keys_locks_out_the_old_pair_and_admits_the_new(sandbox_factory):
    sb = await sandbox_factory(app_id=OLD_ID, app_token=OLD_TOKEN)
    assert await status_with(sb, OLD_ID, OLD_TOKEN) == 200
    async with control_client(sb) as control:
        response = await control.post(
            "/_sandbox/keys", json={"app_id": "new-app-id", "app_token": CANARY}
        )
    assert response.status_code == 200
    assert response.json() == {"app_id": "new-app-id", "app_token_set": True}
    assert await status_with(sb, OLD_ID, OLD_TOKEN) == 401
    assert await status_with(sb, "new-app-id", CANARY + "x") == 401
    assert await status_with(sb, "other-id", CANARY) == 401
    assert await status_with(sb, "new-app-id", CANARY) == 200


async def test_rotating_keys_on_an_open_sandbox_starts_requiring_them(sandbox):
    assert await status_with(sandbox, "anyone", "anything") == 200
    async with control_client(sandbox) as control:
        await control.post("/_sandbox/keys", json={"app_id": "id-1", "app_token": CANARY})
    assert await status_with(sandbox, "anyone", "anything") == 401
    assert await status_with(sandbox, "id-1", CANARY) == 200


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("DELETE", None),
        ("POST", {"app_id": None, "app_token": None}),
        ("POST", {}),
    ],
    ids=["delete", "post-nulls", "post-empty-object"],
)
async def test_clearing_keys_accepts_any_non_empty_pair_again(sandbox_factory, method, body):
    sb = await sandbox_factory(app_id=OLD_ID, app_token=OLD_TOKEN)
    assert await status_with(sb, "someone-else", "their-token") == 401
    async with control_client(sb) as control:
        response = await control.request(method, "/_sandbox/keys", json=body)
    assert response.status_code == 200
    assert response.json() == {"app_id": None, "app_token_set": False}
    assert sb.keys is None
    assert await status_with(sb, "someone-else", "their-token") == 200
    assert await status_with(sb, OLD_ID, OLD_TOKEN) == 200
    async with client_for(sb, app_id="x", app_token=" ") as blank:
        assert (await blank.get("/v1/customers")).status_code == 401  # still non-empty only


async def test_get_reports_the_app_id_and_whether_a_token_is_set_never_the_token(
    sandbox_factory,
):
    sb = await sandbox_factory(app_id=OLD_ID, app_token=CANARY)
    async with control_client(sb) as control:
        locked = await control.get("/_sandbox/keys")
        await control.delete("/_sandbox/keys")
        open_ = await control.get("/_sandbox/keys")
    assert locked.json() == {"app_id": OLD_ID, "app_token_set": True}
    assert CANARY not in locked.text
    assert open_.json() == {"app_id": None, "app_token_set": False}


BAD_BODIES = [
    ({"app_id": "only-the-id"}, "both .app_id and .app_token"),
    ({"app_token": CANARY}, "both .app_id and .app_token"),
    ({"app_id": "id", "app_token": None}, "both .app_id and .app_token"),
    ({"app_id": "", "app_token": CANARY}, ".app_id must be a non-empty string"),
    ({"app_id": "id", "app_token": "   "}, ".app_token must be a non-empty string"),
    ({"app_id": 42, "app_token": CANARY}, ".app_id must be a non-empty string"),
    ({"app_id": "id", "app_token": [CANARY]}, ".app_token must be a non-empty string"),
    ({"app_id": "id", "app_token": f" {CANARY}"}, ".app_token must be printable ASCII"),
    ({"app_id": "id", "app_token": f"{CANARY}\n"}, ".app_token must be printable ASCII"),
    ({"app_id": "id", "app_token": f"{CANARY}é"}, ".app_token must be printable ASCII"),
    ({"app_id": "id", "app_token": CANARY + "x" * 1024}, "at most 1024 characters"),
    ({"app_id": "id", "app_token": CANARY, "app_secret": CANARY}, "Unknown properties"),
    ([CANARY, CANARY], "must be a JSON object"),
]


@pytest.mark.parametrize(("body", "reason"), BAD_BODIES)
async def test_a_bad_body_is_400_with_the_reason_and_leaves_the_keys_alone(
    sandbox_factory, body, reason
):
    sb = await sandbox_factory(app_id=OLD_ID, app_token=OLD_TOKEN)
    async with control_client(sb) as control:
        response = await control.post("/_sandbox/keys", json=body)
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == 400 and error["key"] == "invalid_payload"
    assert error["message"] == "Invalid payload" and error["request_id"]
    assert reason in error["details"]
    assert CANARY not in response.text
    assert sb.keys == (OLD_ID, OLD_TOKEN)
    assert await status_with(sb, OLD_ID, OLD_TOKEN) == 200


async def test_a_body_that_is_not_json_is_400_and_leaves_the_keys_alone(sandbox_factory):
    sb = await sandbox_factory(app_id=OLD_ID, app_token=OLD_TOKEN)
    async with control_client(sb) as control:
        response = await control.post(
            "/_sandbox/keys",
            content=f'{{"app_id": "id", "app_token": "{CANARY}"',
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 400
    assert response.json()["details"] == "The request body is not valid JSON"
    assert CANARY not in response.text
    assert sb.keys == (OLD_ID, OLD_TOKEN)


async def test_other_methods_get_405_naming_the_allowed_ones(sandbox):
    async with control_client(sandbox) as control:
        response = await control.put("/_sandbox/keys", json={})
    assert response.status_code == 405
    assert "DELETE or GET or POST" in response.json()["details"]


async def test_the_rotated_token_never_shows_in_responses_reprs_or_logs(sandbox, caplog):
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    async with control_client(sandbox) as control:
        for call in (
            control.post("/_sandbox/keys", json={"app_id": "id-9", "app_token": CANARY}),
            control.get("/_sandbox/keys"),
            control.post("/_sandbox/keys", json={"app_id": "id-9", "app_token": CANARY * 100}),
            control.post("/_sandbox/keys", json={"app_id": None, "app_token": CANARY}),
        ):
            response = await call
            texts += [response.text, str(response.headers)]
    async with client_for(sandbox, app_id="id-9", app_token=CANARY + "-wrong") as client:
        denied = await client.get("/v1/customers")
        texts += [denied.text, str(denied.headers)]
    assert denied.status_code == 401
    assert sandbox.keys == ("id-9", CANARY)  # the bad bodies after the rotation changed nothing
    assert not [text for text in texts if CANARY in text]
    assert CANARY not in repr(sandbox)
    assert CANARY not in caplog.text


async def test_set_keys_refuses_a_blank_pair_without_changing_anything(sandbox):
    with pytest.raises(ValueError, match="non-empty"):
        sandbox.set_keys("id", "  ")
    assert sandbox.keys is None
