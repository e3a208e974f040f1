"""Decision 0038 in the PWA, in chromium against a live server: a recording and a PDF
answered offline, kept through a reload and sent once with their response; a form read in
Khmer; the builder editing choice columns, a choice filter and a range's step. Screenshots
at 360 and 1280 px go to /tmp/shots/p2/ (not committed)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import math
import re
import struct
import wave
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, FilePayload, Page, expect

from tests.e2e.conftest import (
    ADMIN,
    LiveServer,
    desktop_page,
    new_context,
    outbox_items,
    phone_page,
    sign_in,
    wait_for_draft,
)
from tests.e2e.test_pwa import go_offline, go_online, wait_outbox_empty
from tests.surveys.survey_data import ask, options

pytestmark = pytest.mark.e2e

SHOTS = Path("/tmp/shots/p2")

MEDIA: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                ask("name", "TEXT", "Tên hộ", required=True),
                ask("story", "AUDIO", "Ghi âm lời kể", required=True),
                ask("scan", "FILE", "Bản quét giấy xác nhận", accept=["pdf"], required=True),
            ]
        }
    ]
}

KHMER: dict[str, Any] = {
    "languages": [{"code": "km", "name": "Khmer"}],
    "pages": [
        {
            "titleVi": "Sinh kế",
            "translations": {"km": {"title": "ជីវភាព"}},
            "questions": [
                ask(
                    "crop",
                    "SINGLE_CHOICE",
                    "Cây trồng chính của hộ",
                    labelEn="Main crop of the household",
                    hintVi="Chọn một",
                    translations={"km": {"label": "ដំណាំចម្បងរបស់គ្រួសារ"}},
                    choices=[
                        {
                            "value": "rice",
                            "labelVi": "Lúa",
                            "labelEn": "Rice",
                            "translations": {"km": {"label": "ស្រូវ"}},
                        },
                        {"value": "shrimp", "labelVi": "Tôm", "labelEn": "Shrimp"},
                    ],
                )
            ],
        }
    ],
}

CASCADE: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                ask(
                    "district",
                    "SINGLE_CHOICE",
                    "Huyện",
                    choices=options(("d1", "Huyện Một"), ("d2", "Huyện Hai")),
                ),
                ask(
                    "commune",
                    "SINGLE_CHOICE",
                    "Xã",
                    choices=options(("x1", "Xã Một"), ("x2", "Xã Hai")),
                ),
                ask("level", "RANGE", "Mức hài lòng", min=0, max=100),
            ]
        }
    ]
}


def wav_bytes(frames: int = 1600) -> bytes:
    """A real mono 16-bit WAV at 8 kHz (0.2 s of a 440 Hz tone by default), written by
    Python's wave module."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 8000)))
                for i in range(frames)
            )
        )
    return out.getvalue()


