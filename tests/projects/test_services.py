"""DX project rules: refusals that change nothing, transitions, dependency cycles,
progress roll-up, late / at-risk / report-due detection, scope and audit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from core.actor import Actor, Role
from core.clock import today_in_vietnam
from core.errors import DomainError, ValidationFailed
from core.models import AuditEvent
from network.models import AdminUnit
from projects import portfolio, services, tasks
from projects.models import (
    BudgetSource,
    Milestone,
    Project,
    ProjectBudgetLine,
    ProjectStatus,
    Rag,
    StatusReport,
    Task,
    TaskDependency,
)
from projects.services import BudgetLineData, ReportData
from projects.tasks import TaskData
from tests.helpers import actor_for
from tests.projects.project_data import HOME, OTHER, approved, make_project, unit_people


def _codes(error: DomainError) -> list[tuple[str | None, str]]:
    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    return [(e.field, e.code) for e in errors]


async def test_bad_project_input_is_refused_with_every_error_and_nothing_written(
    system: Actor,
) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09120000")
    with pytest.raises(ValidationFailed) as refused:
        async with in_transaction():
            await make_project(
                system,
                unit,
                code="CM-01",
                starts_on=date(2026, 6, 1),
                ends_on=date(2026, 1, 1),
                budget_total=3_000_000_000,
            )
    assert _codes(refused.value) == [
        ("endsOn", "PROJECT_DATES_OUT_OF_ORDER"),
        ("budgetTotal", "PROJECT_BUDGET_MISMATCH"),
    ]
    assert refused.value.errors[1].params == {"total": "3.000.000.000", "sum": "2.000.000.000"}
    assert await Project.all().count() == 0
    assert await ProjectBudgetLine.all().count() == 0

    made = await make_project(system, unit, code="CM-01", budget_total=2_000_000_000)
    assert made.budget_total == 2_000_000_000
    with pytest.raises(ValidationFailed) as alone:  # a new total must match the stored lines
        await services.update(system, project_id=made.id, changes={"budget_total": 2_500_000_000})
    assert _codes(alone.value) == [("budgetTotal", "PROJECT_BUDGET_MISMATCH")]
    assert (await Project.get(id=made.id)).budget_total == 2_000_000_000
    with pytest.raises(ValidationFailed) as again:
        await make_project(system, unit, code="CM-01")
    assert _codes(again.value) == [("code", "DUPLICATE_PROJECT_CODE")]
    with pytest.raises(ValidationFailed) as negative:
        await make_project(
            system, unit, code="CM-02", budget_lines=[BudgetLineData(BudgetSource.OTHER, -1)]
        )
    assert _codes(negative.value) == [("budgetLines", "PROJECT_AMOUNT_NEGATIVE")]


async def test_status_moves_only_along_the_allowed_transitions(system: Actor) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09120001")
    project = await make_project(system, unit, code="CM-T")
    with pytest.raises(ValidationFailed) as refused:
        await services.update(system, project_id=project.id, changes={"status": "DONE"})
    assert _codes(refused.value) == [("status", "ILLEGAL_PROJECT_TRANSITION")]
    for step in ("APPROVED", "IN_PROGRESS", "DONE"):
        project = await services.update(system, project_id=project.id, changes={"status": step})
    assert project.status == ProjectStatus.DONE
    with pytest.raises(ValidationFailed):
        await services.update(system, project_id=project.id, changes={"status": "IN_PROGRESS"})
    assert (await Project.get(id=project.id)).status == ProjectStatus.DONE


async def test_dependency_cycles_and_percent_over_100_are_refused(system: Actor) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09120002")
    project = await make_project(system, unit, code="CM-D")
    a = await tasks.add_task(system, project_id=project.id, data=TaskData(title="Khảo sát"))
    b = await tasks.add_task(
        system, project_id=project.id, data=TaskData(title="Thiết kế", depends_on_ids=[a.id])
    )
    c = await tasks.add_task(
        system, project_id=project.id, data=TaskData(title="Triển khai", depends_on_ids=[b.id])
    )
    for bad in ([c.id], [a.id]):  # a -> c -> b -> a, and a waiting for itself
        with pytest.raises(ValidationFailed) as cycle:
            await tasks.update_task(system, task_id=a.id, changes={"depends_on_ids": bad})
        assert _codes(cycle.value) == [("dependsOnIds", "TASK_DEPENDENCY_CYCLE")]
    assert await TaskDependency.filter(task_id=a.id).count() == 0
    with pytest.raises(ValidationFailed) as over:
        await tasks.update_task(system, task_id=b.id, changes={"percent_done": 101})
    assert _codes(over.value) == [("percentDone", "PERCENT_OUT_OF_RANGE")]
    assert (await Task.get(id=b.id)).percent_done == 0
    other = await make_project(system, unit, code="CM-D2")
    with pytest.raises(ValidationFailed) as foreign:
        await tasks.add_task(
            system, project_id=other.id, data=TaskData(title="Lạc", depends_on_ids=[a.id])
        )
    assert _codes(foreign.value) == [("dependsOnIds", "TASK_DEPENDENCY_OTHER_PROJECT")]


async def test_progress_rolls_up_and_late_at_risk_report_due_are_detected(system: Actor) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09120003")
    project = await make_project(system, unit, code="CM-P")
    project = await approved(system, project)
    milestone = await tasks.add_milestone(
        system, project_id=project.id, title="Nghiệm thu giai đoạn 1", due_on=date(2026, 3, 1)
    )
    t1 = await tasks.add_task(
        system,
        project_id=project.id,
        data=TaskData(title="Số hóa hồ sơ", due_on=date(2026, 2, 1), milestone_id=milestone.id),
    )
    await tasks.add_task(
        system, project_id=project.id, data=TaskData(title="Tập huấn", percent_done=50)
    )
    project = await Project.get(id=project.id)
    assert project.progress == 25 and project.next_due_on == date(2026, 2, 1)
    assert services.is_late(project, date(2026, 2, 2))
    assert not services.is_late(project, date(2026, 1, 31))
    await tasks.update_task(system, task_id=t1.id, changes={"percent_done": 100})
    project = await Project.get(id=project.id)
    assert project.progress == 75 and project.next_due_on is None  # the milestone is done too
    assert not services.is_late(project, date(2026, 5, 1))
    assert services.is_report_due(project, date(2026, 2, 1))  # nothing since the start
    await services.submit_status_report(
        system,
        project_id=project.id,
        data=ReportData(
            text="Chậm bàn giao thiết bị",
            rag=Rag.AMBER,
            progress=75,
            spend_to_date=900_000_000,
            reported_on=date(2026, 4, 1),
        ),
    )
    project = await Project.get(id=project.id)
    assert services.is_at_risk(project) and project.spend_to_date == 900_000_000
    assert project.report_due_on == date(2026, 5, 2)
    with pytest.raises(ValidationFailed) as over:
        await services.submit_status_report(
            system,
            project_id=project.id,
            data=ReportData(text="Quá mức", rag=Rag.GREEN, progress=120),
        )
    assert _codes(over.value) == [("progress", "PERCENT_OUT_OF_RANGE")]
    actions = await AuditEvent.filter(object_type="Project", object_id=str(project.id)).values_list(
        "action", flat=True
    )
    assert sorted(actions) == sorted(
        [
            "project.create",
            "project.update",
            "project.milestone.add",
            "project.task.add",
            "project.task.add",
            "project.task.update",
            "project.report.submit",
        ]
    )


async def test_scope_commune_managers_edit_their_own_field_staff_only_read(
    system: Actor, tree: AdminUnit
) -> None:
    home = await unit_people(system, HOME, phone_prefix="09120004")
    other = await unit_people(system, OTHER, phone_prefix="09120005")
    mine = await make_project(system, home, code="CM-H")
    theirs = await make_project(system, other, code="CM-O", admin_unit_code=OTHER)
    manager = await actor_for(system, Role.UNIT_MANAGER, HOME)
    field = await actor_for(system, Role.FIELD_STAFF, HOME)
    assert [p.code for p in await services.get_all(manager)] == ["CM-H"]
    assert [p.code for p in await services.get_all(field)] == ["CM-H"]
    await services.update(manager, project_id=mine.id, changes={"name": "Chợ không tiền mặt"})
    with pytest.raises(DomainError) as hidden:
        await services.update(manager, project_id=theirs.id, changes={"name": "Không được"})
    assert hidden.value.code == "PROJECT_NOT_FOUND"
    with pytest.raises(DomainError) as forbidden:
        await services.update(field, project_id=mine.id, changes={"name": "Không được"})
    assert forbidden.value.code == "FORBIDDEN"
    with pytest.raises(ValidationFailed) as outsider:  # a team member of another commune
        await services.update(manager, project_id=mine.id, changes={"team_ids": other.member_ids})
    assert _codes(outsider.value) == [("teamIds", "PROJECT_MEMBER_OUT_OF_SCOPE")]
    figures = await portfolio.portfolio(system, code=tree.code)
    assert figures.total.count == 2 and figures.total.budget == 4_000_000_000
    by_child = {c.unit.code: c.figures.count for c in figures.children if c.figures.count}
    assert by_child == {HOME: 1, OTHER: 1}


async def test_a_report_sent_again_with_its_client_id_is_stored_once(system: Actor) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09120006")
    project = await make_project(system, unit, code="CM-C")
    other = await make_project(system, unit, code="CM-C2")
    data = ReportData(
        text="Gửi từ điện thoại", rag=Rag.GREEN, progress=10, client_id="0f8e2c1a-aaaa-4bbb-8ccc"
    )
    first = await services.submit_status_report(system, project_id=project.id, data=data)
    again = await services.submit_status_report(system, project_id=project.id, data=data)
    assert again.id == first.id and getattr(again, "duplicate", False)
    assert await StatusReport.filter(project_id=project.id).count() == 1
    with pytest.raises(ValidationFailed) as conflict:
        await services.submit_status_report(system, project_id=other.id, data=data)
    assert _codes(conflict.value) == [("clientId", "CLIENT_ID_CONFLICT")]


async def test_on_time_rates_per_child_unit_for_the_emulation_score(
    system: Actor, tree: AdminUnit, count_queries: Any
) -> None:
    """Decision 0031: of a child's projects overlapping the period (not cancelled), the
    share not late today; a child without one is absent."""
    home = await unit_people(system, HOME, phone_prefix="09120009")
    other = await unit_people(system, OTHER, phone_prefix="09120010")
    on = date(2026, 8, 1)
    fine = await make_project(system, home, code="ET-1")
    late = await make_project(system, home, code="ET-2", ends_on=date(2026, 7, 1))
    for project in (fine, late):
        await approved(system, project)
    dropped = await make_project(system, other, code="ET-3", admin_unit_code=OTHER)
    await services.update(system, project_id=dropped.id, changes={"status": "CANCELLED"})
    await make_project(
        system,
        other,
        code="ET-4",
        admin_unit_code=OTHER,
        starts_on=date(2028, 1, 1),
        ends_on=date(2028, 6, 1),
    )

    count_queries.queries.clear()
    rates = await portfolio.on_time_rates(
        tree, start=date(2026, 1, 1), end=date(2026, 12, 31), on=on
    )

    assert len(count_queries) == 1
    assert rates == {HOME: 0.5}


async def test_the_report_due_list_holds_active_projects_whose_report_is_due(
    system: Actor,
) -> None:
    """The editors' reminder on the home: active projects whose next status report is due
    on or before the day; a reported, a proposed or a cancelled project is left out."""
    unit = await unit_people(system, HOME, phone_prefix="09120005")
    due = await make_project(system, unit, code="CM-DUE")
    reported = await make_project(system, unit, code="CM-OK")
    proposed = await make_project(system, unit, code="CM-NEW")
    cancelled = await make_project(system, unit, code="CM-OFF")
    for project in (due, reported, cancelled):
        await approved(system, project)
    await services.update(system, project_id=cancelled.id, changes={"status": "CANCELLED"})
    await services.submit_status_report(
        system,
        project_id=reported.id,
        data=ReportData(
            text="Đúng tiến độ", rag=Rag.GREEN, progress=10, reported_on=date(2026, 4, 1)
        ),
    )
    on = date(2026, 4, 15)

    codes = await services.get_all(system, report_due=True, on=on).values_list("code", flat=True)

    assert sorted(codes) == ["CM-DUE"]
    assert proposed.status == ProjectStatus.PROPOSED
    everything = await services.get_all(system, on=on).values_list("code", flat=True)
    assert sorted(everything) == ["CM-DUE", "CM-NEW", "CM-OFF", "CM-OK"]


async def test_a_milestone_without_tasks_is_marked_done_by_hand_and_one_with_tasks_is_not(
    system: Actor,
) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09120006")
    project = await make_project(system, unit, code="CM-MS")
    project = await approved(system, project)
    alone = await tasks.add_milestone(
        system, project_id=project.id, title="Khai trương", due_on=date(2026, 2, 1)
    )
    planned = await tasks.add_milestone(
        system, project_id=project.id, title="Nghiệm thu", due_on=date(2026, 3, 1)
    )
    await tasks.add_task(
        system, project_id=project.id, data=TaskData(title="Lắp đặt", milestone_id=planned.id)
    )
    project = await Project.get(id=project.id)
    assert project.next_due_on == date(2026, 2, 1)
    assert services.is_late(project, date(2026, 2, 2))

    done = await tasks.set_milestone_done(system, milestone_id=alone.id, done=True)

    assert done.done_on == today_in_vietnam()
    project = await Project.get(id=project.id)
    assert project.next_due_on == date(2026, 3, 1)  # the open milestone with a task is next
    with pytest.raises(DomainError) as refused:
        await tasks.set_milestone_done(system, milestone_id=planned.id, done=True)
    assert _codes(refused.value) == [("id", "MILESTONE_HAS_TASKS")]
    assert (await Milestone.get(id=planned.id)).done_on is None
    reopened = await tasks.set_milestone_done(system, milestone_id=alone.id, done=False)
    assert reopened.done_on is None
    assert (await Project.get(id=project.id)).next_due_on == date(2026, 2, 1)
    actions = await AuditEvent.filter(action__startswith="project.milestone.").values_list(
        "action", flat=True
    )
    assert sorted(actions) == sorted(
        ["project.milestone.add"] * 2 + ["project.milestone.done", "project.milestone.reopen"]
    )
