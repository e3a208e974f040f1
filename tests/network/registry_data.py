"""A small, hand-countable registry for tests (KPI fixtures are computed from it by hand)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from bench.network import QueryLog
from core.actor import Actor
from network import members, organizations
from network.members import MemberData
from network.models import ITQualification, Member, Organization, OrganizationKind
from network.organizations import OrganizationData
from network.seed import seed_platforms
from tests.helpers import gql


@dataclass
class Registry:
    department: Organization  # province level, focal point qualified
    pc_an_xuyen: Organization  # ward 32002, focal point NOT qualified
    pc_hong_dan: Organization  # commune 31843, no focal point
    team_an_xuyen: Organization  # a tech team in 32002 (focal point not required)
    director: Member
    an_xuyen_officer: Member
    an_xuyen_staff: Member
    hong_dan_officer: Member
    team_leader: Member


async def build_registry(system: Actor) -> Registry:
    await seed_platforms()

    async def org(name: str, kind: OrganizationKind, unit: str) -> Organization:
        data = OrganizationData(name=name, kind=kind, admin_unit_code=unit)
        return await organizations.create(system, data=data)

    async def person(
        name: str, organization: Organization, phone: str, q: ITQualification, roles: list[str]
    ) -> Member:
        data = MemberData(
            full_name=name,
            organization_id=organization.id,
            phone=phone,
            email=f"{phone}@example.vn",
            it_qualification=q,
            roles=roles,
            joined_on=date(2025, 3, 1),
        )
        return await members.create(system, data=data)

    department = await org("Sở Khoa học và Công nghệ", OrganizationKind.PROVINCIAL_DEPARTMENT, "96")
    pc_an_xuyen = await org("UBND Phường An Xuyên", OrganizationKind.PEOPLES_COMMITTEE, "32002")
    pc_hong_dan = await org("UBND Xã Hồng Dân", OrganizationKind.PEOPLES_COMMITTEE, "31843")
    team = await org("Tổ công nghệ số Khóm 1", OrganizationKind.COMMUNITY_TECH_TEAM, "32002")
    director = await person(
        "Nguyễn Văn An", department, "0912000001", ITQualification.IT_BACHELOR, ["EXPERT"]
    )
    an_xuyen_officer = await person(
        "Trần Thị Bích", pc_an_xuyen, "0912000002", ITQualification.IT_CERTIFICATE, []
    )
    an_xuyen_staff = await person(
        "Lê Văn Cường", pc_an_xuyen, "0912000003", ITQualification.NONE, []
    )
    hong_dan_officer = await person(
        "Đặng Thị Dung", pc_hong_dan, "0912000004", ITQualification.IT_COLLEGE, []
    )
    leader = await person(
        "Huỳnh Văn Em",
        team,
        "0912000005",
        ITQualification.BASIC_DIGITAL_SKILLS,
        ["TECH_TEAM_LEADER"],
    )
    await members.designate_focal_point(
        system, organization_id=department.id, member_id=director.id
    )
    await members.designate_focal_point(
        system, organization_id=pc_an_xuyen.id, member_id=an_xuyen_officer.id
    )
    return Registry(
        department,
        pc_an_xuyen,
        pc_hong_dan,
        team,
        director,
        an_xuyen_officer,
        an_xuyen_staff,
        hong_dan_officer,
        leader,
    )


def member_like(like: Member, i: int, **columns: Any) -> Member:
    """An unsaved member numbered ``i`` in ``like``'s organisation and unit, for bulk
    writes that go around the services."""
    return Member(
        full_name=f"Thành viên {i}",
        name_folded=f"thanh vien {i}",
        organization_id=like.organization_id,
        admin_unit_id=like.admin_unit_id,
        unit_path=like.unit_path,
        position="",
        it_qualification=0,
        **columns,
    )


async def listed_with_kept_total(
    client: httpx.AsyncClient, queries: QueryLog, connection: str, arguments: str, tally: str
) -> dict[str, Any]:
    """``connection(first: 100, arguments)`` with its total, checked to be summed from
    the kept ``tally`` (no ``COUNT``) and to agree with the rows listed."""
    queries.queries.clear()
    body = await gql(
        client,
        f"{{ {connection}(first: 100, {arguments}) {{ totalCount edges {{ node {{ id }} }} }} }}",
    )
    listed: dict[str, Any] = body["data"][connection]
    assert not [q for q in queries.queries if "COUNT(" in q.upper()], queries.queries
    assert any(tally in q for q in queries.queries), queries.queries
    assert listed["totalCount"] == len(listed["edges"])
    return listed
