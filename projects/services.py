"""Creating, changing and reading DX projects: the rules, the scope, the audit.

Scope (decision 0024): staff of any role read the projects of their own subtree (a
commune manager their commune's, the province office all); partner keys need
``read:projects``. Province admins and unit managers create and change projects in their
subtree; field staff and committee members only read. Every change writes one audit
event on the project (``object_type`` "Project"), naming the fields changed.

Status moves along ``TRANSITIONS``; DONE and CANCELLED are final. Bad input is refused
with every error at once and nothing written: dates out of order, budget lines that do
not add up to a given total, negative amounts, percentages outside 0-100, a task
dependency that would close a cycle.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tortoise.expressions import Case, Q, When
from tortoise.queryset import QuerySet

from core import audit
from core.actor import Actor, ApiScope
from core.clock import today_in_vietnam
from core.errors import DomainError, ValidationFailed
from core.queries import first_or_not_found
from core.validation import FormCheck, require_client_id, require_length, require_updatable
from network import admin_units
from network.access import require_editor, require_reader, scoped
from network.models import AdminUnit, Member, Organization
from projects.models import (
    BudgetSource,
    Milestone,
    PlanArea,
    Project,
    ProjectBudgetLine,
    ProjectStatus,
    ProjectTeamMember,
    Rag,
    ReportRhythm,
    StatusReport,
    Task,
)

ACTIVE = (ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS, ProjectStatus.ON_HOLD)
TRANSITIONS: dict[ProjectStatus, tuple[ProjectStatus, ...]] = {
    ProjectStatus.PROPOSED: (ProjectStatus.APPROVED, ProjectStatus.CANCELLED),
    ProjectStatus.APPROVED: (
        ProjectStatus.IN_PROGRESS,
        ProjectStatus.ON_HOLD,
        ProjectStatus.CANCELLED,
    ),
    ProjectStatus.IN_PROGRESS: (
        ProjectStatus.ON_HOLD,
        ProjectStatus.DONE,
        ProjectStatus.CANCELLED,
    ),
    ProjectStatus.ON_HOLD: (ProjectStatus.IN_PROGRESS, ProjectStatus.CANCELLED),
    ProjectStatus.DONE: (),
    ProjectStatus.CANCELLED: (),
}
RHYTHM_DAYS = {ReportRhythm.MONTHLY: 31, ReportRhythm.QUARTERLY: 92}
MAX_TEAM = 50
MAX_BUDGET_LINES = 20
MAX_AMOUNT = 10**15  # VND; fits a BIGINT with room


@dataclass(frozen=True)
class BudgetLineData:
    source: BudgetSource
    amount: int


@dataclass(frozen=True)
class ProjectData:
    code: str
    name: str
    area: PlanArea
    organization_id: int
    admin_unit_code: str
    starts_on: date
    ends_on: date
    goal: str = ""
    owner_id: int | None = None
    team_ids: Sequence[int] = field(default_factory=list)
    budget_lines: Sequence[BudgetLineData] = field(default_factory=list)
    budget_total: int | None = None
    report_rhythm: ReportRhythm = ReportRhythm.MONTHLY


UPDATABLE = {
    "name",
    "goal",
    "area",
    "owner_id",
    "team_ids",
    "starts_on",
    "ends_on",
    "budget_lines",
    "budget_total",
    "report_rhythm",
    "status",
}


@dataclass(frozen=True)
class ReportData:
    text: str
    rag: Rag
    progress: int
    spend_to_date: int = 0
    risks: str = ""
    reported_on: date | None = None
    client_id: str | None = None


# --- reading ---------------------------------------------------------------------------


def visible(actor: Actor, query: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Projects in the actor's subtree (partner keys need read:projects)."""
    require_reader(actor, ApiScope.READ_PROJECTS)
    return scoped(actor, query if query is not None else Project.all())


async def get(actor: Actor, *, project_id: int) -> Project:
    return await first_or_not_found(
        visible(actor).filter(id=project_id), "PROJECT_NOT_FOUND", field="id"
    )


def is_late(project: Project, on: date) -> bool:
    """Active and past its end, or an unfinished task or milestone past its due date."""
    if project.status not in ACTIVE:
        return False
    return project.ends_on < on or (project.next_due_on is not None and project.next_due_on < on)


