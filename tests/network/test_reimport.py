"""Importing an export again: rows carrying an id update their records, nothing is duplicated."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from core.actor import Actor, Role
from core.models import AuditEvent
from network import admin_units
from network.exports import export_members, export_organizations
from network.imports import RowAction, RowPlan, import_members, import_organizations
from network.models import Member, Organization
from tests.conftest import QueryLog
from tests.helpers import actor_for
from tests.network.registry_data import Registry
from tests.network.sheets import EXPORTED_MEMBER_HEADERS, csv_bytes, member_row

POSITION = EXPORTED_MEMBER_HEADERS.index("Chức vụ") + 1  # openpyxl columns count from 1
PHONE = EXPORTED_MEMBER_HEADERS.index("Số điện thoại") + 1


def edit(content: bytes, changes: dict[tuple[int, int], object]) -> bytes:
    """The workbook with cells (row, column) changed, as a person would in Excel."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    for (row, column), value in changes.items():
        sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(content: bytes, member: Member) -> int:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if values[0] == member.id:
            return number
    raise AssertionError(f"member {member.id} is not in the export")


async def test_editing_one_position_in_an_export_updates_that_member_only(
    system: Actor, registry: Registry
) -> None:
    """Given a members export with one position changed in Excel, the dry run plans one
    update naming the changed column and writes nothing; the real run updates that
    member, creates nobody, and audits the update on the member."""
    exported = await export_members(system, within=None, fmt="xlsx")
    staff = registry.an_xuyen_staff
    line = row_of(exported, staff)
    edited = edit(exported, {(line, POSITION): "Phó Chủ tịch UBND"})

    dry = await import_members(system, content=edited, dry_run=True, valid_only=False)

    assert (dry.errors, dry.new_rows, dry.changed_rows, dry.unchanged_rows) == ([], 0, 1, 4)
    assert (dry.created, dry.updated, dry.applied) == (0, 0, False)
    assert dry.columns == EXPORTED_MEMBER_HEADERS
    (plan,) = dry.rows
    assert plan == RowPlan(
        row=line,
        action=RowAction.UPDATE,
        record_id=staff.id,
        changed=["Chức vụ"],
        cells=plan.cells,
    )
    assert plan.cells[:5] == [
        str(staff.id),
        "Lê Văn Cường",
        "UBND Phường An Xuyên",
        "32002",
        "Phó Chủ tịch UBND",
    ]
    assert (await Member.get(id=staff.id)).position == ""

    report = await import_members(system, content=edited, dry_run=False, valid_only=False)

    assert (report.errors, report.created, report.updated, report.unchanged_rows) == ([], 0, 1, 4)
    assert await Member.all().count() == 5
    assert await Member.filter(position="Phó Chủ tịch UBND").values_list("id", flat=True) == [
        staff.id
    ]
    updates = await AuditEvent.filter(action="member.update").values_list(
        "actor_kind", "object_type", "object_id", "fields_changed"
    )
    assert updates == [("system", "Member", str(staff.id), ["position"])]


async def test_a_changed_phone_is_checked_against_other_members_not_the_row_itself(
    system: Actor, registry: Registry
) -> None:
    ward = await admin_units.get(code="32002")
    exported = await export_members(system, within=ward, fmt="xlsx")
    staff, officer = registry.an_xuyen_staff, registry.an_xuyen_officer
    edited = edit(
        exported,
        {
            (row_of(exported, staff), PHONE): "0918 777 666",
            (row_of(exported, officer), PHONE): registry.director.phone,  # not in the file
        },
    )

    report = await import_members(system, content=edited, dry_run=True, valid_only=False)

    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (row_of(exported, officer), "Số điện thoại", "DUPLICATE_PHONE")
    ]
    updating = [(p.record_id, p.action, p.changed) for p in report.rows]
    assert sorted(updating) == sorted(
        [(staff.id, RowAction.UPDATE, ["Số điện thoại"]), (officer.id, RowAction.INVALID, [])]
    )

    report = await import_members(system, content=edited, dry_run=False, valid_only=True)

    assert (report.updated, report.unchanged_rows) == (1, 1)
    assert (await Member.get(id=staff.id)).phone == "0918777666"
    assert (await Member.get(id=officer.id)).phone == "0912000002"


