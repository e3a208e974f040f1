"""The emulation leaderboard (thi đua): child units of a unit ranked by a weighted score.

Each child unit gets eight parts, each brought to a 0..1 scale:

    FOCAL_POINTS           share of organisations required to have a focal point that have
                           a qualified one (``network.kpis``, today's figure), 0 if none
                           is required
    TRAINING               share of members holding a DX role trained recently
                           (``network.kpis`` trainedRate, filled by the activities
                           domain); None when not measured, and None counts as 0
    SURVEYS                survey participation rate; None until surveys exist, counts as 0
    INITIATIVES_SUBMITTED  initiatives submitted in the period, divided by the highest
                           count among the sibling units (0 when nobody submitted)
    INITIATIVES_AWARDED    awards granted in the period to the unit's initiatives, divided
                           by the highest count among the siblings
    REPLICATIONS           replications of awarded models started in the period by the
                           unit's organisations, divided by the highest count among the
                           siblings
    PROJECTS_ON_TIME       share of the unit's DX projects overlapping the period (not
                           cancelled) that are not late (``projects.portfolio``); None
                           when the unit has none, and None counts as 0
    SUPPORT_DELIVERED      person-days of expert support delivered to the unit in the
                           period (``support.figures``), divided by the highest among the
                           siblings

The last two come from sibling domains: the caller (the GraphQL resolver) computes them
and passes them in as ``contributions``, so this module imports neither (decision 0031).

With weights w_p (``EmulationPolicy``, default 20/20/10/10/15/10/10/5) and W = Σ w_p:

    points_p = 100 × w_p × part_p / W        score = Σ_p points_p   (0..100)

Parts not yet available still count in W, so scores are comparable before and after
trainings and surveys arrive (ranking is unchanged either way, since they are 0 for all).
Units are ranked by score, highest first; equal scores (to 0.01) share a rank and are
listed by name. Counts use the unit's whole subtree. The period's dates are days in
Vietnam (UTC+7), both included. ``DXNET_EMULATION_WEIGHTS`` (for example
``FOCAL_POINTS=30,TRAINING=0,...``) overrides the weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from tortoise.functions import Count

from core.actor import Actor
from core.clock import in_vietnam
from network.access import require_in_scope
from network.kpis import KpiPolicy, network_kpis
from network.models import AdminUnit
from recognition.access import require_reader
from recognition.models import Award, Initiative, Replication


class Part(StrEnum):
    FOCAL_POINTS = "FOCAL_POINTS"
    TRAINING = "TRAINING"
    SURVEYS = "SURVEYS"
    INITIATIVES_SUBMITTED = "INITIATIVES_SUBMITTED"
    INITIATIVES_AWARDED = "INITIATIVES_AWARDED"
    REPLICATIONS = "REPLICATIONS"
    PROJECTS_ON_TIME = "PROJECTS_ON_TIME"
    SUPPORT_DELIVERED = "SUPPORT_DELIVERED"


RATE_PARTS = frozenset({Part.FOCAL_POINTS, Part.TRAINING, Part.SURVEYS, Part.PROJECTS_ON_TIME})
CONTRIBUTED_PARTS = frozenset({Part.PROJECTS_ON_TIME, Part.SUPPORT_DELIVERED})
"""Parts other domains compute (``leaderboard(contributions=...)``)."""
DEFAULT_WEIGHTS: Mapping[Part, int] = {
    Part.FOCAL_POINTS: 20,
    Part.TRAINING: 20,
    Part.SURVEYS: 10,
    Part.INITIATIVES_SUBMITTED: 10,
    Part.INITIATIVES_AWARDED: 15,
    Part.REPLICATIONS: 10,
    Part.PROJECTS_ON_TIME: 10,
    Part.SUPPORT_DELIVERED: 5,
}


@dataclass(frozen=True)
class EmulationPolicy:
    weights: Mapping[Part, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    @classmethod
    def parse(cls, text: str) -> EmulationPolicy:
        """'FOCAL_POINTS=30,TRAINING=0' overrides those weights; ValueError when malformed."""
        weights = dict(DEFAULT_WEIGHTS)
        for item in (text or "").split(","):
            if not item.strip():
                continue
            name, _, raw = item.partition("=")
            part = Part(name.strip().upper())
            weight = int(raw.strip())
            if not 0 <= weight <= 1000:
                raise ValueError(f"weight for {part} must be between 0 and 1000")
            weights[part] = weight
        if not sum(weights.values()):
            raise ValueError("at least one emulation weight must be positive")
        return cls(weights)

    @property
    def total_weight(self) -> int:
        return sum(self.weights.get(p, 0) for p in Part)


@dataclass(frozen=True)
class PartScore:
    part: Part
    value: float | None
    normalized: float
    weight: int
    points: float

    @property
    def available(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class UnitScore:
    key: str
    name: str
    rank: int
    score: float
    parts: list[PartScore]


def score_units(
    units: Sequence[tuple[str, str, Mapping[Part, float | None]]], policy: EmulationPolicy
) -> list[UnitScore]:
    """Score and rank ``(key, name, figures)`` rows. Pure, so the arithmetic is testable."""
    total = policy.total_weight
    highest = {
        part: max((float(f.get(part) or 0) for _, _, f in units), default=0.0)
        for part in Part
        if part not in RATE_PARTS
    }
    scored: list[tuple[float, str, str, list[PartScore]]] = []
    for key, name, figures in units:
        parts: list[PartScore] = []
        for part in Part:
            value = figures.get(part)
            if part in RATE_PARTS:
                normalized = min(1.0, max(0.0, float(value or 0)))
            else:
                normalized = float(value or 0) / highest[part] if highest[part] else 0.0
            weight = policy.weights.get(part, 0)
            points = 100 * weight * normalized / total if total else 0.0
            parts.append(PartScore(part, value, round(normalized, 4), weight, round(points, 2)))
        score = round(sum(p.points for p in parts), 2)
        scored.append((score, name, key, parts))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    result: list[UnitScore] = []
    for position, (score, name, key, parts) in enumerate(scored, start=1):
        rank = result[-1].rank if result and result[-1].score == score else position
        result.append(UnitScore(key, name, rank, score, parts))
    return result


@dataclass
class Leaderboard:
    unit: AdminUnit
    period_start: date
    period_end: date
    policy: EmulationPolicy
    units: list[UnitScore]
    children: dict[str, AdminUnit]


def _child_code(parent_depth: int, path: str) -> str | None:
    parts = path.strip("/").split("/")
    return parts[parent_depth] if len(parts) > parent_depth else None


async def leaderboard(
    actor: Actor,
    *,
    unit: AdminUnit,
    period_start: date,
    period_end: date,
    kpi_policy: KpiPolicy,
    policy: EmulationPolicy,
    contributions: Mapping[Part, Mapping[str, float]] | None = None,
) -> Leaderboard:
    """Rank ``unit``'s child units over the period (a fixed number of grouped queries).

    ``contributions`` holds, for each of ``CONTRIBUTED_PARTS``, its figure per child unit
    code (a child missing from it has None for a rate, 0 for a count).
    Partner keys need ``read:recognition`` and, for the focal-point part, ``read:network``.
    """
    require_reader(actor)
    require_in_scope(actor, unit.path, field="adminUnitCode")
    kpis = await network_kpis(actor, unit=unit, policy=kpi_policy)
    children = {c.unit.code: c.unit for c in kpis.children}
    figures: dict[str, dict[Part, float | None]] = {
        c.unit.code: {
            Part.FOCAL_POINTS: c.focal_point_rate or 0.0,
            Part.TRAINING: c.trained_rate,
            Part.SURVEYS: None,
            Part.INITIATIVES_SUBMITTED: 0,
            Part.INITIATIVES_AWARDED: 0,
            Part.REPLICATIONS: 0,
            Part.PROJECTS_ON_TIME: (contributions or {})
            .get(Part.PROJECTS_ON_TIME, {})
            .get(c.unit.code),
            Part.SUPPORT_DELIVERED: (contributions or {})
            .get(Part.SUPPORT_DELIVERED, {})
            .get(c.unit.code, 0.0),
        }
        for c in kpis.children
    }
    start = in_vietnam(period_start)
    end = in_vietnam(period_end + timedelta(days=1))
    depth = len(unit.path.strip("/").split("/"))
    counted = (
        (
            Part.INITIATIVES_SUBMITTED,
            Initiative.filter(
                unit_path__startswith=unit.path, created_at__gte=start, created_at__lt=end
            ),
        ),
        (
            Part.INITIATIVES_AWARDED,
            Award.filter(
                unit_path__startswith=unit.path, granted_at__gte=start, granted_at__lt=end
            ),
        ),
        (
            Part.REPLICATIONS,
            Replication.filter(
                unit_path__startswith=unit.path,
                started_at__gte=period_start,
                started_at__lte=period_end,
            ),
        ),
    )
    for part, query in counted:
        rows = (
            await query.annotate(n=Count("id")).group_by("unit_path").values_list("unit_path", "n")
        )
        for path, n in rows:
            code = _child_code(depth, str(path))
            if code in figures:
                figures[code][part] = float(figures[code][part] or 0) + int(n)
    units = score_units([(code, children[code].name, figures[code]) for code in figures], policy)
    return Leaderboard(unit, period_start, period_end, policy, units, children)
