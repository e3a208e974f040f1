"""GraphQL types of projects, their milestones, tasks, status reports and portfolios.

Relations load through DataLoaders, so a page of projects costs one query per relation
selected, whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, NewType

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.types import Info
from strawberry.types.scalar import ScalarDefinition

from core.actor import EDITOR_ROLES
from core.clock import today_in_vietnam
from core.errors import DomainError
from projects import services
from projects.models import (
    BudgetSource,
    Milestone,
    PlanArea,
    Project,
    ProjectBudgetLine,
    ProjectStatus,
    Rag,
    ReportRhythm,
    StatusReport,
    Task,
)
from projects.portfolio import Figures, Portfolio
from schema.core.loaders import load_by_id, loader
from schema.core.outputs import from_row
from schema.network.admin_units import AdminUnitType, admin_unit_field
from schema.network.loaders import MemberByIdLoader, OrganizationByIdLoader
from schema.network.types import MemberType, OrganizationType
from schema.projects.loaders import (
    BudgetLinesByProjectLoader,
    DependenciesByTaskLoader,
    MilestonesByProjectLoader,
    ReportsByProjectLoader,
    TasksByProjectLoader,
    TeamByProjectLoader,
)

PlanAreaEnum = strawberry.enum(PlanArea, name="PlanArea")
ProjectStatusEnum = strawberry.enum(ProjectStatus, name="ProjectStatus")
BudgetSourceEnum = strawberry.enum(BudgetSource, name="BudgetSource")
ReportRhythmEnum = strawberry.enum(ReportRhythm, name="ReportRhythm")
RagEnum = strawberry.enum(Rag, name="Rag", description="Red, amber or green.")


MAX_VND = 10**15


def _parse_vnd(value: Any) -> int:
    """A whole number of đồng within ±10^15; anything else is the caller's mistake (a
    GraphQLError, which graphql-core reports as an invalid value, never an internal one)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_VND:
        raise GraphQLError("An amount in VND is a whole number up to 10^15.")
    return value


Vnd = NewType("Vnd", int)
"""An amount in đồng; published as the ``Vnd`` scalar through ``SCALARS``."""

SCALARS: dict[object, ScalarDefinition] = {
    Vnd: strawberry.scalar(
        name="Vnd",
        serialize=int,
        parse_value=_parse_vnd,
        description="An amount in Vietnamese đồng: a whole number (up to 10^15, beyond "
        "GraphQL's 32-bit Int), sent as a JSON number.",
    )
}
"""Scalars this module adds to the schema's ``scalar_map`` (schema/__init__.py)."""


@strawberry.type(name="ProjectBudgetLine")
class BudgetLineType:
    source: BudgetSourceEnum  # type: ignore[valid-type]
    amount: Vnd

    @classmethod
    def from_model(cls, line: ProjectBudgetLine) -> BudgetLineType:
        return cls(source=line.source, amount=Vnd(line.amount))


