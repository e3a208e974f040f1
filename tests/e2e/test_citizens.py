"""The citizens' side of initiatives on a 360x740 phone, no account needed (issue 13):
an initiative submitted offline with an attachment is sent once when the network is
back, its tracking code shows the status, a staff note marked public reaches the
tracking page and the citizen answers it; the public showcase of awarded models shows
no personal data, in its rendered text or in the GraphQL answers it receives.

Everything is made through the API as the province admin (conftest.py) with names of
this file's own; screenshots go to test-artifacts/ (360x740 and 1280x800).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, FilePayload, Page, Response, ViewportSize, expect

from tests.e2e.conftest import (
    DESKTOP,
    ROOT,
    STAFF_UNIT,
    LiveServer,
    new_context,
    outbox_items,
    phone_page,
    stored_items,
)
from tests.e2e.test_pwa import go_offline, go_online, wait_outbox_empty

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "test-artifacts"
PHONE: ViewportSize = {"width": 360, "height": 740}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TITLE = "Bản đồ số điểm thu gom rác ấp Cái Giá (E2E công dân)"
PUBLIC_NOTE = "Vui lòng bổ sung số hộ tham gia thu gom."
STAFF_NOTE = "Ghi chú nội bộ E2E: gọi lại cho người gửi"
SUBMITTER = {
    "name": "Trương Thị Kiều Diễm",
    "phone": "0918 765 432",
    "email": "kieudiem.e2e@example.vn",
}
# what must never reach the public showcase (submitter of the awarded model)
AWARDED_BY = {
    "name": "Phạm Quốc Khánh E2E",
    "phone": "0977 123 456",
    "email": "khanh.e2e@example.vn",
}
AWARDED_TITLE = "Chợ phiên số ấp Vĩnh Mỹ (E2E trưng bày)"
COMMITTEE = ("e2e.citizens.hoidong", "mat-khau-hoi-dong-cong-dan")

SCREEN = """mutation($i: ScreenInitiativeInput!) { screenInitiative(input: $i) {
    initiative { status } errors { code message } } }"""
FIND = "query($s: String!) { initiatives(search: $s, first: 5) { edges { node { id title } } } }"


async def wait_for_draft(page: Page, title: str, seconds: float = 5.0) -> None:
    """Until the initiative form's draft in IndexedDB holds ``title`` (it is written 300 ms
    after the last change)."""
    for _ in range(int(seconds / 0.05)):
        drafts = await stored_items(page, "drafts")
        if any(d["surveyId"] == "initiative" and d["raw"].get("title") == title for d in drafts):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no draft holds {title!r}: {drafts}")


def ok(data: dict[str, Any], field: str) -> dict[str, Any]:
    payload: dict[str, Any] = data[field]
    assert not payload.get("errors"), payload
    return payload


def initiative_id(server: LiveServer, title: str) -> str:
    edges = server.graphql(FIND, {"s": title})["initiatives"]["edges"]
    found: str = next(e["node"]["id"] for e in edges if e["node"]["title"] == title)
    return found


def stored(server: LiveServer, title: str) -> list[tuple[str, str, str, int]]:
    """(client id, tracking code, phone, attachments) of every initiative with this title."""
    with closing(sqlite3.connect(f"file:{server.database}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT i.client_id, i.tracking_code, i.submitter_phone, (SELECT COUNT(*) FROM"
            " recognition_attachment a WHERE a.initiative_id = i.id) FROM recognition_initiative i"
            " WHERE i.title = ?",
            (title,),
        ).fetchall()
    return [(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]


async def shoot(page: Page, name: str) -> None:
    """The current screen at a phone's and a desktop's size (whole page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        await page.set_viewport_size(viewport)
        await page.screenshot(path=str(ARTIFACTS / f"citizens-{name}-{size}.png"), full_page=True)
    await page.set_viewport_size(PHONE)


async def test_an_initiative_submitted_offline_is_sent_once_and_tracked(
    live_server: LiveServer, browser: Browser
) -> None:
    async with phone_page(browser) as page:
        await page.set_viewport_size(PHONE)
        await page.goto(f"{live_server.url}/#/track")
        await page.get_by_role("link", name="Gửi sáng kiến mới").click()
        await expect(page.get_by_role("heading", name="Gửi sáng kiến", level=1)).to_be_visible()
        unit = page.get_by_label("Xã/phường áp dụng")
        await expect(unit.locator(f"option[value='{STAFF_UNIT}']")).to_have_count(1)

        # checked on the phone: a renamed program and a file over 5 MB never leave it
        files = page.get_by_label("Chọn tệp đính kèm")
        await files.set_input_files(
            [
                FilePayload(
                    name="ke-hoach.pdf", mimeType="application/pdf", buffer=b"MZ\x90\x00" * 64
                ),
                FilePayload(
                    name="qua-lon.pdf", mimeType="application/pdf", buffer=PDF + b"0" * 5_000_000
                ),
            ]
        )
        await expect(
            page.get_by_text("“ke-hoach.pdf” không phải tệp PDF, JPG, PNG hay DOCX.")
        ).to_be_visible()
        await expect(
            page.get_by_text("“qua-lon.pdf” lớn hơn 5 MB, không gửi được.")
        ).to_be_visible()
        await files.set_input_files(
            [FilePayload(name="so-do-diem-thu-gom.pdf", mimeType="application/pdf", buffer=PDF)]
        )
        await expect(page.locator(".init-file-list li")).to_have_count(1)

        # kept as a draft while typed: a reload brings back the text and the file
        await page.get_by_label("Tên sáng kiến").fill(TITLE)
        await wait_for_draft(page, TITLE)
        await page.reload()
        await expect(page.get_by_text("Đã mở lại phiếu đang điền dở")).to_be_visible()
        await expect(page.get_by_label("Tên sáng kiến")).to_have_value(TITLE)
        await expect(page.locator(".init-file-list li")).to_contain_text("so-do-diem-thu-gom.pdf")
        await page.get_by_label("Lĩnh vực").select_option("DIGITAL_SOCIETY")
        await unit.select_option(STAFF_UNIT)
        await page.get_by_label("Tóm tắt").fill(
            "Bản đồ trực tuyến các điểm thu gom rác và lịch thu gom của ấp."
        )
        await page.get_by_label("Vấn đề cần giải quyết").fill(
            "Người dân không biết giờ và nơi xe rác đến, rác đổ bừa bãi."
        )
        await page.get_by_label("Giải pháp").fill(
            "Tổ công nghệ số cập nhật bản đồ và gửi lịch qua Zalo mỗi tuần."
        )
        await page.get_by_label("Họ và tên").fill(SUBMITTER["name"])
        await page.get_by_label("Số điện thoại").fill(SUBMITTER["phone"])
        await page.get_by_label("Email").fill(SUBMITTER["email"])
        # the honeypot: off screen and out of the tab order (Tab goes from Email to the button)
        honeypot = page.locator("input[name=website]")
        box = await honeypot.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 0
        await expect(honeypot).to_have_attribute("tabindex", "-1")
        await page.get_by_label("Email").press("Tab")
        await expect(page.get_by_role("button", name="Gửi sáng kiến")).to_be_focused()
        await shoot(page, "new")

        await go_offline(page.context)
        await page.get_by_role("button", name="Gửi sáng kiến").click()
        await expect(page.get_by_role("heading", name="Đã lưu sáng kiến trên máy")).to_be_visible()
        await expect(page.get_by_test_id("init-waiting")).to_be_visible()
        items = await outbox_items(page)
        assert [i["kind"] for i in items] == ["initiative"]
        assert items[0]["input"]["website"] == "" and len(items[0]["attachments"]) == 1
        assert stored(live_server, TITLE) == []
        await shoot(page, "queued")

        await go_online(page.context)  # the scheduler flushes on "online"
        await wait_outbox_empty(page)
        await expect(page.get_by_role("heading", name="Đã gửi sáng kiến")).to_be_visible()
        code = (await page.get_by_test_id("tracking-code").inner_text()).strip()
        assert stored(live_server, TITLE) == [(items[0]["clientId"], code, "0918765432", 1)]
        await shoot(page, "sent")

        await page.get_by_role("link", name="Xem tình trạng").click()
        await expect(page.get_by_test_id("tracking-status")).to_have_text("Mới gửi")

        # staff screen it and ask, with a public note (and an internal one that stays inside)
        pk = initiative_id(live_server, TITLE)
        ok(
            live_server.graphql(SCREEN, {"i": {"id": pk, "toStatus": "SCREENING"}}),
            "screenInitiative",
        )
        ok(
            live_server.graphql(
                SCREEN,
                {
                    "i": {
                        "id": pk,
                        "toStatus": "NEEDS_INFO",
                        "note": STAFF_NOTE,
                        "publicNote": PUBLIC_NOTE,
                    }
                },
            ),
            "screenInitiative",
        )
        await page.reload()
        await expect(page.get_by_test_id("tracking-status")).to_have_text("Cần bổ sung thông tin")
        await expect(page.get_by_test_id("public-note")).to_have_text(PUBLIC_NOTE)
        await expect(page.locator(".timeline li")).to_have_count(3)
        await expect(page.get_by_text(STAFF_NOTE)).to_have_count(0)
        await shoot(page, "tracking")

        await page.get_by_label("Số điện thoại đã dùng khi gửi").fill("+84 918 765 432")
        await page.get_by_label("Thông tin bổ sung").fill("Có 126 hộ tham gia, 9 điểm thu gom.")
        await page.get_by_role("button", name="Gửi thông tin bổ sung").click()
        await expect(page.get_by_test_id("tracking-status")).to_have_text("Đang sàng lọc")

        await page.get_by_role("link", name="Sáng kiến của tôi", exact=True).first.click()
        mine = page.locator(".my-initiatives li", has_text=TITLE)
        await expect(mine).to_contain_text(code)
        await expect(mine).to_contain_text("Đang sàng lọc")
        await shoot(page, "hub")
        assert len(stored(live_server, TITLE)) == 1


def _login(server: LiveServer, user: tuple[str, str]) -> httpx.Cookies:
    reply = httpx.post(
        f"{server.url}/graphql",
        json={
            "query": "mutation($i: LoginInput!) { login(input: $i) { viewer { username } errors { code } } }",
            "variables": {"i": {"username": user[0], "password": user[1]}},
        },
        timeout=30,
    )
    assert reply.json()["data"]["login"]["viewer"], reply.text
    return reply.cookies


@pytest.fixture(scope="module")
def awarded(live_server: LiveServer) -> Iterator[dict[str, str]]:
    """An initiative awarded through the API (screened, nominated, scored, closed, awarded,
    finalised) and replicated by one organisation: what the showcase shows."""
    g = live_server.graphql
    submitted = ok(
        g(
            """mutation($i: SubmitInitiativeInput!) { submitInitiative(input: $i) {
                trackingCode errors { code message } } }""",
            {
                "i": {
                    "title": AWARDED_TITLE,
                    "summary": "Phiên chợ cuối tuần bán nông sản qua livestream và mã QR.",
                    "problem": "Nông sản của ấp bán chậm, thương lái ép giá.",
                    "solution": "Tổ công nghệ số hướng dẫn bà con livestream và nhận tiền qua QR.",
                    "results": "Giá bán tăng 15 %, 40 hộ tham gia.",
                    "category": "DIGITAL_ECONOMY",
                    "adminUnitCode": STAFF_UNIT,
                    "submitterName": AWARDED_BY["name"],
                    "submitterPhone": AWARDED_BY["phone"],
                    "submitterEmail": AWARDED_BY["email"],
                }
            },
        ),
        "submitInitiative",
    )
    assert submitted["trackingCode"]
    pk = initiative_id(live_server, AWARDED_TITLE)
    for status in ("SCREENING", "ACCEPTED_FOR_REVIEW"):
        ok(g(SCREEN, {"i": {"id": pk, "toStatus": status}}), "screenInitiative")
    member = ok(
        g(
            "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } errors { code message } } }",
            {
                "i": {
                    "username": COMMITTEE[0],
                    "password": COMMITTEE[1],
                    "displayName": "Hội Đồng Công Dân E2E",
                    "roles": ["COMMITTEE_MEMBER"],
                    "scopeCode": "96",
                }
            },
        ),
        "createUser",
    )["user"]["id"]
    now = datetime.now(UTC)
    round_id = ok(
        g(
            """mutation($i: CreateRecognitionRoundInput!) { createRecognitionRound(input: $i) {
                round { id } errors { field code message } } }""",
            {
                "i": {
                    "title": "Xét chọn mô hình trưng bày E2E",
                    "periodStart": "2026-01-01",
                    "periodEnd": "2026-12-31",
                    "opensAt": (now - timedelta(hours=1)).isoformat(),
                    "closesAt": (now + timedelta(days=2)).isoformat(),
                    "committeeUserIds": [member],
                    "chairUserId": member,
                    "quorum": 1,
                }
            },
        ),
        "createRecognitionRound",
    )["round"]["id"]
    nomination = ok(
        g(
            """mutation($i: NominateInitiativeInput!) { nominateInitiative(input: $i) {
                nomination { id } errors { code message } } }""",
            {"i": {"roundId": round_id, "initiativeId": pk}},
        ),
        "nominateInitiative",
    )["nomination"]["id"]
    scores = [("novelty", 9), ("effectiveness", 8), ("replicability", 9), ("reach", 7)]
    cast = httpx.post(
        f"{live_server.url}/graphql",
        json={
            "query": """mutation($i: CastBallotInput!) { castBallot(input: $i) {
                errors { code message } } }""",
            "variables": {
                "i": {
                    "nominationId": nomination,
                    "scores": [{"criterion": c, "score": s} for c, s in scores],
                }
            },
        },
        cookies=_login(live_server, COMMITTEE),
        timeout=30,
    ).json()
    assert cast["data"]["castBallot"]["errors"] == [], cast
    round_input = {"i": {"roundId": round_id}}
    close = "mutation($i: RoundInput!) { closeRound(input: $i) { errors { code message } } }"
    ok(g(close, round_input), "closeRound")
    ok(
        g(
            """mutation($i: GrantAwardInput!) { grantAward(input: $i) { errors { code message } } }""",
            {
                "i": {
                    "nominationId": nomination,
                    "level": "SECOND_PRIZE",
                    "citation": "Đưa nông sản của ấp lên chợ số, dễ nhân rộng.",
                }
            },
        ),
        "grantAward",
    )
    final = "mutation($i: RoundInput!) { finalizeRound(input: $i) { errors { code message } } }"
    ok(g(final, round_input), "finalizeRound")
    organization = ok(
        g(
            """mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
                organization { id } errors { code message } } }""",
            {
                "i": {
                    "name": "HTX Nông nghiệp số Vĩnh Mỹ E2E",
                    "kind": "ENTERPRISE",
                    "adminUnitCode": STAFF_UNIT,
                }
            },
        ),
        "createOrganization",
    )["organization"]["id"]
    ok(
        g(
            """mutation($i: RecordReplicationInput!) { recordReplication(input: $i) {
                errors { code message } } }""",
            {
                "i": {
                    "initiativeId": pk,
                    "organizationId": organization,
                    "startedAt": "2026-10-01",
                    "status": "IN_PROGRESS",
                    "note": "Ghi chú nội bộ nhân rộng E2E",
                }
            },
        ),
        "recordReplication",
    )
    yield {"initiativeId": pk}


def personal_data(text: str) -> list[str]:
    """The awarded model's submitter as any of their details could appear."""
    needles = [
        AWARDED_BY["name"],
        AWARDED_BY["email"],
        AWARDED_BY["phone"],
        AWARDED_BY["phone"].replace(" ", ""),
        "977123456",
        "Ghi chú nội bộ",
    ]
    return [n for n in needles if n.lower() in text.lower()]


async def test_the_showcase_shows_awarded_models_and_no_personal_data(
    live_server: LiveServer, browser: Browser, awarded: dict[str, str]
) -> None:
    context = await new_context(browser)
    answers: list[str] = []

    async def record(response: Response) -> None:
        if response.url.endswith("/graphql") and response.request.method == "POST":
            # decoded, so that escaped Vietnamese (\u1ea5) is searched as it reads
            answers.append(json.dumps(await response.json(), ensure_ascii=False))

    try:
        page = await context.new_page()
        await page.set_viewport_size(PHONE)
        page.on("response", record)
        await page.goto(f"{live_server.url}/#/showcase")
        await expect(page.get_by_role("heading", name="Mô hình tiêu biểu", level=1)).to_be_visible()
        card = page.locator(".model", has_text=AWARDED_TITLE)
        await expect(card).to_be_visible()
        # filters: another field hides it, its field and commune show it
        await page.get_by_label("Lĩnh vực").select_option("DIGITAL_GOVERNMENT")
        await expect(card).to_have_count(0)
        await page.get_by_label("Lĩnh vực").select_option("DIGITAL_ECONOMY")
        await page.get_by_label("Xã/phường").select_option(STAFF_UNIT)
        await expect(card).to_be_visible()
        await expect(card).to_contain_text("Giải Nhì")
        await expect(card).to_contain_text("Đã nhân rộng tại 1 xã/phường")
        list_text = await page.locator("main").inner_text()
        await shoot(page, "showcase")

        await card.get_by_role("link", name=AWARDED_TITLE).click()
        await expect(page.get_by_role("heading", name=AWARDED_TITLE, level=1)).to_be_visible()
        await expect(
            page.get_by_text("Đưa nông sản của ấp lên chợ số, dễ nhân rộng.")
        ).to_be_visible()
        replications = page.get_by_role("table", name="Nơi nhân rộng")
        await expect(replications).to_contain_text("HTX Nông nghiệp số Vĩnh Mỹ E2E")
        await expect(replications).to_contain_text("Đang triển khai")
        detail_text = await page.locator("main").inner_text()
        shared = page.url
        await shoot(page, "model")

        # a shared link opens the model by itself
        other = await context.new_page()
        other.on("response", record)
        await other.goto(shared)
        await expect(other.get_by_role("heading", name=AWARDED_TITLE, level=1)).to_be_visible()
        await other.close()

        assert answers, "the showcase sent no GraphQL request"
        assert any(AWARDED_TITLE in a for a in answers)
        for text in (list_text, detail_text, *answers):
            assert personal_data(text) == [], text[:400]
        for answer in answers:
            for field in ("submitter", "phone", "email", "nationalid"):
                assert f'"{field}' not in answer.lower(), answer[:400]
    finally:
        await context.close()
