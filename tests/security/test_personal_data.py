"""Personal data through every path that reaches a member or an initiative's submitter:
field staff, committee members and partner keys without ``read:pii`` get null; the province
admin, the area's manager and keys with ``read:pii`` get the value, and each such read writes
an audit row (``member.pii_read`` / ``initiative.pii_read``, declared on the fields)."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from accounts import services as accounts
from core.actor import Actor
from core.models import AuditEvent
from network import members, organizations
from network.members import MemberData
from network.models import AdminUnit, ITQualification, OrganizationKind
from network.organizations import OrganizationData
from network.seed import seed_platforms
from tests.recognition.recognition_data import accepted
from tests.security.conftest import World
from tests.security.documents import global_id

pytestmark = pytest.mark.db

MEMBER = "phone email nationalId"
SUBMITTER = "submitterName submitterPhone submitterEmail"

# path name -> (document, variables factory, where the objects are in the answer, audit action)
PATHS: dict[str, tuple[str, Any, str, str]] = {
    "member": (
        f"query($id: ID!) {{ member(id: $id) {{ {MEMBER} }} }}",
        lambda ids: {"id": global_id("Member", ids["member"])},
        "member",
        "member.pii_read",
    ),
    "node(Member)": (
        f"query($id: ID!) {{ node(id: $id) {{ ... on Member {{ {MEMBER} }} }} }}",
        lambda ids: {"id": global_id("Member", ids["member"])},
        "node",
        "member.pii_read",
    ),
    "members": (
        f"query($code: String) {{ members(adminUnitCode: $code) {{ edges {{ node {{ {MEMBER} }} }} }} }}",
        lambda ids: {"code": ids["unit"]},
        "members.edges.node",
        "member.pii_read",
    ),
    "organization.members": (
        f"query($id: ID!) {{ organization(id: $id) {{ members {{ edges {{ node {{ {MEMBER} }} }} }} }} }}",
        lambda ids: {"id": global_id("Organization", ids["organization"])},
        "organization.members.edges.node",
        "member.pii_read",
    ),
    "initiative": (
        f"query($id: ID!) {{ initiative(id: $id) {{ {SUBMITTER} }} }}",
        lambda ids: {"id": global_id("Initiative", ids["initiative"])},
        "initiative",
        "initiative.pii_read",
    ),
    "node(Initiative)": (
        f"query($id: ID!) {{ node(id: $id) {{ ... on Initiative {{ {SUBMITTER} }} }} }}",
        lambda ids: {"id": global_id("Initiative", ids["initiative"])},
        "node",
        "initiative.pii_read",
    ),
    "initiatives": (
        f"query($code: String) {{ initiatives(adminUnitCode: $code) {{ edges {{ node {{ {SUBMITTER} }} }} }} }}",
        lambda ids: {"code": ids["unit"]},
        "initiatives.edges.node",
        "initiative.pii_read",
    ),
}

READERS = ("admin", "manager_in", "key_scoped")  # key_scoped holds read:pii
GATED = ("field", "committee", "key_no_pii")


def _objects(data: Any, where: str) -> list[dict[str, Any]]:
    items: list[Any] = [data]
    for part in where.split("."):
        nxt: list[Any] = []
        for item in items:
            value = item.get(part) if isinstance(item, dict) else None
            nxt.extend(value if isinstance(value, list) else [value])
        items = [i for i in nxt if i is not None]
    return items


async def test_personal_data_paths(world: World) -> None:
    tree = await AdminUnit.get(code="96")
    system = Actor.system(tree.path, tree.code)
    await seed_platforms()
    org = await organizations.create(
        system,
        data=OrganizationData(
            name="UBND PII", kind=OrganizationKind.PEOPLES_COMMITTEE, admin_unit_code=world.home
        ),
    )
    member = await members.create(
        system,
        data=MemberData(
            full_name="Võ Thị PII",
            organization_id=org.id,
            phone="0912888888",
            email="pii@example.vn",
            national_id="096012345678",
            it_qualification=ITQualification.NONE,
            roles=[],
            joined_on=date(2025, 3, 1),
        ),
    )
    initiative = await accepted(system, admin_unit_code=world.home)
    ids = {
        "member": member.id,
        "organization": org.id,
        "initiative": initiative.id,
        "unit": world.home,
    }
    _, raw = await accounts.create_api_key(
        system, name="no pii", scopes=["read:network", "read:recognition"]
    )
    clients = dict(world.clients)
    clients["key_no_pii"] = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=world.app, client=("203.0.113.99", 50000)),
        base_url="http://testserver",
        headers={"content-type": "application/json", "authorization": f"Bearer {raw}"},
    )
    failures: list[str] = []
    try:
        for path, (query, variables, where, action) in PATHS.items():
            for caller in (*READERS, *GATED):
                before = await AuditEvent.filter(action=action).count()
                body = (
                    await clients[caller].post(
                        "/graphql", json={"query": query, "variables": variables(ids)}
                    )
                ).json()
                after = await AuditEvent.filter(action=action).count()
                if body.get("errors"):
                    failures.append(f"{path} as {caller}: errors {body['errors']}")
                    continue
                objects = _objects(body["data"], where)
                if not objects:
                    failures.append(f"{path} as {caller}: no object in {body['data']}")
                    continue
                values = [v for obj in objects for v in obj.values()]
                if caller in READERS:
                    if not all(values):
                        failures.append(f"{path} as {caller}: expected values, got {objects}")
                    if after <= before:
                        failures.append(f"{path} as {caller}: read without an audit row")
                else:
                    if any(v is not None for v in values):
                        failures.append(f"{path} as {caller}: LEAK {objects}")
                    if after != before:
                        failures.append(f"{path} as {caller}: audit row for a gated read")
    finally:
        await clients["key_no_pii"].aclose()
    assert not failures, "\n".join(failures)
