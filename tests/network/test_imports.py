"""Importing members, organisations and hamlets from CSV and Excel files."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from core.actor import Actor, Role
from core.clock import today_in_vietnam
from core.errors import DomainError, PermissionDenied
from core.models import AuditEvent
from network.imports import (
    ImportReport,
    RowError,
    import_admin_units,
    import_members,
    import_organizations,
)
from network.models import (
    AdminUnit,
    AdminUnitKind,
    ITQualification,
    Member,
    Organization,
    OrganizationKind,
)
from network.sheet_format import (
    ADMIN_UNIT_COLUMNS,
    IT_QUALIFICATIONS,
    MEMBER_COLUMNS,
    NETWORK_ROLES,
    ORGANIZATION_COLUMNS,
    ORGANIZATION_KINDS,
    Choices,
)
from network.spreadsheets import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, Column, read_table
from tests.conftest import QueryLog
from tests.helpers import actor_for
from tests.network.registry_data import Registry
from tests.network.sheets import (
    ADMIN_UNIT_HEADERS,
    MEMBER_HEADERS,
    ORGANIZATION_HEADERS,
    csv_bytes,
    member_row,
    xlsx_bytes,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "templates"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


def errors(report: ImportReport) -> list[tuple[int, str, str, dict[str, Any]]]:
    return [(e.row, e.column, e.code, e.params) for e in report.errors]


def docx_bytes() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# Members ------------------------------------------------------------------------------------


async def test_csv_members_are_created_with_normalised_values(
    system: Actor, registry: Registry
) -> None:
    content = csv_bytes(
        MEMBER_HEADERS,
        [
            member_row(
                "  Phạm   Thị Đào ",
                "+84 98 765 4321",
                "Dao.Pham@CaMau.gov.VN",
                national_id="096 185 001 234",
                qualification="đại học cntt",
                roles="Chuyên gia, Giảng viên",
                joined="05/03/2025",
                position="Công chức văn hóa",
            ),
            member_row("Võ Minh Tâm", organization="ubnd xa hong dan", unit="31843"),
        ],
    )

    report = await import_members(system, content=content, dry_run=False, valid_only=False)

    assert report == ImportReport(
        total_rows=2,
        valid_rows=2,
        created=2,
        errors=[],
        dry_run=False,
        applied=True,
        new_rows=2,
        columns=MEMBER_HEADERS,
    )
    dao = await Member.get(full_name="Phạm Thị Đào")
    assert (dao.phone, dao.email, dao.national_id) == (
        "0987654321",
        "dao.pham@camau.gov.vn",
        "096185001234",
    )
    assert (dao.organization_id, dao.admin_unit_id, dao.unit_path, dao.name_folded) == (
        registry.pc_an_xuyen.id,
        registry.pc_an_xuyen.admin_unit_id,
        "/96/32002/",
        "pham thi dao",
    )
    assert (dao.it_qualification, dao.roles, dao.joined_on, dao.position) == (
        ITQualification.IT_BACHELOR,
        ",EXPERT,TRAINER,",
        date(2025, 3, 5),
        "Công chức văn hóa",
    )
    tam = await Member.get(full_name="Võ Minh Tâm")
    assert (tam.organization_id, tam.unit_path, tam.phone, tam.roles, tam.joined_on) == (
        registry.pc_hong_dan.id,
        "/96/31843/",
        None,
        ",",
        today_in_vietnam(),
    )
    event = await AuditEvent.get(action="member.import")
    assert (event.object_type, event.object_id, event.actor_kind) == ("AdminUnit", "96", "system")
    assert event.fields_changed == sorted(
        [
            "admin_unit_code",
            "email",
            "full_name",
            "it_qualification",
            "joined_on",
            "national_id",
            "organization_name",
            "phone",
            "position",
            "roles",
        ]
    )


@pytest.mark.parametrize(
    ("headers", "delimiter", "bom"),
    [
        (["ho va ten", "TEN TO CHUC", "ma don vi hanh chinh", "so dien thoai"], ";", False),
        (["HỌ VÀ TÊN", "Tên Tổ Chức", "Mã Đơn Vị Hành Chính", "SỐ ĐIỆN THOẠI"], ",", True),
        (["full_name", "organizationName", "Admin unit code", "PHONE"], ",", False),
    ],
    ids=["folded-semicolon", "upper-case", "english"],
)
async def test_headers_match_without_case_or_diacritics(
    system: Actor, registry: Registry, headers: list[str], delimiter: str, bom: bool
) -> None:
    row = ["Lý Thị Hồng", "UBND Phường An Xuyên", "32002", "0913 222 333"]
    content = csv_bytes(headers, [row], delimiter=delimiter, bom=bom)

    report = await import_members(system, content=content, dry_run=False, valid_only=False)

    assert (report.created, report.errors) == (1, [])
    member = await Member.get(full_name="Lý Thị Hồng")
    assert (member.phone, member.organization_id) == ("0913222333", registry.pc_an_xuyen.id)


async def test_xlsx_members_with_real_date_and_number_cells(
    system: Actor, registry: Registry
) -> None:
    content = xlsx_bytes(
        MEMBER_HEADERS,
        [
            ["Đỗ Văn Hải", "UBND Phường An Xuyên", 32002, None, "0914555666", None, None,
             "IT_COLLEGE", "TECH_TEAM_MEMBER", datetime(2024, 12, 31)],
            ["Mai Thị Lan", "UBND Phường An Xuyên", "32002", None, None, None, None,
             4, None, date(2025, 1, 2)],
        ],
    )  # fmt: skip

    report = await import_members(system, content=content, dry_run=False, valid_only=False)

    assert (report.created, report.errors) == (2, [])
    rows = await Member.filter(full_name__in=["Đỗ Văn Hải", "Mai Thị Lan"]).order_by("id")
    assert [(m.joined_on, m.it_qualification, m.roles) for m in rows] == [
        (date(2024, 12, 31), ITQualification.IT_COLLEGE, ",TECH_TEAM_MEMBER,"),
        (date(2025, 1, 2), ITQualification.IT_COLLEGE, ","),
    ]


BAD_MEMBER_ROWS = [
    member_row("Nguyễn Văn Đúng", "0915000001", "dung@example.vn"),
    member_row("A", "12345", "khong-phai-email", national_id="12"),
    member_row("", organization="", unit="", position="Cán bộ"),
    member_row(
        "Trần Văn Sai", qualification="Tiến sĩ vật lý", roles="Chủ tịch", joined="31/02/2025"
    ),
    member_row(
        "Lê Thị Tương Lai", joined=(today_in_vietnam() + timedelta(days=2)).strftime("%d/%m/%Y")
    ),
    member_row("Phan Văn Lạc", organization="UBND Xã Không Có", unit="31843"),
    member_row("Hồ Văn Mã", unit="99999"),
]
BAD_MEMBER_ERRORS = [
    (3, "Họ và tên", "INVALID_LENGTH", {"min": 2, "max": 200}),
    (3, "Số điện thoại", "INVALID_PHONE", {}),
    (3, "Email", "INVALID_EMAIL", {}),
    (3, "Số định danh cá nhân", "INVALID_NATIONAL_ID", {}),
    (4, "Họ và tên", "REQUIRED", {}),
    (4, "Tên tổ chức", "REQUIRED", {}),
    (4, "Mã đơn vị hành chính", "REQUIRED", {}),
    (5, "Trình độ CNTT", "INVALID_CHOICE", {"value": "Tiến sĩ vật lý"}),
    (5, "Vai trò trong mạng lưới", "INVALID_CHOICE", {"value": "Chủ tịch"}),
    (5, "Ngày tham gia", "INVALID_DATE", {}),
    (6, "Ngày tham gia", "DATE_IN_FUTURE", {}),
    (7, "Tên tổ chức", "ORGANIZATION_NOT_FOUND", {}),
    (8, "Mã đơn vị hành chính", "ADMIN_UNIT_NOT_FOUND", {"code": "99999"}),
]


async def import_bad_members(system: Actor, *, dry_run: bool, valid_only: bool) -> ImportReport:
    """The report on importing BAD_MEMBER_ROWS by ``system``."""
    content = csv_bytes(MEMBER_HEADERS, BAD_MEMBER_ROWS)
    return await import_members(system, content=content, dry_run=dry_run, valid_only=valid_only)


async def test_dry_run_reports_every_bad_row_and_writes_nothing(
    system: Actor, registry: Registry
) -> None:
    before = await Member.all().count()

    report = await import_bad_members(system, dry_run=True, valid_only=False)

    assert errors(report) == BAD_MEMBER_ERRORS
    assert (report.total_rows, report.valid_rows, report.created) == (7, 1, 0)
    assert (report.dry_run, report.applied, report.refused) == (True, False, False)
    assert await Member.all().count() == before
    assert not await AuditEvent.exists(action="member.import")


async def test_one_bad_row_refuses_the_whole_file(system: Actor, registry: Registry) -> None:
    before = await Member.all().count()

    report = await import_bad_members(system, dry_run=False, valid_only=False)

    assert (report.created, report.applied, report.refused, report.invalid_rows) == (
        0,
        False,
        True,
        6,
    )
    assert errors(report) == BAD_MEMBER_ERRORS
    assert await Member.all().count() == before
    assert not await AuditEvent.exists(action="member.import")


async def test_valid_only_imports_just_the_valid_rows(system: Actor, registry: Registry) -> None:
    before = await Member.all().count()

    report = await import_bad_members(system, dry_run=False, valid_only=True)

    assert (report.valid_rows, report.created, report.applied, report.refused) == (
        1,
        1,
        True,
        False,
    )
    assert errors(report) == BAD_MEMBER_ERRORS
    assert await Member.all().count() == before + 1
    assert await Member.exists(full_name="Nguyễn Văn Đúng", phone="0915000001")
    # the import's object is where its rows went: the one commune of the valid row
    event = await AuditEvent.get(action="member.import")
    assert (event.object_type, event.object_id) == ("AdminUnit", "32002")


async def test_duplicates_in_the_file_and_in_the_database(
    system: Actor, registry: Registry
) -> None:
    content = csv_bytes(
        MEMBER_HEADERS,
        [
            member_row("Người Một", "0916000001", "mot@example.vn", national_id="096000000001"),
            member_row("Người Hai", "+84 916 000 001", "hai@example.vn"),
            member_row("Người Ba", "0916000003", "MOT@example.vn", national_id="096000000001"),
            member_row("Người Bốn", "0912 000 001", "0912000002@example.vn"),
        ],
    )

    report = await import_members(system, content=content, dry_run=True, valid_only=False)

    assert errors(report) == [
        (3, "Số điện thoại", "DUPLICATE_IN_FILE", {"row": 2}),
        (4, "Email", "DUPLICATE_IN_FILE", {"row": 2}),
        (4, "Số định danh cá nhân", "DUPLICATE_IN_FILE", {"row": 2}),
        (5, "Số điện thoại", "DUPLICATE_PHONE", {}),
        (5, "Email", "DUPLICATE_EMAIL", {}),
    ]


async def test_national_id_already_registered_is_a_duplicate(
    system: Actor, registry: Registry
) -> None:
    await Member.filter(id=registry.director.id).update(national_id="096185001234")
    content = csv_bytes(MEMBER_HEADERS, [member_row("Người Mới", national_id="096185001234")])

    report = await import_members(system, content=content, dry_run=True, valid_only=False)

    assert errors(report) == [(2, "Số định danh cá nhân", "DUPLICATE_NATIONAL_ID", {})]


async def test_inactive_organisation_is_refused(system: Actor, registry: Registry) -> None:
    await Organization.filter(id=registry.pc_hong_dan.id).update(is_active=False)
    content = csv_bytes(
        MEMBER_HEADERS, [member_row("Người Mới", organization="UBND Xã Hồng Dân", unit="31843")]
    )

    report = await import_members(system, content=content, dry_run=True, valid_only=False)

    assert errors(report) == [(2, "Tên tổ chức", "ORGANIZATION_INACTIVE", {})]


async def test_unit_manager_imports_only_inside_their_scope(
    system: Actor, registry: Registry
) -> None:
    manager = await actor_for(system, Role.UNIT_MANAGER, "32002")
    content = csv_bytes(
        MEMBER_HEADERS,
        [
            member_row("Trong Phạm Vi", "0917000001"),
            member_row("Ngoài Phạm Vi", organization="UBND Xã Hồng Dân", unit="31843"),
            member_row("Cấp Tỉnh", organization="Sở Khoa học và Công nghệ", unit="96"),
        ],
    )

    report = await import_members(manager, content=content, dry_run=False, valid_only=True)

    assert errors(report) == [
        (3, "Mã đơn vị hành chính", "OUT_OF_SCOPE", {"code": "31843"}),
        (4, "Mã đơn vị hành chính", "OUT_OF_SCOPE", {"code": "96"}),
    ]
    assert report.created == 1
    event = await AuditEvent.get(action="member.import")
    assert (event.actor_kind, event.actor_user_id) == ("user", manager.user_id)


@pytest.mark.parametrize("role", [Role.FIELD_STAFF, Role.COMMITTEE_MEMBER])
async def test_only_editors_import(system: Actor, registry: Registry, role: Role) -> None:
    actor = await actor_for(system, role, "96")
    content = csv_bytes(MEMBER_HEADERS, [member_row("Ai Đó")])

    with pytest.raises(PermissionDenied):
        await import_members(actor, content=content, dry_run=True, valid_only=False)


async def test_progress_counts_every_row(system: Actor, registry: Registry) -> None:
    rows = [member_row(f"Thành Viên {i}") for i in range(1203)]
    steps: list[int] = []

    await import_members(
        system, content=csv_bytes(MEMBER_HEADERS, rows), dry_run=True, valid_only=False,
        progress=steps.append,
    )  # fmt: skip

    assert steps == [500, 500, 203]


async def test_query_count_does_not_grow_with_rows(
    system: Actor, registry: Registry, count_queries: QueryLog
) -> None:
    def rows(start: int, n: int) -> list[list[str]]:
        return [
            member_row(
                f"Thành Viên {i}",
                f"0918{i:06d}",
                f"tv{i}@example.vn",
                national_id=f"096{i:09d}",
                roles="Chuyên gia",
            )
            for i in range(start, start + n)
        ]

    small = csv_bytes(MEMBER_HEADERS, rows(0, 10))
    large = csv_bytes(MEMBER_HEADERS, rows(1000, 200))

    await import_members(system, content=small, dry_run=False, valid_only=False)
    small_queries = len(count_queries)
    await import_members(system, content=large, dry_run=False, valid_only=False)
    large_queries = len(count_queries) - small_queries

    # Units, organisations, phone/email/national ID clashes, one INSERT, one audit event.
    assert (small_queries, large_queries) == (7, 7)
    assert await Member.filter(name_folded__startswith="thanh vien").count() == 210


async def test_large_files_query_once_per_chunk(
    system: Actor, registry: Registry, count_queries: QueryLog
) -> None:
    rows = [member_row(f"Thành Viên {i}", f"0918{i:06d}") for i in range(1001)]

    await import_members(
        system, content=csv_bytes(MEMBER_HEADERS, rows), dry_run=False, valid_only=False
    )

    inserts = [q for q in count_queries.queries if q.lstrip().upper().startswith("INSERT")]
    phone_lookups = [q for q in count_queries.queries if '"phone" IN' in q]
    assert (len(inserts), len(phone_lookups)) == (3 + 1, 3)  # 500 + 500 + 1 rows, audit event
    assert await Member.filter(name_folded__startswith="thanh vien").count() == 1001


# Whole-file refusals ----------------------------------------------------------------------------


async def test_wrong_headers_are_named(system: Actor, registry: Registry) -> None:
    content = csv_bytes(["Họ và tên", "Số điện thoại", "Ghi chú", "Họ tên"], [["A", "B", "C", "D"]])

    with pytest.raises(DomainError) as caught:
        await import_members(system, content=content, dry_run=True, valid_only=False)

    assert (caught.value.code, caught.value.params) == (
        "INVALID_HEADERS",
        {"missing": "Tên tổ chức, Mã đơn vị hành chính", "unknown": "Ghi chú, Họ tên"},
    )


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (PNG, "UNSUPPORTED_FILE_TYPE"),
        (ELF, "UNSUPPORTED_FILE_TYPE"),
        (WINDOWS_EXE, "UNSUPPORTED_FILE_TYPE"),
        (docx_bytes(), "UNSUPPORTED_FILE_TYPE"),
        (b"PK\x03\x04 not really a zip", "UNSUPPORTED_FILE_TYPE"),
        ("Tên\nNguyên Văn\n".encode("cp1258"), "UNSUPPORTED_FILE_TYPE"),
        (b"", "EMPTY_FILE"),
        (csv_bytes(MEMBER_HEADERS, []), "EMPTY_FILE"),
        (csv_bytes(MEMBER_HEADERS, [[""] * 10, [" "] * 10]), "EMPTY_FILE"),
    ],
    ids=["png", "elf", "exe", "docx", "broken-zip", "cp1258-text", "empty", "header-only", "blank"],
)
async def test_files_that_are_not_spreadsheets_are_refused(
    system: Actor, content: bytes, code: str
) -> None:
    with pytest.raises(DomainError) as caught:
        await import_members(system, content=content, dry_run=True, valid_only=False)

    assert caught.value.code == code


async def test_a_file_over_the_limit_is_refused_before_parsing(system: Actor) -> None:
    # NUL bytes are not text: only a size check that runs first can report FILE_TOO_LARGE.
    content = bytes(MAX_IMPORT_BYTES + 1)

    with pytest.raises(DomainError) as caught:
        await import_members(system, content=content, dry_run=True, valid_only=False)

    assert (caught.value.code, caught.value.params) == ("FILE_TOO_LARGE", {"max_mb": 10})


async def test_too_many_rows_are_refused(system: Actor) -> None:
    content = b"Ho va ten,Ten to chuc,Ma don vi hanh chinh\n" + b"A,B,1\n" * (MAX_IMPORT_ROWS + 1)

    with pytest.raises(DomainError) as caught:
        await import_members(system, content=content, dry_run=True, valid_only=False)

    assert (caught.value.code, caught.value.params) == ("TOO_MANY_ROWS", {"max": 20000})


# Organisations ---------------------------------------------------------------------------------


async def test_organisations_accept_kind_labels_and_names(
    system: Actor, registry: Registry
) -> None:
    content = xlsx_bytes(
        ORGANIZATION_HEADERS,
        [
            ["Sở Thông tin và Truyền thông", "Sở, ban, ngành", "96", "0290 3567 890", None, None],
            ["Bưu điện Phường An Xuyên", "viễn thông, bưu chính", "32002", None,
             "BD.AnXuyen@vnpost.vn", "Số 3 Hùng Vương, Phường An Xuyên"],
            ["Hợp tác xã Hồng Dân", "ENTERPRISE", "31843", None, None, None],
            ["Tổ công nghệ số cộng đồng Khóm 2", "To cong nghe so cong dong", "32002",
             None, None, None],
        ],
    )  # fmt: skip

    report = await import_organizations(system, content=content, dry_run=False, valid_only=False)

    assert (report.created, report.errors) == (4, [])
    rows = (
        await Organization.filter(id__gt=registry.team_an_xuyen.id)
        .order_by("id")
        .values_list(
            "name", "name_folded", "kind", "unit_path", "contact_phone", "contact_email", "address"
        )
    )
    assert rows == [
        ("Sở Thông tin và Truyền thông", "so thong tin va truyen thong",
         OrganizationKind.PROVINCIAL_DEPARTMENT, "/96/", "02903567890", None, ""),
        ("Bưu điện Phường An Xuyên", "buu dien phuong an xuyen", OrganizationKind.TELECOM_POSTAL,
         "/96/32002/", None, "bd.anxuyen@vnpost.vn", "Số 3 Hùng Vương, Phường An Xuyên"),
        ("Hợp tác xã Hồng Dân", "hop tac xa hong dan", OrganizationKind.ENTERPRISE,
         "/96/31843/", None, None, ""),
        ("Tổ công nghệ số cộng đồng Khóm 2", "to cong nghe so cong dong khom 2",
         OrganizationKind.COMMUNITY_TECH_TEAM, "/96/32002/", None, None, ""),
    ]  # fmt: skip
    event = await AuditEvent.get(action="organization.import")
    assert (event.object_id, event.fields_changed) == (
        "96",  # one row sits at the province itself
        ["address", "admin_unit_code", "contact_email", "contact_phone", "kind", "name"],
    )


async def test_bad_organisation_rows(system: Actor, registry: Registry) -> None:
    manager = await actor_for(system, Role.UNIT_MANAGER, "32002")
    content = csv_bytes(
        ORGANIZATION_HEADERS,
        [
            ["Ngân hàng Nông nghiệp Chi nhánh An Xuyên", "Ngân hàng", "32002", "", "", ""],
            ["ubnd phường an xuyên", "UBND", "32002", "", "", ""],
            ["Ngân hàng Nông nghiệp chi nhánh An Xuyên", "BANK", "32002", "", "", ""],
            ["Trường học", "Trường", "32002", "123", "x@", ""],
            ["Hợp tác xã Hồng Dân", "Doanh nghiệp", "31843", "", "", ""],
            ["X", "", "00000", "", "", "a" * 256],
        ],
    )

    report = await import_organizations(manager, content=content, dry_run=True, valid_only=False)

    assert errors(report) == [
        (3, "Tên tổ chức", "DUPLICATE_ORGANIZATION", {}),
        (4, "Tên tổ chức", "DUPLICATE_IN_FILE", {"row": 2}),
        (5, "Loại tổ chức", "INVALID_CHOICE", {"value": "Trường"}),
        (5, "Số điện thoại liên hệ", "INVALID_PHONE", {}),
        (5, "Email liên hệ", "INVALID_EMAIL", {}),
        (6, "Mã đơn vị hành chính", "OUT_OF_SCOPE", {"code": "31843"}),
        (7, "Tên tổ chức", "INVALID_LENGTH", {"min": 2, "max": 255}),
        (7, "Loại tổ chức", "REQUIRED", {}),
        (7, "Mã đơn vị hành chính", "ADMIN_UNIT_NOT_FOUND", {"code": "00000"}),
        (7, "Địa chỉ", "INVALID_LENGTH", {"min": 0, "max": 255}),
    ]
    assert report.valid_rows == 1


# Units below a commune ------------------------------------------------------------------------


async def test_hamlets_and_residential_groups_enter_the_tree(system: Actor) -> None:
    content = csv_bytes(
        ADMIN_UNIT_HEADERS,
        [
            ["32002", "32002-K01", "Khóm 1", "Khóm"],
            ["32002", "32002-K02", "Khóm  2", "to dan pho"],
            ["31843", "31843-A03", "Ấp 3", "Ấp"],
            ["31843", "31843-T01", "Thôn Mới", "HAMLET"],
        ],
    )

    report = await import_admin_units(system, content=content, dry_run=False, valid_only=False)

    assert (report.created, report.errors) == (4, [])
    rows = (
        await AdminUnit.filter(level=3)
        .order_by("path")
        .values_list(
            "code", "name", "name_folded", "kind", "level", "path", "parent__code", "valid_from"
        )
    )
    today = today_in_vietnam()
    assert rows == [
        ("31843-A03", "Ấp 3", "ap 3", AdminUnitKind.HAMLET, 3, "/96/31843/31843-A03/", "31843", today),
        ("31843-T01", "Thôn Mới", "thon moi", AdminUnitKind.HAMLET, 3, "/96/31843/31843-T01/",
         "31843", today),
        ("32002-K01", "Khóm 1", "khom 1", AdminUnitKind.RESIDENTIAL_GROUP, 3,
         "/96/32002/32002-K01/", "32002", today),
        ("32002-K02", "Khóm 2", "khom 2", AdminUnitKind.RESIDENTIAL_GROUP, 3,
         "/96/32002/32002-K02/", "32002", today),
    ]  # fmt: skip
    # hamlets of two communes: the province holds them all
    event = await AuditEvent.get(action="admin_unit.import")
    assert (event.object_type, event.object_id) == ("AdminUnit", "96")


async def test_hamlets_of_one_commune_are_audited_on_that_commune(system: Actor) -> None:
    content = csv_bytes(
        ADMIN_UNIT_HEADERS,
        [["32002", "32002-K01", "Khóm 1", "Khóm"], ["32002", "32002-K02", "Khóm 2", "Khóm"]],
    )

    await import_admin_units(system, content=content, dry_run=False, valid_only=False)

    event = await AuditEvent.get(action="admin_unit.import")
    assert (event.object_type, event.object_id) == ("AdminUnit", "32002")


async def test_bad_hamlet_rows(system: Actor) -> None:
    manager = await actor_for(system, Role.UNIT_MANAGER, "32002")
    await import_admin_units(
        system,
        content=csv_bytes(ADMIN_UNIT_HEADERS, [["32002", "32002-K01", "Khóm 1", "Khóm"]]),
        dry_run=False,
        valid_only=False,
    )
    content = csv_bytes(
        ADMIN_UNIT_HEADERS,
        [
            ["32002", "32002-K02", "Khóm 2", "Khóm"],
            ["32002", "32002-K01", "Khóm 1", "Khóm"],
            ["32002", "32002-K02", "Khóm 2 mới", "Khóm"],
            ["31843", "31843-A01", "Ấp 1", "Ấp"],
            ["96", "96-X", "Khu X", "Khóm"],
            ["32002-K01", "K01-T1", "Tổ 1", "Tổ dân phố"],
            ["77777", "mã có dấu", "", "Xóm"],
        ],
    )

    report = await import_admin_units(manager, content=content, dry_run=True, valid_only=False)

    assert errors(report) == [
        (3, "Mã ấp/khóm", "DUPLICATE_CODE", {"code": "32002-K01"}),
        (4, "Mã ấp/khóm", "DUPLICATE_IN_FILE", {"row": 2}),
        (5, "Mã xã/phường", "OUT_OF_SCOPE", {"code": "31843"}),
        (6, "Mã xã/phường", "OUT_OF_SCOPE", {"code": "96"}),
        (7, "Mã xã/phường", "INVALID_CHOICE", {"value": "32002-K01"}),
        (8, "Mã xã/phường", "ADMIN_UNIT_NOT_FOUND", {"code": "77777"}),
        (8, "Mã ấp/khóm", "INVALID_CODE", {}),
        (8, "Tên ấp/khóm", "REQUIRED", {}),
        (8, "Loại", "INVALID_CHOICE", {"value": "Xóm"}),
    ]


def test_row_error_defaults_to_no_params() -> None:
    assert RowError(row=2, column="Email", code="INVALID_EMAIL").params == {}


@pytest.mark.parametrize("choices", [ORGANIZATION_KINDS, IT_QUALIFICATIONS, NETWORK_ROLES])
def test_every_choice_reads_back_from_its_label_and_name(choices: Choices[Any]) -> None:
    every = list(type(choices.values[0]))
    assert choices.values == every
    assert [choices.parse(choices.label(v)) for v in every] == every
    assert [choices.parse(v.name.lower()) for v in every] == every


@pytest.mark.parametrize(
    ("template", "columns"),
    [
        ("members.csv", MEMBER_COLUMNS),
        ("organizations.csv", ORGANIZATION_COLUMNS),
        ("admin_units.csv", ADMIN_UNIT_COLUMNS),
    ],
)
def test_templates_use_every_column_with_its_header(
    template: str, columns: tuple[Column, ...]
) -> None:
    content = (TEMPLATES / template).read_bytes()

    table = read_table(content, columns)

    assert content.startswith(b"\xef\xbb\xbf")
    assert list(table.headers.values()) == [c.header for c in columns]
    assert [r.row for r in table.records] == [2, 3]


async def test_a_commune_dry_run_names_only_the_duplicates_it_may_see(
    system: Actor, registry: Registry
) -> None:
    """Given An Xuyên's manager and a file reusing contact details of An Xuyên's staff
    (visible), of Hồng Dân's officer and of the province's director (not visible), the
    dry run names the visible duplicates and refuses the others with the neutral
    FORBIDDEN, which does not say that the value exists elsewhere."""
    manager = await actor_for(system, Role.UNIT_MANAGER, "32002")
    await Member.filter(id=registry.director.id).update(national_id="096185001234")
    content = csv_bytes(
        MEMBER_HEADERS,
        [
            member_row("Người Một", registry.an_xuyen_staff.phone or ""),
            member_row("Người Hai", registry.hong_dan_officer.phone or ""),
            member_row("Người Ba", "0918000003", registry.hong_dan_officer.email or ""),
            member_row("Người Bốn", "0918000004", national_id="096185001234"),
        ],
    )

    report = await import_members(manager, content=content, dry_run=True, valid_only=False)

    assert errors(report) == [
        (2, "Số điện thoại", "DUPLICATE_PHONE", {}),
        (3, "Số điện thoại", "FORBIDDEN", {}),
        (4, "Email", "FORBIDDEN", {}),
        (5, "Số định danh cá nhân", "FORBIDDEN", {}),
    ]
