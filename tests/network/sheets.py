"""Building spreadsheet files for the import and export tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook, load_workbook

MEMBER_HEADERS = [
    "Họ và tên",
    "Tên tổ chức",
    "Mã đơn vị hành chính",
    "Chức vụ",
    "Số điện thoại",
    "Email",
    "Số định danh cá nhân",
    "Trình độ CNTT",
    "Vai trò trong mạng lưới",
    "Ngày tham gia",
]
ORGANIZATION_HEADERS = [
    "Tên tổ chức",
    "Loại tổ chức",
    "Mã đơn vị hành chính",
    "Số điện thoại liên hệ",
    "Email liên hệ",
    "Địa chỉ",
]
# Exports start with the record's id, so a re-imported row updates its record.
EXPORTED_MEMBER_HEADERS = ["Mã thành viên", *MEMBER_HEADERS]
EXPORTED_ORGANIZATION_HEADERS = ["Mã tổ chức", *ORGANIZATION_HEADERS]
ADMIN_UNIT_HEADERS = ["Mã xã/phường", "Mã ấp/khóm", "Tên ấp/khóm", "Loại"]

Cell = str | int | float | date | None


def csv_bytes(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, delimiter: str = ",", bom: bool = True
) -> bytes:
    """A CSV file as a person's spreadsheet program saves it (quoting cells with the delimiter)."""

    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value else value

    lines = [delimiter.join(cell(v) for v in row) for row in [headers, *rows]]
    text = "\r\n".join(lines) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode()


def xlsx_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_rows(content: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def member_row(
    name: str,
    phone: str = "",
    email: str = "",
    *,
    organization: str = "UBND Phường An Xuyên",
    unit: str = "32002",
    national_id: str = "",
    qualification: str = "",
    roles: str = "",
    joined: str = "",
    position: str = "",
) -> list[str]:
    """Cells in MEMBER_HEADERS order."""
    return [
        name,
        organization,
        unit,
        position,
        phone,
        email,
        national_id,
        qualification,
        roles,
        joined,
    ]
