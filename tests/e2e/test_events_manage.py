"""The office's events and campaigns (issue 14) as a commune's unit manager uses them in
a desktop browser: a training created and invited from the screens, checked in from the
check-in screen, raises ``networkKpis.trainedRate``; its score is entered and its
certificate printed from the management page. A campaign created by the province with a
goal for ward 31825 (and one for another commune, where its field log goes) shows its
progress per commune.

Everything is made here with unique names (the server and its database are shared by
every browser test, in any order): a hamlet of ward 31825 of its own, so its KPIs move
only with this test, its tech team of two, and a unit manager of the ward.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.async_api import Browser, Page, expect

from tests.e2e.conftest import ADMIN, DESKTOP, STAFF, LiveServer, sign_in
from tests.e2e.test_pwa import wait_outbox_empty

pytestmark = pytest.mark.e2e

WARD = "31825"  # Phường Bạc Liêu
VIETNAM = timedelta(hours=7)


@dataclass(frozen=True)
class Office:
    manager: tuple[str, str]
    hamlet: str
    hamlet_name: str
    members: list[dict[str, str]]
    suffix: str


def ok(data: dict[str, Any], field: str) -> dict[str, Any]:
    payload: dict[str, Any] = data[field]
    assert not payload["errors"], payload
    return payload


def letters(n: int) -> str:
    """A name part no other test uses, in letters (a search for it finds one person)."""
    return "".join(secrets.choice("bcdfghklmnpqrstvx") for _ in range(n)).title()


@pytest.fixture(scope="module")
def office(live_server: LiveServer) -> Iterator[Office]:
    """A hamlet of the ward with a tech team (two role holders and a member without a
    role), and the ward's manager."""
    suffix = letters(6)
    hamlet = f"{WARD}-EV{suffix.upper()}"
    ok(
        live_server.graphql(
            """mutation($input: CreateAdminUnitInput!) { createAdminUnit(input: $input) {
                errors { field code message } } }""",
            {
                "input": {
                    "parentCode": WARD,
                    "code": hamlet,
                    "name": f"Ấp {suffix}",
                    "kind": "HAMLET",
                }
            },
        ),
        "createAdminUnit",
    )
    team = ok(
        live_server.graphql(
            """mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) {
                organization { id } errors { field code message } } }""",
            {
                "input": {
                    "name": f"Tổ công nghệ số ấp {suffix}",
                    "kind": "COMMUNITY_TECH_TEAM",
                    "adminUnitCode": hamlet,
                }
            },
        ),
        "createOrganization",
    )["organization"]["id"]
    members = []
    for given, roles in (
        ("Thị Hoa", ["TECH_TEAM_MEMBER"]),
        ("Thị Lan", ["TECH_TEAM_MEMBER"]),
        ("Văn Minh", []),
    ):
        member = ok(
            live_server.graphql(
                """mutation($input: CreateMemberInput!) { createMember(input: $input) {
                    member { id fullName } errors { field code message } } }""",
                {
                    "input": {
                        "fullName": f"Lâm {given} {suffix}",
                        "organizationId": team,
                        "phone": "09" + "".join(secrets.choice("0123456789") for _ in range(8)),
                        "roles": roles,
                    }
                },
            ),
            "createMember",
        )["member"]
        members.append(member)
    manager = (f"e2e.quanly.{suffix.lower()}", "mat-khau-quan-ly-su-kien")
    ok(
        live_server.graphql(
            """mutation($input: CreateUserInput!) { createUser(input: $input) {
                errors { field code message } } }""",
            {
                "input": {
                    "username": manager[0],
                    "password": manager[1],
                    "displayName": f"Quản lý {suffix}",
                    "roles": ["UNIT_MANAGER"],
                    "scopeCode": WARD,
                }
            },
        ),
        "createUser",
    )
    yield Office(manager, hamlet, f"Ấp {suffix}", members, suffix)


def trained_rate(server: LiveServer, unit: str) -> float | None:
    data = server.graphql(
        "query($unit: String) { networkKpis(adminUnitCode: $unit) { totals { trainedRate } } }",
        {"unit": unit},
    )
    rate: float | None = data["networkKpis"]["totals"]["trainedRate"]
    return rate


