"""Expert support in the browser (issue 18): the province office opens a request's ranked
matches with their reasons and proposes a partner; the partner, signed in with its own
account, accepts and logs the delivery from a phone. Through the forms: a partner
publishes an offer, the office asks for help and proposes it, the partner accepts and logs
the delivery with a photo and no signal; the outbox stores the log and the photo once."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator

import pytest
from playwright.async_api import Browser, FilePayload, expect

from tests.e2e.conftest import (
    ADMIN,
    LiveServer,
    outbox_items,
    phone_page,
    shoot,
    sign_in,
)
from tests.e2e.test_pwa import JPEG, go_offline, go_online, wait_outbox_empty

PARTNER = ("e2e.doitac", "mat-khau-doi-tac-e2e")
ORG = """mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) {
  organization { id } errors { code } } }"""
MEMBER = """mutation($input: CreateMemberInput!) { createMember(input: $input) {
  member { id } errors { code } } }"""
USER = """mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { code } } }"""
TAGS = "{ expertiseTags { id name } }"
OFFER = """mutation($input: CreateSupportOfferInput!) { createSupportOffer(input: $input) {
  offer { id } errors { code } } }"""
REQUEST = """mutation($input: CreateSupportRequestInput!) { createSupportRequest(input: $input) {
  request { id } errors { code } } }"""


@pytest.fixture(scope="module")
def world(live_server: LiveServer) -> Iterator[dict[str, str]]:
    """A partner organisation with an account and an offer, and a request it may answer."""
    suffix = uuid.uuid4().hex[:6]
    org = live_server.graphql(
        ORG,
        {"input": {"name": f"VNPT E2E {suffix}", "kind": "TELECOM_POSTAL", "adminUnitCode": "96"}},
    )["createOrganization"]["organization"]["id"]
    member = live_server.graphql(
        MEMBER, {"input": {"fullName": "Trần Kỹ Thuật", "organizationId": org, "position": "Kỹ sư"}}
    )["createMember"]["member"]["id"]
    made = live_server.graphql(
        USER,
        {
            "input": {
                "username": PARTNER[0],
                "password": PARTNER[1],
                "displayName": "Đối tác E2E",
                "roles": ["PARTNER"],
                "scopeCode": "96",
                "memberId": member,
            }
        },
    )["createUser"]
    assert not made["errors"], made
    tags = {t["name"]: t["id"] for t in live_server.graphql(TAGS)["expertiseTags"]}
    offer_title = f"Gói VNeID E2E {suffix}"
    offer = live_server.graphql(
        OFFER,
        {
            "input": {
                "title": offer_title,
                "tagIds": [tags["VNeID"]],
                "capacityPersonDays": 10,
                "servedUnitCodes": ["96"],
                "startsOn": "2026-01-01",
                "endsOn": "2027-12-31",
                "expertIds": [member],
                "organizationId": org,
            }
        },
    )["createSupportOffer"]
    assert not offer["errors"], offer
    request_title = f"Kích hoạt VNeID E2E {suffix}"
    request = live_server.graphql(
        REQUEST,
        {
            "input": {
                "adminUnitCode": "96",
                "title": request_title,
                "tagIds": [tags["VNeID"]],
                "startsOn": "2027-03-01",
                "endsOn": "2027-03-05",
                "personDays": 3,
                "peopleToHelp": 50,
            }
        },
    )["createSupportRequest"]
    assert not request["errors"], request
    yield {"offer": offer_title, "request": request_title}


async def test_office_proposes_a_match_and_the_partner_accepts_and_logs_delivery(
    live_server: LiveServer, world: dict[str, str], browser: Browser
) -> None:
    async with phone_page(browser) as page:
        await sign_in(page, live_server.url, ADMIN)
        await page.goto(f"{live_server.url}/#/support/requests")
        card = page.locator("article.card", has_text=world["request"])
        await card.get_by_role("button", name="Gợi ý đối tác").click()
        match = card.locator("li.sup-match", has_text=world["offer"])
        await expect(match).to_contain_text("Đúng lĩnh vực: VNeID")
        await expect(match).to_contain_text("Còn 10 ngày công trong tháng: đủ")
        await shoot(page, "support-matches")
        await match.get_by_role("button", name="Đề nghị đối tác này").click()
        await expect(match).to_contain_text("Đã gửi đề nghị.")

    async with phone_page(browser) as page:
        await sign_in(page, live_server.url, PARTNER)
        await page.get_by_role("link", name="Hỗ trợ chuyên gia").click()
        await page.get_by_role("link", name=world["request"]).click()
        await expect(page.get_by_text("Đã đề nghị, chờ đối tác trả lời")).to_be_visible()
        await page.get_by_role("button", name="Nhận hỗ trợ").click()
        await expect(page.get_by_text("Đối tác đã nhận")).to_be_visible()
        await page.get_by_label("Số giờ").fill("12")
        await page.get_by_label("Số ngày công").fill("1.5")
        await page.get_by_label("Số người được hỗ trợ").fill("200000")
        await page.get_by_role("button", name="Lưu kết quả").click()
        await expect(page.get_by_role("alert")).to_contain_text("từ 0 đến")
        await page.get_by_label("Số người được hỗ trợ").fill("47")
        await page.get_by_role("button", name="Lưu kết quả").click()
        await expect(page.locator(".sup-status")).to_have_text("Đã hỗ trợ xong")
        await shoot(page, "support-engagement")


async def test_partner_offers_staff_ask_and_propose_and_the_partner_accepts(
    live_server: LiveServer, world: dict[str, str], browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:6]
    offer = f"Chữ ký số cho xã E2E {suffix}"
    need = f"Cấp chữ ký số cho cán bộ xã E2E {suffix}"
    async with phone_page(browser) as page:
        await sign_in(page, live_server.url, PARTNER)
        # a partner's header has no Events nor citizens' Initiatives
        nav = page.get_by_role("navigation", name="Điều hướng chính")
        await expect(nav.get_by_role("link", name="Hỗ trợ chuyên gia")).to_be_visible()
        await expect(nav.get_by_role("link", name="Sự kiện")).to_have_count(0)
        await expect(nav.get_by_role("link", name="Sáng kiến")).to_have_count(0)
        await page.goto(f"{live_server.url}/#/support/offers")
        await page.get_by_role("button", name="Đăng gói hỗ trợ mới").click()
        await page.get_by_label("Tên gói hỗ trợ").fill(offer)
        await page.get_by_role("checkbox", name="Chữ ký số").check()
        await page.get_by_role("checkbox", name="Trần Kỹ Thuật (Kỹ sư)").check()
        await page.get_by_label("Năng lực (ngày công mỗi tháng)").fill("8")
        await page.get_by_role("checkbox", name="Toàn tỉnh").check()
        await page.locator("#supf-offer-starts").fill("2027-06-01")
        await page.locator("#supf-offer-ends").fill("2027-01-01")
        await page.get_by_role("button", name="Đăng gói hỗ trợ").click()
        await expect(page.locator("#supf-offer-ends-error")).to_contain_text(
            "Ngày kết thúc phải sau"
        )
        await page.locator("#supf-offer-starts").fill("2027-01-01")
        await page.locator("#supf-offer-ends").fill("2027-12-31")
        await page.get_by_role("button", name="Đăng gói hỗ trợ").click()
        await expect(page.get_by_role("status")).to_contain_text("Đã lưu gói hỗ trợ.")
        card = page.locator("article.card", has_text=offer)
        await expect(card).to_contain_text("Trần Kỹ Thuật")
        await shoot(page, "support-offer-created")

    async with phone_page(browser) as page:
        await sign_in(page, live_server.url, ADMIN)
        await page.goto(f"{live_server.url}/#/support/requests")
        await page.get_by_role("button", name="Gửi yêu cầu hỗ trợ").click()
        await page.get_by_label("Tiêu đề").fill(need)
        await page.get_by_label("Nội dung cần hỗ trợ").fill("Hai buổi tại UBND xã.")
        await page.get_by_role("checkbox", name="Chữ ký số").check()
        await page.locator("#supf-starts").fill("2027-04-05")
        await page.locator("#supf-ends").fill("2027-04-06")
        await page.get_by_label("Số ngày công cần").fill("2")
        await page.get_by_label("Số người cần tập huấn, hỗ trợ").fill("30")
        await shoot(page, "support-request-form")
        await page.get_by_role("button", name="Gửi yêu cầu", exact=True).click()
        await expect(page.get_by_role("status")).to_contain_text("Đã gửi yêu cầu.")
        card = page.locator("article.card", has_text=need)
        await card.get_by_role("button", name="Gợi ý đối tác").click()
        match = card.locator("li.sup-match", has_text=offer)
        await expect(match).to_contain_text("Đúng lĩnh vực: Chữ ký số")
        await match.get_by_role("button", name="Đề nghị đối tác này").click()
        await expect(match).to_contain_text("Đã gửi đề nghị.")

    async with phone_page(browser) as page:
        await sign_in(page, live_server.url, PARTNER)
        await page.goto(f"{live_server.url}/#/support/requests")
        await page.get_by_role("link", name=need).click()
        await page.get_by_role("button", name="Nhận hỗ trợ").click()
        await expect(page.get_by_text("Đối tác đã nhận")).to_be_visible()

        # the delivery is logged from the field with a photo and no signal: it waits in
        # the outbox, then the log and its photo are stored once
        await go_offline(page.context)
        await page.get_by_label("Số giờ").fill("6")
        await page.get_by_label("Số ngày công").fill("1")
        await page.get_by_label("Số người được hỗ trợ").fill("28")
        await page.get_by_label("Thêm ảnh").set_input_files(
            files=[FilePayload(name="buoi-ho-tro.jpg", mimeType="image/jpeg", buffer=JPEG)]
        )
        await expect(page.get_by_role("img", name="Ảnh 1")).to_be_visible()
        await page.get_by_role("button", name="Lưu kết quả").click()
        await expect(page.locator("form [role=status]")).to_contain_text("hộp thư đi")
        items = await outbox_items(page)
        assert [i["kind"] for i in items] == ["supportDelivery"]
        await shoot(page, "support-delivery-offline")
        await go_online(page.context)
        await page.evaluate("window.dispatchEvent(new Event('online'))")
        await wait_outbox_empty(page)
        await page.evaluate("window.dispatchEvent(new Event('online'))")  # a second flush
        with sqlite3.connect(live_server.database) as db:
            rows = db.execute(
                """SELECT e.status, e.people_helped, count(p.id) FROM support_engagement e
                JOIN support_request r ON r.id = e.request_id
                LEFT JOIN support_delivery_photo p ON p.engagement_id = e.id
                WHERE r.title = ? GROUP BY e.id""",
                (need,),
            ).fetchall()
        assert rows == [("DELIVERED", 28, 1)]
