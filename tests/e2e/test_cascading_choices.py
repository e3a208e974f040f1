"""Cascading choices in the field form: the districts offered follow the province chosen,
a district no longer offered is dropped when the province changes, a long list of
communes gets a search box that ignores diacritics, all of it offline, and the server
stores what the filter allowed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.async_api import BrowserContext, expect

from tests.e2e.conftest import LiveServer, open_form, shoot
from tests.surveys.survey_data import ask, options

pytestmark = pytest.mark.e2e

TITLE = f"Đăng ký thôn {uuid.uuid4().hex[:6]}"
COMMUNES = [
    {
        "value": f"29{n:03d}",
        "labelVi": ("Phường " if n % 2 else "Xã Long ") + str(n),
        "columns": {"district": "857" if n < 30 else "855"},
    }
    for n in range(1, 41)
]
VILLAGE: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "questions": [
                ask(
                    "province",
                    "SINGLE_CHOICE",
                    "Tỉnh",
                    required=True,
                    choices=options(("86", "Vĩnh Long"), ("89", "An Giang")),
                ),
                ask(
                    "district",
                    "SINGLE_CHOICE",
                    "Huyện",
                    required=True,
                    choiceFilter="province=${province}",
                    choices=[
                        {"value": "855", "labelVi": "TP Vĩnh Long", "columns": {"province": "86"}},
                        {"value": "857", "labelVi": "Long Hồ", "columns": {"province": "86"}},
                        {"value": "883", "labelVi": "Long Xuyên", "columns": {"province": "89"}},
                    ],
                ),
                ask(
                    "commune",
                    "SINGLE_CHOICE",
                    "Xã",
                    required=True,
                    choiceFilter="district=${district}",
                    choices=COMMUNES,
                ),
            ],
        }
    ]
}


async def test_districts_follow_the_province_and_a_long_list_is_searched_offline(
    live_server: LiveServer, context: BrowserContext
) -> None:
    survey_id = live_server.create_survey(TITLE, VILLAGE)
    page = await open_form(context, live_server.url, TITLE)
    district = page.locator("[data-key=district] .choice")
    commune = page.locator("[data-key=commune]")
    await expect(district).to_have_count(0)  # no province yet: nothing offered

    await context.set_offline(True)
    await page.locator("[data-key=province]").get_by_label("An Giang").check()
    await expect(district).to_have_text(["Long Xuyên"])
    await page.locator("[data-key=district]").get_by_label("Long Xuyên").check()
    await page.locator("[data-key=province]").get_by_label("Vĩnh Long").check()
    await expect(district).to_have_text(["TP Vĩnh Long", "Long Hồ"])
    await expect(page.locator("[data-key=district] input:checked")).to_have_count(0)

    await page.locator("[data-key=district]").get_by_label("Long Hồ").check()
    # 29 communes of Long Hồ: a search box, typed without diacritics
    search = commune.get_by_label("Tìm trong danh sách")
    await expect(commune.locator(".choice")).to_have_count(29)
    await search.fill("phuong 1")
    await expect(commune.locator(".choice")).to_have_text(
        ["Phường 1", "Phường 11", "Phường 13", "Phường 15", "Phường 17", "Phường 19"]
    )
    await commune.get_by_label("Phường 13").check()
    await search.fill("xa long 2")
    await expect(commune.locator(".choice")).to_have_count(7)  # 2, 20…28, and Phường 13
    await expect(commune.get_by_label("Phường 13")).to_be_checked()
    await search.fill("zzz")
    await expect(commune.get_by_text("Không có lựa chọn nào khớp.")).to_be_visible()
    await search.fill("phuong 1")
    await shoot(page, "cascading-choices")
    await context.set_offline(False)

    await page.get_by_role("button", name="Xem lại").click()
    review = page.locator("dl.review")
    await expect(review.get_by_text("Phường 13")).to_be_visible()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()

    assert live_server.wait_for_responses(survey_id, 1) == 1
    (answers,) = live_server.stored_answers(TITLE)
    assert answers == {"province": "86", "district": "857", "commune": "29013"}