def vietnam_input(moment: datetime) -> str:
    """A datetime-local value in Vietnam time, as a person there types it."""
    return (moment.astimezone(UTC) + VIETNAM).strftime("%Y-%m-%dT%H:%M")


async def manager_page(browser: Browser, server: LiveServer, office: Office) -> Page:
    context = await browser.new_context(viewport=DESKTOP, locale="vi-VN", service_workers="block")
    page = await context.new_page()
    await sign_in(page, server.url, office.manager)
    return page


async def test_a_training_created_and_invited_on_the_screens_is_checked_in_and_raises_trained_rate(
    live_server: LiveServer, office: Office, browser: Browser
) -> None:
    assert trained_rate(live_server, office.hamlet) == 0.0  # two role holders, none trained
    page = await manager_page(browser, live_server, office)
    try:
        await page.get_by_role("link", name="Văn phòng").click()
        await page.get_by_role("link", name="Quản lý sự kiện").click()
        await page.get_by_role("link", name="Tạo sự kiện").click()
        await expect(page.get_by_role("heading", name="Tạo sự kiện", level=1)).to_be_visible()

        title = f"Tập huấn kỹ năng số ấp {office.suffix}"
        now = datetime.now(UTC)
        await page.get_by_label("Đơn vị tổ chức").select_option(office.hamlet)
        await page.get_by_label("Tên sự kiện").fill("Ab")
        await page.get_by_label("Bắt đầu").fill(vietnam_input(now - timedelta(minutes=30)))
        await page.get_by_label("Kết thúc").fill(vietnam_input(now - timedelta(hours=1)))
        await page.get_by_label("Địa điểm").fill(f"Nhà văn hóa ấp {office.suffix}")
        await page.get_by_role("combobox", name="Cơ quan tổ chức").select_option(
            label=f"Tổ công nghệ số ấp {office.suffix}"
        )
        await page.get_by_role("button", name="Tạo sự kiện").click()
        # the API's errors, in Vietnamese, on their fields
        await expect(page.locator("#ev-title-error")).to_contain_text("3")
        await expect(page.get_by_label("Tên sự kiện")).to_have_attribute("aria-invalid", "true")
        await expect(page.locator("#ev-ends-error")).to_be_visible()
        await expect(page.get_by_label("Kết thúc")).to_have_attribute("aria-invalid", "true")

        await page.get_by_label("Tên sự kiện").fill(title)
        await page.get_by_label("Kết thúc").fill(vietnam_input(now + timedelta(hours=3)))
        await page.get_by_role("button", name="Tạo sự kiện").click()
        await expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        event_id = unquote(page.url.split("#/events/")[1].removesuffix("/manage"))

        # invite the hamlet's tech team members by role
        await expect(page.get_by_role("combobox", name="Địa bàn")).to_have_value(office.hamlet)
        await page.get_by_role("checkbox", name="Tổ viên tổ công nghệ số").check()
        await page.get_by_role("button", name="Gửi lời mời").click()
        await expect(page.locator(".invite-form [role=status]")).to_have_text(
            "Đã mời thêm 2 người (0 người đã được mời trước đó)."
        )
        # and one more by name, found without diacritics
        named = office.members[2]["fullName"]
        await page.get_by_text("Từng người").click()
        await page.get_by_label("Tìm theo tên hoặc số điện thoại").fill(
            f"lam van minh {office.suffix}"
        )
        await page.get_by_role("button", name="Tìm", exact=True).click()
        await page.get_by_role("button", name=f"Chọn {named}").click()
        await page.get_by_role("button", name="Gửi lời mời").click()
        await expect(page.locator(".invite-form [role=status]")).to_have_text(
            "Đã mời thêm 1 người (0 người đã được mời trước đó)."
        )
        answers = page.locator(".rsvp-table tbody tr")
        await expect(answers).to_have_count(3)
        await expect(answers.first).to_contain_text("Chưa trả lời")
        organizer = live_server.graphql(
            "query($id: ID!) { event(id: $id) { organizer { name } } }", {"id": event_id}
        )["event"]["organizer"]
        assert organizer == {"name": f"Tổ công nghệ số ấp {office.suffix}"}

        # check one of them in from the check-in screen, as in the field
        first = office.members[0]["fullName"]
        await page.get_by_role("link", name="Trang sự kiện").click()
        await page.get_by_role("button", name="Tải danh sách để điểm danh").click()
        await page.get_by_role("link", name="Mở điểm danh").click()
        await page.get_by_label("Tìm theo tên hoặc số điện thoại").fill(first)
        await page.get_by_role("button", name=f"Điểm danh {first}").click()
        await wait_outbox_empty(page)
        await expect(page.locator(".roster-row[data-state=attended]")).to_have_count(1)

        assert trained_rate(live_server, office.hamlet) == 0.5  # one of the two

        # the management page: who came, a score, the certificate
        await page.goto(f"{live_server.url}/#/events/{event_id}/manage")
        row = page.locator(".results.attendance tbody tr")
        await expect(row).to_have_count(1)
        await expect(row).to_contain_text(first)
        await expect(row).to_contain_text("Hoàn thành")
        await page.get_by_label(f"Điểm của {first}").fill("85")
        await page.get_by_role("button", name="Lưu điểm (1)").click()
        await expect(page.get_by_text("Đã lưu điểm.")).to_be_visible()
        certificate = page.get_by_role("link", name=f"In giấy chứng nhận của {first}")
        path = await certificate.get_attribute("href")
        assert path and path.startswith("/certificates/")
        printed = await page.request.get(f"{live_server.url}{path}")
        text = await printed.text()
        assert printed.status == 200 and first in text and title in text
        attended = live_server.graphql(
            "query($id: ID!) { eventAttendance(eventId: $id) { edges { node { score completed member { fullName } } } } }",
            {"id": event_id},
        )["eventAttendance"]["edges"]
        assert [e["node"] for e in attended] == [
            {"score": 85, "completed": True, "member": {"fullName": first}}
        ]

        # another commune's event is not this manager's, even by its address
        elsewhere = ok(
            live_server.graphql(
                """mutation($input: CreateEventInput!) { createEvent(input: $input) {
                    event { id } errors { field code message } } }""",
                {
                    "input": {
                        "kind": "TRAINING",
                        "title": f"Tập huấn xã khác {office.suffix}",
                        "adminUnitCode": "31843",
                        "startsAt": vietnam_input(now + timedelta(days=3)),
                        "endsAt": vietnam_input(now + timedelta(days=3, hours=2)),
                        "place": "UBND xã",
                    }
                },
            ),
            "createEvent",
        )["event"]["id"]
        await page.goto(f"{live_server.url}/#/events/{elsewhere}/manage")
        await expect(page.get_by_text("Không tìm thấy sự kiện này.")).to_be_visible()
        await expect(page.get_by_role("button", name="Gửi lời mời")).to_have_count(0)
    finally:
        await page.context.close()


