"""The KPI tallies the database keeps (migration 0021, decision 0037) equal counting the
rows, whatever writes them, and networkKpis read from them equals the figures computed
from the members, organisations and adoptions themselves."""

from __future__ import annotations

from collections import Counter
from datetime import date

import httpx
import pytest
from tortoise.expressions import F

from bench.network import QueryLog
from core.actor import Actor, Role
from network import members, organizations
from network.kpis import KpiPolicy, network_kpis, platform_figures, role_holder_counts
from network.models import (
    AdminUnit,
    AdoptionStatus,
    AdoptionTally,
    ITQualification,
    Member,
    MemberFacetTally,
    MemberStatus,
    MemberTally,
    Organization,
    OrganizationKind,
    OrganizationTally,
    Platform,
    PlatformAdoption,
)
from tests.helpers import gql, sign_in
from tests.network.registry_data import Registry, listed_with_kept_total, member_like

UNITS = ("96", "32002", "31843")


def _kept(rows: list[tuple[object, ...]]) -> Counter[tuple[object, ...]]:
    """A tally's rows as (key...) -> n, rows at 0 left out."""
    return Counter({tuple(str(v) for v in row[:-1]): int(str(row[-1])) for row in rows if row[-1]})


def _counted(rows: list[tuple[object, ...]]) -> Counter[tuple[object, ...]]:
    return Counter(tuple(str(v) for v in row) for row in rows)


async def _tallies_agree() -> None:
    member_keys = ("admin_unit_id", "unit_path", "status", "core_platforms")
    kept = _kept(await MemberTally.all().values_list(*member_keys, "role_holder", "n"))
    counted = _counted(
        [
            (*row[:-1], 1 if row[-1] != "," else 0)
            for row in await Member.all().values_list(*member_keys, "roles")
        ]
    )
    assert kept == counted, "member tally"

    org_keys = ("admin_unit_id", "unit_path", "kind", "is_active")
    kept = _kept(await OrganizationTally.all().values_list(*org_keys, "n"))
    counted = _counted(await Organization.all().values_list(*org_keys))
    assert kept == counted, "organisation tally"

    kept = _kept(
        await AdoptionTally.all().values_list(
            "unit_path", "member_status", "platform_id", "status", "n"
        )
    )
    counted = _counted(
        await PlatformAdoption.all().values_list(
            "member__unit_path", "member__status", "platform_id", "status"
        )
    )
    assert kept == counted, "adoption tally"

    facet_keys = ("unit_path", "status", "organization_kind", "it_qualification")
    kept = _kept(await MemberFacetTally.all().values_list(*facet_keys, "n"))
    counted = _counted(
        await Member.all().values_list(
            "unit_path", "status", "organization__kind", "it_qualification"
        )
    )
    assert kept == counted, "member facet tally"


async def _figures_agree(system: Actor) -> None:
    """networkKpis and the platform figures equal what the rows themselves give."""
    core = await Platform.filter(is_core=True).count()
    for code in UNITS:
        unit = await AdminUnit.get(code=code)
        kpis = await network_kpis(system, unit=unit, policy=KpiPolicy())
        for figures in (kpis.totals, *kpis.children):
            path = figures.unit.path
            active = Member.filter(unit_path__startswith=path, status=MemberStatus.ACTIVE)
            assert figures.members == await active.count(), path
            assert figures.members_on_all_core_platforms == (
                await active.filter(core_platforms__gte=core).count() if core else 0
            ), path
            orgs = Organization.filter(unit_path__startswith=path, is_active=True)
            assert figures.organizations == await orgs.count(), path
            assert (
                figures.focal_point_required
                == await orgs.filter(
                    kind__in=[
                        OrganizationKind.PEOPLES_COMMITTEE,
                        OrganizationKind.PROVINCIAL_DEPARTMENT,
                    ]
                ).count()
            ), path
        by_platform = {
            f.platform.id: (f.members_with_access, f.members_active, f.members)
            for f in await platform_figures(system, unit=unit)
        }
        adoptions = PlatformAdoption.filter(
            member__unit_path__startswith=unit.path, member__status=MemberStatus.ACTIVE
        )
        for platform in await Platform.all():
            mine = adoptions.filter(platform_id=platform.id)
            assert by_platform[platform.id] == (
                await mine.count(),
                await mine.filter(status=AdoptionStatus.ACTIVE_USE).count(),
                kpis.totals.members,
            ), (code, platform.code)
        holders = await (
            Member.filter(unit_path__startswith=unit.path, status=MemberStatus.ACTIVE)
            .exclude(roles=",")
            .values_list("admin_unit_id", flat=True)
        )
        assert await role_holder_counts(unit.path) == dict(Counter(int(str(i)) for i in holders))


async def _agree(system: Actor) -> None:
    await _tallies_agree()
    await _figures_agree(system)


