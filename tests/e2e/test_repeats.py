"""A household roster (decision 0035) in the field form: field staff adds three members
offline, one instance at a time on a phone, removes one (confirmed), takes a photo in
an instance, reloads offline (the draft, then the outbox, keep the nested answers) and
syncs once back online. The server stores one response with two members, and the Excel
export has one row per member on the repeat's sheet."""

from __future__ import annotations

import base64
import io
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from playwright.async_api import Browser, FilePayload, Locator, Page, expect

from tests.e2e.conftest import (
    ADMIN,
    SHOT_SIZES,
    STAFF,
    LiveServer,
    outbox_items,
    phone_page,
    sign_in,
    signed_in,
    wait_for_draft,
)
from tests.e2e.test_photo_resize import SMALL_JPEG
from tests.e2e.test_pwa import go_offline, go_online, wait_outbox_empty
from tests.surveys.survey_data import ask, options

pytestmark = pytest.mark.e2e

SHOTS = Path("/tmp/shots/rp")
TITLE = f"Danh sách nhân khẩu {uuid.uuid4().hex[:6]}"
ROSTER: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "titleVi": "Hộ gia đình",
            "questions": [
                ask("head", "TEXT", "Tên chủ hộ", required=True),
                ask(
                    "members",
                    "REPEAT",
                    "Thành viên ${name}",
                    labelEn="Member ${name}",
                    minCount=1,
                    maxCount=6,
                    questions=[
                        ask("name", "TEXT", "Họ tên", required=True),
                        ask("age", "INTEGER", "Tuổi", required=True, min=0, max=120),
                        ask(
                            "school",
                            "YES_NO",
                            "Đang đi học?",
                            relevant="${age} < 18",
                            required=True,
                        ),
                        ask("portrait", "PHOTO", "Ảnh"),
                    ],
                ),
                ask(
                    "size",
                    "CALCULATE",
                    "Số thành viên",
                    calculation="count(${members})",
                    appearance="show",
                ),
            ],
        }
    ]
}


def _instance(page: Page, index: int) -> Locator:
    return page.locator(f'[data-instance="members[{index}]."]')


def _shot(name: str) -> str:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return str(SHOTS / f"{name}.png")


