"""Demo data: a portfolio of DX projects across several communes of the province, at every
stage (proposed, on track, late, at risk, on hold, done), with budget lines, team,
milestones, tasks with dependencies and status reports. Dates are relative to today so
"late" and "report due" stay true whenever the demo is seeded. Safe to run again: a
commune that has a demo project (code DA-<commune>-…) is skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.actor import Actor
from core.clock import today_in_vietnam
from network.models import AdminUnit, Member, MemberStatus, Organization, OrganizationKind
from projects import services, tasks
from projects.models import BudgetSource, PlanArea, Project, Rag
from projects.services import BudgetLineData, ProjectData, ReportData
from projects.tasks import TaskData

DEMO_COMMUNES = ("31825", "31843")  # the demo logins' communes first, then others
MORE_COMMUNES = 4

# name, goal, area, scenario, budget lines in millions of đồng by source
TEMPLATES: tuple[tuple[str, str, PlanArea, str, tuple[tuple[BudgetSource, int], ...]], ...] = (
    (
        "Số hóa hồ sơ bộ phận một cửa",
        "Số hóa 100 % hồ sơ thủ tục hành chính còn hiệu lực, tra cứu được trên Cổng DVC.",
        PlanArea.DIGITAL_GOVERNMENT,
        "late",
        ((BudgetSource.PROVINCIAL_BUDGET, 850), (BudgetSource.COMMUNE_BUDGET, 150)),
    ),
    (
        "Chợ không dùng tiền mặt",
        "Mọi tiểu thương ở chợ xã nhận thanh toán bằng mã QR.",
        PlanArea.DIGITAL_ECONOMY,
        "at_risk",
        ((BudgetSource.ENTERPRISE, 300), (BudgetSource.COMMUNE_BUDGET, 60)),
    ),
    (
        "Bình dân học vụ số cho người cao tuổi",
        "Hướng dẫn 500 người cao tuổi dùng VNeID và dịch vụ công trực tuyến.",
        PlanArea.SKILLS,
        "on_track",
        ((BudgetSource.COMMUNE_BUDGET, 120),),
    ),
    (
        "Nền tảng dữ liệu dùng chung của xã",
        "Kết nối dữ liệu dân cư, đất đai, hộ nghèo vào một kho dùng chung.",
        PlanArea.DIGITAL_GOVERNMENT,
        "done",
        ((BudgetSource.CENTRAL_BUDGET, 1200), (BudgetSource.PROVINCIAL_BUDGET, 400)),
    ),
    (
        "Phủ sóng 4G các ấp vùng sâu",
        "Xóa vùng lõm sóng ở các ấp ven biển, ven rừng.",
        PlanArea.INFRASTRUCTURE,
        "proposed",
        ((BudgetSource.ENTERPRISE, 2500),),
    ),
    (
        "Camera an ninh kết nối trung tâm",
        "Lắp camera tại các giao lộ chính, kết nối trung tâm điều hành của tỉnh.",
        PlanArea.DIGITAL_SOCIETY,
        "on_hold",
        ((BudgetSource.PROVINCIAL_BUDGET, 700), (BudgetSource.OTHER, 100)),
    ),
)
TASKS = ("Khảo sát hiện trạng", "Lập kế hoạch chi tiết", "Triển khai", "Nghiệm thu, bàn giao")


@dataclass(frozen=True)
class DemoProjects:
    projects: int = 0
    created: int = 0


async def _communes(root: AdminUnit) -> list[AdminUnit]:
    chosen = [u for u in await AdminUnit.filter(code__in=DEMO_COMMUNES).order_by("code")]
    others = (
        await AdminUnit.filter(parent_id=root.id, valid_to=None)
        .exclude(code__in=DEMO_COMMUNES)
        .order_by("code")
        .limit(MORE_COMMUNES)
    )
    return chosen + list(others)


async def _project(
    actor: Actor,
    unit: AdminUnit,
    org: Organization,
    people: list[int],
    index: int,
    today: date,
    *,
    shift: int = 0,
) -> None:
    """Project ``index`` of TEMPLATES in ``unit``; its stage is the one of template
    ``index + shift``, so the late project is not the same one in every commune."""
    name, goal, area, _, lines = TEMPLATES[index % len(TEMPLATES)]
    scenario = TEMPLATES[(index + shift) % len(TEMPLATES)][3]
    starts = today - timedelta(days=150 + 20 * index)
    ends = today + timedelta(days=200 - 15 * index)
    if scenario == "done":
        ends = today - timedelta(days=20)
    if scenario == "proposed":
        starts, ends = today + timedelta(days=30), today + timedelta(days=400)
    project = await services.create(
        actor,
        data=ProjectData(
            code=f"DA-{unit.code}-{index + 1:02d}",
            name=name,
            goal=goal,
            area=area,
            organization_id=org.id,
            admin_unit_code=unit.code,
            starts_on=starts,
            ends_on=ends,
            owner_id=people[0] if people else None,
            team_ids=people[:4],
            budget_lines=[BudgetLineData(s, m * 1_000_000) for s, m in lines],
        ),
    )
    if scenario == "proposed":
        return
    steps = {"done": ("APPROVED", "IN_PROGRESS"), "on_hold": ("APPROVED", "IN_PROGRESS", "ON_HOLD")}
    for step in steps.get(scenario, ("APPROVED", "IN_PROGRESS")):
        await services.update(actor, project_id=project.id, changes={"status": step})
    span = (ends - starts).days
    milestone = await tasks.add_milestone(
        actor,
        project_id=project.id,
        title="Hoàn thành khảo sát",
        due_on=starts + timedelta(days=span // 4),
    )
    previous: list[int] = []
    for position, title in enumerate(TASKS):
        due = starts + timedelta(days=span * (position + 1) // len(TASKS))
        percent = {0: 100, 1: 100 if scenario != "late" else 60}.get(position, 0)
        if scenario == "done":
            percent = 100
        elif position == 2 and scenario in ("on_track", "at_risk"):
            percent = 40
        task = await tasks.add_task(
            actor,
            project_id=project.id,
            data=TaskData(
                title=title,
                assignee_id=people[position % len(people)] if people else None,
                due_on=due,
                percent_done=percent,
                milestone_id=milestone.id if position == 0 else None,
                depends_on_ids=previous,
            ),
        )
        previous = [task.id]
    if scenario == "late":  # the plan slipped: a task overdue three weeks
        await tasks.update_task(
            actor,
            task_id=previous[0],
            changes={"due_on": today - timedelta(days=21), "percent_done": 30},
        )
    if scenario == "done":
        await services.update(actor, project_id=project.id, changes={"status": "DONE"})
    rag = {"late": Rag.RED, "at_risk": Rag.AMBER}.get(scenario, Rag.GREEN)
    texts = {
        "late": (
            "Nhà thầu chậm bàn giao máy quét; mới số hóa được 60 % hồ sơ.",
            "Thiếu nhân lực nhập liệu.",
        ),
        "at_risk": (
            "Nhiều tiểu thương chưa mở tài khoản ngân hàng.",
            "Phí giao dịch, thói quen dùng tiền mặt.",
        ),
    }
    text, risks = texts.get(scenario, ("Đúng tiến độ, không có vướng mắc.", ""))
    months = 1 if scenario == "on_hold" else 2
    for back in range(months, 0, -1):
        on = today - timedelta(days=30 * back + (40 if scenario == "on_hold" else 5))
        await services.submit_status_report(
            actor,
            project_id=project.id,
            data=ReportData(
                text=text,
                rag=rag,
                progress=min(100, 20 * (3 - back) + 20),
                spend_to_date=sum(m for _, m in lines) * 1_000_000 * (3 - back) // 4,
                risks=risks,
                reported_on=max(on, starts),
            ),
        )


async def seed_demo_projects(
    actor: Actor, root: AdminUnit, *, today: date | None = None
) -> DemoProjects:
    today = today or today_in_vietnam()
    created = 0
    for offset, unit in enumerate(await _communes(root)):
        if await Project.exists(code__startswith=f"DA-{unit.code}-"):
            continue
        org = await Organization.filter(
            admin_unit_id=unit.id, kind=OrganizationKind.PEOPLES_COMMITTEE, is_active=True
        ).first()
        if org is None:
            continue
        people = [
            m.id
            for m in await Member.filter(organization_id=org.id, status=MemberStatus.ACTIVE)
            .order_by("id")
            .limit(6)
        ]
        for index in range(3 if offset >= len(DEMO_COMMUNES) else len(TEMPLATES)):
            await _project(
                actor, unit, org, people, (index + offset) % len(TEMPLATES), today, shift=offset
            )
            created += 1
    total = await Project.filter(unit_path__startswith=root.path).count()
    return DemoProjects(projects=total, created=created)
