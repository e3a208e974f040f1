"""Importing the registry from spreadsheets: members, organisations, and units below a commune.

Templates with example rows are in ``docs/templates/``; headers and choice labels are
defined in ``network.sheet_format`` (Vietnamese, or the English field and enum names).

- Organisations: "Tên tổ chức", "Loại tổ chức", "Mã đơn vị hành chính" (required),
  "Số điện thoại liên hệ", "Email liên hệ", "Địa chỉ".
- Members: "Họ và tên", "Tên tổ chức", "Mã đơn vị hành chính" (required), "Chức vụ",
  "Số điện thoại", "Email", "Số định danh cá nhân", "Trình độ CNTT",
  "Vai trò trong mạng lưới" (comma-separated), "Ngày tham gia" (dd/mm/yyyy).
  A member names their organisation the way people know it: its name plus the code of
  the admin unit it sits in, exactly as the organisations template and the exports
  write them, so a file prepared by a commune needs no lookup first.
- Both files may start with the record's id ("Mã thành viên", "Mã tổ chức"), which the
  exports write: a row with an id updates that record (within the actor's scope; an id
  outside it is "not found" on that row), a row without one creates a record. So an
  export can be edited and imported again. Only the columns present in the file are
  compared; a blank cell clears its field (a blank "Ngày tham gia" keeps the date).
- Units below a commune: "Mã xã/phường" (the commune, ward or special zone above),
  "Mã ấp/khóm", "Tên ấp/khóm", "Loại" (ấp, thôn, bản… -> HAMLET; khóm, tổ dân phố,
  khu phố -> RESIDENTIAL_GROUP).

Every row is checked and every error collected with its spreadsheet row number (the
header is row 1), the column as written in the file, a code and its parameters. Nothing
is written unless every row is valid, or ``valid_only`` asks for the valid rows alone.
Each valid row is planned as a creation, an update (with the fields it changes) or left
unchanged, on a dry run too. Lookups run in bulk (one query per chunk of up to 500
values, never one per row); writes are bulk inserts and ``CASE`` updates of up to 500
rows in one transaction, with one audit event per import that names the columns, and
one update event per changed record naming its changed fields, never their values;
the import's own event has for object the smallest admin unit holding every row
created or updated (``covering_unit``), so the trail says where the rows went.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from core import audit
from core.actor import Actor
from core.bulk import value_groups
from core.clock import utcnow
from core.errors import DomainError
from network.access import require_editor
from network.import_rules import (
    ADMIN_UNITS,
    MEMBERS,
    ORGANIZATIONS,
    UNIQUE_MEMBER_COLUMNS,
    Draft,
    Kind,
    chunks,
)
from network.models import Member, Organization
from network.spreadsheets import Table, read_table

# Called with the number of rows just read from the file (every 500), for a progress bar.
Progress = Callable[[int], None]
# Rows listed in a report (invalid and updating ones): enough to read on a screen; the
# errors themselves are all listed.
PLAN_LIMIT = 500
# Records per ``UPDATE … CASE`` statement (each field costs 3 parameters a record).
UPDATE_CHUNK = 250
# The model fields a file column sets, where they differ from the column's key.
COLUMN_FIELDS: dict[str, tuple[str, ...]] = {
    "organization_name": ("organization_id",),
    "admin_unit_code": ("admin_unit_id",),
}


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number; the header is row 1
    column: str  # the header as written in the file
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class RowAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    UNCHANGED = "UNCHANGED"
    INVALID = "INVALID"


@dataclass(frozen=True)
class RowPlan:
    """What one row does (or would do, on a dry run), with the file's cells for showing."""

    row: int
    action: RowAction
    record_id: int | None  # the matched record, for an update
    changed: list[str]  # the headers (as written in the file) of the changed cells
    cells: list[str]  # the row's cells, in the order of ``ImportReport.columns``


