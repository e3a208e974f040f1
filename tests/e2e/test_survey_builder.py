"""The office's survey builder and results (issue 14), in chromium against a live server:
a survey built on the screens with a relevance rule and a constraint is published,
answered in the field screen, and shows in the results and in the export."""

from __future__ import annotations

import asyncio
import re
import uuid
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from network.spreadsheets import read_sheet
from tests.e2e.conftest import ADMIN, LiveServer, new_context, sign_in

pytestmark = pytest.mark.e2e

DESKTOP: Any = {"width": 1280, "height": 800}
SURVEY_ID = re.compile(r"#/surveys/([^/]+)/edit$")
APPS_COLUMN = "Số ứng dụng dịch vụ công đã dùng [apps]"


async def desktop(browser: Browser) -> BrowserContext:
    return await browser.new_context(viewport=DESKTOP, locale="vi-VN", service_workers="block")


async def add_question(page: Page, kind: str) -> None:
    await page.get_by_label("Loại câu hỏi mới ở trang 1").select_option(label=kind)
    await page.get_by_role("button", name="Thêm câu hỏi vào trang 1").click()


async def build_and_publish(page: Page, base_url: str, title: str) -> str:
    """Build the survey on the builder screen; returns its id once published."""
    await page.goto(f"{base_url}/#/surveys/new")
    await expect(page.get_by_label("Địa bàn khảo sát")).to_have_value("96")
    await page.get_by_label("Tên khảo sát").fill("ab")
    await page.get_by_role("button", name="Lưu bản nháp").click()
    # the server's answer, next to its field
    await expect(page.locator("#survey-title-error")).to_contain_text("Độ dài phải từ 3")
    await page.get_by_label("Tên khảo sát").fill(title)

    await add_question(page, "Có/Không")
    await page.locator("#b-0-0-key").fill("has_vneid")
    await page.locator("#b-0-0-labelVi").fill("Bạn có tài khoản VNeID không?")
    await page.locator("#b-0-0-required").check()
    await add_question(page, "Số nguyên")
    await page.locator("#b-0-1-key").fill("apps")
    await page.locator("#b-0-1-labelVi").fill("Số ứng dụng dịch vụ công đã dùng")
    relevant = page.locator("#b-0-1-relevant")
    await relevant.fill("${has_vneid} = ")
    await expect(page.locator("#b-0-1-relevant-error")).to_contain_text("Điều kiện viết chưa đúng")
    await relevant.fill("${nobody} = true()")
    await expect(page.locator("#b-0-1-relevant-error")).to_have_text(
        "Không có câu hỏi mã “nobody”."
    )
    await relevant.fill("${has_vneid} = true()")
    await expect(page.locator("#b-0-1-relevant-error")).to_have_count(0)
    await page.locator("#b-0-1-constraint").fill(". <= 5")
    await page.locator("#b-0-1-constraintMessageVi").fill("Không quá 5 ứng dụng")

    # the preview is the field form: skip logic and the constraint already work there
    preview = page.locator(".builder-preview")
    await expect(preview.locator("[data-key=apps]")).to_have_count(0)
    await preview.locator("[data-key=has_vneid]").get_by_label("Có", exact=True).check()
    await preview.get_by_label("Số ứng dụng dịch vụ công đã dùng").fill("9")
    await expect(preview.get_by_text("Không quá 5 ứng dụng")).to_be_visible()

    await page.get_by_role("button", name="Phát hành").click()
    await page.get_by_role("dialog").get_by_role("button", name="Phát hành").click()
    await expect(page.get_by_role("status")).to_contain_text("Đã phát hành")
    await expect(page.locator(".row .tag").first).to_have_text("Đang thu thập")
    match = SURVEY_ID.search(page.url)
    assert match, page.url
    return unquote(match.group(1))


async def answer_in_the_field(page: Page, base_url: str, survey_id: str) -> None:
    await page.goto(f"{base_url}/#/s/{survey_id}")
    apps = page.locator("[data-key=apps]")
    await expect(apps).to_have_count(0)
    await page.locator("[data-key=has_vneid]").get_by_label("Có", exact=True).check()
    await page.get_by_label("Số ứng dụng dịch vụ công đã dùng").fill("9")
    await expect(apps.get_by_text("Không quá 5 ứng dụng")).to_be_visible()
    await page.get_by_label("Số ứng dụng dịch vụ công đã dùng").fill("3")
    await page.get_by_role("button", name="Xem lại").click()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_role("heading", name="Đã lưu phiếu")).to_be_visible()


