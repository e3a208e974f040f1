"""The offline-first PWA as field staff and visitors use it, in a phone-sized chromium.

Each test answers its own survey, so the server's response counts are exact.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import httpx
import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    FilePayload,
    Page,
    Request,
    Route,
    expect,
)

from tests.e2e.conftest import (
    DIST,
    STAFF,
    LiveServer,
    outbox_items,
    phone_page,
    sign_in,
    stored_items,
)
from tests.surveys.survey_data import ask

pytestmark = pytest.mark.e2e

HOUSEHOLD: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "titleVi": "Thông tin hộ",
            "titleEn": "Household",
            "questions": [
                ask(
                    "has_phone",
                    "YES_NO",
                    "Hộ có điện thoại thông minh không?",
                    labelEn="Does the household have a smartphone?",
                    required=True,
                ),
                ask(
                    "phone_count",
                    "INTEGER",
                    "Số điện thoại thông minh",
                    labelEn="Number of smartphones",
                    required=True,
                    relevant="${has_phone} = true()",
                    constraint=". <= 10",
                    constraintMessageVi="Không quá 10 máy",
                    constraintMessageEn="No more than 10 phones",
                ),
            ],
        },
        {
            "key": "p2",
            "titleVi": "Chủ hộ",
            "questions": [
                ask("thanks", "NOTE", "Cảm ơn hộ gia đình."),
                ask("head_name", "TEXT", "Tên chủ hộ", labelEn="Head"),
            ],
        },
    ]
}
PHOTO_SURVEY: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                ask("house", "PHOTO", "Ảnh nhà", required=True),
                ask("remark", "TEXT", "Ghi chú"),
            ]
        }
    ]
}
PUBLIC_SURVEY: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                ask("uses_vneid", "YES_NO", "Bạn có dùng VNeID không?", required=True),
                ask("stars", "RATING", "Mức hài lòng"),
            ]
        }
    ]
}
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + os.urandom(2048)
    + b"\xff\xd9"
)


@pytest.fixture(scope="session")
def surveys(live_server: LiveServer) -> dict[str, str]:
    """One survey per test (counts stay exact), created and published by the admin."""
    return {
        "form": live_server.create_survey("Khảo sát hộ gia đình A", HOUSEHOLD),
        "offline": live_server.create_survey("Khảo sát hộ gia đình B", HOUSEHOLD),
        "retry": live_server.create_survey("Khảo sát hộ gia đình C", HOUSEHOLD),
        "draft": live_server.create_survey("Khảo sát hộ gia đình D", HOUSEHOLD),
        "photo": live_server.create_survey("Khảo sát nhà ở có ảnh", PHOTO_SURVEY),
        "public": live_server.create_survey(
            "Ý kiến người dân về VNeID", PUBLIC_SURVEY, public=True
        ),
        "public_after": live_server.create_survey(
            "Ý kiến người dân về Cổng dịch vụ công", PUBLIC_SURVEY, public=True
        ),
    }


async def fill_household(page: Page, *, phones: str = "2", name: str = "Nguyễn Văn An") -> None:
    """Answer the household form and save it from the review step."""
    await page.locator("[data-key=has_phone]").get_by_label("Có", exact=True).check()
    await page.get_by_label("Số điện thoại thông minh").fill(phones)
    await page.get_by_role("button", name="Tiếp").click()
    await page.get_by_label("Tên chủ hộ").fill(name)
    await page.get_by_role("button", name="Xem lại").click()
    # the viewer's own ward, chosen for them among the units of their area
    await expect(page.get_by_role("radio", name="Phường Bạc Liêu", exact=True)).to_be_checked()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()  # saved, or already sent


async def wait_kept(page: Page, key: str) -> None:
    """Until the app's `kept` store holds `key` (written a moment after the screen shows).

    Playwright's predicate must be synchronous: a promise is truthy, so an async predicate
    "passes" at once (microsoft/playwright#29132). Each poll starts one read of the store
    and answers with what the last finished read found."""
    await page.wait_for_function(
        """(key) => {
            const state = (window.__keptProbe ??= {});
            if (state[key] === true) return true;
            if (state[key] === 'reading') return false;
            state[key] = 'reading';
            const open = indexedDB.open('dxnet');
            open.onerror = () => { state[key] = false; };
            open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('kept')) { db.close(); state[key] = false; return; }
                const get = db.transaction('kept').objectStore('kept').getKey(key);
                get.onsuccess = () => { db.close(); state[key] = get.result !== undefined; };
                get.onerror = () => { db.close(); state[key] = false; };
            };
            return false;
        }""",
        arg=key,
    )


async def choose_unit(page: Page, search: str, name: str) -> None:
    """Pick a unit in the searchable unit picker (a visitor sees every unit of the area)."""
    await page.get_by_label("Tìm theo tên").fill(search)
    await page.get_by_role("radio", name=name, exact=True).check()


async def _no_server(route: Route) -> None:
    await route.abort("internetdisconnected")


async def go_offline(context: BrowserContext) -> None:
    """Offline for the pages and, through the context's routes, for the service worker
    too (Playwright applies offline emulation to a service worker that restarts only
    after it has started running)."""
    await context.set_offline(True)
    await context.route("**/graphql", _no_server)
    await context.route("**/uploads/**", _no_server)


async def go_online(context: BrowserContext) -> None:
    await context.unroute("**/graphql", _no_server)
    await context.unroute("**/uploads/**", _no_server)
    await context.set_offline(False)


async def wait_outbox_empty(page: Page, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if not await outbox_items(page):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"outbox still holds {await outbox_items(page)}")


async def test_field_staff_answers_with_relevance_and_constraint_stored_once(
    live_server: LiveServer, surveys: dict[str, str], context: BrowserContext
) -> None:
    page = await context.new_page()
    await sign_in(page, live_server.url)
    await page.get_by_role("link", name="Mở phiếu: Khảo sát hộ gia đình A").click()
    count = page.locator("[data-key=phone_count]")
    await expect(count).to_have_count(0)

    await page.locator("[data-key=has_phone]").get_by_label("Có", exact=True).check()
    await expect(count).to_be_visible()
    await page.get_by_label("Số điện thoại thông minh").fill("12")
    await expect(count.get_by_text("Không quá 10 máy")).to_be_visible()
    await page.get_by_role("button", name="Tiếp").click()  # refused: the page has an error
    await expect(page.get_by_label("Tên chủ hộ")).to_have_count(0)
    await page.locator("[data-key=has_phone]").get_by_label("Không", exact=True).check()
    await expect(count).to_have_count(0)
    await page.locator("[data-key=has_phone]").get_by_label("Có", exact=True).check()

    await fill_household(page, phones="3")
    assert await asyncio.to_thread(live_server.wait_for_responses, surveys["form"], 1) == 1
    await wait_outbox_empty(page)
    await asyncio.sleep(0.5)
    assert await asyncio.to_thread(live_server.responses, surveys["form"]) == 1


async def test_offline_responses_survive_reload_and_reopen_then_sync_once(
    live_server: LiveServer, surveys: dict[str, str], browser: Browser
) -> None:
    async with phone_page(browser, service_workers=True) as page:
        await sign_in(page, live_server.url)
        await page.goto(f"{live_server.url}/#/s/{surveys['offline']}")
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        await expect(
            page.get_by_label("Số điện thoại thông minh").or_(page.locator("[data-key=has_phone]"))
        ).to_be_visible()

        await go_offline(page.context)
        await fill_household(page, name="Hộ thứ nhất")
        await page.get_by_role("button", name="Nhập phiếu mới").click()
        await fill_household(page, name="Hộ thứ hai")
        items = await outbox_items(page)
        assert len(items) == 2 and {i["state"] for i in items} == {"queued"}
        client_ids = {i["clientId"] for i in items}

        await page.reload()  # offline: the service worker serves the app shell
        await page.goto(f"{live_server.url}/#/outbox")
        await expect(page.locator("[data-state=queued]")).to_have_count(2)
        context = page.context
        await page.close()

        page = await context.new_page()
        await page.goto(f"{live_server.url}/#/outbox")
        await expect(page.locator("[data-state=queued]")).to_have_count(2)
        assert {i["clientId"] for i in await outbox_items(page)} == client_ids
        assert await asyncio.to_thread(live_server.responses, surveys["offline"]) == 0

        await go_online(page.context)
        await page.get_by_role("button", name="Gửi ngay").click()
        await wait_outbox_empty(page)
        await expect(page.get_by_text("Không có phiếu nào đang chờ gửi.")).to_be_visible()
        assert await asyncio.to_thread(live_server.wait_for_responses, surveys["offline"], 2) == 2


async def wait_draft(page: Page, check: Any) -> list[dict[str, Any]]:
    """The drafts once `check(drafts)` holds (they are written a moment after typing)."""
    for _ in range(50):
        drafts = await stored_items(page, "drafts")
        if check(drafts):
            return drafts
        await asyncio.sleep(0.1)
    raise AssertionError(f"drafts: {drafts}")


async def test_a_form_left_half_way_comes_back_as_a_draft_and_is_submitted_once(
    live_server: LiveServer, surveys: dict[str, str], context: BrowserContext
) -> None:
    page = await context.new_page()
    await sign_in(page, live_server.url)
    form = f"{live_server.url}/#/s/{surveys['draft']}"
    await page.goto(form)
    await page.locator("[data-key=has_phone]").get_by_label("Có", exact=True).check()
    await page.get_by_label("Số điện thoại thông minh").fill("4")
    await page.get_by_role("button", name="Tiếp").click()
    await page.get_by_label("Tên chủ hộ").fill("Bị gọi đi giữa chừng")
    [draft] = await wait_draft(page, lambda d: d and d[0]["raw"].get("head_name"))
    assert draft["raw"] == {
        "has_phone": True,
        "phone_count": "4",
        "head_name": "Bị gọi đi giữa chừng",
    }
    assert draft["step"] == 1 and draft["owner"] == STAFF[0]

    await page.close()  # the tab is closed; the answers are not lost
    page = await context.new_page()
    await page.goto(f"{live_server.url}/#/")
    await page.get_by_role("link", name="Điền tiếp: Khảo sát hộ gia đình D").click()
    await expect(page.get_by_text("Đã mở lại phiếu đang điền dở")).to_be_visible()
    await expect(page.get_by_label("Tên chủ hộ")).to_have_value("Bị gọi đi giữa chừng")
    await page.get_by_role("button", name="Quay lại").click()
    await expect(page.get_by_label("Số điện thoại thông minh")).to_have_value("4")
    await page.get_by_role("button", name="Tiếp").click()
    await page.get_by_role("button", name="Xem lại").click()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()  # saved, or already sent
    assert await stored_items(page, "drafts") == []  # gone with the save, in one transaction
    assert await asyncio.to_thread(live_server.wait_for_responses, surveys["draft"], 1) == 1
    await wait_outbox_empty(page)

    await page.reload()  # the submitted form does not come back to be sent twice
    await expect(page.get_by_text("Đã mở lại phiếu đang điền dở")).to_have_count(0)
    await page.goto(f"{live_server.url}/#/")
    await expect(page.get_by_role("link", name="Mở phiếu: Khảo sát hộ gia đình D")).to_be_visible()

    # "Start again" throws a draft away
    await page.goto(form)
    await page.locator("[data-key=has_phone]").get_by_label("Không", exact=True).check()
    await wait_draft(page, lambda d: len(d) == 1)
    await page.reload()
    await expect(
        page.locator("[data-key=has_phone]").get_by_label("Không", exact=True)
    ).to_be_checked()
    page.once("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
    await page.get_by_role("button", name="Bắt đầu lại").click()
    await expect(
        page.locator("[data-key=has_phone]").get_by_label("Không", exact=True)
    ).not_to_be_checked()
    await wait_draft(page, lambda d: d == [])
    await asyncio.sleep(0.3)
    assert await asyncio.to_thread(live_server.responses, surveys["draft"]) == 1


def _is_sync(request: Request) -> bool:
    return "syncSurveyResponses" in (request.post_data or "")


async def test_failed_sync_keeps_the_queue_and_a_lost_acknowledgement_is_a_duplicate(
    live_server: LiveServer, surveys: dict[str, str], context: BrowserContext
) -> None:
    page = await context.new_page()
    await sign_in(page, live_server.url)
    mode = {"sync": "abort"}
    lost: list[str] = []

    async def handle(route: Route) -> None:
        if not _is_sync(route.request) or mode["sync"] == "pass":
            await route.continue_()
        elif mode["sync"] == "abort":
            await route.abort("internetdisconnected")
        elif mode["sync"] == "500":
            await route.fulfill(status=500, body="Internal Server Error")
        else:  # the server stores it, the answer never reaches the phone
            answer = await route.fetch()
            lost.append(await answer.text())
            await route.abort("connectionreset")

    await page.route("**/graphql", handle)
    await page.goto(f"{live_server.url}/#/s/{surveys['retry']}")
    await fill_household(page, name="Mạng chập chờn")
    await page.goto(f"{live_server.url}/#/outbox")
    await expect(page.locator("[data-state=queued]")).to_have_count(1)

    mode["sync"] = "500"
    await page.get_by_role("button", name="Gửi ngay").click()
    await expect(page.get_by_text("máy chủ lỗi (500)")).to_be_visible()
    items = await outbox_items(page)
    assert len(items) == 1 and items[0]["state"] == "queued" and items[0]["attempts"] >= 2
    assert await asyncio.to_thread(live_server.responses, surveys["retry"]) == 0

    mode["sync"] = "pass"
    await page.get_by_role("button", name="Gửi ngay").click()
    await wait_outbox_empty(page)
    assert await asyncio.to_thread(live_server.responses, surveys["retry"]) == 1

    mode["sync"] = "lose"
    await page.goto(f"{live_server.url}/#/s/{surveys['retry']}")
    await fill_household(page, name="Mất phản hồi")
    for _ in range(100):
        if lost:
            break
        await asyncio.sleep(0.1)
    assert lost and '"CREATED"' in lost[0]
    assert await asyncio.to_thread(live_server.responses, surveys["retry"]) == 2
    [kept] = await outbox_items(page)
    assert kept["state"] == "queued"

    mode["sync"] = "pass"
    await page.goto(f"{live_server.url}/#/outbox")
    async with page.expect_response(lambda r: _is_sync(r.request)) as resent:
        await page.get_by_role("button", name="Gửi ngay").click()
    assert '"DUPLICATE"' in await (await resent.value).text()
    await wait_outbox_empty(page)
    assert await asyncio.to_thread(live_server.responses, surveys["retry"]) == 2


async def test_photo_answer_queued_offline_is_uploaded_after_its_response(
    live_server: LiveServer, surveys: dict[str, str], context: BrowserContext
) -> None:
    page = await context.new_page()
    await sign_in(page, live_server.url)
    await page.goto(f"{live_server.url}/#/s/{surveys['photo']}")
    await expect(page.get_by_label("Ảnh nhà")).to_be_attached()
    await context.set_offline(True)
    await page.get_by_label("Ảnh nhà").set_input_files(
        files=[FilePayload(name="nha.jpg", mimeType="image/jpeg", buffer=JPEG)]
    )
    await expect(page.get_by_text("Đã chọn ảnh")).to_be_visible()
    await page.get_by_role("button", name="Xem lại").click()
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()  # saved, or already sent
    [item] = await outbox_items(page)
    assert item["photoKeys"] == ["house"] and len(item["answers"]["house"]) == 64

    await context.set_offline(False)
    await page.goto(f"{live_server.url}/#/outbox")
    async with page.expect_response(lambda r: "/uploads/survey-photos/" in r.url) as uploaded:
        await page.get_by_role("button", name="Gửi ngay").click()
    answer = await uploaded.value
    assert answer.status == 201
    body = await answer.json()
    assert body["isComplete"] is True and body["contentType"] == "image/jpeg"
    assert f"/{item['clientId']}/house" in answer.url
    await wait_outbox_empty(page)
    assert await asyncio.to_thread(live_server.responses, surveys["photo"]) == 1


async def test_language_switch_to_english_changes_the_labels_and_is_kept(
    live_server: LiveServer, surveys: dict[str, str], context: BrowserContext
) -> None:
    page = await context.new_page()
    await sign_in(page, live_server.url)
    await page.goto(f"{live_server.url}/#/s/{surveys['form']}")
    await expect(page.get_by_text("Hộ có điện thoại thông minh không?")).to_be_visible()
    await page.get_by_role("button", name="Chuyển sang tiếng Anh").click()
    await expect(page.get_by_text("Does the household have a smartphone?")).to_be_visible()
    await expect(page.get_by_role("link", name="Outbox")).to_be_visible()
    assert await page.evaluate("document.documentElement.lang") == "en"
    await page.reload()
    await expect(page.get_by_role("button", name="Next")).to_be_visible()


async def test_visitor_answers_a_public_survey_without_an_account(
    live_server: LiveServer, surveys: dict[str, str], context: BrowserContext
) -> None:
    page = await context.new_page()
    await page.goto(live_server.url)
    await expect(page.get_by_role("heading", name="Khảo sát công khai")).to_be_visible()
    await expect(page.get_by_role("link", name="Mở phiếu: Khảo sát hộ gia đình A")).to_have_count(0)
    await page.get_by_role("link", name="Mở phiếu: Ý kiến người dân về VNeID").click()
    await page.get_by_label("Có", exact=True).check()
    await page.get_by_label("4 trên 5").check()
    await page.get_by_role("button", name="Xem lại").click()
    await choose_unit(page, "bac lieu", "Phường Bạc Liêu")
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()  # saved, or already sent
    await wait_outbox_empty(page)
    assert await asyncio.to_thread(live_server.wait_for_responses, surveys["public"], 1) == 1


async def test_a_visitor_after_an_offline_sign_out_is_not_sent_as_the_staff_member(
    live_server: LiveServer, surveys: dict[str, str], context: BrowserContext
) -> None:
    page = await context.new_page()
    await sign_in(page, live_server.url)
    public = page.get_by_role("link", name="Mở phiếu: Ý kiến người dân về Cổng dịch vụ công")
    await expect(public).to_be_visible()  # the list (and the communes) are kept
    await wait_kept(page, "area:96")  # and the units of the survey's area, read after it

    # signed out with no signal: the server never hears of it, the session cookie stays
    await go_offline(context)
    await page.get_by_role("button", name="Đăng xuất").click()
    await expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
    await public.click()
    await page.get_by_label("Có", exact=True).check()
    await page.get_by_role("button", name="Xem lại").click()
    await choose_unit(page, "bac lieu", "Phường Bạc Liêu")
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()  # saved, or already sent
    [item] = await outbox_items(page)
    assert item["owner"] == ""

    await go_online(context)
    await page.goto(f"{live_server.url}/#/outbox")
    await page.get_by_role("button", name="Gửi ngay").click()
    await wait_outbox_empty(page)
    # the sign-out was finished first: a visitor's response, and no session left
    staff, device = await asyncio.to_thread(live_server.recorded_by, item["clientId"])
    assert staff is None and device == item["deviceId"]
    viewer = await page.evaluate(
        """() => fetch('/graphql', {method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({query: '{ viewer { username } }'})}).then((r) => r.json())"""
    )
    assert viewer["data"]["viewer"] is None


def test_app_files_are_cached_by_kind_and_pages_carry_a_csp(live_server: LiveServer) -> None:
    index = httpx.get(f"{live_server.url}/")
    assert index.headers["cache-control"] == "no-cache"
    assert "default-src 'self'" in index.headers["content-security-policy"]
    assert "media-src 'self' blob:" in index.headers["content-security-policy"]  # recordings
    assert httpx.get(f"{live_server.url}/sw.js").headers["cache-control"] == "no-cache"
    route = httpx.get(f"{live_server.url}/some/client/route")
    assert route.status_code == 200 and "content-security-policy" in route.headers
    asset = next(p for p in (DIST / "assets").iterdir() if p.suffix == ".js")
    cached = httpx.get(f"{live_server.url}/assets/{asset.name}")
    assert cached.status_code == 200
    assert cached.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert httpx.get(f"{live_server.url}/assets/missing-123.js").status_code == 404
