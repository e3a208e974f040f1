"""Browser tests of the recognition screens (issue 15): the committee scores on phones
with sealed ballots and an automatic recusal, the chair closes the round and the results
match ``roundResults`` and a weighted mean computed by hand, two tabs voting at once leave
one ballot, a screening step's public note reaches the public tracking query, and rounds
are created and awarded through the screens.

The live server starts empty (conftest.py): each test makes what it needs as the province
admin through GraphQL. No API links an account to a Network member, so the one committee
member whose automatic recusal is tested is linked in the server's SQLite file.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import sqlite3
from collections.abc import AsyncIterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import ADMIN, SHOT_SIZES, STAFF_UNIT, LiveServer, shoot, sign_in, signed_in

pytestmark = pytest.mark.e2e

PHONE = SHOT_SIZES["360x740"]
PASSWORD = "mat-khau-hoi-dong-e2e"
WEIGHTS = {"novelty": 30, "effectiveness": 30, "replicability": 25, "reach": 15}
LABELS = {
    "novelty": "Tính mới",
    "effectiveness": "Hiệu quả",
    "replicability": "Khả năng nhân rộng",
    "reach": "Phạm vi ảnh hưởng",
}
_phones = itertools.count(1)

USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } errors { code message } } }"
SUBMIT = """mutation($i: SubmitInitiativeInput!) { submitInitiative(input: $i) {
    trackingCode errors { code message } } }"""
FIND = "query($s: String!) { initiatives(search: $s, first: 5) { edges { node { id title } } } }"
SCREEN = """mutation($i: ScreenInitiativeInput!) { screenInitiative(input: $i) {
    initiative { status } errors { code message } } }"""
ROUND = """mutation($i: CreateRecognitionRoundInput!) { createRecognitionRound(input: $i) {
    round { id } errors { field code message } } }"""
NOMINATE = """mutation($i: NominateInitiativeInput!) { nominateInitiative(input: $i) {
    nomination { id } errors { code message } } }"""
VOTES = """query($id: ID!) { recognitionRound(id: $id) { status nominations(first: 50) {
    edges { node { id votedCount votes { voterName recused } ballots { id } } } } } }"""
RESULTS = """query($id: ID!) { roundResults(roundId: $id) { nominationId rank score hasQuorum
    ballots recusals criterionMeans { criterion score } } }"""
TRACK = """query($c: String!) { initiativeByTrackingCode(code: $c) { status publicNote
    history { status publicNote } } }"""
CHAIR_NOTE = "Cần số liệu người dùng thực tế (E2E)."


async def anonymous(server: LiveServer, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """A GraphQL call without an account (a citizen's)."""
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        reply = await client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = reply.json()
    assert not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


def ok(data: dict[str, Any], field: str) -> dict[str, Any]:
    payload: dict[str, Any] = data[field]
    assert not payload.get("errors"), payload
    return payload


@dataclass
class Committee:
    ids: list[str]
    logins: list[tuple[str, str]]
    organization_id: str


@pytest.fixture(scope="module")
def committee(live_server: LiveServer) -> Committee:
    """Three committee members; the third is a member of an organisation whose
    initiatives they will be recused from automatically."""
    org = ok(
        live_server.graphql(
            """mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
                organization { id } errors { code message } } }""",
            {
                "i": {
                    "name": "UBND Phường Bạc Liêu (E2E)",
                    "kind": "PEOPLES_COMMITTEE",
                    "adminUnitCode": STAFF_UNIT,
                }
            },
        ),
        "createOrganization",
    )["organization"]["id"]
    ok(
        live_server.graphql(
            "mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } errors { code message } } }",
            {"i": {"fullName": "Hội Đồng Ba E2E", "organizationId": org}},
        ),
        "createMember",
    )
    ids, logins = [], []
    for n, name in ((1, "Hội Đồng Một E2E"), (2, "Hội Đồng Hai E2E"), (3, "Hội Đồng Ba E2E")):
        username = f"e2e.hoidong{n}"
        user = ok(
            live_server.graphql(
                USER,
                {
                    "i": {
                        "username": username,
                        "password": PASSWORD,
                        "displayName": name,
                        "roles": ["COMMITTEE_MEMBER"],
                        "scopeCode": "96",
                    }
                },
            ),
            "createUser",
        )["user"]
        ids.append(user["id"])
        logins.append((username, PASSWORD))
    with closing(sqlite3.connect(live_server.database)) as db, db:
        db.execute(
            "UPDATE account_user SET member_id = (SELECT id FROM network_member WHERE full_name = ?)"
            " WHERE username = ?",
            ("Hội Đồng Ba E2E", "e2e.hoidong3"),
        )
    return Committee(ids, logins, org)


def accepted_initiative(server: LiveServer, title: str, organization_id: str | None = None) -> str:
    """An initiative submitted (by the admin, for an organisation) and accepted for review."""
    submission: dict[str, Any] = {
        "title": title,
        "summary": "Tóm tắt sáng kiến thử nghiệm cho hội đồng chấm điểm.",
        "problem": "Người dân phải đi lại nhiều lần để nộp hồ sơ giấy.",
        "solution": "Hướng dẫn nộp hồ sơ trực tuyến tại nhà văn hóa ấp.",
        "category": "DIGITAL_GOVERNMENT",
        "submitterName": "Người Gửi E2E",
        "submitterPhone": f"0913 555 {next(_phones):03d}",
        "adminUnitCode": STAFF_UNIT,
    }
    if organization_id:
        submission["organizationId"] = organization_id
    ok(server.graphql(SUBMIT, {"i": submission}), "submitInitiative")
    edges = server.graphql(FIND, {"s": title})["initiatives"]["edges"]
    initiative_id: str = next(e["node"]["id"] for e in edges if e["node"]["title"] == title)
    for status in ("SCREENING", "ACCEPTED_FOR_REVIEW"):
        ok(
            server.graphql(SCREEN, {"i": {"id": initiative_id, "toStatus": status}}),
            "screenInitiative",
        )
    return initiative_id


def open_round(
    server: LiveServer, committee: Committee, title: str, initiative_ids: list[str]
) -> tuple[str, list[str]]:
    now = datetime.now(UTC)
    round_id: str = ok(
        server.graphql(
            ROUND,
            {
                "i": {
                    "title": title,
                    "periodStart": "2026-01-01",
                    "periodEnd": "2026-12-31",
                    "opensAt": (now - timedelta(hours=1)).isoformat(),
                    "closesAt": (now + timedelta(days=2)).isoformat(),
                    "committeeUserIds": committee.ids,
                    "chairUserId": committee.ids[0],
                    "quorum": 2,
                }
            },
        ),
        "createRecognitionRound",
    )["round"]["id"]
    nominations = [
        ok(
            server.graphql(NOMINATE, {"i": {"roundId": round_id, "initiativeId": i}}),
            "nominateInitiative",
        )["nomination"]["id"]
        for i in initiative_ids
    ]
    return round_id, nominations


async def member_page(
    browser: Browser, server: LiveServer, login: tuple[str, str]
) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport=PHONE, locale="vi-VN", service_workers="block")
    page = await context.new_page()
    await sign_in(page, server.url, login)
    return context, page


