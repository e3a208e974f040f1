"""Browser tests of the KPI dashboard (issue 14): a unit manager sees only their ward and
is refused another commune's dashboard opened by URL; the province admin drills down
province → ward → hamlet and back by the breadcrumbs, and every figure in the table
(and in the XLSX export) equals ``networkKpis`` for that unit, asked of the API.

The live server starts with the bare province tree (conftest.py): this module loads the
national platform catalogue as `dxnet seed` does (no API creates platforms), then adds a
hamlet below ward 31825, organisations, members, a qualified focal point and platform
adoption through GraphQL, so the figures compared are not all zero.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
from playwright.async_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.e2e.conftest import ADMIN, DESKTOP, ROOT, STAFF_UNIT, LiveServer, shoot, sign_in

pytestmark = pytest.mark.e2e

PHONE: ViewportSize = {"width": 360, "height": 740}
WARD, WARD_NAME = STAFF_UNIT, "Phường Bạc Liêu"
OTHER_COMMUNE = "31843"  # Xã Hồng Dân
PROVINCE_NAME = "Tỉnh Cà Mau"
PASSWORD = "mat-khau-quan-ly-dashboard-e2e"
_phones = itertools.count(1)
_PLATFORMS = """
import asyncio, sys
from tortoise import Tortoise
from api.db import tortoise_config
from network.seed import seed_platforms

async def main(url):
    await Tortoise.init(config=tortoise_config(url))
    try:
        await seed_platforms()
    finally:
        await Tortoise.close_connections()

asyncio.run(main(sys.argv[1]))
"""

UNIT_KPIS = """adminUnit { code name } organizations members focalPointRequired
    focalPointQualified focalPointRate membersOnAllCorePlatforms platformAdoptionRate trainedRate
    dxRoleMembers trainedMembers"""
KPIS = f"""query($code: String) {{ networkKpis(adminUnitCode: $code) {{
    totals {{ {UNIT_KPIS} }} children {{ {UNIT_KPIS} }} }} }}"""
# the table's figure columns, in order (pwa/src/screens/office/dashboard/table.ts)
FIGURES = (
    "organizations",
    "members",
    "focalPointRequired",
    "focalPointQualified",
    "focalPointRate",
    "membersOnAllCorePlatforms",
    "platformAdoptionRate",
    "dxRoleMembers",
    "trainedMembers",
    "trainedRate",
)
RATES = {"focalPointRate", "platformAdoptionRate", "trainedRate"}


@dataclass(frozen=True)
class Seeded:
    manager: tuple[str, str]
    hamlet_code: str
    hamlet_name: str


def ok(data: dict[str, Any], field: str) -> dict[str, Any]:
    payload: dict[str, Any] = data[field]
    assert not payload.get("errors"), payload
    return payload


def phone() -> str:
    return f"09{uuid.uuid4().int % 10**4:04d}{next(_phones):04d}"


@pytest.fixture(scope="module")
def seeded(live_server: LiveServer) -> Seeded:
    """A unit manager of the ward, a hamlet below it, and a registry with some figures."""
    gql = live_server.graphql
    url = f"sqlite://{live_server.database}?journal_mode=WAL&busy_timeout=5000&foreign_keys=ON"
    subprocess.run([sys.executable, "-c", _PLATFORMS, url], cwd=ROOT, check=True)
    tag = uuid.uuid4().hex[:6]
    manager = (f"e2e.dash.{tag}", PASSWORD)
    ok(
        gql(
            "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } errors { code } } }",
            {
                "i": {
                    "username": manager[0],
                    "password": PASSWORD,
                    "displayName": "Quản lý bảng chỉ số",
                    "roles": ["UNIT_MANAGER"],
                    "scopeCode": WARD,
                }
            },
        ),
        "createUser",
    )
    hamlet_code, hamlet_name = f"{WARD}-dash-{tag}", f"Khóm Bảng Chỉ Số {tag}"
    ok(
        gql(
            "mutation($i: CreateAdminUnitInput!) { createAdminUnit(input: $i) { adminUnit { code } errors { code } } }",
            {"i": {"parentCode": WARD, "code": hamlet_code, "name": hamlet_name, "kind": "HAMLET"}},
        ),
        "createAdminUnit",
    )

    def organization(name: str, kind: str, unit: str) -> str:
        created = ok(
            gql(
                "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } errors { code } } }",
                {"i": {"name": f"{name} {tag}", "kind": kind, "adminUnitCode": unit}},
            ),
            "createOrganization",
        )
        return str(created["organization"]["id"])

    def member(name: str, org: str, qualification: str, roles: Sequence[str]) -> str:
        created = ok(
            gql(
                "mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } errors { code } } }",
                {
                    "i": {
                        "fullName": f"{name} {tag}",
                        "organizationId": org,
                        "phone": phone(),
                        "itQualification": qualification,
                        "roles": list(roles),
                    }
                },
            ),
            "createMember",
        )
        return str(created["member"]["id"])

    committee = organization("UBND thử nghiệm", "PEOPLES_COMMITTEE", WARD)
    organization("UBND chưa có đầu mối", "PEOPLES_COMMITTEE", OTHER_COMMUNE)
    team = organization("Tổ công nghệ số cộng đồng", "COMMUNITY_TECH_TEAM", hamlet_code)
    focal = member("Lê Văn Đầu Mối", committee, "IT_VOCATIONAL", ["FOCAL_POINT"])
    ok(
        gql(
            "mutation($i: DesignateFocalPointInput!) { designateFocalPoint(input: $i) { errors { code } } }",
            {"i": {"organizationId": committee, "memberId": focal}},
        ),
        "designateFocalPoint",
    )
    adopter = member("Trần Thị Tổ Viên", team, "NONE", ["TECH_TEAM_MEMBER"])
    member("Nguyễn Văn Tổ Viên", team, "NONE", ["TECH_TEAM_MEMBER"])
    core = [p["code"] for p in gql("{ platforms { code isCore } }")["platforms"] if p["isCore"]]
    assert core, "the platform catalogue is empty"
    for code in core:
        ok(
            gql(
                "mutation($i: RecordPlatformAdoptionInput!) { recordPlatformAdoption(input: $i) { errors { code } } }",
                {"i": {"memberId": adopter, "platformCode": code, "status": "ACTIVE_USE"}},
            ),
            "recordPlatformAdoption",
        )
    return Seeded(manager, hamlet_code, hamlet_name)


@pytest.fixture
async def desktop(browser: Browser) -> AsyncIterator[BrowserContext]:
    ctx = await browser.new_context(
        viewport=DESKTOP, locale="vi-VN", service_workers="block", accept_downloads=True
    )
    try:
        yield ctx
    finally:
        await ctx.close()


@pytest.fixture
async def phone_context(browser: Browser) -> AsyncIterator[BrowserContext]:
    ctx = await browser.new_context(viewport=PHONE, locale="vi-VN", service_workers="block")
    try:
        yield ctx
    finally:
        await ctx.close()


def kpis(server: LiveServer, code: str) -> dict[str, Any]:
    data: dict[str, Any] = server.graphql(KPIS, {"code": code})["networkKpis"]
    return data


def parse_vi(text: str) -> float | None:
    """A figure as the Vietnamese table writes it: '3.691' → 3691, '74,4 %' → 74.4, '—' → None."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if text == "—":
        return None
    number = text.rstrip("%").strip().replace(".", "").replace(",", ".")
    return float(number)


