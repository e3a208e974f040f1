"""The knowledge base and the assistant on a phone (issue 17): search by any spelling,
read, ask; after one online visit the same search, reading and asking work with no
signal. An editor writes an article with a live preview in which scripts stay inert."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Dialog, FilePayload, expect

from tests.e2e.conftest import LiveServer, new_context, phone_page, shoot, sign_in

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
    async with phone_page(browser, service_workers=True) as page:
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
        await page.context.set_offline(True)
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


OUTSIDER = ("e2e.kb.xakhac", "mat-khau-xa-khac-e2e")
CREATE_USER = """mutation($i: CreateUserInput!) { createUser(input: $i) {
  user { id } errors { code message } } }"""
# A PDF a little over what the phone keeps for offline use (sw.ts KEEP_BYTES), and a small PNG.
BIG_PDF = b"%PDF-1.4\n" + b"%" + b"0" * 1_200_000 + b"\n%%EOF\n"
SMALL_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2_000


async def test_an_editor_attaches_files_a_reader_opens_them_an_outsider_cannot(
    live_server: LiveServer, browser: Browser
) -> None:
    """The editor's upload is checked on the phone (a renamed program never leaves it),
    shows its progress and is attached by the save; a reader of the article's unit
    downloads it and, with no signal, sees which files open without a connection; staff
    of another commune find neither the article nor its file."""
    made = live_server.graphql(
        CREATE_USER,
        {
            "i": {
                "username": OUTSIDER[0],
                "password": OUTSIDER[1],
                "displayName": "Cán bộ xã khác E2E",
                "roles": ["FIELD_STAFF"],
                "scopeCode": "31843",
            }
        },
    )["createUser"]
    assert not made["errors"], made
    created = live_server.graphql(
        CREATE,
        {
            "input": {
                "title": "Biểu mẫu hỗ trợ hộ dân của phường (E2E)",
                "body": "Tải biểu mẫu đính kèm, in ra và mang theo khi đến hộ dân.",
                "category": "to-cong-nghe-so",
                "audience": "UNIT",
                "audienceUnitCode": "31825",
            }
        },
    )["createArticle"]
    assert not created["errors"], created
    article_id, slug = created["article"]["id"], created["article"]["slug"]

    async with phone_page(browser) as page:
        await sign_in(page, live_server.url, ("e2e.admin", "mat-khau-quan-tri-e2e"))
        await page.goto(f"{live_server.url}/#/kb/edit/{article_id}")
        picker = page.get_by_label("Đính kèm tệp")
        picks: list[FilePayload] = [
            {"name": "cai-dat.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 50},
            {"name": "Biểu mẫu hộ dân.pdf", "mimeType": "application/pdf", "buffer": BIG_PDF},
            {"name": "so-do.png", "mimeType": "image/png", "buffer": SMALL_PNG},
        ]
        await picker.set_input_files(picks)
        refused = page.get_by_test_id("kb-pending").filter(has_text="cai-dat.pdf")
        await expect(refused.get_by_role("alert")).to_contain_text("chỉ nhận PDF")
        ready = page.get_by_test_id("kb-pending").filter(has_text="sẽ gắn vào bài khi lưu")
        await expect(ready).to_have_count(2)
        await refused.get_by_role("button", name="Gỡ cai-dat.pdf").click()
        await shoot(page, "kb-edit-attachments")
        await page.get_by_role("button", name="Lưu", exact=True).click()
        await expect(page.get_by_test_id("kb-notice")).to_have_text("Đã lưu bài.")
        await expect(page.get_by_test_id("kb-attached")).to_have_count(2)
        await page.get_by_role("button", name="Đăng bài").click()
        await expect(page.get_by_test_id("kb-notice")).to_have_text("Đã đăng bài.")

    async with phone_page(browser, service_workers=True) as page:
        await sign_in(page, live_server.url)  # field staff of 31825, the article's unit
        await page.goto(f"{live_server.url}/#/kb/{slug}")
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        files = page.get_by_test_id("kb-attachment")
        await expect(files).to_have_count(2)
        pdf = files.filter(has_text="Biểu mẫu hộ dân.pdf")
        png = files.filter(has_text="so-do.png")
        await expect(pdf).to_contain_text("PDF · 1,2 MB")
        await expect(png).to_contain_text("Ảnh · 2 KB")
        async with page.expect_download() as download_info:
            await pdf.get_by_role("link").click()
        download = await download_info.value
        assert download.suggested_filename == "Biểu mẫu hộ dân.pdf"
        assert (await download.path()).read_bytes() == BIG_PDF
        image_url = await png.get_by_role("link").get_attribute("href")
        assert image_url
        # opening the image online goes through the service worker, which keeps it (small)
        status = await page.evaluate("(url) => fetch(url).then((r) => r.status)", image_url)
        assert status == 200
        await shoot(page, "kb-article-attachments")

        await page.context.set_offline(True)
        await page.reload()
        await expect(page.get_by_text("Đang đọc bản đã lưu trên máy")).to_be_visible()
        await expect(pdf).to_contain_text("cần kết nối mạng để mở tệp này")
        await expect(pdf.get_by_role("link")).to_have_count(0)
        await expect(png).to_contain_text("đã lưu trên máy")
        kept = await page.evaluate(
            "(url) => fetch(url).then((r) => r.arrayBuffer()).then((b) => b.byteLength)",
            image_url,
        )
        assert kept == len(SMALL_PNG)
        await shoot(page, "kb-article-attachments-offline")

    async with phone_page(browser) as page:
        await sign_in(page, live_server.url, OUTSIDER)
        await page.goto(f"{live_server.url}/#/kb/{slug}")
        await expect(page.get_by_text("Không tìm thấy bài này.")).to_be_visible()
        response = await page.request.get(f"{live_server.url}{image_url}")
        assert response.status == 404