async def shoot_as(page: Page, name: str) -> None:
    await shoot(page, f"recognition-{name}")


async def score(page: Page, values: Mapping[str, float]) -> None:
    for key, value in values.items():
        await page.get_by_label(LABELS[key]).fill(str(value).replace(".", ","))


@pytest.fixture
async def admin_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    async with signed_in(browser, live_server.url, ADMIN, PHONE) as page:
        yield page


async def test_the_committee_scores_sealed_on_phones_and_the_chair_closes_the_round(
    browser: Browser, live_server: LiveServer, committee: Committee, admin_page: Page
) -> None:
    initiative = accepted_initiative(
        live_server, "Một cửa số tại nhà văn hóa ấp (E2E)", committee.organization_id
    )
    round_id, (nomination,) = open_round(
        live_server, committee, "Đợt xét chọn thử nghiệm E2E", [initiative]
    )
    pages = [await member_page(browser, live_server, login) for login in committee.logins]
    (_, chair), (_, second), (_, third) = pages
    first_scores = {"novelty": 9, "effectiveness": 8, "replicability": 7, "reach": 6}
    second_scores = {"novelty": 5, "effectiveness": 4, "replicability": 3, "reach": 2}
    try:
        # the list says what is left to score, and the nomination opens one a screen
        await chair.goto(f"{live_server.url}/#/committee")
        await expect(chair.get_by_test_id("todo-count")).to_contain_text("Còn 1/1")
        await shoot_as(chair, "committee")
        await chair.get_by_role("link", name="Một cửa số tại nhà văn hóa ấp (E2E)").click()
        await expect(chair.get_by_role("heading", level=1)).to_have_text(
            "Một cửa số tại nhà văn hóa ấp (E2E)"
        )
        await expect(chair.get_by_text("trọng số 30 · điểm từ 0 đến 10").first).to_be_visible()

        # out of bounds is refused on the phone before anything is sent
        await score(chair, {**first_scores, "novelty": 11})
        await chair.get_by_role("button", name="Gửi phiếu").click()
        await expect(chair.get_by_text("Điểm phải từ 0 đến 10.")).to_be_visible()
        await score(chair, first_scores)
        await chair.get_by_label("Nhận xét cho hội đồng (không bắt buộc)").fill(CHAIR_NOTE)
        await chair.get_by_role("button", name="Gửi phiếu").click()
        await expect(chair.get_by_test_id("ballot-notice")).to_have_text("Đã lưu phiếu (lần 1).")

        await second.goto(f"{live_server.url}/#/committee/{nomination}")
        await score(second, {**second_scores, "novelty": 4})
        await second.get_by_role("button", name="Gửi phiếu").click()
        await expect(second.get_by_test_id("ballot-notice")).to_have_text("Đã lưu phiếu (lần 1).")
        # revised until the close, every revision kept
        await score(second, second_scores)
        await second.get_by_role("button", name="Lưu phiếu (lần 2)").click()
        await expect(second.get_by_test_id("ballot-notice")).to_have_text("Đã lưu phiếu (lần 2).")
        await second.get_by_text("Các lần sửa (2)").click()
        await expect(second.get_by_text("Lần 1,")).to_be_visible()
        await shoot_as(second, "ballot")

        # a member of the initiative's organisation is recused automatically, whatever they send
        await third.goto(f"{live_server.url}/#/committee/{nomination}")
        await score(third, {"novelty": 10, "effectiveness": 10, "replicability": 10, "reach": 10})
        await third.get_by_role("button", name="Gửi phiếu").click()
        await expect(third.get_by_test_id("ballot-notice")).to_contain_text("tự động rút")
        await expect(third.get_by_role("button", name="Gửi phiếu")).to_have_count(0)
        await shoot_as(third, "ballot-auto-recused")

        # sealed: nobody sees another's scores, nor does the chair's view of the round
        await chair.reload()
        await expect(chair.get_by_test_id("current-ballot")).to_contain_text("9 / 10")
        assert "5 / 10" not in await chair.locator("main").inner_text()
        await second.reload()
        await expect(second.get_by_test_id("current-ballot")).to_contain_text("5 / 10")
        assert "9 / 10" not in await second.locator("main").inner_text()
        assert CHAIR_NOTE not in await second.locator("main").inner_text()
        await expect(chair.get_by_test_id("current-ballot")).to_contain_text(CHAIR_NOTE)
        await chair.goto(f"{live_server.url}/#/recognition/rounds/{round_id}")
        card = chair.get_by_test_id(f"nomination-{nomination}")
        await expect(card).to_contain_text("Đã bỏ phiếu: 3/3")
        await expect(card).to_contain_text("Hội Đồng Ba E2E · Đã rút")
        text = await card.inner_text()
        # no score anywhere: the only digits left once the vote times are taken out are
        # the vote count ("3/3"), never the chair's 9
        untimed = re.sub(r"\d{2}:\d{2} \d{2}/\d{2}/\d{2}", "", text)
        assert "/ 10" not in text and "9" not in untimed and CHAIR_NOTE not in text
        await shoot_as(chair, "round-open")
        votes = live_server.graphql(VOTES, {"id": round_id})["recognitionRound"]
        assert votes["nominations"]["edges"][0]["node"]["ballots"] is None

        # the chair closes the round; the screen shows what roundResults says
        await chair.get_by_role("button", name="Đóng đợt và tính kết quả").click()
        await (
            chair.get_by_role("dialog")
            .get_by_role("button", name="Đóng đợt và tính kết quả")
            .click()
        )
        results = chair.get_by_test_id("results")
        await expect(results).to_be_visible()
        server = live_server.graphql(RESULTS, {"id": round_id})["roundResults"]
        assert len(server) == 1 and server[0]["hasQuorum"] and server[0]["ballots"] == 2
        assert server[0]["recusals"] == 1
        means = {k: (first_scores[k] + second_scores[k]) / 2 for k in WEIGHTS}
        by_hand = 100 * sum(WEIGHTS[k] * means[k] / 10 for k in WEIGHTS) / sum(WEIGHTS.values())
        assert server[0]["score"] == pytest.approx(by_hand) == pytest.approx(57.5)
        row = results.locator(f"tr[data-nomination='{nomination}']")
        await expect(row).to_contain_text("57,5")
        await expect(row).to_contain_text("Đủ")
        await expect(row.locator("td").first).to_have_text(str(server[0]["rank"]))
        await shoot_as(chair, "round-results")

        # after the close a member sees the result and the committee's ballots
        await second.reload()
        await expect(second.get_by_test_id("nomination-result")).to_contain_text("57,5 điểm")
        await second.get_by_text("Phiếu của cả hội đồng (3)").click()
        await expect(second.get_by_text("Hội Đồng Một E2E")).to_be_visible()
        await expect(second.get_by_text(f"Nhận xét: {CHAIR_NOTE}")).to_be_visible()

        # the province admin grants the award through the screen
        await admin_page.goto(f"{live_server.url}/#/recognition/rounds/{round_id}")
        await admin_page.get_by_label("Mức khen thưởng").select_option("FIRST_PRIZE")
        await admin_page.get_by_label("Nội dung khen thưởng").fill("Mô hình một cửa số gần dân.")
        await admin_page.get_by_role("button", name="Khen thưởng", exact=True).click()
        await expect(
            admin_page.get_by_text("Giải Nhất — Mô hình một cửa số gần dân.")
        ).to_be_visible()
        await admin_page.get_by_text("Ghi nhận nơi nhân rộng").click()
        await admin_page.get_by_label("Tìm tổ chức").fill("Bạc Liêu")
        await admin_page.get_by_role("button", name="Tìm", exact=True).click()
        await admin_page.get_by_label("Tổ chức nhân rộng").select_option(committee.organization_id)
        await admin_page.get_by_label("Tình trạng").select_option("IN_PROGRESS")
        await admin_page.get_by_role("button", name="Lưu nhân rộng").click()
        await expect(
            admin_page.get_by_text("UBND Phường Bạc Liêu (E2E) (Phường Bạc Liêu) · Đang triển khai")
        ).to_be_visible()
        await shoot_as(admin_page, "round-awarded")
    finally:
        for context, _page in pages:
            await context.close()


