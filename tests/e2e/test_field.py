"""Field work in the PWA as the demo field staff of Phường Bạc Liêu (canbo.31825) does it
on a phone: the home, an event, and check-in offline from a downloaded roster, sent
exactly once when the network is back. Screenshots go to test-artifacts/ (360x740 and
1280x800).

The demo Network, accounts and activities (demo/) are seeded once into the shared
server's database: they add a training going on now in 31825, its tech team invited.
"""

from __future__ import annotations

import asyncio
import base64
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, FilePayload, Page, Request, expect

from demo import DEMO_PASSWORD
from demo.activities import TODAY_TITLE
from tests.e2e.conftest import (
    ROOT,
    SHOT_SIZES,
    LiveServer,
    outbox_items,
    phone_page,
    shoot,
    sign_in,
)
from tests.e2e.test_photo_resize import png
from tests.e2e.test_pwa import go_offline, go_online, wait_outbox_empty

pytestmark = pytest.mark.e2e

FIELD_STAFF = ("canbo.31825", DEMO_PASSWORD)

_SEED = """
import asyncio, sys
from tortoise import Tortoise
from tortoise.transactions import in_transaction
from api.db import tortoise_config
from core.actor import Actor
from demo.accounts import seed_demo_accounts
from demo.activities import seed_demo_activities
from demo.network import seed_demo_network
from network.models import AdminUnit

async def main(url):
    await Tortoise.init(config=tortoise_config(url))
    try:
        root = await AdminUnit.get(code="96")
        actor = Actor.system(root.path, root.code)
        async with in_transaction():
            await seed_demo_network(actor, root)
            await seed_demo_accounts(actor, root)
            await seed_demo_activities(actor, root)
    finally:
        await Tortoise.close_connections()

asyncio.run(main(sys.argv[1]))
"""


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    ).lower()


@pytest.fixture(scope="module")
def demo(live_server: LiveServer) -> Iterator[dict[str, Any]]:
    """The demo seeded into the live server's database; the training going on now."""
    url = f"sqlite://{live_server.database}?journal_mode=WAL&busy_timeout=5000"
    subprocess.run([sys.executable, "-c", _SEED, url], cwd=ROOT, check=True)
    events = live_server.graphql(
        """{ events(adminUnitCode: "31825", first: 50) { edges { node { id title } } } }"""
    )["events"]["edges"]
    event_id = next(e["node"]["id"] for e in events if e["node"]["title"] == TODAY_TITLE)
    roster = live_server.graphql(
        "query($id: ID!) { eventRoster(eventId: $id) { memberId fullName attended } }",
        {"id": event_id},
    )["eventRoster"]
    assert len(roster) >= 3 and not any(r["attended"] for r in roster)
    names = [r["fullName"] for r in roster]
    # two people whose folded names are unique on the roster, so a search finds one
    unique = [r for r in roster if [fold(n) for n in names].count(fold(r["fullName"])) == 1]
    by_code, by_search = unique[0], unique[1]
    token = live_server.graphql(
        "query($id: ID!) { memberQrToken(memberId: $id) { token } }",
        {"id": by_code["memberId"]},
    )["memberQrToken"]["token"]
    yield {"eventId": event_id, "byCode": by_code, "bySearch": by_search, "token": token}


def attendances(server: LiveServer, event_id: str) -> list[tuple[str, int]]:
    pk = int(base64.b64decode(event_id).decode().split(":")[1])
    with closing(sqlite3.connect(f"file:{server.database}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT client_id, walk_in FROM activity_attendance WHERE event_id = ?", (pk,)
        ).fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]


async def shoot_as(page: Page, name: str) -> None:
    await shoot(page, f"field-{name}")


