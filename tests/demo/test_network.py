"""The demo Network: plausible in shape, realistic in its KPIs, and seeded once."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from tortoise.transactions import in_transaction

from accounts.models import User
from core.actor import Actor
from core.models import AuditEvent
from core.text import fold
from demo.accounts import seed_demo_accounts
from demo.network import DEMO_MARK, DemoReport, seed_demo_network
from network.kpis import KpiPolicy, network_kpis
from network.models import (
    AdminUnit,
    AdminUnitKind,
    FocalPointDesignation,
    Member,
    NetworkRole,
    Organization,
    OrganizationKind,
)


async def seed(system: Actor, tree: AdminUnit, *, rng_seed: int = 96) -> DemoReport:
    """As `dxnet seed --demo` does it: in one transaction."""
    async with in_transaction():
        return await seed_demo_network(system, tree, rng_seed=rng_seed)


async def test_the_demo_has_the_shape_of_a_real_network(system: Actor, tree: AdminUnit) -> None:
    report = await seed(system, tree)

    assert report.created
    communes = await AdminUnit.filter(parent_id=tree.id)
    committees = await Organization.filter(kind=OrganizationKind.PEOPLES_COMMITTEE)
    assert len(committees) == len(communes) == 64
    assert {c.name for c in committees} >= {"UBND Xã Hồng Dân", "UBND Phường An Xuyên"}
    hamlets = await AdminUnit.filter(level=tree.level + 2)
    assert report.hamlets == len(hamlets)
    per_commune = Counter(h.parent_id for h in hamlets)
    assert set(per_commune) == {c.id for c in communes}
    assert all(4 <= n <= 9 for n in per_commune.values())
    by_id = {c.id: c for c in communes}
    for hamlet in hamlets:
        parent = by_id[hamlet.parent_id]  # type: ignore[index]
        assert DEMO_MARK in hamlet.name
        assert hamlet.path == f"{parent.path}{hamlet.code}/"
        assert hamlet.name_folded == fold(hamlet.name)
        ward = parent.kind == AdminUnitKind.WARD
        assert hamlet.kind == (AdminUnitKind.RESIDENTIAL_GROUP if ward else AdminUnitKind.HAMLET)
        assert hamlet.code.startswith(f"{parent.code}-{'K' if ward else 'A'}")

    teams = await Organization.filter(kind=OrganizationKind.COMMUNITY_TECH_TEAM)
    assert len(teams) == len(hamlets)
    assert all(
        t.name.startswith("Tổ công nghệ số cộng đồng") and DEMO_MARK in t.name for t in teams
    )
    members = await Member.all()
    team_sizes = Counter(m.organization_id for m in members)
    assert all(6 <= team_sizes[t.id] <= 10 for t in teams)
    leaders = [m for m in members if NetworkRole.TECH_TEAM_LEADER in m.role_list]
    assert len(leaders) == len(teams)
    assert {m.position for m in leaders} == {"Trưởng ấp", "Trưởng khóm"}
    assert all(3 <= team_sizes[c.id] <= 6 for c in committees)
    designations = await FocalPointDesignation.all()
    assert {d.organization_id for d in designations} >= {c.id for c in committees}
    province_level = await Organization.filter(admin_unit_id=tree.id)
    kinds = Counter(o.kind for o in province_level)
    assert kinds[OrganizationKind.PROVINCIAL_DEPARTMENT] >= 12
    assert kinds[OrganizationKind.TELECOM_POSTAL] == 4
    assert kinds[OrganizationKind.BANK] == kinds[OrganizationKind.BUSINESS_ASSOCIATION] == 1

    phones = [m.phone for m in members]
    assert all(p and p[:2] in {"09", "03", "08"} and len(p) == 10 for p in phones)
    assert len(set(phones)) == len(phones) == report.members
    assert 0 < sum(m.email is not None for m in members) < len(members) / 2
    assert all(m.national_id is None for m in members)
    assert all(m.name_folded == fold(m.full_name) for m in members)
    by_org = {o.id: o for o in [*committees, *teams, *province_level]}
    assert all(m.unit_path == by_org[m.organization_id].unit_path for m in members)


async def test_the_demo_kpis_show_gaps_and_a_second_run_changes_nothing(
    system: Actor, tree: AdminUnit
) -> None:
    first = await seed(system, tree)

    second = await seed(system, tree, rng_seed=1)

    assert not second.created
    assert second == replace(first, created=False)
    assert await AuditEvent.filter(action="demo.seed", object_id=tree.code).count() == 1
    kpis = await network_kpis(system, unit=tree, policy=KpiPolicy())
    assert kpis.totals.members == first.members
    assert 0.5 < (kpis.totals.focal_point_rate or 0) < 0.95
    assert 0.2 < (kpis.totals.platform_adoption_rate or 0) < 0.8


async def test_demo_accounts_are_the_demo_people(system: Actor, tree: AdminUnit) -> None:
    await seed(system, tree)

    await seed_demo_accounts(system, tree)

    users = await User.all()
    assert len(users) == 6
    for user in users:
        assert user.member_id is not None, user.username
        member = await Member.get(id=user.member_id)
        assert member.full_name == user.display_name
        assert member.unit_path == (await AdminUnit.get(id=user.scope_id)).path
