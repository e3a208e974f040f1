"""The member counts the database keeps (migration 0020, decision 0034) equal counting
the members, whatever writes them; an unfiltered list's totalCount reads them."""

from __future__ import annotations

import httpx
import pytest

from bench.network import QueryLog
from core.actor import Actor, Role
from network import members
from network.models import AdminUnit, AdoptionStatus, Member, MemberStatus
from tests.helpers import gql, sign_in
from tests.network.registry_data import Registry, listed_with_kept_total, member_like


async def _agree(system: Actor) -> None:
    """count_all equals counting for the province and every commune, with and without
    the inactive members."""
    units = [None, *await AdminUnit.filter(code__in=["32002", "31843", "96"])]
    for within in units:
        for inactive in (False, True):
            counted = await members.get_all(
                system, within=within, include_inactive=inactive
            ).count()
            kept = await members.count_all(system, within=within, include_inactive=inactive)
            assert kept == counted, (within and within.code, inactive)


async def test_counts_follow_every_kind_of_write(system: Actor, registry: Registry) -> None:
    await _agree(system)  # service creates

    await members.deactivate(system, member_id=registry.an_xuyen_staff.id)
    await _agree(system)  # a status change

    hong_dan = await AdminUnit.get(code="31843")
    await Member.filter(id=registry.team_leader.id).update(
        unit_path=hong_dan.path, admin_unit_id=hong_dan.id
    )
    await _agree(system)  # a unit path changed by a bulk update

    await Member.bulk_create(
        [
            member_like(
                registry.hong_dan_officer,
                i,
                roles=",",
                status=MemberStatus.INACTIVE if i % 3 else MemberStatus.ACTIVE,
                core_platforms=0,
            )
            for i in range(7)
        ]
    )
    await _agree(system)  # bulk inserts

    await Member.filter(full_name__startswith="Thành viên").delete()
    await Member.filter(id=registry.director.id).update(full_name="Nguyễn Văn Ân")
    await _agree(system)  # deletes; an update of other columns


UNFILTERED = "{ members(first: 2) { totalCount edges { node { id } } } }"
BY_SEARCH = '{ members(first: 2, search: "van") { totalCount edges { node { id } } } }'


async def test_unfiltered_total_reads_the_counts_and_filtered_counts_members(
    client: httpx.AsyncClient, system: Actor, registry: Registry, count_queries: object
) -> None:
    await sign_in(client, system, "viewer", Role.FIELD_STAFF, "96")
    count_queries.queries.clear()  # type: ignore[attr-defined]

    unfiltered = await gql(client, UNFILTERED)
    by_search = await gql(client, BY_SEARCH)

    assert unfiltered["data"]["members"]["totalCount"] == 5
    assert by_search["data"]["members"]["totalCount"] == 3
    counts = [q for q in count_queries.queries if "COUNT(" in q.upper()]  # type: ignore[attr-defined]
    assert len(counts) == 1 and "name_folded" in counts[0], counts
    assert any("network_member_count" in q for q in count_queries.queries)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("arguments", "role", "scope", "expected"),
    [
        ('platformCode: "VNEID"', Role.FIELD_STAFF, "96", 2),
        ('platformCode: "VNEID", includeInactive: true', Role.PROVINCE_ADMIN, "96", 3),
        ('platformCode: "VNEID", adminUnitCode: "32002"', Role.FIELD_STAFF, "96", 1),
        ('platformCode: "VNEID"', Role.UNIT_MANAGER, "32002", 1),
        ('platformCode: "NO_SUCH"', Role.FIELD_STAFF, "96", 0),
    ],
)
async def test_a_platform_filtered_total_reads_the_adoption_tallies(
    client: httpx.AsyncClient,
    system: Actor,
    registry: Registry,
    count_queries: QueryLog,
    arguments: str,
    role: Role,
    scope: str,
    expected: int,
) -> None:
    """Members with a platform: the total sums the adoption tallies (issue 19: it
    scanned the adoptions of the whole province) and agrees with the list, whatever the
    adoption's status, a member who left counted only with ``includeInactive``."""
    adopters = (
        (registry.director, AdoptionStatus.ACTIVE_USE),
        (registry.an_xuyen_officer, AdoptionStatus.HAS_ACCESS),
        (registry.an_xuyen_staff, AdoptionStatus.HAS_ACCESS),
    )
    for member, status in adopters:
        await members.record_platform_adoption(
            system, member_id=member.id, platform_code="VNEID", status=status
        )
    await members.record_platform_adoption(
        system,
        member_id=registry.team_leader.id,
        platform_code="DVCQG",
        status=AdoptionStatus.ACTIVE_USE,
    )
    await members.deactivate(system, member_id=registry.an_xuyen_staff.id)
    await sign_in(client, system, "viewer", role, scope)

    listed = await listed_with_kept_total(
        client, count_queries, "members", arguments, "network_adoption_tally"
    )

    assert listed["totalCount"] == expected
