"""What the survey screens taught (issue 13), in a phone-sized chromium against the live
server: the unit picker offers only what the server accepts, a refused response reopens
as a draft with the server's message on its field, and a public survey answered on this
device says so (and whether it was sent). Screenshots at 1280x800 and 360x740 go to
/tmp/shots/fieldfix/ (not committed)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from bench import pwa
from tests.e2e.conftest import ADMIN, STAFF, LiveServer, outbox_items, phone_page, sign_in

pytestmark = pytest.mark.e2e

SHOTS = Path("/tmp/shots/fieldfix")
ONE_QUESTION: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                {
                    "key": "uses_vneid",
                    "kind": "YES_NO",
                    "labelVi": "Hộ có dùng VNeID không?",
                    "required": True,
                }
            ]
        }
    ]
}
HAMLET = "31825-FX1"
OTHER_COMMUNE = "32002"  # Xã Đất Mũi: outside the field staff's ward


@pytest.fixture(scope="module")
def setup(live_server: LiveServer) -> dict[str, str]:
    """A hamlet in the staff's ward, a province survey for staff and a public one."""
    created = live_server.graphql(
        """mutation($input: CreateAdminUnitInput!) { createAdminUnit(input: $input) {
            adminUnit { code } errors { code message } } }""",
        {
            "input": {
                "parentCode": "31825",
                "code": HAMLET,
                "name": "Khóm Sửa Lỗi",
                "kind": "RESIDENTIAL_GROUP",
            }
        },
    )["createAdminUnit"]
    assert not created["errors"], created
    today = datetime.now(UTC).date()
    campaign = live_server.graphql(
        """mutation($input: CreateCampaignInput!) { createCampaign(input: $input) {
            campaign { id } errors { code message } } }""",
        {
            "input": {
                "title": "Sửa lỗi: chiến dịch phường",
                "adminUnitCode": "31825",
                "startsOn": (today - timedelta(days=1)).isoformat(),
                "endsOn": (today + timedelta(days=30)).isoformat(),
            }
        },
    )["createCampaign"]
    assert not campaign["errors"], campaign
    return {
        "campaign": campaign["campaign"]["id"],
        "staff": live_server.create_survey("Sửa lỗi: khảo sát địa bàn", ONE_QUESTION),
        "reopen": live_server.create_survey("Sửa lỗi: phiếu bị từ chối", ONE_QUESTION),
        "public": live_server.create_survey(
            "Sửa lỗi: ý kiến một lần mỗi máy", ONE_QUESTION, public=True
        ),
    }


async def shoot(page: Page, name: str) -> None:
    """The screen at a desktop's and then a phone's size (the phone size stays)."""
    await asyncio.to_thread(SHOTS.mkdir, parents=True, exist_ok=True)
    for width, height in ((1280, 800), (360, 740)):
        await page.set_viewport_size({"width": width, "height": height})
        await page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


@asynccontextmanager
async def phone(browser: Browser) -> AsyncIterator[Page]:
    """A 360 x 740 page in a context of its own, closed after."""
    async with phone_page(browser) as page:
        await page.set_viewport_size({"width": 360, "height": 740})
        yield page


async def add_legacy_item(page: Page, item: dict[str, Any]) -> None:
    """Put an item in the outbox as an older version of the app left it on a phone."""
    await page.evaluate(
        """(item) => new Promise((resolve, reject) => {
            const open = indexedDB.open('dxnet');
            open.onsuccess = () => {
                const tx = open.result.transaction('outbox', 'readwrite');
                tx.objectStore('outbox').add(JSON.parse(item));
                tx.oncomplete = () => { open.result.close(); resolve(null); };
                tx.onerror = () => reject(tx.error);
            };
        })""",
        json.dumps(item),
    )


def bookkeeping(kind: str) -> dict[str, Any]:
    return {
        "clientId": str(uuid.uuid4()),
        "kind": kind,
        "owner": STAFF[0],
        "photoKeys": [],
        "state": "queued",
        "result": None,
        "errors": [],
        "attempts": 0,
        "lastAttemptAt": None,
        "createdAt": datetime.now(UTC).isoformat(),
    }


async def answer_to_review(page: Page, url: str) -> None:
    await page.goto(url)
    await page.get_by_label("Có", exact=True).check()
    await page.get_by_role("button", name="Xem lại").click()


