"""Importing over GraphQL (base64 file in, report out) and downloading exports over HTTP."""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import AsyncIterator

import httpx
import pytest
import strawberry
from openpyxl import load_workbook
from strawberry import relay

import api.app
import schema as root_schema
from accounts import services as accounts
from api.app import create_app
from api.routes.network import routes as export_routes
from api.settings import Settings
from core.actor import Actor, Role
from network.models import AdminUnit, Member
from schema.network.imports import ImportMutation
from tests.helpers import gql, login, make_user, sign_in
from tests.network.registry_data import build_registry
from tests.network.sheets import (
    EXPORTED_MEMBER_HEADERS,
    MEMBER_HEADERS,
    csv_bytes,
    member_row,
    xlsx_rows,
)

IMPORT_MEMBERS = """
mutation Import($input: ImportInput!) {
  importMembers(input: $input) {
    report { totalRows validRows created dryRun applied
             rowErrors { row column code message } }
    errors { field code message }
  }
}
"""
IMPORT_ADMIN_UNITS = """
mutation Import($input: ImportInput!) {
  importAdminUnits(input: $input) {
    report { created applied rowErrors { row column code } }
    errors { code }
  }
}
"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def with_imports() -> strawberry.Schema:
    """The root schema with ``ImportMutation`` (as ``schema/__init__.py`` is to wire it)."""
    if issubclass(root_schema.Mutation, ImportMutation):
        return root_schema.schema

    # A schema is built once per root type: give this one fresh roots of the same shape.
    @strawberry.type(name="Query")
    class Query(root_schema.Query):
        node: relay.Node | None = relay.node()

    @strawberry.type(name="Mutation")
    class Mutation(root_schema.Mutation, ImportMutation):
        pass

    roots = root_schema.Query, root_schema.Mutation
    root_schema.Query, root_schema.Mutation = Query, Mutation  # type: ignore[misc]
    try:
        return root_schema.build_schema()
    finally:
        root_schema.Query, root_schema.Mutation = roots  # type: ignore[misc]


SCHEMA = with_imports()


@pytest.fixture
async def client(
    settings: Settings, db: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[httpx.AsyncClient]:
    """The real app, with the import mutations and the export routes in place."""
    monkeypatch.setattr(api.app, "schema", SCHEMA)
    app = create_app(settings, manage_database=False)
    app.router.routes[0:0] = export_routes
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


def upload(content: bytes, *, dry_run: bool = True, valid_only: bool = False) -> dict[str, object]:
    encoded = base64.b64encode(content).decode()
    return {
        "input": {
            "fileName": "thanh-vien.csv",
            "contentBase64": encoded,
            "dryRun": dry_run,
            "validOnly": valid_only,
        }
    }


BAD_FILE = csv_bytes(
    MEMBER_HEADERS,
    [
        member_row("Nguyễn Văn Đúng", "0915000001"),
        member_row("Trần Văn Sai", "12345", "0912000003@example.vn"),
        member_row("Lê Văn Trùng", "0915 000 001", organization="UBND Xã Hồng Dân", unit="31843"),
    ],
)


async def test_dry_run_reports_rows_in_vietnamese(client: httpx.AsyncClient, system: Actor) -> None:
    await build_registry(system)
    await sign_in(client, system, "quan.ly", Role.UNIT_MANAGER, "32002")

    body = await gql(client, IMPORT_MEMBERS, upload(BAD_FILE))

    assert body["data"]["importMembers"] == {
        "report": {
            "totalRows": 3,
            "validRows": 1,
            "created": 0,
            "dryRun": True,
            "applied": False,
            "rowErrors": [
                {
                    "row": 3,
                    "column": "Số điện thoại",
                    "code": "INVALID_PHONE",
                    "message": "Số điện thoại không hợp lệ (ví dụ: 0912345678 hoặc +84 912 345 678).",
                },
                {
                    "row": 3,
                    "column": "Email",
                    "code": "DUPLICATE_EMAIL",
                    "message": "Email này đã có trong danh sách thành viên.",
                },
                {
                    "row": 4,
                    "column": "Mã đơn vị hành chính",
                    "code": "OUT_OF_SCOPE",
                    "message": "Đơn vị 31843 nằm ngoài phạm vi quản lý của bạn.",
                },
                {
                    "row": 4,
                    "column": "Số điện thoại",
                    "code": "DUPLICATE_IN_FILE",
                    "message": "Trùng với dòng 2 trong cùng tệp.",
                },
            ],
        },
        "errors": [],
    }
    assert not await Member.exists(full_name="Nguyễn Văn Đúng")


async def test_refused_import_says_why_in_english(client: httpx.AsyncClient, system: Actor) -> None:
    await build_registry(system)
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")

    body = await gql(
        client, IMPORT_MEMBERS, upload(BAD_FILE, dry_run=False), headers={"accept-language": "en"}
    )

    payload = body["data"]["importMembers"]
    assert (payload["report"]["created"], payload["report"]["applied"]) == (0, False)
    assert payload["report"]["rowErrors"][0]["message"] == (
        "The phone number is not valid (for example 0912345678 or +84 912 345 678)."
    )
    assert payload["errors"] == [
        {
            "field": None,
            "code": "IMPORT_HAS_ERRORS",
            "message": "2 rows have errors, so nothing was imported. "
            "Fix them, or choose to import only the valid rows.",
        }
    ]
    assert not await Member.exists(full_name="Nguyễn Văn Đúng")


async def test_valid_only_writes_the_valid_rows(client: httpx.AsyncClient, system: Actor) -> None:
    await build_registry(system)
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")

    body = await gql(client, IMPORT_MEMBERS, upload(BAD_FILE, dry_run=False, valid_only=True))

    report = body["data"]["importMembers"]["report"]
    assert (report["created"], report["applied"], len(report["rowErrors"])) == (1, True, 3)
    assert body["data"]["importMembers"]["errors"] == []
    assert await Member.exists(full_name="Nguyễn Văn Đúng", phone="0915000001")


async def test_hamlets_are_imported(client: httpx.AsyncClient, system: Actor) -> None:
    await sign_in(client, system, "quan.ly", Role.UNIT_MANAGER, "32002")
    content = (
        b"Ma xa/phuong,Ma ap/khom,Ten ap/khom,Loai\n32002,32002-K01,Kh\xc3\xb3m 1,Kh\xc3\xb3m\n"
    )

    body = await gql(client, IMPORT_ADMIN_UNITS, upload(content, dry_run=False))

    assert body["data"]["importAdminUnits"] == {
        "report": {"created": 1, "applied": True, "rowErrors": []},
        "errors": [],
    }
    assert (await AdminUnit.get(code="32002-K01")).path == "/96/32002/32002-K01/"


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (
            base64.b64encode(PNG).decode(),
            {"field": None, "code": "UNSUPPORTED_FILE_TYPE",
             "message": "Chỉ nhận tệp CSV hoặc Excel (.xlsx)."},
        ),
        (
            "không phải base64!",
            {"field": "contentBase64", "code": "INVALID", "message": "Giá trị không hợp lệ."},
        ),
        (
            base64.b64encode(b"Ho va ten,Ghi chu\nA,B\n").decode(),
            {"field": None, "code": "INVALID_HEADERS",
             "message": "Tiêu đề cột không đúng mẫu. Thiếu: Tên tổ chức, Mã đơn vị hành chính. "
             "Không nhận ra: Ghi chu."},
        ),
    ],
    ids=["png-as-csv", "bad-base64", "wrong-headers"],
)  # fmt: skip
async def test_file_level_refusals_come_back_as_errors(
    client: httpx.AsyncClient,
    tree: AdminUnit,
    system: Actor,
    encoded: str,
    expected: dict[str, str],
) -> None:
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")
    variables = {"input": {"fileName": "danh-sach.csv", "contentBase64": encoded}}

    body = await gql(client, IMPORT_MEMBERS, variables)

    assert body["data"]["importMembers"] == {"report": None, "errors": [expected]}


async def test_base64_with_line_breaks_is_accepted(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await build_registry(system)
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")
    wrapped = base64.encodebytes(BAD_FILE).decode()  # 76 characters a line

    body = await gql(
        client, IMPORT_MEMBERS, {"input": {"fileName": "a.csv", "contentBase64": wrapped}}
    )

    assert body["data"]["importMembers"]["report"]["totalRows"] == 3


@pytest.mark.parametrize(
    ("role", "code"), [(None, "UNAUTHENTICATED"), (Role.FIELD_STAFF, "FORBIDDEN")]
)
async def test_only_editors_may_import(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor, role: Role | None, code: str
) -> None:
    if role is not None:
        await sign_in(client, system, "nhan.vien", role, "32002")

    body = await gql(client, IMPORT_MEMBERS, upload(BAD_FILE))

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == code


# Export downloads -------------------------------------------------------------------------------


async def test_export_download_for_a_manager(client: httpx.AsyncClient, system: Actor) -> None:
    await build_registry(system)
    await sign_in(client, system, "quan.ly", Role.UNIT_MANAGER, "96")

    response = await client.get("/exports/members.csv", params={"adminUnitCode": "32002"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="members-32002-') and disposition.endswith(
        '.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == EXPORTED_MEMBER_HEADERS
    assert [(r[1], r[5]) for r in rows[1:]] == [
        ("Huỳnh Văn Em", "0912000005"),
        ("Lê Văn Cường", "0912000003"),
        ("Trần Thị Bích", "0912000002"),
    ]


async def test_partner_key_downloads_without_personal_data(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await build_registry(system)
    _key, raw = await accounts.create_api_key(system, name="Bưu điện", scopes=["read:network"])

    response = await client.get(
        "/exports/organizations.xlsx", headers={"authorization": f"Bearer {raw}"}
    )
    members = await client.get("/exports/members.xlsx", headers={"authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert [row[1] for row in xlsx_rows(response.content)[1:]] == [
        "Sở Khoa học và Công nghệ",
        "Tổ công nghệ số Khóm 1",
        "UBND Phường An Xuyên",
        "UBND Xã Hồng Dân",
    ]
    assert {row[5:8] for row in xlsx_rows(members.content)[1:]} == {(None, None, None)}


async def test_export_refusals(client: httpx.AsyncClient, system: Actor) -> None:
    await build_registry(system)
    _key, raw = await accounts.create_api_key(system, name="Khảo sát", scopes=["read:surveys"])
    await make_user(system, "nhan.vien", Role.FIELD_STAFF, "32002")
    await make_user(system, "quan.ly", Role.UNIT_MANAGER, "32002")

    anonymous = await client.get("/exports/members.csv", headers={"accept-language": "en"})
    bad_key = await client.get("/exports/members.csv", headers={"authorization": f"Bearer {raw}"})
    await login(client, "nhan.vien")
    staff = await client.get("/exports/members.csv")
    await login(client, "quan.ly")
    outside = await client.get("/exports/members.csv", params={"adminUnitCode": "31843"})
    unknown_unit = await client.get("/exports/members.csv", params={"adminUnitCode": "00000"})
    unknown_kind = await client.get("/exports/users.csv")
    unknown_format = await client.get("/exports/members.pdf")
    cross_site = await client.get("/exports/members.csv", headers={"sec-fetch-site": "cross-site"})

    assert anonymous.status_code == 401
    assert anonymous.json() == {
        "errors": [
            {
                "message": "Your session has expired or is not valid. Please sign in again.",
                "extensions": {"code": "UNAUTHENTICATED"},
            }
        ]
    }
    assert (bad_key.status_code, bad_key.json()["errors"][0]["extensions"]["code"]) == (
        403,
        "FORBIDDEN",
    )
    assert staff.status_code == 403
    assert staff.json()["errors"][0]["message"] == "Bạn không có quyền thực hiện thao tác này."
    assert (outside.status_code, outside.json()["errors"][0]["message"]) == (
        403,
        "Đơn vị 31843 nằm ngoài phạm vi quản lý của bạn.",
    )
    assert (unknown_unit.status_code, unknown_unit.json()["errors"][0]["extensions"]["code"]) == (
        404,
        "ADMIN_UNIT_NOT_FOUND",
    )
    assert (unknown_kind.status_code, unknown_format.status_code) == (404, 404)
    assert cross_site.status_code == 403


REIMPORT_MEMBERS = """
mutation Import($input: ImportInput!) {
  importMembers(input: $input) {
    report { created updated newRows changedRows unchangedRows applied columns rowsTruncated
             rows { row action recordId changedColumns cells } rowErrors { row code } }
    errors { code }
  }
}
"""


async def test_a_downloaded_export_edited_and_sent_back_updates_one_member(
    client: httpx.AsyncClient, system: Actor
) -> None:
    """The defect this fixes: the export came back with "duplicate phone" on every row."""
    registry = await build_registry(system)
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")
    exported = (await client.get("/exports/members.xlsx")).content
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.worksheets[0]
    position = EXPORTED_MEMBER_HEADERS.index("Chức vụ")
    (line,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == registry.an_xuyen_staff.id]
    line[position].value = "Công chức Văn phòng"
    buffer = io.BytesIO()
    workbook.save(buffer)

    dry = await gql(client, REIMPORT_MEMBERS, upload(buffer.getvalue()))
    done = await gql(client, REIMPORT_MEMBERS, upload(buffer.getvalue(), dry_run=False))

    member_id = relay.to_base64("Member", registry.an_xuyen_staff.id)
    report = dry["data"]["importMembers"]["report"]
    assert (report["newRows"], report["changedRows"], report["unchangedRows"]) == (0, 1, 4)
    assert (report["created"], report["updated"], report["applied"]) == (0, 0, False)
    assert report["columns"] == EXPORTED_MEMBER_HEADERS
    assert [(r["action"], r["recordId"], r["changedColumns"]) for r in report["rows"]] == [
        ("UPDATE", member_id, ["Chức vụ"])
    ]
    assert report["rows"][0]["cells"][position] == "Công chức Văn phòng"
    assert (report["rowErrors"], report["rowsTruncated"]) == ([], False)
    report = done["data"]["importMembers"]["report"]
    assert (report["created"], report["updated"], report["applied"]) == (0, 1, True)
    assert await Member.all().count() == 5
    staff = await Member.get(id=registry.an_xuyen_staff.id)
    assert staff.position == "Công chức Văn phòng"
