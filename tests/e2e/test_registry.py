"""The registry and import screens (issue 14) in the browser: an export edited in Excel
and imported back through the import screen updates one member (the defect was
"duplicate phone" on every row), and a unit manager sees only their commune."""

from __future__ import annotations

import base64
import io
import random
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from playwright.async_api import Browser, Page, expect

from tests.e2e.conftest import ADMIN, DESKTOP, LiveServer, sign_in, signed_in

pytestmark = pytest.mark.e2e

MANAGER_UNIT = "31825"  # Phường Bạc Liêu
OTHER_UNIT = "31843"  # Xã Hồng Dân
POSITION = "Chức vụ"

CREATE_UNIT = """mutation($i: CreateAdminUnitInput!) { createAdminUnit(input: $i) {
  adminUnit { code } errors { field code message } } }"""
CREATE_ORGANIZATION = """mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
  organization { id } errors { field code message } } }"""
CREATE_MEMBER = """mutation($i: CreateMemberInput!) { createMember(input: $i) {
  member { id } errors { field code message } } }"""
CREATE_USER = """mutation($i: CreateUserInput!) { createUser(input: $i) {
  user { id } errors { field code message } } }"""
MEMBERS = """query($code: String!) { members(adminUnitCode: $code, first: 50) {
  totalCount edges { node { id fullName position } } } }"""
AUDIT = """query($id: ID!) { auditLog(objectId: $id, first: 10) { edges { node {
  action fieldsChanged actorId } } } }"""
ACTOR = "query($id: ID!) { node(id: $id) { ... on User { username displayName } } }"


@dataclass
class Place:
    suffix: str
    hamlet: str  # a residential group of ward 31825, holding only this file's members
    members: dict[str, str]  # full name -> global id
    outsider: str  # a member of commune 31843, outside the manager's scope
    outsider_name: str


def ok(payload: dict[str, object]) -> dict[str, object]:
    assert payload["errors"] == [], payload
    return payload


def phone() -> str:
    return f"0912{random.randrange(10**6):06d}"


def pk(global_id: str) -> int:
    """The database id inside a global id (what the export's id column holds)."""
    return int(base64.b64decode(global_id).decode().split(":")[1])


@pytest.fixture(scope="module")
def place(live_server: LiveServer) -> Place:
    suffix = uuid.uuid4().hex[:6].upper()
    unit = ok(
        live_server.graphql(
            CREATE_UNIT,
            {
                "i": {
                    "parentCode": MANAGER_UNIT,
                    "code": f"{MANAGER_UNIT}-E2E{suffix}",
                    "name": f"Khóm E2E {suffix}",
                    "kind": "RESIDENTIAL_GROUP",
                }
            },
        )["createAdminUnit"]
    )
    hamlet = str(unit["adminUnit"]["code"])  # type: ignore[index]

    def organization(name: str, code: str) -> str:
        created = live_server.graphql(
            CREATE_ORGANIZATION,
            {"i": {"name": name, "kind": "COMMUNITY_TECH_TEAM", "adminUnitCode": code}},
        )["createOrganization"]
        return str(ok(created)["organization"]["id"])  # type: ignore[index]

    def member(name: str, organization_id: str, position: str) -> str:
        created = live_server.graphql(
            CREATE_MEMBER,
            {
                "i": {
                    "fullName": name,
                    "organizationId": organization_id,
                    "phone": phone(),
                    "position": position,
                    "itQualification": "BASIC_DIGITAL_SKILLS",
                    "roles": ["TECH_TEAM_MEMBER"],
                }
            },
        )["createMember"]
        return str(ok(created)["member"]["id"])  # type: ignore[index]

    team = organization(f"Tổ công nghệ số E2E {suffix}", hamlet)
    names = [f"Trần Văn Nhập {suffix}", f"Lê Thị Xuất {suffix}", f"Phạm Văn Giữ {suffix}"]
    members = {name: member(name, team, "Tổ viên") for name in names}
    outsider_name = f"Võ Thị Ngoài {suffix}"
    outsider = member(outsider_name, organization(f"Tổ CNS Hồng Dân {suffix}", OTHER_UNIT), "")
    return Place(suffix, hamlet, members, outsider, outsider_name)


@pytest.fixture(scope="module")
def manager(live_server: LiveServer, place: Place) -> tuple[str, str]:
    login = (f"e2e.quanly.{place.suffix.lower()}", "mat-khau-quan-ly-e2e")
    created = live_server.graphql(
        CREATE_USER,
        {
            "i": {
                "username": login[0],
                "password": login[1],
                "displayName": "Quản lý phường E2E",
                "roles": ["UNIT_MANAGER"],
                "scopeCode": MANAGER_UNIT,
            }
        },
    )["createUser"]
    ok(created)
    return login


@pytest.fixture
async def admin_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    async with signed_in(browser, live_server.url, ADMIN) as page:
        yield page