async def test_the_unit_picker_offers_only_the_viewers_area_with_hamlets(
    live_server: LiveServer, setup: dict[str, str], browser: Browser
) -> None:
    async with phone(browser) as page:
        await sign_in(page, live_server.url, STAFF)
        await answer_to_review(page, f"{live_server.url}/#/s/{setup['staff']}")
        picker = page.get_by_role("group", name="Đơn vị của người trả lời")
        radios = picker.get_by_role("radio")
        await expect(radios.first).to_be_visible()
        codes = [await r.get_attribute("value") for r in await radios.all()]
        # the ward and its hamlets, none of the other 63 communes the server would refuse
        assert "31825" in codes and HAMLET in codes
        assert all(c and c.startswith("31825") for c in codes), codes
        await expect(
            picker.get_by_role("radio", name="Phường Bạc Liêu", exact=True)
        ).to_be_checked()
        # one commune: its hamlets need not repeat its name
        await expect(picker.get_by_role("radio", name="Khóm Sửa Lỗi", exact=True)).to_be_visible()
        await shoot(page, "unit-picker-staff")

    async with phone(
        browser
    ) as page:  # a province admin's area is every commune: a search box, no diacritics needed
        await sign_in(page, live_server.url, ADMIN)
        await answer_to_review(page, f"{live_server.url}/#/s/{setup['staff']}")
        picker = page.get_by_role("group", name="Đơn vị của người trả lời")
        await picker.get_by_label("Tìm theo tên").fill("sua loi")
        await expect(picker.get_by_role("radio")).to_have_count(1)
        await picker.get_by_role("radio", name="Khóm Sửa Lỗi — Phường Bạc Liêu").check()
        await picker.get_by_label("Tìm theo tên").fill("dat mui")
        await expect(picker.get_by_role("radio", name="Xã Đất Mũi", exact=True)).to_be_visible()
        # the chosen unit stays listed (and checked) whatever the search shows
        await expect(
            picker.get_by_role("radio", name="Khóm Sửa Lỗi — Phường Bạc Liêu")
        ).to_be_checked()
        await shoot(page, "unit-picker-search")


async def test_a_refused_response_reopens_with_the_servers_message_on_the_unit(
    live_server: LiveServer, setup: dict[str, str], browser: Browser
) -> None:
    async with phone(browser) as page:
        await sign_in(page, live_server.url, STAFF)
        survey_url = f"{live_server.url}/#/s/{setup['reopen']}"
        await page.goto(survey_url)  # the survey is kept on the phone
        await expect(page.get_by_label("Có", exact=True)).to_be_visible()
        # a response collected by the app before this fix, which let staff pick any commune
        legacy: dict[str, Any] = {
            **bookkeeping("surveyResponse"),
            "surveyId": setup["reopen"],
            "surveyTitle": "Sửa lỗi: phiếu bị từ chối",
            "version": 1,
            "answers": {"uses_vneid": True},
            "collectedAt": datetime.now(UTC).isoformat(),
            "adminUnitCode": OTHER_COMMUNE,
            "deviceId": "legacy-device-1",
            "location": None,
        }
        await add_legacy_item(page, legacy)
        await page.goto(f"{live_server.url}/#/outbox")
        await page.get_by_role("button", name="Gửi ngay").click()
        refused = page.locator(f"[data-client-id='{legacy['clientId']}']")
        await expect(refused).to_have_attribute("data-state", "failed")
        [item] = await outbox_items(page)
        assert item["result"] == "REJECTED"
        assert [(e["field"], e["code"]) for e in item["errors"]] == [
            ("adminUnitCode", "OUT_OF_SCOPE")
        ]
        message = item["errors"][0]["message"]
        await shoot(page, "outbox-refused")

        await refused.get_by_role("button", name="Mở lại để sửa").click()
        await expect(page.get_by_test_id("reopened-notice")).to_be_visible()
        picker = page.get_by_role("group", name="Đơn vị của người trả lời")
        await expect(picker.get_by_role("alert")).to_have_text(message)
        assert await outbox_items(page) == []  # a draft now, out of the outbox
        # the refused unit is not offered, so nothing is chosen until the person picks
        await expect(picker.locator("input:checked")).to_have_count(0)
        await shoot(page, "reopened-review")

        await picker.get_by_role("radio", name="Phường Bạc Liêu", exact=True).check()
        await expect(picker.get_by_role("alert")).to_have_count(0)
        await expect(page.get_by_test_id("reopened-notice")).to_have_count(0)
        await page.get_by_role("button", name="Gửi phiếu").click()
        await expect(page.get_by_test_id("saved")).to_have_attribute("data-delivery", "sent")
        await expect(page.get_by_role("heading", name="Đã gửi phiếu")).to_be_visible()
        await shoot(page, "saved-sent")
        assert await asyncio.to_thread(live_server.responses, setup["reopen"]) == 1

        # a field log refused the same way reopens in the campaign's log form
        log: dict[str, Any] = {
            **bookkeeping("fieldLog"),
            "campaignId": setup["campaign"],
            "campaignTitle": "Sửa lỗi: chiến dịch phường",
            "adminUnitCode": OTHER_COMMUNE,
            "unitName": "Xã Đất Mũi",
            "happenedAt": datetime.now(UTC).isoformat(),
            "activity": "CLASS",
            "peopleReached": 23,
            "householdsReached": 9,
            "note": "Lớp buổi tối",
            "location": None,
        }
        await add_legacy_item(page, log)
        await page.goto(f"{live_server.url}/#/outbox")
        await page.get_by_role("button", name="Gửi ngay").click()
        refused = page.locator(f"[data-client-id='{log['clientId']}']")
        await expect(refused).to_have_attribute("data-state", "failed")
        [item] = await outbox_items(page)
        unit_errors = [e["message"] for e in item["errors"] if e["field"] == "adminUnitCode"]
        assert unit_errors, item["errors"]
        await refused.get_by_role("button", name="Mở lại để sửa").click()
        await expect(page.get_by_role("heading", name="Nhật ký hoạt động")).to_be_visible()
        await expect(page.get_by_label("Số người được tiếp cận")).to_have_value("23")
        await expect(page.get_by_label("Ghi chú")).to_have_value("Lớp buổi tối")
        unit = page.get_by_role("group", name="Nơi thực hiện")
        await expect(unit.get_by_role("alert")).to_have_text(unit_errors[0])
        await shoot(page, "reopened-log")
        await unit.get_by_role("radio", name="Phường Bạc Liêu", exact=True).check()
        await expect(unit.get_by_role("alert")).to_have_count(0)
        await page.get_by_role("button", name="Lưu nhật ký").click()
        await expect(page.get_by_role("heading", name="Đã lưu nhật ký")).to_be_visible()
        for _ in range(100):
            if not await outbox_items(page):
                break
            await asyncio.sleep(0.1)
        progress = live_server.graphql(
            "query($id: ID!) { campaignProgress(campaignId: $id) { totals { activities peopleReached } } }",
            {"id": setup["campaign"]},
        )["campaignProgress"]["totals"]
        assert progress == {"activities": 1, "peopleReached": 23}