def _exported_members(live_server: LiveServer, survey_id: str) -> list[dict[str, Any]]:
    """The rows of the Excel export's sheet of the repeat ``members``, by header."""
    number = base64.b64decode(survey_id).decode().split(":")[1]
    reply = httpx.get(
        f"{live_server.url}/exports/survey-responses/{number}.xlsx",
        cookies=live_server.admin_cookies,
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    book = load_workbook(io.BytesIO(reply.content), read_only=True)
    assert "members" in book.sheetnames, book.sheetnames
    rows = list(book["members"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


async def _shoot(page: Page, name: str) -> None:
    """The whole page at 360×740 and 1280×800 under /tmp/shots/rp/, back to the phone after."""
    for label, viewport in SHOT_SIZES.items():
        await page.set_viewport_size(viewport)
        await page.evaluate("window.scrollTo(0, 0)")
        await page.screenshot(path=_shot(f"{name}-{label}"), full_page=True)
        wide = await page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, f"{name} scrolls sideways at {label}"
    await page.set_viewport_size(SHOT_SIZES["360x740"])


async def test_a_roster_filled_offline_is_stored_once_with_its_members_and_exported_per_member(
    live_server: LiveServer, browser: Browser
) -> None:
    survey_id = live_server.create_survey(TITLE, ROSTER)
    async with phone_page(browser, service_workers=True) as page:
        await page.set_viewport_size(SHOT_SIZES["360x740"])
        await sign_in(page, live_server.url)
        await page.get_by_role("link", name=f"Mở phiếu: {TITLE}").click()
        await expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        jpeg = bytes(await page.evaluate(SMALL_JPEG))

        await go_offline(page.context)
        await page.get_by_label("Tên chủ hộ").fill("Nguyễn Văn Minh")
        # minCount 1: the first member is there; its title pipes the member's name
        first = _instance(page, 0)
        await first.get_by_label("Họ tên").fill("Nguyễn Văn Minh")
        await first.get_by_label("Tuổi").fill("130")
        await expect(first.get_by_text("Giá trị phải từ 0 đến 120.")).to_be_visible()
        await first.get_by_label("Tuổi").fill("45")
        await expect(
            first.get_by_role("heading", name="Thành viên Nguyễn Văn Minh (1/1)")
        ).to_be_visible()

        add = page.get_by_role("button", name="Thêm Thành viên")
        await add.click()
        second = _instance(page, 1)
        await expect(second).to_be_visible()
        await expect(first).to_be_hidden()  # a phone shows one instance at a time
        await second.get_by_label("Họ tên").fill("Trần Thị Sai")
        await second.get_by_label("Tuổi").fill("40")

        await add.click()
        third = _instance(page, 2)
        await third.get_by_label("Họ tên").fill("Nguyễn Thị Hoa")
        await third.get_by_label("Tuổi").fill("8")
        # a child: "in school?" shows in this instance only, and is required
        await page.get_by_role("button", name="Xem lại").click()  # refused: stays on the page
        await expect(third.get_by_text("Câu này bắt buộc trả lời.")).to_be_visible()
        await third.locator('[data-key="members[2].school"]').get_by_label("Có").check()
        await third.get_by_label("Ảnh").set_input_files(
            files=[FilePayload(name="hoa.jpg", mimeType="image/jpeg", buffer=jpeg)]
        )
        await expect(third.get_by_text("Đã chọn ảnh")).to_be_visible()
        await expect(page.locator("[data-key=size] output")).to_have_text("3")

        # previous/next walk the instances
        await page.get_by_role("button", name="Trước").click()
        await expect(second).to_be_visible()
        await expect(third).to_be_hidden()

        # remove the second member, confirmed in the dialog; the third moves up
        await second.get_by_role("button", name="Xóa").click()
        dialog = page.get_by_role("dialog")
        await expect(dialog).to_contain_text("Thành viên Trần Thị Sai (2/3)")
        await dialog.get_by_role("button", name="Xóa").click()
        await expect(page.locator("[data-key=size] output")).to_have_text("2")
        await expect(page.locator(".repeat-count")).to_have_text("2 mục")
        # the member after the removed one takes its place, its photo with it
        await expect(_instance(page, 1).get_by_label("Họ tên")).to_have_value("Nguyễn Thị Hoa")
        await expect(_instance(page, 1).get_by_text("Đã chọn ảnh")).to_be_visible()
        await _shoot(page, "roster-form")

        # offline reload: the draft brings the nested answers (and the photo) back
        await wait_for_draft(page, "d.raw.members?.length === 2 && d.photos.length === 1")
        await page.reload()
        await expect(page.get_by_text("Đã mở lại phiếu đang điền dở")).to_be_visible()
        await expect(page.locator(".repeat-count")).to_have_text("2 mục")
        await expect(_instance(page, 0).get_by_label("Họ tên")).to_have_value("Nguyễn Văn Minh")
        await page.get_by_role("button", name="Sau").click()
        await expect(_instance(page, 1).get_by_label("Tuổi")).to_have_value("8")
        await expect(_instance(page, 1).get_by_text("Đã chọn ảnh")).to_be_visible()

        await page.get_by_role("button", name="Xem lại").click()
        review = page.locator("dl.review").first
        await expect(
            review.get_by_role("heading", name="Thành viên Nguyễn Văn Minh (1/2)")
        ).to_be_visible()
        await expect(
            review.get_by_role("heading", name="Thành viên Nguyễn Thị Hoa (2/2)")
        ).to_be_visible()
        await _shoot(page, "roster-review")
        await page.get_by_role("button", name="Gửi phiếu").click()
        await expect(page.get_by_test_id("saved")).to_be_visible()

        (item,) = await outbox_items(page)
        await page.reload()  # offline: the outbox keeps the response, members nested
        assert [i["clientId"] for i in await outbox_items(page)] == [item["clientId"]]
        assert live_server.stored_responses(TITLE) == []

        await go_online(page.context)
        await wait_outbox_empty(page)

    ((client_id, answers),) = live_server.stored_responses(TITLE)
    assert client_id == item["clientId"]
    photo = answers["members"][1]["portrait"]
    assert answers == {
        "head": "Nguyễn Văn Minh",
        "members": [
            {"name": "Nguyễn Văn Minh", "age": 45},
            {"name": "Nguyễn Thị Hoa", "age": 8, "school": True, "portrait": photo},
        ],
        "size": 2,
    }
    assert live_server.stored_photo(client_id, "portrait")[:2] == b"\xff\xd8"  # a JPEG

    table = _exported_members(live_server, survey_id)
    assert [r["Họ tên [name]"] for r in table] == ["Nguyễn Văn Minh", "Nguyễn Thị Hoa"]
    assert [(r["_index"], r["_parent_index"]) for r in table] == [(1, 1), (2, 1)]
    assert {r["Mã phiếu [client_id]"] for r in table} == {client_id}


PLOTS: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "questions": [
                ask("plot_count", "INTEGER", "Số thửa", required=True),
                ask(
                    "plots",
                    "REPEAT",
                    "Thửa đất",
                    repeatCount="${plot_count}",
                    maxCount=5,
                    questions=[
                        ask(
                            "crop",
                            "SINGLE_CHOICE",
                            "Cây trồng",
                            required=True,
                            choices=options(("rice", "Lúa"), ("shrimp", "Tôm")),
                        ),
                        ask(
                            "visits",
                            "REPEAT",
                            "Lần thăm",
                            minCount=1,
                            maxCount=3,
                            questions=[ask("remark", "TEXT", "Ghi nhận")],
                        ),
                    ],
                ),
            ],
        }
    ]
}


