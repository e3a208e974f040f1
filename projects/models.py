"""Projects, their budget lines, team, milestones, tasks (with dependencies) and status
reports.

A project lives in an admin unit (``unit_path`` copies the unit's materialised path so
scope is one prefix match). Three columns are kept in step by the services so lists can
sort and filter in SQL without reading tasks: ``progress`` (the mean of its tasks'
percent done), ``next_due_on`` (the earliest due date of an unfinished task or
milestone: the project is late once it passes) and ``report_due_on`` (the last report,
or the start, plus the reporting rhythm); ``last_rag`` is the rating of the last report.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from network.models import AdminUnit, Member, Organization


class PlanArea(StrEnum):
    DIGITAL_GOVERNMENT = "DIGITAL_GOVERNMENT"
    DIGITAL_ECONOMY = "DIGITAL_ECONOMY"
    DIGITAL_SOCIETY = "DIGITAL_SOCIETY"
    INFRASTRUCTURE = "INFRASTRUCTURE"
    SKILLS = "SKILLS"


class ProjectStatus(StrEnum):
    PROPOSED = "PROPOSED"
    APPROVED = "APPROVED"
    IN_PROGRESS = "IN_PROGRESS"
    ON_HOLD = "ON_HOLD"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class BudgetSource(StrEnum):
    CENTRAL_BUDGET = "CENTRAL_BUDGET"
    PROVINCIAL_BUDGET = "PROVINCIAL_BUDGET"
    COMMUNE_BUDGET = "COMMUNE_BUDGET"
    ENTERPRISE = "ENTERPRISE"
    OTHER = "OTHER"


class ReportRhythm(StrEnum):
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"


class Rag(StrEnum):
    RED = "RED"
    AMBER = "AMBER"
    GREEN = "GREEN"


class Project(Model):
    """A digital transformation project of an organisation in an admin unit."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=255)
    goal = fields.TextField(default="")
    area = fields.CharEnumField(PlanArea, max_length=24)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="projects", on_delete=fields.RESTRICT
    )
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="projects", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    owner: fields.ForeignKeyNullableRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="owned_projects", null=True, on_delete=fields.SET_NULL
    )
    status = fields.CharEnumField(ProjectStatus, max_length=16, default=ProjectStatus.PROPOSED)
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    budget_total = fields.BigIntField(default=0, description="VND.")
    report_rhythm = fields.CharEnumField(ReportRhythm, max_length=16, default=ReportRhythm.MONTHLY)
    progress = fields.SmallIntField(default=0)
    next_due_on = fields.DateField(null=True)
    report_due_on = fields.DateField(null=True)
    last_rag = fields.CharEnumField(Rag, max_length=8, null=True)
    last_report_on = fields.DateField(null=True)
    spend_to_date = fields.BigIntField(default=0, description="VND, from the last report.")
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    organization_id: int
    admin_unit_id: int
    owner_id: int | None

    class Meta:
        table = "project"
        ordering = ["ends_on", "id"]


class ProjectBudgetLine(Model):
    """Part of a project budget in VND from one source."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "dxnet.Project", related_name="budget_lines", on_delete=fields.CASCADE
    )
    source = fields.CharEnumField(BudgetSource, max_length=24)
    amount = fields.BigIntField()

    project_id: int

    class Meta:
        table = "project_budget_line"
        ordering = ["id"]


class ProjectTeamMember(Model):
    """A registry member on a project team."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "dxnet.Project", related_name="team", on_delete=fields.CASCADE
    )
    member: fields.ForeignKeyRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="project_teams", on_delete=fields.CASCADE
    )

    project_id: int
    member_id: int

    class Meta:
        table = "project_team_member"
        unique_together = (("project", "member"),)
        ordering = ["id"]


class Milestone(Model):
    """A dated milestone of a project."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "dxnet.Project", related_name="milestones", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=255)
    due_on = fields.DateField()
    done_on = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    project_id: int

    class Meta:
        table = "project_milestone"
        ordering = ["due_on", "id"]


class Task(Model):
    """A task of a project, with an assignee, a due date and its percent done."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "dxnet.Project", related_name="tasks", on_delete=fields.CASCADE
    )
    milestone: fields.ForeignKeyNullableRelation[Milestone] = fields.ForeignKeyField(
        "dxnet.Milestone", related_name="tasks", null=True, on_delete=fields.SET_NULL
    )
    title = fields.CharField(max_length=255)
    assignee: fields.ForeignKeyNullableRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="project_tasks", null=True, on_delete=fields.SET_NULL
    )
    due_on = fields.DateField(null=True)
    percent_done = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    project_id: int
    milestone_id: int | None
    assignee_id: int | None

    class Meta:
        table = "project_task"
        ordering = ["due_on", "id"]


class TaskDependency(Model):
    """Task waits for another task of the same project."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "dxnet.Task", related_name="dependencies", on_delete=fields.CASCADE
    )
    depends_on: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "dxnet.Task", related_name="dependents", on_delete=fields.CASCADE
    )

    task_id: int
    depends_on_id: int

    class Meta:
        table = "project_task_dependency"
        unique_together = (("task", "depends_on"),)


class StatusReport(Model):
    """A periodic status report of a project with its red amber green rating."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "dxnet.Project", related_name="reports", on_delete=fields.CASCADE
    )
    reported_on = fields.DateField()
    text = fields.TextField()
    rag = fields.CharEnumField(Rag, max_length=8)
    progress = fields.SmallIntField()
    spend_to_date = fields.BigIntField(default=0)
    risks = fields.TextField(default="")
    client_id = fields.CharField(
        max_length=64, null=True, unique=True, description="Given by the device that queued it."
    )
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    project_id: int

    class Meta:
        table = "project_status_report"
        ordering = ["-reported_on", "-id"]
