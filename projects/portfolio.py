"""A unit's portfolio: counts and budget by status and by plan area over its subtree,
the late and at-risk projects first, and the same figures per child unit for drill-down.

Three queries whatever the size: the unit, its children, and the subtree's projects
(only the columns the figures need).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.actor import Actor
from core.clock import today_in_vietnam
from network import admin_units
from network.models import AdminUnit
from projects import services
from projects.models import PlanArea, Project, ProjectStatus, Rag

ATTENTION_LIMIT = 50


@dataclass
class Figures:
    count: int = 0
    budget: int = 0
    late: int = 0
    at_risk: int = 0
    report_due: int = 0

    def add(self, project: Project, on: date) -> None:
        self.count += 1
        self.budget += project.budget_total
        self.late += services.is_late(project, on)
        self.at_risk += services.is_at_risk(project)
        self.report_due += services.is_report_due(project, on)


@dataclass
class UnitFigures:
    unit: AdminUnit
    figures: Figures


@dataclass
class Portfolio:
    unit: AdminUnit
    total: Figures
    by_status: dict[ProjectStatus, Figures]
    by_area: dict[PlanArea, Figures]
    attention: list[Project] = field(default_factory=list)
    children: list[UnitFigures] = field(default_factory=list)


def _attention_rank(project: Project, on: date) -> tuple[int, int, date]:
    late = services.is_late(project, on)
    red = project.last_rag == Rag.RED
    return (0 if late else 1, 0 if red else 1, project.ends_on)


async def portfolio(actor: Actor, *, code: str, on: date | None = None) -> Portfolio:
    on = on or today_in_vietnam()
    services.visible(actor)  # refuses callers without read access
    unit = await admin_units.get_in_scope(actor, code=code)
    children = await AdminUnit.filter(parent_id=unit.id, valid_to=None).order_by("code")
    rows = await services.visible(actor).filter(unit_path__startswith=unit.path)
    total = Figures()
    by_status = {s: Figures() for s in ProjectStatus}
    by_area = {a: Figures() for a in PlanArea}
    per_child = {c.path: Figures() for c in children}
    for project in rows:
        total.add(project, on)
        by_status[ProjectStatus(project.status)].add(project, on)
        by_area[PlanArea(project.area)].add(project, on)
        for path, figures in per_child.items():
            if project.unit_path.startswith(path):
                figures.add(project, on)
                break
    attention = sorted(
        (p for p in rows if services.is_late(p, on) or services.is_at_risk(p)),
        key=lambda p: _attention_rank(p, on),
    )[:ATTENTION_LIMIT]
    return Portfolio(
        unit=unit,
        total=total,
        by_status=by_status,
        by_area=by_area,
        attention=attention,
        children=[UnitFigures(c, per_child[c.path]) for c in children],
    )


async def on_time_rates(unit: AdminUnit, *, start: date, end: date, on: date) -> dict[str, float]:
    """The emulation score's PROJECTS_ON_TIME part (decision 0031), per child unit code of
    ``unit``: of the projects in the child's subtree whose dates overlap the period
    (cancelled ones left out), the share that is not late on ``on`` (done, or active and
    neither past its end nor past a task's or milestone's due date). A child with no such
    project is absent (the score counts it as 0). One query; counts only, so the caller
    checks the reader's scope over ``unit``."""
    depth = len(unit.path.strip("/").split("/"))
    rows = (
        await Project.filter(
            unit_path__startswith=unit.path, starts_on__lte=end, ends_on__gte=start
        )
        .exclude(status=ProjectStatus.CANCELLED)
        .only("unit_path", "status", "ends_on", "next_due_on")
    )
    seen: dict[str, list[int]] = {}
    for project in rows:
        parts = project.unit_path.strip("/").split("/")
        if len(parts) <= depth:
            continue
        counts = seen.setdefault(parts[depth], [0, 0])
        counts[0] += 1
        counts[1] += not services.is_late(project, on)
    return {code: on_time / total for code, (total, on_time) in seen.items()}
