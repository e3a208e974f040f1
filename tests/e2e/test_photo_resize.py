"""Photo answers are downscaled in the browser before they are hashed and stored: the
server keeps a JPEG at most 1600 px on its long side, and a small JPEG as it was picked.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import struct
import zlib
from typing import Any

import pytest
from playwright.async_api import BrowserContext, FilePayload, Page, expect

from surveys.photos import MAX_PHOTO_BYTES
from tests.e2e.conftest import LiveServer, sign_in
from tests.e2e.test_pwa import PHOTO_SURVEY, wait_outbox_empty

pytestmark = pytest.mark.e2e

SMALL_JPEG = """async () => {
    const canvas = new OffscreenCanvas(200, 100);
    const context = canvas.getContext('2d');
    context.fillStyle = '#0b5394';
    context.fillRect(0, 0, 200, 100);
    context.fillStyle = '#ffcc00';
    context.fillRect(50, 25, 100, 50);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
}"""


TWO_PHOTOS: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                {"key": "front", "kind": "PHOTO", "labelVi": "Ảnh mặt trước", "required": True},
                {"key": "meter", "kind": "PHOTO", "labelVi": "Ảnh công tơ", "required": True},
            ]
        }
    ]
}


@pytest.fixture(scope="module")
def photo_survey(live_server: LiveServer) -> str:
    """A survey of its own, so this module's responses do not count in test_pwa's."""
    return live_server.create_survey("Ảnh nhà cỡ lớn", PHOTO_SURVEY)


@pytest.fixture(scope="module")
def two_photo_survey(live_server: LiveServer) -> str:
    return live_server.create_survey("Ảnh nhà và công tơ", TWO_PHOTOS)


def png(width: int, height: int) -> bytes:
    """An RGB PNG: smooth red and green gradients and noisy blue, which compresses
    about as badly as a camera photo does."""
    noise = random.Random(7).randbytes(width * 61)
    across = bytes(x * 255 // (width - 1) for x in range(width))
    raw = bytearray()
    row = bytearray(width * 3)
    for y in range(height):
        row[0::3] = across
        row[1::3] = bytes([y * 255 // (height - 1)]) * width
        row[2::3] = noise[(y % 61) * width : (y % 61 + 1) * width]
        raw += b"\x00" + row  # filter type 0: none

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw)))
        + chunk(b"IEND", b"")
    )


def jpeg_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a JPEG's SOF0 (baseline) or SOF2 (progressive) segment."""
    assert data[:3] == b"\xff\xd8\xff", "not a JPEG"
    at = 2
    while at + 9 <= len(data):
        assert data[at] == 0xFF, f"no marker at {at}"
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xC0, 0xC2):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
    raise AssertionError("no SOF0 or SOF2 segment")


async def answer_with_photo(
    page: Page, live_server: LiveServer, survey_id: str, photo: FilePayload
) -> tuple[str, dict[str, Any]]:
    """Answer the photo survey with `photo` and submit; the response's clientId and the
    server's answer to the photo upload that follows."""
    await page.goto(f"{live_server.url}/#/s/{survey_id}")
    await page.get_by_label("Ảnh nhà").set_input_files(files=[photo])
    await expect(page.get_by_text("Đã chọn ảnh")).to_be_visible()
    await page.get_by_role("button", name="Xem lại").click()
    async with page.expect_response(lambda r: "/uploads/survey-photos/" in r.url) as uploaded:
        await page.get_by_role("button", name="Gửi phiếu").click()
        await expect(page.get_by_test_id("saved")).to_be_visible()  # saved, or already sent
    answer = await uploaded.value
    assert answer.status == 201, await answer.text()
    await wait_outbox_empty(page)
    client_id = answer.url.rsplit("/", 2)[-2]
    body: dict[str, Any] = await answer.json()
    return client_id, body


async def test_a_large_photo_is_stored_as_a_jpeg_1600_px_on_its_long_side(
    live_server: LiveServer, photo_survey: str, context: BrowserContext
) -> None:
    # given a 3000×2000 PNG, larger than the server accepts
    picked = png(3000, 2000)
    assert len(picked) > MAX_PHOTO_BYTES
    page = await context.new_page()
    await sign_in(page, live_server.url)

    # when a field officer answers with it
    client_id, upload = await answer_with_photo(
        page,
        live_server,
        photo_survey,
        FilePayload(name="nha.png", mimeType="image/png", buffer=picked),
    )

    # then the server keeps a JPEG of 1600×1067, smaller than the PNG
    stored = await asyncio.to_thread(live_server.stored_photo, client_id, "house")
    assert upload["contentType"] == "image/jpeg" and upload["isComplete"] is True
    assert upload["sha256"] == hashlib.sha256(stored).hexdigest()
    width, height = jpeg_size(stored)
    assert width == 1600 and abs(height - 1067) <= 1
    assert len(stored) < len(picked)


async def test_a_small_jpeg_is_stored_as_it_was_picked(
    live_server: LiveServer, photo_survey: str, context: BrowserContext
) -> None:
    # given a 200×100 JPEG, made by the browser
    page = await context.new_page()
    await sign_in(page, live_server.url)
    picked = bytes(await page.evaluate(SMALL_JPEG))
    assert jpeg_size(picked) == (200, 100)

    # when a field officer answers with it
    client_id, upload = await answer_with_photo(
        page,
        live_server,
        photo_survey,
        FilePayload(name="nho.jpg", mimeType="image/jpeg", buffer=picked),
    )

    # then the server keeps the very same bytes (nothing lost to recompression)
    stored = await asyncio.to_thread(live_server.stored_photo, client_id, "house")
    assert hashlib.sha256(stored).hexdigest() == hashlib.sha256(picked).hexdigest()
    assert upload["sha256"] == hashlib.sha256(picked).hexdigest()


async def test_two_photos_picked_at_once_are_both_kept(
    live_server: LiveServer, two_photo_survey: str, context: BrowserContext
) -> None:
    # given a large photo still being downscaled when a small one is picked
    page = await context.new_page()
    await sign_in(page, live_server.url)
    small = bytes(await page.evaluate(SMALL_JPEG))
    await page.goto(f"{live_server.url}/#/s/{two_photo_survey}")
    large = FilePayload(name="nha.png", mimeType="image/png", buffer=png(3000, 2000))
    await page.get_by_label("Ảnh mặt trước").set_input_files(files=[large])
    await page.get_by_label("Ảnh công tơ").set_input_files(
        files=[FilePayload(name="congto.jpg", mimeType="image/jpeg", buffer=small)]
    )

    # then both are kept, and both reach the server
    await expect(page.get_by_text("Đã chọn ảnh")).to_have_count(2)
    await page.get_by_role("button", name="Xem lại").click()
    uploads: list[str] = []
    page.on(
        "response",
        lambda r: uploads.append(r.url) if "/uploads/survey-photos/" in r.url else None,
    )
    await page.get_by_role("button", name="Gửi phiếu").click()
    await expect(page.get_by_test_id("saved")).to_be_visible()  # saved, or already sent
    await wait_outbox_empty(page)
    [client_id] = {url.rsplit("/", 2)[-2] for url in uploads}
    front = await asyncio.to_thread(live_server.stored_photo, client_id, "front")
    meter = await asyncio.to_thread(live_server.stored_photo, client_id, "meter")
    assert jpeg_size(front)[0] == 1600
    assert meter == small