async def table_rows(page: Page) -> list[list[str]]:
    rows: list[list[str]] = await page.evaluate(
        """() => [...document.querySelectorAll('table.kpi-table tbody tr, table.kpi-table tfoot tr')]
            .map((tr) => [...tr.cells].map((cell) => cell.textContent.trim()))"""
    )
    return rows


def assert_row_matches(cells: Sequence[str], unit: dict[str, Any]) -> None:
    assert len(cells) == 1 + len(FIGURES), cells
    for text, field in zip(cells[1:], FIGURES, strict=True):
        shown, expected = parse_vi(text), unit[field]
        where = f"{unit['adminUnit']['name']} {field}: shown {text!r}, networkKpis {expected!r}"
        if expected is None or shown is None:
            assert shown is None and expected is None, where
        elif field in RATES:
            assert abs(shown - 100 * expected) <= 0.05 + 1e-9, where
        else:
            assert shown == expected, where


async def assert_dashboard_matches(page: Page, server: LiveServer, code: str) -> dict[str, Any]:
    """The screen shows ``code``'s dashboard and its table equals networkKpis(code)."""
    expected = kpis(server, code)
    name = expected["totals"]["adminUnit"]["name"]
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Bảng chỉ số: {name}")
    assert page.url.endswith(f"#/dashboard/{code}") or page.url.endswith("#/dashboard")
    rows = await table_rows(page)
    assert [r[0] for r in rows] == [c["adminUnit"]["name"] for c in expected["children"]] + [
        f"Tổng: {name}"
    ]
    for cells, unit in zip(rows, [*expected["children"], expected["totals"]], strict=True):
        assert_row_matches(cells, unit)
    return expected


