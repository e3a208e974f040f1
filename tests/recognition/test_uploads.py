"""Attachment uploads: types from the bytes, sizes, limits, claiming, downloading."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from core.actor import Role
from core.filetypes import DOCX, JPEG, PDF, PNG, detect_type, safe_file_name
from network.models import AdminUnit
from recognition.files import ACCEPTED
from recognition.models import AttachmentContent, InitiativeAttachment
from tests.helpers import gql, login
from tests.recognition.recognition_data import make_person

URL = "/uploads/initiative-attachments"
OCTET = {"content-type": "application/octet-stream"}
PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX_BYTES = _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")
DOCM_BYTES = _zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
ZIP_BYTES = _zip("readme.txt")

SUBMIT = """
mutation($input: SubmitInitiativeInput!) {
  submitInitiative(input: $input) { trackingCode status errors { field code message } }
}
"""


def submit_input(*attachment_ids: str, phone: str = "0913456789") -> dict[str, object]:
    return {
        "input": {
            "title": "Số hóa hồ sơ hộ nghèo ấp Tân Phong",
            "summary": "Chuyển toàn bộ hồ sơ hộ nghèo của ấp sang bảng tính dùng chung.",
            "problem": "Hồ sơ giấy thất lạc, rà soát mất hai tuần.",
            "solution": "Tổ công nghệ số cộng đồng nhập liệu và cập nhật hằng tháng.",
            "category": "DIGITAL_GOVERNMENT",
            "adminUnitCode": "31843",
            "submitterName": "Nguyễn Thị Hoa",
            "submitterPhone": phone,
            "attachmentIds": list(attachment_ids),
        }
    }


async def upload(
    client: httpx.AsyncClient,
    data: bytes,
    name: str = "tep.pdf",
    *,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    return await client.post(
        URL, params={"fileName": name}, content=data, headers={**OCTET, **(headers or {})}
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF_BYTES, PDF),
        (PNG_BYTES, PNG),
        (JPEG_BYTES, JPEG),
        (DOCX_BYTES, DOCX),
        (EXE_BYTES, None),
        (DOCM_BYTES, None),
        (ZIP_BYTES, None),
        (b"PK\x03\x04 not really a zip", None),
        (b"<html><script>alert(1)</script>", None),
        (b"", None),
    ],
)
def test_types_are_detected_from_the_bytes(data: bytes, expected: object) -> None:
    assert detect_type(data, ACCEPTED) == expected


def test_file_names_are_made_safe_with_the_detected_extension() -> None:
    assert safe_file_name("../../etc/passwd.exe", PNG) == "passwd.png"
    assert safe_file_name("C:\\Users\\hoa\\Kế hoạch <2025>.PDF", PDF) == "Kế hoạch _2025_.pdf"
    assert safe_file_name("", JPEG) == "attachment.jpg"


@pytest.mark.parametrize(
    ("data", "name", "content_type", "stored_name"),
    [
        (PDF_BYTES, "Kế hoạch.pdf", "application/pdf", "Kế hoạch.pdf"),
        (PNG_BYTES, "anh.png", "image/png", "anh.png"),
        (JPEG_BYTES, "anh chup.jpeg", "image/jpeg", "anh chup.jpg"),
        (DOCX_BYTES, "bao-cao.docx", DOCX.content_type, "bao-cao.docx"),
    ],
)
async def test_accepted_uploads_answer_with_an_upload_id(
    client: httpx.AsyncClient, data: bytes, name: str, content_type: str, stored_name: str
) -> None:
    response = await upload(client, data, name)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["contentType"] == content_type
    assert (body["size"], body["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert body["fileName"] == stored_name
    assert len(body["uploadId"]) >= 32
    stored = await InitiativeAttachment.get(token=body["uploadId"])
    assert stored.initiative_id is None and stored.expires_at is not None
    content = await AttachmentContent.get(attachment_id=stored.id)
    assert bytes(content.data) == data


@pytest.mark.parametrize(
    ("data", "name", "status", "code", "message"),
    [
        (EXE_BYTES, "bao-cao.pdf", 415, "UNSUPPORTED_ATTACHMENT_TYPE", "Only PDF files, JPG"),
        (DOCM_BYTES, "macro.docx", 415, "UNSUPPORTED_ATTACHMENT_TYPE", "Only PDF files, JPG"),
        (b"", "rong.pdf", 400, "REQUIRED", "This field is required."),
        (PDF_BYTES + b"0" * 5_000_000, "lon.pdf", 413, "FILE_TOO_LARGE", "at most 5 MB"),
    ],
)
async def test_bad_uploads_are_refused_in_the_callers_language(
    client: httpx.AsyncClient, data: bytes, name: str, status: int, code: str, message: str
) -> None:
    response = await upload(client, data, name, headers={"accept-language": "en"})

    assert response.status_code == status
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("file", code)
    assert message in error["message"]
    assert await InitiativeAttachment.all().count() == 0


async def test_vietnamese_is_the_default_language(client: httpx.AsyncClient) -> None:
    response = await upload(client, EXE_BYTES, "setup.jpg")
    assert response.json()["errors"][0]["message"].startswith("Chỉ nhận tệp PDF")


async def test_bodies_over_the_path_limit_are_cut_off_by_the_middleware(
    client: httpx.AsyncClient,
) -> None:
    response = await upload(client, PDF_BYTES + b"0" * 5_400_000)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_cross_site_uploads_are_refused(client: httpx.AsyncClient) -> None:
    form = await client.post(URL, content=PDF_BYTES, headers={"content-type": "text/plain"})
    foreign = await upload(client, PDF_BYTES, headers={"origin": "https://evil.example"})
    same = await upload(client, PDF_BYTES, headers={"origin": "http://testserver"})

    assert (form.status_code, form.json()["errors"][0]["code"]) == (415, "UNSUPPORTED_MEDIA_TYPE")
    assert (foreign.status_code, foreign.json()["errors"][0]["code"]) == (403, "FORBIDDEN")
    assert same.status_code == 201


async def test_thirty_uploads_an_hour_per_address(client: httpx.AsyncClient) -> None:
    for _ in range(30):
        assert (await upload(client, PNG_BYTES)).status_code == 201

    refused = await upload(client, PNG_BYTES, headers={"accept-language": "en"})

    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 3000
    assert refused.json()["errors"][0]["message"].startswith("Too many requests")
    assert await InitiativeAttachment.all().count() == 30


async def test_submissions_claim_uploads_once(client: httpx.AsyncClient, tree: AdminUnit) -> None:
    first = (await upload(client, PDF_BYTES)).json()["uploadId"]
    second = (await upload(client, PNG_BYTES, "anh.png")).json()["uploadId"]

    ok = await gql(client, SUBMIT, submit_input(first, second))
    reused = await gql(
        client, SUBMIT, submit_input(first, phone="0987654321"), headers={"accept-language": "en"}
    )
    unknown = await gql(client, SUBMIT, submit_input("khong-co", phone="0987654322"))

    assert ok["data"]["submitInitiative"]["errors"] == []
    assert reused["data"]["submitInitiative"] == {
        "trackingCode": None,
        "status": None,
        "errors": [
            {
                "field": "attachmentIds",
                "code": "ATTACHMENT_NOT_FOUND",
                "message": "The attachment was not found: an upload can be used once and "
                "expires after 24 hours. Please upload it again.",
            }
        ],
    }
    assert unknown["data"]["submitInitiative"]["errors"][0]["code"] == "ATTACHMENT_NOT_FOUND"
    claimed = await InitiativeAttachment.filter(initiative_id__not_isnull=True)
    assert {a.token for a in claimed} == {first, second}
    assert all(a.expires_at is None for a in claimed)


async def test_expired_uploads_cannot_be_claimed_and_are_purged(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    token = (await upload(client, PDF_BYTES)).json()["uploadId"]
    await InitiativeAttachment.filter(token=token).update(
        expires_at=datetime.now(UTC) - timedelta(minutes=1)
    )

    body = await gql(client, SUBMIT, submit_input(token))
    await upload(client, PNG_BYTES)

    assert body["data"]["submitInitiative"]["errors"][0]["code"] == "ATTACHMENT_NOT_FOUND"
    assert not await InitiativeAttachment.filter(token=token).exists()
    assert not await AttachmentContent.filter(attachment__token=token).exists()


async def test_six_attachments_are_too_many(client: httpx.AsyncClient, tree: AdminUnit) -> None:
    tokens = [(await upload(client, PNG_BYTES)).json()["uploadId"] for _ in range(6)]

    body = await gql(client, SUBMIT, submit_input(*tokens), headers={"accept-language": "en"})

    assert body["data"]["submitInitiative"]["errors"] == [
        {
            "field": "attachmentIds",
            "code": "TOO_MANY_ATTACHMENTS",
            "message": "An initiative can have at most 5 attachments.",
        }
    ]


async def test_staff_in_scope_download_attachments(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    token = (await upload(client, PDF_BYTES, "Kế hoạch.pdf")).json()["uploadId"]
    await gql(client, SUBMIT, submit_input(token))
    attachment = await InitiativeAttachment.get(token=token)
    path = f"{URL}/{attachment.id}"
    await make_person("quanly.hongdan", Role.UNIT_MANAGER, "31843")
    await make_person("quanly.anxuyen", Role.UNIT_MANAGER, "32002")

    anonymous = await client.get(path)
    await login(client, "quanly.anxuyen")
    outside = await client.get(path)
    await login(client, "quanly.hongdan")
    inside = await client.get(path)

    assert anonymous.status_code == 401
    assert outside.status_code == 404
    assert inside.status_code == 200
    assert inside.content == PDF_BYTES
    assert inside.headers["content-type"] == "application/pdf"
    assert inside.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf"
    )
    assert inside.headers["x-content-type-options"] == "nosniff"
