"""The member counts the database keeps (migration 0020, decision 0034) equal counting
the members, whatever writes them; an unfiltered list's totalCount reads them."""

from __future__ import annotations

from functools import partial
from typing import Any

import httpx
import pytest
from tortoise import Tortoise

from bench.network import QueryLog
from core.actor import Actor, Role
from network import members
from network.models import (
    AdminUnit,
    AdoptionStatus,
    ITQualification,
    Member,
    MemberStatus,
    OrganizationKind,
    Platform,
)
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


ADOPTIONS = "network_adoption_tally"
FACETS = "network_member_facet_tally"


@pytest.mark.parametrize(
    ("arguments", "role", "scope", "expected", "tally"),
    [
        ('platformCode: "VNEID"', Role.FIELD_STAFF, "96", 2, ADOPTIONS),
        ('platformCode: "VNEID", includeInactive: true', Role.PROVINCE_ADMIN, "96", 3, ADOPTIONS),
        ('platformCode: "VNEID", adminUnitCode: "32002"', Role.FIELD_STAFF, "96", 1, ADOPTIONS),
        ('platformCode: "VNEID"', Role.UNIT_MANAGER, "32002", 1, ADOPTIONS),
        ('platformCode: "NO_SUCH"', Role.FIELD_STAFF, "96", 0, ADOPTIONS),
        ("organizationKind: PEOPLES_COMMITTEE", Role.FIELD_STAFF, "96", 2, FACETS),
        ("organizationKind: PEOPLES_COMMITTEE, includeInactive: true", Role.FIELD_STAFF, "96", 3,
         FACETS),
        ("organizationKind: PEOPLES_COMMITTEE", Role.UNIT_MANAGER, "32002", 1, FACETS),
        ("minItQualification: IT_CERTIFICATE", Role.FIELD_STAFF, "96", 3, FACETS),
        ('minItQualification: IT_CERTIFICATE, adminUnitCode: "32002"', Role.FIELD_STAFF, "96", 1,
         FACETS),
        ("organizationKind: PEOPLES_COMMITTEE, minItQualification: IT_COLLEGE", Role.FIELD_STAFF,
         "96", 1, FACETS),
        ("organizationKind: BANK", Role.FIELD_STAFF, "96", 0, FACETS),
    ],
)  # fmt: skip
async def test_a_filtered_total_reads_the_kept_tallies(
    client: httpx.AsyncClient,
    system: Actor,
    registry: Registry,
    count_queries: QueryLog,
    arguments: str,
    role: Role,
    scope: str,
    expected: int,
    tally: str,
) -> None:
    """Members with a platform, or by their organisation's kind or IT qualification: the
    total sums the adoption or facet tallies (issue 19: it scanned the province's
    adoptions or counted every member) and agrees with the list, whatever the adoption's
    status, a member who left counted only with ``includeInactive``."""
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

    listed = await listed_with_kept_total(client, count_queries, "members", arguments, tally)

    assert listed["totalCount"] == expected
    if "minItQualification" not in arguments:  # the walk's sum is the total: read once
        assert sum(tally in q for q in count_queries.queries) == 1, count_queries.queries


FILTERS: list[dict[str, Any]] = [
    {"platform_code": "VNEID"},
    {"organization_kind": OrganizationKind.PEOPLES_COMMITTEE},
    {"organization_kind": OrganizationKind.PEOPLES_COMMITTEE, "platform_code": "VNEID"},
    {"organization_kind": OrganizationKind.COMMUNITY_TECH_TEAM, "search": "van"},
    {"platform_code": "DVCQG", "min_qualification": ITQualification.IT_CERTIFICATE},
    {"platform_code": "NO_SUCH"},
]


