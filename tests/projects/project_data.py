"""Shared test data for DX projects: a commune's People's Committee, two of its members
and a project built through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.actor import Actor
from network import members, organizations
from network.members import MemberData
from network.models import ITQualification, OrganizationKind
from network.organizations import OrganizationData
from projects import services
from projects.models import BudgetSource, PlanArea, Project
from projects.services import BudgetLineData, ProjectData

HOME = "31825"  # Phường Bạc Liêu
OTHER = "31843"  # Xã Hồng Dân


@dataclass
class Unit:
    organization_id: int
    member_ids: list[int]


async def unit_people(system: Actor, code: str, *, phone_prefix: str) -> Unit:
    org = await organizations.create(
        system,
        data=OrganizationData(
            name=f"UBND {code} ({phone_prefix})",
            kind=OrganizationKind.PEOPLES_COMMITTEE,
            admin_unit_code=code,
        ),
    )
    ids = []
    for i, name in enumerate(("Nguyễn Văn An", "Trần Thị Bình")):
        member = await members.create(
            system,
            data=MemberData(
                full_name=name,
                organization_id=org.id,
                phone=f"{phone_prefix}{i:02d}",
                it_qualification=ITQualification.NONE,
                roles=[],
                joined_on=date(2025, 3, 1),
            ),
        )
        ids.append(member.id)
    return Unit(org.id, ids)


async def make_project(
    actor: Actor, unit: Unit, *, code: str, admin_unit_code: str = HOME, **extra: object
) -> Project:
    values: dict[str, object] = {
        "code": code,
        "name": f"Dự án {code}",
        "area": PlanArea.DIGITAL_GOVERNMENT,
        "organization_id": unit.organization_id,
        "admin_unit_code": admin_unit_code,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2027, 6, 30),
        "owner_id": unit.member_ids[0],
        "team_ids": unit.member_ids,
        "budget_lines": [
            BudgetLineData(BudgetSource.PROVINCIAL_BUDGET, 1_500_000_000),
            BudgetLineData(BudgetSource.ENTERPRISE, 500_000_000),
        ],
        **extra,
    }
    return await services.create(actor, data=ProjectData(**values))  # type: ignore[arg-type]


async def approved(actor: Actor, project: Project) -> Project:
    """``project`` moved to APPROVED by ``actor``."""
    return await services.update(actor, project_id=project.id, changes={"status": "APPROVED"})
