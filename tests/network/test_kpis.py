"""KPIs checked against figures counted by hand from ``registry_data``."""

from __future__ import annotations

import pytest

from core.actor import Actor, Role
from core.errors import PermissionDenied
from network import admin_units, members, organizations
from network.kpis import KpiPolicy, network_kpis, platform_figures
from network.members import MemberData
from network.models import (
    AdminUnit,
    AdminUnitKind,
    AdoptionStatus,
    ITQualification,
    OrganizationKind,
)
from tests.helpers import actor_for
from tests.network.registry_data import build_registry

CORE = ["VNEID", "DVCQG", "TTHC_TINH", "MOOCS", "BDHVS"]


async def _prepare(system: Actor) -> None:
    registry = await build_registry(system)
    # The tech team sits in a hamlet below Phường An Xuyên: its figures roll up to 32002.
    await admin_units.create(
        system,
        parent_code="32002",
        code="32002-K1",
        name="Khóm 1",
        kind=AdminUnitKind.RESIDENTIAL_GROUP,
    )
    await organizations.update(
        system, organization_id=registry.team_an_xuyen.id, changes={"admin_unit_code": "32002-K1"}
    )
    for code in CORE:  # the director uses every core platform
        await members.record_platform_adoption(
            system,
            member_id=registry.director.id,
            platform_code=code,
            status=AdoptionStatus.ACTIVE_USE,
        )
    for code in CORE[:4]:  # the team leader misses one
        await members.record_platform_adoption(
            system,
            member_id=registry.team_leader.id,
            platform_code=code,
            status=AdoptionStatus.HAS_ACCESS,
        )


async def test_province_kpis_match_the_hand_count(system: Actor, tree: AdminUnit) -> None:
    await _prepare(system)

    kpis = await network_kpis(system, unit=tree, policy=KpiPolicy())

    totals = kpis.totals
    assert totals.organizations_by_kind == {
        OrganizationKind.PROVINCIAL_DEPARTMENT: 1,
        OrganizationKind.PEOPLES_COMMITTEE: 2,
        OrganizationKind.COMMUNITY_TECH_TEAM: 1,
    }
    # Required: the department and both people's committees. Qualified: only the
    # department's director (bachelor); An Xuyên's officer holds a certificate only.
    assert (totals.focal_point_required, totals.focal_point_qualified) == (3, 1)
    assert totals.focal_point_rate == pytest.approx(0.3333)
    assert (totals.members, totals.members_on_all_core_platforms) == (5, 1)
    assert totals.platform_adoption_rate == 0.2
    assert kpis.core_platforms == 5
    assert len(kpis.children) == 64
    by_code = {c.unit.code: c for c in kpis.children}
    an_xuyen, hong_dan, other = by_code["32002"], by_code["31843"], by_code["31825"]
    assert (
        an_xuyen.organizations,
        an_xuyen.focal_point_required,
        an_xuyen.focal_point_qualified,
    ) == (2, 1, 0)
    assert (an_xuyen.members, an_xuyen.members_on_all_core_platforms) == (3, 0)
    assert an_xuyen.focal_point_rate == 0.0
    assert (hong_dan.organizations, hong_dan.focal_point_required, hong_dan.members) == (1, 1, 1)
    assert (other.organizations, other.focal_point_rate, other.platform_adoption_rate) == (
        0,
        None,
        None,
    )


async def test_a_lower_qualification_threshold_changes_the_rate(
    system: Actor, tree: AdminUnit
) -> None:
    await _prepare(system)
    policy = KpiPolicy(focal_point_min_qualification=ITQualification.IT_CERTIFICATE)

    kpis = await network_kpis(system, unit=tree, policy=policy)

    assert (kpis.totals.focal_point_qualified, kpis.totals.focal_point_required) == (2, 3)


async def test_configurable_kinds_change_what_is_required(system: Actor, tree: AdminUnit) -> None:
    await _prepare(system)
    policy = KpiPolicy(focal_point_kinds=frozenset({OrganizationKind.PEOPLES_COMMITTEE}))

    kpis = await network_kpis(system, unit=tree, policy=policy)

    assert (kpis.totals.focal_point_required, kpis.totals.focal_point_qualified) == (2, 0)


