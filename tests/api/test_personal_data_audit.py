"""Every path that shows a member's personal data writes ``member.pii_read``, once per
member per request (decision 0007; issue 12 defect 3): the audit is declared on the
fields, so no resolver can forget it."""

from __future__ import annotations

import httpx
import pytest
from strawberry.relay import GlobalID

from activities import checkin
from core.actor import Actor, Role
from core.models import AuditEvent
from network.models import Member
from tests.activities.activity_data import SECRET, make_event
from tests.helpers import gql, sign_in
from tests.network.registry_data import Registry


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


async def _reads(action: str = "member.pii_read") -> list[str]:
    rows = await AuditEvent.filter(action=action).order_by("object_id")
    return [r.object_id for r in rows]


async def _paths(
    system: Actor, registry: Registry
) -> dict[str, tuple[str, dict[str, str], list[Member]]]:
    event = await make_event(system)
    await checkin.check_in(
        system,
        secret=SECRET,
        client_id="audit-path-1",
        event_id=event.id,
        member_id=registry.an_xuyen_staff.id,
    )
    pc = registry.pc_an_xuyen
    both = [registry.an_xuyen_officer, registry.an_xuyen_staff]
    return {
        "node": (
            "query($id: ID!) { node(id: $id) { ... on Member { phone } } }",
            {"id": gid("Member", registry.an_xuyen_staff.id)},
            [registry.an_xuyen_staff],
        ),
        "organization.members": (
            "query($id: ID!) { node(id: $id) { ... on Organization { members { edges { node { email } } } } } }",
            {"id": gid("Organization", pc.id)},
            both,
        ),
        "focalPoints.member": (
            "query($id: ID!) { node(id: $id) { ... on Organization { focalPoints { member { phone nationalId } } } } }",
            {"id": gid("Organization", pc.id)},
            [registry.an_xuyen_officer],
        ),
        "nested members, twice in one request": (
            "query($id: ID!) { member(id: $id) { phone organization { members { edges { node { phone email } } } } } }",
            {"id": gid("Member", registry.an_xuyen_staff.id)},
            both,
        ),
        "eventAttendance.member": (
            "query($id: ID!) { eventAttendance(eventId: $id) { edges { node { member { phone } } } } }",
            {"id": gid("Event", event.id)},
            [registry.an_xuyen_staff],
        ),
    }


PATHS = [
    "node",
    "organization.members",
    "focalPoints.member",
    "nested members, twice in one request",
    "eventAttendance.member",
]


@pytest.mark.parametrize("path", PATHS)
async def test_every_path_to_a_phone_writes_the_audit_once_per_member(
    client: httpx.AsyncClient, system: Actor, registry: Registry, path: str
) -> None:
    query, variables, shown = (await _paths(system, registry))[path]
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")

    body = await gql(client, query, variables)

    assert "errors" not in body, body
    assert await _reads() == sorted(str(m.id) for m in shown)


async def test_no_audit_when_no_personal_data_is_shown(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    paths = await _paths(system, registry)
    await sign_in(client, system, "staff", Role.FIELD_STAFF, "32002")

    for name, (query, variables, _shown) in paths.items():
        body = await gql(client, query, variables)
        assert "errors" not in body, (name, body)
    without_pii = await gql(
        client,
        "query($id: ID!) { member(id: $id) { fullName } }",
        {"id": gid("Member", registry.an_xuyen_staff.id)},
    )

    assert without_pii["data"]["member"] == {"fullName": "Lê Văn Cường"}
    assert await _reads() == []