def other_commune(server: LiveServer) -> tuple[str, str]:
    """A commune of the province other than the ward (the last by code): the log that moves
    the progress goes there, because test_field counts every log made under ward 31825."""
    units = server.graphql(
        '{ adminUnits(parentCode: "96", first: 100) { edges { node { code name kind } } } }'
    )["adminUnits"]["edges"]
    communes = sorted(
        (u["node"]["code"], u["node"]["name"])
        for u in units
        if u["node"]["kind"] in ("COMMUNE", "WARD") and u["node"]["code"] not in (WARD, "31843")
    )
    return communes[-1]


async def test_a_campaign_created_with_a_goal_for_the_ward_shows_its_progress(
    live_server: LiveServer, office: Office, browser: Browser
) -> None:
    other, other_name = other_commune(live_server)
    page = await browser.new_page(viewport=DESKTOP, locale="vi-VN", service_workers="block")
    await sign_in(page, live_server.url, ADMIN)
    try:
        await page.goto(f"{live_server.url}/#/campaigns/manage")
        await page.get_by_role("link", name="Tạo chiến dịch").click()
        title = f"Chiến dịch VNeID {office.suffix}"
        await page.get_by_label("Tên chiến dịch").fill(title)
        await expect(page.get_by_role("combobox", name="Địa bàn chiến dịch")).to_have_value("96")
        await page.get_by_label("Ngày kết thúc").fill("2020-01-01")  # before the start
        await page.get_by_label("Chỉ tiêu chung: người dân").fill("300")
        for n, (unit, people, households) in enumerate(
            ((WARD, "100", "40"), (other, "50", "20")), 1
        ):
            await page.get_by_role("button", name="Thêm đơn vị").click()
            await page.get_by_role("combobox", name=f"Đơn vị {n}").select_option(unit)
            await page.get_by_label(f"Người dân (đơn vị {n})").fill(people)
            await page.get_by_label(f"Hộ (đơn vị {n})").fill(households)
        await page.get_by_role("button", name="Tạo chiến dịch").click()
        # the API's refusal, on its field
        await expect(page.get_by_label("Ngày kết thúc")).to_have_attribute("aria-invalid", "true")
        await expect(page.locator("#cp-ends-error")).to_be_visible()

        ends = (datetime.now(UTC) + VIETNAM + timedelta(days=60)).date().isoformat()
        await page.get_by_label("Ngày kết thúc").fill(ends)
        await page.get_by_role("button", name="Tạo chiến dịch").click()
        await expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        ward = page.locator(f".progress-table tr[data-unit='{WARD}']")
        await expect(ward).to_contain_text("0 / 100")
        await expect(ward).to_contain_text("0 / 40")

        campaign_id = unquote(page.url.split("#/campaigns/")[1].removesuffix("/manage"))
        ok(
            live_server.graphql(
                """mutation($input: LogFieldActivityInput!) { logFieldActivity(input: $input) {
                    result errors { field code message } } }""",
                {
                    "input": {
                        "clientId": f"e2e-campaign-{office.suffix}",
                        "campaignId": campaign_id,
                        "adminUnitCode": other,
                        "happenedAt": datetime.now(UTC).isoformat(),
                        "kind": "DOOR_TO_DOOR",
                        "peopleReached": 25,
                        "householdsReached": 10,
                    }
                },
            ),
            "logFieldActivity",
        )
        await page.get_by_role("button", name="Cập nhật số liệu").click()
        commune = page.locator(f".progress-table tr[data-unit='{other}']")
        await expect(commune).to_contain_text("25 / 50")
        await expect(commune).to_contain_text("50 %")
        await expect(commune).to_contain_text("10 / 20")
        await expect(ward).to_contain_text("0 %")
        # furthest behind first: the ward (0 %) above the other commune (50 %)
        await expect(page.locator(".progress-table tbody th")).to_have_text(
            [
                "Phường Bạc Liêu",
                other_name,
            ]
        )
        progress = live_server.graphql(
            """query($id: ID!) { campaignProgress(campaignId: $id) {
                totals { peopleReached goalPeople }
                communes { adminUnit { code } peopleReached goalPeople peopleRate } } }""",
            {"id": campaign_id},
        )["campaignProgress"]
        assert progress["totals"] == {"peopleReached": 25, "goalPeople": 300}
        by_commune = {
            r["adminUnit"]["code"]: (r["peopleReached"], r["goalPeople"], r["peopleRate"])
            for r in progress["communes"]
        }
        assert by_commune == {WARD: (0, 100, 0.0), other: (25, 50, 0.5)}
    finally:
        await page.context.close()


async def test_field_staff_are_told_the_office_screens_are_not_theirs(
    live_server: LiveServer, browser: Browser
) -> None:
    page = await browser.new_page(viewport=DESKTOP, locale="vi-VN", service_workers="block")
    await sign_in(page, live_server.url, STAFF)
    try:
        for route in ("events/manage", "events/manage/new", "campaigns/manage/new"):
            await page.goto(f"{live_server.url}/#/{route}")
            await expect(
                page.get_by_text(
                    "Màn hình này dành cho quản trị tỉnh và cán bộ quản lý xã, phường."
                )
            ).to_be_visible()
            await expect(page.get_by_role("link", name="Tạo sự kiện")).to_have_count(0)
            await expect(page.get_by_role("textbox")).to_have_count(0)
        await expect(page.get_by_role("link", name="Văn phòng")).to_have_count(0)
    finally:
        await page.context.close()
