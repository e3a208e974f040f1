"""XLSForm settings the field form honours: a read-only answer shown with its default,
a question that opens with the answer this device saved last (``${last-saved#…}``), a
single choice laid out as a scale ("likert") that moves on once chosen ("quick"), and
the number pad for a text of digits ("numbers")."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.async_api import BrowserContext, expect

from tests.e2e.conftest import LiveServer, shoot, sign_in
from tests.surveys.survey_data import ask

pytestmark = pytest.mark.e2e

TITLE = f"Thăm hộ theo ấp {uuid.uuid4().hex[:6]}"
AGREE = [
    {"value": str(n), "labelVi": label}
    for n, label in enumerate(
        ["Rất không đồng ý", "Không đồng ý", "Bình thường", "Đồng ý", "Rất đồng ý"], 1
    )
]
SETTINGS: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "questions": [
                ask("round", "TEXT", "Đợt thăm", default="Đợt 1", readOnly=True),
                ask("hamlet", "TEXT", "Ấp", defaultLastSaved=True),
                ask(
                    "satisfied",
                    "SINGLE_CHOICE",
                    "Hài lòng với dịch vụ công trực tuyến",
                    appearance="likert quick",
                    choices=AGREE,
                ),
                ask("phone", "TEXT", "Số điện thoại", appearance="numbers"),
            ],
        }
    ]
}


async def test_read_only_last_saved_likert_quick_and_numbers(
    live_server: LiveServer, context: BrowserContext
) -> None:
    survey_id = live_server.create_survey(TITLE, SETTINGS)
    page = await context.new_page()
    await page.set_viewport_size({"width": 360, "height": 740})
    await sign_in(page, live_server.url)
    await page.get_by_role("link", name=f"Mở phiếu: {TITLE}").click()

    round_field = page.get_by_label("Đợt thăm")
    await expect(round_field).to_have_value("Đợt 1")
    await expect(round_field).to_be_disabled()
    await expect(page.get_by_label("Ấp")).to_have_value("")  # nothing saved here yet
    await page.get_by_label("Ấp").fill("Ấp Cây Gừa")
    scale = page.locator("[data-key=satisfied] .choices.likert")
    await expect(scale.locator(".choice")).to_have_count(5)
    first, last = scale.locator(".choice").first, scale.locator(".choice").last
    first_box, last_box = await first.bounding_box(), await last.bounding_box()
    assert first_box and last_box and abs(first_box["y"] - last_box["y"]) < 2  # one row
    await page.get_by_label("Đồng ý", exact=True).check()
    phone = page.get_by_label("Số điện thoại")
    await expect(phone).to_be_focused()  # "quick": on to the next question
    await expect(phone).to_have_attribute("inputmode", "numeric")
    await phone.fill("0912345678")
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    await shoot(page, "form-settings")
    await page.get_by_role("button", name="Xem lại").click()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()

    await page.get_by_role("button", name="Nhập phiếu mới").click()
    await expect(page.get_by_label("Ấp")).to_have_value("Ấp Cây Gừa")  # the last saved
    await expect(page.get_by_label("Số điện thoại")).to_have_value("")
    await page.reload()
    await expect(page.get_by_label("Ấp")).to_have_value("Ấp Cây Gừa")  # kept on the device
    assert live_server.wait_for_responses(survey_id, 1) == 1