async def test_an_id_outside_the_managers_scope_is_an_error_on_its_row(
    system: Actor, registry: Registry
) -> None:
    """Given An Xuyên's manager and a file naming Hồng Dân's officer by id (and an id
    that never existed), both rows fail on the id column the same way, and nothing is
    updated even with valid_only for the others."""
    manager = await actor_for(system, Role.UNIT_MANAGER, "32002")
    officer = registry.hong_dan_officer
    content = csv_bytes(
        ["Mã thành viên", *EXPORTED_MEMBER_HEADERS[1:]],
        [
            [str(officer.id), *member_row("Đặng Thị Dung", position="Đã sửa")],
            ["999999", *member_row("Không Có Ai")],
            [str(registry.an_xuyen_staff.id), *member_row("Lê Văn Cường", "0912000003",
                                                          "0912000003@example.vn",
                                                          qualification="Không")],
        ],
    )  # fmt: skip

    report = await import_members(manager, content=content, dry_run=False, valid_only=True)

    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (2, "Mã thành viên", "MEMBER_NOT_FOUND"),
        (3, "Mã thành viên", "MEMBER_NOT_FOUND"),
    ]
    assert (report.created, report.updated, report.unchanged_rows) == (0, 0, 1)
    assert (await Member.get(id=officer.id)).position == ""
    assert await Member.all().count() == 5


async def test_a_repeated_or_malformed_id_is_refused(system: Actor, registry: Registry) -> None:
    staff_id = str(registry.an_xuyen_staff.id)
    content = csv_bytes(
        EXPORTED_MEMBER_HEADERS,
        [
            [staff_id, *member_row("Lê Văn Cường", position="Một")],
            [staff_id, *member_row("Lê Văn Cường", position="Hai")],
            ["12a", *member_row("Ai Đó")],
        ],
    )

    report = await import_members(system, content=content, dry_run=True, valid_only=False)

    assert [(e.row, e.column, e.code, e.params) for e in report.errors] == [
        (3, "Mã thành viên", "DUPLICATE_IN_FILE", {"row": 2}),
        (4, "Mã thành viên", "INVALID", {}),
    ]


async def test_updates_take_the_same_queries_for_any_number_of_rows(
    system: Actor, registry: Registry, count_queries: QueryLog
) -> None:
    rows = [member_row(f"Thành Viên {i}", f"0918{i:06d}") for i in range(300)]
    await import_members(
        system,
        content=csv_bytes(EXPORTED_MEMBER_HEADERS[1:], rows),
        dry_run=False,
        valid_only=False,
    )
    ids = dict(
        await Member.filter(full_name__startswith="Thành Viên").values_list("full_name", "id")
    )

    def renamed(n: int) -> bytes:
        return csv_bytes(
            EXPORTED_MEMBER_HEADERS,
            [[str(ids[f"Thành Viên {i}"]), *member_row(f"Thành Viên {i}", f"0918{i:06d}",
                                                       position=f"Chức vụ {i}")]
             for i in range(n)],
        )  # fmt: skip

    before = len(count_queries)
    small = await import_members(system, content=renamed(3), dry_run=False, valid_only=False)
    small_queries = len(count_queries) - before
    large = await import_members(system, content=renamed(300), dry_run=False, valid_only=False)
    large_queries = len(count_queries) - before - small_queries

    assert (small.updated, large.updated) == (3, 297)
    # ids, units, organisations, phones (no emails or ID numbers to check), an UPDATE
    # per 250 records, the update events (one INSERT per set of changed fields), the
    # import event.
    assert (small_queries, large_queries) == (7, 8)
    assert await Member.filter(position__startswith="Chức vụ").count() == 300
    assert await Member.all().count() == 305


async def test_renaming_and_moving_an_organisation_by_reimport(
    system: Actor, registry: Registry
) -> None:
    """An organisations export edited to rename one organisation and move another to
    another commune: both updated, the moved one's members move with it."""
    exported = await export_organizations(system, within=None, fmt="xlsx")
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == registry.team_an_xuyen.id:
            row[1].value = "Tổ công nghệ số Khóm 2"
        if row[0].value == registry.pc_hong_dan.id:
            row[3].value = "31825"
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = await import_organizations(
        system, content=buffer.getvalue(), dry_run=False, valid_only=False
    )

    assert (report.errors, report.created, report.updated, report.unchanged_rows) == ([], 0, 2, 2)
    assert sorted((p.record_id, tuple(p.changed)) for p in report.rows) == sorted(
        [
            (registry.team_an_xuyen.id, ("Tên tổ chức",)),
            (registry.pc_hong_dan.id, ("Mã đơn vị hành chính",)),
        ]
    )
    assert await Organization.all().count() == 4
    team = await Organization.get(id=registry.team_an_xuyen.id)
    assert (team.name, team.name_folded) == ("Tổ công nghệ số Khóm 2", "to cong nghe so khom 2")
    moved = await Member.get(id=registry.hong_dan_officer.id)
    assert moved.unit_path == "/96/31825/"
    events = await AuditEvent.filter(action="organization.update").values_list(
        "object_id", "fields_changed"
    )
    assert sorted(events) == sorted(
        [
            (str(registry.team_an_xuyen.id), ["name"]),
            (str(registry.pc_hong_dan.id), ["admin_unit_code"]),
        ]
    )
