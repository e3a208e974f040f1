"""Browser tests of the office made one product (issues 13-14): on the accounts screen a
province admin links an account to its person in the registry, found by a name typed
without diacritics, both when creating the account and on an existing one (what the
committee's automatic recusal needs); on a phone the header keeps its links to one row
and marks "Office" on an office sub-page.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page, ViewportSize, expect

from tests.e2e.conftest import ADMIN, LiveServer, shoot, signed_in

pytestmark = pytest.mark.e2e

PHONE: ViewportSize = {"width": 360, "height": 740}
USER_FIELDS = "username member { fullName }"


@pytest.fixture
async def admin_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    async with signed_in(browser, live_server.url, ADMIN) as page:
        yield page


def registry_member(live_server: LiveServer, tag: str) -> str:
    """A member 'Võ Thị Liên Kết <tag>' of a new organisation of the province; their name."""
    org = live_server.graphql(
        "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {"
        " organization { id } errors { code } } }",
        {
            "i": {
                "name": f"Sở Liên Kết {tag}",
                "kind": "PROVINCIAL_DEPARTMENT",
                "adminUnitCode": "96",
            }
        },
    )["createOrganization"]
    assert not org["errors"], org
    name = f"Võ Thị Liên Kết {tag}"
    member = live_server.graphql(
        "mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } errors { code } } }",
        {
            "i": {
                "fullName": name,
                "organizationId": org["organization"]["id"],
                "phone": f"09{uuid.uuid4().int % 10**8:08d}",
                "itQualification": "NONE",
                "roles": ["MEMBER"],
            }
        },
    )["createMember"]
    assert not member["errors"], member
    return name


def account(live_server: LiveServer, username: str) -> dict[str, object]:
    found = live_server.graphql(
        f"query($s: String) {{ users(search: $s, first: 5) {{ edges {{ node {{ {USER_FIELDS} }} }} }} }}",
        {"s": username},
    )["users"]["edges"]
    return next(e["node"] for e in found if e["node"]["username"] == username)


async def test_an_account_is_linked_to_its_registry_member_from_the_screen(
    admin_page: Page, live_server: LiveServer
) -> None:
    page = admin_page
    tag = uuid.uuid4().hex[:6]
    name = registry_member(live_server, tag)
    username = f"e2e.hoidong.{tag}"

    # created with its member, found by a name typed without diacritics
    await page.goto(f"{live_server.url}/#/admin/users")
    await page.get_by_role("button", name="Tạo tài khoản").click()
    await page.locator("#user-username").fill(username)
    await page.get_by_label("Họ và tên").fill(f"Hội đồng {tag}")
    await page.get_by_label("Mật khẩu ban đầu").fill("mat-khau-hoi-dong-e2e")
    await page.get_by_label("Tìm người này trong sổ thành viên").fill(f"vo thi lien ket {tag}")
    picker = page.locator("#user-member")
    await expect(picker.locator("option", has_text=name)).to_have_count(1)
    await picker.select_option(label=f"{name} · Sở Liên Kết {tag}")
    await page.get_by_role("button", name="Tạo tài khoản", exact=True).last.click()
    await expect(page.get_by_text(f"Đã tạo tài khoản {username}.")).to_be_visible()
    card = page.locator("article.account", has_text=username)
    await expect(card).to_contain_text(f"Hồ sơ thành viên: {name}")
    assert account(live_server, username)["member"] == {"fullName": name}

    # unlinked on the account's card, then linked again
    await card.get_by_role("button", name=f"Liên kết thành viên: Hội đồng {tag}").click()
    await card.locator("select").select_option("")
    await card.get_by_role("button", name="Lưu liên kết").click()
    await expect(
        page.get_by_text(f"Đã bỏ liên kết hồ sơ thành viên của Hội đồng {tag}.")
    ).to_be_visible()
    await expect(card).to_contain_text("Chưa liên kết hồ sơ thành viên")
    assert account(live_server, username)["member"] is None

    await card.get_by_role("button", name=f"Liên kết thành viên: Hội đồng {tag}").click()
    await card.get_by_label("Tìm người này trong sổ thành viên").fill(f"lien ket {tag}")
    await expect(card.locator("select").locator("option", has_text=name)).to_have_count(1)
    await card.locator("select").select_option(label=f"{name} · Sở Liên Kết {tag}")
    await shoot(page, "admin-user-link-member")
    await card.get_by_role("button", name="Lưu liên kết").click()
    await expect(page.get_by_text(f"Đã liên kết Hội đồng {tag} với hồ sơ {name}.")).to_be_visible()
    assert account(live_server, username)["member"] == {"fullName": name}


async def test_the_phone_header_is_one_row_of_links_with_office_marked(
    admin_page: Page, live_server: LiveServer
) -> None:
    page = admin_page
    await page.set_viewport_size(PHONE)
    await page.goto(f"{live_server.url}/#/registry/members")
    await expect(page.get_by_role("heading", level=1)).to_be_visible()
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    office = nav.get_by_role("link", name="Văn phòng")
    await expect(office).to_have_attribute("aria-current", "page")
    await expect(office).to_be_in_viewport()
    # the home has no current link: the row starts at its beginning again
    await page.goto(f"{live_server.url}/#/")
    await expect(nav.get_by_role("link", name="Sự kiện")).to_be_in_viewport()
    tops = await nav.locator("a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect().top)"
    )
    assert len(tops) >= 6 and len(set(tops)) == 1, tops


async def test_the_import_screen_offers_the_current_registry_to_start_from(
    admin_page: Page, live_server: LiveServer
) -> None:
    page = admin_page
    await page.goto(f"{live_server.url}/#/registry/import")
    link = page.get_by_role("link", name="tải danh sách thành viên (.xlsx)")
    async with page.expect_download() as waiting:
        await link.click()
    download = await waiting.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = await download.path()
    assert saved.read_bytes()[:2] == b"PK"  # a zip: the XLSX the import screen takes back