def _project_part_nodes(model: type[Milestone] | type[Task]) -> Any:
    """``resolve_nodes`` of a part of a project (``node(id)``): the row when the caller
    may read its project, else null."""

    async def resolve_nodes(
        cls: Any, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        result: list[Any] = []
        for node_id in node_ids:
            row = await model.get_or_none(id=int(node_id)) if node_id.isdigit() else None
            result.append(await _if_visible(info, row, cls.from_model))
        return result

    return classmethod(resolve_nodes)


async def _if_visible(info: Info, row: Any, build: Any) -> Any:
    """``build(row)`` when the caller may read the row's project, else None."""
    if row is None:
        return None
    try:
        await services.get(info.context.actor, project_id=row.project_id)
    except DomainError:
        return None
    return build(row)


@strawberry.type(name="Milestone")
class MilestoneType(relay.Node):
    id: relay.NodeID[int]
    title: str
    due_on: date
    done_on: date | None
    overdue: bool = strawberry.field(description="Not done and past its due date.")

    @classmethod
    def from_model(cls, row: Milestone) -> MilestoneType:
        overdue = row.done_on is None and row.due_on < today_in_vietnam()
        return from_row(cls, row, overdue=overdue)

    resolve_nodes = _project_part_nodes(Milestone)


@strawberry.type(name="Task")
class TaskType(relay.Node):
    id: relay.NodeID[int]
    title: str
    due_on: date | None
    percent_done: int
    overdue: bool = strawberry.field(description="Under 100 % and past its due date.")
    assignee_id: strawberry.Private[int | None]
    milestone_pk: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: Task) -> TaskType:
        overdue = (
            row.due_on is not None and row.percent_done < 100 and row.due_on < today_in_vietnam()
        )
        return from_row(cls, row, overdue=overdue, milestone_pk=row.milestone_id)

    @strawberry.field
    async def assignee(self, info: Info) -> MemberType | None:
        return await load_by_id(
            info, MemberByIdLoader, self.assignee_id, lambda m: MemberType.from_model(m, info)
        )

    @strawberry.field
    def milestone_id(self) -> relay.GlobalID | None:
        return relay.GlobalID("Milestone", str(self.milestone_pk)) if self.milestone_pk else None

    @strawberry.field(description="The tasks this one waits for.")
    async def depends_on_ids(self, info: Info) -> list[relay.GlobalID]:
        ids = await loader(info, DependenciesByTaskLoader).load(self.id)
        return [relay.GlobalID("Task", str(i)) for i in ids]

    resolve_nodes = _project_part_nodes(Task)


@strawberry.type(name="StatusReport")
class StatusReportType:
    id: int
    reported_on: date
    text: str
    rag: RagEnum  # type: ignore[valid-type]
    progress: int
    spend_to_date: Vnd
    risks: str

    @classmethod
    def from_model(cls, row: StatusReport) -> StatusReportType:
        return from_row(cls, row)


@strawberry.type(name="Project", description="A digital transformation project of a unit.")
class ProjectType(relay.Node):
    id: relay.NodeID[int]
    code: str
    name: str
    goal: str
    area: PlanAreaEnum  # type: ignore[valid-type]
    status: ProjectStatusEnum  # type: ignore[valid-type]
    starts_on: date
    ends_on: date
    budget_total: Vnd
    spend_to_date: Vnd = strawberry.field(description="From the last status report.")
    report_rhythm: ReportRhythmEnum  # type: ignore[valid-type]
    progress: int = strawberry.field(description="Mean percent done of its tasks, 0-100.")
    last_rag: RagEnum | None  # type: ignore[valid-type]
    last_report_on: date | None
    report_due_on: date | None = strawberry.field(
        description="The next status report is due on this day (the rhythm after the last "
        "one, or after the start)."
    )
    next_due_on: date | None = strawberry.field(
        description="The earliest due date of an unfinished task or milestone."
    )
    late: bool = strawberry.field(
        description="Active and past its end date, or an unfinished task or milestone late."
    )
    at_risk: bool = strawberry.field(description="Active and its last report amber or red.")
    report_due: bool = strawberry.field(description="Active and a status report is due.")
    next_statuses: list[ProjectStatusEnum]  # type: ignore[valid-type]
    organization_id: strawberry.Private[int]
    admin_unit_id: strawberry.Private[int]
    owner_id: strawberry.Private[int | None]
    unit_path: strawberry.Private[str]

    @classmethod
    def from_model(cls, row: Project) -> ProjectType:
        on = today_in_vietnam()
        return from_row(
            cls,
            row,
            late=services.is_late(row, on),
            at_risk=services.is_at_risk(row),
            report_due=services.is_report_due(row, on),
            next_statuses=list(services.TRANSITIONS[ProjectStatus(row.status)]),
        )

    admin_unit = admin_unit_field()

    @strawberry.field
    async def organization(self, info: Info) -> OrganizationType:
        row = await loader(info, OrganizationByIdLoader).require(self.organization_id)
        return OrganizationType.from_model(row)

    @strawberry.field
    async def owner(self, info: Info) -> MemberType | None:
        return await load_by_id(
            info, MemberByIdLoader, self.owner_id, lambda m: MemberType.from_model(m, info)
        )

    @strawberry.field
    async def team(self, info: Info) -> list[MemberType]:
        rows = await loader(info, TeamByProjectLoader).load(self.id)
        return [MemberType.from_model(r.member, info) for r in rows]

    @strawberry.field
    async def budget_lines(self, info: Info) -> list[BudgetLineType]:
        rows = await loader(info, BudgetLinesByProjectLoader).load(self.id)
        return [BudgetLineType.from_model(r) for r in rows]

    @strawberry.field(description="By due date.")
    async def milestones(self, info: Info) -> list[MilestoneType]:
        rows = await loader(info, MilestonesByProjectLoader).load(self.id)
        return [MilestoneType.from_model(r) for r in rows]

    @strawberry.field(description="By due date.")
    async def tasks(self, info: Info) -> list[TaskType]:
        rows = await loader(info, TasksByProjectLoader).load(self.id)
        return [TaskType.from_model(r) for r in rows]

    @strawberry.field(description="Newest first.")
    async def reports(self, info: Info, last: int = 12) -> list[StatusReportType]:
        rows = await loader(info, ReportsByProjectLoader).load(self.id)
        return [StatusReportType.from_model(r) for r in rows[: max(0, min(last, 100))]]

    @strawberry.field(description="You may change this project.")
    def viewer_can_edit(self, info: Info) -> bool:
        actor = info.context.actor
        return (
            actor.kind in ("user", "system")
            and actor.has_role(*EDITOR_ROLES)
            and (actor.can_see(self.unit_path))
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ProjectType | None]:
        result: list[ProjectType | None] = []
        for node_id in node_ids:
            try:
                row = await services.get(info.context.actor, project_id=int(node_id))
                result.append(cls.from_model(row))
            except (DomainError, ValueError):
                result.append(None)
        return result