async def test_two_tabs_voting_the_same_nomination_at_once_leave_one_ballot(
    browser: Browser, live_server: LiveServer, committee: Committee
) -> None:
    initiative = accepted_initiative(live_server, "Sổ tay điện tử cho tổ dân phố (E2E)")
    round_id, (nomination,) = open_round(
        live_server, committee, "Đợt hai thẻ cùng lúc E2E", [initiative]
    )
    context, first = await member_page(browser, live_server, committee.logins[1])
    try:
        second = await context.new_page()
        for page, value in ((first, 6), (second, 8)):
            await page.goto(f"{live_server.url}/#/committee/{nomination}")
            await score(page, dict.fromkeys(WEIGHTS, value))
        await asyncio.gather(
            first.get_by_role("button", name="Gửi phiếu").click(),
            second.get_by_role("button", name="Gửi phiếu").click(),
        )
        notices = [first.get_by_test_id("ballot-notice"), second.get_by_test_id("ballot-notice")]
        for notice in notices:
            await expect(notice).to_be_visible()
        texts = [await n.inner_text() for n in notices]
        saved = [i for i, text in enumerate(texts) if text == "Đã lưu phiếu (lần 1)."]
        stale = [
            i
            for i, text in enumerate(texts)
            if text.startswith("Phiếu của bạn vừa được lưu ở nơi khác")
        ]
        assert len(saved) == 1 and len(stale) == 1, texts
        # the losing tab shows the ballot as it stands, ready to revise
        loser = (first, second)[stale[0]]
        await expect(loser.get_by_test_id("current-ballot")).to_contain_text(
            "Phiếu của bạn (lần 1)"
        )
        await expect(loser.get_by_role("button", name="Lưu phiếu (lần 2)")).to_be_visible()
        await shoot_as(loser, "ballot-stale")
        node = live_server.graphql(VOTES, {"id": round_id})["recognitionRound"]["nominations"][
            "edges"
        ][0]["node"]
        assert node["votedCount"] == 1 and len(node["votes"]) == 1
    finally:
        await context.close()


