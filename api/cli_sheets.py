"""The spreadsheet commands of ``dxnet``: ``dxnet import …`` and ``dxnet export …``.

``api.cli`` declares the commands; this module runs them, so the CLI's start-up stays
light (openpyxl loads only when a spreadsheet command runs).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from api.cli import _fail, _run_with_db, _settings, _system_actor
from core.errors import DomainError
from i18n import Language, translate
from network import admin_units, exports, imports
from network.imports import ImportReport
from network.spreadsheets import MAX_IMPORT_BYTES, estimate_rows

# Files with fewer rows finish before a progress bar would help.
PROGRESS_FROM_ROWS = 2_000


def run_import(kind: str, file: Path, dry_run: bool, valid_only: bool, lang: str) -> None:
    """Import ``file`` as the system actor, print every row error, exit 1 if any row was refused."""
    language = _language(lang)
    settings = _settings()
    if file.stat().st_size > MAX_IMPORT_BYTES:
        _fail(_message(language, "FILE_TOO_LARGE", max_mb=MAX_IMPORT_BYTES // 1_000_000))
    content = file.read_bytes()
    importer = getattr(imports, f"import_{kind}")
    rows = estimate_rows(content)

    async def work() -> ImportReport:
        actor, _root = await _system_actor()
        label = translate("import.checking", language)
        hidden = rows < PROGRESS_FROM_ROWS
        with typer.progressbar(length=rows, label=label, hidden=hidden, file=sys.stderr) as bar:
            report: ImportReport = await importer(
                actor, content=content, dry_run=dry_run, valid_only=valid_only, progress=bar.update
            )
        return report

    try:
        report = _run_with_db(settings, work)
    except DomainError as error:
        _fail(_message(language, error.code, **error.params))
        return
    _print_report(report, language)


def _print_report(report: ImportReport, lang: Language) -> None:
    for error in report.errors:
        message = _message(lang, error.code, **error.params)
        typer.echo(
            translate("import.row_error", lang, row=error.row, column=error.column, message=message)
        )
    total, valid, invalid = report.total_rows, report.valid_rows, report.invalid_rows
    typer.echo(translate("import.summary", lang, total=total, valid=valid, invalid=invalid))
    if report.dry_run:
        typer.echo(translate("import.dry_run", lang))
    elif report.applied:
        typer.echo(translate("import.created", lang, created=report.created))
    if report.refused:
        _fail(_message(lang, "IMPORT_HAS_ERRORS", count=invalid))
    if report.errors:
        raise typer.Exit(1)


def run_export(kind: str, fmt: str, output: Path, admin_unit: str | None, lang: str) -> None:
    """Export the province (or ``admin_unit``'s subtree) as the system actor to ``output``."""
    if fmt not in exports.FORMATS:
        raise typer.BadParameter("csv, xlsx", param_hint="--format")
    language = _language(lang)
    settings = _settings()
    exporter = getattr(exports, f"export_{kind}")

    async def work() -> bytes:
        actor, _root = await _system_actor()
        within = await admin_units.get_in_scope(actor, code=admin_unit) if admin_unit else None
        content: bytes = await exporter(actor, within=within, fmt=fmt)
        return content

    try:
        content = _run_with_db(settings, work)
    except DomainError as error:
        _fail(_message(language, error.code, **error.params))
        return
    output.write_bytes(content)
    typer.echo(translate("export.written", language, path=str(output)))


def _language(lang: str) -> Language:
    return "en" if lang.lower().startswith("en") else "vi"


def _message(lang: Language, code: str, /, **params: object) -> str:
    return translate(f"error.{code}", lang, **params)