async def test_a_computed_count_and_nested_repeats_at_desktop_then_results_and_builder(
    live_server: LiveServer, browser: Browser
) -> None:
    title = f"Thửa đất {uuid.uuid4().hex[:6]}"
    survey_id = live_server.create_survey(title, PLOTS)
    async with signed_in(browser, live_server.url, STAFF) as page:
        await page.goto(f"{live_server.url}/#/s/{survey_id}")
        plots = page.locator(".repeat[data-key=plots] > .instance")
        await page.get_by_label("Số thửa").fill("3")
        await expect(plots).to_have_count(3)  # all listed at desktop width
        await expect(page.get_by_text("Số mục theo câu trả lời trước: 3.")).to_be_visible()
        await expect(page.get_by_role("button", name="Thêm Thửa đất")).to_have_count(0)
        await page.get_by_label("Số thửa").fill("2")
        await expect(plots).to_have_count(2)

        await page.locator('[data-key="plots[0].crop"]').get_by_label("Lúa").check()
        await page.locator('[data-key="plots[1].crop"]').get_by_label("Tôm").check()
        first = page.locator('[data-instance="plots[0]."]')
        await (
            first.locator('[data-instance="plots[0].visits[0]."]')
            .get_by_label("Ghi nhận")
            .fill("Lúa trổ")
        )
        await first.get_by_role("button", name="Thêm Lần thăm").click()
        await (
            first.locator('[data-instance="plots[0].visits[1]."]')
            .get_by_label("Ghi nhận")
            .fill("Gặt")
        )
        await expect(first.get_by_role("heading", name="Lần thăm (2/2)")).to_be_visible()
        await page.get_by_role("button", name="Xem lại").click()
        await page.get_by_role("button", name="Gửi phiếu").click()
        await expect(page.get_by_test_id("saved")).to_be_visible()
        await wait_outbox_empty(page)
    assert live_server.wait_for_responses(survey_id, 1) == 1
    [stored] = live_server.stored_answers(title)
    assert stored == {
        "plot_count": 2,
        "plots": [
            {"crop": "rice", "visits": [{"remark": "Lúa trổ"}, {"remark": "Gặt"}]},
            {"crop": "shrimp", "visits": [{}]},
        ],
    }

    async with signed_in(browser, live_server.url, ADMIN) as admin:
        await admin.goto(f"{live_server.url}/#/surveys/{survey_id}/results")
        crop = admin.locator(".question-result[data-key=crop]")
        await expect(crop).to_contain_text("lượt trả lời trong nhóm lặp “Thửa đất”")
        await expect(crop.get_by_role("row", name="Lúa")).to_contain_text("1")
        await admin.screenshot(path=_shot("roster-results-1280x800"), full_page=True)
        # the builder edits a repeat and its questions, nested ones included
        await admin.goto(f"{live_server.url}/#/surveys/{survey_id}/edit")
        repeat = admin.locator(".builder-repeat[data-question=plots]")
        await expect(repeat.locator("#b-0-1-repeatCount")).to_have_value("${plot_count}")
        visits = repeat.locator(".builder-repeat[data-question=visits]")
        await expect(visits.locator("#b-0-1-1-0-labelVi")).to_have_value("Ghi nhận")
        await visits.get_by_role("button", name="Thêm câu hỏi vào nhóm “Lần thăm”").click()
        await visits.locator("#b-0-1-1-1-labelVi").fill("Người gặp")
        await repeat.screenshot(path=_shot("roster-builder-repeat-1280x800"))
        await admin.get_by_role("button", name="Lưu thành phiên bản 2").click()
        await admin.get_by_role("dialog").get_by_role("button", name="Lưu phiên bản mới").click()
        await expect(admin.get_by_role("status")).to_contain_text("Đã lưu phiên bản mới")
    data = live_server.graphql(
        "query($id: ID!) { survey(id: $id) { currentVersion definition } }", {"id": survey_id}
    )["survey"]
    assert data["currentVersion"] == 2
    (visit_questions,) = [
        q["questions"]
        for q in data["definition"]["pages"][0]["questions"][1]["questions"]
        if q["key"] == "visits"
    ]
    assert [(q["kind"], q["labelVi"]) for q in visit_questions] == [
        ("TEXT", "Ghi nhận"),
        ("TEXT", "Người gặp"),
    ]