def is_at_risk(project: Project) -> bool:
    return project.status in ACTIVE and project.last_rag in (Rag.RED, Rag.AMBER)


def is_report_due(project: Project, on: date) -> bool:
    return (
        project.status in ACTIVE
        and project.report_due_on is not None
        and project.report_due_on <= on
    )


def _late_q(on: date) -> Q:
    return Q(status__in=list(ACTIVE)) & (Q(ends_on__lt=on) | Q(next_due_on__lt=on))


def _risk_q() -> Q:
    return Q(status__in=list(ACTIVE)) & Q(last_rag__in=[Rag.RED, Rag.AMBER])


def get_all(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    status: ProjectStatus | None = None,
    area: PlanArea | None = None,
    attention_first: bool = False,
    report_due: bool = False,
    on: date | None = None,
) -> QuerySet[Project]:
    """Visible projects, ending soonest first; with ``attention_first``, late projects
    first, then at-risk ones (an amber or red last report), then the rest; with
    ``report_due``, only active ones whose status report is due (the editors' reminder)."""
    on = on or today_in_vietnam()
    query = visible(actor)
    if report_due:
        query = query.filter(status__in=list(ACTIVE), report_due_on__lte=on)
    if within is not None:
        query = query.filter(unit_path__startswith=within.path)
    if status is not None:
        query = query.filter(status=status)
    if area is not None:
        query = query.filter(area=area)
    if attention_first:
        query = query.annotate(
            attention=Case(When(_late_q(on), then="0"), When(_risk_q(), then="1"), default="2")
        ).order_by("attention", "ends_on", "id")
    return query


# --- validation ------------------------------------------------------------------------


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _amount(value: int | None, field: str) -> int | None:
    if value is not None and not 0 <= value <= MAX_AMOUNT:
        raise DomainError("PROJECT_AMOUNT_NEGATIVE", field=field)
    return value


def check_percent(value: int, field: str) -> int:
    if not 0 <= value <= 100:
        raise DomainError("PERCENT_OUT_OF_RANGE", field=field, min=0, max=100)
    return value


async def members_in_scope(actor: Actor, ids: Collection[int], field: str) -> list[int]:
    ids = list(dict.fromkeys(ids))
    found = dict(await Member.filter(id__in=ids).values_list("id", "unit_path")) if ids else {}
    if any(i not in found or not actor.can_see(str(found[i])) for i in ids):
        raise DomainError("PROJECT_MEMBER_OUT_OF_SCOPE", field=field)
    return ids


async def _clean(
    actor: Actor, values: Mapping[str, Any], current: Project | None
) -> dict[str, Any]:
    """Check the given fields together so a form shows every error at once."""
    check = FormCheck()
    cleaned = check.cleaned
    if "code" in values:
        check.clean("code", lambda: require_length(values["code"], field="code", low=2, high=32))
        if "code" in cleaned and await Project.filter(code=cleaned["code"]).exists():
            check.errors.append(
                DomainError("DUPLICATE_PROJECT_CODE", field="code", code=cleaned["code"])
            )
    if "name" in values:
        check.clean("name", lambda: require_length(values["name"], field="name", low=3, high=255))
    if "goal" in values:
        cleaned["goal"] = (values["goal"] or "").strip()[:4000]
    for name in ("area", "report_rhythm"):
        if name in values and values[name] is not None:
            cleaned[name] = values[name]
    if "owner_id" in values:
        owner = values["owner_id"]
        with check.catch():
            cleaned["owner_id"] = (
                (await members_in_scope(actor, [owner], "ownerId"))[0] if owner else None
            )
    if "team_ids" in values:
        with check.catch():
            if len(values["team_ids"]) > MAX_TEAM:
                raise DomainError("INVALID_LENGTH", field="teamIds", min=0, max=MAX_TEAM)
            cleaned["team_ids"] = await members_in_scope(actor, values["team_ids"], "teamIds")
    starts = values.get("starts_on", current.starts_on if current else None)
    ends = values.get("ends_on", current.ends_on if current else None)
    for name in ("starts_on", "ends_on"):
        if name in values:
            cleaned[name] = values[name]
    if starts is not None and ends is not None and ends < starts:
        check.errors.append(DomainError("PROJECT_DATES_OUT_OF_ORDER", field="endsOn"))
    if "budget_lines" in values or "budget_total" in values:
        kept: list[int] = []
        if current is not None and "budget_lines" not in values:
            # a new total alone must still match the lines the project has
            kept = [line.amount for line in await ProjectBudgetLine.filter(project_id=current.id)]
        with check.catch():
            _clean_budget(values, kept, cleaned)
    check.raise_errors()
    return cleaned