@dataclass
class ImportReport:
    total_rows: int
    valid_rows: int
    created: int  # 0 on a dry run or when the file was refused
    errors: list[RowError]
    dry_run: bool
    applied: bool  # rows were written
    updated: int = 0  # 0 on a dry run or when the file was refused
    new_rows: int = 0  # valid rows that create a record (or would, on a dry run)
    changed_rows: int = 0  # valid rows that update a record (or would)
    unchanged_rows: int = 0  # valid rows matching a record that they leave as it is
    columns: list[str] = field(default_factory=list)  # the file's headers, as written
    rows: list[RowPlan] = field(default_factory=list)  # invalid and updating rows first
    # ``PLAN_LIMIT`` of them; more were left out

    @property
    def rows_truncated(self) -> bool:
        return len(self.rows) < self.invalid_rows + self.changed_rows

    @property
    def invalid_rows(self) -> int:
        return self.total_rows - self.valid_rows

    @property
    def refused(self) -> bool:
        """A real run that wrote nothing because of invalid rows."""
        return not self.dry_run and not self.applied and self.invalid_rows > 0


class Importer(Protocol):
    """``import_members``, ``import_organizations`` and ``import_admin_units``."""

    async def __call__(
        self,
        actor: Actor,
        *,
        content: bytes,
        dry_run: bool,
        valid_only: bool,
        progress: Progress | None = None,
    ) -> ImportReport: ...


def _importer(kind: Kind) -> Importer:
    async def run(
        actor: Actor,
        *,
        content: bytes,
        dry_run: bool,
        valid_only: bool,
        progress: Progress | None = None,
    ) -> ImportReport:
        return await _import(actor, content, kind, dry_run, valid_only, progress)

    return run


import_members = _importer(MEMBERS)
import_organizations = _importer(ORGANIZATIONS)
import_admin_units = _importer(ADMIN_UNITS)


async def _import(
    actor: Actor,
    content: bytes,
    kind: Kind,
    dry_run: bool,
    valid_only: bool,
    progress: Progress | None,
) -> ImportReport:
    require_editor(actor)
    # Parsing is the slow part (openpyxl): run it off the event loop, reporting progress on it.
    on_rows = _on_loop(progress) if progress is not None else None
    table = await asyncio.to_thread(read_table, content, kind.columns, on_rows)
    drafts = [Draft(record) for record in table.records]
    for draft in drafts:
        kind.check_row(draft)
    await kind.check_all(actor, drafts)
    valid = [draft for draft in drafts if draft.ok]
    changes = {id(draft): kind.changes(draft) for draft in valid}
    new = [draft for draft in valid if "current" not in draft.values]
    changed = [draft for draft in valid if changes[id(draft)]]
    apply = not dry_run and bool(valid) and (valid_only or len(valid) == len(drafts))
    if apply:
        await _write(actor, kind, table, new, [(d, changes[id(d)]) for d in changed])
    return ImportReport(
        total_rows=len(drafts),
        valid_rows=len(valid),
        created=len(new) if apply else 0,
        updated=len(changed) if apply else 0,
        new_rows=len(new),
        changed_rows=len(changed),
        unchanged_rows=len(valid) - len(new) - len(changed),
        errors=_row_errors(table, drafts),
        dry_run=dry_run,
        applied=apply,
        columns=list(table.headers.values()),
        rows=_plans(table, drafts, changes),
    )


def _on_loop(progress: Progress) -> Progress:
    """``progress`` called on the running event loop's thread, from any thread."""
    loop = asyncio.get_running_loop()

    def report(rows: int) -> None:
        loop.call_soon_threadsafe(progress, rows)

    return report


async def _write(
    actor: Actor,
    kind: Kind,
    table: Table,
    new: list[Draft],
    changed: list[tuple[Draft, dict[str, Any]]],
) -> None:
    objects = [kind.build(draft) for draft in new]
    try:
        async with in_transaction():
            for chunk in chunks(objects):
                await kind.model.bulk_create(chunk)
            await _update(actor, kind, changed)
            await audit.record(
                actor,
                kind.action,
                "AdminUnit",
                covering_unit([*objects, *(d.values["current"] for d, _ in changed)]),
                list(table.headers),
            )
    except IntegrityError as error:
        raise _clash(error) from None


def covering_unit(objects: Sequence[Model]) -> str:
    """The code of the smallest admin unit whose subtree holds every object: the longest
    common prefix of their units' paths ("/96/32002/"), a new unit counting as its parent."""
    common: list[str] | None = None
    for obj in objects:
        unit_path = getattr(obj, "unit_path", None)
        codes = str(unit_path or getattr(obj, "path", "")).strip("/").split("/")
        if unit_path is None:
            codes = codes[:-1]  # a unit being created: its parent holds it
        if common is None:
            common = codes
        else:
            same = 0
            while same < min(len(common), len(codes)) and common[same] == codes[same]:
                same += 1
            common = common[:same]
    return common[-1] if common else ""


