"""Sign-in over GraphQL: cookies, sessions, API keys, and who sees what."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from accounts import services as accounts
from accounts.models import Session
from core.actor import Actor, Role
from tests.helpers import LOGIN, PASSWORD, gql, login, make_user, sign_in

VIEWER = "{ viewer { username displayName roles scope { code name } } }"
USERS = """
query Users($code: String) {
  users(adminUnitCode: $code, first: 50) { totalCount edges { node { username scope { code } } } }
}
"""
LOGOUT = "mutation { logout { ok errors { code } } }"


async def test_login_sets_a_hardened_session_cookie_and_viewer(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")

    response = await client.post(
        "/graphql",
        json={
            "query": LOGIN,
            "variables": {"input": {"username": "hoa.nguyen", "password": PASSWORD}},
        },
        headers={"content-type": "application/json"},
    )

    cookie, hint = response.headers.get_list("set-cookie")
    assert cookie.startswith("dxnet_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # development and tests run on plain http
    # beside it, readable by the PWA and holding no secret: "signed in here" (decision 0036)
    assert hint.startswith("dxnet_signed_in=1;") and "HttpOnly" not in hint
    assert "SameSite=lax" in hint and cookie.split("Max-Age=")[1] == hint.split("Max-Age=")[1]
    token = cookie.split(";")[0].split("=", 1)[1]
    assert not await Session.filter(token_hash=token).exists()
    assert await Session.filter(token_hash=accounts.hash_token(token)).exists()
    body = await gql(client, VIEWER)
    assert body["data"]["viewer"] == {
        "username": "hoa.nguyen",
        "displayName": "Hoa.Nguyen",
        "roles": ["FIELD_STAFF"],
        "scope": {"code": "32002", "name": "Phường An Xuyên"},
    }


async def test_viewer_is_null_when_anonymous(client: httpx.AsyncClient, db: str) -> None:
    assert (await gql(client, VIEWER))["data"] == {"viewer": None}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Tên đăng nhập hoặc mật khẩu không đúng."),
        ("en-GB,en;q=0.8", "The username or password is incorrect."),
        ("fr", "Tên đăng nhập hoặc mật khẩu không đúng."),
    ],
)
async def test_wrong_password_gets_one_translated_message(
    client: httpx.AsyncClient, system: Actor, language: str, message: str
) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")

    body = await gql(
        client,
        LOGIN,
        {"input": {"username": "hoa.nguyen", "password": "nope"}},
        headers={"accept-language": language},
    )

    assert body["data"]["login"] == {
        "viewer": None,
        "errors": [{"field": "password", "code": "INVALID_CREDENTIALS", "message": message}],
    }


async def test_lockout_is_reported_in_the_payload(client: httpx.AsyncClient, system: Actor) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    variables = {"input": {"username": "hoa.nguyen", "password": "nope"}}
    for _ in range(4):
        await gql(client, LOGIN, variables)

    body = await gql(client, LOGIN, variables, headers={"accept-language": "en"})

    assert body["data"]["login"]["errors"] == [
        {
            "field": None,
            "code": "LOGIN_LOCKED",
            "message": "Too many failed sign-ins. Please try again in 15 minutes.",
        }
    ]


async def test_logout_revokes_the_session(client: httpx.AsyncClient, system: Actor) -> None:
    await sign_in(client, system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    token = client.cookies["dxnet_session"]

    response = await client.post(
        "/graphql", json={"query": LOGOUT}, headers={"content-type": "application/json"}
    )

    assert response.json()["data"]["logout"] == {"ok": True, "errors": []}
    cleared = response.headers.get_list("set-cookie")
    assert [c.split(";")[0] for c in cleared] == ['dxnet_session=""', 'dxnet_signed_in=""']
    assert (await Session.get(token_hash=accounts.hash_token(token))).revoked_at is not None
    client.cookies.set("dxnet_session", token)
    assert (await gql(client, VIEWER))["data"]["viewer"] is None


@pytest.mark.parametrize("how", ["expired", "revoked"])
async def test_dead_session_answers_unauthenticated(
    client: httpx.AsyncClient, system: Actor, how: str
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")
    session = await Session.get()
    if how == "expired":
        session.expires_at = session.last_seen_at - timedelta(seconds=1)
    else:
        session.revoked_at = session.last_seen_at
    await session.save()

    response = await client.post(
        "/graphql", json={"query": USERS}, headers={"content-type": "application/json"}
    )

    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    cleared = [c.split(";")[0] for c in response.headers.get_list("set-cookie")]
    assert cleared == ['dxnet_session=""', 'dxnet_signed_in=""']  # the dead cookie is cleared


async def test_api_key_reads_with_bearer_and_revocation_takes_effect(
    client: httpx.AsyncClient, system: Actor
) -> None:
    key, raw = await accounts.create_api_key(system, name="Partner", scopes=["read:network"])
    query = '{ adminUnit(code: "32002") { name } viewer { username } }'

    body = await gql(client, query, headers={"authorization": f"Bearer {raw}"})
    assert body["data"] == {"adminUnit": {"name": "Phường An Xuyên"}, "viewer": None}

    await accounts.revoke_api_key(system, key_id=key.id)
    body = await gql(client, USERS, headers={"authorization": f"Bearer {raw}"})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("header", ["Bearer dxn_forged", "Basic YWRtaW46eA==", "Bearer "])
async def test_bad_credentials_in_authorization_are_unauthenticated(
    client: httpx.AsyncClient, db: str, header: str
) -> None:
    body = await gql(client, USERS, headers={"authorization": header})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_api_keys_cannot_manage_accounts(client: httpx.AsyncClient, system: Actor) -> None:
    _key, raw = await accounts.create_api_key(
        system, name="Partner", scopes=["read:network", "read:pii"]
    )

    body = await gql(client, USERS, headers={"authorization": f"Bearer {raw}"})

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("role", "scope", "expected"),
    [
        (Role.PROVINCE_ADMIN, "96", {"admin", "m.32002", "s.32002", "s.31843"}),
        (Role.UNIT_MANAGER, "32002", {"admin", "m.32002", "s.32002"}),
        (Role.UNIT_MANAGER, "31843", {"admin", "s.31843"}),
    ],
)
async def test_users_query_shows_only_the_subtree(
    client: httpx.AsyncClient, system: Actor, role: Role, scope: str, expected: set[str]
) -> None:
    await make_user(system, "m.32002", Role.UNIT_MANAGER, "32002")
    await make_user(system, "s.32002", Role.FIELD_STAFF, "32002")
    await make_user(system, "s.31843", Role.FIELD_STAFF, "31843")
    await sign_in(client, system, "admin", role, scope)

    body = await gql(client, USERS)

    names = {e["node"]["username"] for e in body["data"]["users"]["edges"]}
    assert names == expected
    assert body["data"]["users"]["totalCount"] == len(expected)


@pytest.mark.parametrize("role", [Role.FIELD_STAFF, Role.COMMITTEE_MEMBER])
async def test_users_query_is_refused_below_manager(
    client: httpx.AsyncClient, system: Actor, role: Role
) -> None:
    await sign_in(client, system, "someone", role, "96")

    body = await gql(client, USERS, headers={"accept-language": "en"})

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["message"] == "You are not allowed to do this."


async def test_manager_cannot_list_users_of_another_commune(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")

    body = await gql(client, USERS, {"code": "31843"})

    assert body["errors"][0]["extensions"] == {"code": "OUT_OF_SCOPE", "field": "adminUnitCode"}


CREATE_USER = """
mutation Create($input: CreateUserInput!) {
  createUser(input: $input) { user { username roles scope { code } } errors { field code message } }
}
"""


async def test_manager_creates_accounts_only_in_scope(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")
    new = {
        "username": "lan.ngo",
        "password": "mat-khau-du-dai",
        "displayName": "Ngô Thị Lan",
        "roles": ["FIELD_STAFF"],
        "scopeCode": "32002",
    }

    ok = await gql(client, CREATE_USER, {"input": new})
    refused = await gql(
        client,
        CREATE_USER,
        {"input": {**new, "username": "other", "scopeCode": "31843"}},
        headers={"accept-language": "en"},
    )

    assert ok["data"]["createUser"] == {
        "user": {"username": "lan.ngo", "roles": ["FIELD_STAFF"], "scope": {"code": "32002"}},
        "errors": [],
    }
    assert refused["data"]["createUser"] == {
        "user": None,
        "errors": [
            {
                "field": "scopeCode",
                "code": "OUT_OF_SCOPE",
                "message": "Unit 31843 is outside the area you may manage.",
            }
        ],
    }


async def test_deactivating_a_user_ends_their_sessions(
    client: httpx.AsyncClient, system: Actor
) -> None:
    staff = await make_user(system, "staff", Role.FIELD_STAFF, "32002")
    await make_user(system, "manager", Role.UNIT_MANAGER, "32002")
    _s, staff_token = await accounts.open_session(user=staff, policy=accounts.SessionPolicy())
    await login(client, "manager")
    user_id = (await gql(client, "{ users(first: 5) { edges { node { id username } } } }"))["data"][
        "users"
    ]["edges"]
    staff_id = next(e["node"]["id"] for e in user_id if e["node"]["username"] == "staff")

    body = await gql(
        client,
        "mutation($id: ID!) { setUserActive(input: {id: $id, active: false}) "
        "{ user { isActive } errors { code } } }",
        {"id": staff_id},
    )

    assert body["data"]["setUserActive"] == {"user": {"isActive": False}, "errors": []}
    with pytest.raises(Exception, match="UNAUTHENTICATED"):
        await accounts.resolve_session(token=staff_token, policy=accounts.SessionPolicy())


async def test_admin_creates_and_revokes_api_key_over_graphql(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")

    created = await gql(
        client,
        'mutation { createApiKey(input: {name: "Ngân hàng Nhà nước", scopes: ["read:network"]}) '
        "{ key apiKey { id name scopes prefix } errors { field code } } }",
    )
    payload = created["data"]["createApiKey"]
    assert payload["errors"] == [] and payload["key"].startswith(payload["apiKey"]["prefix"])
    listed = await gql(client, "{ apiKeys { edges { node { name revokedAt } } } }")
    assert listed["data"]["apiKeys"]["edges"] == [
        {"node": {"name": "Ngân hàng Nhà nước", "revokedAt": None}}
    ]

    revoked = await gql(
        client,
        "mutation($id: ID!) { revokeApiKey(input: {id: $id}) { apiKey { revokedAt } errors { code } } }",
        {"id": payload["apiKey"]["id"]},
    )
    assert revoked["data"]["revokeApiKey"]["apiKey"]["revokedAt"] is not None
    anon = await gql(client, VIEWER, headers={"authorization": f"Bearer {payload['key']}"})
    assert anon["data"]["viewer"] is None


async def test_manager_cannot_create_api_keys(client: httpx.AsyncClient, system: Actor) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")

    body = await gql(
        client,
        'mutation { createApiKey(input: {name: "x", scopes: ["read:pii"]}) { key errors { code } } }',
    )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_users_list_costs_the_same_queries_whatever_the_page_size(
    client: httpx.AsyncClient, system: Actor, count_queries: object
) -> None:
    await make_user(system, "admin", Role.PROVINCE_ADMIN, "96")
    for i in range(12):
        await make_user(system, f"staff{i:02d}", Role.FIELD_STAFF, "32002" if i % 2 else "31843")
    await login(client, "admin")
    counts = []
    for size in (2, 12):
        count_queries.queries.clear()  # type: ignore[attr-defined]
        await gql(
            client,
            "query($n: Int) { users(first: $n) { totalCount edges { node { username scope { name } } } } }",
            {"n": size},
        )
        counts.append(len(count_queries))  # type: ignore[arg-type]

    # session lookup + page (with its admin units joined) + count; no query per row
    assert counts == [3, 3]
