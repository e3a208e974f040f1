"""The question kinds real XLSForms use: time, date-time, barcode (typed where the browser
has no detector), acknowledge, a shape of typed and GPS-added points, a slider, and the "minimal"
appearance of choices, filled in the field form, shown in the review and stored by the
server as sent; a default fills its question as the form opens and a required message
replaces the usual one."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.async_api import BrowserContext, expect

from tests.e2e.conftest import LiveServer, open_form, shoot
from tests.surveys.survey_data import ask, options

pytestmark = pytest.mark.e2e

TITLE = f"Kiểm tra điểm nước {uuid.uuid4().hex[:6]}"
KINDS: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "questions": [
                ask("at", "TIME", "Giờ đến", required=True),
                ask("started", "DATETIME", "Bắt đầu lúc"),
                ask("visited", "DATE", "Ngày thăm", default="today()"),
                ask("tag", "BARCODE", "Mã điểm nước", required=True),
                ask(
                    "consent",
                    "ACKNOWLEDGE",
                    "Chủ hộ đồng ý trả lời",
                    required=True,
                    requiredMessageVi="Cần chủ hộ đồng ý trước khi hỏi.",
                ),
                ask(
                    "source",
                    "SINGLE_CHOICE",
                    "Nguồn nước",
                    appearance="minimal",
                    choices=options(("well", "Giếng khoan"), ("tap", "Nước máy")),
                ),
                ask(
                    "uses",
                    "MULTIPLE_CHOICE",
                    "Dùng để",
                    appearance="minimal",
                    choices=options(("drink", "Uống"), ("wash", "Tắm giặt")),
                ),
                ask("area", "GEOSHAPE", "Ranh giới khu đất"),
                ask("clarity", "RANGE", "Độ trong của nước", min=0, max=10, step=2),
                ask("late", "TEXT", "Vì sao đến muộn", relevant="${at} > '17:00'"),
            ],
        }
    ]
}


async def test_time_datetime_barcode_and_acknowledge_are_filled_and_stored(
    live_server: LiveServer, context: BrowserContext
) -> None:
    survey_id = live_server.create_survey(TITLE, KINDS)
    page = await open_form(context, live_server.url, TITLE)

    today = await page.evaluate(
        "() => { const d = new Date(); return new Date(d.getTime() - d.getTimezoneOffset()"
        " * 60000).toISOString().slice(0, 10); }"
    )
    await expect(page.get_by_label("Ngày thăm")).to_have_value(today)  # its default
    await page.get_by_label("Giờ đến").fill("18:30")
    await expect(page.get_by_label("Vì sao đến muộn")).to_be_visible()  # a time compares
    await page.get_by_label("Vì sao đến muộn").fill("Mưa to")
    await page.get_by_label("Bắt đầu lúc").fill("2025-07-01T08:05")
    await page.get_by_label("Mã điểm nước").fill("NUOC-0042")
    await page.locator("[data-key=source] select").select_option("tap")  # "minimal"
    uses = page.locator("[data-key=uses] details")
    await uses.locator("summary").click()
    await uses.get_by_label("Uống").check()
    await uses.get_by_label("Tắm giặt").check()
    await expect(uses.locator("summary")).to_have_text("Uống, Tắm giặt")
    await page.get_by_label("Ranh giới khu đất").fill("9.28 105.72\n9.29 105.73")
    await page.get_by_role("button", name="Thêm vị trí hiện tại").click()  # the third point
    await expect(page.get_by_text("3 điểm")).to_be_visible()
    await page.get_by_label("Độ trong của nước").fill("6")
    await expect(page.locator("[data-key=clarity] output")).to_have_text("6")
    await page.get_by_role("button", name="Xem lại").click()
    await expect(page.get_by_text("Cần chủ hộ đồng ý trước khi hỏi.")).to_be_visible()
    await page.get_by_label("Tôi xác nhận (OK)").check()
    await shoot(page, "question-kinds")

    await page.get_by_role("button", name="Xem lại").click()
    review = page.locator("dl.review")
    await expect(review.get_by_text("NUOC-0042")).to_be_visible()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()

    assert live_server.wait_for_responses(survey_id, 1) == 1
    (answers,) = live_server.stored_answers(TITLE)
    assert answers == {
        "at": "18:30",
        "late": "Mưa to",
        "started": "2025-07-01T08:05",
        "visited": today,
        "tag": "NUOC-0042",
        "source": "tap",
        "uses": ["drink", "wash"],
        "area": "9.28 105.72;9.29 105.73;9.2941 105.7278 0 8",
        "clarity": 6,
        "consent": "OK",
    }
