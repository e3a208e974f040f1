"""An account linked to the person's registry record (issue 15): set when the account is
created or later, only to a member the manager may see, and read back through GraphQL."""

from __future__ import annotations

import httpx
import pytest
from strawberry.relay import to_base64

from accounts.models import User
from core.actor import Actor, Role
from core.models import AuditEvent
from tests.helpers import PASSWORD, gql, sign_in
from tests.network.registry_data import build_registry

CREATE = """mutation($input: CreateUserInput!) { createUser(input: $input) {
  user { username member { fullName } } errors { field code } } }"""
LINK = """mutation($input: SetUserMemberInput!) { setUserMember(input: $input) {
  user { username member { fullName } } errors { field code } } }"""


def _create(username: str, member_id: int, scope: str = "32002") -> dict[str, object]:
    return {
        "input": {
            "username": username,
            "password": PASSWORD,
            "displayName": "Hội đồng liên kết",
            "roles": ["COMMITTEE_MEMBER"],
            "scopeCode": scope,
            "memberId": to_base64("Member", member_id),
        }
    }


async def test_a_manager_links_accounts_to_members_in_their_scope_only(
    client: httpx.AsyncClient, system: Actor
) -> None:
    registry = await build_registry(system)
    await sign_in(client, system, "quanly.32002", Role.UNIT_MANAGER, "32002")

    created = await gql(client, CREATE, _create("lien.ket", registry.an_xuyen_officer.id))
    elsewhere = await gql(client, CREATE, _create("ngoai.pham.vi", registry.hong_dan_officer.id))
    user = await User.get(username="lien.ket")
    unlinked = await gql(
        client, LINK, {"input": {"id": to_base64("User", user.id), "memberId": None}}
    )
    relinked = await gql(
        client,
        LINK,
        {
            "input": {
                "id": to_base64("User", user.id),
                "memberId": to_base64("Member", registry.hong_dan_officer.id),
            }
        },
    )

    assert created["data"]["createUser"] == {
        "user": {"username": "lien.ket", "member": {"fullName": "Trần Thị Bích"}},
        "errors": [],
    }
    assert elsewhere["data"]["createUser"] == {
        "user": None,
        "errors": [{"field": "memberId", "code": "MEMBER_NOT_FOUND"}],
    }
    assert not await User.exists(username="ngoai.pham.vi")
    assert unlinked["data"]["setUserMember"]["user"]["member"] is None
    assert relinked["data"]["setUserMember"]["errors"] == [
        {"field": "memberId", "code": "MEMBER_NOT_FOUND"}
    ]
    assert (await User.get(id=user.id)).member_id is None
    actions = await AuditEvent.filter(object_type="User", object_id=str(user.id)).values_list(
        "action", "fields_changed"
    )
    assert sorted(actions) == [
        ("user.create", ["display_name", "member", "roles", "scope", "username"]),
        ("user.link_member", ["member"]),
    ]


@pytest.mark.parametrize("role", [Role.FIELD_STAFF, Role.COMMITTEE_MEMBER])
async def test_only_managers_link_accounts(
    client: httpx.AsyncClient, system: Actor, role: Role
) -> None:
    registry = await build_registry(system)
    await sign_in(client, system, "someone", role, "32002")
    target = await User.get(username="someone")

    body = await gql(
        client,
        LINK,
        {
            "input": {
                "id": to_base64("User", target.id),
                "memberId": to_base64("Member", registry.an_xuyen_staff.id),
            }
        },
    )

    assert body["data"] is None or body["data"]["setUserMember"] is None
    assert (await User.get(id=target.id)).member_id is None