async def test_tallies_follow_every_kind_of_write(system: Actor, registry: Registry) -> None:
    await _agree(system)  # service creates

    await members.record_platform_adoption(
        system, member_id=registry.director.id, platform_code="VNEID",
        status=AdoptionStatus.HAS_ACCESS,
    )  # fmt: skip
    vneid = await Platform.get(code="VNEID")
    for platform in await Platform.filter(is_core=True):
        await members.record_platform_adoption(
            system, member_id=registry.team_leader.id, platform_code=platform.code,
            status=AdoptionStatus.ACTIVE_USE,
        )  # fmt: skip
    await _agree(system)  # adoptions recorded (and core_platforms with them)

    await members.record_platform_adoption(
        system, member_id=registry.director.id, platform_code="VNEID",
        status=AdoptionStatus.ACTIVE_USE,
    )  # fmt: skip
    await PlatformAdoption.filter(member_id=registry.team_leader.id, platform_id=vneid.id).update(
        status=AdoptionStatus.HAS_ACCESS
    )
    await _agree(system)  # adoption statuses changed, by the service and in bulk

    await members.deactivate(system, member_id=registry.an_xuyen_staff.id)
    await members.deactivate(system, member_id=registry.team_leader.id)
    await _agree(system)  # status changes (the leader takes their adoptions along)

    hong_dan = await AdminUnit.get(code="31843")
    await Member.filter(id__in=[registry.director.id, registry.team_leader.id]).update(
        unit_path=hong_dan.path, admin_unit_id=hong_dan.id
    )
    await Member.filter(id=registry.hong_dan_officer.id).update(roles=",EXPERT,")
    await Member.filter(id=registry.an_xuyen_officer.id).update(
        core_platforms=F("core_platforms") + 2
    )
    await _agree(system)  # moved in bulk with their adoptions; roles and core count changed

    await organizations.update(
        system, organization_id=registry.team_an_xuyen.id, changes={"admin_unit_code": "31843"}
    )
    await Organization.filter(id=registry.department.id).update(is_active=False)
    await Organization.filter(id=registry.pc_hong_dan.id).update(kind=OrganizationKind.OTHER)
    await _agree(system)  # organisations moved, deactivated and changed

    await Member.filter(id=registry.an_xuyen_staff.id).update(
        it_qualification=ITQualification.IT_POSTGRADUATE
    )
    await Member.filter(id=registry.an_xuyen_officer.id).update(
        organization_id=registry.pc_hong_dan.id
    )
    await organizations.update(
        system,
        organization_id=registry.pc_hong_dan.id,
        changes={"kind": "PEOPLES_COMMITTEE"},
    )
    await _agree(system)  # qualification and organisation changed; a kind changed back

    await Member.bulk_create(
        [
            member_like(
                registry.hong_dan_officer,
                i,
                roles=",MEMBER," if i % 2 else ",",
                status=MemberStatus.INACTIVE if i % 3 else MemberStatus.ACTIVE,
                core_platforms=i % 4,
                joined_on=date(2025, 1, 1),
            )
            for i in range(9)
        ]
    )
    added = await Member.filter(full_name__startswith="Thành viên").values_list("id", flat=True)
    await PlatformAdoption.bulk_create(
        [
            PlatformAdoption(member_id=m, platform_id=vneid.id, status=AdoptionStatus.ACTIVE_USE)
            for m in added
        ]
    )
    await _agree(system)  # bulk inserts

    await PlatformAdoption.filter(member_id=added[0]).delete()
    await Member.filter(id__in=added[1:5]).delete()  # their adoptions go with them
    await Member.filter(id=registry.team_leader.id).delete()
    await Organization.filter(id=registry.team_an_xuyen.id).delete()
    await Member.filter(id=registry.director.id).update(full_name="Nguyễn Văn Ân")
    await _agree(system)  # deletes (cascading to adoptions); an update of other columns

    await PlatformAdoption.all().delete()
    await Member.all().delete()
    await Organization.all().delete()
    await _agree(system)  # emptied in any order: nothing left but zeros
    assert await MemberTally.filter(n__gt=0).count() == 0
    assert await MemberFacetTally.filter(n__gt=0).count() == 0


async def test_kpis_read_the_tallies_not_the_members(
    system: Actor, registry: Registry, count_queries: object
) -> None:
    unit = await AdminUnit.get(code="96")
    count_queries.queries.clear()  # type: ignore[attr-defined]
    await network_kpis(system, unit=unit, policy=KpiPolicy())
    await platform_figures(system, unit=unit)
    sent = " ".join(count_queries.queries).lower()  # type: ignore[attr-defined]
    assert "network_member_tally" in sent and "network_adoption_tally" in sent
    assert "network_organization_tally" in sent
    # No statement scans the members, the organisations or the adoptions (the focal
    # points' count starts from the current designations, a few per commune).
    assert 'from "network_member"' not in sent, sent
    assert 'from "network_platform_adoption"' not in sent, sent
    assert 'from "network_organization"' not in sent, sent
    assert sent.count('from "network_focal_point"') == 1, sent


@pytest.mark.parametrize(
    ("arguments", "role", "scope"),
    [
        ("", Role.PROVINCE_ADMIN, "96"),
        ("kind: PEOPLES_COMMITTEE", Role.PROVINCE_ADMIN, "96"),
        ("includeInactive: true", Role.PROVINCE_ADMIN, "96"),
        ('adminUnitCode: "32002"', Role.PROVINCE_ADMIN, "96"),
        ("", Role.UNIT_MANAGER, "32002"),
    ],
)
async def test_an_organisation_list_without_search_counts_from_the_tallies(
    client: httpx.AsyncClient,
    system: Actor,
    registry: Registry,
    count_queries: QueryLog,
    arguments: str,
    role: Role,
    scope: str,
) -> None:
    """``organizations { totalCount }`` sums the kept tallies unless it searches (issue
    19), and answers what listing the rows answers, inactive ones included or not."""
    await organizations.set_active(system, organization_id=registry.team_an_xuyen.id, active=False)
    await sign_in(client, system, "viewer", role, scope)

    listed = await listed_with_kept_total(
        client, count_queries, "organizations", arguments, "network_organization_tally"
    )
    searched = await gql(
        client,
        f'{{ organizations(first: 100, {arguments} search: "an") {{ totalCount edges {{ node {{ id }} }} }} }}',
    )

    assert listed["totalCount"] > 0
    found = searched["data"]["organizations"]
    assert found["totalCount"] == len(found["edges"]) > 0  # counted: no tally for text
