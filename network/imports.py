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
  write them. Database IDs never appear in a file, so an export can be edited and
  imported again, and a file prepared by a commune needs no lookup first.
- Units below a commune: "Mã xã/phường" (the commune, ward or special zone above),
  "Mã ấp/khóm", "Tên ấp/khóm", "Loại" (ấp, thôn, bản… -> HAMLET; khóm, tổ dân phố,
  khu phố -> RESIDENTIAL_GROUP).

Every row is checked and every error collected with its spreadsheet row number (the
header is row 1), the column as written in the file, a code and its parameters. Nothing
is written unless every row is valid, or ``valid_only`` asks for the valid rows alone.
Lookups run in bulk (one query per chunk of up to 500 values, never one per row);
writes are bulk inserts of 500 in one transaction, with one audit event per import that
names the columns, never their values; its object is the smallest admin unit holding
every imported row (``covering_unit``), so the trail says where the rows went.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from core import audit
from core.actor import Actor
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
from network.spreadsheets import Table, read_table

# Called with the number of rows just read from the file (every 500), for a progress bar.
Progress = Callable[[int], None]


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number; the header is row 1
    column: str  # the header as written in the file
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportReport:
    total_rows: int
    valid_rows: int
    created: int  # 0 on a dry run or when the file was refused
    errors: list[RowError]
    dry_run: bool
    applied: bool  # rows were written

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
    apply = not dry_run and bool(valid) and (valid_only or len(valid) == len(drafts))
    if apply:
        await _write(actor, kind, table, valid)
    return ImportReport(
        total_rows=len(drafts),
        valid_rows=len(valid),
        created=len(valid) if apply else 0,
        errors=_row_errors(table, drafts),
        dry_run=dry_run,
        applied=apply,
    )


def _on_loop(progress: Progress) -> Progress:
    """``progress`` called on the running event loop's thread, from any thread."""
    loop = asyncio.get_running_loop()

    def report(rows: int) -> None:
        loop.call_soon_threadsafe(progress, rows)

    return report


async def _write(actor: Actor, kind: Kind, table: Table, valid: list[Draft]) -> None:
    objects = [kind.build(draft) for draft in valid]
    try:
        async with in_transaction():
            for chunk in chunks(objects):
                await kind.model.bulk_create(chunk)
            await audit.record(
                actor, kind.action, "AdminUnit", covering_unit(objects), list(table.headers)
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


def _clash(error: IntegrityError) -> DomainError:
    """A concurrent write took a unique value between the checks and the insert."""
    text = str(error).lower()
    for key, code in UNIQUE_MEMBER_COLUMNS:
        if key in text:
            return DomainError(code)
    return DomainError("INVALID")


def _row_errors(table: Table, drafts: list[Draft]) -> list[RowError]:
    order = {key: position for position, key in enumerate(table.headers)}
    return [
        RowError(row=draft.record.row, column=table.header(key), code=code, params=params)
        for draft in drafts
        for key, code, params in sorted(draft.errors, key=lambda e: order.get(e[0], len(order)))
    ]
