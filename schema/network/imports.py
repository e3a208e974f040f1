"""GraphQL for importing the registry from a spreadsheet (CSV or Excel) sent as base64."""

from __future__ import annotations

import base64
import binascii

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import Actor
from i18n import Language, translate
from network import imports
from network.imports import Importer, ImportReport, RowAction, RowError, RowPlan
from schema.core.errors import ErrorCode, UserError
from schema.core.mutations import mutate
from schema.core.outputs import from_row
from schema.core.permissions import EDITORS


@strawberry.input(description="A spreadsheet to import; check it first with a dry run.")
class ImportInput:
    file_name: str = strawberry.field(
        description="For your records; the type is read from the content (CSV or .xlsx)."
    )
    content_base64: str = strawberry.field(description="The file's bytes, base64-encoded.")
    dry_run: bool = strawberry.field(
        default=True, description="Check every row and report, writing nothing."
    )
    valid_only: bool = strawberry.field(
        default=False, description="Import the valid rows even when others have errors."
    )


@strawberry.type(description="A problem found in one cell of the file.")
class ImportRowError:
    row: int = strawberry.field(description="Spreadsheet row number; the header is row 1.")
    column: str | None = strawberry.field(description="The column header as written in the file.")
    code: ErrorCode
    message: str

    @classmethod
    def from_error(cls, error: RowError, lang: Language) -> ImportRowError:
        return cls(
            row=error.row,
            column=error.column,
            code=ErrorCode(error.code),
            message=translate(f"error.{error.code}", lang, **error.params),
        )


ImportRowActionEnum = strawberry.enum(
    RowAction,
    name="ImportRowAction",
    description="What a row does: create or update a record, leave it as it is, or "
    "nothing because it has errors.",
)


@strawberry.type(description="One row of the file as the import plans it (or applied it).")
class ImportRowPlan:
    row: int = strawberry.field(description="Spreadsheet row number; the header is row 1.")
    action: ImportRowActionEnum  # type: ignore[valid-type]
    record_id: relay.GlobalID | None = strawberry.field(
        description="The record the row updates (the id column of an export)."
    )
    changed_columns: list[str] = strawberry.field(
        description="Headers of the cells that change the record."
    )
    cells: list[str] = strawberry.field(
        description="The row's cells as read from the file, in the order of `columns`."
    )

    @classmethod
    def from_plan(cls, plan: RowPlan, node_type: str | None) -> ImportRowPlan:
        record_id = None
        if plan.record_id is not None and node_type is not None:
            record_id = relay.GlobalID(node_type, str(plan.record_id))
        return cls(
            row=plan.row,
            action=plan.action,
            record_id=record_id,
            changed_columns=plan.changed,
            cells=plan.cells,
        )


@strawberry.type(name="ImportReport", description="What an import found, and what it wrote.")
class ImportReportType:
    total_rows: int
    valid_rows: int
    created: int = strawberry.field(description="Rows written; 0 on a dry run or when refused.")
    updated: int = strawberry.field(
        description="Records updated (rows carrying an id); 0 on a dry run or when refused."
    )
    new_rows: int = strawberry.field(description="Valid rows that create a record (or would).")
    changed_rows: int = strawberry.field(
        description="Valid rows that update the record of their id (or would)."
    )
    unchanged_rows: int = strawberry.field(
        description="Valid rows whose record already holds the same values."
    )
    dry_run: bool
    applied: bool = strawberry.field(description="True when rows were written.")
    row_errors: list[ImportRowError]
    columns: list[str] = strawberry.field(description="The file's headers, as written.")
    rows: list[ImportRowPlan] = strawberry.field(
        description="The rows with errors and the rows that update a record, in file order "
        "(at most 500; `rowsTruncated` says when more were left out)."
    )
    rows_truncated: bool

    @classmethod
    def from_report(
        cls, report: ImportReport, lang: Language, node_type: str | None = None
    ) -> ImportReportType:
        return from_row(
            cls,
            report,
            row_errors=[ImportRowError.from_error(e, lang) for e in report.errors],
            rows=[ImportRowPlan.from_plan(plan, node_type) for plan in report.rows],
        )


@strawberry.type
class ImportPayload:
    report: ImportReportType | None = None
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the file was refused (type, size, headers, or rows with errors).",
    )


async def _run(
    info: Info, input: ImportInput, importer: Importer, node_type: str | None = None
) -> ImportPayload:
    lang: Language = info.context.lang
    try:
        # Line breaks are tolerated (the `base64` tool wraps at 76 characters).
        content = base64.b64decode("".join(input.content_base64.split()), validate=True)
    except (binascii.Error, ValueError):
        message = translate("error.INVALID", lang)
        error = UserError(field="contentBase64", code=ErrorCode("INVALID"), message=message)
        return ImportPayload(report=None, errors=[error])
    actor: Actor = info.context.actor

    async def work() -> ImportReport:
        return await importer(
            actor, content=content, dry_run=input.dry_run, valid_only=input.valid_only
        )

    def present(report: ImportReport) -> ImportPayload:
        errors = []
        if report.refused:
            message = translate("error.IMPORT_HAS_ERRORS", lang, count=report.invalid_rows)
            errors = [UserError(field=None, code=ErrorCode("IMPORT_HAS_ERRORS"), message=message)]
        report_type = ImportReportType.from_report(report, lang, node_type)
        return ImportPayload(report=report_type, errors=errors)

    return await mutate(info, work, present, ImportPayload)


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        description="Import members from CSV or Excel (template: docs/templates/members.csv); "
        "rows carrying a member's id (exports do) update that member.",
        permission_classes=EDITORS,
    )
    async def import_members(self, info: Info, input: ImportInput) -> ImportPayload:
        return await _run(info, input, imports.import_members, "Member")

    @strawberry.mutation(
        description="Import organisations (template: docs/templates/organizations.csv); "
        "rows carrying an organisation's id (exports do) update it.",
        permission_classes=EDITORS,
    )
    async def import_organizations(self, info: Info, input: ImportInput) -> ImportPayload:
        return await _run(info, input, imports.import_organizations, "Organization")

    @strawberry.mutation(
        description="Import hamlets and residential groups below communes "
        "(template: docs/templates/admin_units.csv).",
        permission_classes=EDITORS,
    )
    async def import_admin_units(self, info: Info, input: ImportInput) -> ImportPayload:
        return await _run(info, input, imports.import_admin_units)
