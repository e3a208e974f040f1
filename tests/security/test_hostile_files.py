"""Uploads and imports with hostile files, one row each: zip bombs (honest and lying
sizes), polyglots, wrong magic bytes, huge files and row counts, formula cells. Each must
get its refusal (or be taken as plain data), never an internal error or a hang."""

from __future__ import annotations

import base64
import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from knowledge import attachments as article_files
from network.spreadsheets import MAX_IMPORT_ROWS, MAX_INFLATED_BYTES
from recognition import files as initiative_files
from tests.security.conftest import World

pytestmark = pytest.mark.db

HEADER = "Họ và tên,Tên tổ chức,Mã đơn vị hành chính,Số điện thoại\n"
IMPORT = """mutation($input: ImportInput!) { importMembers(input: $input) {
  report { totalRows validRows } errors { field code } } }"""


def _zip(entries: dict[str, bytes | int]) -> bytes:
    """A zip archive; an int entry is that many zero bytes, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in entries.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w") as entry:
                chunk = b"\0" * 1_000_000
                for _ in range(content // len(chunk)):
                    entry.write(chunk)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    return _zip(
        {
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": MAX_INFLATED_BYTES + 10_000_000,
        }
    )


def lying_zip_bomb() -> bytes:
    """A workbook whose headers declare its sheet at 1 KB while it inflates to 20 MB."""
    data = bytearray(
        _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": 20_000_000})
    )
    name = b"xl/worksheets/sheet1.xml"
    local = data.rfind(b"PK\x03\x04", 0, data.find(name))
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    for offset in (local + 22, central + 24):  # the uncompressed size fields
        struct.pack_into("<I", data, offset, 1000)
    return bytes(data)


def not_a_workbook_zip() -> bytes:
    return _zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"})


@dataclass(frozen=True)
class HostileImport:
    content: Callable[[], bytes]
    code: str | None  # the refusal, or None when the file is taken as data
    status: int = 200


IMPORTS: dict[str, HostileImport] = {
    "zip bomb XLSX": HostileImport(zip_bomb, "FILE_TOO_LARGE"),
    "zip bomb XLSX with lying sizes": HostileImport(lying_zip_bomb, "UNSUPPORTED_FILE_TYPE"),
    "zip magic, CSV inside (polyglot)": HostileImport(
        lambda: b"PK\x03\x04" + HEADER.encode() + b"An,0912345678,X\n", "UNSUPPORTED_FILE_TYPE"
    ),
    "a DOCX sent as a spreadsheet": HostileImport(not_a_workbook_zip, "UNSUPPORTED_FILE_TYPE"),
    "wrong magic bytes: a Windows executable": HostileImport(
        lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "UNSUPPORTED_FILE_TYPE"
    ),
    "wrong magic bytes: a PNG named .csv": HostileImport(
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "UNSUPPORTED_FILE_TYPE"
    ),
    "huge CSV past the request limit": HostileImport(
        lambda: (HEADER + "An,0912345678,X\n" * 80_000).encode(), "PAYLOAD_TOO_LARGE", 413
    ),
    "CSV past the row limit": HostileImport(
        lambda: (HEADER + "a\n" * (MAX_IMPORT_ROWS + 1)).encode(), "TOO_MANY_ROWS"
    ),
    "formula cells are data": HostileImport(
        lambda: (
            HEADER + '=HYPERLINK("http://evil.example","x"),"@SUM(1;2)",31825,0912345678\n'
        ).encode(),
        None,
    ),
}


@pytest.mark.parametrize("name", list(IMPORTS))
async def test_hostile_imports(world: World, name: str) -> None:
    row = IMPORTS[name]
    content = base64.b64encode(row.content()).decode()
    variables = {"input": {"fileName": "members.xlsx", "contentBase64": content, "dryRun": True}}
    response = await world.clients["admin"].post(
        "/graphql", json={"query": IMPORT, "variables": variables}
    )
    assert response.status_code == row.status, response.text[:300]
    body = response.json()
    if row.status != 200:
        assert body["errors"][0]["extensions"]["code"] == row.code
        return
    assert "errors" not in body, body
    payload = body["data"]["importMembers"]
    codes = [e["code"] for e in payload["errors"]]
    if row.code is None:
        # Read as text: one row, checked like any other (its organisation does not exist).
        assert payload["report"]["totalRows"] == 1, payload
    else:
        assert codes == [row.code], payload


# A refusal of the file's type: each upload route answers it with its own code.
WRONG_TYPE = "WRONG_TYPE"


@dataclass(frozen=True)
class HostileUpload:
    content: Callable[[int], bytes]  # given the route's size limit
    status: int
    code: str | None = None
    content_type: str | None = None  # what an accepted file is kept as


@dataclass(frozen=True)
class UploadRoute:
    url: str
    caller: str  # who may upload there (tests/security/conftest.py CALLERS)
    max_bytes: int
    wrong_type: str  # its code for WRONG_TYPE


UPLOAD_ROUTES: dict[str, UploadRoute] = {
    "initiative attachment": UploadRoute(
        "/uploads/initiative-attachments",
        "anonymous",
        initiative_files.MAX_ATTACHMENT_BYTES,
        "UNSUPPORTED_ATTACHMENT_TYPE",
    ),
    "article attachment": UploadRoute(
        "/uploads/article-attachments",
        "admin",
        article_files.MAX_ATTACHMENT_BYTES,
        "UNSUPPORTED_ARTICLE_ATTACHMENT_TYPE",
    ),
}


def _macro_docx(_: int) -> bytes:
    return _zip(
        {
            "word/document.xml": b"<w/>",
            "[Content_Types].xml": b"<Types/>",
            "word/vbaProject.bin": b"\x00" * 10,
        }
    )


UPLOADS: dict[str, HostileUpload] = {
    "wrong magic bytes: an executable named .pdf": HostileUpload(
        lambda _: b"MZ\x90\x00" + b"\x00" * 100, 415, WRONG_TYPE
    ),
    "GIF/HTML polyglot": HostileUpload(
        lambda _: b"GIF89a<html><script>alert(1)</script></html>", 415, WRONG_TYPE
    ),
    "SVG with a script": HostileUpload(
        lambda _: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        415,
        WRONG_TYPE,
    ),
    "PDF/HTML polyglot is kept as a PDF (served as a sandboxed download)": HostileUpload(
        lambda _: b"%PDF-1.4\n<html><script>alert(1)</script></html>", 201, None, "application/pdf"
    ),
    "zip bomb as DOCX (no document part)": HostileUpload(
        lambda _: _zip({"junk.bin": 50_000_000}), 415, WRONG_TYPE
    ),
    "a DOCX with macros": HostileUpload(_macro_docx, 415, WRONG_TYPE),
    "one byte over the size limit": HostileUpload(
        lambda limit: b"%PDF-" + b"0" * (limit - 4), 413, "FILE_TOO_LARGE"
    ),
}


@pytest.mark.parametrize("route", list(UPLOAD_ROUTES))
@pytest.mark.parametrize("name", list(UPLOADS))
async def test_hostile_uploads(world: World, name: str, route: str) -> None:
    row, where = UPLOADS[name], UPLOAD_ROUTES[route]
    response = await world.clients[where.caller].post(
        f"{where.url}?fileName=file.pdf",
        content=row.content(where.max_bytes),
        headers={"content-type": "application/octet-stream"},
    )
    assert response.status_code == row.status, response.text[:300]
    body = response.json()
    if row.code is not None:
        code = where.wrong_type if row.code == WRONG_TYPE else row.code
        assert [e["code"] for e in body["errors"]] == [code]
    else:
        assert body["contentType"] == row.content_type
