"""A demo Network for a province, so a newcomer sees realistic figures (development only).

Below every commune and ward it adds 4–9 hamlets or residential groups, each with its
Community Digital Technology Team; every People's Committee gets staff and a focal point;
the province gets its departments, mass organisations and partners. Platform use is
drawn so the KPIs show realistic gaps. Invented places carry "(demo)" in their names.

Deterministic for a given seed, idempotent, and written with bulk inserts (a few
thousand rows in a few dozen statements). Like every service, it does not commit: the
caller wraps it in one transaction.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from core import audit
from core.actor import Actor
from core.text import fold
from demo import network_data as data
from demo.network_data import DemoPerson, People
from network.members import encode_roles, refresh_core_platforms
from network.models import (
    AdminUnit,
    AdminUnitKind,
    AdoptionStatus,
    FocalPointDesignation,
    Member,
    MemberStatus,
    NetworkRole,
    Organization,
    OrganizationKind,
    Platform,
    PlatformAdoption,
)
from network.seed import TWO_TIER_SINCE, seed_platforms

DEMO_MARK = "(demo)"
BATCH = 1000
QUALIFIED_COMMUNE_SHARE = 0.7

# The demo sign-in accounts (demo/accounts.py) are linked to these people by name and
# unit: the first two staff of Sở Khoa học và Công nghệ, and the focal point and deputy
# chair of the first ward's and the first commune's People's Committee.
PERSONAS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "province": (("Phạm Minh Tuấn", None), ("Trần Thị Thu Hà", "Chuyên viên Phòng Chuyển đổi số")),
    "ward": (("Lê Thị Mỹ Linh", None), ("Nguyễn Văn Phúc", None)),
    "commune": (("Đặng Quốc Khánh", None), ("Huỳnh Thanh Tâm", None)),
}
PERSONA_ORGANIZATION = "Sở Khoa học và Công nghệ"
PERSONA_UNITS = {AdminUnitKind.WARD: "ward", AdminUnitKind.COMMUNE: "commune"}

# Share of people using every core platform, by kind of organisation; the others use
# each core platform with the probability below (and miss at least one).
ALL_CORE_SHARE = {
    OrganizationKind.PROVINCIAL_DEPARTMENT: 0.62,
    OrganizationKind.PEOPLES_COMMITTEE: 0.55,
    OrganizationKind.MASS_ORGANIZATION: 0.5,
    OrganizationKind.TELECOM_POSTAL: 0.8,
    OrganizationKind.BANK: 0.75,
    OrganizationKind.BUSINESS_ASSOCIATION: 0.45,
    OrganizationKind.OTHER: 0.6,
}
TEAM_LEAD_ALL_CORE = 0.5
TEAM_MEMBER_ALL_CORE = 0.36
PARTIAL_USE = {"VNEID": 0.93, "DVCQG": 0.8, "TTHC_TINH": 0.5, "MOOCS": 0.25, "BDHVS": 0.35}
GOVERNMENT = {
    OrganizationKind.PROVINCIAL_DEPARTMENT,
    OrganizationKind.PEOPLES_COMMITTEE,
    OrganizationKind.MASS_ORGANIZATION,
}


@dataclass(frozen=True)
class DemoReport:
    """Figures for the province's subtree once the demo is in place."""

    created: bool  # False when the demo was already there and nothing was written
    hamlets: int
    organizations: int
    community_tech_teams: int
    members: int
    focal_points: int
    platform_adoptions: int


@dataclass
class _Org:
    name: str
    kind: OrganizationKind
    unit_code: str
    people: list[DemoPerson] = field(default_factory=list)


@dataclass(frozen=True)
class _Hamlet:
    code: str
    name: str
    kind: AdminUnitKind
    parent: AdminUnit


def _short_name(root: AdminUnit) -> str:
    """'Tỉnh Cà Mau' -> 'Cà Mau'."""
    for prefix in ("Tỉnh ", "Thành phố "):
        if root.name.startswith(prefix):
            return root.name[len(prefix) :]
    return root.name


def _designate_most_qualified(people: list[DemoPerson]) -> None:
    focal = max(people, key=lambda p: p.qualification)  # the first of the best
    focal.focal_point = True
    focal.roles.append(NetworkRole.FOCAL_POINT.value)