def pdf_bytes() -> bytes:
    """A real one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


async def shoot(page: Page, name: str) -> None:
    """The screen at a desktop's and a phone's size (the phone size stays); nothing may
    scroll sideways at 360 px."""
    await asyncio.to_thread(SHOTS.mkdir, parents=True, exist_ok=True)
    for width, height in ((1280, 800), (360, 740)):
        await page.set_viewport_size({"width": width, "height": height})
        await page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    sideways = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert sideways <= 0, f"{name} scrolls sideways by {sideways} px at 360 px"


def stored_media(server: LiveServer, client_id: str, key: str, sha256: str) -> httpx.Response:
    return httpx.get(
        f"{server.url}/files/survey-media/{client_id}/{key}/{sha256}",
        cookies=server.admin_cookies,
        timeout=30,
    )


async def test_audio_and_file_answered_offline_survive_a_reload_and_are_sent_once(
    live_server: LiveServer, browser: Browser
) -> None:
    survey = await asyncio.to_thread(live_server.create_survey, "Lời kể và giấy xác nhận", MEDIA)
    audio, pdf = wav_bytes(), pdf_bytes()
    context = await new_context(browser, service_workers=True)
    uploads: list[str] = []
    try:
        page = await context.new_page()
        page.on(
            "request",
            lambda r: uploads.append(r.url) if "/uploads/survey-photos/" in r.url else None,
        )
        await sign_in(page, live_server.url)
        await page.goto(f"{live_server.url}/#/s/{survey}")
        await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        await expect(page.get_by_label("Ghi âm lời kể")).to_be_attached()
        await go_offline(context)

        await page.get_by_label("Tên hộ").fill("Hộ bà Thạch Thị Sa")
        # a PDF is no recording: refused on the phone, nothing kept
        await page.get_by_label("Ghi âm lời kể").set_input_files(
            files=[FilePayload(name="loi-ke.mp3", mimeType="audio/mpeg", buffer=pdf)]
        )
        await expect(page.get_by_text("Đây không phải tệp âm thanh được nhận")).to_be_visible()
        await page.get_by_label("Ghi âm lời kể").set_input_files(
            files=[FilePayload(name="loi-ke.wav", mimeType="audio/wav", buffer=audio)]
        )
        await expect(
            page.get_by_text(re.compile(r"Bản ghi âm 3 KB, dài 0 phút 0 giây"))
        ).to_be_visible()
        await expect(page.locator("[data-key=story] audio")).to_have_count(1)
        # a recording where only PDF is accepted: refused
        await page.get_by_label("Bản quét giấy xác nhận").set_input_files(
            files=[FilePayload(name="scan.pdf", mimeType="application/pdf", buffer=audio)]
        )
        await expect(page.get_by_text("Loại tệp không được nhận. Chỉ nhận: PDF.")).to_be_visible()
        await page.get_by_label("Bản quét giấy xác nhận").set_input_files(
            files=[FilePayload(name="giay-xac-nhan.pdf", mimeType="application/pdf", buffer=pdf)]
        )
        await expect(page.get_by_text(f"giay-xac-nhan.pdf ({len(pdf)} B)")).to_be_visible()
        await shoot(page, "audio-file")

        # the draft keeps the bytes (and the file's name) through a reload offline
        await wait_for_draft(page, "d.photos.length === 2")
        await page.reload()
        await expect(page.get_by_text(f"giay-xac-nhan.pdf ({len(pdf)} B)")).to_be_visible()
        await expect(page.locator("[data-key=story] audio")).to_have_count(1)

        await page.get_by_role("button", name="Xem lại").click()
        await expect(page.get_by_text("Bản ghi âm (3 KB)")).to_be_visible()
        await expect(page.get_by_text(f"giay-xac-nhan.pdf ({len(pdf)} B)")).to_be_visible()
        await shoot(page, "review-media")
        await page.get_by_role("button", name="Gửi phiếu").click()
        await expect(page.get_by_test_id("saved")).to_be_visible()
        [item] = await outbox_items(page)
        assert sorted(item["photoKeys"]) == ["scan", "story"]
        assert item["answers"]["story"] == hashlib.sha256(audio).hexdigest()
        assert item["answers"]["scan"] == hashlib.sha256(pdf).hexdigest()

        await page.reload()  # still offline: the response and its bytes wait on the phone
        await page.goto(f"{live_server.url}/#/outbox")
        await expect(page.locator("[data-state=queued]")).to_have_count(1)
        assert await asyncio.to_thread(live_server.responses, survey) == 0
        assert uploads == []

        await go_online(context)
        await page.get_by_role("button", name="Gửi ngay").click()
        await wait_outbox_empty(page)
        assert await asyncio.to_thread(live_server.wait_for_responses, survey, 1) == 1
        assert sorted(u.rsplit("/", 1)[1] for u in uploads) == ["scan", "story"]  # once each

        client_id = item["clientId"]
        for key, data, kind in (("story", audio, "audio/wav"), ("scan", pdf, "application/pdf")):
            got = await asyncio.to_thread(
                stored_media, live_server, client_id, key, hashlib.sha256(data).hexdigest()
            )
            assert got.status_code == 200, got.text
            assert got.content == data
            assert got.headers["content-type"].startswith(kind)
    finally:
        await context.close()


async def test_a_form_with_a_khmer_translation_shows_khmer_when_chosen(
    live_server: LiveServer, browser: Browser
) -> None:
    survey = await asyncio.to_thread(live_server.create_survey, "Sinh kế hộ Khmer", KHMER)
    async with phone_page(browser) as page:
        await sign_in(page, live_server.url)
        await page.goto(f"{live_server.url}/#/s/{survey}")
        await expect(page.get_by_text("Cây trồng chính của hộ")).to_be_visible()
        picker = page.get_by_label("Ngôn ngữ phiếu")
        assert await picker.locator("option").all_text_contents() == [
            "Tiếng Việt",
            "English",
            "Khmer",
        ]
        await picker.select_option(label="Khmer")
        await expect(page.get_by_text("ដំណាំចម្បងរបស់គ្រួសារ")).to_be_visible()
        await expect(page.get_by_label("ស្រូវ")).to_be_visible()
        await expect(page.get_by_label("Tôm")).to_be_visible()  # no Khmer: the Vietnamese
        await expect(page.get_by_text("ជីវភាព")).to_be_visible()
        # the interface stays Vietnamese
        await expect(page.get_by_role("button", name="Xem lại")).to_be_visible()
        await shoot(page, "language-picker")
        # remembered for this survey on this device
        await page.reload()
        await expect(page.get_by_text("ដំណាំចម្បងរបស់គ្រួសារ")).to_be_visible()
        await page.get_by_label("Ngôn ngữ phiếu").select_option(label="English")
        await expect(page.get_by_text("Main crop of the household")).to_be_visible()


async def test_the_builder_edits_choice_columns_a_filter_and_a_range_step(
    live_server: LiveServer, browser: Browser
) -> None:
    survey = await asyncio.to_thread(live_server.create_survey, "Xã theo huyện", CASCADE)
    async with desktop_page(browser) as page:
        await sign_in(page, live_server.url, ADMIN)
        await page.goto(f"{live_server.url}/#/surveys/{survey}/edit")
        # each step waits for the preview to follow it (the builder renders between edits)
        preview = page.locator(".builder-preview")
        await page.locator("#b-0-1-choiceFilter").fill("district = ${district}")
        await preview.get_by_label("Huyện Hai").check()
        await expect(preview.get_by_label("Xã Hai")).to_have_count(
            0
        )  # no choice has the column yet
        await page.locator("#b-0-1-choice-1-columns").fill("district=d2")
        await page.locator("#b-0-1-choice-1-columns").blur()
        await expect(preview.get_by_label("Xã Hai")).to_be_visible()
        await page.locator("#b-0-1-choice-0-columns").fill("district=d1")
        await page.locator("#b-0-1-choice-0-columns").blur()
        await expect(preview.get_by_label("Xã Một")).to_have_count(0)
        await preview.get_by_label("Huyện Một").check()
        await expect(preview.get_by_label("Xã Một")).to_be_visible()
        await expect(preview.get_by_label("Xã Hai")).to_have_count(0)
        await page.locator("#b-0-2-step").fill("5")
        await expect(preview.locator("input[type=range]")).to_have_attribute("step", "5")
        # an extra language: its label fields appear for every question and choice
        await page.get_by_label("Ngôn ngữ khác của phiếu").fill("km=Khmer")
        await page.get_by_label("Ngôn ngữ khác của phiếu").blur()
        await page.locator("#b-0-1-label-km").fill("ឃុំ")
        await page.locator("#b-0-1-choice-0-label-km").fill("ឃុំ ១")
        await page.get_by_role("button", name="Lưu thành phiên bản 2").click()
        await page.get_by_role("dialog").get_by_role("button", name="Lưu phiên bản mới").click()
        await expect(page.locator(".flash.ok")).to_contain_text("Đã lưu phiên bản mới")
    data = await asyncio.to_thread(
        live_server.graphql,
        "query($id: ID!) { survey(id: $id) { currentVersion definition } }",
        {"id": survey},
    )
    saved = data["survey"]
    assert saved["currentVersion"] == 2
    commune, level = saved["definition"]["pages"][0]["questions"][1:]
    assert commune["choiceFilter"] == "district = ${district}"
    assert [c.get("columns") for c in commune["choices"]] == [
        {"district": "d1"},
        {"district": "d2"},
    ]
    assert level["step"] == 5
    assert saved["definition"]["languages"] == [{"code": "km", "name": "Khmer"}]
    assert commune["translations"] == {"km": {"label": "ឃុំ"}}
    assert commune["choices"][0]["translations"] == {"km": {"label": "ឃុំ ១"}}


COUNTED: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                ask("hh_size", "INTEGER", "Số người trong hộ"),
                ask(
                    "members",
                    "REPEAT",
                    "Thành viên",
                    repeatCount="${hh_size}",
                    questions=[ask("who", "TEXT", "Họ tên")],
                ),
            ]
        }
    ]
}


async def test_a_count_that_drops_instances_says_their_answers_are_kept(
    live_server: LiveServer, browser: Browser
) -> None:
    survey = await asyncio.to_thread(live_server.create_survey, "Hộ và thành viên", COUNTED)
    # a desktop lists every instance (a phone shows one at a time)
    async with desktop_page(browser) as page:
        await sign_in(page, live_server.url)
        await page.goto(f"{live_server.url}/#/s/{survey}")
        await page.get_by_label("Số người trong hộ").fill("2")
        second = page.locator("[data-key='members[1].who'] input")
        await second.fill("Chị Lan")
        notice = page.get_by_text(re.compile(r"Đã bớt \d+ mục vì số mục giảm"))
        await expect(notice).to_have_count(0)
        await page.get_by_label("Số người trong hộ").fill("1")
        await expect(page.get_by_text("Đã bớt 1 mục vì số mục giảm")).to_be_visible()
        await expect(second).to_have_count(0)
        await page.get_by_label("Số người trong hộ").fill("2")
        await expect(notice).to_have_count(0)
        await expect(second).to_have_value("Chị Lan")  # the answer came back with its instance


ROSTER_VOICES: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                ask(
                    "members",
                    "REPEAT",
                    "Thành viên",
                    questions=[ask("voice", "AUDIO", "Lời chào", required=True)],
                )
            ]
        }
    ]
}


async def test_recordings_inside_repeat_instances_are_kept_per_instance_and_stored(
    live_server: LiveServer, browser: Browser
) -> None:
    survey = await asyncio.to_thread(
        live_server.create_survey, "Lời chào từng người", ROSTER_VOICES
    )
    first, second = wav_bytes(1600), wav_bytes(2400)
    async with desktop_page(browser) as page:
        uploads: list[str] = []
        page.on(
            "request",
            lambda r: uploads.append(r.url) if "/uploads/survey-photos/" in r.url else None,
        )
        await sign_in(page, live_server.url)
        await page.goto(f"{live_server.url}/#/s/{survey}")
        for index, data in enumerate((first, second)):
            await page.get_by_role("button", name="Thêm Thành viên").click()
            await page.locator(f"[id='q-members[{index}].voice']").set_input_files(
                files=[FilePayload(name=f"chao-{index}.wav", mimeType="audio/wav", buffer=data)]
            )
            field = page.locator(f"[data-key='members[{index}].voice']")
            await expect(field.get_by_text(re.compile(r"^Bản ghi âm \d KB"))).to_be_visible()
        await page.get_by_role("button", name="Xem lại").click()
        await page.get_by_role("button", name="Gửi phiếu").click()
        await expect(page.get_by_test_id("saved")).to_be_visible()
        await page.goto(f"{live_server.url}/#/outbox")
        await wait_outbox_empty(page)
    assert await asyncio.to_thread(live_server.wait_for_responses, survey, 1) == 1
    # one upload per instance's recording, each under the question's key
    assert len(uploads) == 2 and all(u.endswith("/voice") for u in uploads), uploads
    client_id = uploads[0].rsplit("/", 2)[1]
    for data in (first, second):
        sha = hashlib.sha256(data).hexdigest()
        got = await asyncio.to_thread(stored_media, live_server, client_id, "voice", sha)
        assert got.status_code == 200 and got.content == data
