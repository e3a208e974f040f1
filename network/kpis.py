"""Network KPIs over an admin unit's subtree, with the same figures per child unit.

Every figure is an aggregate query grouped by admin unit; the per-unit rows (a few
hundred at most) are then rolled up to the requested unit's children in Python. No
member or organisation row is loaded: members, organisations and platform use are
summed from the tallies the database keeps (migration 0021, decision 0037), so the cost
does not grow with the province; only the focal points (a few per commune) are counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from tortoise.functions import Count, Sum
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.actor import Actor
from core.clock import today_in_vietnam
from core.recent import Recent
from network.access import require_in_scope, require_reader
from network.models import (
    AdminUnit,
    AdoptionStatus,
    AdoptionTally,
    FocalPointDesignation,
    ITQualification,
    MemberStatus,
    MemberTally,
    OrganizationKind,
    OrganizationTally,
    Platform,
)

RowT = TypeVar("RowT", bound=Model)

# Per admin unit id in a subtree: (members holding a DX role, of whom trained recently).
TrainedCounts = Callable[[str, date], Awaitable[dict[int, tuple[int, int]]]]


@dataclass(frozen=True)
class KpiPolicy:
    """What the plan's targets mean; configurable per province (see README).

    ``trained_counts`` comes from the activities domain (the base domain cannot import
    it); without it ``trainedRate`` stays unknown.
    """

    focal_point_kinds: frozenset[OrganizationKind] = frozenset(
        {OrganizationKind.PROVINCIAL_DEPARTMENT, OrganizationKind.PEOPLES_COMMITTEE}
    )
    focal_point_min_qualification: ITQualification = ITQualification.IT_VOCATIONAL
    focal_point_target: float = 1.0  # 100 % by 2025
    adoption_target: float = 1.0  # 100 % of members
    trained_target: float = 1.0  # 100 % by 2030
    trained_period_days: int = 730
    trained_counts: TrainedCounts | None = None
    # How old the figures may be (seconds): requests within it share one computation
    # (core.recent, decision 0040); 0 computes them for every request.
    max_age_seconds: float = 0.0


def _int(value: object) -> int:
    """A summed column as an int (drivers answer int, Decimal or None)."""
    return 0 if value is None else int(str(value))


async def role_holder_counts(unit_path_prefix: str) -> dict[int, int]:
    """Per admin unit id in the subtree: active members holding any network role (the
    trained rate's whole), summed from the kept tally."""
    rows = (
        await MemberTally.filter(
            unit_path__startswith=unit_path_prefix, status=MemberStatus.ACTIVE, role_holder=1
        )
        .annotate(total=Sum("n"))
        .group_by("admin_unit_id")
        .values_list("admin_unit_id", "total")
    )
    return {int(unit_id): _int(total) for unit_id, total in rows if _int(total)}


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class UnitFigures:
    unit: AdminUnit
    organizations_by_kind: dict[OrganizationKind, int] = field(default_factory=dict)
    focal_point_required: int = 0
    focal_point_qualified: int = 0
    members: int = 0
    members_on_all_core_platforms: int = 0
    dx_role_members: int | None = None
    trained_members: int | None = None

    @property
    def organizations(self) -> int:
        return sum(self.organizations_by_kind.values())

    @property
    def focal_point_rate(self) -> float | None:
        return rate(self.focal_point_qualified, self.focal_point_required)

    @property
    def platform_adoption_rate(self) -> float | None:
        return rate(self.members_on_all_core_platforms, self.members)

    @property
    def trained_rate(self) -> float | None:
        if self.dx_role_members is None or self.trained_members is None:
            return None
        return rate(self.trained_members, self.dx_role_members)


@dataclass
class NetworkKpis:
    policy: KpiPolicy
    totals: UnitFigures
    children: list[UnitFigures]
    core_platforms: int


@dataclass(frozen=True)
class PlatformFigures:
    platform: Platform
    members_with_access: int
    members_active: int
    members: int

    @property
    def access_rate(self) -> float | None:
        return rate(self.members_with_access, self.members)


def _roll_up(
    unit: AdminUnit, units: Iterable[tuple[int, str]]
) -> tuple[dict[int, str | None], list[str]]:
    """Map each unit id in the subtree to the code of the child it lies under (None for
    the unit itself); also return the children's codes in order."""
    depth = unit.path.count("/")
    owner: dict[int, str | None] = {}
    children: list[str] = []
    for unit_id, path in units:
        parts = path.strip("/").split("/")
        if path == unit.path:
            owner[unit_id] = None
            continue
        code = parts[depth - 1]
        owner[unit_id] = code
        if len(parts) == depth:
            children.append(code)
    return owner, children


# Figures by (unit, policy): the same for everyone allowed to read them.
_RECENT_KPIS: Recent[NetworkKpis] = Recent()
_RECENT_PLATFORMS: Recent[list[PlatformFigures]] = Recent()


async def network_kpis(actor: Actor, *, unit: AdminUnit, policy: KpiPolicy) -> NetworkKpis:
    require_reader(actor)
    require_in_scope(actor, unit.path, field="adminUnitCode")
    return await _RECENT_KPIS.get(
        (unit.id, policy), policy.max_age_seconds, lambda: _network_kpis(unit, policy)
    )


async def _network_kpis(unit: AdminUnit, policy: KpiPolicy) -> NetworkKpis:
    prefix = unit.path
    subtree = await AdminUnit.filter(path__startswith=prefix, valid_to=None).values_list(
        "id", "path"
    )
    owner, child_codes = _roll_up(unit, subtree)
    child_units = {u.code: u for u in await AdminUnit.filter(parent_id=unit.id, valid_to=None)}
    totals = UnitFigures(unit)
    per_child = {
        code: UnitFigures(child_units[code]) for code in child_codes if code in child_units
    }

    def targets(unit_id: int) -> list[UnitFigures]:
        code = owner.get(unit_id)
        found = [totals]
        if code is not None and code in per_child:
            found.append(per_child[code])
        return found

    # The sole root's subtree is the whole table: no prefix filter to scan with.
    whole_tree = unit.parent_id is None and await AdminUnit.filter(parent_id=None).count() == 1

    def within(query: QuerySet[RowT]) -> QuerySet[RowT]:
        return query if whole_tree else query.filter(unit_path__startswith=prefix)

    # Organisations and members are summed from the tallies the database keeps
    # (migration 0021, decision 0037): a few rows per unit, whatever the province's size.
    by_kind = (
        await within(OrganizationTally.filter(is_active=True))
        .annotate(total=Sum("n"))
        .group_by("admin_unit_id", "kind")
        .values_list("admin_unit_id", "kind", "total")
    )
    for unit_id, kind, total in by_kind:
        n = _int(total)
        for figures in targets(unit_id):
            key = OrganizationKind(kind)
            figures.organizations_by_kind[key] = figures.organizations_by_kind.get(key, 0) + n
            if key in policy.focal_point_kinds:
                figures.focal_point_required += n

    # Organisations with a current, active and qualified focal point: read from the
    # designations (a few per commune), not by scanning the organisations.
    designations = FocalPointDesignation.filter(
        ended_on=None,
        member__status=MemberStatus.ACTIVE,
        member__it_qualification__gte=policy.focal_point_min_qualification,
        organization__is_active=True,
        organization__kind__in=list(policy.focal_point_kinds),
    )
    if not whole_tree:
        designations = designations.filter(organization__unit_path__startswith=prefix)
    qualified = (
        await designations.annotate(n=Count("organization_id", distinct=True))
        .group_by("organization__admin_unit_id")
        .values_list("organization__admin_unit_id", "n")
    )
    for unit_id, n in qualified:
        for figures in targets(unit_id):
            figures.focal_point_qualified += n

    core = await Platform.filter(is_core=True).count()
    # Active members, and those on every core platform (by how many they use).
    members = (
        await within(MemberTally.filter(status=MemberStatus.ACTIVE))
        .annotate(total=Sum("n"))
        .group_by("admin_unit_id", "core_platforms")
        .values_list("admin_unit_id", "core_platforms", "total")
    )
    for unit_id, used, total in members:
        n = _int(total)
        for figures in targets(unit_id):
            figures.members += n
            if core and _int(used) >= core:
                figures.members_on_all_core_platforms += n

    if policy.trained_counts is not None:
        since = today_in_vietnam() - timedelta(days=policy.trained_period_days)
        for figures in (totals, *per_child.values()):
            figures.dx_role_members = figures.trained_members = 0
        for unit_id, (dx_members, trained) in (await policy.trained_counts(prefix, since)).items():
            for figures in targets(unit_id):
                figures.dx_role_members = (figures.dx_role_members or 0) + dx_members
                figures.trained_members = (figures.trained_members or 0) + trained

    children = [per_child[c] for c in sorted(per_child, key=lambda c: per_child[c].unit.name)]
    return NetworkKpis(policy=policy, totals=totals, children=children, core_platforms=core)


async def platform_figures(
    actor: Actor, *, unit: AdminUnit, max_age_seconds: float = 0.0
) -> list[PlatformFigures]:
    """Access and active use per platform among the subtree's active members (at most
    ``max_age_seconds`` old, like ``KpiPolicy.max_age_seconds``)."""
    require_reader(actor)
    require_in_scope(actor, unit.path, field="adminUnitCode")
    return await _RECENT_PLATFORMS.get(unit.id, max_age_seconds, lambda: _platform_figures(unit))


async def _platform_figures(unit: AdminUnit) -> list[PlatformFigures]:
    members = sum(
        _int(n)
        for n in await MemberTally.filter(
            unit_path__startswith=unit.path, status=MemberStatus.ACTIVE
        ).values_list("n", flat=True)
    )
    rows = (
        await AdoptionTally.filter(
            unit_path__startswith=unit.path, member_status=MemberStatus.ACTIVE
        )
        .annotate(total=Sum("n"))
        .group_by("platform_id", "status")
        .values_list("platform_id", "status", "total")
    )
    access: dict[int, int] = defaultdict(int)
    active: dict[int, int] = defaultdict(int)
    for platform_id, status, total in rows:
        n = _int(total)
        access[platform_id] += n
        if status == AdoptionStatus.ACTIVE_USE:
            active[platform_id] += n
    return [
        PlatformFigures(p, access[p.id], active[p.id], members)
        for p in await Platform.all().order_by("sort_order", "code")
    ]
