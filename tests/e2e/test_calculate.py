"""Calculations and piping in the field form: a calculated household size updates as
the counts are typed, feeds a later constraint, is piped into a note and a label in
the language shown, and the server stores the value it computed itself."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.async_api import BrowserContext, expect

from tests.e2e.conftest import LiveServer, open_form, shoot
from tests.surveys.survey_data import ask

pytestmark = pytest.mark.e2e

TITLE = f"Hộ và nhân khẩu {uuid.uuid4().hex[:6]}"
HOUSEHOLD: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "titleVi": "Nhân khẩu",
            "questions": [
                ask("head", "TEXT", "Tên chủ hộ", required=True),
                ask(
                    "water",
                    "SINGLE_CHOICE",
                    "Nguồn nước chính của hộ ${head}",
                    labelEn="Main water source of ${head}'s household",
                    choices=[
                        {"value": "well", "labelVi": "Giếng khoan", "labelEn": "Borehole"},
                        {"value": "tap", "labelVi": "Nước máy", "labelEn": "Tap water"},
                    ],
                ),
                ask("adults", "INTEGER", "Số người lớn", required=True),
                ask("children", "INTEGER", "Số trẻ em"),
                {
                    "key": "total",
                    "kind": "CALCULATE",
                    "calculation": "${adults} + coalesce(${children}, 0)",
                },
                ask(
                    "size",
                    "CALCULATE",
                    "Quy mô hộ",
                    appearance="show",
                    calculation="if(${total} >= 5, 'hộ đông người', 'hộ nhỏ')",
                ),
                ask("summary", "NOTE", "Hộ ${head} có ${total} người, dùng ${water}."),
                ask(
                    "sleeping",
                    "INTEGER",
                    "Số người ngủ tại nhà (tối đa ${total})",
                    constraint=". <= ${total}",
                    constraintMessageVi="Không quá số nhân khẩu",
                ),
            ],
        }
    ]
}


async def test_a_calculation_updates_live_is_piped_and_stored_by_the_server(
    live_server: LiveServer, context: BrowserContext
) -> None:
    survey_id = live_server.create_survey(TITLE, HOUSEHOLD)
    page = await open_form(context, live_server.url, TITLE)

    # the hidden calculation has no field; the shown one is read-only output
    await expect(page.locator("[data-key=total]")).to_have_count(0)
    size = page.locator("[data-key=size] output")
    await page.get_by_label("Tên chủ hộ").fill("Lê Thị Hoa")
    await expect(page.locator("[data-key=water] legend")).to_have_text(
        "Nguồn nước chính của hộ Lê Thị Hoa"
    )
    await page.locator("[data-key=water]").get_by_label("Giếng khoan").check()
    await page.get_by_label("Số người lớn").fill("2")
    await expect(size).to_have_text("hộ nhỏ")
    await page.get_by_label("Số trẻ em").fill("3")
    await expect(size).to_have_text("hộ đông người")
    note = page.locator("[data-key=summary]")
    await expect(note).to_have_text("Hộ Lê Thị Hoa có 5 người, dùng Giếng khoan.")
    sleeping = page.get_by_label("Số người ngủ tại nhà (tối đa 5)")
    await sleeping.fill("6")
    await expect(page.get_by_text("Không quá số nhân khẩu")).to_be_visible()
    await sleeping.fill("5")
    await shoot(page, "calculate-form")

    await page.get_by_role("button", name="Xem lại").click()
    review = page.locator("dl.review")
    await expect(review.get_by_text("Nguồn nước chính của hộ Lê Thị Hoa")).to_be_visible()
    await expect(review.get_by_text("hộ đông người")).to_be_visible()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()

    assert live_server.wait_for_responses(survey_id, 1) == 1
    (answers,) = live_server.stored_answers(TITLE)
    assert answers["total"] == 5
    assert answers["size"] == "hộ đông người"
    assert answers["sleeping"] == 5