async def test_a_screening_step_with_a_public_note_reaches_the_tracking_code(
    live_server: LiveServer, admin_page: Page
) -> None:
    title = "Wifi miễn phí tại chợ phường (E2E)"
    tracking = ok(
        await anonymous(
            live_server,
            SUBMIT,
            {
                "i": {
                    "title": title,
                    "summary": "Lắp wifi miễn phí tại chợ để tiểu thương dùng mã QR.",
                    "problem": "Sóng di động yếu trong nhà lồng chợ.",
                    "solution": "Phường phối hợp nhà mạng lắp ba điểm phát wifi.",
                    "category": "DIGITAL_ECONOMY",
                    "submitterName": "Người Dân E2E",
                    "submitterPhone": f"0913 556 {next(_phones):03d}",
                    "adminUnitCode": STAFF_UNIT,
                }
            },
        ),
        "submitInitiative",
    )["trackingCode"]
    page = admin_page
    await page.goto(f"{live_server.url}/#/initiatives/screening")
    await page.get_by_role("button", name=title).click()
    await expect(page.get_by_role("heading", name=title)).to_be_visible()
    await page.get_by_label("Bắt đầu sàng lọc").check()
    await page.get_by_role("button", name="Lưu bước xử lý").click()
    await expect(page.get_by_text("Đã chuyển sang: Đang sàng lọc.")).to_be_visible()
    note = "Vui lòng gửi thêm ảnh chụp vị trí lắp đặt."
    await page.get_by_label("Đề nghị bổ sung thông tin").check()
    await page.get_by_label("Ghi chú nội bộ").fill("Thiếu ảnh hiện trạng.")
    await page.get_by_label("Ghi chú công khai").fill(note)
    await page.get_by_role("button", name="Lưu bước xử lý").click()
    await expect(page.get_by_text("Đã chuyển sang: Cần bổ sung thông tin.")).to_be_visible()
    await expect(page.locator(".history")).to_contain_text("Ghi chú nội bộ: Thiếu ảnh hiện trạng.")
    await shoot_as(page, "screening")
    public = (await anonymous(live_server, TRACK, {"c": tracking}))["initiativeByTrackingCode"]
    assert public["status"] == "NEEDS_INFO"
    assert public["publicNote"] == note
    assert "Thiếu ảnh" not in str(public)


