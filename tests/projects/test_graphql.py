"""DX projects over GraphQL: translated payload errors that change nothing, the list's
filters and attention order with a query count that does not grow with the page, the
portfolio, and the partner scope read:projects."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
from strawberry import relay

from accounts import services as accounts
from core.actor import Actor, Role
from core.clock import today_in_vietnam
from projects import services, tasks
from projects.models import Project, Rag
from projects.services import ReportData
from projects.tasks import TaskData
from tests.helpers import gql, sign_in
from tests.projects.project_data import HOME, OTHER, approved, make_project, unit_people

CREATE = """
mutation($input: CreateProjectInput!) {
  createProject(input: $input) {
    project { id code status budgetTotal budgetLines { source amount } team { fullName } }
    errors { field code message }
  }
}
"""
UPDATE_TASK = """
mutation($input: UpdateTaskInput!) {
  updateTask(input: $input) { task { percentDone } project { progress } errors { field code message } }
}
"""
REPORT = """
mutation($input: SubmitStatusReportInput!) {
  submitStatusReport(input: $input) {
    report { rag progress spendToDate } project { atRisk reportDueOn } errors { field code message }
  }
}
"""
PROJECTS = """
query($first: Int, $attention: Boolean, $status: ProjectStatus) {
  projects(first: $first, attentionFirst: $attention, status: $status) {
    totalCount
    edges { node {
      code late atRisk progress budgetTotal
      adminUnit { code } organization { name } owner { fullName } team { fullName }
      budgetLines { amount } milestones { title overdue } tasks { title dependsOnIds assignee { fullName } }
      reports { rag }
    } }
  }
}
"""
PORTFOLIO = """
query($code: String) {
  projectPortfolio(adminUnitCode: $code) {
    total { count budget late atRisk }
    byStatus { status figures { count } }
    attention { code }
    children { unit { code } figures { count } }
  }
}
"""


def gid(kind: str, pk: int) -> str:
    return str(relay.GlobalID(kind, str(pk)))


async def test_create_refuses_bad_input_in_the_callers_language(
    client: httpx.AsyncClient, system: Actor
) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09140000")
    await sign_in(client, system, "quanly", Role.UNIT_MANAGER, HOME)
    base: dict[str, Any] = {
        "code": "BL-01",
        "name": "Chợ không dùng tiền mặt",
        "area": "DIGITAL_ECONOMY",
        "organizationId": gid("Organization", unit.organization_id),
        "adminUnitCode": HOME,
        "startsOn": "2026-03-01",
        "endsOn": "2026-01-01",
        "teamIds": [gid("Member", m) for m in unit.member_ids],
        "budgetLines": [
            {"source": "COMMUNE_BUDGET", "amount": 2_500_000_000},
            {"source": "ENTERPRISE", "amount": 800_000_000},
        ],
        "budgetTotal": 3_000_000_000,
    }
    body = await gql(client, CREATE, {"input": base}, headers={"accept-language": "en"})
    errors = body["data"]["createProject"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("endsOn", "PROJECT_DATES_OUT_OF_ORDER"),
        ("budgetTotal", "PROJECT_BUDGET_MISMATCH"),
    ]
    assert (
        errors[1]["message"]
        == "The budget lines add up to 3.300.000.000 VND, not the total of 3.000.000.000 VND."
    )
    body = await gql(client, CREATE, {"input": base})
    assert body["data"]["createProject"]["errors"][0]["message"].startswith("Ngày không hợp lệ")
    assert await Project.all().count() == 0
    good = {**base, "endsOn": "2026-12-31", "budgetTotal": 3_300_000_000}
    made = (await gql(client, CREATE, {"input": good}))["data"]["createProject"]
    assert made["errors"] == []
    assert made["project"]["budgetTotal"] == 3_300_000_000  # beyond a 32-bit Int
    assert [m["fullName"] for m in made["project"]["team"]] == ["Nguyễn Văn An", "Trần Thị Bình"]
    outside = {**good, "code": "BL-02", "adminUnitCode": OTHER}
    body = await gql(client, CREATE, {"input": outside})
    assert body["data"]["createProject"]["errors"][0]["code"] == "OUT_OF_SCOPE"


async def test_task_and_report_payloads_roll_up(client: httpx.AsyncClient, system: Actor) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09140001")
    project = await make_project(system, unit, code="BL-R")
    await approved(system, project)
    task = await tasks.add_task(system, project_id=project.id, data=TaskData(title="Số hóa"))
    await sign_in(client, system, "quanly", Role.UNIT_MANAGER, HOME)
    body = await gql(
        client, UPDATE_TASK, {"input": {"id": gid("Task", task.id), "percentDone": 150}}
    )
    assert body["data"]["updateTask"]["errors"][0]["code"] == "PERCENT_OUT_OF_RANGE"
    body = await gql(
        client, UPDATE_TASK, {"input": {"id": gid("Task", task.id), "percentDone": 40}}
    )
    assert body["data"]["updateTask"]["project"] == {"progress": 40}
    body = await gql(
        client,
        REPORT,
        {
            "input": {
                "projectId": gid("Project", project.id),
                "text": "Thiếu kinh phí đối ứng",
                "rag": "RED",
                "progress": 40,
                "spendToDate": 1_200_000_000,
                "reportedOn": "2026-05-01",
            }
        },
    )
    payload = body["data"]["submitStatusReport"]
    assert payload["errors"] == []
    assert payload["report"] == {"rag": "RED", "progress": 40, "spendToDate": 1_200_000_000}
    assert payload["project"] == {"atRisk": True, "reportDueOn": "2026-06-01"}


async def _portfolio_of(system: Actor, n: int, start: int) -> None:
    unit = await unit_people(system, HOME, phone_prefix=f"091500{start:02d}")
    today = today_in_vietnam()
    for i in range(n):
        project = await make_project(
            system, unit, code=f"PF-{start + i}", ends_on=today + timedelta(days=30 + i)
        )
        await approved(system, project)
        milestone = await tasks.add_milestone(
            system, project_id=project.id, title="Khởi động", due_on=today + timedelta(days=5)
        )
        first = await tasks.add_task(
            system,
            project_id=project.id,
            data=TaskData(
                title="Khảo sát", assignee_id=unit.member_ids[0], milestone_id=milestone.id
            ),
        )
        await tasks.add_task(
            system,
            project_id=project.id,
            data=TaskData(title="Thi công", depends_on_ids=[first.id]),
        )
        await services.submit_status_report(
            system,
            project_id=project.id,
            data=ReportData(text="Đúng tiến độ", rag=Rag.GREEN, progress=10),
        )


async def test_list_query_count_is_constant_and_late_projects_come_first(
    client: httpx.AsyncClient, system: Actor, count_queries: Any
) -> None:
    await sign_in(client, system, "canbo", Role.FIELD_STAFF, HOME)
    counts = []
    await _portfolio_of(system, 2, 0)
    count_queries.queries.clear()
    small = await gql(client, PROJECTS, {"first": 20})
    counts.append(len(count_queries))
    count_queries.queries.clear()
    await gql(client, PORTFOLIO, {"code": HOME})
    portfolio_counts = [len(count_queries)]
    await _portfolio_of(system, 6, 10)
    count_queries.queries.clear()
    big = await gql(client, PROJECTS, {"first": 20})
    counts.append(len(count_queries))
    count_queries.queries.clear()
    await gql(client, PORTFOLIO, {"code": HOME})
    portfolio_counts.append(len(count_queries))
    assert portfolio_counts == [4, 4], portfolio_counts  # session, unit, children, projects
    assert len(small["data"]["projects"]["edges"]) == 2
    assert len(big["data"]["projects"]["edges"]) == 8
    # session, page, count, then one per relation: unit, organisation, owner, team, budget
    # lines, milestones, tasks, reports, dependencies, assignees
    assert counts == [12, 12], counts
    late = await Project.get(code="PF-13")
    await Project.filter(id=late.id).update(ends_on=date(2026, 1, 2), starts_on=date(2026, 1, 1))
    body = await gql(client, PROJECTS, {"first": 3, "attention": True})
    nodes = [e["node"] for e in body["data"]["projects"]["edges"]]
    assert nodes[0]["code"] == "PF-13" and nodes[0]["late"] is True
    assert nodes[1]["late"] is False
    body = await gql(client, PORTFOLIO, {"code": "96"})
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"
    body = await gql(client, PORTFOLIO, {"code": HOME})
    figures = body["data"]["projectPortfolio"]
    assert figures["total"] == {"count": 8, "budget": 16_000_000_000, "late": 1, "atRisk": 0}
    assert figures["attention"] == [{"code": "PF-13"}]


async def test_partner_keys_need_read_projects(client: httpx.AsyncClient, system: Actor) -> None:
    unit = await unit_people(system, OTHER, phone_prefix="09140002")
    await make_project(system, unit, code="HD-1", admin_unit_code=OTHER)
    _, good = await accounts.create_api_key(system, name="Sở", scopes=["read:projects"])
    _, bad = await accounts.create_api_key(system, name="Khác", scopes=["read:network"])
    body = await gql(client, PROJECTS, {}, headers={"authorization": f"Bearer {good}"})
    assert [e["node"]["code"] for e in body["data"]["projects"]["edges"]] == ["HD-1"]
    body = await gql(client, PROJECTS, {}, headers={"authorization": f"Bearer {bad}"})
    assert body["errors"][0]["extensions"]["requiredScope"] == "read:projects"


# The office dashboard's one document for a unit's DX figures (pwa/src/data/dx-figures.ts).
DASHBOARD = """
query DashDx($code: String!) {
  projectPortfolio(adminUnitCode: $code) { total { count budget late atRisk reportDue }
    byStatus { status figures { count } } }
  supportFigures(adminUnitCode: $code) { total { requests requestsMet averageHoursToMatch
    personDaysDelivered peopleHelped averageRating } }
}"""


async def test_the_dashboards_dx_figures_cost_the_same_queries_whatever_the_portfolio(
    client: httpx.AsyncClient, system: Actor, count_queries: Any
) -> None:
    await sign_in(client, system, "quanly", Role.UNIT_MANAGER, HOME)
    counts = []
    for n, start in ((2, 0), (6, 10)):
        await _portfolio_of(system, n, start)
        count_queries.queries.clear()
        body = await gql(client, DASHBOARD, {"code": HOME})
        counts.append(len(count_queries))
    # session; portfolio: unit, children, projects; support: unit, children, requests,
    # delivered engagements, their partners' names
    assert counts == [9, 9], counts
    figures = body["data"]["projectPortfolio"]["total"]
    assert figures["count"] == 8 and figures["budget"] == 8 * 2_000_000_000
    assert body["data"]["supportFigures"]["total"]["requests"] == 0


MILESTONE_DONE = """
mutation($input: SetMilestoneDoneInput!) {
  setMilestoneDone(input: $input) { milestone { doneOn overdue } errors { field code message } }
}
"""
DUE = "query { projects(reportDue: true) { edges { node { code reportDue } } } }"


async def test_milestones_marked_done_and_the_reminder_of_reports_due(
    client: httpx.AsyncClient, system: Actor
) -> None:
    unit = await unit_people(system, HOME, phone_prefix="09140009")
    project = await make_project(system, unit, code="BL-M")
    await approved(system, project)
    alone = await tasks.add_milestone(
        system, project_id=project.id, title="Khai trương", due_on=project.starts_on
    )
    planned = await tasks.add_milestone(
        system, project_id=project.id, title="Nghiệm thu", due_on=project.ends_on
    )
    await tasks.add_task(
        system, project_id=project.id, data=TaskData(title="Lắp", milestone_id=planned.id)
    )
    await sign_in(client, system, "quanly", Role.UNIT_MANAGER, HOME)

    body = await gql(client, MILESTONE_DONE, {"input": {"id": gid("Milestone", alone.id)}})
    assert body["data"]["setMilestoneDone"] == {
        "milestone": {"doneOn": today_in_vietnam().isoformat(), "overdue": False},
        "errors": [],
    }
    body = await gql(
        client,
        MILESTONE_DONE,
        {"input": {"id": gid("Milestone", planned.id)}},
        headers={"accept-language": "en"},
    )
    assert body["data"]["setMilestoneDone"]["errors"] == [
        {
            "field": "id",
            "code": "MILESTONE_HAS_TASKS",
            "message": "This milestone has tasks: it is done when all of them reach 100%.",
        }
    ]
    # no report yet since the start: the editors' reminder lists it
    due = await gql(client, DUE)
    assert due["data"]["projects"]["edges"] == [{"node": {"code": "BL-M", "reportDue": True}}]