async def test_offline_check_in_of_three_members_is_applied_once(
    live_server: LiveServer, demo: dict[str, Any], browser: Browser
) -> None:
    async with phone_page(browser, service_workers=True) as page:
        await page.set_viewport_size(SHOT_SIZES["360x740"])
        await sign_in(page, live_server.url, FIELD_STAFF)
        # who is signed in, on every screen; the home has the day's work
        await expect(page.get_by_test_id("who")).to_have_text("Lê Thị Mỹ Linh · Phường Bạc Liêu")
        await expect(page.get_by_role("heading", name="Xin chào, Lê Thị Mỹ Linh")).to_be_visible()
        await expect(page.get_by_role("link", name=TODAY_TITLE)).to_be_visible()
        await expect(page.get_by_role("link", name="Bình dân học vụ số")).to_be_visible()
        await shoot_as(page, "home")

        await page.get_by_role("link", name=TODAY_TITLE).click()
        await expect(page.get_by_role("heading", name=TODAY_TITLE, level=1)).to_be_visible()
        await page.get_by_role("button", name="Tải danh sách để điểm danh").click()
        await expect(page.get_by_text("Đã tải danh sách")).to_be_visible()
        await shoot_as(page, "event")
        await page.get_by_role("link", name="Mở điểm danh").click()
        await expect(page.get_by_role("heading", name="Điểm danh", level=1)).to_be_visible()
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        await expect(page.get_by_test_id("who")).to_be_visible()

        await go_offline(page.context)
        message = page.get_by_test_id("check-in-message")
        code_box = page.get_by_label("Mã QR (nhập hoặc dán)")
        by_code, by_search = demo["byCode"]["fullName"], demo["bySearch"]["fullName"]

        # 1. a QR code typed into the scanner's fallback box
        await code_box.fill("khong-phai-ma-qr")
        await page.get_by_role("button", name="Điểm danh theo mã").click()
        await expect(message).to_have_text("Mã QR không hợp lệ. Hãy quét lại hoặc tìm theo tên.")
        await code_box.fill(demo["token"])
        await page.get_by_role("button", name="Điểm danh theo mã").click()
        await expect(message).to_have_text(f"Đã điểm danh: {by_code} (chờ gửi).")
        await code_box.fill(demo["token"])  # the same person again: told, not queued twice
        await page.get_by_role("button", name="Điểm danh theo mã").click()
        await expect(message).to_have_text(f"{by_code} đã điểm danh rồi.")

        # 2. a search of the roster without diacritics
        await page.get_by_label("Tìm theo tên hoặc số điện thoại").fill(fold(by_search).upper())
        await page.get_by_role("button", name=f"Điểm danh {by_search}").click()
        await expect(message).to_have_text(f"Đã điểm danh: {by_search} (chờ gửi).")
        await page.get_by_label("Tìm theo tên hoặc số điện thoại").fill("")

        # 3. a walk-in registered on the spot
        await page.get_by_text("Đăng ký người chưa có trong danh sách").click()
        await page.get_by_label("Họ và tên").fill("Trần Thị Bé Ba")
        await page.get_by_label("Số điện thoại", exact=True).fill("0399 000 111")
        organization = page.get_by_role("combobox", name="Tổ chức")
        value = await organization.locator("option").nth(1).get_attribute("value")
        await organization.select_option(value)
        await page.get_by_role("button", name="Đăng ký và điểm danh").click()
        await expect(message).to_have_text("Đã điểm danh: Trần Thị Bé Ba (chờ gửi).")

        waiting = page.locator(".roster-row[data-state=waiting]")
        await expect(waiting).to_have_count(3)
        items = await outbox_items(page)
        assert len(items) == 3 and {i["kind"] for i in items} == {"checkIn"}
        assert len({i["clientId"] for i in items}) == 3
        await shoot_as(page, "check-in")

        await page.reload()  # offline: the shell from the service worker, the roster from IndexedDB
        await expect(waiting).to_have_count(3)
        await page.get_by_label("Tìm theo tên hoặc số điện thoại").fill(fold(by_code))
        await expect(page.locator(".roster-row").first).to_have_attribute("data-state", "waiting")
        await page.get_by_label("Tìm theo tên hoặc số điện thoại").fill("")
        assert attendances(live_server, demo["eventId"]) == []

        await go_online(page.context)  # the scheduler flushes on "online"
        await wait_outbox_empty(page)
        stored = attendances(live_server, demo["eventId"])
        assert sorted(c for c, _ in stored) == sorted(i["clientId"] for i in items)
        assert sorted(w for _, w in stored) == [0, 0, 1]  # two invited, one walk-in
        await expect(page.locator(".roster-row[data-state=attended]")).to_have_count(3)
        await expect(page.get_by_test_id("check-in-count")).to_contain_text("Đã điểm danh 3/")

        # a repeat flush sends nothing new
        sent: list[str] = []

        def record(request: Request) -> None:
            if "checkIn" in (request.post_data or ""):
                sent.append(request.url)

        page.on("request", record)
        await page.goto(f"{live_server.url}/#/outbox")
        await page.get_by_role("button", name="Gửi ngay").click()
        await expect(page.get_by_text("Lần gửi thành công gần nhất")).to_be_visible()
        await asyncio.sleep(0.3)
        assert sent == []
        assert len(attendances(live_server, demo["eventId"])) == 3


async def test_home_and_events_in_english_and_without_an_account(
    live_server: LiveServer, demo: dict[str, Any], browser: Browser
) -> None:
    async with phone_page(browser) as page:
        await page.goto(live_server.url)
        await expect(page.get_by_test_id("who")).to_have_count(0)
        await expect(page.get_by_role("heading", name="Khảo sát công khai")).to_be_visible()
        await sign_in(page, live_server.url, FIELD_STAFF)
        await page.get_by_role("button", name="Chuyển sang tiếng Anh").click()
        await page.get_by_role("link", name="Events", exact=True).click()
        await expect(page.get_by_role("heading", name="Events", level=1)).to_be_visible()
        await expect(page.get_by_role("link", name=TODAY_TITLE)).to_be_visible()
        await shoot_as(page, "events")