@strawberry.type(name="ProjectFigures")
class FiguresType:
    count: int
    budget: Vnd
    late: int
    at_risk: int
    report_due: int

    @classmethod
    def of(cls, figures: Figures) -> FiguresType:
        return from_row(cls, figures, budget=Vnd(figures.budget))


@strawberry.type
class ProjectStatusFigures:
    status: ProjectStatusEnum  # type: ignore[valid-type]
    figures: FiguresType


@strawberry.type
class PlanAreaFigures:
    area: PlanAreaEnum  # type: ignore[valid-type]
    figures: FiguresType


@strawberry.type
class UnitProjectFigures:
    unit: AdminUnitType
    figures: FiguresType


@strawberry.type(name="ProjectPortfolio")
class PortfolioType:
    unit: AdminUnitType
    total: FiguresType
    by_status: list[ProjectStatusFigures]
    by_area: list[PlanAreaFigures]
    attention: list[ProjectType] = strawberry.field(
        description="Late projects first, then at-risk ones (at most 50)."
    )
    children: list[UnitProjectFigures] = strawberry.field(
        description="The same figures for each child unit, for drill-down."
    )

    @classmethod
    def of(cls, portfolio: Portfolio) -> PortfolioType:
        return cls(
            unit=AdminUnitType.from_model(portfolio.unit),
            total=FiguresType.of(portfolio.total),
            by_status=[
                ProjectStatusFigures(status=s, figures=FiguresType.of(f))
                for s, f in portfolio.by_status.items()
            ],
            by_area=[
                PlanAreaFigures(area=a, figures=FiguresType.of(f))
                for a, f in portfolio.by_area.items()
            ],
            attention=[ProjectType.from_model(p) for p in portfolio.attention],
            children=[
                UnitProjectFigures(
                    unit=AdminUnitType.from_model(c.unit), figures=FiguresType.of(c.figures)
                )
                for c in portfolio.children
            ],
        )