async def test_unit_kpis_cover_its_hamlets(system: Actor, tree: AdminUnit) -> None:
    await _prepare(system)
    ward = await AdminUnit.get(code="32002")

    kpis = await network_kpis(system, unit=ward, policy=KpiPolicy())

    assert (kpis.totals.organizations, kpis.totals.members) == (2, 3)
    assert [(c.unit.code, c.organizations, c.members) for c in kpis.children] == [
        ("32002-K1", 1, 1)
    ]


async def test_platform_figures_count_access_and_use(system: Actor, tree: AdminUnit) -> None:
    await _prepare(system)

    figures = {f.platform.code: f for f in await platform_figures(system, unit=tree)}

    assert (figures["VNEID"].members_with_access, figures["VNEID"].members_active) == (2, 1)
    assert (figures["BDHVS"].members_with_access, figures["BDHVS"].members) == (1, 5)
    assert figures["QLVB"].members_with_access == 0


async def test_kpis_outside_the_scope_are_refused(system: Actor, tree: AdminUnit) -> None:
    actor = await actor_for(system, Role.UNIT_MANAGER, "31843", username="manager")

    with pytest.raises(PermissionDenied):
        await network_kpis(actor, unit=tree, policy=KpiPolicy())


async def test_kpis_use_a_fixed_number_of_queries(
    system: Actor, tree: AdminUnit, count_queries: object
) -> None:
    await _prepare(system)
    count_queries.queries.clear()  # type: ignore[attr-defined]

    await network_kpis(system, unit=tree, policy=KpiPolicy())

    # subtree units, children, by kind, qualified focal points, core count, members, adopted
    assert len(count_queries) == 7  # type: ignore[arg-type]


async def test_trained_rate_rolls_up_counts_from_the_provider(
    system: Actor, tree: AdminUnit
) -> None:
    await _prepare(system)
    an_xuyen = await AdminUnit.get(code="32002")
    hamlet = await AdminUnit.get(code="32002-K1")
    hong_dan = await AdminUnit.get(code="31843")
    asked = []

    async def trained_counts(prefix: str, since: object) -> dict[int, tuple[int, int]]:
        asked.append(prefix)
        return {an_xuyen.id: (2, 1), hamlet.id: (1, 1), hong_dan.id: (4, 0), tree.id: (1, 1)}

    kpis = await network_kpis(system, unit=tree, policy=KpiPolicy(trained_counts=trained_counts))

    assert asked == ["/96/"]
    assert (kpis.totals.dx_role_members, kpis.totals.trained_members) == (8, 3)
    assert kpis.totals.trained_rate == 0.375
    by_code = {c.unit.code: c for c in kpis.children}
    assert by_code["32002"].trained_rate == pytest.approx(2 / 3, abs=1e-4)
    assert by_code["31843"].trained_rate == 0.0
    assert by_code["31825"].trained_rate is None  # nobody holds a DX role there


async def test_trained_rate_is_unknown_without_a_provider(system: Actor, tree: AdminUnit) -> None:
    await _prepare(system)
    kpis = await network_kpis(system, unit=tree, policy=KpiPolicy())
    assert kpis.totals.trained_rate is None


async def test_recent_figures_are_shared_until_they_are_too_old(
    system: Actor, tree: AdminUnit, count_queries: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``max_age_seconds``, requests within it get the figures already computed
    (no SQL), a write shows only once they are too old, and the scope is still checked
    for every request (decision 0040)."""
    import core.recent

    clock = [1000.0]
    monkeypatch.setattr(core.recent.time, "monotonic", lambda: clock[0])
    policy = KpiPolicy(max_age_seconds=15)
    registry = await build_registry(system)
    first = await network_kpis(system, unit=tree, policy=policy)

    await members.create(
        system, data=MemberData(full_name="Người Mới", organization_id=registry.team_an_xuyen.id)
    )
    count_queries.queries.clear()  # type: ignore[attr-defined]
    clock[0] += 14.9
    again = await network_kpis(system, unit=tree, policy=policy)
    assert again is first and len(count_queries) == 0  # type: ignore[arg-type]
    manager = await actor_for(system, Role.UNIT_MANAGER, "31843", username="manager")
    with pytest.raises(PermissionDenied):
        await network_kpis(manager, unit=tree, policy=policy)

    clock[0] += 0.1
    fresh = await network_kpis(system, unit=tree, policy=policy)
    assert fresh.totals.members == first.totals.members + 1
    assert (await network_kpis(system, unit=tree, policy=KpiPolicy())).totals.members == (
        fresh.totals.members
    )