async def _update(actor: Actor, kind: Kind, changed: list[tuple[Draft, dict[str, Any]]]) -> None:
    """One ``UPDATE … CASE`` per chunk of records (setting the fields that change
    somewhere in the chunk), the members of moved organisations with them, and one update
    event per record naming its changed fields (one INSERT per set of fields)."""
    now = utcnow()
    by_fields: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for chunk in chunks(changed, UPDATE_CHUNK):
        records: list[Model] = []
        for draft, changes in chunk:
            record: Model = draft.values["current"]
            for key, value in changes.items():
                setattr(record, key, value)
            record.updated_at = now  # type: ignore[attr-defined]
            records.append(record)
            by_fields[_audited(changes)].append(int(record.pk))
        names = sorted({key for _, changes in chunk for key in changes})
        await kind.model.bulk_update(records, fields=[*names, "updated_at"])
    moved = [int(d.values["current"].pk) for d, changes in changed if "unit_path" in changes]
    if kind.model is Organization and moved:
        await _move_members(moved)
    for fields, ids in by_fields.items():
        await audit.record_many(actor, kind.update_action, kind.object_type, ids, fields)


def _audited(changes: dict[str, Any]) -> tuple[str, ...]:
    """The changed fields as the trail names them: a move is ``admin_unit_code`` (the
    trail leaves out derived columns such as ``admin_unit_id`` and ``unit_path``)."""
    names = {"admin_unit_code" if key == "admin_unit_id" else key for key in changes}
    return tuple(sorted(names))


async def _move_members(organization_ids: list[int]) -> None:
    """Members sit where their organisation sits: one UPDATE per chunk of organisations."""
    table, source = Member._meta.db_table, Organization._meta.db_table
    for chunk in chunks(organization_ids):
        copy = f'(SELECT o."{{}}" FROM "{source}" o WHERE o."id" = "{table}"."organization_id")'  # noqa: S608 - model names
        sql = (
            f'UPDATE "{table}" SET "admin_unit_id" = {copy.format("admin_unit_id")}, '  # noqa: S608 - model names
            f'"unit_path" = {copy.format("unit_path")} '
            f'WHERE "organization_id" IN {value_groups(Member, len(chunk))}'
        )
        await Member._meta.db.execute_query(sql, list(chunk))


def _clash(error: IntegrityError) -> DomainError:
    """A concurrent write took a unique value between the checks and the insert."""
    text = str(error).lower()
    for key, code in UNIQUE_MEMBER_COLUMNS:
        if key in text:
            return DomainError(code)
    return DomainError("INVALID")


def _plans(table: Table, drafts: list[Draft], changes: dict[int, dict[str, Any]]) -> list[RowPlan]:
    """Invalid rows, then updating rows, in file order, up to ``PLAN_LIMIT``."""
    keys = list(table.headers)
    listed = [d for d in drafts if not d.ok] + [d for d in drafts if changes.get(id(d))]
    plans = []
    for draft in sorted(listed[:PLAN_LIMIT], key=lambda d: d.record.row):
        changed = changes.get(id(draft), {})
        action = RowAction.UPDATE if changed else RowAction.INVALID
        current: Model | None = draft.values.get("current")
        plans.append(
            RowPlan(
                row=draft.record.row,
                action=action,
                record_id=None if current is None else int(current.pk),
                changed=[table.header(key) for key in keys if _column_changed(key, changed)],
                cells=[draft.record.get(key) for key in keys],
            )
        )
    return plans


def _column_changed(key: str, changed: dict[str, Any]) -> bool:
    """Whether the file's column ``key`` set one of the ``changed`` model fields."""
    fields = COLUMN_FIELDS.get(key, (key,))
    return any(name in changed for name in fields)


def _row_errors(table: Table, drafts: list[Draft]) -> list[RowError]:
    order = {key: position for position, key in enumerate(table.headers)}
    return [
        RowError(row=draft.record.row, column=table.header(key), code=code, params=params)
        for draft in drafts
        for key, code, params in sorted(draft.errors, key=lambda e: order.get(e[0], len(order)))
    ]
