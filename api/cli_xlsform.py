"""``dxnet import xlsform FILE [--dry-run]`` and ``dxnet export xlsform --survey ID
--output FILE``: surveys to and from XLSForm (ODK, KoBoToolbox), as the system actor.

The import prints every construct not carried over exactly (sheet, row, column, what and
why) and the share of fields carried over, then creates a draft survey unless
``--dry-run``. ``api.cli`` imports this module so the commands join the ``import`` and
``export`` groups.
"""

from __future__ import annotations

from typing import Annotated

import typer
from tortoise.transactions import in_transaction

from api.cli_common import fail, read_settings, run_with_db, system_actor
from api.cli_sheets import DryRun, ExportOutput, ImportFile, MessageLang, export_app, import_app
from core.errors import DomainError, ValidationFailed
from i18n import Language, translate

AdminUnit = Annotated[
    str | None,
    typer.Option("--admin-unit", help="The unit surveyed (its code); the province by default."),
]


def _language(lang: str) -> Language:
    return "en" if lang.lower().startswith("en") else "vi"


def _fail(error: DomainError, lang: Language) -> None:
    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    for e in errors:
        message = translate(f"error.{e.code}", lang, **e.params)
        typer.secho(f"{e.field}: {message}" if e.field else message, fg="red", err=True)
    raise typer.Exit(1)


@import_app.command("xlsform")
def import_xlsform(
    file: ImportFile,
    dry_run: DryRun = False,
    admin_unit: AdminUnit = None,
    lang: MessageLang = "vi",
) -> None:
    """Import an XLSForm (.xlsx or .xls) as a draft survey; list what is not carried over."""
    from surveys import xlsform

    language = _language(lang)
    settings = read_settings()
    if file.stat().st_size > xlsform.MAX_XLSFORM_BYTES:
        max_mb = xlsform.MAX_XLSFORM_BYTES // 1_000_000
        fail(translate("error.FILE_TOO_LARGE", language, max_mb=max_mb))
    content = file.read_bytes()

    async def work() -> tuple[xlsform.XlsFormImport, int | None]:
        actor, root = await system_actor()
        async with in_transaction():
            mapped, survey = await xlsform.import_survey(
                actor, content=content, admin_unit_code=admin_unit or root.code, dry_run=dry_run
            )
        return mapped, survey.id if survey else None

    try:
        mapped, survey_id = run_with_db(settings, work)
    except DomainError as error:
        _fail(error, language)
        return
    for loss in mapped.losses:
        typer.echo(xlsform.describe(loss, language))
    total, exact = len(mapped.fields), mapped.exact
    share = 100 * exact / total if total else 100.0
    typer.echo(
        translate("xlsform.summary", language, total=total, exact=exact, share=f"{share:.0f}")
    )
    if survey_id is None:
        typer.echo(translate("import.dry_run", language))
    else:
        typer.echo(translate("xlsform.created", language, id=survey_id, title=mapped.title))


@export_app.command("xlsform")
def export_xlsform(
    survey: Annotated[int, typer.Option("--survey", help="The survey's number.")],
    output: ExportOutput,
    lang: MessageLang = "vi",
) -> None:
    """Export a survey as an XLSForm (survey, choices and settings sheets) for ODK or KoBo."""
    from surveys import xlsform_export

    language = _language(lang)
    settings = read_settings()

    async def work() -> bytes:
        actor, _root = await system_actor()
        _name, content = await xlsform_export.export_survey(actor, survey_id=survey)
        return content

    try:
        content = run_with_db(settings, work)
    except DomainError as error:
        _fail(error, language)
        return
    output.write_bytes(content)
    typer.echo(translate("export.written", language, path=str(output)))
