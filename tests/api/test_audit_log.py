"""The audit log reads as sentences: who (by name), did what, to which object (by name),
filtered by actor, action, object type and time; and the accounts lists the admin screens
use (users searched without diacritics, keys with the unit they are limited to)."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import httpx
from strawberry import relay

from accounts.models import User
from core.actor import Actor, Role
from core.clock import utcnow
from core.models import AuditEvent
from tests.helpers import PASSWORD, gql, sign_in
from tests.network.sheets import ADMIN_UNIT_HEADERS, csv_bytes

LOG = """
query($first: Int, $action: String, $objectType: String, $actor: ID, $since: DateTime,
      $until: DateTime) {
  auditLog(first: $first, action: $action, objectType: $objectType, actor: $actor,
           since: $since, until: $until) {
    edges { node { action objectType objectId objectLabel actorKind actorName actorUsername } }
  }
}
"""

CREATE_USER = """
mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { code } } }
"""

CREATE_KEY = """
mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name adminUnit { code name } } errors { code } }
}
"""

IMPORT_UNITS = """
mutation($input: ImportInput!) { importAdminUnits(input: $input) { report { created } errors { code } } }
"""


def gid(type_name: str, node_id: object) -> str:
    return str(relay.GlobalID(type_name, str(node_id)))


async def _log(client: httpx.AsyncClient, **variables: Any) -> list[dict[str, Any]]:
    body = await gql(client, LOG, variables)
    assert "errors" not in body, body
    return [e["node"] for e in body["data"]["auditLog"]["edges"]]


async def _create_user(client: httpx.AsyncClient, username: str, name: str, scope: str) -> str:
    body = await gql(
        client,
        CREATE_USER,
        {
            "input": {
                "username": username,
                "password": PASSWORD,
                "displayName": name,
                "roles": ["FIELD_STAFF"],
                "scopeCode": scope,
            }
        },
    )
    payload = body["data"]["createUser"]
    assert payload["errors"] == []
    return str(payload["user"]["id"])


async def _import_hamlets(client: httpx.AsyncClient, rows: list[list[str]]) -> None:
    content = csv_bytes(ADMIN_UNIT_HEADERS, rows)
    body = await gql(
        client,
        IMPORT_UNITS,
        {
            "input": {
                "fileName": "ap.csv",
                "contentBase64": base64.b64encode(content).decode(),
                "dryRun": False,
            }
        },
    )
    assert body["data"]["importAdminUnits"]["errors"] == []


async def test_events_name_their_actor_and_object(client: httpx.AsyncClient, system: Actor) -> None:
    await sign_in(client, system, "tinh.admin", Role.PROVINCE_ADMIN, "96")
    await User.filter(username="tinh.admin").update(display_name="Trần Quốc Tỉnh")
    user_id = await _create_user(client, "hoa.canbo", "Lê Thị Hoa", "32002")
    key = await gql(
        client,
        CREATE_KEY,
        {
            "input": {
                "name": "Cổng dữ liệu xã",
                "scopes": ["read:network"],
                "adminUnitCode": "32002",
            }
        },
    )

    events = await _log(client)

    assert events == [
        {
            "action": "api_key.create",
            "objectType": "ApiKey",
            "objectId": key["data"]["createApiKey"]["apiKey"]["id"],
            "objectLabel": "Cổng dữ liệu xã",
            "actorKind": "user",
            "actorName": "Trần Quốc Tỉnh",
            "actorUsername": "tinh.admin",
        },
        {
            "action": "user.create",
            "objectType": "User",
            "objectId": user_id,
            "objectLabel": "Lê Thị Hoa",
            "actorKind": "user",
            "actorName": "Trần Quốc Tỉnh",
            "actorUsername": "tinh.admin",
        },
        # make_user in sign_in acts as the system: no actor to name
        {
            "action": "user.create",
            "objectType": "User",
            "objectId": gid("User", (await User.get(username="tinh.admin")).id),
            "objectLabel": "Trần Quốc Tỉnh",
            "actorKind": "system",
            "actorName": None,
            "actorUsername": None,
        },
    ]


async def test_each_import_event_names_the_unit_its_rows_went_to(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "tinh.admin", Role.PROVINCE_ADMIN, "96")
    await _import_hamlets(client, [["32002", "32002-K01", "Khóm 1", "Khóm"]])
    await _import_hamlets(client, [["31843", "31843-A01", "Ấp 1", "Ấp"]])

    events = await _log(client, action="admin_unit.import")

    assert [(e["objectId"], e["objectLabel"], e["actorName"]) for e in events] == [
        (gid("AdminUnit", "31843"), "Xã Hồng Dân", "Tinh.Admin"),
        (gid("AdminUnit", "32002"), "Phường An Xuyên", "Tinh.Admin"),
    ]


async def test_a_page_of_events_costs_the_same_queries_for_any_size(
    client: httpx.AsyncClient, system: Actor, count_queries: object
) -> None:
    await sign_in(client, system, "tinh.admin", Role.PROVINCE_ADMIN, "96")
    for n in range(6):
        await _create_user(client, f"canbo.{n}", f"Cán bộ {n}", "32002")
        await gql(client, CREATE_KEY, {"input": {"name": f"Khóa {n}", "scopes": ["read:network"]}})
    await _import_hamlets(client, [["32002", "32002-K09", "Khóm 9", "Khóm"]])
    counts = []
    for size in (3, 13):
        count_queries.queries.clear()  # type: ignore[attr-defined]
        events = await _log(client, first=size)
        assert len(events) == size
        assert all(e["actorName"] == "Tinh.Admin" for e in events[:-1])
        counts.append(len(count_queries))  # type: ignore[arg-type]

    # session, the page, then one query per object type on the page (units, keys, users):
    # the actors are users too, so they cost nothing more
    assert counts == [2 + 3, 2 + 3]


async def test_filters_by_actor_action_object_type_and_time(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "tinh.admin", Role.PROVINCE_ADMIN, "96")
    admin = gid("User", (await User.get(username="tinh.admin")).id)
    await _create_user(client, "hoa.canbo", "Lê Thị Hoa", "32002")
    await gql(client, CREATE_KEY, {"input": {"name": "Khóa", "scopes": ["read:network"]}})
    old = await AuditEvent.get(
        action="user.create", object_id=str((await User.get(username="hoa.canbo")).id)
    )
    await AuditEvent.filter(id=old.id).update(at=utcnow() - timedelta(days=10))
    cutoff = (utcnow() - timedelta(days=1)).isoformat()

    assert [e["action"] for e in await _log(client, actor=admin)] == [
        "api_key.create",
        "user.create",
    ]
    assert [e["objectLabel"] for e in await _log(client, objectType="ApiKey")] == ["Khóa"]
    assert [e["objectLabel"] for e in await _log(client, action="user.create", since=cutoff)] == [
        "Tinh.Admin"
    ]
    assert [e["objectLabel"] for e in await _log(client, action="user.create", until=cutoff)] == [
        "Lê Thị Hoa"
    ]


USERS = "query($search: String) { users(search: $search) { edges { node { username } } } }"


async def test_users_are_searched_without_diacritics(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "tinh.admin", Role.PROVINCE_ADMIN, "96")
    await _create_user(client, "hoa.canbo", "Lê Thị Hoà", "32002")
    await _create_user(client, "dung.canbo", "Đặng Văn Dũng", "31843")

    async def found(search: str) -> list[str]:
        body = await gql(client, USERS, {"search": search})
        return [e["node"]["username"] for e in body["data"]["users"]["edges"]]

    assert await found("le thi hoa") == ["hoa.canbo"]
    assert await found("DANG") == ["dung.canbo"]
    assert await found("canbo") == ["dung.canbo", "hoa.canbo"]
    assert await found("") == ["dung.canbo", "hoa.canbo", "tinh.admin"]


async def test_api_keys_show_the_unit_they_are_limited_to(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "tinh.admin", Role.PROVINCE_ADMIN, "96")
    created = await gql(
        client,
        CREATE_KEY,
        {"input": {"name": "Xã", "scopes": ["read:network"], "adminUnitCode": "31843"}},
    )
    await gql(client, CREATE_KEY, {"input": {"name": "Tỉnh", "scopes": ["read:network"]}})

    listed = await gql(client, "{ apiKeys { edges { node { name adminUnit { code name } } } } }")

    assert created["data"]["createApiKey"]["apiKey"]["adminUnit"] == {
        "code": "31843",
        "name": "Xã Hồng Dân",
    }
    assert [e["node"] for e in listed["data"]["apiKeys"]["edges"]] == [
        {"name": "Tỉnh", "adminUnit": {"code": "96", "name": "Tỉnh Cà Mau"}},
        {"name": "Xã", "adminUnit": {"code": "31843", "name": "Xã Hồng Dân"}},
    ]