def _plan_province(root: AdminUnit, people: People, gov_domain: str) -> list[_Org]:
    orgs: list[_Org] = []
    for spec in data.province_organizations(_short_name(root)):
        org = _Org(spec.name, spec.kind, root.code)
        share = ALL_CORE_SHARE.get(spec.kind, 0.5)
        domain = gov_domain if spec.email_domain is None else spec.email_domain or None
        personas = PERSONAS["province"] if spec.name == PERSONA_ORGANIZATION else ()
        for i in range(people.rng.randint(*spec.size)):
            position = spec.deputy if i == 0 else people.rng.choice(spec.staff)
            org.people.append(
                people.person(
                    position,
                    weights=spec.qualifications,
                    role=spec.role,
                    all_core_share=share,
                    email_domain=domain,
                    persona=personas[i] if i < len(personas) else None,
                )
            )
        if spec.focal_point:
            _designate_most_qualified(org.people)
        orgs.append(org)
    return orgs


def _plan_committee(
    unit: AdminUnit,
    people: People,
    gov_domain: str,
    qualified: bool,
    personas: tuple[tuple[str, str | None], ...],
) -> _Org:
    """The commune's People's Committee: a focal point, a deputy chair and 1–4 more."""
    rng = people.rng
    org = _Org(f"UBND {unit.name}", OrganizationKind.PEOPLES_COMMITTEE, unit.code)
    share = ALL_CORE_SHARE[OrganizationKind.PEOPLES_COMMITTEE]
    staff = data.PC_STAFF_WARD if unit.kind == AdminUnitKind.WARD else data.PC_STAFF
    positions = [data.PC_FOCAL_POSITION, data.PC_DEPUTY]
    positions += [rng.choice(staff) for _ in range(rng.randint(1, 4))]
    for i, position in enumerate(positions):
        person = people.person(
            position,
            weights=data.PC_STAFF_Q,
            role=NetworkRole.MEMBER,
            all_core_share=share,
            email_domain=gov_domain if rng.random() < 0.4 else None,
            persona=personas[i] if i < len(personas) else None,
        )
        if i == 0:
            choices = data.PC_FOCAL_QUALIFIED if qualified else data.PC_FOCAL_UNQUALIFIED
            person.qualification = rng.choice(choices)
            person.focal_point = True
            person.roles.append(NetworkRole.FOCAL_POINT.value)
        org.people.append(person)
    return org


def _plan_team(hamlet: _Hamlet, people: People) -> _Org:
    """A Community Digital Technology Team of 6–10: hamlet head, Youth Union secretary,
    and people from the police, mass organisations and local tech businesses."""
    rng = people.rng
    org = _Org(
        f"Tổ công nghệ số cộng đồng {hamlet.name}",
        OrganizationKind.COMMUNITY_TECH_TEAM,
        hamlet.code,
    )
    word = "khóm" if hamlet.kind == AdminUnitKind.RESIDENTIAL_GROUP else "ấp"
    founded = people.day(date(2024, 3, 1), date(2025, 9, 30))
    others = rng.randint(4, 8)
    seats = [data.TEAM_LEADER, data.TEAM_DEPUTY]
    pool = list(data.TEAM_SEATS)
    while len(seats) < others + 2:
        seat = rng.choice(pool)
        seats.append(seat)
        if not seat.repeatable:
            pool.remove(seat)
    roles = [NetworkRole.TECH_TEAM_LEADER, NetworkRole.TECH_TEAM_DEPUTY]
    roles += [NetworkRole.TECH_TEAM_MEMBER] * others
    for i, (seat, role) in enumerate(zip(seats, roles, strict=True)):
        joined = founded if rng.random() < 0.8 else people.day(founded, data.JOINED[1])
        org.people.append(
            people.person(
                seat.position.format(hamlet=word),
                weights=seat.qualifications,
                role=role,
                all_core_share=TEAM_LEAD_ALL_CORE if i < 2 else TEAM_MEMBER_ALL_CORE,
                female_share=seat.female_share,
                joined_on=joined,
            )
        )
    return org


