"""The registry over GraphQL: personal data per role, query counts, mutations, audit."""

from __future__ import annotations

import httpx
import pytest
from strawberry.relay import GlobalID

from accounts import services as accounts
from accounts.models import User
from core.actor import Actor, Role
from core.models import AuditEvent
from network import members as member_services
from network.models import AdoptionStatus, Member
from tests.helpers import gql, login, make_user, sign_in
from tests.network.registry_data import Registry

MEMBERS = """
query Members($code: String, $search: String, $first: Int) {
  members(adminUnitCode: $code, search: $search, first: $first) {
    totalCount
    edges { node { id fullName phone email nationalId roles organization { name } adminUnit { code } } }
  }
}
"""
MEMBER = "query($id: ID!) { member(id: $id) { fullName phone email } }"


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


async def _as(client: httpx.AsyncClient, system: Actor, role: Role, scope: str) -> None:
    await sign_in(client, system, "viewer", role, scope)


@pytest.mark.parametrize(
    ("role", "scope", "visible", "with_phone"),
    [
        (Role.PROVINCE_ADMIN, "96", 5, 5),
        (Role.UNIT_MANAGER, "32002", 3, 3),
        (Role.UNIT_MANAGER, "31843", 1, 1),
        (Role.FIELD_STAFF, "96", 5, 0),
        (Role.FIELD_STAFF, "32002", 3, 0),
        (Role.COMMITTEE_MEMBER, "96", 5, 0),
    ],
)
async def test_personal_data_is_shown_only_to_the_right_roles(
    client: httpx.AsyncClient,
    system: Actor,
    registry: Registry,
    role: Role,
    scope: str,
    visible: int,
    with_phone: int,
) -> None:
    await _as(client, system, role, scope)

    body = await gql(client, MEMBERS)

    nodes = [e["node"] for e in body["data"]["members"]["edges"]]
    assert len(nodes) == visible == body["data"]["members"]["totalCount"]
    assert sum(1 for n in nodes if n["phone"]) == with_phone
    assert sum(1 for n in nodes if n["email"]) == with_phone
    if with_phone == 0:
        assert all(
            n["phone"] is None and n["email"] is None and n["nationalId"] is None for n in nodes
        )
    reads = await AuditEvent.filter(action="member.pii_read").count()
    assert reads == with_phone


