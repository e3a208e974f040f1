"""Exporting members and organisations to CSV and Excel, and importing an export again."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest
from openpyxl import load_workbook

from core.actor import Actor, Role
from core.errors import PermissionDenied
from core.models import AuditEvent
from network import admin_units, exports
from network.exports import export_members, export_organizations
from network.imports import import_members, import_organizations
from network.models import Member, Organization
from network.spreadsheets import Column, read_table, write_csv, write_xlsx
from tests.conftest import QueryLog
from tests.helpers import actor_for
from tests.network.registry_data import Registry
from tests.network.sheets import (
    EXPORTED_MEMBER_HEADERS,
    EXPORTED_ORGANIZATION_HEADERS,
    ORGANIZATION_HEADERS,
    xlsx_rows,
)

BOM = b"\xef\xbb\xbf"


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content[len(BOM) :].decode(), newline="")))


async def test_member_csv_export_has_the_template_headers(
    system: Actor, registry: Registry
) -> None:
    content = await export_members(system, within=None, fmt="csv")

    rows = csv_rows(content)
    assert rows[0] == EXPORTED_MEMBER_HEADERS
    r = registry
    ids = [str(m.id) for m in (r.hong_dan_officer, r.team_leader, r.an_xuyen_staff, r.director,
                               r.an_xuyen_officer)]  # fmt: skip
    assert [row[0] for row in rows[1:]] == ids
    assert [row[1:] for row in rows[1:]] == [
        ["Đặng Thị Dung", "UBND Xã Hồng Dân", "31843", "", "0912000004", "0912000004@example.vn",
         "", "Cao đẳng CNTT", "", "01/03/2025"],
        ["Huỳnh Văn Em", "Tổ công nghệ số Khóm 1", "32002", "", "0912000005",
         "0912000005@example.vn", "", "Kỹ năng số cơ bản", "Tổ trưởng tổ công nghệ số",
         "01/03/2025"],
        ["Lê Văn Cường", "UBND Phường An Xuyên", "32002", "", "0912000003",
         "0912000003@example.vn", "", "Không", "", "01/03/2025"],
        ["Nguyễn Văn An", "Sở Khoa học và Công nghệ", "96", "", "0912000001",
         "0912000001@example.vn", "", "Đại học CNTT", "Chuyên gia, Cán bộ đầu mối", "01/03/2025"],
        ["Trần Thị Bích", "UBND Phường An Xuyên", "32002", "", "0912000002",
         "0912000002@example.vn", "", "Chứng chỉ ứng dụng CNTT", "Cán bộ đầu mối", "01/03/2025"],
    ]  # fmt: skip
    audited = await AuditEvent.filter(action="member.export_pii").values_list(
        "actor_kind", "object_type", "object_id", "fields_changed"
    )
    assert audited == [("system", "AdminUnit", "96", ["email", "national_id", "phone"])]


async def test_field_staff_export_blanks_personal_data(system: Actor, registry: Registry) -> None:
    staff = await actor_for(system, Role.FIELD_STAFF, "32002")

    rows = csv_rows(await export_members(staff, within=None, fmt="csv"))

    assert [row[1] for row in rows[1:]] == ["Huỳnh Văn Em", "Lê Văn Cường", "Trần Thị Bích"]
    assert {tuple(row[5:8]) for row in rows[1:]} == {("", "", "")}
    assert not await AuditEvent.exists(action="member.export_pii")


async def test_manager_exports_personal_data_of_a_subtree(
    system: Actor, registry: Registry
) -> None:
    manager = await actor_for(system, Role.UNIT_MANAGER, "96")
    ward = await admin_units.get(code="32002")

    rows = csv_rows(await export_members(manager, within=ward, fmt="csv"))

    assert [(row[1], row[5]) for row in rows[1:]] == [
        ("Huỳnh Văn Em", "0912000005"),
        ("Lê Văn Cường", "0912000003"),
        ("Trần Thị Bích", "0912000002"),
    ]
    audited = await AuditEvent.filter(action="member.export_pii").values_list(
        "actor_user_id", "object_id"
    )
    assert audited == [(manager.user_id, "32002")]


async def test_partner_key_needs_read_network(system: Actor, registry: Registry) -> None:
    key_actor = Actor(kind="api_key", scope_path="/96/", scope_code="96", api_key_id=1)

    with pytest.raises(PermissionDenied):
        await export_members(key_actor, within=None, fmt="csv")


async def test_xlsx_export_is_a_formatted_workbook(system: Actor, registry: Registry) -> None:
    content = await export_members(system, within=None, fmt="xlsx")

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == EXPORTED_MEMBER_HEADERS
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert (sheet["A2"].value, sheet["A2"].data_type) == (registry.hong_dan_officer.id, "n")
    assert sheet.column_dimensions["A"].width == 15.0  # "Mã thành viên" + 2, at least 10
    assert sheet.column_dimensions["B"].width == 15.0  # "Đặng Thị Dung" + 2
    assert sheet.column_dimensions["C"].width == 26.0  # "Sở Khoa học và Công nghệ" + 2
    assert (sheet["K2"].value, sheet["K2"].number_format) == (datetime(2025, 3, 1), "dd/mm/yyyy")
    assert sheet["F2"].data_type == "s" and sheet["F2"].value == "0912000004"


async def test_organisation_export(system: Actor, registry: Registry) -> None:
    await Organization.filter(id=registry.pc_an_xuyen.id).update(
        contact_phone="02903831234", address="Số 9 Lý Văn Lâm"
    )

    rows = xlsx_rows(await export_organizations(system, within=None, fmt="xlsx"))

    r = registry
    assert rows == [
        tuple(EXPORTED_ORGANIZATION_HEADERS),
        (r.department.id, "Sở Khoa học và Công nghệ", "Sở, ban, ngành", "96", None, None, None),
        (
            r.team_an_xuyen.id,
            "Tổ công nghệ số Khóm 1",
            "Tổ công nghệ số cộng đồng",
            "32002",
            None,
            None,
            None,
        ),
        (
            r.pc_an_xuyen.id,
            "UBND Phường An Xuyên",
            "Ủy ban nhân dân",
            "32002",
            "02903831234",
            None,
            "Số 9 Lý Văn Lâm",
        ),
        (r.pc_hong_dan.id, "UBND Xã Hồng Dân", "Ủy ban nhân dân", "31843", None, None, None),
    ]


async def test_export_reads_pages_not_rows(
    system: Actor, registry: Registry, count_queries: QueryLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "PAGE", 2)

    rows = csv_rows(await export_members(system, within=None, fmt="csv"))

    assert [row[1] for row in rows[1:]] == [
        "Đặng Thị Dung",
        "Huỳnh Văn Em",
        "Lê Văn Cường",
        "Nguyễn Văn An",
        "Trần Thị Bích",
    ]
    selects = [q for q in count_queries.queries if q.startswith("SELECT")]
    inserts = [q for q in count_queries.queries if q.startswith("INSERT")]
    assert (len(selects), len(inserts)) == (3, 1)  # pages of 2, 2 and 1; one audit event
    assert all('JOIN "network_organization"' in q and 'JOIN "admin_unit"' in q for q in selects)


async def test_members_round_trip_through_an_export(system: Actor, registry: Registry) -> None:
    await Member.filter(id=registry.director.id).update(national_id="096185001234")
    before = await Member.all().order_by("id").values_list(
        "full_name", "phone", "email", "national_id", "organization_id", "position",
        "it_qualification", "roles", "joined_on",
    )  # fmt: skip
    exported = await export_members(system, within=None, fmt="xlsx")

    report = await import_members(system, content=exported, dry_run=False, valid_only=False)

    assert (report.created, report.updated, report.unchanged_rows, report.errors) == (0, 0, 5, [])
    after = await Member.all().order_by("id").values_list(
        "full_name", "phone", "email", "national_id", "organization_id", "position",
        "it_qualification", "roles", "joined_on",
    )  # fmt: skip
    assert sorted(after) == sorted(before)


async def test_organisations_round_trip_through_a_csv_export(system: Actor) -> None:
    source = write_csv(
        ORGANIZATION_HEADERS,
        [
            ['=HYPERLINK("http://x")', "Khác", "32002", "", "", ""],
            ["Ngân hàng Chính sách xã hội", "Ngân hàng", "96", "0290 3838 888", "", "-"],
        ],
    )
    await import_organizations(system, content=source, dry_run=False, valid_only=False)
    exported = await export_organizations(system, within=None, fmt="csv")

    assert csv_rows(exported)[1][1] == '\'=HYPERLINK("http://x")'
    report = await import_organizations(system, content=exported, dry_run=False, valid_only=False)

    assert (report.created, report.unchanged_rows, report.errors) == (0, 2, [])
    assert await Organization.all().order_by("name_folded").values_list(
        "name", "kind", "contact_phone", "address"
    ) == [
        ('=HYPERLINK("http://x")', "OTHER", None, ""),
        ("Ngân hàng Chính sách xã hội", "BANK", "02903838888", "-"),
    ]


def test_xlsx_text_that_looks_like_a_formula_stays_text() -> None:
    content = write_xlsx(["Tên"], [["=1+1"], [None], ["+84 912"]])

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [(c.value, c.data_type) for c in sheet["A"]] == [
        ("Tên", "s"),
        ("=1+1", "s"),
        (None, "n"),
        ("+84 912", "s"),
    ]


HOSTILE_CELLS = [
    'a;=HYPERLINK("http://x","y")',
    ";@SUM(1)",
    "Khóm 1; -2+3",
    "x,=1+1",
    "tab\t+cmd",
    "line\n=1",
    "=1;+2",
    "Ấp Hòa Bình; ấp Phú Lợi",
]
_SEPARATORS = re.compile(r"[,;\t\r\n]")


@pytest.mark.parametrize("cell", HOSTILE_CELLS)
def test_no_csv_cell_piece_starts_a_formula_after_any_list_separator(cell: str) -> None:
    """Given text with a formula after ``;`` (Excel's list separator in many locales) or
    another separator, every piece a spreadsheet may split the cell into is inert text,
    and importing the file gives the original text back."""
    content = write_csv(["Tên"], [[cell]])

    (written,) = csv_rows(content)[1]
    pieces = _SEPARATORS.split(written)
    assert [p for p in pieces if p.lstrip(" ").startswith(("=", "+", "-", "@"))] == []
    assert read_table(content, [Column("name", "Tên")]).records[0].get("name") == cell.strip()