@pytest.mark.parametrize("filters", FILTERS)
async def test_walking_or_starting_from_the_matches_lists_the_same_members(
    system: Actor, registry: Registry, filters: dict[str, Any]
) -> None:
    """The two ways of writing the platform and kind filters (decision 0041) select the
    same members in the same order, and count the same."""
    for member in (registry.director, registry.hong_dan_officer, registry.an_xuyen_staff):
        await members.record_platform_adoption(
            system, member_id=member.id, platform_code="VNEID", status=AdoptionStatus.HAS_ACCESS
        )
    await members.record_platform_adoption(
        system,
        member_id=registry.an_xuyen_officer.id,
        platform_code="DVCQG",
        status=AdoptionStatus.ACTIVE_USE,
    )
    await members.deactivate(system, member_id=registry.an_xuyen_staff.id)
    platform = await Platform.filter(code=filters.get("platform_code", "")).first()
    walked = members.Walk(platform_id=platform.id if platform else 0, organization_kind=True)

    for inactive in (False, True):
        started = members.get_all(system, include_inactive=inactive, **filters)
        walking = members.get_all(system, include_inactive=inactive, walk=walked, **filters)
        expected = await started.values_list("id", flat=True)
        assert await walking.values_list("id", flat=True) == expected
        assert await started.count() == await walking.count() == len(expected)


async def test_a_filter_is_walked_when_it_matches_many_members(
    system: Actor, registry: Registry
) -> None:
    """Walk in name order when the walk (``rows * members / matching``) is shorter than
    reading and sorting the matches (``matching² >= rows * members``): 2 of 5 members on
    VNeID are not walked even for 1 row (4 < 5); 3 of 5 are for 1 row, not for 2."""
    for member in (registry.director, registry.hong_dan_officer):
        await members.record_platform_adoption(
            system, member_id=member.id, platform_code="VNEID", status=AdoptionStatus.HAS_ACCESS
        )
    vneid = await Platform.get(code="VNEID")

    walk = partial(members.choose_walk, system)
    assert await walk(rows=1, platform_code="VNEID") == members.Walk(matching=2)
    await members.record_platform_adoption(
        system, member_id=registry.team_leader.id, platform_code="VNEID",
        status=AdoptionStatus.HAS_ACCESS,
    )  # fmt: skip
    assert await walk(rows=1, platform_code="VNEID") == members.Walk(
        platform_id=vneid.id, matching=3
    )
    assert await walk(rows=2, platform_code="VNEID") == members.Walk(matching=3)
    # The people's committees hold 3 of the 5 members: 9 >= 1 * 5, but not 2 * 5.
    kind = OrganizationKind.PEOPLES_COMMITTEE
    assert await walk(rows=1, organization_kind=kind) == members.Walk(
        organization_kind=True, matching=3
    )
    assert await walk(rows=2, organization_kind=kind) == members.Walk(matching=3)
    team = OrganizationKind.COMMUNITY_TECH_TEAM  # 1 of 5
    assert await walk(rows=1, organization_kind=team) == members.Walk(matching=1)
    assert await walk(rows=1) == members.Walk()
    # The matches are the page's total only for one tallied filter alone.
    both = await walk(rows=1, organization_kind=kind, platform_code="VNEID")
    assert both.matching is None
    with_qualification = await walk(
        rows=1, organization_kind=kind, min_qualification=ITQualification.IT_COLLEGE
    )
    assert with_qualification.matching is None


async def test_a_rare_platform_or_kind_starts_from_its_index(
    system: Actor, registry: Registry
) -> None:
    """Not walked, a platform filter starts from the adoptions' platform index and a kind
    filter from the members' organisation index (migration 0023): on SQLite, whose plan
    follows the indexes there are, no scan of the members or of the province's adoptions.
    (PostgreSQL plans by its statistics, which a five-member registry does not exercise:
    there, that the two indexes exist.)"""
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect == "postgres":
        indexed = await connection.execute_query_dict(
            "SELECT tablename, indexdef FROM pg_indexes WHERE tablename IN "
            "('network_member', 'network_platform_adoption')"
        )
        definitions = " | ".join(str(row["indexdef"]) for row in indexed)
        assert "(organization_id)" in definitions, definitions
        assert "(platform_id, member_id)" in definitions, definitions
        return
    for filters, start in (
        ({"platform_code": "VNEID"}, "(platform_id=?)"),
        ({"organization_kind": OrganizationKind.PEOPLES_COMMITTEE}, "(organization_id=?)"),
    ):
        query = members.get_all(system, **filters).limit(26)  # type: ignore[arg-type]
        query._choose_db_if_not_chosen()
        query._make_query()
        text, values = query.query.get_parameterized_sql()
        plan = await connection.execute_query_dict("EXPLAIN QUERY PLAN " + text, values)
        steps = " | ".join(str(step["detail"]) for step in plan)
        assert start in steps, steps
        assert "SCAN network_member" not in steps, steps
        assert "SCAN network_platform_adoption" not in steps, steps