async def test_an_edited_export_imported_through_the_screen_updates_one_member(
    admin_page: Page, live_server: LiveServer, place: Place, tmp_path: Path
) -> None:
    page = admin_page
    target = place.members[f"Lê Thị Xuất {place.suffix}"]
    # Given the members export of the hamlet (the list screen links to the same route)
    await page.goto(f"{live_server.url}/#/registry/members")
    export = page.get_by_role("link", name="Xuất Excel")
    assert await export.get_attribute("href") == "/exports/members.xlsx"
    response = await page.request.get(
        f"{live_server.url}/exports/members.xlsx?adminUnitCode={place.hamlet}"
    )
    assert response.ok, await response.text()
    workbook = load_workbook(io.BytesIO(await response.body()))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[0] == "Mã thành viên"
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {pk(i) for i in place.members.values()}
    # ... with one position changed in Excel
    rows[pk(target)][headers.index(POSITION)].value = "Tổ phó tổ công nghệ số"
    edited = tmp_path / "thanh-vien.xlsx"
    workbook.save(edited)

    # When it is picked on the import screen: the dry run shows one update
    await page.goto(f"{live_server.url}/#/registry/import")
    await page.locator("#import-file").set_input_files(str(edited))
    await expect(page.get_by_role("heading", name="Kết quả kiểm tra thử")).to_be_visible()
    summary = page.locator(".import-summary")
    await expect(summary.locator("div", has_text="Cập nhật").locator("dd")).to_have_text("1")
    await expect(summary.locator("div", has_text="Không đổi").locator("dd")).to_have_text("2")
    await expect(summary.locator("div", has_text="Có lỗi").locator("dd")).to_have_text("0")
    table_rows = page.locator(".import-table tbody tr")
    await expect(table_rows).to_have_count(1)
    await expect(table_rows.first.locator("td.cell-changed")).to_contain_text(
        "Tổ phó tổ công nghệ số"
    )
    await expect(table_rows.first).to_contain_text(f"Lê Thị Xuất {place.suffix}")
    # ... and committing writes it
    await page.get_by_role("button", name="Ghi 1 dòng").click()
    await expect(page.get_by_role("status")).to_have_text("Đã thêm 0 và cập nhật 1 bản ghi.")

    # Then one member changed, nobody was duplicated, and the audit log names the admin
    listed = live_server.graphql(MEMBERS, {"code": place.hamlet})["members"]
    assert listed["totalCount"] == 3
    positions = {e["node"]["id"]: e["node"]["position"] for e in listed["edges"]}
    assert positions == {
        member_id: "Tổ phó tổ công nghệ số" if member_id == target else "Tổ viên"
        for member_id in place.members.values()
    }
    events = live_server.graphql(AUDIT, {"id": target})["auditLog"]["edges"]
    updates = [e["node"] for e in events if e["node"]["action"] == "member.update"]
    assert [u["fieldsChanged"] for u in updates] == [["position"]]
    actor = live_server.graphql(ACTOR, {"id": updates[0]["actorId"]})["node"]
    assert (actor["username"], actor["displayName"]) == (ADMIN[0], "Quản trị E2E")


async def test_a_unit_manager_sees_only_their_commune_and_not_another_by_url(
    browser: Browser, live_server: LiveServer, place: Place, manager: tuple[str, str]
) -> None:
    context = await browser.new_context(viewport=DESKTOP, locale="vi-VN", service_workers="block")
    page = await context.new_page()
    try:
        await sign_in(page, live_server.url, manager)
        await page.goto(f"{live_server.url}/#/registry/members")
        # the unit filter offers their ward and the units below it, no other commune
        unit_options = page.locator("#member-filter-unit option")
        await expect(unit_options.nth(2)).to_be_attached()  # the ward's own units came
        values = [await o.get_attribute("value") for o in await unit_options.all()]
        assert values[:2] == ["", MANAGER_UNIT]
        assert place.hamlet in values
        assert all(v.startswith(MANAGER_UNIT) for v in values[1:] if v is not None), values
        await page.get_by_label("Tìm theo tên").fill(place.suffix.lower())
        names = page.locator(".reg-list .reg-name")
        await expect(names).to_have_count(3)
        assert sorted(await names.all_inner_texts()) == sorted(place.members)
        await expect(page.get_by_text("Tìm thấy 3")).to_be_visible()
        # the role filter narrows the list: none of them trains, all are tech team members
        role = page.locator("#member-filter-role")
        await role.select_option("TRAINER")
        await expect(names).to_have_count(0)
        await role.select_option("TECH_TEAM_MEMBER")
        await expect(names).to_have_count(3)

        # a member of another commune, opened by address, is not found
        await page.goto(f"{live_server.url}/#/registry/members/{place.outsider}")
        await expect(page.get_by_role("heading", name="Không tìm thấy thành viên")).to_be_visible()
        await expect(page.get_by_text(place.outsider_name)).to_have_count(0)
        # while a member of their ward opens, with personal data and the logging note
        mine = place.members[f"Trần Văn Nhập {place.suffix}"]
        await page.goto(f"{live_server.url}/#/registry/members/{mine}")
        await expect(
            page.get_by_role("heading", name=f"Trần Văn Nhập {place.suffix}")
        ).to_be_visible()
        await expect(page.get_by_text("được ghi vào nhật ký truy cập")).to_be_visible()
    finally:
        await context.close()