def _plan_hamlets(rng: random.Random, units: Sequence[AdminUnit]) -> list[_Hamlet]:
    hamlets: list[_Hamlet] = []
    for unit in units:
        ward = unit.kind == AdminUnitKind.WARD
        kind = AdminUnitKind.RESIDENTIAL_GROUP if ward else AdminUnitKind.HAMLET
        label, letter = ("Khóm", "K") if ward else ("Ấp", "A")
        for n in range(1, rng.randint(4, 9) + 1):
            hamlets.append(
                _Hamlet(f"{unit.code}-{letter}{n:02d}", f"{label} {n} {DEMO_MARK}", kind, unit)
            )
    return hamlets


def _platform_use(
    rng: random.Random, person: DemoPerson, core: Sequence[str], other: Sequence[str], gov: bool
) -> list[tuple[str, AdoptionStatus, date]]:
    if rng.random() < person.all_core_share:
        chosen = list(core)
    else:
        chosen = [code for code in core if rng.random() < PARTIAL_USE.get(code, 0.5)]
        if len(chosen) == len(core) and chosen:
            chosen.pop(rng.randrange(len(chosen)))
    if gov:
        chosen += [code for code in other if rng.random() < 0.85]
    used: list[tuple[str, AdoptionStatus, date]] = []
    for code in chosen:
        status = AdoptionStatus.ACTIVE_USE if rng.random() < 0.55 else AdoptionStatus.HAS_ACCESS
        used.append((code, status, person.joined_on - timedelta(days=rng.randrange(400))))
    return used


async def _insert_hamlets(hamlets: Sequence[_Hamlet]) -> None:
    codes = [h.code for h in hamlets]
    existing = {
        str(c) for c in await AdminUnit.filter(code__in=codes).values_list("code", flat=True)
    }
    await AdminUnit.bulk_create(
        [
            AdminUnit(
                code=h.code,
                name=h.name,
                name_folded=fold(h.name),
                kind=h.kind,
                level=h.parent.level + 1,
                parent_id=h.parent.id,
                path=f"{h.parent.path}{h.code}/",
                valid_from=TWO_TIER_SINCE,
            )
            for h in hamlets
            if h.code not in existing
        ],
        batch_size=BATCH,
    )


async def _insert_network(root: AdminUnit, orgs: Sequence[_Org], rng: random.Random) -> None:
    """Write organisations, then members, focal points and platform use, in batches."""
    units = {
        code: (unit_id, path)
        for unit_id, code, path in await AdminUnit.filter(path__startswith=root.path).values_list(
            "id", "code", "path"
        )
    }
    taken = set(
        await Organization.filter(unit_path__startswith=root.path, is_active=True).values_list(
            "admin_unit_id", "name_folded"
        )
    )
    # An organisation already registered (say "UBND Xã Hồng Dân") keeps its real staff.
    fresh = [
        org
        for org in orgs
        if org.unit_code in units and (units[org.unit_code][0], fold(org.name)) not in taken
    ]
    await Organization.bulk_create(
        [
            Organization(
                name=org.name,
                name_folded=fold(org.name),
                kind=org.kind,
                admin_unit_id=units[org.unit_code][0],
                unit_path=units[org.unit_code][1],
            )
            for org in fresh
        ],
        batch_size=BATCH,
    )
    org_ids = {
        (unit_id, name_folded): org_id
        for org_id, unit_id, name_folded in await Organization.filter(
            unit_path__startswith=root.path, is_active=True
        ).values_list("id", "admin_unit_id", "name_folded")
        if (unit_id, name_folded) not in taken
    }
    placed = [(org, org_ids[units[org.unit_code][0], fold(org.name)]) for org in fresh]
    await Member.bulk_create(
        [
            Member(
                full_name=p.full_name,
                name_folded=fold(p.full_name),
                phone=p.phone,
                email=p.email,
                organization_id=org_id,
                admin_unit_id=units[org.unit_code][0],
                unit_path=units[org.unit_code][1],
                position=p.position,
                it_qualification=p.qualification,
                roles=encode_roles(p.roles),
                joined_on=p.joined_on,
                status=MemberStatus.ACTIVE,
            )
            for org, org_id in placed
            for p in org.people
        ],
        batch_size=BATCH,
    )
    member_ids = dict(
        await Member.filter(organization_id__in=[org_id for _, org_id in placed]).values_list(
            "phone", "id"
        )
    )
    await FocalPointDesignation.bulk_create(
        [
            FocalPointDesignation(
                organization_id=org_id, member_id=member_ids[p.phone], designated_on=p.joined_on
            )
            for org, org_id in placed
            for p in org.people
            if p.focal_point
        ],
        batch_size=BATCH,
    )
    platforms = await Platform.all().order_by("sort_order", "code")
    platform_ids = {p.code: p.id for p in platforms}
    core = [p.code for p in platforms if p.is_core]
    other = [p.code for p in platforms if not p.is_core]
    await PlatformAdoption.bulk_create(
        [
            PlatformAdoption(
                member_id=member_ids[p.phone],
                platform_id=platform_ids[code],
                status=status,
                since=since,
            )
            for org, _ in placed
            for p in org.people
            for code, status, since in _platform_use(rng, p, core, other, org.kind in GOVERNMENT)
        ],
        batch_size=BATCH,
    )


