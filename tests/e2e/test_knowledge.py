"""The knowledge base and the assistant on a phone (issue 17): search by any spelling,
read, ask; after one online visit the same search, reading and asking work with no
signal. An editor writes an article with a live preview in which scripts stay inert."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Dialog, expect

from tests.e2e.conftest import LiveServer, new_context, shoot, sign_in

ARTICLES: list[dict[str, Any]] = [
    {
        "title": "Kích hoạt tài khoản định danh điện tử mức 2 (E2E)",
        "summary": "Sau khi công an duyệt hồ sơ, kích hoạt tài khoản trên ứng dụng VNeID.",
        "body": "## Các bước\n\nMở ứng dụng VNeID, chọn **Kích hoạt tài khoản**.\n\n"
        "Nhập số định danh cá nhân và số điện thoại đã đăng ký, rồi nhập mã kích hoạt gửi qua tin nhắn.",
        "category": "vneid",
        "tags": ["vneid", "kich hoat"],
    },
    {
        "title": "Trả phí dịch vụ công bằng mã QR (E2E)",
        "summary": "Thanh toán lệ phí hồ sơ trực tuyến an toàn.",
        "body": "Chỉ quét mã QR hiển thị trên Cổng Dịch vụ công.\n\nKiểm tra tên người nhận trước khi xác nhận. "
        "Chưa có tài khoản: [kích hoạt](#/kb/kich-hoat-tai-khoan-dinh-danh-dien-tu-muc-2-e2e).",
        "category": "thanh-toan-so",
        "tags": ["qr"],
    },
]
CREATE = """mutation($input: CreateArticleInput!) { createArticle(input: $input) {
  article { id slug } errors { field code } } }"""
PUBLISH = """mutation($input: ArticleIdInput!) { publishArticle(input: $input) {
  article { status } errors { code } } }"""


@pytest.fixture(scope="module")
def articles(live_server: LiveServer) -> Iterator[dict[str, str]]:
    slugs: dict[str, str] = {}
    for article in ARTICLES:
        created = live_server.graphql(CREATE, {"input": article})["createArticle"]
        assert not created["errors"], created
        published = live_server.graphql(PUBLISH, {"input": {"id": created["article"]["id"]}})
        assert published["publishArticle"]["article"]["status"] == "PUBLISHED"
        slugs[str(article["category"])] = created["article"]["slug"]
    yield slugs


async def test_search_read_and_ask_online_then_offline_on_a_phone(
    live_server: LiveServer, articles: dict[str, str], browser: Browser
) -> None:
    context: BrowserContext = await new_context(browser, service_workers=True)
    try:
        page = await context.new_page()
        await page.goto(f"{live_server.url}/#/kb")
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")

        # online: the server finds it typed without tone marks, the address follows
        await page.get_by_label("Tìm hướng dẫn").fill("kich hoat dinh danh muc 2")
        results = page.get_by_test_id("kb-results")
        first = results.get_by_role("link").first
        await expect(first).to_have_text(ARTICLES[0]["title"])
        await expect(page).to_have_url(re.compile(r"#/kb/search\?q=kich%20hoat"))
        await expect(results.locator("mark").first).to_be_visible()
        await shoot(page, "kb-search")

        await first.click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLES[0]["title"])
        await expect(page.locator(".markdown strong")).to_have_text("Kích hoạt tài khoản")
        await page.get_by_role("button", name="Có").click()
        await expect(page.get_by_text("Cảm ơn bạn đã góp ý.")).to_be_visible()
        await shoot(page, "kb-article")

        await page.goto(f"{live_server.url}/#/kb")
        await page.get_by_role("button", name="Lưu tất cả để đọc ngoại tuyến").click()
        await expect(page.get_by_test_id("kb-kept")).to_contain_text("Đã lưu")

        await page.goto(f"{live_server.url}/#/assistant")
        await page.get_by_label("Câu hỏi của bạn").fill("lam sao kich hoat vneid muc 2?")
        await page.get_by_role("button", name="Hỏi", exact=True).click()
        answer = page.get_by_test_id("answer").last
        await expect(answer.get_by_role("link", name=str(ARTICLES[0]["title"]))).to_be_visible()
        await shoot(page, "kb-assistant")

        # no signal, after a reload: the phone searches, shows and answers from what it kept
        await context.set_offline(True)
        await page.reload()
        await page.goto(f"{live_server.url}/#/kb/search?q=ma%20QR")
        await expect(page.get_by_text("Không có mạng: kết quả tìm")).to_be_visible()
        offline_first = page.get_by_test_id("kb-results").get_by_role("link").first
        await expect(offline_first).to_have_text(ARTICLES[1]["title"])
        await offline_first.click()
        await expect(page.get_by_text("Đang đọc bản đã lưu trên máy")).to_be_visible()
        await expect(page.get_by_text("Kiểm tra tên người nhận")).to_be_visible()
        related = page.get_by_role("navigation", name="Bài liên quan")  # among the kept ones
        await expect(related.get_by_role("link", name=str(ARTICLES[0]["title"]))).to_be_visible()
        await shoot(page, "kb-article-related")

        await page.goto(f"{live_server.url}/#/assistant")
        await page.get_by_label("Câu hỏi của bạn").fill("kich hoat tai khoan dinh danh")
        await page.get_by_role("button", name="Hỏi", exact=True).click()
        offline_answer = page.get_by_test_id("answer").last
        await expect(offline_answer).to_contain_text("trả lời từ các bài đã lưu")
        await expect(
            offline_answer.get_by_role("link", name=str(ARTICLES[0]["title"]))
        ).to_be_visible()
        await page.get_by_label("Câu hỏi của bạn").fill("giá lúa hôm nay")
        await page.get_by_role("button", name="Hỏi", exact=True).click()
        await expect(page.get_by_test_id("answer").last).to_contain_text("Chưa có bài nào")
    finally:
        await context.close()


async def test_an_editor_writes_previews_and_publishes_an_article(
    live_server: LiveServer, browser: Browser
) -> None:
    context = await new_context(browser)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)

    try:
        page = await context.new_page()
        page.on("dialog", on_dialog)
        await sign_in(page, live_server.url, ("e2e.admin", "mat-khau-quan-tri-e2e"))
        await page.goto(f"{live_server.url}/#/kb")
        await page.get_by_role("link", name="Viết bài mới").click()
        await page.get_by_label("Tiêu đề", exact=True).fill(
            "Nhận biết tin nhắn giả mạo ngân hàng (E2E)"
        )
        await page.get_by_label("Nội dung").fill(
            "# Dấu hiệu\n\n- Đường link lạ\n\n<script>alert('x')</script>\n\n[bấm](javascript:alert(1))"
        )
        preview = page.get_by_role("region", name="Xem trước")
        await expect(preview.get_by_role("heading", name="Dấu hiệu")).to_be_visible()
        await expect(preview).to_contain_text("<script>alert('x')</script>")
        assert await preview.locator("script, a[href^='javascript']").count() == 0
        await page.get_by_label("Chủ đề").select_option("an-toan-so")
        await page.get_by_role("button", name="Lưu", exact=True).click()
        await expect(page.get_by_test_id("kb-notice")).to_have_text("Đã lưu bài.")
        await expect(page).to_have_url(re.compile(r"#/kb/edit/(?!new)"))
        await shoot(page, "kb-edit")
        await page.get_by_role("button", name="Đăng bài").click()
        await expect(page.get_by_test_id("kb-notice")).to_have_text("Đã đăng bài.")

        await page.goto(f"{live_server.url}/#/kb/search?q=tin%20nhan%20gia%20mao")
        await expect(page.get_by_test_id("kb-results").get_by_role("link").first).to_have_text(
            "Nhận biết tin nhắn giả mạo ngân hàng (E2E)"
        )
        assert dialogs == []
    finally:
        await context.close()


async def test_english_is_loaded_when_chosen_and_kept_across_a_reload(
    live_server: LiveServer, context: BrowserContext
) -> None:
    page = await context.new_page()
    english: list[str] = []
    page.on("request", lambda r: english.append(r.url) if "/assets/en-" in r.url else None)
    await page.goto(f"{live_server.url}/#/kb")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Cẩm nang số")
    assert english == []  # Vietnamese needs no second catalogue

    await page.get_by_role("button", name="Chuyển sang tiếng Anh").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Digital handbook")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await page.reload()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Digital handbook")
    assert english, "the English catalogue is a chunk of its own"