async def test_member_card_opens_offline_and_without_an_account(
    live_server: LiveServer, demo: dict[str, Any], browser: Browser
) -> None:
    card = f"{live_server.url}/#/card/{demo['token']}"
    async with phone_page(browser, service_workers=True) as page:
        await sign_in(page, live_server.url, FIELD_STAFF)
        await page.goto(card)
        await expect(page.get_by_role("heading", name="Thẻ thành viên")).to_be_visible()
        await expect(page.get_by_role("img", name="Mã QR điểm danh cá nhân")).to_be_visible()
        await expect(page.get_by_role("heading", name=demo["byCode"]["fullName"])).to_be_visible()
        await expect(page.get_by_text("Đã lưu trên máy lúc")).to_be_visible()
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        await shoot_as(page, "card")
        await go_offline(page.context)
        await page.reload()
        await expect(page.get_by_role("img", name="Mã QR điểm danh cá nhân")).to_be_visible()
        await expect(page.get_by_role("heading", name=demo["byCode"]["fullName"])).to_be_visible()
        await expect(page.get_by_text("Đã lưu trên máy lúc")).to_be_visible()
        await go_online(page.context)

    async with phone_page(browser) as page:  # a member without an account, from the link
        await page.goto(card)
        await expect(page.get_by_role("img", name="Mã QR điểm danh cá nhân")).to_be_visible()
        await expect(
            page.get_by_text("Lịch sử tập huấn chỉ xem được khi đăng nhập.")
        ).to_be_visible()
        await page.goto(f"{live_server.url}/#/card/khong-hop-le")
        await expect(page.get_by_text("Đường dẫn thẻ không hợp lệ.")).to_be_visible()


def field_logs(server: LiveServer) -> list[tuple[str, int, int]]:
    """(client id, people reached, photos) of every log made in the field staff's hamlets."""
    with closing(sqlite3.connect(f"file:{server.database}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT l.client_id, l.people_reached, (SELECT COUNT(*) FROM activity_field_photo p"
            " WHERE p.log_id = l.id) FROM activity_field_log l WHERE l.unit_path LIKE ?",
            ("/96/31825/%",),
        ).fetchall()
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


async def test_a_campaign_log_with_two_photos_made_offline_is_stored_once(
    live_server: LiveServer, demo: dict[str, Any], browser: Browser
) -> None:
    async with phone_page(browser, service_workers=True) as page:
        await page.set_viewport_size(SHOT_SIZES["360x740"])
        await sign_in(page, live_server.url, FIELD_STAFF)
        await page.get_by_role("link", name="Chiến dịch", exact=True).click()
        await page.get_by_role("link", name="Bình dân học vụ số").click()
        await expect(
            page.get_by_role("heading", name="Bình dân học vụ số", level=1)
        ).to_be_visible()
        await shoot_as(page, "campaign")
        await page.get_by_role("link", name="Ghi nhật ký hoạt động").click()
        await expect(page.get_by_role("heading", name="Nhật ký hoạt động")).to_be_visible()
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")

        await go_offline(page.context)
        unit = page.get_by_role("group", name="Nơi thực hiện")
        # the field staff's own ward and its hamlets only, not the other 63 communes
        codes = [await r.get_attribute("value") for r in await unit.get_by_role("radio").all()]
        assert "31825" in codes and "31825-K01" in codes
        assert all(c and c.startswith("31825") for c in codes)
        await unit.locator('input[value="31825-K01"]').check()
        await page.get_by_role("combobox", name="Hình thức").select_option("DOOR_TO_DOOR")
        await page.get_by_label("Số người được tiếp cận").fill("37")
        await page.get_by_label("Số hộ được tiếp cận").fill("12")
        await page.get_by_label("Ghi chú").fill("Hướng dẫn kích hoạt VNeID mức 2 cho các hộ.")
        await page.get_by_label("Thêm ảnh").set_input_files(
            [
                FilePayload(name="a.png", mimeType="image/png", buffer=png(800, 600)),
                FilePayload(name="b.png", mimeType="image/png", buffer=png(640, 480)),
            ]
        )
        await expect(page.get_by_role("img", name="Ảnh 2")).to_be_visible()
        await page.get_by_role("button", name="Lấy vị trí").click()
        await expect(page.get_by_test_id("log-position")).to_contain_text("sai số ±8 m")
        await shoot_as(page, "campaign-log")
        await page.get_by_role("button", name="Lưu nhật ký").click()
        await expect(page.get_by_role("heading", name="Đã lưu nhật ký")).to_be_visible()
        items = await outbox_items(page)
        assert len(items) == 1 and items[0]["kind"] == "fieldLog"
        assert len(items[0]["photoKeys"]) == 2
        await page.reload()
        assert field_logs(live_server) == []

        await go_online(page.context)
        await wait_outbox_empty(page)
        assert field_logs(live_server) == [(items[0]["clientId"], 37, 2)]
        await page.goto(f"{live_server.url}/#/outbox")
        await page.get_by_role("button", name="Gửi ngay").click()
        await expect(page.get_by_text("Lần gửi thành công gần nhất")).to_be_visible()
        assert field_logs(live_server) == [(items[0]["clientId"], 37, 2)]


def test_artifacts_are_ignored_by_git() -> None:
    assert "/test-artifacts/" in Path(ROOT / ".gitignore").read_text().splitlines()
