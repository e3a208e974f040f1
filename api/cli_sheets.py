"""The spreadsheet commands of ``dxnet``: ``dxnet import …`` and ``dxnet export …``.

``api.cli`` adds ``import_app`` and ``export_app`` as the ``import`` and ``export``
groups. The domain modules (and openpyxl with them) load only when a spreadsheet
command runs, so the CLI's start-up stays light.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from api.cli_common import fail, fail_with, read_settings, run_with_db, system_actor
from core.errors import DomainError
from i18n import Language, translate

if TYPE_CHECKING:
    from network.imports import ImportReport

# Files with fewer rows finish before a progress bar would help.
PROGRESS_FROM_ROWS = 2_000

import_app = typer.Typer(
    help="Import the registry from CSV or Excel (templates in docs/templates/).",
    no_args_is_help=True,
)
export_app = typer.Typer(help="Export the registry to CSV or Excel.", no_args_is_help=True)

DryRun = Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")]
ValidOnly = Annotated[
    bool, typer.Option("--valid-only", help="Import the valid rows even if others have errors.")
]
MessageLang = Annotated[str, typer.Option("--lang", help="Language of messages: vi or en.")]
ImportFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]
ExportFormat = Annotated[str, typer.Option("--format", help="csv or xlsx.")]
ExportOutput = Annotated[Path, typer.Option("--output", dir_okay=False, help="File to write.")]
ExportUnit = Annotated[
    str | None, typer.Option("--admin-unit", help="Only this unit's subtree, e.g. 32002.")
]


# Command name: (kind in network.imports / network.exports, help).
IMPORTS = {
    "members": ("members", "Import members (template: docs/templates/members.csv)."),
    "organizations": (
        "organizations",
        "Import organisations (template: docs/templates/organizations.csv).",
    ),
    "admin-units": (
        "admin_units",
        "Import hamlets and residential groups below communes (docs/templates/admin_units.csv).",
    ),
}
EXPORTS = {
    "members": (
        "members",
        "Export active members, personal data included (recorded in the audit trail).",
    ),
    "organizations": ("organizations", "Export active organisations."),
}


def _import_command(kind: str) -> Callable[..., None]:
    def command(
        file: ImportFile,
        dry_run: DryRun = False,
        valid_only: ValidOnly = False,
        lang: MessageLang = "vi",
    ) -> None:
        run_import(kind, file, dry_run, valid_only, lang)

    return command


def _export_command(kind: str) -> Callable[..., None]:
    def command(
        output: ExportOutput,
        fmt: ExportFormat = "xlsx",
        admin_unit: ExportUnit = None,
        lang: MessageLang = "vi",
    ) -> None:
        run_export(kind, fmt, output, admin_unit, lang)

    return command


for _name, (_kind, _help) in IMPORTS.items():
    import_app.command(_name, help=_help)(_import_command(_kind))
for _name, (_kind, _help) in EXPORTS.items():
    export_app.command(_name, help=_help)(_export_command(_kind))


@export_app.command("survey-responses")
def export_survey_responses(
    survey: Annotated[int, typer.Option("--survey", help="The survey's number.")],
    output: ExportOutput,
    fmt: ExportFormat = "xlsx",
    admin_unit: ExportUnit = None,
) -> None:
    """Export every response of a survey: one row per response, one column per question."""
    from network import admin_units
    from surveys import exports as survey_exports

    if fmt not in survey_exports.FORMATS:
        raise typer.BadParameter("csv, xlsx", param_hint="--format")
    settings = read_settings()

    async def work() -> bytes:
        actor, _root = await system_actor()
        within = await admin_units.within(actor, code=admin_unit)
        return await survey_exports.export_responses(
            actor, survey_id=survey, fmt="xlsx" if fmt == "xlsx" else "csv", within=within
        )

    try:
        content = run_with_db(settings, work)
    except DomainError as error:
        fail_with(error)
    output.write_bytes(content)
    typer.echo(f"Written / đã ghi: {output}")


def run_import(kind: str, file: Path, dry_run: bool, valid_only: bool, lang: str) -> None:
    """Import ``file`` as the system actor, print every row error, exit 1 if any row was refused."""
    from network import imports
    from network.spreadsheets import MAX_IMPORT_BYTES, estimate_rows

    language = _language(lang)
    settings = read_settings()
    if file.stat().st_size > MAX_IMPORT_BYTES:
        fail(_message(language, "FILE_TOO_LARGE", max_mb=MAX_IMPORT_BYTES // 1_000_000))
    content = file.read_bytes()
    importer = getattr(imports, f"import_{kind}")
    rows = estimate_rows(content)

    async def work() -> ImportReport:
        actor, _root = await system_actor()
        label = translate("import.checking", language)
        hidden = rows < PROGRESS_FROM_ROWS
        with typer.progressbar(length=rows, label=label, hidden=hidden, file=sys.stderr) as bar:
            report: ImportReport = await importer(
                actor, content=content, dry_run=dry_run, valid_only=valid_only, progress=bar.update
            )
        return report

    try:
        report = run_with_db(settings, work)
    except DomainError as error:
        fail(_message(language, error.code, **error.params))
    _print_report(report, language)


def _print_report(report: ImportReport, lang: Language) -> None:
    for error in report.errors:
        message = _message(lang, error.code, **error.params)
        typer.echo(
            translate("import.row_error", lang, row=error.row, column=error.column, message=message)
        )
    total, valid, invalid = report.total_rows, report.valid_rows, report.invalid_rows
    typer.echo(translate("import.summary", lang, total=total, valid=valid, invalid=invalid))
    if report.changed_rows or report.unchanged_rows:  # the file carried ids (an export)
        new, changed, same = report.new_rows, report.changed_rows, report.unchanged_rows
        typer.echo(translate("import.plan", lang, new=new, changed=changed, unchanged=same))
    if report.dry_run:
        typer.echo(translate("import.dry_run", lang))
    elif report.applied:
        if report.created or not report.updated:
            typer.echo(translate("import.created", lang, created=report.created))
        if report.updated:
            typer.echo(translate("import.updated", lang, updated=report.updated))
    if report.refused:
        fail(_message(lang, "IMPORT_HAS_ERRORS", count=invalid))
    if report.errors:
        raise typer.Exit(1)


def run_export(kind: str, fmt: str, output: Path, admin_unit: str | None, lang: str) -> None:
    """Export the province (or ``admin_unit``'s subtree) as the system actor to ``output``."""
    from network import admin_units, exports

    if fmt not in exports.FORMATS:
        raise typer.BadParameter("csv, xlsx", param_hint="--format")
    language = _language(lang)
    settings = read_settings()
    exporter = getattr(exports, f"export_{kind}")

    async def work() -> bytes:
        actor, _root = await system_actor()
        within = await admin_units.within(actor, code=admin_unit)
        content: bytes = await exporter(actor, within=within, fmt=fmt)
        return content

    try:
        content = run_with_db(settings, work)
    except DomainError as error:
        fail(_message(language, error.code, **error.params))
    output.write_bytes(content)
    typer.echo(translate("export.written", language, path=str(output)))


def _language(lang: str) -> Language:
    return "en" if lang.lower().startswith("en") else "vi"


def _message(lang: Language, code: str, /, **params: object) -> str:
    return translate(f"error.{code}", lang, **params)