def _clean_budget(values: Mapping[str, Any], kept: Sequence[int], cleaned: dict[str, Any]) -> None:
    """The budget lines and total given; ``kept`` are the amounts of the lines already
    stored, which a total given alone must match."""
    lines: Sequence[BudgetLineData] | None = values.get("budget_lines")
    if lines is not None:
        if len(lines) > MAX_BUDGET_LINES:
            raise DomainError("INVALID_LENGTH", field="budgetLines", min=0, max=MAX_BUDGET_LINES)
        for line in lines:
            _amount(line.amount, "budgetLines")
        cleaned["budget_lines"] = list(lines)
    total = _amount(values.get("budget_total"), "budgetTotal")
    amounts = [line.amount for line in lines] if lines is not None else list(kept)
    if amounts:
        added = sum(amounts)
        if total is not None and total != added:
            raise DomainError(
                "PROJECT_BUDGET_MISMATCH", field="budgetTotal", total=_vnd(total), sum=_vnd(added)
            )
        cleaned["budget_total"] = added
    elif total is not None:
        cleaned["budget_total"] = total


# --- writing ---------------------------------------------------------------------------


async def _organization(actor: Actor, organization_id: int) -> Organization:
    org = await Organization.get_or_none(id=organization_id)
    if org is None or not actor.can_see(org.unit_path):
        raise ValidationFailed([DomainError("ORGANIZATION_NOT_FOUND", field="organizationId")])
    return org


async def _write_relations(project: Project, cleaned: Mapping[str, Any]) -> None:
    if "team_ids" in cleaned:
        await ProjectTeamMember.filter(project_id=project.id).delete()
        await ProjectTeamMember.bulk_create(
            [ProjectTeamMember(project_id=project.id, member_id=m) for m in cleaned["team_ids"]]
        )
    if "budget_lines" in cleaned:
        await ProjectBudgetLine.filter(project_id=project.id).delete()
        await ProjectBudgetLine.bulk_create(
            [
                ProjectBudgetLine(project_id=project.id, source=line.source, amount=line.amount)
                for line in cleaned["budget_lines"]
            ]
        )


def _report_due(project: Project) -> date:
    base = project.last_report_on or project.starts_on
    return base + timedelta(days=RHYTHM_DAYS[ReportRhythm(project.report_rhythm)])


async def create(actor: Actor, *, data: ProjectData) -> Project:
    require_editor(actor)
    unit = await admin_units.get_in_scope(actor, code=data.admin_unit_code)
    await _organization(actor, data.organization_id)
    values = {
        "code": data.code,
        "name": data.name,
        "goal": data.goal,
        "area": PlanArea(data.area),
        "owner_id": data.owner_id,
        "team_ids": list(data.team_ids),
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "budget_lines": list(data.budget_lines),
        "budget_total": data.budget_total,
        "report_rhythm": ReportRhythm(data.report_rhythm),
    }
    cleaned = await _clean(actor, values, None)
    columns = {k: v for k, v in cleaned.items() if k not in ("team_ids", "budget_lines")}
    project = Project(
        **columns,
        organization_id=data.organization_id,
        admin_unit_id=unit.id,
        unit_path=unit.path,
        created_by_id=actor.user_id,
    )
    project.report_due_on = _report_due(project)
    await project.save()
    await _write_relations(project, cleaned)
    await audit.record(actor, "project.create", "Project", project.id, values.keys())
    return project


async def editable(actor: Actor, project_id: int) -> Project:
    require_editor(actor)
    return await get(actor, project_id=project_id)