async def test_rounds_are_created_and_nominated_through_the_screens_and_the_leaderboard_shows(
    live_server: LiveServer, committee: Committee, admin_page: Page
) -> None:
    initiative_title = "Bản đồ số điểm thu gom rác (E2E)"
    accepted_initiative(live_server, initiative_title)
    page = admin_page
    await expect(page.get_by_role("link", name="Đợt xét chọn")).to_be_visible()
    await expect(page.get_by_role("link", name="Hội đồng")).to_have_count(0)
    await page.get_by_role("link", name="Đợt xét chọn").click()
    await page.get_by_role("button", name="Tạo đợt mới").click()
    await page.get_by_label("Tên đợt").fill("Đợt tạo trên màn hình E2E")
    for name in ("Hội Đồng Một E2E", "Hội Đồng Hai E2E"):
        await page.get_by_label(name).check()
    await page.get_by_label("Chủ tịch hội đồng").select_option(committee.ids[1])
    await shoot_as(page, "rounds-create")
    await page.get_by_role("button", name="Tạo đợt xét chọn").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Đợt tạo trên màn hình E2E")
    await page.get_by_label("Đề cử sáng kiến").select_option(
        label=f"{initiative_title} (Phường Bạc Liêu)"
    )
    await page.get_by_role("button", name="Đề cử", exact=True).click()
    await expect(page.get_by_role("heading", name=initiative_title)).to_be_visible()
    await expect(page.get_by_text("Đã bỏ phiếu: 0/2")).to_be_visible()
    await page.get_by_role("link", name="Đợt xét chọn").click()
    await expect(page.get_by_role("link", name="Đợt tạo trên màn hình E2E")).to_be_visible()
    await shoot_as(page, "rounds")
    await page.get_by_role("link", name="Thi đua").click()
    await expect(page.get_by_role("heading", name="Bảng xếp hạng thi đua")).to_be_visible()
    await expect(page.locator(".leaderboard > li").first).to_be_visible()
    await shoot_as(page, "emulation")