async def test_unit_manager_sees_only_their_ward(
    live_server: LiveServer, seeded: Seeded, phone_context: BrowserContext
) -> None:
    page = await phone_context.new_page()
    await sign_in(page, live_server.url, seeded.manager)
    await page.goto(f"{live_server.url}/#/office")
    await page.get_by_role("link", name="Bảng chỉ số").click()

    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Bảng chỉ số: {WARD_NAME}")
    # the ward is the top of their tree: no way up to the province
    assert (
        await page.get_by_role("navigation", name="Vị trí trong cây đơn vị hành chính").count() == 0
    )
    await expect(
        page.locator(".kpi-bars").get_by_role("link", name=seeded.hamlet_name)
    ).to_be_visible()
    ward = kpis(live_server, WARD)["totals"]
    assert ward["members"] >= 3 and ward["focalPointQualified"] >= 1
    rows = await table_rows(page)
    assert rows[-1][0] == f"Tổng: {WARD_NAME}"
    assert_row_matches(rows[-1], ward)
    # the ward's DX projects and expert support, from projectPortfolio and supportFigures
    projects = page.get_by_role("region", name="Dự án chuyển đổi số")
    await expect(projects).to_contain_text("Trễ hạn")
    support = page.get_by_role("region", name="Hỗ trợ chuyên gia")
    await expect(support).to_contain_text("Yêu cầu đã được hỗ trợ")
    await projects.scroll_into_view_if_needed()
    await shoot(page, "dashboard-dx")

    for code in (OTHER_COMMUNE, "96"):
        await page.goto(f"{live_server.url}/#/dashboard/{code}")
        await expect(page.get_by_role("heading", level=1)).to_have_text(
            "Không xem được bảng chỉ số này"
        )
        await expect(page.get_by_role("alert")).to_contain_text(f"“{code}” nằm ngoài phạm vi")
        assert await page.locator("table").count() == 0
        assert await page.get_by_text("Xã Hồng Dân").count() == 0
    await page.get_by_role("link", name=f"Về bảng chỉ số của {WARD_NAME}").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Bảng chỉ số: {WARD_NAME}")


async def test_province_admin_drills_down_and_back_with_the_api_figures(
    live_server: LiveServer, seeded: Seeded, desktop: BrowserContext, tmp_path: Path
) -> None:
    page = await desktop.new_page()
    await sign_in(page, live_server.url, ADMIN)
    await page.goto(f"{live_server.url}/#/dashboard")
    province = await assert_dashboard_matches(page, live_server, "96")
    assert len(province["children"]) > 60
    # the leaderboard of the communes, from the shared component
    await expect(page.locator(".board-table")).to_contain_text(WARD_NAME)

    # province → ward, from its bar
    await page.locator(".kpi-bars").get_by_role("link", name=WARD_NAME, exact=True).click()
    await page.wait_for_url(re.compile(rf"#/dashboard/{WARD}$"))
    ward = await assert_dashboard_matches(page, live_server, WARD)
    assert ward["totals"]["focalPointQualified"] >= 1
    assert ward["totals"]["membersOnAllCorePlatforms"] >= 1

    # the ward's table as XLSX: the same figures, rates as fractions
    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="Xuất Excel (XLSX)").click()
    download = await download_info.value
    assert re.fullmatch(
        rf"chi-so-{WARD}-\d{{4}}-\d{{2}}-\d{{2}}\.xlsx", download.suggested_filename
    )
    saved = tmp_path / download.suggested_filename
    await download.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][:2] == ["Đơn vị", "Mã đơn vị"]
    expected_rows = [*ward["children"], ward["totals"]]
    assert len(values) == 1 + len(expected_rows)
    for row, unit in zip(values[1:], expected_rows, strict=True):
        assert row[1] == unit["adminUnit"]["code"]
        assert row[2:] == [unit[field] for field in FIGURES]

    # ward → hamlet, from the table
    await page.locator("table.kpi-table").get_by_role("link", name=seeded.hamlet_name).click()
    await page.wait_for_url(re.compile(rf"#/dashboard/{re.escape(seeded.hamlet_code)}$"))
    hamlet = await assert_dashboard_matches(page, live_server, seeded.hamlet_code)
    assert hamlet["children"] == [] and hamlet["totals"]["members"] == 2
    await expect(page.get_by_text("Đơn vị này không có đơn vị trực thuộc.")).to_be_visible()

    # and back up by the breadcrumbs
    crumbs = page.get_by_role("navigation", name="Vị trí trong cây đơn vị hành chính")
    await crumbs.get_by_role("link", name=WARD_NAME).click()
    await assert_dashboard_matches(page, live_server, WARD)
    await crumbs.get_by_role("link", name=PROVINCE_NAME).click()
    await assert_dashboard_matches(page, live_server, "96")


async def test_field_staff_are_told_the_dashboard_is_not_theirs(
    live_server: LiveServer, phone_context: BrowserContext
) -> None:
    page = await phone_context.new_page()
    await sign_in(page, live_server.url)  # FIELD_STAFF of the ward
    await page.goto(f"{live_server.url}/#/dashboard")

    await expect(page.get_by_role("alert")).to_have_text(
        "Bảng chỉ số dành cho quản lý đơn vị và quản trị viên tỉnh."
    )
    assert await page.locator("table").count() == 0
