"""Mutations of DX projects: one input, a payload with the result or translated errors."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry import UNSET, relay
from strawberry.types import Info

from projects import services, tasks
from projects.models import (
    BudgetSource,
    Milestone,
    PlanArea,
    Project,
    Rag,
    ReportRhythm,
    StatusReport,
    Task,
)
from projects.services import BudgetLineData, ProjectData, ReportData
from projects.tasks import TaskData
from schema.core.errors import UserError
from schema.core.ids import enum_value, global_int, required_int
from schema.core.inputs import to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS
from schema.projects.types import (
    BudgetSourceEnum,
    MilestoneType,
    PlanAreaEnum,
    ProjectStatusEnum,
    ProjectType,
    RagEnum,
    ReportRhythmEnum,
    StatusReportType,
    TaskType,
    Vnd,
)


@strawberry.input
class BudgetLineInput:
    source: BudgetSourceEnum  # type: ignore[valid-type]
    amount: Vnd


@strawberry.input
class CreateProjectInput:
    code: str
    name: str
    area: PlanAreaEnum  # type: ignore[valid-type]
    organization_id: relay.GlobalID
    admin_unit_code: str
    starts_on: date
    ends_on: date
    goal: str = ""
    owner_id: relay.GlobalID | None = None
    team_ids: list[relay.GlobalID] = strawberry.field(default_factory=list)
    budget_lines: list[BudgetLineInput] = strawberry.field(default_factory=list)
    budget_total: Vnd | None = strawberry.field(
        default=None, description="When given with budget lines, the lines must add up to it."
    )
    report_rhythm: ReportRhythmEnum = ReportRhythm.MONTHLY  # type: ignore[valid-type]


@strawberry.input
class UpdateProjectInput:
    id: relay.GlobalID
    name: str | None = UNSET
    goal: str | None = UNSET
    area: PlanAreaEnum | None = UNSET  # type: ignore[valid-type]
    status: ProjectStatusEnum | None = UNSET  # type: ignore[valid-type]
    starts_on: date | None = UNSET
    ends_on: date | None = UNSET
    owner_id: relay.GlobalID | None = UNSET
    team_ids: list[relay.GlobalID] | None = UNSET
    budget_lines: list[BudgetLineInput] | None = UNSET
    budget_total: Vnd | None = UNSET
    report_rhythm: ReportRhythmEnum | None = UNSET  # type: ignore[valid-type]


@strawberry.input
class AddMilestoneInput:
    project_id: relay.GlobalID
    title: str
    due_on: date


@strawberry.input
class SetMilestoneDoneInput:
    id: relay.GlobalID
    done: bool = True


@strawberry.input
class AddTaskInput:
    project_id: relay.GlobalID
    title: str
    assignee_id: relay.GlobalID | None = None
    due_on: date | None = None
    percent_done: int = 0
    milestone_id: relay.GlobalID | None = None
    depends_on_ids: list[relay.GlobalID] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateTaskInput:
    id: relay.GlobalID
    title: str | None = UNSET
    assignee_id: relay.GlobalID | None = UNSET
    due_on: date | None = UNSET
    percent_done: int | None = UNSET
    milestone_id: relay.GlobalID | None = UNSET
    depends_on_ids: list[relay.GlobalID] | None = UNSET


@strawberry.input
class SubmitStatusReportInput:
    project_id: relay.GlobalID
    text: str
    rag: RagEnum  # type: ignore[valid-type]
    progress: int
    spend_to_date: Vnd = Vnd(0)
    risks: str = ""
    reported_on: date | None = strawberry.field(default=None, description="Today when omitted.")
    client_id: str | None = strawberry.field(
        default=None,
        description="The id the device gave the report (8-64 letters, digits, . _ : -): sent "
        "again, the stored report is returned (`duplicate: true`) and nothing changes.",
    )


@strawberry.type
class ProjectPayload:
    project: ProjectType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class MilestonePayload:
    milestone: MilestoneType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class TaskPayload:
    task: TaskType | None = None
    project: ProjectType | None = strawberry.field(
        default=None, description="The project, its progress rolled up again."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class StatusReportPayload:
    report: StatusReportType | None = None
    project: ProjectType | None = None
    duplicate: bool = False
    errors: list[UserError] = strawberry.field(default_factory=list)


def _lines(lines: list[BudgetLineInput]) -> list[BudgetLineData]:
    return [
        BudgetLineData(source=BudgetSource(enum_value(x.source)), amount=x.amount) for x in lines
    ]


def _members(ids: list[relay.GlobalID], field: str) -> list[int]:
    return [required_int(i, "Member", field) for i in ids]


def _tasks(ids: list[relay.GlobalID]) -> list[int]:
    return [required_int(i, "Task", "dependsOnIds") for i in ids]


async def _with_project(task: Task) -> TaskPayload:
    project = await Project.get(id=task.project_id)
    return TaskPayload(task=TaskType.from_model(task), project=ProjectType.from_model(project))


async def _report_payload(report: StatusReport) -> StatusReportPayload:
    project = await Project.get(id=report.project_id)
    return StatusReportPayload(
        report=StatusReportType.from_model(report),
        project=ProjectType.from_model(project),
        duplicate=getattr(report, "duplicate", False),
    )


def _milestone(row: Milestone) -> MilestonePayload:
    return MilestonePayload(milestone=MilestoneType.from_model(row))


def _present(project: Project) -> ProjectPayload:
    return ProjectPayload(project=ProjectType.from_model(project))


@strawberry.type
class ProjectsMutation:
    @strawberry.mutation(
        description="A new project (editors, in their area).", permission_classes=EDITORS
    )
    async def create_project(self, info: Info, input: CreateProjectInput) -> ProjectPayload:
        async def work() -> Project:
            data = to_domain(
                input,
                ProjectData,
                area=PlanArea(enum_value(input.area)),
                organization_id=required_int(
                    input.organization_id, "Organization", "organizationId"
                ),
                owner_id=global_int(input.owner_id, "Member", "ownerId"),
                team_ids=_members(input.team_ids, "teamIds"),
                budget_lines=_lines(input.budget_lines),
                report_rhythm=ReportRhythm(enum_value(input.report_rhythm)),
            )
            return await services.create(info.context.actor, data=data)

        return await mutate(info, work, _present, ProjectPayload)

    @strawberry.mutation(
        description="Change a project, its status included (along the allowed transitions).",
        permission_classes=EDITORS,
    )
    async def update_project(self, info: Info, input: UpdateProjectInput) -> ProjectPayload:
        async def work() -> Project:
            changes: dict[str, Any] = {}
            for name in ("name", "goal", "starts_on", "ends_on", "budget_total"):
                value = getattr(input, name)
                if value is not UNSET and (value is not None or name == "budget_total"):
                    changes[name] = value
            for name, kind in (
                ("area", PlanArea),
                ("status", None),
                ("report_rhythm", ReportRhythm),
            ):
                value = getattr(input, name)
                if value is not UNSET and value is not None:
                    changes[name] = kind(enum_value(value)) if kind else enum_value(value)
            if input.owner_id is not UNSET:
                changes["owner_id"] = global_int(input.owner_id, "Member", "ownerId")
            if input.team_ids is not UNSET and input.team_ids is not None:
                changes["team_ids"] = _members(input.team_ids, "teamIds")
            if input.budget_lines is not UNSET and input.budget_lines is not None:
                changes["budget_lines"] = _lines(input.budget_lines)
            return await services.update(
                info.context.actor, project_id=required_int(input.id, "Project"), changes=changes
            )

        return await mutate(info, work, _present, ProjectPayload)

    @strawberry.mutation(
        description="A milestone of a project (editors).", permission_classes=EDITORS
    )
    async def add_milestone(self, info: Info, input: AddMilestoneInput) -> MilestonePayload:
        async def work() -> Milestone:
            return await tasks.add_milestone(
                info.context.actor,
                project_id=required_int(input.project_id, "Project", "projectId"),
                title=input.title,
                due_on=input.due_on,
            )

        return await mutate(info, work, _milestone, MilestonePayload)

    @strawberry.mutation(
        description="Mark a milestone without tasks done (today) or not done (editors); a "
        "milestone with tasks is done when all of them are.",
        permission_classes=EDITORS,
    )
    async def set_milestone_done(
        self, info: Info, input: SetMilestoneDoneInput
    ) -> MilestonePayload:
        async def work() -> Milestone:
            return await tasks.set_milestone_done(
                info.context.actor,
                milestone_id=required_int(input.id, "Milestone"),
                done=input.done,
            )

        return await mutate(info, work, _milestone, MilestonePayload)

    @strawberry.mutation(description="A task of a project (editors).", permission_classes=EDITORS)
    async def add_task(self, info: Info, input: AddTaskInput) -> TaskPayload:
        async def work() -> Task:
            data = to_domain(
                input,
                TaskData,
                assignee_id=global_int(input.assignee_id, "Member", "assigneeId"),
                milestone_id=global_int(input.milestone_id, "Milestone", "milestoneId"),
                depends_on_ids=_tasks(input.depends_on_ids),
            )
            return await tasks.add_task(
                info.context.actor,
                project_id=required_int(input.project_id, "Project", "projectId"),
                data=data,
            )

        return await mutate(info, work, _with_project, TaskPayload)

    @strawberry.mutation(
        description="Change a task: percent done, assignee, due date, dependencies (editors).",
        permission_classes=EDITORS,
    )
    async def update_task(self, info: Info, input: UpdateTaskInput) -> TaskPayload:
        async def work() -> Task:
            changes: dict[str, Any] = {}
            for name in ("title", "due_on", "percent_done"):
                value = getattr(input, name)
                if value is not UNSET and (value is not None or name == "due_on"):
                    changes[name] = value
            if input.assignee_id is not UNSET:
                changes["assignee_id"] = global_int(input.assignee_id, "Member", "assigneeId")
            if input.milestone_id is not UNSET:
                changes["milestone_id"] = global_int(input.milestone_id, "Milestone", "milestoneId")
            if input.depends_on_ids is not UNSET and input.depends_on_ids is not None:
                changes["depends_on_ids"] = _tasks(input.depends_on_ids)
            return await tasks.update_task(
                info.context.actor, task_id=required_int(input.id, "Task"), changes=changes
            )

        return await mutate(info, work, _with_project, TaskPayload)

    @strawberry.mutation(
        description="A status report: text, red/amber/green, progress, spend to date, risks "
        "(editors). The next one is due a rhythm later.",
        permission_classes=EDITORS,
    )
    async def submit_status_report(
        self, info: Info, input: SubmitStatusReportInput
    ) -> StatusReportPayload:
        async def work() -> StatusReport:
            data = to_domain(input, ReportData, rag=Rag(enum_value(input.rag)))
            return await services.submit_status_report(
                info.context.actor,
                project_id=required_int(input.project_id, "Project", "projectId"),
                data=data,
            )

        return await mutate(info, work, _report_payload, StatusReportPayload)