async def test_a_survey_built_on_screen_is_answered_and_shows_in_results_and_export(
    live_server: LiveServer, browser: Browser
) -> None:
    title = f"Khảo sát dựng trên màn hình {uuid.uuid4().hex[:6]}"
    office = await desktop(browser)
    field = await new_context(browser)
    try:
        admin = await office.new_page()
        await sign_in(admin, live_server.url, ADMIN)
        survey_id = await build_and_publish(admin, live_server.url, title)

        staff = await field.new_page()
        await sign_in(staff, live_server.url)
        await answer_in_the_field(staff, live_server.url, survey_id)
        assert await asyncio.to_thread(live_server.wait_for_responses, survey_id, 1) == 1

        await admin.goto(f"{live_server.url}/#/surveys/{survey_id}/results")
        await expect(admin.get_by_text("1 phiếu trả lời tại Tỉnh Cà Mau")).to_be_visible()
        yes_no = admin.locator(".question-result[data-key=has_vneid]")
        await expect(yes_no.get_by_role("row", name="Có")).to_contain_text("1 · 100 %")
        numbers = admin.locator(".question-result[data-key=apps]")
        await expect(numbers.get_by_role("row", name="Trung bình")).to_contain_text("3")
        per_unit = admin.locator(".unit-counts")
        await expect(per_unit.get_by_role("row", name="Phường Bạc Liêu")).to_contain_text("1")

        async with admin.expect_download() as download_info:
            await admin.get_by_role("link", name="Tải CSV").click()
        download = await download_info.value
        csv_headers, csv_rows = read_sheet((await download.path()).read_bytes())
        assert [cells[csv_headers.index(APPS_COLUMN)] for _, cells in csv_rows] == ["3"]

        address = await admin.get_by_role("link", name="Tải Excel (XLSX)").get_attribute("href")
        xlsx = await admin.request.get(f"{live_server.url}{address}")
        assert xlsx.ok
        xlsx_headers, xlsx_rows = read_sheet(await xlsx.body())
        assert [cells[xlsx_headers.index(APPS_COLUMN)] for _, cells in xlsx_rows] == ["3"]
    finally:
        await office.close()
        await field.close()


async def test_new_questions_of_a_published_survey_make_a_version_then_it_closes(
    live_server: LiveServer, browser: Browser
) -> None:
    survey_id = await asyncio.to_thread(
        live_server.create_survey,
        f"Khảo sát phiên bản {uuid.uuid4().hex[:6]}",
        {"pages": [{"questions": [{"key": "a", "kind": "TEXT", "labelVi": "Câu A"}]}]},
    )
    office = await desktop(browser)
    try:
        page = await office.new_page()
        await sign_in(page, live_server.url, ADMIN)
        await page.goto(f"{live_server.url}/#/surveys/{survey_id}/edit")
        await page.locator("#b-0-0-labelVi").fill("Câu A đã sửa")
        await page.get_by_role("button", name="Lưu thành phiên bản 2").click()
        await page.get_by_role("dialog").get_by_role("button", name="Lưu phiên bản mới").click()
        await expect(page.get_by_role("status")).to_contain_text("Đã lưu phiên bản mới")
        await expect(page.locator(".row .tag").nth(1)).to_have_text("Phiên bản 2")

        await page.get_by_role("button", name="Đóng khảo sát").click()
        await page.get_by_role("dialog").get_by_role("button", name="Đóng khảo sát").click()
        await expect(page.get_by_role("status")).to_contain_text("Đã đóng khảo sát")
        await expect(page.locator("#b-0-0-labelVi")).to_be_disabled()
    finally:
        await office.close()
    data = await asyncio.to_thread(
        live_server.graphql,
        "query($id: ID!) { survey(id: $id) { status currentVersion definition } }",
        {"id": survey_id},
    )
    survey = data["survey"]
    assert (survey["status"], survey["currentVersion"]) == ("CLOSED", 2)
    assert survey["definition"]["pages"][0]["questions"][0]["labelVi"] == "Câu A đã sửa"