async def test_a_public_survey_answered_on_this_device_says_so(
    live_server: LiveServer, setup: dict[str, str], browser: Browser
) -> None:
    async with phone(browser) as page:
        await answer_to_review(page, f"{live_server.url}/#/s/{setup['public']}")
        picker = page.get_by_role("group", name="Đơn vị của người trả lời")
        await picker.get_by_label("Tìm theo tên").fill("bac lieu")
        await page.context.set_offline(True)
        await picker.get_by_role("radio", name="Phường Bạc Liêu", exact=True).check()
        await page.get_by_role("button", name="Gửi phiếu").click()
        saved = page.get_by_test_id("saved")
        await expect(saved).to_have_attribute("data-delivery", "waiting")
        await expect(saved).to_contain_text("sẽ tự gửi khi có mạng")
        # once per device: no "New response" for a visitor
        await expect(page.get_by_role("button", name="Nhập phiếu mới")).to_have_count(0)
        await shoot(page, "saved-waiting")

        await page.context.set_offline(False)  # "online": the outbox is flushed
        await expect(saved).to_have_attribute("data-delivery", "sent")
        await expect(page.get_by_role("heading", name="Đã gửi phiếu")).to_be_visible()
        assert await asyncio.to_thread(live_server.wait_for_responses, setup["public"], 1) == 1

        await page.goto(f"{live_server.url}/#/")
        # the list says so too, and opens its status rather than the questions
        status = page.get_by_role("link", name="Xem trạng thái: Sửa lỗi: ý kiến một lần mỗi máy")
        await expect(status).to_be_visible()
        await shoot(page, "list-answered")
        await status.click()
        answered = page.get_by_test_id("already-answered")
        await expect(answered).to_contain_text("Bạn đã trả lời khảo sát này")
        await expect(answered).to_contain_text("Phiếu đã được gửi đến máy chủ.")
        await expect(page.get_by_role("button", name="Xem lại")).to_have_count(0)
        await shoot(page, "already-answered")


async def test_the_budgets_command_measures_both_visits_quickly(
    live_server: LiveServer, setup: dict[str, str]
) -> None:
    """A smoke run of `make pwa-budgets`'s measurement, full speed (the throttled run and
    Lighthouse take minutes and are run by hand)."""
    visitor, staff = await pwa.measure(live_server.url, None, 1, staff_login=STAFF)

    for visits in (visitor, staff):
        assert len(visits.first) == len(visits.repeat) == 1
        # the first visit fetched the app; the repeat one came from the service worker
        assert visits.first[0].kilobytes > 20
        assert visits.repeat[0].kilobytes < visits.first[0].kilobytes / 4
        assert visits.repeat[0].seconds < pwa.REPEAT_VISIT_BUDGET
