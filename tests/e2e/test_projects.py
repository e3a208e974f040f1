"""DX projects on a phone (issue 18): a commune manager finds a late project first in
their list, opens it, and writes a status report with no signal; the report waits in the
outbox and is stored once when the signal returns. On a desktop, the manager creates a
project through its form (a refused date shown translated), adds a milestone and a task
that waits for another, and moves a task's progress."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.async_api import Browser, expect

from core.clock import today_in_vietnam
from tests.e2e.conftest import LiveServer, outbox_items, phone_page, shoot, sign_in
from tests.e2e.test_pwa import go_offline, go_online, wait_outbox_empty

WARD = "31825"  # Phường Bạc Liêu
PASSWORD = "mat-khau-du-an-e2e"
TAG = uuid.uuid4().hex[:6]
PROJECT = """query($id: ID!) { project(id: $id) { reports { text rag progress } lastRag } }"""


def _ok(body: dict[str, Any], field: str) -> dict[str, Any]:
    payload: dict[str, Any] = body[field]
    assert not payload.get("errors"), payload
    return payload


@pytest.fixture(scope="module")
def projects(live_server: LiveServer) -> Iterator[dict[str, str]]:
    gql = live_server.graphql
    manager = f"e2e.duan.{TAG}"
    _ok(
        gql(
            "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } errors { code } } }",
            {
                "i": {
                    "username": manager,
                    "password": PASSWORD,
                    "displayName": "Quản lý dự án",
                    "roles": ["UNIT_MANAGER"],
                    "scopeCode": WARD,
                }
            },
        ),
        "createUser",
    )
    org = _ok(
        gql(
            """mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
                organization { id } errors { code } } }""",
            {
                "i": {
                    "name": f"UBND dự án E2E {TAG}",
                    "kind": "PEOPLES_COMMITTEE",
                    "adminUnitCode": WARD,
                }
            },
        ),
        "createOrganization",
    )["organization"]["id"]
    owner = _ok(
        gql(
            """mutation($i: CreateMemberInput!) { createMember(input: $i) {
                member { id } errors { code } } }""",
            {
                "i": {
                    "fullName": f"Chủ Trì {TAG}",
                    "organizationId": org,
                    "position": "Phó chủ tịch",
                }
            },
        ),
        "createMember",
    )
    assert owner["member"]["id"]
    ids: dict[str, str] = {"manager": manager, "org": f"UBND dự án E2E {TAG}"}
    for key, name, ends in (
        ("on_track", f"Bình dân học vụ số E2E {TAG}", "2031-12-31"),
        ("late", f"Số hóa hồ sơ một cửa E2E {TAG}", "2026-02-28"),
    ):
        made = _ok(
            gql(
                """mutation($i: CreateProjectInput!) { createProject(input: $i) {
                    project { id } errors { field code } } }""",
                {
                    "i": {
                        "code": f"E2E-{TAG}-{key}",
                        "name": name,
                        "area": "DIGITAL_GOVERNMENT",
                        "organizationId": org,
                        "adminUnitCode": WARD,
                        "startsOn": "2026-01-01",
                        "endsOn": ends,
                        "budgetLines": [{"source": "COMMUNE_BUDGET", "amount": 750_000_000}],
                    }
                },
            ),
            "createProject",
        )
        ids[key] = made["project"]["id"]
        _ok(
            gql(
                """mutation($i: UpdateProjectInput!) { updateProject(input: $i) {
                    project { status } errors { code } } }""",
                {"i": {"id": ids[key], "status": "APPROVED"}},
            ),
            "updateProject",
        )
        _ok(
            gql(
                """mutation($i: AddTaskInput!) { addTask(input: $i) { task { id } errors { code } } }""",
                {
                    "i": {
                        "projectId": ids[key],
                        "title": "Khảo sát hiện trạng",
                        "dueOn": "2026-01-20",
                        "percentDone": 100,
                    }
                },
            ),
            "addTask",
        )
    yield ids


async def test_manager_sees_late_first_and_reports_offline_stored_once(
    live_server: LiveServer, projects: dict[str, str], browser: Browser
) -> None:
    async with phone_page(browser, service_workers=True) as page:
        await page.goto(f"{live_server.url}/#/projects")
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        await sign_in(page, live_server.url, (projects["manager"], PASSWORD))
        await page.goto(f"{live_server.url}/#/projects")
        cards = page.locator("article.project")
        await expect(cards.first).to_contain_text(f"Số hóa hồ sơ một cửa E2E {TAG}")
        await expect(cards.first).to_contain_text("Trễ hạn")
        await expect(cards.first).to_contain_text("750.000.000")
        await shoot(page, "projects-list")

        await cards.first.get_by_role("link").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Số hóa hồ sơ một cửa E2E {TAG}"
        )
        await expect(page.get_by_role("heading", name="Nhiệm vụ", exact=True)).to_be_visible()

        await go_offline(page.context)
        await page.get_by_label("Tình hình thực hiện").fill("Máy quét hỏng, chậm số hóa hai tuần.")
        await page.get_by_label("Đánh giá chung").select_option("RED")
        await page.get_by_label("Tiến độ (%)").fill("140")
        await page.get_by_role("button", name="Gửi báo cáo").click()
        await expect(page.get_by_text("Tiến độ là số nguyên từ 0 đến 100.")).to_be_visible()
        await page.get_by_label("Tiến độ (%)").fill("40")
        await page.get_by_role("button", name="Gửi báo cáo").click()
        await expect(page.locator(".report-form [role=status]")).to_contain_text(
            "sẽ gửi khi có mạng"
        )
        items = await outbox_items(page)
        assert [i["kind"] for i in items] == ["statusReport"]
        await shoot(page, "projects-report-offline")

        await go_online(page.context)
        await page.evaluate("window.dispatchEvent(new Event('online'))")
        await wait_outbox_empty(page)
        stored = live_server.graphql(PROJECT, {"id": projects["late"]})["project"]
        assert stored["lastRag"] == "RED"
        assert stored["reports"] == [
            {"text": "Máy quét hỏng, chậm số hóa hai tuần.", "rag": "RED", "progress": 40}
        ]


CREATED = """query($code: String) { projects(first: 5, adminUnitCode: $code) { edges { node {
  code name owner { fullName } budgetTotal progress
  milestones { title dueOn doneOn } tasks { title percentDone dependsOnIds assignee { fullName } } } } } }"""


async def test_manager_creates_a_project_and_plans_it(
    live_server: LiveServer, projects: dict[str, str], browser: Browser
) -> None:
    async with phone_page(browser) as page:
        await page.set_viewport_size({"width": 1280, "height": 800})
        await sign_in(page, live_server.url, (projects["manager"], PASSWORD))
        await page.goto(f"{live_server.url}/#/projects")
        await page.get_by_role("link", name="Thêm dự án").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Dự án chuyển đổi số mới")
        name = f"Chợ không dùng tiền mặt E2E {TAG}"
        await page.get_by_label("Mã dự án").fill(f"E2E-{TAG}-form")
        await page.get_by_label("Cơ quan, tổ chức chủ trì").select_option(label=projects["org"])
        await page.get_by_label("Tên dự án").fill(name)
        await page.get_by_label("Mục tiêu").fill("90 % tiểu thương nhận chuyển khoản.")
        await page.get_by_label("Ngày bắt đầu").fill("2026-06-01")
        await page.get_by_label("Ngày kết thúc").fill("2026-05-01")
        await page.locator("#pf-owner").select_option(label=f"Chủ Trì {TAG} (Phó chủ tịch)")
        await page.get_by_label("Ngân sách xã").fill("300000000")
        await page.get_by_label("Doanh nghiệp").fill("200000000")
        await expect(page.locator(".project-form")).to_contain_text("500.000.000")
        await page.get_by_role("button", name="Tạo dự án").click()
        # the server's refusal, translated, on the field; nothing stored
        await expect(page.locator("#pf-ends-error")).to_contain_text("không được trước")
        await shoot(page, "projects-form-refused")
        await page.get_by_label("Ngày kết thúc").fill("2026-12-31")
        await page.get_by_role("button", name="Tạo dự án").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(name)

        await page.locator("#pf-ms-name").fill("Khai trương điểm thanh toán")
        await page.locator("#pf-ms-due").fill("2026-09-01")
        await page.get_by_role("button", name="Thêm mốc").click()
        await expect(page.locator("ol.timeline")).to_contain_text("Khai trương điểm thanh toán")
        await page.locator("#pf-task-name").fill("Lắp mã QR cho tiểu thương")
        await page.locator("#pf-task-assignee").select_option(label=f"Chủ Trì {TAG}")
        await page.locator("#pf-task-due").fill("2026-08-15")
        await page.locator("#pf-task-milestone").select_option(label="Khai trương điểm thanh toán")
        await page.get_by_role("button", name="Thêm nhiệm vụ").click()
        await expect(page.locator("table.tasks")).to_contain_text("Lắp mã QR cho tiểu thương")
        # a second task waiting for the first
        await page.locator("#pf-task-name").fill("Tập huấn tiểu thương")
        await page.get_by_role("checkbox", name="Lắp mã QR cho tiểu thương").check()
        await page.locator("#pf-task-percent").fill("120")
        await page.get_by_role("button", name="Thêm nhiệm vụ").click()
        await expect(page.locator("#pf-task-percent-error")).to_be_visible()
        await page.locator("#pf-task-percent").fill("0")
        await page.get_by_role("button", name="Thêm nhiệm vụ").click()
        await expect(page.locator("table.tasks")).to_contain_text("Tập huấn tiểu thương")
        await page.get_by_text("Cập nhật tiến độ nhiệm vụ").click()
        progress = page.get_by_label("% hoàn thành: Lắp mã QR cho tiểu thương")
        await progress.fill("60")
        await progress.press("Enter")
        await expect(page.locator(".project-head")).to_contain_text("30 %")
        # a milestone with no task is marked done by hand (one with tasks follows them)
        await page.locator("#pf-ms-name").fill("Họp dân công bố")
        await page.locator("#pf-ms-due").fill("2026-07-01")
        await page.get_by_role("button", name="Thêm mốc").click()
        await expect(page.locator("ol.timeline")).to_contain_text("Họp dân công bố")
        await page.get_by_text("Mốc không có nhiệm vụ: đánh dấu hoàn thành").click()
        await expect(page.get_by_role("button", name="Đã xong: Khai trương")).to_have_count(0)
        await page.get_by_role("button", name="Đã xong: Họp dân công bố").click()
        await expect(page.locator("ol.timeline li.done")).to_contain_text("Họp dân công bố")
        await shoot(page, "projects-planned")
        await page.set_viewport_size({"width": 360, "height": 740})
        await shoot(page, "projects-planned-phone")

        found = [
            e["node"]
            for e in live_server.graphql(CREATED, {"code": WARD})["projects"]["edges"]
            if e["node"]["code"] == f"E2E-{TAG}-form"
        ]
        assert len(found) == 1
        made = found[0]
        assert (made["owner"]["fullName"], made["budgetTotal"], made["progress"]) == (
            f"Chủ Trì {TAG}",
            500_000_000,
            30,
        )
        today = today_in_vietnam().isoformat()  # the server's day
        assert made["milestones"] == [
            {"title": "Họp dân công bố", "dueOn": "2026-07-01", "doneOn": today},
            {"title": "Khai trương điểm thanh toán", "dueOn": "2026-09-01", "doneOn": None},
        ]
        tasks = {t["title"]: t for t in made["tasks"]}
        assert tasks["Lắp mã QR cho tiểu thương"]["percentDone"] == 60
        assert tasks["Lắp mã QR cho tiểu thương"]["assignee"] == {"fullName": f"Chủ Trì {TAG}"}
        assert len(tasks["Tập huấn tiểu thương"]["dependsOnIds"]) == 1
