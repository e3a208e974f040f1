"""Browser tests of the account screens (issue 14, `#/admin/…`), as a province admin on
a desktop: an API key issued on the screen (its secret read off the page, where it is
shown once) reads the API as a partner would and is refused once revoked on the screen;
an account created on the screen signs in; the audit screen names the admin for each.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.e2e.conftest import ADMIN, LiveServer, shoot, signed_in

pytestmark = pytest.mark.e2e

PARTNER_QUERY = "{ organizations(first: 1) { totalCount } }"


@pytest.fixture
async def admin_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    async with signed_in(browser, live_server.url, ADMIN) as page:
        yield page


async def post(live_server: LiveServer, body: dict[str, Any], **headers: str) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as http:
        reply = await http.post(f"{live_server.url}/graphql", json=body, headers=headers)
    answer: dict[str, Any] = reply.json()
    return answer


async def as_partner(live_server: LiveServer, key: str) -> dict[str, Any]:
    """A partner's server calling the API with its key (README, "GraphQL for partners")."""
    return await post(live_server, {"query": PARTNER_QUERY}, Authorization=f"Bearer {key}")


async def test_a_key_issued_on_the_screen_reads_until_revoked_on_the_screen(
    admin_page: Page, live_server: LiveServer
) -> None:
    page = admin_page
    name = f"Cổng đối tác {uuid.uuid4().hex[:6]}"
    await page.goto(f"{live_server.url}/#/admin/api-keys")
    await page.get_by_role("button", name="Cấp khóa mới").click()
    await page.get_by_label("Tên đối tác hoặc ứng dụng").fill(name)
    await page.get_by_role("button", name="Cấp khóa", exact=True).click()

    await expect(page.get_by_text("Bạn sẽ không xem lại được khóa này")).to_be_visible()
    secret = await page.locator("#api-key-secret").input_value()
    await shoot(page, "admin-api-key-secret")
    assert secret.startswith("dxn_")
    reading = await as_partner(live_server, secret)
    assert "errors" not in reading, reading
    assert reading["data"]["organizations"]["totalCount"] >= 0

    await page.get_by_role("button", name="Tôi đã lưu khóa").click()
    await expect(page.locator("#api-key-secret")).to_have_count(0)
    card = page.locator(f'[data-key-name="{name}"]')
    await expect(card).to_contain_text("Tỉnh Cà Mau")
    await card.get_by_role("button", name="Thu hồi khóa").click()
    await page.locator("dialog").get_by_role("button", name="Thu hồi khóa").click()
    await expect(page.get_by_text(f"Đã thu hồi khóa “{name}”.")).to_be_visible()
    await expect(card).to_contain_text("Đã thu hồi lúc")
    await shoot(page, "admin-api-keys")

    refused = await as_partner(live_server, secret)
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    # the audit screen names the admin for both, and the key by its name
    await page.goto(f"{live_server.url}/#/admin/audit")
    await page.locator("#audit-type").select_option("ApiKey")
    await page.get_by_role("button", name="Lọc", exact=True).click()
    for action in ("api_key.revoke", "api_key.create"):
        row = page.locator(".audit-row", has_text=name).filter(has_text=action)
        await expect(row).to_contain_text("Quản trị E2E")


async def test_an_account_created_on_the_screen_signs_in_and_the_audit_names_the_admin(
    admin_page: Page, live_server: LiveServer
) -> None:
    page = admin_page
    suffix = uuid.uuid4().hex[:6]
    username, display_name = f"canbo.{suffix}", f"Cán bộ Thử {suffix}"
    password = "mat-khau-moi-" + suffix
    await page.goto(f"{live_server.url}/#/admin/users")
    await page.get_by_role("button", name="Tạo tài khoản").click()
    # a refused form shows the server's reasons on the fields
    await page.get_by_role("button", name="Tạo tài khoản").click()
    await expect(page.locator("#user-password-error")).to_contain_text("ít nhất 10 ký tự")
    await page.get_by_role("textbox", name="Tên đăng nhập").fill(username)
    await page.get_by_label("Họ và tên").fill(display_name)
    await page.get_by_label("Mật khẩu ban đầu").fill(password)
    await page.locator("#user-scope").select_option("31825")
    await page.get_by_role("button", name="Tạo tài khoản").click()
    await expect(page.get_by_text(f"Đã tạo tài khoản {username}.")).to_be_visible()
    await expect(page.locator(".account", has_text=display_name)).to_contain_text("Phường Bạc Liêu")
    await shoot(page, "admin-users")

    login = await post(
        live_server,
        {
            "query": "mutation($i: LoginInput!) { login(input: $i) { viewer { username scope { code } } errors { code } } }",
            "variables": {"i": {"username": username, "password": password}},
        },
    )
    signed_in = login["data"]["login"]
    assert signed_in == {"viewer": {"username": username, "scope": {"code": "31825"}}, "errors": []}

    await page.goto(f"{live_server.url}/#/admin/audit")
    await page.locator("#audit-action").select_option("user.create")
    await page.locator("#audit-type").select_option("User")
    await page.get_by_role("button", name="Lọc", exact=True).click()
    row = page.locator(".audit-row", has_text=display_name)
    await expect(row).to_contain_text("Quản trị E2E")
    await expect(row).to_contain_text(f"({ADMIN[0]})")
    await expect(row).to_contain_text("user.create")
    await shoot(page, "admin-audit")