async def _already_seeded(root: AdminUnit) -> bool:
    return await Organization.filter(
        unit_path__startswith=root.path,
        kind=OrganizationKind.COMMUNITY_TECH_TEAM,
        name__endswith=DEMO_MARK,
    ).exists()


async def _report(root: AdminUnit, *, created: bool) -> DemoReport:
    prefix = root.path
    organizations = Organization.filter(unit_path__startswith=prefix, is_active=True)
    return DemoReport(
        created=created,
        hamlets=await AdminUnit.filter(
            path__startswith=prefix, name__contains=DEMO_MARK, valid_to=None
        ).count(),
        organizations=await organizations.count(),
        community_tech_teams=await organizations.filter(
            kind=OrganizationKind.COMMUNITY_TECH_TEAM
        ).count(),
        members=await Member.filter(
            unit_path__startswith=prefix, status=MemberStatus.ACTIVE
        ).count(),
        focal_points=await FocalPointDesignation.filter(
            organization__unit_path__startswith=prefix, ended_on=None
        ).count(),
        platform_adoptions=await PlatformAdoption.filter(
            member__unit_path__startswith=prefix
        ).count(),
    )


async def seed_demo_network(actor: Actor, root: AdminUnit, *, rng_seed: int = 96) -> DemoReport:
    """Fill ``root``'s subtree with a demo Network; do nothing if it is already there."""
    if await _already_seeded(root):
        return await _report(root, created=False)
    if not await Platform.exists():
        await seed_platforms()
    rng = random.Random(rng_seed)  # noqa: S311 - demo data, not secrets
    people = People(
        rng,
        {str(v) for v in await Member.exclude(phone=None).values_list("phone", flat=True)},
        {str(v) for v in await Member.exclude(email=None).values_list("email", flat=True)},
    )
    gov_domain = fold(_short_name(root)).replace(" ", "") + ".gov.vn"
    units = await AdminUnit.filter(parent_id=root.id, valid_to=None).order_by("code")
    hamlets = _plan_hamlets(rng, units)

    orgs = _plan_province(root, people, gov_domain)
    qualified = set(
        rng.sample([u.code for u in units], round(len(units) * QUALIFIED_COMMUNE_SHARE))
    )
    first_of_kind: dict[AdminUnitKind, str] = {}
    for unit in units:
        first_of_kind.setdefault(unit.kind, unit.code)
    for unit in units:
        persona_key = PERSONA_UNITS.get(unit.kind)
        first = first_of_kind[unit.kind] == unit.code
        personas = PERSONAS[persona_key] if persona_key and first else ()
        orgs.append(_plan_committee(unit, people, gov_domain, unit.code in qualified, personas))
        orgs.extend(_plan_team(h, people) for h in hamlets if h.parent.id == unit.id)

    await _insert_hamlets(hamlets)
    await _insert_network(root, orgs, rng)
    await refresh_core_platforms()
    await audit.record(actor, "demo.seed", "Network", root.code, ["organizations", "members"])
    return await _report(root, created=True)