async def test_a_member_sees_their_own_personal_data(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    user = await make_user(system, "staff", Role.FIELD_STAFF, "32002")
    await User.filter(id=user.id).update(member_id=registry.an_xuyen_staff.id)
    await login(client, "staff")

    own = await gql(client, MEMBER, {"id": gid("Member", registry.an_xuyen_staff.id)})
    other = await gql(client, MEMBER, {"id": gid("Member", registry.an_xuyen_officer.id)})

    assert own["data"]["member"] == {
        "fullName": "Lê Văn Cường",
        "phone": "0912000003",
        "email": "0912000003@example.vn",
    }
    assert other["data"]["member"] == {"fullName": "Trần Thị Bích", "phone": None, "email": None}


@pytest.mark.parametrize(
    ("scopes", "with_phone"), [(["read:network"], 0), (["read:network", "read:pii"], 5)]
)
async def test_partner_keys_need_read_pii_for_personal_data(
    client: httpx.AsyncClient, system: Actor, registry: Registry, scopes: list[str], with_phone: int
) -> None:
    key, raw = await accounts.create_api_key(system, name="Partner", scopes=scopes)

    body = await gql(client, MEMBERS, headers={"authorization": f"Bearer {raw}"})

    nodes = [e["node"] for e in body["data"]["members"]["edges"]]
    assert len(nodes) == 5 and sum(1 for n in nodes if n["phone"]) == with_phone
    assert (
        await AuditEvent.filter(action="member.pii_read", actor_api_key_id=key.id).count()
        == with_phone
    )


async def test_anonymous_callers_get_no_registry(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    body = await gql(client, MEMBERS, headers={"accept-language": "en"})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["errors"][0]["message"] == "Please sign in to continue."
    body = await gql(client, "{ organizations { edges { node { name } } } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_manager_cannot_open_a_member_outside_the_scope(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.UNIT_MANAGER, "31843")

    body = await gql(client, MEMBER, {"id": gid("Member", registry.an_xuyen_staff.id)})
    node = await gql(
        client,
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": gid("Member", registry.an_xuyen_staff.id)},
    )

    assert body["data"]["member"] is None
    assert node["data"]["node"] is None


async def test_search_without_diacritics_over_graphql(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.PROVINCE_ADMIN, "96")

    for search in ("nguyen van an", "NGUYỄN VĂN", "an"):
        body = await gql(client, MEMBERS, {"search": search})
        names = [e["node"]["fullName"] for e in body["data"]["members"]["edges"]]
        assert "Nguyễn Văn An" in names
    body = await gql(client, MEMBERS, {"search": "dang thi dung"})
    assert [e["node"]["fullName"] for e in body["data"]["members"]["edges"]] == ["Đặng Thị Dung"]


FILTERED = """
query Filtered($kind: OrganizationKind, $min: ITQualification, $platform: String,
               $role: NetworkRole) {
  members(organizationKind: $kind, minItQualification: $min, platformCode: $platform,
          role: $role, first: 50) {
    totalCount edges { node { fullName } }
  }
}
"""


@pytest.mark.parametrize(
    ("variables", "names"),
    [
        ({"kind": "PEOPLES_COMMITTEE"}, ["Đặng Thị Dung", "Lê Văn Cường", "Trần Thị Bích"]),
        ({"kind": "COMMUNITY_TECH_TEAM"}, ["Huỳnh Văn Em"]),
        ({"min": "IT_COLLEGE"}, ["Đặng Thị Dung", "Nguyễn Văn An"]),
        (
            {"min": "IT_CERTIFICATE", "kind": "PEOPLES_COMMITTEE"},
            ["Đặng Thị Dung", "Trần Thị Bích"],
        ),
        ({"platform": "VNEID"}, ["Huỳnh Văn Em", "Lê Văn Cường"]),
        ({"platform": "VNEID", "role": "TECH_TEAM_LEADER"}, ["Huỳnh Văn Em"]),
        ({"platform": "NO_SUCH_PLATFORM"}, []),
    ],
)
async def test_members_filter_by_organisation_kind_qualification_and_platform(
    client: httpx.AsyncClient,
    system: Actor,
    registry: Registry,
    variables: dict[str, str],
    names: list[str],
) -> None:
    for member in (registry.team_leader, registry.an_xuyen_staff):
        await member_services.record_platform_adoption(
            system, member_id=member.id, platform_code="VNEID", status=AdoptionStatus.HAS_ACCESS
        )
    await member_services.record_platform_adoption(
        system,
        member_id=registry.team_leader.id,
        platform_code="DVCQG",
        status=AdoptionStatus.ACTIVE_USE,
    )
    await _as(client, system, Role.PROVINCE_ADMIN, "96")

    body = await gql(client, FILTERED, variables)

    members = body["data"]["members"]
    assert [e["node"]["fullName"] for e in members["edges"]] == names
    assert members["totalCount"] == len(names)


async def queries_per_page(
    client: httpx.AsyncClient,
    count_queries: object,
    query: str,
    connection: str,
    variable: str,
    sizes: tuple[int, ...],
) -> list[int]:
    """The SQL queries ``query`` costs for each page size in ``sizes`` (passed as
    ``variable``), after checking that each page of ``connection`` is that long."""
    counts = []
    for size in sizes:
        count_queries.queries.clear()  # type: ignore[attr-defined]
        body = await gql(client, query, {variable: size})
        assert len(body["data"][connection]["edges"]) == size
        counts.append(len(count_queries))  # type: ignore[arg-type]
    return counts


async def test_member_list_costs_the_same_queries_for_any_page_size(
    client: httpx.AsyncClient, system: Actor, registry: Registry, count_queries: object
) -> None:
    await _as(client, system, Role.FIELD_STAFF, "96")  # no PII, so no audit insert

    counts = await queries_per_page(client, count_queries, MEMBERS, "members", "first", (1, 5))

    # session, one page with organisation and admin unit joined, count
    assert counts == [3, 3]


async def test_organizations_with_focal_points_and_members_do_not_query_per_row(
    client: httpx.AsyncClient, system: Actor, registry: Registry, count_queries: object
) -> None:
    await _as(client, system, Role.FIELD_STAFF, "96")
    query = """{ organizations(first: 10) { edges { node { name kind adminUnit { name }
        focalPoints { qualified designatedOn member { fullName organization { name } } } } } } }"""
    count_queries.queries.clear()  # type: ignore[attr-defined]

    body = await gql(client, query)

    nodes = {e["node"]["name"]: e["node"] for e in body["data"]["organizations"]["edges"]}
    assert [
        (f["member"]["fullName"], f["qualified"])
        for f in nodes["Sở Khoa học và Công nghệ"]["focalPoints"]
    ] == [("Nguyễn Văn An", True)]
    assert [f["qualified"] for f in nodes["UBND Phường An Xuyên"]["focalPoints"]] == [False]
    assert nodes["UBND Xã Hồng Dân"]["focalPoints"] == []
    # session, page (admin unit joined), focal points batch, organisations batch
    assert len(count_queries) == 4  # type: ignore[arg-type]


async def test_organization_list_costs_the_same_queries_for_any_page_size(
    client: httpx.AsyncClient, system: Actor, registry: Registry, count_queries: object
) -> None:
    await _as(client, system, Role.FIELD_STAFF, "96")
    query = "query($n: Int) { organizations(first: $n) { totalCount edges { node { name adminUnit { name } } } } }"

    counts = await queries_per_page(client, count_queries, query, "organizations", "n", (1, 4))

    # session, one page with the admin unit joined, count
    assert counts == [3, 3]


CREATE_MEMBER = """
mutation($input: CreateMemberInput!) {
  createMember(input: $input) { member { id fullName phone itQualification roles organization { name } }
    errors { field code message } }
}
"""


async def test_manager_creates_a_member_and_gets_translated_errors(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.UNIT_MANAGER, "32002")
    org = gid("Organization", registry.pc_an_xuyen.id)

    ok = await gql(
        client,
        CREATE_MEMBER,
        {
            "input": {
                "fullName": "Võ Thị Giang",
                "organizationId": org,
                "phone": "0918 222 333",
                "itQualification": "IT_VOCATIONAL",
                "roles": ["TECH_TEAM_MEMBER"],
            }
        },
    )
    bad = await gql(
        client,
        CREATE_MEMBER,
        {
            "input": {
                "fullName": "Võ Thị Hạnh",
                "organizationId": org,
                "phone": "0918222333",
                "email": "khong-hop-le",
            }
        },
        headers={"accept-language": "en"},
    )
    outside = await gql(
        client,
        CREATE_MEMBER,
        {
            "input": {
                "fullName": "Ngoài",
                "organizationId": gid("Organization", registry.pc_hong_dan.id),
            }
        },
    )

    assert ok["data"]["createMember"]["errors"] == []
    assert ok["data"]["createMember"]["member"]["phone"] == "0918222333"
    assert ok["data"]["createMember"]["member"]["itQualification"] == "IT_VOCATIONAL"
    assert bad["data"]["createMember"] == {
        "member": None,
        "errors": [
            {
                "field": "email",
                "code": "INVALID_EMAIL",
                "message": "The email address is not valid.",
            },
            {
                "field": "phone",
                "code": "DUPLICATE_PHONE",
                "message": "This phone number already belongs to a member.",
            },
        ],
    }
    assert outside["data"]["createMember"]["errors"][0]["code"] == "ORGANIZATION_NOT_FOUND"
    assert outside["data"]["createMember"]["errors"][0]["message"].startswith(
        "Không tìm thấy tổ chức"
    )


async def test_update_and_deactivate_member(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.UNIT_MANAGER, "32002")
    member_id = gid("Member", registry.an_xuyen_staff.id)

    updated = await gql(
        client,
        'mutation($id: ID!) { updateMember(input: {id: $id, position: "Công chức", email: null}) '
        "{ member { position email } errors { code } } }",
        {"id": member_id},
    )
    left = await gql(
        client,
        "mutation($id: ID!) { deactivateMember(input: {id: $id, status: LEFT}) "
        "{ member { status leftOn } errors { code } } }",
        {"id": member_id},
    )

    assert updated["data"]["updateMember"] == {
        "member": {"position": "Công chức", "email": None},
        "errors": [],
    }
    assert left["data"]["deactivateMember"]["member"]["status"] == "LEFT"
    stored = await Member.get(id=registry.an_xuyen_staff.id)
    assert (stored.email, stored.phone) == (None, "0912000003")


async def test_organization_lifecycle_over_graphql(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.PROVINCE_ADMIN, "96")

    created = await gql(
        client,
        'mutation { createOrganization(input: {name: "Hiệp hội Doanh nghiệp tỉnh", kind: BUSINESS_ASSOCIATION, '
        'adminUnitCode: "96", contactPhone: "0290 3831 234"}) '
        "{ organization { id name kind contactPhone adminUnit { code } } errors { field code } } }",
    )
    org = created["data"]["createOrganization"]["organization"]
    renamed = await gql(
        client,
        'mutation($id: ID!) { updateOrganization(input: {id: $id, name: "Hiệp hội Doanh nghiệp tỉnh Cà Mau"}) '
        "{ organization { name kind } errors { code } } }",
        {"id": org["id"]},
    )
    closed = await gql(
        client,
        "mutation($id: ID!) { deactivateOrganization(input: {id: $id}) { organization { isActive } errors { code } } }",
        {"id": org["id"]},
    )
    duplicate = await gql(
        client,
        'mutation { createOrganization(input: {name: "ubnd phuong an xuyen", kind: PEOPLES_COMMITTEE, '
        'adminUnitCode: "32002"}) { organization { id } errors { field code } } }',
    )

    assert org["contactPhone"] == "02903831234" and org["adminUnit"] == {"code": "96"}
    assert renamed["data"]["updateOrganization"]["organization"] == {
        "name": "Hiệp hội Doanh nghiệp tỉnh Cà Mau",
        "kind": "BUSINESS_ASSOCIATION",
    }
    assert closed["data"]["deactivateOrganization"]["organization"] == {"isActive": False}
    assert duplicate["data"]["createOrganization"]["errors"] == [
        {"field": "name", "code": "DUPLICATE_ORGANIZATION"}
    ]


async def test_designate_focal_point_and_record_adoption(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.UNIT_MANAGER, "31843")

    designated = await gql(
        client,
        "mutation($o: ID!, $m: ID!) { designateFocalPoint(input: {organizationId: $o, memberId: $m}) "
        "{ organization { focalPoints { member { fullName } qualified } } errors { code } } }",
        {
            "o": gid("Organization", registry.pc_hong_dan.id),
            "m": gid("Member", registry.hong_dan_officer.id),
        },
    )
    adopted = await gql(
        client,
        'mutation($m: ID!) { recordPlatformAdoption(input: {memberId: $m, platformCode: "VNEID", '
        "status: ACTIVE_USE}) { adoption { platform { code name } status } errors { code } } }",
        {"m": gid("Member", registry.hong_dan_officer.id)},
    )
    kpis = await gql(
        client,
        "{ networkKpis { totals { adminUnit { code } focalPointRequired focalPointQualified focalPointRate "
        "members trainedRate } targets { focalPointRate focalPointMinQualification } children { adminUnit { code } } "
        "platforms { platform { code } membersWithAccess } } }",
    )

    assert designated["data"]["designateFocalPoint"]["organization"]["focalPoints"] == [
        {"member": {"fullName": "Đặng Thị Dung"}, "qualified": True}
    ]
    assert adopted["data"]["recordPlatformAdoption"]["adoption"] == {
        "platform": {"code": "VNEID", "name": "Ứng dụng định danh điện tử quốc gia VNeID"},
        "status": "ACTIVE_USE",
    }
    result = kpis["data"]["networkKpis"]
    assert result["totals"] == {
        "adminUnit": {"code": "31843"},
        "focalPointRequired": 1,
        "focalPointQualified": 1,
        "focalPointRate": 1.0,
        "members": 1,
        "trainedRate": 0.0,  # the new focal point holds a DX role and is untrained
    }
    assert result["targets"] == {
        "focalPointRate": 1.0,
        "focalPointMinQualification": "IT_VOCATIONAL",
    }
    assert result["children"] == []
    vneid = next(p for p in result["platforms"] if p["platform"]["code"] == "VNEID")
    assert vneid["membersWithAccess"] == 1


async def test_field_staff_cannot_edit_the_registry(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.FIELD_STAFF, "32002")

    body = await gql(
        client,
        CREATE_MEMBER,
        {
            "input": {
                "fullName": "X Y",
                "organizationId": gid("Organization", registry.pc_an_xuyen.id),
            }
        },
    )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_audit_log_is_for_province_admins(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.PROVINCE_ADMIN, "96")
    member_id = gid("Member", registry.director.id)
    await gql(
        client,
        'mutation($id: ID!) { updateMember(input: {id: $id, position: "Giám đốc"}) { errors { code } } }',
        {"id": member_id},
    )
    viewer = await gql(client, "{ viewer { id } }")

    log = await gql(
        client,
        "query($o: ID, $a: ID) { auditLog(objectId: $o, actor: $a) { edges { node { action objectId actorId fieldsChanged } } } }",
        {"o": member_id, "a": viewer["data"]["viewer"]["id"]},
    )

    assert [e["node"] for e in log["data"]["auditLog"]["edges"]] == [
        {
            "action": "member.update",
            "objectId": member_id,
            "actorId": viewer["data"]["viewer"]["id"],
            "fieldsChanged": ["position"],
        }
    ]
    await gql(client, "mutation { logout { ok } }")
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "96")
    refused = await gql(client, "{ auditLog { edges { node { action } } } }")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_platform_catalogue(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _as(client, system, Role.FIELD_STAFF, "32002")
    body = await gql(client, "{ platforms { code isCore } }")
    assert body["data"]["platforms"] == [
        {"code": "VNEID", "isCore": True},
        {"code": "DVCQG", "isCore": True},
        {"code": "TTHC_TINH", "isCore": True},
        {"code": "MOOCS", "isCore": True},
        {"code": "BDHVS", "isCore": True},
        {"code": "QLVB", "isCore": False},
    ]
