"""Expert support in figures, per partner organisation and per unit below a chosen unit:
requests made and met, hours from request to match (for a partner: from proposal to
acceptance), person-days delivered, the average
rating requesters gave. Two queries (requests, engagements) over the unit's subtree.

The emulation score (recognition/emulation.py) counts the person-days delivered in each
unit's subtree over the period (``person_days_by_child``, part SUPPORT_DELIVERED, decision
0031).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.functions import Sum

from core.actor import Actor
from network import admin_units
from network.models import AdminUnit, Organization
from support.access import require_staff_reader
from support.models import EngagementStatus, RequestStatus, SupportEngagement, SupportRequest


@dataclass
class Figures:
    key: str
    name: str
    requests: int = 0
    requests_met: int = 0
    person_days_delivered: float = 0.0
    people_helped: int = 0
    _match_hours: list[float] = field(default_factory=list)
    _ratings: list[int] = field(default_factory=list)

    @property
    def average_hours_to_match(self) -> float | None:
        return (
            round(sum(self._match_hours) / len(self._match_hours), 1) if self._match_hours else None
        )

    @property
    def average_rating(self) -> float | None:
        return round(sum(self._ratings) / len(self._ratings), 2) if self._ratings else None


@dataclass(frozen=True)
class SupportFigures:
    unit: AdminUnit
    total: Figures
    by_unit: list[Figures]
    by_partner: list[Figures]


async def figures(actor: Actor, *, admin_unit_code: str | None) -> SupportFigures:
    require_staff_reader(actor)
    unit = await admin_units.get_in_scope(actor, code=admin_unit_code or actor.scope_code or "")
    children = await AdminUnit.filter(parent_id=unit.id).values_list("path", "code", "name")
    total = Figures(key=unit.code, name=unit.name)
    by_unit = {path: Figures(key=code, name=name) for path, code, name in children}

    def unit_of(path: str) -> Figures | None:
        parts = path[len(unit.path) :].strip("/").split("/")
        return by_unit.get(f"{unit.path}{parts[0]}/") if parts[0] else None

    for path, status, created, matched in await SupportRequest.filter(
        unit_path__startswith=unit.path
    ).values_list("unit_path", "status", "created_at", "matched_at"):
        for fig in (total, unit_of(path)):
            if fig is None:
                continue
            fig.requests += 1
            fig.requests_met += status == RequestStatus.DELIVERED
            if matched is not None:
                fig._match_hours.append((matched - created).total_seconds() / 3600)
    partners: dict[int, Figures] = {}
    rows = await SupportEngagement.filter(
        unit_path__startswith=unit.path, status=EngagementStatus.DELIVERED
    ).values_list(
        "organization_id",
        "unit_path",
        "person_days_delivered",
        "people_helped",
        "requester_rating",
        "proposed_at",
        "answered_at",
    )
    names = dict(await Organization.filter(id__in={r[0] for r in rows}).values_list("id", "name"))
    for org_id, path, days, people, rating, proposed, answered in rows:
        partner = partners.setdefault(org_id, Figures(key=str(org_id), name=names.get(org_id, "")))
        partner.requests += 1
        partner.requests_met += 1
        if answered is not None:  # a partner's time to match: proposal to acceptance
            partner._match_hours.append((answered - proposed).total_seconds() / 3600)
        for fig in (total, unit_of(path), partner):
            if fig is None:
                continue
            fig.person_days_delivered += float(days)
            fig.people_helped += int(people)
            if rating is not None:
                fig._ratings.append(int(rating))
    busy = [f for f in by_unit.values() if f.requests]
    return SupportFigures(
        unit=unit,
        total=total,
        by_unit=sorted(busy, key=lambda f: (-f.requests_met, f.name)),
        by_partner=sorted(partners.values(), key=lambda f: (-f.person_days_delivered, f.name)),
    )


async def person_days_by_child(
    unit: AdminUnit, *, start: datetime, end: datetime
) -> dict[str, float]:
    """The emulation score's SUPPORT_DELIVERED part (decision 0031), per child unit code of
    ``unit``: person-days of expert support delivered in the child's subtree between
    ``start`` and ``end`` (engagements delivered in that time). One grouped query; counts
    only, so the caller checks the reader's scope over ``unit``."""
    depth = len(unit.path.strip("/").split("/"))
    rows = (
        await SupportEngagement.filter(
            unit_path__startswith=unit.path,
            status=EngagementStatus.DELIVERED,
            delivered_at__gte=start,
            delivered_at__lt=end,
        )
        .annotate(days=Sum("person_days_delivered"))
        .group_by("unit_path")
        .values_list("unit_path", "days")
    )
    result: dict[str, float] = {}
    for path, days in rows:
        parts = str(path).strip("/").split("/")
        if len(parts) > depth:
            result[parts[depth]] = result.get(parts[depth], 0.0) + float(days or 0)
    return result