async def update(actor: Actor, *, project_id: int, changes: Mapping[str, Any]) -> Project:
    require_updatable(changes, UPDATABLE)
    project = await editable(actor, project_id)
    to = changes.get("status")
    cleaned = await _clean(actor, {k: v for k, v in changes.items() if k != "status"}, project)
    if to is not None and ProjectStatus(to) != project.status:
        if ProjectStatus(to) not in TRANSITIONS[ProjectStatus(project.status)]:
            raise ValidationFailed(
                [
                    DomainError(
                        "ILLEGAL_PROJECT_TRANSITION",
                        field="status",
                        status=project.status.value,
                        to=ProjectStatus(to).value,
                    )
                ]
            )
        cleaned["status"] = ProjectStatus(to)
    columns = {k: v for k, v in cleaned.items() if k not in ("team_ids", "budget_lines")}
    changed = audit.apply_changes(project, columns)
    changed += [k for k in ("team_ids", "budget_lines") if k in cleaned]
    if changed:
        project.report_due_on = _report_due(project)
        await project.save()
        await _write_relations(project, cleaned)
        await refresh(project)
        await audit.record(actor, "project.update", "Project", project.id, changed)
    return project


async def refresh(project: Project) -> None:
    """Recompute the rolled-up columns from the project's tasks and milestones: progress
    (mean percent done), milestones done when all their tasks are, the next due date."""
    tasks = await Task.filter(project_id=project.id).values_list(
        "milestone_id", "due_on", "percent_done"
    )
    percents = [int(p) for _, _, p in tasks]
    project.progress = round(sum(percents) / len(percents)) if percents else 0
    by_milestone: dict[int, list[int]] = {}
    for milestone_id, _, percent in tasks:
        if milestone_id is not None:
            by_milestone.setdefault(int(milestone_id), []).append(int(percent))
    milestones = await Milestone.filter(project_id=project.id)
    for milestone in milestones:
        parts = by_milestone.get(milestone.id)
        if parts is None:
            continue
        done = all(p >= 100 for p in parts)
        if done and milestone.done_on is None:
            milestone.done_on = today_in_vietnam()
            await milestone.save(update_fields=["done_on"])
        elif not done and milestone.done_on is not None:
            milestone.done_on = None
            await milestone.save(update_fields=["done_on"])
    dues = [d for _, d, p in tasks if d is not None and int(p) < 100]
    dues += [m.due_on for m in milestones if m.done_on is None]
    project.next_due_on = min(dues) if dues else None
    await project.save(update_fields=["progress", "next_due_on", "updated_at"])


async def submit_status_report(actor: Actor, *, project_id: int, data: ReportData) -> StatusReport:
    """Store a report; one sent again with the same ``client_id`` (a phone's outbox
    retrying after a lost answer) returns the stored one and changes nothing."""
    project = await editable(actor, project_id)
    if data.client_id is not None:
        require_client_id(data.client_id)
        stored = await StatusReport.get_or_none(client_id=data.client_id)
        if stored is not None:
            if stored.project_id != project.id:
                raise ValidationFailed([DomainError("CLIENT_ID_CONFLICT", field="clientId")])
            stored.duplicate = True  # type: ignore[attr-defined]
            return stored
    check = FormCheck()
    check.clean("text", lambda: require_length(data.text, field="text", low=3, high=4000))
    check.clean("progress", lambda: check_percent(data.progress, "progress"))
    check.clean("spend", lambda: _amount(data.spend_to_date, "spendToDate"))
    reported_on = data.reported_on or today_in_vietnam()
    if reported_on < project.starts_on:
        check.errors.append(DomainError("PROJECT_DATES_OUT_OF_ORDER", field="reportedOn"))
    check.raise_errors()
    report = await StatusReport.create(
        project_id=project.id,
        reported_on=reported_on,
        text=data.text.strip(),
        rag=Rag(data.rag),
        progress=data.progress,
        spend_to_date=data.spend_to_date,
        risks=(data.risks or "").strip()[:4000],
        client_id=data.client_id,
        created_by_id=actor.user_id,
    )
    if project.last_report_on is None or reported_on >= project.last_report_on:
        project.last_report_on = reported_on
        project.last_rag = Rag(data.rag)
        project.spend_to_date = data.spend_to_date
        project.report_due_on = _report_due(project)
        await project.save()
    await audit.record(actor, "project.report.submit", "Project", project.id, ["reports"])
    return report
